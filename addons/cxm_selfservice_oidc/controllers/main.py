# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.auth_oidc.controllers.main import OpenIDLogin
from odoo.addons.cxm_selfservice.controllers.main import HelpCentre


class HelpCentreOidc(HelpCentre):
    """The help centre home offers the enabled OpenID Connect providers to visitors; the sign-in itself
    is auth_oauth's ``/auth_oauth/signin`` (state, code exchange, id_token checked by auth_oidc), which
    comes back to the help centre. Authentication: none for the page, the provider for the sign-in."""

    @http.route()
    def help_home(self, instance=None, **kw):
        response = super().help_home(instance=instance, **kw)
        if request.env.user._is_public() and getattr(response, "qcontext", None) is not None:
            response.qcontext["help_providers"] = self._help_oidc_providers(response.qcontext.get("help_query", ""))
        return response

    def _help_oidc_providers(self, help_query):
        """Enabled OpenID Connect providers with their sign-in links back to this help centre page."""
        # auth_oauth builds the state (database, provider, where to come back) from the request's
        # ``redirect`` parameter: give it the help centre for the time of the call
        saved = request.params
        request.params = {**saved, "redirect": f"/help{help_query}"}
        try:
            providers = OpenIDLogin().list_providers()
        finally:
            request.params = saved
        return [p for p in providers if p.get("flow") in ("id_token_code", "id_token")]
