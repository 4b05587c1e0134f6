# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

#: consent channel of the conversation layer's instance kinds
KIND_CHANNEL = {"sms": "sms", "whatsapp": "whatsapp", "email": "email"}


class CxmChannelMessage(models.Model):
    _inherit = "cxm.channel.message"

    def _cxm_consent_refusal(self):
        """Commercial outbound messages need an effective *approve* of the address on the channel, in the
        message's company; transactional ones (replies, codes, notices) always pass."""
        refusal = super()._cxm_consent_refusal()
        if refusal or self.direction != "out" or self.purpose != "commercial":
            return refusal
        channel = KIND_CHANNEL.get(self.instance_id.kind)
        if not channel:
            return self.env._("Commercial messages cannot be sent on %(instance)s.", instance=self.instance_id.name)
        allowed = self.env["cxm.consent.state"]._cxm_allowed(channel, [self.address], company=self.company_id)
        if not allowed:
            return self.env._(
                "%(address)s has not approved commercial messages on this channel (consent ledger): nothing was sent.",
                address=self.address,
            )
        return None
