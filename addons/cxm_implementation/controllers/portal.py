# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CxmImplementationPortal(CustomerPortal):
    """Key users on the portal: the approved documents of the implementation
    projects they are key users of, and their certificates. Everything is read
    as the logged-in user: record rules decide what exists for them."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "cxm_implementation_count" in counters:
            Document = request.env["cxm.implementation.document"]
            Certificate = request.env["cxm.certificate"]
            values["cxm_implementation_count"] = (Document.search_count([]) if Document.has_access("read") else 0) + (
                Certificate.search_count([("partner_id", "=", request.env.user.partner_id.id)])
                if Certificate.has_access("read")
                else 0
            )
        return values

    @http.route("/my/implementation", type="http", auth="user", website=True, methods=["GET"], readonly=True)
    def portal_my_implementation(self, **kwargs):
        """The approved documents and the certificates of the logged-in key user."""
        values = self._prepare_portal_layout_values()
        documents = request.env["cxm.implementation.document"].search([("state", "=", "approved")])
        certificates = request.env["cxm.certificate"].search([("partner_id", "=", request.env.user.partner_id.id)])
        values.update(
            {
                "page_name": "cxm_implementation",
                # sudo: only the records found above as the user, for the project's name
                "documents": documents.sudo(),
                "certificates": certificates.sudo(),
            }
        )
        return request.render("cxm_implementation.portal_my_implementation", values)
