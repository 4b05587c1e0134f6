import { registry } from "@web/core/registry";

/**
 * A salesperson plans a customer's integrations from this database's live
 * instances (two call centres and a website, made by the Python test) and
 * turns the plan into a quotation with one line per instance.
 */
registry.category("web_tour.tours").add("cxm_integration_plan_quote_tour", {
    url: "/odoo/cxm-integration-plans/new",
    steps: () => [
        {
            content: "Name the plan",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour plan",
        },
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Tour Customer)",
            run: "click",
        },
        {
            content: "Add the live integrations",
            trigger: "button[name=action_prefill_from_instances]",
            run: "click",
        },
        {
            content: "Two call-centre lines: a second call centre is a second line",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Tour PBX Istanbul):contains(Call Centre Integration)",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Tour PBX Izmir):contains(Call Centre Integration)",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Tour website):contains(Self-Service Integration)",
        },
        {
            content: "Create the quotation",
            trigger: "button[name=action_create_quotation]",
            run: "click",
        },
        {
            content: "The quotation has the three instances",
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(Tour PBX Izmir)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(Tour website)",
        },
    ],
});
