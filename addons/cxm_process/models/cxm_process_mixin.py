# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import clean_context

from odoo.addons.cxm_base.tools import internal, internal_value

_logger = logging.getLogger(__name__)


class CxmProcessMixin(models.AbstractModel):
    """Records whose stage follows a CXM process.

    Every change of the stage field goes through ``write``; when the record
    follows an active process the change must match a transition the current
    user may fire (groups, condition, required fields, reason), the row is
    locked so that concurrent moves cannot both win, and a history row with
    the durations and the SLA result of the left status is written.
    """

    _name = "cxm.process.mixin"
    _description = "Record following a CXM process"
    _cxm_stage_field = "stage_id"
    _cxm_partner_field = "partner_id"

    cxm_process_id = fields.Many2one(
        "cxm.process",
        string="Process",
        index=True,
        copy=False,
        tracking=True,
        domain=lambda self: [("model", "=", self._name), ("is_template", "=", False)],
    )
    cxm_status_id = fields.Many2one("cxm.process.status", string="Status", compute="_compute_cxm_status_id", store=True)
    cxm_status_date = fields.Datetime(string="In status since", copy=False, readonly=True)
    cxm_sla_deadline = fields.Datetime(string="SLA deadline", copy=False, readonly=True, index="btree_not_null")
    cxm_sla_escalated = fields.Boolean(string="SLA escalated", copy=False, readonly=True)
    cxm_sla_state = fields.Selection(
        [("none", "No SLA"), ("paused", "Paused"), ("ok", "On time"), ("near", "Near due"), ("breached", "Breached")],
        string="SLA state",
        compute="_compute_cxm_sla_state",
        search="_search_cxm_sla_state",
    )
    cxm_allowed_transition_ids = fields.Many2many(
        "cxm.process.transition", string="Allowed transitions", compute="_compute_cxm_allowed_transition_ids"
    )
    cxm_can_force = fields.Boolean(compute="_compute_cxm_allowed_transition_ids")

    @api.depends(lambda self: ["cxm_process_id", self._cxm_stage_field])
    def _compute_cxm_status_id(self):
        Process = self.env["cxm.process"]
        Status = self.env["cxm.process.status"]
        for rec in self:
            process_id = rec.cxm_process_id.id
            status_id = process_id and Process._cxm_graph(process_id)["by_stage"].get(rec[self._cxm_stage_field].id)
            rec.cxm_status_id = Status.browse(status_id or [])

    @api.depends_context("uid")
    @api.depends("cxm_status_id", "cxm_sla_deadline", "cxm_status_date")
    def _compute_cxm_sla_state(self):
        now = fields.Datetime.now()
        for rec in self:
            status = rec.cxm_status_id.sudo()
            if not status or status.is_closing:
                rec.cxm_sla_state = "none"
            elif status.sla_clock == "pause":
                rec.cxm_sla_state = "paused"
            elif not rec.cxm_sla_deadline:
                rec.cxm_sla_state = "none"
            elif now > rec.cxm_sla_deadline:
                rec.cxm_sla_state = "breached"
            else:
                start = rec.cxm_status_date or now
                total = (rec.cxm_sla_deadline - start).total_seconds() or 1
                ratio = (now - start).total_seconds() / total
                rec.cxm_sla_state = "near" if ratio >= (status.process_id.sla_near_ratio or 0.8) else "ok"

    def _search_cxm_sla_state(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        values = {value} if operator == "=" else set(value)
        now = fields.Datetime.now()
        domains = []
        if "breached" in values:
            domains.append(
                [
                    ("cxm_sla_deadline", "<", now),
                    ("cxm_status_id.is_closing", "=", False),
                    ("cxm_status_id.sla_clock", "=", "run"),
                ]
            )
        if {"ok", "near"} & values:
            domains.append([("cxm_sla_deadline", ">=", now), ("cxm_status_id.is_closing", "=", False)])
        if not domains:
            return [("id", "=", 0)]
        result = domains[0]
        for dom in domains[1:]:
            result = ["|", *result, *dom] if len(result) == 1 else ["|", "&", *result, *dom]
        return result

    @api.depends_context("uid")
    @api.depends("cxm_status_id")
    def _compute_cxm_allowed_transition_ids(self):
        can_force = self.env.user.has_group("cxm_base.group_cxm_manager")
        for rec in self:
            rec.cxm_allowed_transition_ids = rec._cxm_allowed_transitions()
            rec.cxm_can_force = can_force and bool(rec.cxm_process_id)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("cxm_process_id")._cxm_enter_initial_status()
        return records

    def write(self, vals):
        stage_field = self._cxm_stage_field
        bypass = internal_value(self.env.context, "cxm_process_bypass")
        if bypass or (stage_field not in vals and "cxm_process_id" not in vals):
            return super().write(vals)
        if "cxm_process_id" in vals:
            vals = dict(vals)
            process = self.env["cxm.process"].browse(vals.pop("cxm_process_id"))
            res = self.write(vals) if vals else True
            self._cxm_set_process(process)
            return res
        target = vals[stage_field]
        target = target.id if isinstance(target, models.BaseModel) else target
        Process = self.env["cxm.process"]
        enforced = self.filtered(
            lambda r: (
                r.cxm_process_id
                and r[stage_field].id != target
                and Process._cxm_graph(r.cxm_process_id.id)["state"] == "active"
            )
        )
        res = True
        if self - enforced:
            res = super(CxmProcessMixin, self - enforced).write(vals)
        if enforced:
            enforced._cxm_move(target, vals)
        return res

    # ------------------------------------------------------------------ public API
    def cxm_fire_transition(self, transition_id, comment=None, from_status_id=None):
        """Fire transition ``transition_id`` on these records, as the current user.

        Refused with a UserError naming the guard when the transition is not
        available (wrong status, groups, condition, empty required fields,
        missing reason) or when another user moved a record meanwhile. Pass ``from_status_id`` (the
        status the caller saw) to be refused as well when the record moved since, even if the
        transition is also available from its new status. Returns True.
        """
        transition = self.env["cxm.process.transition"].sudo().browse(int(transition_id))
        Process = self.env["cxm.process"]
        to_stage = None
        for rec in self:
            graph = Process._cxm_graph(rec.cxm_process_id.id) if rec.cxm_process_id else None
            tr = next((t for t in graph["transitions"] if t["id"] == transition.id), None) if graph else None
            if not tr:
                if not transition.exists():
                    raise UserError(self.env._("Transition %(id)s does not exist.", id=transition_id))
                raise UserError(
                    self.env._(
                        "%(record)s does not follow process %(process)s.",
                        record=rec.display_name,
                        process=transition.process_id.name,
                    )
                )
            if rec.cxm_status_id.id not in tr["from"] or (from_status_id and rec.cxm_status_id.id != from_status_id):
                raise UserError(
                    self.env._(
                        "%(record)s changed meanwhile: it is now in status %(status)s, "
                        "where transition %(transition)s is not available. Reload and try again.",
                        record=rec.display_name,
                        status=rec.cxm_status_id.sudo().name or rec[self._cxm_stage_field].display_name,
                        transition=transition.name,
                    )
                )
            to_stage = graph["statuses"][tr["to"]]["stage"]
        if to_stage is None:
            return True
        checked = self.with_context(cxm_transition_id=internal(transition.id), cxm_comment=internal(comment))
        checked.write({self._cxm_stage_field: to_stage})
        return True

    def cxm_force_stage(self, stage_id, reason):
        """Managers only: move to ``stage_id`` whatever the transitions, with a mandatory reason (logged)."""
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only CXM managers may force a status change."))
        if not (reason or "").strip():
            raise UserError(self.env._("A reason is required to force a status change."))
        self.with_context(cxm_force_reason=internal(reason.strip())).write({self._cxm_stage_field: int(stage_id)})
        return True

    def action_cxm_transition(self, transition_id, from_status_id=None):
        """Header button: fire at once, or open the reason dialog when the transition asks for one."""
        self.ensure_one()
        transition = self.cxm_allowed_transition_ids.filtered(lambda t: t.id == int(transition_id))
        if not transition:
            return self.cxm_fire_transition(transition_id, from_status_id=from_status_id)  # raises why
        if transition.comment_required:
            return {
                "type": "ir.actions.act_window",
                "res_model": "cxm.process.transition.wizard",
                "name": transition.name,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {
                    "default_res_model": self._name,
                    "default_res_id": self.id,
                    "default_transition_id": transition.id,
                    "default_from_status_id": from_status_id or self.cxm_status_id.id,
                },
            }
        self.cxm_fire_transition(transition.id, from_status_id=from_status_id)
        return False

    def action_cxm_force(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxm.process.transition.wizard",
            "name": self.env._("Force status"),
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id, "default_mode": "force"},
        }

    # ------------------------------------------------------------------ engine
    def _cxm_allowed_transitions(self, trigger="manual"):
        """Transitions the current user may fire now on this record."""
        self.ensure_one()
        Transition = self.env["cxm.process.transition"]
        if not self.cxm_process_id:
            return Transition
        graph = self.env["cxm.process"]._cxm_graph(self.cxm_process_id.id)
        status_id = self.cxm_status_id.id
        if graph["state"] != "active" or not status_id:
            return Transition
        group_ids = set(self.env.user._get_group_ids())
        allowed = []
        for tr in graph["transitions"]:
            if tr["trigger"] != trigger or status_id not in tr["from"]:
                continue
            if tr["groups"] and not tr["groups"] & group_ids:
                continue
            if tr["condition"] and not self._cxm_condition_ok(tr):
                continue
            allowed.append(tr["id"])
        return Transition.browse(allowed)

    def _cxm_condition_ok(self, tr):
        return bool(self.filtered_domain(self.env["cxm.process.transition"].browse(tr["id"]).sudo()._cxm_domain()))

    def _cxm_move(self, target, vals):
        """Guarded stage change of records following an active process."""
        moves = self._cxm_plan_moves(target, vals)
        self._cxm_lock()
        now = fields.Datetime.now()
        by_status = defaultdict(self.browse)
        history_vals = []
        for rec, transition, dst, kind, comment in moves:
            history_vals.append(rec._cxm_history_vals(transition and transition[0], dst, kind, comment, now))
            by_status[rec.cxm_process_id, dst] |= rec
        for (process, dst), recs in by_status.items():
            write_vals = dict(
                vals,
                cxm_status_date=now,
                cxm_sla_deadline=process._cxm_deadline_for(dst.id, now),
                cxm_sla_escalated=False,
            )
            super(CxmProcessMixin, recs).write(write_vals)  # pylint: disable=super-method-mismatch
        self.env["cxm.process.history"]._cxm_insert(history_vals)
        self._cxm_invalidate_history()
        for rec, transition, _dst, _kind, comment in moves:
            if transition and (transition[1]["actions"] or comment):
                rec._cxm_run_actions(transition[0], comment)
            elif comment:
                rec._cxm_log(comment)
        return True

    def _cxm_plan_moves(self, target, vals):
        """Check every guard for each record; return [(record, transition, dst status, kind, comment)]."""
        ctx = self.env.context
        forced = internal_value(ctx, "cxm_force_reason")
        automatic = internal_value(ctx, "cxm_automatic")
        transition_id = internal_value(ctx, "cxm_transition_id")
        comment = internal_value(ctx, "cxm_comment") or forced
        if forced and not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only CXM managers may force a status change."))
        Process = self.env["cxm.process"]
        Status = self.env["cxm.process.status"].sudo()
        Transition = self.env["cxm.process.transition"].sudo()
        group_ids = set(self.env.user._get_group_ids())
        moves = []
        for rec in self:
            graph = Process._cxm_graph(rec.cxm_process_id.id)
            src_id = rec.cxm_status_id.id
            dst_id = graph["by_stage"].get(target) if target else None
            if not dst_id:
                rec._cxm_refuse_stage(target)
            dst = Status.browse(dst_id)
            if forced:
                moves.append((rec, None, dst, "forced", comment))
                continue
            candidates = [t for t in graph["transitions"] if t["to"] == dst_id and src_id in t["from"]]
            if transition_id:
                candidates = [t for t in candidates if t["id"] == transition_id]
            elif not automatic:
                candidates = [t for t in candidates if t["trigger"] == "manual"]
            if automatic:
                allowed = candidates
            else:
                allowed = [t for t in candidates if not t["groups"] or t["groups"] & group_ids]
            if not allowed:
                rec._cxm_refuse_move(src_id, dst, Transition.browse([t["id"] for t in candidates]))
            tr = allowed[0]
            transition = Transition.browse(tr["id"])
            if tr["condition"] and not rec._cxm_condition_ok(tr):
                raise UserError(
                    self.env._(
                        "%(record)s cannot take transition %(name)s: its condition is not met (%(cond)s).",
                        record=rec.display_name,
                        name=transition.name,
                        cond=tr["condition"],
                    )
                )
            if tr["required"] and any(not (vals[f] if f in vals else rec[f]) for f in tr["required"]):
                missing = transition._cxm_missing_fields(rec, vals)
                if missing:
                    raise UserError(
                        self.env._(
                            "%(record)s cannot take transition %(name)s: fill in %(fields)s first.",
                            record=rec.display_name,
                            name=transition.name,
                            fields=", ".join(missing),
                        )
                    )
            if tr["comment_required"] and not (comment or "").strip() and not automatic:
                raise UserError(self.env._("Transition %(name)s requires a reason (comment).", name=transition.name))
            moves.append((rec, (transition, tr), dst, "automatic" if automatic else "transition", comment))
        return moves

    def _cxm_refuse_stage(self, target):
        stage = self.env[self._fields[self._cxm_stage_field].comodel_name].browse(target)
        raise UserError(
            self.env._(
                "%(record)s: stage %(stage)s is not a status of process %(process)s.",
                record=self.display_name,
                stage=stage.sudo().display_name if target else "-",
                process=self.cxm_process_id.sudo().name,
            )
        )

    def _cxm_refuse_move(self, src_id, dst, candidates):
        src = self.env["cxm.process.status"].sudo().browse(src_id)
        targets = self._cxm_allowed_transitions().sudo().mapped("to_status_id.name")
        if candidates:
            reason = self.env._("your groups may not fire %(names)s", names=", ".join(candidates.mapped("name")))
        else:
            reason = self.env._("the process has no transition from %(src)s to %(dst)s", src=src.name, dst=dst.name)
        raise UserError(
            self.env._(
                "%(record)s cannot move to %(dst)s: %(reason)s. Allowed targets from %(src)s: %(targets)s.",
                record=self.display_name,
                dst=dst.name,
                reason=reason,
                src=src.name or "-",
                targets=", ".join(targets) or self.env._("none"),
            )
        )

    def _cxm_lock(self):
        """Lock the rows; refuse when another transaction holds them or changed the stage meanwhile."""
        stage_field = self._cxm_stage_field
        self.flush_recordset([stage_field])
        expected = {rec.id: rec[stage_field].id for rec in self}
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id, %s FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(stage_field),
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,  # a busy row is an expected outcome, reported below
                )
                current = dict(self.env.cr.fetchall())
        except (LockNotAvailable, SerializationFailure):
            # another transaction holds the row, or changed it after our snapshot: refuse now rather
            # than let Odoo retry the request on a ticket the user has not seen in its new status
            current = {}
        changed = self.filtered(lambda r: current.get(r.id) != expected[r.id])
        if changed:
            raise UserError(
                self.env._(
                    "%(records)s changed meanwhile (another user is moving it or just moved it). Reload and try again.",
                    records=", ".join(changed.mapped("display_name")),
                )
            )

    def _cxm_history_vals(self, transition, dst, kind, comment, now):
        self.ensure_one()
        process = self.cxm_process_id.sudo()
        src_id = self.cxm_status_id.id
        src = self.env["cxm.process"]._cxm_graph(process.id)["statuses"].get(src_id) or {}
        start = self.cxm_status_date or self.create_date or now
        duration = max((now - start).total_seconds() / 3600, 0.0)
        working = process._cxm_work_hours(start, now) if duration else 0.0
        if src.get("clock") == "pause":
            sla = "paused"
        elif src.get("sla_hours") and self.cxm_sla_deadline:
            sla = "met" if now <= self.cxm_sla_deadline else "breached"
        else:
            sla = "none"
        company = "company_id" in self._fields and self.company_id
        return {
            "res_model": self._name,
            "res_id": self.id,
            "company_id": company.id if company else False,
            "process_id": process.id,
            "transition_id": transition.id if transition else False,
            "from_status_id": src_id,
            "to_status_id": dst.id,
            "user_id": self.env.uid,
            "date": now,
            "entered_date": start,
            "comment": comment or False,
            "kind": kind,
            "duration_hours": duration,
            "working_hours": working,
            "sla_deadline": self.cxm_sla_deadline,
            "sla_result": sla,
            "sla_met_count": int(sla == "met"),
            "sla_breached_count": int(sla == "breached"),
            "count": 1,
            **self._cxm_history_link_vals(),
        }

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
                    "%(record)s moved to %(status)s.", record=self.display_name, status=transition.to_status_id.name
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
                super(CxmProcessMixin, rec).write(  # pylint: disable=super-method-mismatch
                    {"cxm_process_id": False, "cxm_sla_deadline": False}
                )
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
            super(CxmProcessMixin, rec).write(write_vals)  # pylint: disable=super-method-mismatch
        if history_vals:
            self.env["cxm.process.history"]._cxm_insert(history_vals)
            self._cxm_invalidate_history()
        return True

    def _cxm_invalidate_history(self):
        """History one2many tabs must show the new rows in their order (newest first)."""
        names = [
            name
            for name, field in self._fields.items()
            if field.type == "one2many" and field.comodel_name == "cxm.process.history"
        ]
        if names:
            self.invalidate_recordset(names)

    # ------------------------------------------------------------------ automation
    def _cxm_on_customer_reply(self):
        """Fire 'on customer reply' transitions from the current status (as the system)."""
        for rec in self.sudo().filtered("cxm_status_id"):
            process = rec.cxm_process_id
            if process.state != "active":
                continue
            transition = process.transition_ids.filtered(
                lambda t, r=rec: t.trigger == "customer_reply" and r.cxm_status_id in t.from_status_ids
            )[:1]
            if transition:
                rec.with_context(cxm_automatic=internal()).cxm_fire_transition(transition.id)

    def _cxm_fire_due_timers(self, transition, limit=None):
        """Fire the timer ``transition`` on records that waited long enough; return how many moved."""
        deadline = fields.Datetime.now() - timedelta(hours=transition.delay_hours)
        records = self.sudo().search(
            [
                ("cxm_process_id", "=", transition.process_id.id),
                ("cxm_status_id", "in", transition.from_status_ids.ids),
                ("cxm_status_date", "<=", deadline),
            ],
            limit=limit,
        )
        moved = 0
        for rec in records:
            try:
                with self.env.cr.savepoint():
                    rec.with_context(cxm_automatic=internal()).cxm_fire_transition(transition.id)
                moved += 1
            except UserError as e:
                _logger.info("Automatic transition %s skipped on %s: %s", transition.name, rec.display_name, e)
        return moved

    def _cxm_escalation_users(self):
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _cxm_escalate(self):
        """Activity + notification to whoever supervises the record, once per breach."""
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for rec in self.sudo():
            users = rec._cxm_escalation_users()
            summary = self.env._(
                "SLA breached in status %(status)s (deadline %(deadline)s)",
                status=rec.cxm_status_id.name,
                deadline=fields.Datetime.to_string(rec.cxm_sla_deadline),
            )
            if users and activity_type and hasattr(rec, "activity_schedule"):
                rec.activity_schedule(activity_type_id=activity_type.id, summary=summary, user_id=users[0].id)
            if hasattr(rec, "message_post"):
                rec.message_post(body=summary, subtype_xmlid="mail.mt_note", partner_ids=users.partner_id.ids)
        super(CxmProcessMixin, self.sudo()).write(  # pylint: disable=super-method-mismatch
            {"cxm_sla_escalated": True}
        )
        return True
