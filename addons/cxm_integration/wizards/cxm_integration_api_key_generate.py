# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmIntegrationApiKeyGenerate(models.TransientModel):
    _name = "cxm.integration.api.key.generate"
    _description = "Generate an Integration API Key"

    instance_id = fields.Many2one("cxm.integration.instance", required=True)
    name = fields.Char(required=True, default="API key")
    # exactly the scopes keys can have: those of cxm_integration and every installed module's
    scope = fields.Selection(selection="_selection_scope", required=True, default="all")
    key = fields.Char(readonly=True, help="Shown once: copy it into the external system now.")

    @api.model
    def _selection_scope(self):
        return self.env["cxm.integration.api.key"]._fields["scope"]._description_selection(self.env)

    def action_generate(self):
        self.ensure_one()
        self.instance_id.check_access("write")
        _record, key = self.env["cxm.integration.api.key"]._generate(self.instance_id, self.name, self.scope)
        self.key = key
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
