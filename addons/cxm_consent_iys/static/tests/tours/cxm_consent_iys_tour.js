import { registry } from "@web/core/registry";

/**
 * A CX manager checks the İYS connector: the instance's İYS tab, the counter of
 * consents İYS rejected, the rejected delivery with İYS's error code, and sends it
 * again. The deliveries are made by the Python test against the fake İYS.
 */
registry.category("web_tour.tours").add("cxm_consent_iys_tour", {
    steps: () => [
        {
            content: "The İYS tab shows the registry codes",
            trigger: '.o_notebook a:contains("İYS")',
            run: "click",
        },
        {
            content: "İYS code and brand code",
            trigger: '.o_field_widget[name="cxm_iys_brand_code"]:contains("700001"), .o_field_widget[name="cxm_iys_brand_code"] input',
        },
        {
            content: "One consent was rejected by İYS",
            trigger: 'button[name="action_cxm_iys_view_pushes"]:contains("Rejected by İYS"):contains("1")',
            run: "click",
        },
        {
            content: "The rejected delivery shows İYS's error code",
            trigger: '.o_data_row:contains("H018"):contains("Rejected")',
        },
        {
            content: "The accepted one is listed too",
            trigger: '.o_data_row:contains("Accepted")',
        },
        {
            content: "Send the rejected one again",
            trigger: '.o_data_row:contains("H018") button[name="action_retry"]',
            run: "click",
        },
        {
            content: "It is back in the outbox",
            trigger: '.o_data_row:contains("In the Outbox")',
        },
    ],
});
