# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from jose.exceptions import JOSEError

from odoo import api, models
from odoo.exceptions import AccessDenied
from odoo.http import request

_logger = logging.getLogger(__name__)

SIGNIN_PATH = "/auth_oauth/signin"


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def auth_oauth(self, provider, params):
        """On the sign-in route, a forged, expired or foreign id_token is a refused sign-in (auth_oauth
        answers "Access Denied" and logs it at INFO), not a server error with a traceback: auth_oidc
        lets python-jose's exception through. Elsewhere (auth_oidc's own API and tests) it is unchanged."""
        try:
            return super().auth_oauth(provider, params)
        except JOSEError as exc:
            if request and request.httprequest.path == SIGNIN_PATH:
                _logger.info("OpenID Connect: id_token of provider %s refused: %s", provider, exc)
                raise AccessDenied() from exc
            raise
