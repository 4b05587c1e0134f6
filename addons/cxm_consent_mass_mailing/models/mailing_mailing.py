# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import str2bool

from .res_config_settings import PARAM


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    cxm_consent_required = fields.Boolean(
        string="Consent required",
        default=lambda self: self._cxm_default_consent_required(),
        copy=False,  # a duplicate starts from the default again (and marketing users may duplicate)
        groups="cxm_base.group_cxm_manager",
        help="Commercial mailing: only recipients whose consent on the channel is effective at send time "
        "receive it. Untick only for service notices that are not commercial.",
    )
    cxm_consent_refused_count = fields.Integer(
        string="Excluded: withdrawn", readonly=True, copy=False, help="Recipients whose consent is refused."
    )
    cxm_consent_unknown_count = fields.Integer(
        string="Excluded: never consented",
        readonly=True,
        copy=False,
        help="Recipients with no consent recorded for the address.",
    )
    cxm_consent_excluded_count = fields.Integer(
        string="Excluded for consent", compute="_compute_cxm_consent_excluded_count"
    )

    @api.depends("cxm_consent_refused_count", "cxm_consent_unknown_count")
    def _compute_cxm_consent_excluded_count(self):
        for mailing in self:
            mailing.cxm_consent_excluded_count = mailing.cxm_consent_refused_count + mailing.cxm_consent_unknown_count

    @api.model
    def _cxm_default_consent_required(self):
        """Ticked unless the administrator chose opt-out rules in the settings."""
        # sudo: a system parameter read for a default, whoever creates the mailing
        return not str2bool(self.env["ir.config_parameter"].sudo().get_param(PARAM, "False"))

    def _cxm_consent_company(self):
        self.ensure_one()
        return self.user_id.company_id or self.env.company

    def _cxm_consent_exclusions(self, channel, addresses_by_key):
        """Keys of ``addresses_by_key`` ``{key: [addresses]}`` that may not receive this mailing on
        ``channel``: none of their addresses has an effective *approve* (keys without any address are left to
        the stock rules: missing address). The exclusions are counted on
        the mailing by reason (withdrawn, never consented)."""
        self.ensure_one()
        if not self.sudo().cxm_consent_required or not addresses_by_key:
            return set()
        everything = {address for addresses in addresses_by_key.values() for address in addresses if address}
        statuses = self.env["cxm.consent.state"]._cxm_statuses(
            channel, list(everything), company=self._cxm_consent_company()
        )
        excluded, refused = set(), 0
        for key, addresses in addresses_by_key.items():
            found = [statuses.get(address) for address in addresses if address]
            if not found or "approve" in found:
                continue  # nothing to send to (the stock rules cancel it as a missing address), or consented
            excluded.add(key)
            refused += "refuse" in found
        if excluded:
            # sudo: counters of the mailing being sent, written by the sending (a queue or cron user)
            self.sudo().write(
                {
                    "cxm_consent_refused_count": self.cxm_consent_refused_count + refused,
                    "cxm_consent_unknown_count": self.cxm_consent_unknown_count + len(excluded) - refused,
                }
            )
        return excluded

    def _cxm_consent_withdraw(self, channel, address, document_id=None):
        """Record the refusal of an unsubscribe link of this mailing (``address`` on ``channel``)."""
        self.ensure_one()
        return self._cxm_consent_from_recipient(
            channel,
            address,
            "refuse",
            document_id,
            source="HS_EPOSTA" if channel == "email" else "HS_MESAJ",
            evidence=self.env._("Unsubscribe link of mailing %(name)s", name=self.subject or self.name),
        )

    def _cxm_consent_from_recipient(
        self, channel, address, status, document_id=None, *, partner=None, source="HS_WEB", evidence=""
    ):
        """Record ``status`` for ``address`` on ``channel``, asked by the recipient of this mailing on its
        subscription page (``self`` may be empty: the page of a signed-in user). The caller has checked
        the recipient's token, which covers ``document_id``; a signed-in user's page passes ``partner``
        (their own) instead. Return the event, or an empty recordset for an unreadable address."""
        if partner is None and self and self.mailing_model_real == "res.partner" and str(document_id).isdigit():
            partner = self.env["res.partner"].browse(int(document_id)).exists()
        company = self._cxm_consent_company() if self else self.env.company
        Event = self.env["cxm.consent.event"]
        if not Event._cxm_normalize_address(channel, address, company):
            return Event
        return Event._cxm_record(
            [
                {
                    "partner_id": partner.id if partner else False,
                    "channel": channel,
                    "address": address,
                    "status": status,
                    "source": source,
                    "evidence_text": evidence,
                    "message_ref": f"mailing.mailing:{self.id}" if self else False,
                    "company_id": company.id,
                }
            ]
        )

    def action_view_cxm_consent_excluded(self):
        """The recipients this mailing left out for consent (their cancelled traces)."""
        self.ensure_one()
        name = self.env._("Excluded for consent")
        domain = [("mass_mailing_id", "=", self.id), ("failure_type", "in", ["mail_consent", "sms_consent"])]
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "mailing.trace",
            "view_mode": "list,form",
            "domain": domain,
        }
