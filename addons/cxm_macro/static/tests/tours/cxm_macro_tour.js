import { registry } from "@web/core/registry";

/**
 * An agent applies "Offer a replacement" to a ticket in progress: the reply
 * is in the chatter, the ticket is theirs, with high priority, and in
 * "Solution proposed". Applied again there, the macro is refused as a whole:
 * the form still shows Solution proposed.
 */
const bar = ".o_form_view .o_statusbar_status";
registry.category("web_tour.tours").add("cxm_macro_tour", {
    steps: () => [
        {
            content: "The ticket is in progress",
            trigger: `${bar} button.o_arrow_button_current:contains('In Progress')`,
        },
        {
            content: "Open the macros",
            trigger: ".o_form_view button.o_cxm_macro_menu",
            run: "click",
        },
        {
            content: "Apply Offer a replacement",
            trigger: ".o-dropdown--menu .o_cxm_macro:contains('Offer a replacement')",
            run: "click",
        },
        {
            content: "The ticket moved to Solution proposed",
            trigger: `${bar} button.o_arrow_button_current:contains('Solution proposed')`,
        },
        {
            content: "The reply is in the chatter",
            trigger: ".o-mail-Message:contains('We replace it for free.')",
        },
        {
            content: "The ticket is the agent's now",
            trigger: ".o_field_widget[name=user_id] input:value('Macro Agent')",
        },
        {
            content: "Apply it again",
            trigger: ".o_form_view button.o_cxm_macro_menu",
            run: "click",
        },
        {
            content: "Offer a replacement",
            trigger: ".o-dropdown--menu .o_cxm_macro:contains('Offer a replacement')",
            run: "click",
        },
        {
            content: "Refused as a whole, with the reason",
            trigger: ".modal:contains('was not applied')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The form still shows Solution proposed",
            trigger: `body:not(:has(.modal)) ${bar} button.o_arrow_button_current:contains('Solution proposed')`,
        },
    ],
});
