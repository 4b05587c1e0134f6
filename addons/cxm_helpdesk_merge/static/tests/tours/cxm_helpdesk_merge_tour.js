import { registry } from "@web/core/registry";

/**
 * An agent selects two tickets of the same customer in the list, merges them
 * with the Merge action, lands on the surviving ticket and finds the merged
 * one in its "Merged tickets" tab, cancelled by the merge transition.
 */
registry.category("web_tour.tours").add("cxm_helpdesk_merge_tour", {
    steps: () => [
        {
            content: "Select the first ticket",
            trigger: ".o_list_view .o_data_row:contains('Merge tour: dryer is noisy') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second ticket",
            trigger: ".o_list_view .o_data_row:contains('Merge tour: dryer noise again') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Merge",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Merge Helpdesk Tickets')",
            run: "click",
        },
        {
            content: "The wizard lists both tickets",
            trigger: ".modal .o_field_widget[name=ticket_ids] .o_tag:contains('dryer noise again')",
        },
        {
            content: "Merge them",
            trigger: ".modal button[name=merge_tickets]",
            run: "click",
        },
        {
            content: "The surviving ticket opens with its Merged tickets tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=cxm_merged_tickets]",
            run: "click",
        },
        {
            content: "The merged ticket is listed, cancelled",
            trigger: ".o_field_widget[name=cxm_merged_ticket_ids] .o_data_row:contains('Merge tour: dryer'):contains('Cancelled')",
        },
    ],
});
