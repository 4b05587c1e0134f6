import { registry } from "@web/core/registry";

/**
 * A manager creates a segmentation with a "Champions" RFM segment, saves it,
 * recomputes it and opens its members.
 */
registry.category("web_tour.tours").add("cxm_segment_tour", {
    steps: () => [
        {
            content: "New segmentation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour value",
        },
        {
            content: "Add a segment",
            trigger: ".o_field_widget[name=segment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the segment",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tour champions",
        },
        {
            content: "It follows an RFM preset",
            trigger: ".modal .o_field_widget[name=rule_type] label:contains(RFM preset)",
            run: "click",
        },
        {
            content: "Champions",
            trigger: ".modal .o_field_widget[name=rfm_preset] label:contains(Champions)",
            run: "click",
        },
        {
            content: "Keep the segment",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The segment is listed",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=segment_ids] .o_data_row:contains(Tour champions)",
        },
        {
            content: "Save the segmentation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Recompute its members",
            trigger: ".o_form_view .o_form_saved button[name=action_recompute]",
            run: "click",
        },
        {
            content: "Recomputed",
            trigger: ".o_form_view .o_field_widget[name=last_computed_at]:not(:empty)",
        },
        {
            content: "Open the members",
            trigger: ".o_form_view button[name=action_view_members]",
            run: "click",
        },
        {
            content: "Ayla is a champion",
            trigger: ".o_list_view .o_data_row:contains(Ayla):contains(Tour champions)",
        },
    ],
});
