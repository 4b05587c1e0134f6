# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    def _cxm_extra_routers(self):
        from ..routers.webhooks import router

        return [*super()._cxm_extra_routers(), router]
