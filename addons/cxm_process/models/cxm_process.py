# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from html import escape

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CxmProcess(models.Model):
    _name = "cxm.process"
    _description = "Service process"
    _inherit = [
        "mail.thread",
        "cxm.process.design.cache",
        "cxm.process.graph",
        "cxm.process.working.hours",
        "cxm.process.scheduler",
        "cxm.process.demo",
    ]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    model = fields.Selection(
        selection=[("helpdesk.ticket", "Helpdesk ticket")],
        string="Target model",
        required=True,
        default="helpdesk.ticket",
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        help="Only an active process is enforced; activation checks the design first.",
    )
    is_template = fields.Boolean(help="A template is copied by 'Create process from template'; it is never enforced.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    description = fields.Html()
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working time",
        help="Calendar for SLA deadlines and working-hour durations; the company calendar when empty.",
    )
    sla_near_ratio = fields.Float(
        string="Near-due at",
        default=0.8,
        help="Share of the SLA target after which a ticket is shown as near due (0.8 = 80%).",
    )
    status_ids = fields.One2many("cxm.process.status", "process_id", string="Statuses", copy=False)
    transition_ids = fields.One2many("cxm.process.transition", "process_id", string="Transitions", copy=False)
    status_count = fields.Integer(compute="_compute_counts")
    transition_count = fields.Integer(compute="_compute_counts")
    validation_error_count = fields.Integer(compute="_compute_validation")
    validation_warning_count = fields.Integer(compute="_compute_validation")
    validation_html = fields.Html(compute="_compute_validation", sanitize=False, string="Validation")
    diagram_svg = fields.Html(compute="_compute_diagram_svg", sanitize=False, string="Diagram")

    @api.depends("status_ids", "transition_ids")
    def _compute_counts(self):
        for process in self:
            process.status_count = len(process.status_ids)
            process.transition_count = len(process.transition_ids)

    @api.depends(
        "status_ids.sequence",
        "status_ids.is_closing",
        "status_ids.stage_res_id",
        "transition_ids.from_status_ids",
        "transition_ids.to_status_id",
        "transition_ids.group_ids",
        "transition_ids.trigger",
    )
    def _compute_validation(self):
        for process in self:
            errors, warnings = process._cxm_validate()
            process.validation_error_count = len(errors)
            process.validation_warning_count = len(warnings)
            items = [Markup("<li class='text-danger'>%s</li>") % e for e in errors]
            items += [Markup("<li class='text-warning'>%s</li>") % w for w in warnings]
            if items:
                process.validation_html = Markup("<ul class='mb-0'>%s</ul>") % Markup("").join(items)
            else:
                process.validation_html = Markup("<p class='text-success mb-0'>%s</p>") % self.env._(
                    "The process is consistent."
                )

    @api.depends("status_ids.sequence", "status_ids.name", "status_ids.is_closing", "transition_ids.to_status_id")
    def _compute_diagram_svg(self):
        for process in self:
            process.diagram_svg = process._cxm_render_svg()

    @api.constrains("state", "status_ids", "transition_ids")
    def _check_consistent_when_active(self):
        for process in self.filtered(lambda p: p.state == "active"):
            process._cxm_check_consistent()

    # ------------------------------------------------------------------ actions
    def action_activate(self):
        for process in self:
            if process.is_template:
                raise UserError(self.env._("A template cannot be activated: create a process from it."))
            process._cxm_check_consistent()
        self.state = "active"
        return True

    def action_set_draft(self):
        self.state = "draft"
        return True

    # ------------------------------------------------------------------ business
    def _cxm_check_consistent(self):
        self.ensure_one()
        errors, _warnings = self._cxm_validate()
        if errors:
            raise ValidationError(
                self.env._("Process %(name)s is not consistent:\n%(errors)s", name=self.name, errors="\n".join(errors))
            )

    def _cxm_initial_status(self):
        self.ensure_one()
        return self.status_ids.sorted(lambda s: (s.sequence, s.id))[:1]

    def _cxm_status_for_stage(self, stage_id):
        self.ensure_one()
        return self.status_ids.filtered(lambda s: s.stage_res_id == stage_id)[:1]

    def _cxm_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or (self.company_id or self.env.company).resource_calendar_id

    def _cxm_reachable(self):
        """Statuses reachable from the initial status, by depth (for the diagram too)."""
        self.ensure_one()
        initial = self._cxm_initial_status()
        depth = {initial.id: 0} if initial else {}
        frontier = list(initial.ids)
        outgoing = defaultdict(set)
        for tr in self.transition_ids:
            for src in tr.from_status_ids:
                outgoing[src.id].add(tr.to_status_id.id)
        while frontier:
            nxt = []
            for sid in frontier:
                for tid in outgoing[sid]:
                    if tid not in depth:
                        depth[tid] = depth[sid] + 1
                        nxt.append(tid)
            frontier = nxt
        return depth, outgoing

    def _cxm_validate(self):
        """Return (errors, warnings) as lists of readable sentences."""
        self.ensure_one()
        errors, warnings = [], []
        statuses = self.status_ids
        if not statuses:
            return [self.env._("The process has no status.")], []
        seen = {}
        for status in statuses:
            if status.stage_res_id in seen:
                errors.append(self.env._("Stage %(stage)s is used by two statuses.", stage=status.name))
            seen[status.stage_res_id] = status
        depth, outgoing = self._cxm_reachable()
        for status in statuses:
            if status.id not in depth:
                errors.append(
                    self.env._("Status %(status)s cannot be reached from the initial status.", status=status.name)
                )
            if not status.is_closing and not outgoing[status.id]:
                errors.append(
                    self.env._(
                        "Status %(status)s is a dead end: it has no way out and is not a closing status.",
                        status=status.name,
                    )
                )
        pairs = defaultdict(list)
        for tr in self.transition_ids:
            if tr.to_status_id in tr.from_status_ids:
                errors.append(self.env._("Transition %(name)s leads from a status to itself.", name=tr.name))
            for src in tr.from_status_ids:
                pairs[(src.id, tr.to_status_id.id, tr.trigger)].append(tr)
        for (src, dst, _trigger), trs in pairs.items():
            if len(trs) > 1:
                errors.append(
                    self.env._(
                        "Duplicate transitions from %(src)s to %(dst)s: %(names)s.",
                        src=self.env["cxm.process.status"].browse(src).name,
                        dst=self.env["cxm.process.status"].browse(dst).name,
                        names=", ".join(trs_.name for trs_ in trs),
                    )
                )
        for tr in self.transition_ids.filtered("group_ids"):
            if not tr.sudo().group_ids.all_user_ids.filtered("active"):
                warnings.append(
                    self.env._("Nobody may fire transition %(name)s: no active user has its groups.", name=tr.name)
                )
        for tr in self.transition_ids.filtered(lambda t: t.trigger == "timer" and t.delay_hours <= 0):
            errors.append(self.env._("Automatic transition %(name)s needs a delay in hours.", name=tr.name))
        return errors, warnings

    def _cxm_render_svg(self):
        """Draw statuses as boxes in columns by distance from the initial status, transitions as arrows."""
        self.ensure_one()
        statuses = self.status_ids.sorted(lambda s: (s.sequence, s.id))
        if not statuses:
            return Markup("")
        depth, _outgoing = self._cxm_reachable()
        max_depth = max(depth.values(), default=0)
        columns = defaultdict(list)
        for status in statuses:
            columns[depth.get(status.id, max_depth + 1)].append(status)
        box_w, box_h, gap_x, gap_y, margin = 150, 40, 70, 30, 20
        pos = {}
        for col, members in columns.items():
            for row, status in enumerate(members):
                pos[status.id] = (margin + col * (box_w + gap_x), margin + row * (box_h + gap_y))
        width = margin * 2 + (max(columns) + 1) * (box_w + gap_x)
        height = margin * 2 + max(len(m) for m in columns.values()) * (box_h + gap_y)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="o_cxm_process_diagram" width="100%" '
            f'style="max-width: {width}px; height: auto;" viewBox="0 0 {width} {height}" '
            'font-family="sans-serif" font-size="12">',
            '<defs><marker id="cxm_arrow" markerWidth="10" markerHeight="8" refX="10" refY="4" orient="auto">'
            '<path d="M0,0 L10,4 L0,8 z" fill="#555"/></marker></defs>',
        ]
        for tr in self.transition_ids:
            if tr.to_status_id.id not in pos:
                continue
            x2, y2 = pos[tr.to_status_id.id]
            for src in tr.from_status_ids:
                if src.id not in pos:
                    continue
                x1, y1 = pos[src.id]
                sx, sy = x1 + box_w, y1 + box_h / 2
                ex, ey = x2, y2 + box_h / 2
                if ex <= sx:  # backward edge: leave from the top, curve above
                    sx, sy, ex, ey = x1 + box_w / 2, y1, x2 + box_w / 2, y2
                    cy = min(sy, ey) - 25
                    d = f"M{sx},{sy} C{sx},{cy} {ex},{cy} {ex},{ey}"
                else:
                    mx = (sx + ex) / 2
                    d = f"M{sx},{sy} C{mx},{sy} {mx},{ey} {ex},{ey}"
                dash = ' stroke-dasharray="4,3"' if tr.trigger != "manual" else ""
                parts.append(
                    f'<path class="o_cxm_edge" d="{d}" fill="none" stroke="#555"{dash} marker-end="url(#cxm_arrow)">'
                    f"<title>{escape(tr.name or '')}</title></path>"
                )
        for status in statuses:
            x, y = pos[status.id]
            fill = "#d4edda" if status.is_closing else ("#fff3cd" if status.sla_clock == "pause" else "#e7f1ff")
            stroke = "#dc3545" if status.id not in depth else "#0d6efd"
            label = escape((status.name or "")[:22])
            sla = f" · {status.sla_hours:g}h" if status.sla_hours else ""
            parts.append(
                f'<g class="o_cxm_node"><rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="6" '
                f'fill="{fill}" stroke="{stroke}"/><text x="{x + box_w / 2}" y="{y + box_h / 2 + 4}" '
                f'text-anchor="middle">{label}{escape(sla)}</text></g>'
            )
        parts.append("</svg>")
        return Markup("".join(parts))  # noqa: S704 - every dynamic part is escaped above

    def _cxm_copy_from_template(self, name):
        """Copy this process with its statuses and transitions (remapped) as a new draft process."""
        self.ensure_one()
        new = self.copy({"name": name, "is_template": False, "state": "draft"})
        status_map = {}
        for status in self.status_ids:
            status_map[status.id] = status.copy({"process_id": new.id}).id
        for tr in self.transition_ids:
            tr.copy(
                {
                    "process_id": new.id,
                    "from_status_ids": [(6, 0, [status_map[s.id] for s in tr.from_status_ids])],
                    "to_status_id": status_map[tr.to_status_id.id],
                }
            )
        return new
