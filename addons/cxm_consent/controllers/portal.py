# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CxmConsentPortal(CustomerPortal):
    """The customer's consent preferences at /my/consent (auth: a logged-in portal or internal user; the
    page only ever shows and changes the logged-in user's own partner, no id comes from the request)."""

    @http.route("/my/consent", type="http", auth="user", website=True, methods=["GET"])
    def cxm_consent(self, **kw):
        partner = request.env.user.partner_id
        # sudo: the user's own partner (not a request-supplied id); portal users cannot read the ledger
        rows = partner.sudo()._cxm_consent_portal_rows()
        return request.render(
            "cxm_consent.portal_my_consent",
            {"page_name": "cxm_consent", "rows": rows, "saved": kw.get("saved") == "1"},
        )

    @http.route("/my/consent", type="http", auth="user", website=True, methods=["POST"])
    def cxm_consent_save(self, **post):
        partner = request.env.user.partner_id
        choices = {channel: post.get(f"consent_{channel}") == "on" for channel in ("email", "sms", "whatsapp", "call")}
        # sudo: the user's own partner (not a request-supplied id); the events record the user as author
        partner.sudo()._cxm_consent_portal_set(choices)
        return request.redirect("/my/consent?saved=1")
