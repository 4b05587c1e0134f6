# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmImplementationKeyPoint(models.Model):
    """A key point of a step: becomes a task of the step's milestone."""

    _name = "cxm.implementation.key.point"
    _description = "Implementation Key Point"
    _order = "step_id, sequence, id"

    sequence = fields.Integer(default=10)
    step_id = fields.Many2one("cxm.implementation.step", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
