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

/**
 * A supervisor opens the profile of an agent who fell ill and hands their open
 * tickets to the rest of the team, after confirming.
 */
registry.category("web_tour.tours").add("cxm_assignment_agent_tour", {
    steps: () => [
        {
            content: "The profile shows the agent's open tickets",
            trigger: ".o_field_widget[name='open_ticket_count']:contains(3)",
        },
        {
            content: "Hand out their open tickets",
            trigger: "button[name='action_cxm_reassign_open_tickets']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal:contains(other available agents) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The supervisor is told how many tickets went out",
            trigger: ".o_notification:contains('3 open tickets were handed out again')",
        },
    ],
});
