import { registry } from "@web/core/registry";

/**
 * An agent opens a ticket, opens its external data (a fake core-banking
 * service started by the Python test, asked with the ticket number and the
 * customer's company tax id), attaches the credit card account to the ticket
 * and sees it among the ticket's external references.
 */
registry.category("web_tour.tours").add("cxm_customer_data_ticket_panel_tour", {
    steps: () => [
        {
            content: "The ticket is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Card blocked), .o_form_view .o_field_widget[name=name] input",
        },
        {
            content: "Open its external data",
            trigger: ".o_form_view button[name=action_cxm_lookup_panels]",
            run: "click",
        },
        {
            content: "The accounts panel lists the customer's accounts",
            trigger: ".modal .o_cxm_panel:contains(Tour accounts) td:contains(Credit card)",
        },
        {
            content: "The failing service says so without breaking the dialog",
            trigger: ".modal .o_cxm_panel:contains(Tour failing ERP) .o_cxm_panel_message:contains(HTTP 500)",
        },
        {
            content: "Attach the credit card to the ticket",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Credit card) button[name=action_attach]",
            run: "click",
        },
        {
            content: "Back on the ticket: open its external references",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook a.nav-link:contains(External References)",
            run: "click",
        },
        {
            content: "The attached account is there",
            trigger: ".o_form_view .o_field_widget[name=cxm_reference_ids] .o_data_row:contains(TR00 0002):contains(Credit card)",
        },
    ],
});
