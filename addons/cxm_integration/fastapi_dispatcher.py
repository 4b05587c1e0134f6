# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One FastAPI app per endpoint, not one per URL.

OCA ``fastapi`` (19.0.1.2.0) pools the apps it builds by the full request
path, so every distinct URL of a REST resource (``/cxm/api/v1/field-service/
FS-1001``, ``.../FS-1002``, ...) builds a new app (about 30 ms) and keeps it
for the life of the worker: slower first calls and memory that only grows.
The app is the same for every URL under an endpoint's root path, so this
dispatcher (it replaces the ``fastapi`` one, and behaves the same otherwise)
pools apps by that root path."""

from io import BytesIO

from odoo.http import request

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.addons.fastapi.pools import fastapi_app_pool


class CxmFastApiDispatcher(FastApiDispatcher):
    routing_type = "fastapi"

    def dispatch(self, endpoint, args):
        # as upstream: starlette parses the request stream itself
        self.request.params = {}
        environ = self._get_environ()
        path = environ["PATH_INFO"]
        # routing only: which endpoint serves this URL (cached per path, no query)
        endpoints = request.env["fastapi.endpoint"].sudo()
        root_path = endpoints._cxm_root_path_for(path) or path
        with fastapi_app_pool.get_app(env=request.env, root_path=root_path) as app:
            uid = endpoints.get_uid(path)
            data = BytesIO()
            with self._manage_odoo_env(uid):
                for chunk in app(environ, self._make_response):
                    data.write(chunk)
                if self.inner_exception:
                    raise self.inner_exception
                return self.request.make_response(data.getvalue(), headers=self.headers, status=self.status)
