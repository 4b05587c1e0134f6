# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .cxm_consent_event import RECIPIENT_TYPES

CODE_TTL_MINUTES = 5
MAX_ATTEMPTS = 3
MAX_CODES_PER_HOUR = 3


def hash_code(salt, code):
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


class CxmConsentCode(models.Model):
    """A one-time code sent by SMS to capture consent on the phone: the agent sends it, the customer reads
    it back, the agent enters it. Only its salted hash is kept; it expires, allows a few attempts, and
    every attempt is logged (``cxm.consent.code.attempt``)."""

    _name = "cxm.consent.code"
    _description = "Consent Code"
    _order = "id desc"
    _rec_name = "address"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    address = fields.Char(string="Mobile", required=True, index=True, help="E.164 number the code was sent to.")
    approve_sms = fields.Boolean(string="SMS / message")
    approve_call = fields.Boolean(string="Call")
    approve_whatsapp = fields.Boolean(string="WhatsApp")
    approve_email = fields.Boolean(string="E-mail")
    email = fields.Char(help="E-mail address the consent covers, when e-mail is included.")
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="individual")
    code_hash = fields.Char(required=True, groups="base.group_system")
    salt = fields.Char(required=True, groups="base.group_system")
    expires_at = fields.Datetime(required=True)
    attempt_count = fields.Integer(readonly=True)
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("confirmed", "Confirmed"),
            ("expired", "Expired"),
            ("blocked", "Too many attempts"),
            ("cancelled", "Replaced"),
            ("failed", "Not sent"),
        ],
        required=True,
        default="sent",
    )
    message_id = fields.Many2one("cxm.channel.message", string="SMS", ondelete="set null")
    text = fields.Text(string="Message text", help="The text sent to the customer (the evidence of what was agreed).")
    user_id = fields.Many2one("res.users", string="Agent", default=lambda self: self.env.user, ondelete="set null")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    event_ids = fields.Many2many("cxm.consent.event", string="Recorded consents", readonly=True)
    attempt_ids = fields.One2many("cxm.consent.code.attempt", "code_id", string="Attempts")

    # ------------------------------------------------------------- business
    def _cxm_channels(self):
        self.ensure_one()
        return [ch for ch in ("sms", "call", "whatsapp", "email") if self[f"approve_{ch}"]]

    @api.model
    def _cxm_issue(self, partner, address, channels, recipient_type="individual", email=False):
        """Send a new code to ``address`` (any number format) for ``channels`` of ``partner``; earlier
        open codes of that number are replaced. Return the code record (its clear text is only in the SMS)."""
        partner.check_access("write")
        company = self.env.company
        Event = self.env["cxm.consent.event"]
        number = Event._cxm_normalize_address("sms", address or "", company, partner.country_id)
        if not number:
            raise UserError(self.env._("%(number)s is not a valid mobile number.", number=address or "-"))
        if not channels:
            raise UserError(self.env._("Choose at least one channel the customer approves."))
        if "email" in channels and not Event._cxm_normalize_address("email", email):
            raise UserError(self.env._("E-mail consent needs a valid e-mail address."))
        Code = self.sudo()
        recent = Code.search_count(
            [
                ("address", "=", number),
                ("state", "!=", "failed"),
                ("create_date", ">=", fields.Datetime.now() - timedelta(hours=1)),
            ]
        )
        if recent >= MAX_CODES_PER_HOUR:
            raise UserError(
                self.env._(
                    "%(count)s codes were sent to %(number)s in the last hour: try later.", count=recent, number=number
                )
            )
        instance = self._cxm_sms_instance(company)
        Code.search([("address", "=", number), ("state", "=", "sent")]).write({"state": "cancelled"})
        clear = f"{secrets.randbelow(10**6):06d}"
        salt = secrets.token_hex(8)
        lang = partner.lang or company.partner_id.lang or self.env.lang
        env_lang = self.with_context(lang=lang).env
        labels = dict(env_lang["cxm.consent.event"]._fields["channel"]._description_selection(env_lang))
        text = env_lang._(
            "%(company)s: your code is %(code)s. By giving it to our agent you agree to receive commercial "
            "messages (%(channels)s). Reply STOP to withdraw at any time.",
            company=company.name,
            code=clear,
            channels=", ".join(labels[ch] for ch in channels),
        )
        code = Code.create(
            {
                "partner_id": partner.id,
                "address": number,
                "email": email or False,
                "recipient_type": recipient_type,
                "code_hash": hash_code(salt, clear),
                "salt": salt,
                "expires_at": fields.Datetime.now() + timedelta(minutes=CODE_TTL_MINUTES),
                "text": text.replace(clear, "******"),
                "user_id": self.env.uid,
                "company_id": company.id,
                **{f"approve_{ch}": True for ch in channels},
            }
        )
        # a ticket-less, transactional message of the conversation layer: the code itself is not commercial
        message = instance._cxm_channel_send(partner, number, text, kind="consent_code")
        # a provider failure is kept (state "Not sent", with the failed message) for the audit trail
        code.write({"message_id": message.id, "state": "failed" if message.state == "failed" else "sent"})
        return code.with_env(self.env)

    @api.model
    def _cxm_sms_instance(self, company):
        instance = company.sudo().cxm_sms_instance_id
        if not instance or instance.state != "active":
            instance = (
                self.env["cxm.integration.instance"]
                .sudo()
                .search([("kind", "=", "sms"), ("state", "=", "active"), ("company_id", "=", company.id)], limit=1)
            )
        if not instance:
            raise UserError(self.env._("No active SMS instance sends the company's SMS: configure one first."))
        return instance

    def _cxm_verify(self, entered):
        """Check the code the agent entered; every attempt is logged. Return ``(events, reason)``: the
        recorded consent events on success, else an empty recordset and why it was refused."""
        self.ensure_one()
        self.check_access("read")
        code = self.sudo()
        entered = (entered or "").strip()
        reason = None
        if code.state == "sent" and code.expires_at < fields.Datetime.now():
            code.state = "expired"
        if code.state == "confirmed":
            reason = self.env._("This code was already used.")
        elif code.state == "expired":
            reason = self.env._("The code has expired: send a new one.")
        elif code.state == "blocked":
            reason = self.env._("Too many wrong attempts: send a new code.")
        elif code.state == "cancelled":
            reason = self.env._("A newer code was sent: use that one.")
        elif code.state == "failed":
            reason = self.env._("This code could not be sent: send a new one.")
        elif not hmac.compare_digest(hash_code(code.salt, entered), code.code_hash):
            code.attempt_count += 1
            left = MAX_ATTEMPTS - code.attempt_count
            if left <= 0:
                code.state = "blocked"
                reason = self.env._("Wrong code. Too many wrong attempts: send a new code.")
            else:
                reason = self.env._("Wrong code: %(left)s attempt(s) left.", left=left)
        self.env["cxm.consent.code.attempt"].sudo().create(
            {
                "code_id": code.id,
                "user_id": self.env.uid,
                "success": not reason,
                "reason": reason or False,
                "company_id": code.company_id.id,
            }
        )
        if reason:
            return self.env["cxm.consent.event"], reason
        channels = code._cxm_channels()
        events = self.env["cxm.consent.event"]._cxm_record(
            [
                {
                    "partner_id": code.partner_id.id,
                    "channel": channel,
                    "address": code.email if channel == "email" else code.address,
                    "status": "approve",
                    "recipient_type": code.recipient_type,
                    "source": "HS_CAGRI_MERKEZI",
                    "evidence_text": code.text,
                    "message_ref": code.message_id.external_id or False,
                    "code_hash": code.code_hash,
                    "company_id": code.company_id.id,
                }
                for channel in channels
            ]
        )
        code.write({"state": "confirmed", "event_ids": [(6, 0, events.ids)]})
        return events, None
