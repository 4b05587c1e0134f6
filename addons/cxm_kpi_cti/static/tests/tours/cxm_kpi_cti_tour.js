import { registry } from "@web/core/registry";

/**
 * A call comes in: the agent reads the caller's KPI card in the 360° view of
 * the call, first page of the notebook.
 */
registry.category("web_tour.tours").add("cxm_kpi_cti_card_tour", {
    steps: () => [
        {
            content: "The 360° view shows the caller",
            trigger: '.o_cxm_cti_call .o_field_widget[name="partner_id"] input:value("Ayla")',
        },
        {
            content: "The KPI card is the first page",
            trigger: ".o_cxm_cti_call .o_notebook a.nav-link.active:contains(KPIs)",
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
