# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.cxm_base.tools import internal, internal_value

_FLAGS = {}


def _flag(value):
    """``internal(value)``, the same flag object for the same transition id (or no comment): moves with
    the same transition then share one context, hence one environment and its caches, instead of
    creating a new environment (and the ORM's sudo/context variants of it) per move."""
    if value is not None and not isinstance(value, int):
        return internal(value)
    if value not in _FLAGS:
        _FLAGS[value] = internal(value)
    return _FLAGS[value]


class CxmProcessMixin(models.AbstractModel):
    """Records whose stage follows a CXM process.

    Every change of the stage field goes through ``write``; when the record
    follows an active process the change must match a transition the current
    user may fire (groups, condition, required fields, reason), the row is
    locked so that concurrent moves cannot both win, and a history row with
    the durations and the SLA result of the left status is written.
    """

    _name = "cxm.process.mixin"
    _inherit = ["cxm.process.mixin.moves", "cxm.process.mixin.history", "cxm.process.mixin.automation"]
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
    cxm_statusbar = fields.Json(
        string="Status bar",
        compute="_compute_cxm_allowed_transition_ids",
        help="What the status bar may show and do: the stages of the process's statuses and, per stage the "
        "current user can reach now, the transition that leads there (empty when the process is not enforced).",
    )

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
        Process = self.env["cxm.process"]
        for rec in self:
            allowed = rec._cxm_allowed_transitions()
            rec.cxm_allowed_transition_ids = allowed
            rec.cxm_can_force = can_force and bool(rec.cxm_process_id)
            graph = Process._cxm_graph(rec.cxm_process_id.id) if rec.cxm_process_id else None
            if not graph or graph["state"] != "active":
                rec.cxm_statusbar = False
                continue
            reachable = {}
            for tr in graph["transitions"]:
                if tr["id"] in allowed.ids:
                    reachable.setdefault(str(graph["statuses"][tr["to"]]["stage"]), tr["id"])
            stage_model = self.env[self._fields[self._cxm_stage_field].comodel_name]
            # the process's statuses, whatever stages the record's team shows, in the stages' order
            stages = stage_model.browse([s["stage"] for s in graph["statuses"].values()]).sorted()
            rec.cxm_statusbar = {
                "stage_ids": stages.ids,
                "stages": [
                    {"id": st.id, "name": st.display_name, "fold": bool("fold" in st._fields and st["fold"])}
                    for st in stages
                ],
                "reachable": reachable,
            }

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
            self._cxm_check_process_change(vals["cxm_process_id"])
            vals = dict(vals)
            process = self.env["cxm.process"].browse(vals.pop("cxm_process_id"))
            res = self.write(vals) if vals else True
            self._cxm_set_process(process)
            return res
        target = vals[stage_field]
        target = target.id if isinstance(target, models.BaseModel) else target
        Process = self.env["cxm.process"]
        active = {}  # process id: whether it is enforced (one cache look-up per process, not per record)
        enforced_ids = []
        for rec in self:
            process_id = rec.cxm_process_id.id
            if not process_id or rec[stage_field].id == target:
                continue
            if process_id not in active:
                active[process_id] = Process._cxm_graph(process_id)["state"] == "active"
            if active[process_id]:
                enforced_ids.append(rec.id)
        enforced = self.browse(enforced_ids)
        res = True
        if self - enforced:
            res = super(CxmProcessMixin, self - enforced).write(vals)
        if enforced:
            enforced._cxm_move(target, vals)
        return res

    def _cxm_check_process_change(self, process):
        """Removing or replacing the active process a record follows escapes its guard (detach, move
        freely, attach again): managers only, like a forced move. Routing re-attaches through the
        private ``_cxm_set_process``."""
        if self.env.su or self.env.user.has_group("cxm_base.group_cxm_manager"):
            return
        process_id = (process.id if isinstance(process, models.BaseModel) else process) or False
        Process = self.env["cxm.process"]
        changed = self.filtered(
            lambda r: (
                r.cxm_process_id
                and r.cxm_process_id.id != process_id
                and Process._cxm_graph(r.cxm_process_id.id)["state"] == "active"
            )
        )
        if changed:
            raise AccessError(
                self.env._(
                    "Only CXM managers may remove or replace the process of %(records)s: "
                    "change the category to re-route it instead.",
                    records=", ".join(changed.mapped("display_name")),
                )
            )

    def _cxm_write_unguarded(self, vals):
        """Write without the process guard (the engine's own writes, after its checks)."""
        return super().write(vals)

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
            process_id, status_id = rec.cxm_process_id.id, rec.cxm_status_id.id
            graph = Process._cxm_graph(process_id) if process_id else None
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
            if tr["trigger"] != "manual" and not internal_value(self.env.context, "cxm_automatic"):
                raise UserError(
                    self.env._(
                        "Transition %(transition)s fires by itself (on a customer reply or after a delay), "
                        "not by hand.",
                        transition=transition.name,
                    )
                )
            if status_id not in tr["from"] or (from_status_id and status_id != from_status_id):
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
        checked = self.with_context(cxm_transition_id=_flag(transition.id), cxm_comment=_flag(comment))
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
