import { registry } from "@web/core/registry";

/**
 * IT opens the integration cockpit: the instance card shows its calls and
 * errors of the last 24 hours; "Log" drills down to its API log, which also
 * has a graph of calls over time. Records are made by the Python test.
 */
registry.category("web_tour.tours").add("cxm_integration_cockpit_tour", {
    url: "/odoo/cxm-integration-cockpit",
    steps: () => [
        {
            content: "The instance card shows 3 calls in 24 h",
            trigger: '.o_kanban_record:contains("Tour ERP") .o_cxm_calls:contains("3")',
        },
        {
            content: "and 1 error",
            trigger: '.o_kanban_record:contains("Tour ERP") .o_cxm_errors:contains("1")',
        },
        {
            content: "Drill down to the log",
            trigger: '.o_kanban_record:contains("Tour ERP") button[name="action_view_logs"]',
            run: "click",
        },
        {
            content: "The failed call is in the log, masked",
            trigger: '.o_list_view .o_data_row:contains("/tour/orders"):contains("HTTP 502")',
        },
        {
            content: "Switch to the graph of calls over time",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
