# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_consent_state_ids = fields.One2many(
        "cxm.consent.state", "partner_id", string="Consents", groups="cxm_base.group_cxm_agent"
    )
    cxm_consent_event_ids = fields.One2many(
        "cxm.consent.event", "partner_id", string="Consent History", groups="cxm_base.group_cxm_agent"
    )

    def action_cxm_consent_optin(self):
        """Open the SMS-code opt-in on this customer (partner form, call-centre screen)."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consent by SMS code"),
            "res_model": "cxm.consent.optin",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    # ------------------------------------------------------------ portal
    def _cxm_consent_portal_rows(self):
        """``[{channel, label, address, status}]`` of this customer's own addresses for the preference
        page: one row per channel with an address (phone channels on the phone, e-mail on the e-mail)."""
        self.ensure_one()
        Event = self.env["cxm.consent.event"]
        company = self.env.company
        labels = dict(Event._fields["channel"]._description_selection(self.env))
        rows = []
        for channel in ("email", "sms", "whatsapp", "call"):
            raw = self.email if channel == "email" else self.phone
            address = Event._cxm_normalize_address(channel, raw, company, self.country_id)
            if not address:
                continue
            approved = bool(self.env["cxm.consent.state"]._cxm_allowed(channel, [address], company=company))
            rows.append({"channel": channel, "label": labels[channel], "address": address, "approved": approved})
        return rows

    def _cxm_consent_portal_set(self, choices):
        """Record the customer's own choices from the preference page ``{channel: bool}``: only channels
        whose effective state changes become events (source "web"). Return the events."""
        self.ensure_one()
        vals_list = []
        for row in self._cxm_consent_portal_rows():
            wanted = choices.get(row["channel"])
            if wanted is None or wanted == row["approved"]:
                continue
            vals_list.append(
                {
                    "partner_id": self.id,
                    "channel": row["channel"],
                    "address": row["address"],
                    "status": "approve" if wanted else "refuse",
                    "source": "HS_WEB",
                    "evidence_text": self.env._("Preference page of the customer portal"),
                    "company_id": self.env.company.id,
                }
            )
        return self.env["cxm.consent.event"]._cxm_record(vals_list)
