# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cxm_default_ticket_process_id = fields.Many2one(related="company_id.cxm_default_ticket_process_id", readonly=False)
    cxm_ticket_reference_next = fields.Char(
        string="Next ticket reference", compute="_compute_cxm_ticket_reference_next"
    )

    def _compute_cxm_ticket_reference_next(self):
        sequence = self.env["helpdesk.ticket"]._cxm_reference_sequence()
        sequence = sequence.sudo() if sequence else sequence
        for settings in self:
            settings.cxm_ticket_reference_next = sequence.get_next_char(sequence.number_next_actual) if sequence else ""

    def action_cxm_use_reference_format(self):
        """Settings button: CX-YYYY-NNNNNN references from now on."""
        self.env["helpdesk.ticket"]._cxm_set_reference_format()
        return {"type": "ir.actions.client", "tag": "reload"}
