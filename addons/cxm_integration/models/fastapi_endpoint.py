# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from fastapi import APIRouter

from odoo import api, fields, models, tools


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

    @api.model
    @tools.ormcache("path")
    def _cxm_root_path_for(self, path):
        """Root path of the endpoint serving ``path`` (None if none does),
        from upstream's cached map of root paths: the dispatcher needs it on
        every request and reading it from the record costs a query. Upstream
        clears the caches of every worker when an endpoint changes."""
        id_by_path = self._get_id_by_root_path_map()
        return self._find_first_matching_url_path(id_by_path.keys(), path)

    def _get_app_dependencies_overrides(self):
        """No dependency overrides on the CXM app: FastAPI re-analyses every
        dependency of a route on each request as soon as the app has any
        override (signatures, pydantic adapters: about a third of the cost of
        a small request). The CXM routes do not use the endpoint id or the
        endpoint company: they run as the technical user of the integration
        instance their API key resolves to, limited to the instance's company
        (``instance_env``)."""
        if self.app == "cxm":
            return {}
        return super()._get_app_dependencies_overrides()

    def _get_fastapi_app_dependencies(self):
        """Upstream's ``accept_language`` documents the header in a plain
        function, which FastAPI runs in a thread pool (a hop to another
        thread and back on every call); the CXM app documents it with a
        coroutine of its own. The header itself is read before the app runs,
        as upstream does (the dispatcher sets the language)."""
        if self.app == "cxm":
            from fastapi import Depends

            from ..routers.base import accept_language

            return [Depends(accept_language)]
        return super()._get_fastapi_app_dependencies()

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "cxm":
            params["version"] = "1.0.0"
        return params
