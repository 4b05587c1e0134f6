import { registry } from "@web/core/registry";

/**
 * The customer answered İPTAL on WhatsApp: the agent who picks a marketing template for them is warned
 * in the dialog before sending, and cancels.
 */
registry.category("web_tour.tours").add("cxm_consent_whatsapp_warning_tour", {
    steps: () => [
        {
            content: "Open the conversation",
            trigger: ".o_notebook .nav-link:contains('Conversation')",
            run: "click",
        },
        {
            content: "Send a WhatsApp template",
            trigger: "button:contains('Send WhatsApp template')",
            run: "click",
        },
        {
            content: "Pick the campaign template",
            trigger: ".modal .o_field_widget[name='template_id'] input",
            run: "edit spring",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains('spring_campaign')",
            run: "click",
        },
        {
            content: "The dialog warns that the customer withdrew their consent",
            trigger: ".modal .alert-warning:contains('has not approved commercial WhatsApp messages')",
        },
        {
            content: "The agent cancels",
            trigger: ".modal .modal-footer button:contains('Cancel')",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
