import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * An agent opens "Customer Experience" from the apps menu and finds the
 * tickets of their team, but not those of another team, nor the
 * Configuration menu. The ticket names are given by the Python test.
 */
registry.category("web_tour.tours").add("cxm_base_agent_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Experience app",
            trigger: '.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]',
            run: "click",
        },
        {
            content: "The agent's team ticket is listed",
            trigger: '.o_kanban_record:contains("CXM tour: printer jammed")',
        },
        {
            content: "The other team's ticket is not",
            trigger: '.o_kanban_view:not(:has(.o_kanban_record:contains("CXM tour: secret B2B deal")))',
        },
        {
            content: "No Configuration menu for an agent",
            trigger: '.o_main_navbar:not(:has([data-menu-xmlid="cxm_base.menu_cxm_config"]))',
        },
        {
            content: "Open the ticket",
            trigger: '.o_kanban_record:contains("CXM tour: printer jammed")',
            run: "click",
        },
        {
            content: "The ticket form shows the customer",
            trigger: '.o_form_view .o_field_widget[name="partner_id"] input:value("Tour Customer")',
        },
    ],
});
