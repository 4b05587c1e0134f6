# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.cxm_integration.models.cxm_integration_instance import SECRET_GROUPS
from odoo.addons.cxm_integration.tools.signatures import constant_time_equals

WEBHOOK_TOKEN_HEADER = "X-CXM-Webhook-Token"  # noqa: S105 (a header name, not a secret)


class CxmIntegrationInstance(models.Model):
    """WhatsApp Business settings of an instance (kind WhatsApp, provider ``meta`` or ``d360``)."""

    _inherit = "cxm.integration.instance"

    cxm_wa_phone_number_id = fields.Char(
        string="Phone Number ID", help="Meta's id of the business phone number (Cloud API)."
    )
    cxm_wa_business_account_id = fields.Char(
        string="WhatsApp Business Account ID", help="WABA id: its message templates are synchronised."
    )
    cxm_wa_verify_token = fields.Char(
        string="Verify Token",
        groups=SECRET_GROUPS,
        copy=False,
        help="The token Meta sends back in the webhook verification (hub.verify_token).",
    )
    cxm_wa_max_media_mb = fields.Integer(
        string="Largest Media Kept (MB)", default=16, help="Larger inbound media are refused, with the reason."
    )
    cxm_wa_template_ids = fields.One2many("cxm.whatsapp.template", "instance_id", string="Templates")
    cxm_wa_webhook_path = fields.Char(string="Webhook URL Path", compute="_compute_cxm_wa_webhook_path")

    @api.depends("cxm_webhook_key", "kind")
    def _compute_cxm_wa_webhook_path(self):
        for rec in self:
            key = rec.sudo().cxm_webhook_key
            rec.cxm_wa_webhook_path = f"/cxm/api/v1/whatsapp/{key}/webhook" if rec.kind == "whatsapp" and key else False

    @api.constrains("cxm_wa_max_media_mb")
    def _check_cxm_wa_max_media_mb(self):
        for rec in self:
            if not 0 < rec.cxm_wa_max_media_mb <= 100:
                raise ValidationError(self.env._("The media limit must be between 1 and 100 MB."))

    def _cxm_wa_verify(self, mode, token):
        """The webhook verification handshake: ``True`` when Meta's ``hub.verify_token`` is ours."""
        self.ensure_one()
        return mode == "subscribe" and constant_time_equals(self.sudo().cxm_wa_verify_token, token)

    def _cxm_wa_check_request(self, body, headers):
        """Authenticate a webhook call; return ``None`` when valid, else the reason. Meta signs every
        call (``X-Hub-Signature-256``, HMAC-SHA256 of the raw body with the app secret): signature scheme
        *Meta*. A 360dialog instance with scheme *API key only* instead expects its secret in the
        ``X-CXM-Webhook-Token`` header (set as a custom header of the webhook at 360dialog)."""
        self.ensure_one()
        if self.signature_scheme == "meta":
            return self._verify_signature(body, headers)
        if self.provider == "d360" and self.signature_scheme == "none":
            # 360dialog does not sign its webhooks: it sends the custom header set with the webhook URL
            secret = self.sudo().secret
            if not secret:
                return "no secret configured"
            return None if constant_time_equals(secret, headers.get(WEBHOOK_TOKEN_HEADER)) else "mismatch"
        return "the instance's signature scheme must be Meta"

    def action_cxm_wa_sync_templates(self):
        """Read the provider's templates: create new ones, update language, category, text and approval
        state of the others; templates gone at the provider are archived."""
        for rec in self:
            if rec.kind != "whatsapp":
                raise UserError(self.env._("Only WhatsApp instances have message templates."))
            remote = rec._cxm_channel_adapter()._wa_fetch_templates(rec)
            self.env["cxm.whatsapp.template"]._cxm_sync(rec, remote)
        return True
