import { registry } from "@web/core/registry";

/**
 * The status bar of a ticket in "In Progress" of the complaint process: it
 * lists the process's statuses only, a status no transition reaches cannot be
 * clicked, a click the server refuses (Solution proposed needs an assignee)
 * leaves the form as it was, and a click on a reachable status fires its
 * transition (with the reason dialog).
 */
const bar = ".o_form_view .o_statusbar_status";
registry.category("web_tour.tours").add("cxm_process_statusbar_tour", {
    steps: () => [
        {
            content: "The bar shows the process's statuses",
            trigger: `${bar}:has(button:contains('Classified')):has(button:contains('Escalated'))`,
        },
        {
            content: "A stage of the team that is no status of the process is not listed",
            trigger: `${bar}:not(:has(button:contains('Tour stage outside')))`,
        },
        {
            content: "In Progress is the current status",
            trigger: `${bar} button.o_arrow_button_current:contains('In Progress')`,
        },
        {
            content: "No transition leads back to New: it cannot be clicked (shown or folded away)",
            trigger: `${bar}:has(button[disabled]:contains('New')):not(:has(button:not([disabled]):contains('New')))`,
        },
        {
            content: "Solution proposed is reachable",
            trigger: `${bar} button[data-cxm-reachable='1']:contains('Solution proposed'):not([disabled])`,
            run: "click",
        },
        {
            content: "The server refuses: the transition needs an assignee",
            trigger: ".modal:contains('fill in')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The form still shows In Progress, not the refused status",
            trigger: `body:not(:has(.modal)) ${bar} button.o_arrow_button_current:contains('In Progress')`,
        },
        {
            content: "Status still In Progress, nothing unsaved",
            trigger:
                ".o_form_view:not(:has(.o_form_status_indicator_dirty)) .o_field_widget[name='cxm_status_id']:contains('In Progress')",
        },
        {
            content: "Click Awaiting: its transition asks for a reason",
            trigger: `${bar} button:contains('Awaiting'):not([disabled])`,
            run: "click",
        },
        {
            content: "The reason dialog asks why",
            trigger: ".modal textarea",
            run: "edit Which model is it?",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The ticket is now awaiting the customer",
            trigger: `body:not(:has(.modal)) ${bar} button.o_arrow_button_current:contains('Awaiting')`,
        },
    ],
});
