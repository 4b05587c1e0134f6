# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    def _cxm_extra_routers(self):
        from ..routers.customers import router as customers
        from ..routers.field_service import router as field_service

        return [*super()._cxm_extra_routers(), customers, field_service]


class CxmIntegrationApiKey(models.Model):
    _inherit = "cxm.integration.api.key"

    scope = fields.Selection(
        selection_add=[("customers", "Customer data"), ("field_service", "Field service")],
        ondelete={"customers": "cascade", "field_service": "cascade"},
    )
