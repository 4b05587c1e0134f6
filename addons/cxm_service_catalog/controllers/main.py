# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class CxmServiceCatalog(http.Controller):
    @http.route("/cxm/catalog", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def catalog(self, **kwargs):
        """Public catalogue and training schedule. Takes no record id from the request."""
        data = request.env["product.template"]._cxm_public_catalog()
        return request.render("cxm_service_catalog.catalog_page", data)
