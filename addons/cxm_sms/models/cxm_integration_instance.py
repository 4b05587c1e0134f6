# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import secrets

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.urls import urljoin

from odoo.addons.cxm_integration.models.cxm_integration_instance import SECRET_GROUPS
from odoo.addons.cxm_integration.tools.clean_input import BadInput

from ..tools import generic
from ..tools.provider import DELIVERED, FAILED, PENDING, PROVIDERS

CHANNEL_STATUS = {DELIVERED: "delivered", FAILED: "failed", PENDING: "sent"}

SMS_PROVIDERS = [("netgsm", "Netgsm"), ("vonage", "Vonage"), ("twilio", "Twilio"), ("generic", "Generic HTTP")]


class CxmIntegrationInstance(models.Model):
    _inherit = "cxm.integration.instance"

    sms_provider = fields.Selection(SMS_PROVIDERS, string="SMS Provider")
    sms_sender = fields.Char(
        string="Sender ID",
        help="Sender of this instance's SMS: Netgsm message header, Vonage 'from', generic 'sender'. "
        "Twilio sends from the company's Twilio numbers.",
    )
    sms_account = fields.Char(
        string="Account",
        groups=SECRET_GROUPS,
        copy=False,
        help="Netgsm user code, Vonage API key, generic user name (basic authentication).",
    )
    sms_signature_secret = fields.Char(
        string="Signature Secret", groups=SECRET_GROUPS, copy=False, help="Vonage: secret of signed webhooks."
    )
    sms_signature_method = fields.Selection(
        [
            ("md5hash", "MD5 hash"),
            ("md5", "HMAC-MD5"),
            ("sha1", "HMAC-SHA1"),
            ("sha256", "HMAC-SHA256"),
            ("sha512", "HMAC-SHA512"),
        ],
        string="Signature Method",
        default="md5hash",
    )
    sms_allowed_ips = fields.Char(
        string="Allowed Addresses",
        help="Comma-separated addresses or networks allowed to call the webhooks (empty: any). "
        "Recommended for Netgsm, which signs nothing.",
    )
    sms_turkish_shift = fields.Boolean(
        string="Turkish Characters (encoding TR)",
        default=True,
        help="Netgsm: send Turkish characters with the Turkish shift table (155 characters a part) instead of "
        "replacing the text by UCS-2 (70 characters a part).",
    )
    sms_generic_config = fields.Text(
        string="Generic HTTP Configuration",
        default=lambda self: json.dumps(generic.DEFAULT_CONFIG, indent=2),
        help="URL path, authentication and field mapping of the generic provider (JSON).",
    )
    sms_inbound_url = fields.Char(string="Inbound SMS URL", compute="_compute_sms_urls")
    sms_status_url = fields.Char(string="Delivery Report URL", compute="_compute_sms_urls")

    @api.depends("sms_provider")
    @api.depends_context("uid")
    def _compute_sms_urls(self):
        for rec in self:
            readable = rec.sms_provider and self.env.user.has_groups(SECRET_GROUPS)
            rec.sms_inbound_url = rec._cxm_sms_webhook_url("inbound") if readable else False
            rec.sms_status_url = rec._cxm_sms_webhook_url("status") if readable else False

    @api.constrains("kind", "sms_provider", "sms_generic_config")
    def _check_sms_provider(self):
        for rec in self:
            if rec.kind == "sms" and not rec.sms_provider:
                raise ValidationError(self.env._("An SMS instance needs an SMS provider."))
            if rec.sms_provider == "generic":
                try:
                    generic.parse_config(rec.sms_generic_config)
                except ValueError as exc:
                    raise ValidationError(
                        self.env._("The generic HTTP configuration is invalid: %(reason)s", reason=str(exc))
                    ) from None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("sms_provider"):
                vals.setdefault("provider", vals["sms_provider"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("sms_provider"):
            vals = dict(vals, provider=vals["sms_provider"])
        return super().write(vals)

    def action_cxm_sms_new_token(self):
        """Give the instance new webhook URLs (the old ones get 404 from now on)."""
        for rec in self:
            rec.cxm_webhook_key = secrets.token_hex(16)
        return True

    def _cxm_sms_webhook_url(self, kind):
        self.ensure_one()
        # sudo: the token is part of the URL shown to the instance's managers and sent to its provider
        token = self.sudo().cxm_webhook_key
        return urljoin(self.get_base_url(), f"/cxm/api/v1/sms/{self.sms_provider}/{token}/{kind}")

    def _cxm_sms_adapter(self):
        self.ensure_one()
        return PROVIDERS[self.sms_provider](self)

    @api.model
    def _cxm_sms_twilio_instance(self, company):
        return self.sudo().search(
            [("sms_provider", "=", "twilio"), ("company_id", "=", company.id), ("state", "!=", "disabled")], limit=1
        )

    @api.model
    def _cxm_sms_by_token(self, provider, token):
        """The SMS instance of a webhook URL, or an empty recordset."""
        if not token or len(token) > 64:
            return self.browse()
        # sudo: the webhook caller is not a user; the token in the path is the look-up key (checked by the caller)
        return self.sudo().search(
            [("sms_provider", "=", provider), ("cxm_webhook_key", "=", token), ("kind", "=", "sms")], limit=1
        )

    def _cxm_sms_webhook(self, kind, params):
        """Process one authenticated webhook call of this instance (as its
        technical user): an inbound SMS goes to the conversation layer
        (cxm_channel: ledger, customer, ticket), a delivery report to the
        conversation message and to Odoo's SMS tracking. A redelivery changes
        nothing."""
        self.ensure_one()
        adapter = self._cxm_sms_adapter()
        if kind == "inbound":
            values = adapter.parse_inbound(params)
            item = {"external_id": values["external_id"], "address": values["sender"], "text": values["text"]}
            try:
                answer = self._cxm_channel_receive([item])[0]
            except ValueError as exc:
                raise BadInput("invalid", str(exc)) from None
            return {"external_id": values["external_id"], "status": answer["status"]}
        external_id, ref, outcome, failure, reason = adapter.parse_status(params)
        return self._cxm_sms_delivery(ref, outcome, failure, reason, external_id=external_id)

    def _cxm_sms_delivery(self, ref, outcome, failure=None, reason=None, external_id=None):
        """Apply a delivery report (webhook or Netgsm's report API) of the SMS ``ref`` of this instance."""
        self.ensure_one()
        # sudo: the delivery tracking rows of this authenticated instance, found by the provider's own id
        tracker = self.env["sms.tracker"].sudo()._cxm_find(self, ref)
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .search([("instance_id", "=", self.id), ("direction", "=", "out"), ("external_id", "=", ref)], limit=1)
        )
        if message:  # a conversation reply: the layer records the status once (its ledger) and applies it
            update = {"external_id": ref, "status": CHANNEL_STATUS[outcome], "code": failure, "reason": reason}
            answer = self._cxm_channel_status([update])[0]
            if answer["result"] == "accepted" and tracker:
                tracker._cxm_apply_report(outcome, failure, reason)
            return {"external_id": external_id, "status": answer["result"], "message": message.id}
        # an SMS sent from a chatter outside conversations: Odoo's SMS tracking only, once per report
        # sudo: the idempotency ledger of this authenticated instance (technical table, no user access)
        ledger, first = self.env["cxm.integration.event"].sudo()._claim(self, external_id, "sms.status")
        if not first:
            return dict(ledger._get_result() or {}, external_id=external_id, status="duplicate")
        applied = bool(tracker) and tracker._cxm_apply_report(outcome, failure, reason)
        result = {"tracker": tracker.id, "applied": applied, "external_id": external_id, "status": "accepted"}
        ledger._set_result(result)
        return result
