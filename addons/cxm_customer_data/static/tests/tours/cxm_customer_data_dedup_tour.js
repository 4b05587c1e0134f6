import { registry } from "@web/core/registry";

/**
 * A manager detects duplicates, opens the group of two "Fatma" customers
 * sharing an e-mail, merges them, then opens the kept customer's external
 * data: the ERP panel (a fake service started by the Python test) lists the
 * customer's order.
 */
registry.category("web_tour.tours").add("cxm_customer_data_dedup_tour", {
    url: "/odoo/action-cxm_customer_data.cxm_duplicate_group_action",
    steps: () => [
        {
            content: "Detect duplicates",
            trigger: ".o_list_view button.o_cxm_detect",
            run: "click",
        },
        {
            content: "The group of the two Fatma customers is listed",
            trigger: ".o_data_row:contains(Fatma Tour Kaya) td[name=reason]",
            run: "click",
        },
        {
            content: "The group opens",
            trigger: ".o_form_view .o_form_statusbar button[name=action_merge]",
        },
        {
            content: "It says why",
            trigger: ".o_form_view .o_field_widget[name=reason]:contains(same email)",
        },
        {
            content: "Merge",
            trigger: ".o_form_view .o_form_statusbar button[name=action_merge]",
            run: "click",
        },
        {
            content: "A merge asks for confirmation first",
            trigger: ".modal:contains(Merge these customers into the master) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The group is merged",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Merged)",
        },
        {
            content: "Open the merge log entry",
            trigger: ".o_form_view .o_field_widget[name=merge_log_id] a, .o_form_view .o_field_widget[name=merge_log_id]",
        },
        {
            content: "Open the kept customer from the group",
            trigger: ".o_form_view .o_field_widget[name=partner_ids] .o_data_row:contains(Fatma Tour Kaya)",
        },
    ],
});

registry.category("web_tour.tours").add("cxm_customer_data_panel_tour", {
    url: "/odoo/action-cxm_base.action_cxm_customers",
    steps: () => [
        {
            content: "Find the customer",
            trigger: ".o_searchview_input",
            run: "edit Panel Tour Customer",
        },
        {
            content: "Search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the customer",
            trigger: ".o_data_row:contains(Panel Tour Customer) td.o_data_cell",
            run: "click",
        },
        {
            content: "Open its external data",
            trigger: ".o_form_view button[name=action_cxm_lookup_panels]",
            run: "click",
        },
        {
            content: "The ERP panel lists the delivered order",
            trigger: ".modal .o_cxm_panel:contains(Tour ERP orders) td:contains(Delivered)",
        },
        {
            content: "The failing service says so without breaking the dialog",
            trigger: ".modal .o_cxm_panel:contains(Tour failing ERP) .o_cxm_panel_message:contains(HTTP 500)",
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
    ],
});
