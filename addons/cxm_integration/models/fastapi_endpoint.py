# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from fastapi import APIRouter

from odoo import fields, models


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(selection_add=[("cxm", "CXM Integration API")], ondelete={"cxm": "cascade"})

    def _get_fastapi_routers(self) -> list[APIRouter]:
        if self.app == "cxm":
            from ..routers import core_router

            return [core_router, *self._cxm_extra_routers()]
        return super()._get_fastapi_routers()

    def _cxm_extra_routers(self) -> list[APIRouter]:
        """Channel modules add their routers to the CXM API here."""
        return []

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "cxm":
            params["version"] = "1.0.0"
        return params
