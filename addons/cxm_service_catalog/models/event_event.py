# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class EventEvent(models.Model):
    """A session of the catalogue is an Odoo event: per-participant trainings
    sell seats through event_sale's tickets; per-session trainings, workshops
    and specialist days are delivered by sessions linked to their sale line
    (``cxm_sale_line_id``): held, they count as delivered."""

    _inherit = "event.event"

    cxm_product_id = fields.Many2one(
        "product.product",
        string="Catalogue Service",
        domain=[("cxm_pricing_unit", "in", ("participant", "session", "specialist_day", "fixed"))],
        index="btree_not_null",
        help="The catalogue training, workshop or service this session delivers.",
    )
    cxm_service_kind = fields.Selection(related="cxm_product_id.cxm_service_kind")
    cxm_pricing_unit = fields.Selection(related="cxm_product_id.cxm_pricing_unit")
    cxm_full_attendance = fields.Boolean(
        string="Full Attendance Required",
        compute="_compute_cxm_full_attendance",
        store=True,
        readonly=False,
        help="Participants must be present on every day to be certified (design trainings).",
    )
    cxm_certification_survey_id = fields.Many2one(
        "survey.survey",
        string="Certification",
        compute="_compute_cxm_certification_survey_id",
        store=True,
        readonly=False,
        domain=[("certification", "=", True)],
    )
    cxm_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Delivers Order Line",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The order line this session delivers: once held, it counts as delivered (a session, its days, "
        "or the fixed-price job).",
    )
    cxm_day_ids = fields.One2many("cxm.training.day", "event_id", string="Training Days")
    cxm_is_cancelled = fields.Boolean(string="Cancelled", compute="_compute_cxm_is_cancelled")
    cxm_is_held = fields.Boolean(string="Held", compute="_compute_cxm_is_held", store=True)

    @api.depends("cxm_product_id")
    def _compute_cxm_full_attendance(self):
        for event in self:
            event.cxm_full_attendance = event.cxm_product_id.cxm_service_kind == "design_training"

    @api.depends("cxm_product_id")
    def _compute_cxm_certification_survey_id(self):
        for event in self:
            event.cxm_certification_survey_id = event.cxm_product_id.cxm_certification_survey_id

    @api.depends("kanban_state")
    def _compute_cxm_is_cancelled(self):
        for event in self:
            event.cxm_is_cancelled = event.kanban_state == "cancel"

    @api.depends("stage_id.pipe_end", "kanban_state")
    def _compute_cxm_is_held(self):
        for event in self:
            event.cxm_is_held = bool(event.stage_id.pipe_end) and not event.cxm_is_cancelled

    @api.constrains("cxm_sale_line_id", "cxm_product_id")
    def _check_cxm_sale_line(self):
        for event in self.filtered("cxm_sale_line_id"):
            line = event.cxm_sale_line_id
            if line.product_id != event.cxm_product_id:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s delivers %(service)s, not %(sold)s (order %(order)s).",
                        session=event.display_name,
                        service=event.cxm_product_id.display_name or self.env._("no catalogue service"),
                        sold=line.product_id.display_name,
                        order=line.order_id.name,
                    )
                )
            if line.product_id.cxm_pricing_unit == "participant":
                raise ValidationError(
                    self.env._(
                        "%(service)s is sold per participant: its sessions deliver the seats sold, not an order line.",
                        service=line.product_id.display_name,
                    )
                )

    def _cxm_days_worked(self):
        """Specialist days of these sessions: a full day counts 1, a half-day 0.5."""
        return sum(1.0 if day.part == "full" else 0.5 for day in self.cxm_day_ids)

    def _cxm_check_not_cancelled(self):
        for event in self:
            if event.cxm_is_cancelled:
                raise UserError(
                    self.env._(
                        "The session %(session)s is cancelled: no attendance can be recorded.",
                        session=event.display_name,
                    )
                )

    def action_cxm_generate_days(self):
        """One attendance sheet per half-day and full day of the training, on
        consecutive working days from the session's start."""
        for event in self:
            product = event.cxm_product_id
            if not product:
                raise UserError(self.env._("Choose the training this session delivers first."))
            if event.cxm_day_ids:
                continue
            parts = ["half"] * product.cxm_half_days + ["full"] * product.cxm_full_days or ["full"]
            day = fields.Date.to_date(event.date_begin)
            vals = []
            for part in parts:
                while day.weekday() >= 5:
                    day += timedelta(days=1)
                vals.append({"event_id": event.id, "date": day, "part": part})
                day += timedelta(days=1)
            self.env["cxm.training.day"].create(vals)
        return True

    def action_cxm_send_certification(self):
        """Invite every participant with full attendance to the certification."""
        self.ensure_one()
        survey = self.cxm_certification_survey_id
        if not survey:
            raise UserError(self.env._("This session has no certification."))
        registrations = self.registration_ids.filtered(lambda r: r.cxm_may_certify)
        if not registrations:
            raise UserError(
                self.env._(
                    "Nobody may take the certification yet: it needs a participant contact and %(rule)s.",
                    rule=self.env._("full attendance") if self.cxm_full_attendance else self.env._("attendance"),
                )
            )
        partners = registrations.cxm_participant_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send the certification"),
            "res_model": "survey.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_survey_id": survey.id, "default_partner_ids": partners.ids},
        }
