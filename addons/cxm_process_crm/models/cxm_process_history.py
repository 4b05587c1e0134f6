# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcessHistory(models.Model):
    _inherit = "cxm.process.history"

    lead_id = fields.Many2one("crm.lead", index=True, ondelete="cascade", readonly=True)
