import { registry } from "@web/core/registry";

/**
 * A call comes in: the agent opens the caller's KPI card in the 360° view of
 * the call, the page next to their open tickets.
 */
registry.category("web_tour.tours").add("cxm_kpi_cti_card_tour", {
    steps: () => [
        {
            content: "The 360° view shows the caller",
            trigger: '.o_cxm_cti_call .o_field_widget[name="partner_id"] input:value("Ayla")',
        },
        {
            content: "Open the KPI card",
            trigger: ".o_cxm_cti_call .o_notebook a.nav-link:contains(KPIs)",
            run: "click",
        },
        {
            content: "The net purchases of the year",
            trigger: ".o_cxm_cti_call .o_cxm_kpi_card .o_kanban_record:contains(monetary) .o_cxm_kpi_value:contains(900)",
        },
        {
            content: "The RFM score",
            trigger: ".o_cxm_cti_call .o_cxm_kpi_card .o_kanban_record:contains(rfm):not(:contains(rfm_)) .o_cxm_kpi_value:contains(453)",
        },
    ],
});
