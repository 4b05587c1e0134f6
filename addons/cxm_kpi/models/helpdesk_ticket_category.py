# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    cxm_complaint = fields.Boolean(
        string="Complaint", help="Tickets of this category count in the customers' complaint KPIs."
    )
