# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmWhatsappTemplateSend(models.TransientModel):
    """Warn before sending: a marketing template to a number without an effective WhatsApp approval in
    the consent ledger will be refused (the channel layer refuses it anyway when *Send* is clicked)."""

    _inherit = "cxm.whatsapp.template.send"

    cxm_consent_warning = fields.Char(string="Consent", compute="_compute_cxm_consent_warning")

    @api.depends("ticket_id", "template_id")
    def _compute_cxm_consent_warning(self):
        State = self.env["cxm.consent.state"]
        for wizard in self:
            wizard.cxm_consent_warning = False
            ticket = wizard.ticket_id
            if wizard.template_id.category != "marketing" or not ticket:
                continue
            address = ticket._cxm_reply_address()
            if address and not State._cxm_allowed("whatsapp", [address], company=ticket.company_id):
                wizard.cxm_consent_warning = self.env._(
                    "%(address)s has not approved commercial WhatsApp messages (consent ledger): this marketing "
                    "template will not be sent.",
                    address=address,
                )
