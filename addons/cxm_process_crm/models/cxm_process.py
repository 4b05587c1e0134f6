# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcess(models.Model):
    _inherit = "cxm.process"

    model = fields.Selection(selection_add=[("crm.lead", "CRM lead")], ondelete={"crm.lead": "cascade"})
