import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * Header buttons for the transitions the current user may fire now.
 * The list comes from the computed field cxm_allowed_transition_ids; the
 * server decides again when the button is clicked (action_cxm_transition).
 */
export class CxmTransitionButtons extends Component {
    static template = "cxm_process.TransitionButtons";
    static props = { ...standardFieldProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
    }

    get transitions() {
        return this.props.record.data[this.props.name].records;
    }

    async onClick(transition) {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        const status = record.data.cxm_status_id;
        const fromStatusId = (Array.isArray(status) ? status[0] : status && status.id) || false;
        const action = await this.orm.call(record.resModel, "action_cxm_transition", [
            [record.resId],
            transition.resId,
            fromStatusId,
        ]);
        if (action) {
            await this.action.doAction(action, { onClose: () => record.load() });
        } else {
            await record.load();
        }
    }
}

export const cxmTransitionButtons = {
    component: CxmTransitionButtons,
    relatedFields: [
        { name: "display_name", type: "char" },
        {
            name: "button_type",
            type: "selection",
            selection: [
                ["primary", "Primary"],
                ["secondary", "Secondary"],
                ["danger", "Danger"],
            ],
        },
    ],
};

registry.category("fields").add("cxm_transition_buttons", cxmTransitionButtons);
