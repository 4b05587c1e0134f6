# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCtiCall(models.Model):
    _inherit = "cxm.cti.call"

    # the caller's KPI values, read with the agent's rights (the card of the partner form)
    cxm_kpi_value_ids = fields.One2many(related="partner_id.cxm_kpi_value_ids", string="KPIs")
