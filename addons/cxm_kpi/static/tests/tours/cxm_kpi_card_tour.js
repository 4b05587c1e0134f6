import { registry } from "@web/core/registry";

/**
 * An agent opens a customer's form, goes to the KPI card and reads the values
 * computed from the customer's purchases and tickets.
 */
registry.category("web_tour.tours").add("cxm_kpi_card_tour", {
    steps: () => [
        {
            content: "The customer is open",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Ayla), .o_form_view .o_field_widget[name=name]:contains(Ayla)",
        },
        {
            content: "Open the KPI card",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(KPIs)",
            run: "click",
        },
        {
            content: "The net purchases of the year, in the company's currency",
            trigger: ".o_cxm_kpi_card .o_kanban_record:contains(monetary) .o_cxm_kpi_value:contains(900)",
        },
        {
            content: "Recency in days",
            trigger: ".o_cxm_kpi_card .o_kanban_record:contains(recency) .o_cxm_kpi_value:contains(10 days)",
        },
        {
            content: "The RFM score",
            trigger: ".o_cxm_kpi_card .o_kanban_record:contains(rfm):not(:contains(rfm_)) .o_cxm_kpi_value:contains(453)",
        },
        {
            content: "Complaints come from the tickets",
            trigger: ".o_cxm_kpi_card .o_kanban_record:contains(complaints_365) .o_cxm_kpi_value:contains(1)",
        },
    ],
});
