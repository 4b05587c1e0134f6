# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_call_id = fields.Many2one("cxm.cti.call", string="Call", index="btree_not_null", ondelete="set null")
    cxm_call_ref = fields.Char(related="cxm_call_id.call_id", string="Call ID")
