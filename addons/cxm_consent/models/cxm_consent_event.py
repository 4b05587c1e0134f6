# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF003
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.cxm_base.models.res_company import normalize_phone
from odoo.addons.cxm_base.tools import internal, internal_value
from odoo.addons.cxm_partner_identity.normalize import normalize_email

CHANNELS = [("call", "Call"), ("sms", "SMS / message"), ("email", "E-mail"), ("whatsapp", "WhatsApp")]
PHONE_CHANNELS = ("call", "sms", "whatsapp")
STATUSES = [("approve", "Approve"), ("refuse", "Refuse")]
RECIPIENT_TYPES = [("individual", "Individual"), ("merchant", "Merchant")]
#: İYS source codes ("izin kaynağı") as keys
SOURCES = [
    ("HS_FIZIKSEL_ORTAM", "Physical environment"),
    ("HS_ISLAK_IMZA", "Wet signature"),
    ("HS_WEB", "Web"),
    ("HS_CAGRI_MERKEZI", "Call centre"),
    ("HS_SOSYAL_MEDYA", "Social media"),
    ("HS_EPOSTA", "E-mail"),
    ("HS_MESAJ", "Message"),
    ("HS_MOBIL", "Mobile application"),
    ("HS_EORTAM", "Electronic environment"),
    ("HS_ETKINLIK", "Event"),
    ("HS_2015", "Before 2015 (legacy permission)"),
    ("HS_ATM", "ATM"),
    ("HS_KARAR", "Authority decision"),
    ("HS_IYS", "İYS"),
]


class CxmConsentEvent(models.Model):
    """One consent event: a customer approved or refused commercial messages on a channel and address.
    The ledger is append-only: a change of mind is a new event and the latest one per company, channel
    and address is the effective state (``cxm.consent.state``). Nobody edits or deletes an event: not a
    manager, not the administrator over RPC; the table refuses it in PostgreSQL as well."""

    _name = "cxm.consent.event"
    _description = "Consent Event"
    _order = "consent_date desc, id desc"
    _rec_name = "address"

    partner_id = fields.Many2one("res.partner", string="Customer", index=True, ondelete="set null", readonly=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    address = fields.Char(
        required=True, readonly=True, help="E.164 number for call, SMS and WhatsApp; lower-cased e-mail address."
    )
    status = fields.Selection(STATUSES, required=True, readonly=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="individual", readonly=True)
    source = fields.Selection(SOURCES, required=True, readonly=True)
    consent_date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded by", ondelete="set null", readonly=True)
    evidence_text = fields.Text(readonly=True, help="What the customer agreed to or said (text shown, reply).")
    message_ref = fields.Char(string="Message Reference", readonly=True, help="Id of the message that carried it.")
    code_hash = fields.Char(readonly=True, help="SHA-256 of the one-time code the customer read back.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, readonly=True
    )

    _state_idx = models.Index("(company_id, channel, address, consent_date DESC, id DESC)")

    def init(self):
        # the database itself keeps the ledger append-only: no UPDATE (except the customer link, cleared
        # or moved by a partner deletion or merge) and no DELETE, whatever the caller
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION cxm_consent_event_immutable() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'cxm_consent_event is append-only: events cannot be deleted';
                END IF;
                IF (NEW.channel, NEW.address, NEW.status, NEW.recipient_type, NEW.source, NEW.consent_date,
                    NEW.evidence_text, NEW.message_ref, NEW.code_hash, NEW.company_id, NEW.create_date)
                   IS DISTINCT FROM
                   (OLD.channel, OLD.address, OLD.status, OLD.recipient_type, OLD.source, OLD.consent_date,
                    OLD.evidence_text, OLD.message_ref, OLD.code_hash, OLD.company_id, OLD.create_date) THEN
                    RAISE EXCEPTION 'cxm_consent_event is append-only: events cannot be changed';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS cxm_consent_event_immutable ON cxm_consent_event;
            CREATE TRIGGER cxm_consent_event_immutable BEFORE UPDATE OR DELETE ON cxm_consent_event
                FOR EACH ROW EXECUTE FUNCTION cxm_consent_event_immutable();
            """
        )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not internal_value(self.env.context, "cxm_consent_recording"):
            raise AccessError(self.env._("Consent events are recorded by the consent services only."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(self.env._("Consent events cannot be changed: record a new event instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("Consent events cannot be deleted: the ledger is kept for audits."))

    def copy(self, default=None):
        if self:
            raise AccessError(self.env._("Consent events cannot be copied: record a new event instead."))
        return super().copy(default)

    # ------------------------------------------------------------- business
    @api.model
    def _cxm_normalize_address(self, channel, address, company=None, country=None):
        """``address`` as the ledger stores it (E.164 or lower-cased e-mail), False when unreadable. A
        national phone number is read in ``country`` (the customer's), else in the company's region."""
        if not address or not isinstance(address, str):
            return False
        if channel == "email":
            return normalize_email(address)
        if country and country.code:
            return normalize_phone(address, country.code)
        return (company or self.env.company).sudo()._cxm_normalize_phone(address)

    @api.model
    def _cxm_prepare(self, vals):
        """Validated and normalised values of one event; ``UserError`` naming the field otherwise."""
        vals = dict(vals)
        unknown = set(vals) - {
            "partner_id",
            "channel",
            "address",
            "status",
            "recipient_type",
            "source",
            "consent_date",
            "user_id",
            "evidence_text",
            "message_ref",
            "code_hash",
            "company_id",
        }
        if unknown:
            raise UserError(self.env._("Unknown consent fields: %(fields)s.", fields=", ".join(sorted(unknown))))
        for name, choices in (
            ("channel", CHANNELS),
            ("status", STATUSES),
            ("source", SOURCES),
            ("recipient_type", RECIPIENT_TYPES),
        ):
            value = vals.get(name, "individual" if name == "recipient_type" else None)
            if value not in dict(choices):
                raise UserError(
                    self.env._("Consent %(field)s: %(value)r is not a valid value.", field=name, value=value)
                )
            vals[name] = value
        company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id).exists()
        if not company:
            raise UserError(self.env._("Consent company: %(value)r does not exist.", value=vals.get("company_id")))
        vals["company_id"] = company.id
        partner = self.env["res.partner"].browse(vals.get("partner_id") or []).exists()
        if vals.get("partner_id") and not partner:
            raise UserError(self.env._("Consent customer: %(value)r does not exist.", value=vals["partner_id"]))
        raw = vals.get("address")
        if not raw and partner:
            raw = partner.email if vals["channel"] == "email" else partner.phone
        address = self._cxm_normalize_address(vals["channel"], raw, company, partner.country_id)
        if not address:
            raise UserError(
                self.env._(
                    "Consent address: %(value)r is not a valid address for %(channel)s.",
                    value=raw,
                    channel=vals["channel"],
                )
            )
        vals["address"] = address
        try:
            vals["consent_date"] = fields.Datetime.to_datetime(vals.get("consent_date")) or fields.Datetime.now()
        except ValueError as exc:
            raise UserError(
                self.env._("Consent date: %(value)r is not a date.", value=vals.get("consent_date"))
            ) from exc
        vals.setdefault("user_id", self.env.uid)
        return vals

    @api.model
    def _cxm_record(self, vals_list):
        """Append consent events ``[{partner_id, channel, address, status, source, recipient_type,
        consent_date, user_id, evidence_text, message_ref, code_hash, company_id}]``: every item is
        validated first (``UserError``, nothing recorded), addresses are normalised (a missing address is
        the partner's e-mail or phone), then the events are created and the blacklists follow the new
        effective states. Return the events."""
        prepared = [self._cxm_prepare(vals) for vals in vals_list]
        if not prepared:
            return self.browse()
        events = self.sudo().with_context(cxm_consent_recording=internal()).create(prepared)
        self.env["cxm.consent.state"]._cxm_sync_blacklists({(e["channel"], e["address"]) for e in prepared})
        return events.with_env(self.env)
