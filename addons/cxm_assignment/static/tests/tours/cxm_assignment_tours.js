import { registry } from "@web/core/registry";

/**
 * A manager gives a team a capacity policy on its Assignment tab, then hands
 * out the open tickets of the members who are not present.
 */
registry.category("web_tour.tours").add("cxm_assignment_team_tour", {
    steps: () => [
        {
            content: "Open the Assignment tab of the team",
            trigger: ".o_notebook .nav-link:contains('Assignment')",
            run: "click",
        },
        {
            content: "Open the policy list",
            trigger: ".o_field_widget[name='cxm_assign_policy'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Choose capacity",
            trigger: ".o_select_menu_item:contains('Capacity')",
            run: "click",
        },
        {
            content: "At most 2 open tickets per agent",
            trigger: ".o_field_widget[name='cxm_assign_max_open'] input",
            run: "edit 2",
        },
        {
            content: "Only agents present in Odoo is ticked",
            trigger: ".o_field_widget[name='cxm_assign_need_presence'] input:checked",
        },
        {
            content: "Hand out the tickets of absent agents (saves the team first)",
            trigger: "button[name='action_cxm_reassign_absent']",
            run: "click",
        },
        {
            content: "The manager is told how many tickets went out",
            trigger: ".o_notification:contains('2 open tickets were handed out again')",
        },
        {
            content: "The team is saved with its policy",
            trigger: ".o_form_view .o_field_widget[name='cxm_assign_max_open'] input:value(2)",
        },
    ],
});
