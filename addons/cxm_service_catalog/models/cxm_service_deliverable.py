# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmServiceDeliverable(models.Model):
    """What a catalogue service hands over (a report, a plan, a set of dashboards)."""

    _name = "cxm.service.deliverable"
    _description = "Service Deliverable"
    _order = "product_tmpl_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Service", required=True, ondelete="cascade", index=True
    )
