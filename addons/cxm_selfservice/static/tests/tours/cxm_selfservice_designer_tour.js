import { registry } from "@web/core/registry";

/**
 * A key user opens a category's form in the back end: the live preview shows the questions as the
 * customer will see them (with the condition of a conditional one); adding a question updates the
 * preview before anything is saved.
 */
registry.category("web_tour.tours").add("cxm_selfservice_designer_tour", {
    steps: () => [
        {
            content: "The preview shows the subject field as customers see it",
            trigger: ".o_cxm_form_preview .o_cxm_field[data-key='subject'] input[name='subject']",
        },
        {
            content: "and the condition of a conditional field",
            trigger: ".o_cxm_form_preview .o_cxm_preview_condition:contains('Reason')",
        },
        {
            content: "The choices of a selection field",
            trigger: ".o_cxm_form_preview select[name='reason']:has(option:contains('Wrong size'))",
        },
        {
            content: "Add a question",
            trigger: "div[name='cxm_form_field_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { content: "Its label", trigger: ".modal div[name='label'] input", run: "edit Order number" },
        { content: "Its key", trigger: ".modal div[name='key'] input", run: "edit order_number" },
        { content: "Its help text", trigger: ".modal div[name='help'] input", run: "edit Printed on your receipt" },
        { content: "Keep it", trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "The preview shows the new question before the form is saved",
            trigger:
                ".o_cxm_form_preview .o_cxm_field[data-key='order_number']:contains('Order number'):contains('Printed on your receipt')",
        },
        { content: "Save the form", trigger: ".o_form_button_save:enabled", run: "click" },
        { content: "Saved", trigger: ".o_form_saved" },
    ],
});
