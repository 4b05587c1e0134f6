# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessDenied


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_credentials(self, credential, env):
        """``{"type": "cxm_sso", "token", "instance_id"}``: a host site's token, verified again here (the
        signature, the expiry, that it names this user's customer and that its jti was claimed)."""
        if credential.get("type") != "cxm_sso":
            return super()._check_credentials(credential, env)
        instance = self.env["cxm.integration.instance"].sudo().browse(int(credential.get("instance_id") or 0)).exists()
        if not instance:
            raise AccessDenied()
        claims = self.env["cxm.selfservice.sso"]._cxm_decode(instance, credential.get("token"))
        keys = (
            self.env["cxm.partner.identity"].sudo().cxm_lookup([{"external_key": claims["sub"], "source": instance.id}])
        )
        event = (
            self.env["cxm.integration.event"]
            .sudo()
            .search([("instance_id", "=", instance.id), ("external_id", "=", f"sso:{claims['jti']}")])
        )
        user = self.env.user
        if not event or user.partner_id.id not in {m["partner_id"] for m in keys[0]} or not user._is_portal():
            raise AccessDenied()
        return {"uid": user.id, "auth_method": "cxm_sso", "mfa": "skip"}
