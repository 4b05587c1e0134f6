# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcessTemplateWizard(models.TransientModel):
    _name = "cxm.process.template.wizard"
    _description = "Create a process from a template"

    template_id = fields.Many2one(
        "cxm.process",
        required=True,
        domain="[('is_template', '=', True)]",
        context={"active_test": False},
    )
    name = fields.Char(required=True)

    def action_create(self):
        self.ensure_one()
        process = self.template_id._cxm_copy_from_template(self.name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxm.process",
            "res_id": process.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
