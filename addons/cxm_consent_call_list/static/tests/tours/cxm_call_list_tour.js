import { registry } from "@web/core/registry";

/**
 * A supervisor makes a call list from a segment and generates it: the customers without call consent are
 * left out and counted by reason.
 */
registry.category("web_tour.tours").add("cxm_call_list_generate_tour", {
    steps: () => [
        {
            content: "New call list",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour win-back",
        },
        {
            content: "Choose the segment",
            trigger: ".o_field_widget[name=segment_id] input",
            run: "edit Aranacak",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Aranacak)",
            run: "click",
        },
        {
            content: "Choose the call centre",
            trigger: ".o_field_widget[name=instance_id] input",
            run: "edit Tour PBX",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour PBX)",
            run: "click",
        },
        {
            content: "Generate",
            trigger: ".o_form_view button[name=action_generate]",
            run: "click",
        },
        {
            content: "The customers left out, by reason",
            trigger: ".o_cxm_call_list_excluded_banner:contains(withdrawn):contains(never consented)",
        },
        {
            content: "One to call",
            trigger: ".o_form_view button[name=action_view_lines]:contains(1)",
        },
    ],
});

/**
 * An agent works through the calls to make: the call opens its 360° view.
 */
registry.category("web_tour.tours").add("cxm_call_list_call_tour", {
    steps: () => [
        {
            content: "The consenting customer is to be called",
            trigger: ".o_list_view .o_data_row:contains(Arama 0)",
        },
        {
            content: "Nobody without consent is listed",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Arama 1)))",
        },
        {
            content: "Call",
            trigger: ".o_list_view .o_data_row:contains(Arama 0) button[name=action_call]",
            run: "click",
        },
        {
            content: "The 360° view of the call",
            trigger: '.o_cxm_cti_call .o_field_widget[name="partner_id"] input:value("Arama 0")',
        },
    ],
});
