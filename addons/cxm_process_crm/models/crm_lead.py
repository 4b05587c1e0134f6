# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "cxm.process.mixin"]

    cxm_history_ids = fields.One2many("cxm.process.history", "lead_id", string="Status history", readonly=True)

    def _cxm_history_link_vals(self):
        return {"lead_id": self.id}

    def _cxm_escalation_users(self):
        return self.team_id.user_id or self.user_id
