# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcessTransition(models.Model):
    _inherit = "cxm.process.transition"

    trigger = fields.Selection(selection_add=[("merge", "On merge")], ondelete={"merge": "cascade"})
