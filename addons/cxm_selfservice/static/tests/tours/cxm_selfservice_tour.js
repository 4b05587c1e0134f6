import { registry } from "@web/core/registry";

/**
 * An anonymous customer opens the help centre, picks a category, forgets a required answer, sees the
 * error next to the field with what they typed kept, chooses "Other" (which shows "Tell us more"),
 * attaches a receipt and gets the acknowledgement with the ticket reference and status link.
 */
registry.category("web_tour.tours").add("cxm_selfservice_anonymous_tour", {
    url: "/help",
    steps: () => [
        { content: "Open the category tile", trigger: ".o_cxm_help_tile:contains('Help Returns')", run: "click", expectUnloadPage: true },
        { content: "Name", trigger: "input[name='name']", run: "edit Tour Customer" },
        { content: "E-mail", trigger: "input[name='email']", run: "edit tour.customer@example.com" },
        { content: "Subject", trigger: "input[name='subject']", run: "edit Wrong colour" },
        {
            content: "A matching article is suggested before submitting",
            trigger: ".o_cxm_suggestions:not(.d-none) a.o_cxm_suggestion:contains('colour looks different')",
        },
        {
            content: "'Tell us more' is hidden until 'Other' is chosen",
            trigger: ".o_cxm_help_form:has(.o_cxm_field[data-key='other_reason'].d-none)",
        },
        { content: "Reason: Other", trigger: "select[name='reason']", run: "select Other" },
        {
            content: "'Tell us more' appears",
            trigger: ".o_cxm_field[data-key='other_reason']:not(.d-none) input[name='other_reason']",
        },
        { content: "Submit without telling more", trigger: ".o_cxm_submit", run: "click", expectUnloadPage: true },
        {
            content: "The error is next to the field and the input is kept",
            trigger: ".o_cxm_field[data-key='other_reason'] .o_cxm_error",
        },
        { content: "Subject kept", trigger: "input[name='subject']:value(Wrong colour)" },
        {
            content: "Tell us more",
            trigger: "input[name='other_reason']",
            run: "edit The colour is not the one shown",
        },
        {
            content: "Attach the receipt",
            trigger: "input[name='receipt']",
            run() {
                const transfer = new DataTransfer();
                const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
                transfer.items.add(new File([pdf], "receipt.pdf", { type: "application/pdf" }));
                this.anchor.files = transfer.files;
            },
        },
        { content: "The name was kept too", trigger: "input[name='name']:value(Tour Customer)" },
        { content: "Submit", trigger: ".o_cxm_submit", run: "click", expectUnloadPage: true },
        { content: "Acknowledgement with the reference", trigger: ".o_cxm_help_ack .o_cxm_ticket_ref" },
        { content: "and the status link", trigger: ".o_cxm_help_ack a.o_cxm_status_link[href*='access_token']" },
    ],
});
