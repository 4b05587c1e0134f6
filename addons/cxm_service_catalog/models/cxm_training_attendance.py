# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CxmTrainingAttendance(models.Model):
    """Whether one participant was present on one day of a training session."""

    _name = "cxm.training.attendance"
    _description = "Training Attendance"
    _order = "day_id, registration_id"

    day_id = fields.Many2one("cxm.training.day", required=True, ondelete="cascade", index=True)
    event_id = fields.Many2one(related="day_id.event_id", store=True, index=True)
    registration_id = fields.Many2one(
        "event.registration", string="Participant", required=True, ondelete="cascade", index=True
    )
    present = fields.Boolean()

    _day_registration_unique = models.Constraint(
        "UNIQUE(day_id, registration_id)", "A participant is marked once per day."
    )

    @api.constrains("day_id", "registration_id", "present")
    def _check_session(self):
        for line in self:
            line.day_id.event_id._cxm_check_not_cancelled()
            if line.registration_id.event_id != line.day_id.event_id:
                raise ValidationError(
                    self.env._(
                        "%(participant)s is not registered for %(session)s.",
                        participant=line.registration_id.display_name,
                        session=line.day_id.event_id.display_name,
                    )
                )
            if line.registration_id.state == "cancel":
                raise ValidationError(
                    self.env._(
                        "The registration of %(participant)s is cancelled: no attendance can be recorded.",
                        participant=line.registration_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.registration_id._cxm_sync_attended()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "present" in vals:
            self.registration_id._cxm_sync_attended()
        return res
