import { registry } from "@web/core/registry";

/**
 * An agent looks a ticket up by its order reference and sees the order's lines on it.
 */
registry.category("web_tour.tours").add("cxm_ecommerce_order_search_tour", {
    steps: () => [
        {
            content: "Search the order reference",
            trigger: ".o_searchview_input",
            run: "edit SO-2026-0077",
        },
        {
            content: "Search it as an order reference",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains('Order Reference')",
            run: "click",
        },
        {
            content: "Open the one ticket about it",
            trigger: ".o_data_row:contains('Sipariş SO-2026-0077 hakkında') .o_data_cell",
            run: "click",
        },
        {
            content: "The ticket names the order",
            trigger: ".o_field_widget[name='cxm_order_refs']:contains('SO-2026-0077')",
        },
        {
            content: "Open the Orders tab",
            trigger: ".o_notebook .nav-link:contains('Orders')",
            run: "click",
        },
        {
            content: "The order's lines are there",
            trigger: ".o_field_widget[name='cxm_order_ids'] .o_data_row:contains('Kırmızı ayakkabı')",
        },
    ],
});
