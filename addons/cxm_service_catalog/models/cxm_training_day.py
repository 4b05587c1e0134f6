# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmTrainingDay(models.Model):
    """One day (or half-day) of a training session, on which attendance is taken."""

    _name = "cxm.training.day"
    _description = "Training Day"
    _order = "event_id, date, id"

    event_id = fields.Many2one("event.event", string="Session", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    part = fields.Selection([("half", "Half-day"), ("full", "Full day")], required=True, default="half")
    attendance_ids = fields.One2many("cxm.training.attendance", "day_id")
    present_count = fields.Integer(string="Present", compute="_compute_present_count")

    _event_date_unique = models.Constraint("UNIQUE(event_id, date)", "A session has one attendance sheet per date.")

    @api.depends("attendance_ids.present")
    def _compute_present_count(self):
        for day in self:
            day.present_count = len(day.attendance_ids.filtered("present"))

    @api.depends("date", "part")
    def _compute_display_name(self):
        parts = dict(self._fields["part"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{day.date} ({parts.get(day.part, '')})"

    def action_take_attendance(self):
        """Open the sheet with one line per registered participant, absent by default."""
        self.ensure_one()
        self.event_id._cxm_check_not_cancelled()
        registrations = self.event_id.registration_ids.filtered(lambda r: r.state in ("open", "done"))
        missing = registrations - self.attendance_ids.registration_id
        if not registrations:
            raise UserError(self.env._("Nobody is registered for this session yet."))
        self.env["cxm.training.attendance"].create(
            [{"day_id": self.id, "registration_id": reg.id, "present": False} for reg in missing]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance of %(day)s", day=self.display_name),
            "res_model": "cxm.training.attendance",
            "view_mode": "list",
            "domain": [("day_id", "=", self.id)],
            "target": "current",
        }
