# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    cxm_participant_id = fields.Many2one(
        "res.partner",
        string="Participant Contact",
        index="btree_not_null",
        help="The person who attends: certificates are issued to this contact.",
    )
    cxm_attendance_ids = fields.One2many("cxm.training.attendance", "registration_id", string="Attendance")
    cxm_days_present = fields.Integer(string="Days Present", compute="_compute_cxm_attendance")
    cxm_full_attendance = fields.Boolean(string="Full Attendance", compute="_compute_cxm_attendance")
    cxm_may_certify = fields.Boolean(string="May Be Certified", compute="_compute_cxm_attendance")
    cxm_certificate_ids = fields.One2many("cxm.certificate", "registration_id", string="Certificates")

    @api.depends("cxm_attendance_ids.present", "event_id.cxm_day_ids", "state", "cxm_participant_id")
    def _compute_cxm_attendance(self):
        for reg in self:
            days = reg.event_id.cxm_day_ids
            present = reg.cxm_attendance_ids.filtered("present").day_id
            reg.cxm_days_present = len(present)
            reg.cxm_full_attendance = bool(days) and not (days - present)
            attended = reg.cxm_full_attendance if reg.event_id.cxm_full_attendance else bool(present)
            reg.cxm_may_certify = (
                bool(reg.cxm_participant_id)
                and reg.state != "cancel"
                and attended
                and not reg.event_id.cxm_is_cancelled
            )

    def _cxm_sync_attended(self):
        """A participant present on every day of the session has attended it
        (Odoo's own "Attended" state, which the sale order counts as delivered)."""
        for reg in self:
            if reg.state == "open" and reg.cxm_full_attendance:
                reg.state = "done"
            elif reg.state == "done" and reg.event_id.cxm_day_ids and not reg.cxm_full_attendance:
                reg.state = "open"
