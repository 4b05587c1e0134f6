# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmKnowledgeTag(models.Model):
    _name = "cxm.knowledge.tag"
    _description = "Knowledge Article Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _name_unique = models.Constraint("UNIQUE(name)", "A tag with this name exists already.")
