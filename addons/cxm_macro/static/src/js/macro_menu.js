import { Component } from "@odoo/owl";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * "Macros" menu in the ticket header: the macros of the ticket's team. The
 * server applies the whole macro or nothing (action_cxm_apply_macro); the form
 * then shows what the server holds.
 */
export class CxmMacroMenu extends Component {
    static template = "cxm_macro.MacroMenu";
    static components = { Dropdown, DropdownItem };
    static props = { ...standardFieldProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
    }

    get macros() {
        return this.props.record.data[this.props.name].records;
    }

    async apply(macro) {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        try {
            await this.orm.call(record.resModel, "action_cxm_apply_macro", [[record.resId], macro.resId]);
            this.notification.add(macro.data.display_name, { type: "success" });
        } finally {
            await record.load();
        }
    }
}

registry.category("fields").add("cxm_macro_menu", {
    component: CxmMacroMenu,
    relatedFields: [{ name: "display_name", type: "char" }],
});
