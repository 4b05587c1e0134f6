# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    def _cxm_extra_routers(self):
        from ..routers.help import router

        return [*super()._cxm_extra_routers(), router]


class CxmIntegrationApiKey(models.Model):
    _inherit = "cxm.integration.api.key"

    scope = fields.Selection(selection_add=[("help_centre", "Help centre")], ondelete={"help_centre": "cascade"})
