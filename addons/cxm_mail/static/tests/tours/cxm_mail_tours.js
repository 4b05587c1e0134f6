import { registry } from "@web/core/registry";

/**
 * A manager checks the filtered automatic replies: the vacation reply is listed with
 * the header that marked it, and its ticket shows it as a note, still in its status.
 */
registry.category("web_tour.tours").add("cxm_mail_autoreply_tour", {
    steps: () => [
        {
            content: "The vacation reply is listed with its header",
            trigger: ".o_data_row:contains('Out of office: CXM tour'):contains('Auto-Submitted: auto-replied') td[name='subject']",
            run: "click",
        },
        {
            content: "The form names the ticket it was about: open it",
            trigger: ".o_form_view .o_field_widget[name='ticket_id'] a:contains('CXM tour ticket')",
            run: "click",
        },
        {
            content: "The ticket shows the automatic reply as a note",
            trigger: ".o-mail-Message:contains('the ticket was not reopened'):contains('Back on Monday')",
        },
        {
            content: "and is still waiting for the customer",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Awaiting')",
        },
    ],
});
