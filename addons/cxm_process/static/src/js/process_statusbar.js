import { StatusBarField, statusBarField } from "@web/views/fields/statusbar/statusbar_field";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * Status bar of a record that follows a process.
 *
 * It lists the stages of the process's statuses only (not every stage of the
 * team), and a click is possible only on a status the current user can reach
 * now: it fires the transition that leads there (the reason dialog opens when
 * the transition asks for one). The stage is never written on the form first,
 * so a move the server refuses leaves the form exactly as it was: no refused
 * status, no SLA deadline of a status the record never entered. Records
 * without an enforced process keep Odoo's own status bar.
 */
export class CxmProcessStatusBarField extends StatusBarField {
    static template = "cxm_process.StatusBarField";

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.action = useService("action");
    }

    get processBar() {
        return this.props.record.data.cxm_statusbar || false;
    }

    getDomain() {
        const bar = this.processBar;
        return bar ? [["id", "in", bar.stage_ids]] : super.getDomain();
    }

    /**
     * The process's statuses, sent by the server (cxm_statusbar.stages): all of them, even when the
     * stage field's domain would hide a stage from the record's team.
     */
    getAllItems() {
        const bar = this.processBar;
        if (!bar || !bar.stages) {
            return super.getAllItems();
        }
        const current = this.props.record.data[this.props.name];
        return bar.stages.map((stage) => ({
            value: stage.id,
            label: stage.name,
            isFolded: stage.fold,
            isSelected: Boolean(current && current.id === stage.id),
        }));
    }

    transitionFor(item) {
        const bar = this.processBar;
        return bar ? bar.reachable[String(item.value)] || false : false;
    }

    isItemDisabled(item) {
        return Boolean(
            this.props.isDisabled || item.isSelected || (this.processBar && !this.transitionFor(item))
        );
    }

    getDropdownItemClassNames(item) {
        const classNames = super.getDropdownItemClassNames(item);
        return this.isItemDisabled(item) && !classNames.includes("disabled")
            ? `${classNames} disabled`.trim()
            : classNames;
    }

    async selectItem(item) {
        if (!this.processBar) {
            return super.selectItem(item);
        }
        const transitionId = this.transitionFor(item);
        if (!transitionId || item.isSelected) {
            return;
        }
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        const status = record.data.cxm_status_id;
        const fromStatusId = (status && status.id) || false;
        let action = false;
        try {
            action = await this.orm.call(record.resModel, "action_cxm_transition", [
                [record.resId],
                transitionId,
                fromStatusId,
            ]);
        } finally {
            if (!action) {
                // moved, or refused: show what the server holds, never the clicked status
                await record.load();
            }
        }
        if (action) {
            await this.action.doAction(action, { onClose: () => record.load() });
        }
    }
}

export const cxmProcessStatusBarField = {
    ...statusBarField,
    component: CxmProcessStatusBarField,
    fieldDependencies: [
        { name: "cxm_statusbar", type: "json" },
        { name: "cxm_status_id", type: "many2one", relation: "cxm.process.status" },
    ],
};

registry.category("fields").add("cxm_process_statusbar", cxmProcessStatusBarField);
