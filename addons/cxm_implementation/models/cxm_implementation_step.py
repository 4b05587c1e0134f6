# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

STEP_CODES = [
    ("key_users", "1. Key user assignment"),
    ("training", "2. Design & customisation training"),
    ("analysis", "3. Process analysis & solution design"),
    ("customisation", "4. Customisation"),
    ("integration", "5. Integration"),
    ("testing", "6. Testing & piloting"),
    ("enduser_training", "7. End-user training"),
    ("live", "8. Live use"),
]


class CxmImplementationStep(models.Model):
    """A step of the implementation method: the template every implementation
    project's milestones are made from."""

    _name = "cxm.implementation.step"
    _description = "Implementation Step"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Selection(STEP_CODES, required=True)
    name = fields.Char(required=True, translate=True)
    note = fields.Text(translate=True, help="What the step is about and what makes it succeed.")
    key_point_ids = fields.One2many("cxm.implementation.key.point", "step_id", string="Key Points")

    _code_unique = models.Constraint("UNIQUE(code)", "Each step of the method exists once.")
