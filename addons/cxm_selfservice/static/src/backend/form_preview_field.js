import { Component, markup } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The form designer's live preview: shows the category form rendered on the server by the help
 * centre's own QWeb template (every value escaped there), as customers will see it, with its inputs,
 * selections and file fields (the generic HTML viewer would strip them).
 */
export class CxmFormPreviewField extends Component {
    static template = "cxm_selfservice.FormPreviewField";
    static props = { ...standardFieldProps };

    get html() {
        return markup(String(this.props.record.data[this.props.name] || ""));
    }
}

registry.category("fields").add("cxm_form_preview", {
    component: CxmFormPreviewField,
    supportedTypes: ["html"],
});
