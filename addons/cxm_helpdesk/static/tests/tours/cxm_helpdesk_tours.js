import { registry } from "@web/core/registry";

/**
 * An agent quick-creates a ticket in the "Escalated" column of the kanban: the
 * ticket follows its team's default process and starts in its initial status
 * (New), not in the column it was typed in.
 */
registry.category("web_tour.tours").add("cxm_helpdesk_quick_create_tour", {
    steps: () => [
        {
            content: "Quick-create in the Escalated column",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Escalated')) .o_kanban_quick_add",
            run: "click",
        },
        {
            content: "Type the title",
            trigger: ".o_kanban_quick_create .o_field_widget[name='name'] input",
            run: "edit CXM quick escalated",
        },
        {
            content: "Say what happened",
            trigger: ".o_kanban_quick_create .o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor It arrived broken",
        },
        {
            content: "Add",
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "The ticket is created",
            trigger: ".o_kanban_record:contains('CXM quick escalated')",
        },
        {
            content: "Reload the board as the next visitor sees it",
            trigger: ".o_kanban_view",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "The ticket is in New, the initial status of its process",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('New')) .o_kanban_record:contains('CXM quick escalated')",
        },
        {
            content: "and not in Escalated",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Escalated')):not(:has(.o_kanban_record:contains('CXM quick escalated')))",
        },
    ],
});
