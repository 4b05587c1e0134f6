import { registry } from "@web/core/registry";

/**
 * An agent in a call's 360° view opens the caller's external data: the ERP
 * panel (a fake service started by the Python test) lists the caller's order
 * and the slow service says it did not answer, without blocking the screen.
 */
registry.category("web_tour.tours").add("cxm_customer_data_cti_tour", {
    steps: () => [
        {
            content: "The call's 360° view shows the caller",
            trigger: ".o_form_view.o_cxm_cti_call .o_field_widget[name=partner_id]:contains(Call Panel Customer), .o_cxm_cti_call .o_field_widget[name=partner_id] input",
        },
        {
            content: "Open the caller's external data",
            trigger: ".o_form_view button.o_cxm_cti_external_data",
            run: "click",
        },
        {
            content: "The ERP panel lists the delivered order",
            trigger: ".modal .o_cxm_panel:contains(Call ERP orders) td:contains(Delivered)",
        },
        {
            content: "The slow service says so",
            trigger: ".modal .o_cxm_panel:contains(Call slow ERP) .o_cxm_panel_message:contains(did not answer)",
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "Back on the call",
            trigger: "body:not(:has(.modal)) .o_form_view button.o_cxm_cti_external_data",
        },
    ],
});
