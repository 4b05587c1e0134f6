# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCustomerAttribute(models.Model):
    """Custom attribute (name: value) of a customer brought by a data source."""

    _name = "cxm.customer.attribute"
    _description = "Customer Attribute"
    _order = "partner_id, name"
    _log_access = False

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade")
    name = fields.Char(required=True)
    value = fields.Char()
    company_id = fields.Many2one("res.company", index=True)

    _partner_name_unique = models.Constraint(
        "UNIQUE (partner_id, name)",
        "A customer has one value per attribute.",
    )
