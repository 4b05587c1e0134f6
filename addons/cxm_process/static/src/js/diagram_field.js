import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/** Read-only display of the process diagram, an SVG generated (and escaped) by the server. */
export class CxmDiagramField extends Component {
    static template = "cxm_process.DiagramField";
    static props = { ...standardFieldProps };
}

registry.category("fields").add("cxm_diagram", { component: CxmDiagramField, supportedTypes: ["html"] });
