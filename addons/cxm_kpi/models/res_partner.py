# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_kpi_value_ids = fields.One2many("cxm.kpi.value", "partner_id", string="KPIs", readonly=True)

    def action_cxm_kpi_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_kpi.cxm_kpi_value_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action
