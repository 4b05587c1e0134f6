# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .cxm_consent_event import CHANNELS, PHONE_CHANNELS, RECIPIENT_TYPES, SOURCES, STATUSES


class CxmConsentState(models.Model):
    """The effective consent: the latest event per company, channel and address (a PostgreSQL view over
    the ledger, so it can never drift from it). A commercial message is allowed only where it reads
    *approve*; no row (never asked) is a refusal."""

    _name = "cxm.consent.state"
    _description = "Effective Consent"
    _auto = False
    _order = "consent_date desc, id desc"
    _rec_name = "address"

    event_id = fields.Many2one("cxm.consent.event", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    address = fields.Char(readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    consent_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS
                   SELECT DISTINCT ON (company_id, channel, address)
                          id, id AS event_id, partner_id, channel, address, status, recipient_type, source,
                          consent_date, company_id
                     FROM cxm_consent_event
                 ORDER BY company_id, channel, address, consent_date DESC, id DESC""",
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _cxm_normalized(self, channel, addresses, company=None):
        """``{normalised address: [given addresses]}`` of ``addresses`` on ``channel``."""
        Event = self.env["cxm.consent.event"]
        company = company or self.env.company
        result = {}
        for given in addresses:
            if not given:
                continue
            if channel in PHONE_CHANNELS and isinstance(given, str) and given.startswith("+") and given[1:].isdigit():
                normal = given
            else:
                normal = Event._cxm_normalize_address(channel, given, company)
            if normal:
                result.setdefault(normal, []).append(given)
        return result

    @api.model
    def _cxm_allowed(self, channel, addresses, company=None):
        """The subset of ``addresses`` (as given) to which a commercial message on ``channel`` may go in
        ``company`` (default: the current one): those whose effective consent is *approve*."""
        company = company or self.env.company
        normalized = self._cxm_normalized(channel, addresses, company)
        if not normalized:
            return set()
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT address FROM cxm_consent_state
                    WHERE company_id = %s AND channel = %s AND address = ANY(%s) AND status = 'approve'""",
                company.id,
                channel,
                list(normalized),
            )
        )
        return {given for (address,) in self.env.cr.fetchall() for given in normalized[address]}

    @api.model
    def _cxm_statuses(self, channel, addresses, company=None):
        """``{given address: 'approve' | 'refuse' | False}``: the effective status of each of ``addresses``
        on ``channel`` in ``company`` (False: never asked, or not a readable address)."""
        company = company or self.env.company
        normalized = self._cxm_normalized(channel, addresses, company)
        result = dict.fromkeys((a for a in addresses if a), False)
        if not normalized:
            return result
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT address, status FROM cxm_consent_state
                    WHERE company_id = %s AND channel = %s AND address = ANY(%s)""",
                company.id,
                channel,
                list(normalized),
            )
        )
        for address, status in self.env.cr.fetchall():
            for given in normalized[address]:
                result[given] = status
        return result

    @api.model
    def _cxm_blocked(self, channel, addresses):
        """Normalised ``addresses`` whose effective state is *refuse* in at least one company."""
        if not addresses:
            return set()
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT address FROM cxm_consent_state
                    WHERE channel = %s AND address = ANY(%s) AND status = 'refuse'""",
                channel,
                list(addresses),
            )
        )
        return {address for (address,) in self.env.cr.fetchall()}

    @api.model
    def _cxm_sync_blacklists(self, pairs):
        """Make Odoo's ``mail.blacklist`` (e-mail) and ``phone.blacklist`` (SMS) follow the effective
        states of ``pairs`` ``{(channel, address)}``: an address refused in any company is blacklisted,
        one approved everywhere it was asked is taken off. The ledger stays the source of truth."""
        for channel, model in (("email", "mail.blacklist"), ("sms", "phone.blacklist")):
            addresses = {address for ch, address in pairs if ch == channel}
            if not addresses:
                continue
            blocked = self._cxm_blocked(channel, addresses)
            # sudo: the blacklists are technical mirrors of the ledger, written by the consent service
            Blacklist = self.env[model].sudo()
            key = "email" if channel == "email" else "number"
            active = set(Blacklist.search([(key, "in", list(addresses))]).mapped(key))
            add = sorted(blocked - active)
            remove = sorted((addresses - blocked) & active)
            note = self.env._("Follows the consent ledger.")
            if channel == "email":
                for email in add:
                    Blacklist._add(email, message=note)
                for email in remove:
                    Blacklist._remove(email, message=note)
            else:
                if add:
                    Blacklist._add(add, message=note)
                if remove:
                    Blacklist._remove(remove, message=note)
