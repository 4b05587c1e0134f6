# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmProcessStatus(models.Model):
    _inherit = "cxm.process.status"

    lead_stage_id = fields.Many2one("crm.stage", string="CRM stage", ondelete="restrict")

    @api.model
    def _cxm_stage_fields(self):
        return {**super()._cxm_stage_fields(), "crm.lead": "lead_stage_id"}

    @api.depends("ticket_stage_id", "ticket_stage_id.name", "lead_stage_id", "lead_stage_id.name")
    def _compute_stage_res_id(self):
        return super()._compute_stage_res_id()
