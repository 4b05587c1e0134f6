# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools.misc import clean_context

from odoo.addons.cxm_base.tools import internal


class CxmProcessMixinHistory(models.AbstractModel):
    """What a move leaves behind: history rows, transition actions, the initial status, process changes."""

    _name = "cxm.process.mixin.history"
    _description = "History and actions of moves"

    def _cxm_history_vals(self, transition, dst, kind, comment, now):
        self.ensure_one()
        return self._cxm_history_vals_many([(self, transition, dst, kind, comment)], now)[0]

    def _cxm_history_vals_many(self, moves, now):
        """History row values of ``moves`` ``[(record, transition, dst status, kind, comment)]``, set-based:
        one read of the records' fields (prefetched together), the process design from the cache."""
        Process = self.env["cxm.process"].sudo()
        has_company = "company_id" in self._fields
        processes = {}
        result = []
        timed = defaultdict(list)  # process id: [(row, start)] whose working hours are still to compute
        for rec, transition, dst, kind, comment in moves:
            process_id = rec.cxm_process_id.id
            if process_id not in processes:
                processes[process_id] = (Process.browse(process_id), Process._cxm_graph(process_id)["statuses"])
            statuses = processes[process_id][1]
            src_id = rec.cxm_status_id.id
            src = statuses.get(src_id) or {}
            start = rec.cxm_status_date or rec.create_date or now
            duration = max((now - start).total_seconds() / 3600, 0.0)
            deadline = rec.cxm_sla_deadline
            if src.get("clock") == "pause":
                sla = "paused"
            elif src.get("sla_hours") and deadline:
                sla = "met" if now <= deadline else "breached"
            else:
                sla = "none"
            result.append(
                {
                    "res_model": rec._name,
                    "res_id": rec.id,
                    "company_id": rec.company_id.id if has_company else False,
                    "process_id": process_id,
                    "transition_id": transition.id if transition else False,
                    "from_status_id": src_id,
                    "to_status_id": dst.id,
                    "user_id": self.env.uid,
                    "date": now,
                    "entered_date": start,
                    "comment": comment or False,
                    "kind": kind,
                    "duration_hours": duration,
                    "working_hours": 0.0,
                    "sla_deadline": deadline,
                    "sla_result": sla,
                    "sla_met_count": int(sla == "met"),
                    "sla_breached_count": int(sla == "breached"),
                    "count": 1,
                    **rec._cxm_history_link_vals(),
                }
            )
            if duration:
                timed[process_id].append((result[-1], start))
        for process_id, rows in timed.items():
            working = processes[process_id][0]._cxm_work_hours_many([start for _row, start in rows], now)
            for (row, _start), hours in zip(rows, working, strict=True):
                row["working_hours"] = hours
        return result

    def _cxm_history_link_vals(self):
        """Extra many2one of the history row pointing at this record (for one2many tabs)."""
        return {}

    def _cxm_customer(self):
        return self[self._cxm_partner_field] if self._cxm_partner_field in self._fields else self.env["res.partner"]

    def _cxm_log(self, body):
        if hasattr(self, "message_post"):
            self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _cxm_run_actions(self, transition, comment):
        self.ensure_one()
        self = self.with_env(self.env(context=clean_context(self.env.context)))  # noqa: PLW0642 - no default_* leaks
        if comment:
            self._cxm_log(self.env._("%(transition)s: %(comment)s", transition=transition.name, comment=comment))
        if transition.mail_template_id and hasattr(self, "message_post_with_source"):
            customer = self._cxm_customer()
            self.message_post_with_source(
                transition.mail_template_id,
                subtype_xmlid="mail.mt_comment",
                partner_ids=customer.ids,
            )
        if transition.activity_type_id and hasattr(self, "activity_schedule"):
            user = self["user_id"] if "user_id" in self._fields and self["user_id"] else self.env.user
            self.activity_schedule(
                activity_type_id=transition.activity_type_id.id,
                summary=transition.activity_summary or transition.name,
                date_deadline=fields.Date.context_today(self) + timedelta(days=transition.activity_delay_days),
                user_id=user.id,
            )
        if transition.server_action_id:
            transition.server_action_id.with_context(
                active_model=self._name, active_id=self.id, active_ids=self.ids
            ).run()
        if transition.notify_followers and hasattr(self, "message_post"):
            self.message_post(
                body=self.env._(
                    "%(record)s moved to %(status)s.",
                    record=self.display_name,
                    status=transition.to_status_id.display_name,
                ),
                subtype_xmlid="mail.mt_comment",
            )

    def _cxm_enter_initial_status(self):
        """New records start in the initial status of their process, whatever stage they were given."""
        now = fields.Datetime.now()
        by_status = defaultdict(self.browse)
        for rec in self:
            status = rec.cxm_process_id.sudo()._cxm_initial_status()
            by_status[status] |= rec
        for status, recs in by_status.items():
            vals = {"cxm_status_date": now, "cxm_sla_deadline": status._cxm_deadline(now), "cxm_sla_escalated": False}
            if status:
                vals[self._cxm_stage_field] = status.stage_res_id
            recs.with_context(cxm_process_bypass=internal()).write(vals)

    def _cxm_set_process(self, process, reason=None):
        """Attach ``process`` keeping the history: stay in the same stage if it is a status of the new
        process, else move to its initial status (logged as a re-routing)."""
        process = process.sudo()
        now = fields.Datetime.now()
        history_vals = []
        for rec in self:
            if rec.cxm_process_id.sudo() == process:
                continue
            old_process = rec.cxm_process_id.sudo()
            if not process:
                rec._cxm_write_unguarded({"cxm_process_id": False, "cxm_sla_deadline": False})
                continue
            status = process._cxm_status_for_stage(rec[self._cxm_stage_field].id) or process._cxm_initial_status()
            if old_process and rec.cxm_status_id:
                vals = rec._cxm_history_vals(None, status, "reroute", reason, now)
                vals["comment"] = reason or self.env._(
                    "Re-routed from process %(old)s to %(new)s.", old=old_process.name, new=process.name
                )
                vals["process_id"] = process.id
                history_vals.append(vals)
            write_vals = {
                "cxm_process_id": process.id,
                "cxm_status_date": now
                if status.stage_res_id != rec[self._cxm_stage_field].id or not old_process
                else rec.cxm_status_date,
                "cxm_sla_deadline": status._cxm_deadline(now),
                "cxm_sla_escalated": False,
            }
            if status.stage_res_id:
                write_vals[self._cxm_stage_field] = status.stage_res_id
            rec._cxm_write_unguarded(write_vals)
        if history_vals:
            self.env["cxm.process.history"]._cxm_insert(history_vals)
            self._cxm_invalidate_history()
        return True

    def _cxm_invalidate_history(self):
        """History one2many tabs must show the new rows in their order (newest first)."""
        names = self._cxm_history_field_names()
        if names:
            self.invalidate_recordset(names)

    @api.model
    @tools.ormcache()
    def _cxm_history_field_names(self):
        return tuple(
            name
            for name, field in self._fields.items()
            if field.type == "one2many" and field.comodel_name == "cxm.process.history"
        )
