# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from jose.exceptions import JOSEError

from odoo import models
from odoo.exceptions import AccessDenied

_logger = logging.getLogger(__name__)


class AuthOauthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    def _parse_id_token(self, id_token, access_token):
        """A forged, expired or foreign id_token is a refused sign-in (auth_oauth answers "Access
        Denied"), not a server error: auth_oidc lets python-jose's exception through."""
        try:
            return super()._parse_id_token(id_token, access_token)
        except JOSEError as exc:
            _logger.info("OpenID Connect: id_token of provider %s refused: %s", self.name, exc)
            raise AccessDenied() from exc
