# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.cxm_consent_event import RECIPIENT_TYPES


class CxmConsentOptin(models.TransientModel):
    """The agent's screen of the SMS-code opt-in: choose the channels, send the code, type what the
    customer reads back. Attempts count on the code (server side), not on this screen."""

    _name = "cxm.consent.optin"
    _description = "Consent by SMS code"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    phone = fields.Char(string="Mobile")
    email = fields.Char(string="E-mail")
    approve_sms = fields.Boolean(string="SMS / message", default=True)
    approve_call = fields.Boolean(string="Call")
    approve_whatsapp = fields.Boolean(string="WhatsApp")
    approve_email = fields.Boolean(string="E-mail consent")
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="individual")
    code_id = fields.Many2one("cxm.consent.code", readonly=True)
    code_state = fields.Selection(related="code_id.state")
    expires_at = fields.Datetime(related="code_id.expires_at")
    entered_code = fields.Char(string="Code read by the customer")
    feedback = fields.Char(readonly=True)
    step = fields.Selection([("draft", "Draft"), ("sent", "Code sent"), ("done", "Done")], default="draft")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(values.get("partner_id") or [])
        if partner:
            values.setdefault("phone", partner.phone)
            values.setdefault("email", partner.email)
            # the agent's code still waiting for this customer (dialog closed by mistake): resume it
            open_code = self.env["cxm.consent.code"].search(
                [
                    ("partner_id", "=", partner.id),
                    ("user_id", "=", self.env.uid),
                    ("state", "=", "sent"),
                    ("expires_at", ">", fields.Datetime.now()),
                ],
                limit=1,
            )
            if open_code:
                values.update(code_id=open_code.id, step="sent", phone=open_code.address)
        return values

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Consent by SMS code"),
        }

    def action_send_code(self):
        self.ensure_one()
        channels = [ch for ch in ("sms", "call", "whatsapp", "email") if self[f"approve_{ch}"]]
        code = self.env["cxm.consent.code"]._cxm_issue(
            self.partner_id, self.phone, channels, recipient_type=self.recipient_type, email=self.email
        )
        if code.state == "failed":
            message = code.sudo().message_id
            reason = message.error_reason or message.error_code or "-"
            self.write({"feedback": self.env._("The code could not be sent: %(reason)s", reason=reason)})
            return self._reopen()
        self.write(
            {
                "code_id": code.id,
                "step": "sent",
                "entered_code": False,
                "feedback": self.env._("Code sent to %(number)s.", number=code.sudo().address),
            }
        )
        return self._reopen()

    def action_confirm_code(self):
        self.ensure_one()
        events, reason = self.code_id._cxm_verify(self.entered_code)
        if reason:
            self.write({"feedback": reason, "entered_code": False})
            return self._reopen()
        self.write(
            {
                "step": "done",
                "feedback": self.env._("Consent recorded (%(count)s channel(s)).", count=len(events)),
            }
        )
        return self._reopen()
