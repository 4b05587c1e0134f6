# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, models

from odoo.addons.cxm_base.tools import fold

from .cxm_channel_message import KIND_CHANNEL

#: first word of an SMS / WhatsApp reply that withdraws consent (İYS's "RET" included)
STOP_WORDS = {"stop", "dur", "iptal", "ret", "red", "unsubscribe", "stopall"}
_WORD = re.compile(r"\w+", re.UNICODE)


class CxmChannelIntake(models.AbstractModel):
    _inherit = "cxm.channel.intake"

    @api.model
    def _cxm_process(self, instance, messages):
        """Inbound STOP replies on SMS and WhatsApp withdraw the sender's consent on that channel at once
        (a refusal event, source "message"), besides going on the ticket like any reply."""
        result = super()._cxm_process(instance, messages)
        channel = KIND_CHANNEL.get(instance.kind)
        if channel not in ("sms", "whatsapp"):
            return result
        stops = [m for m in messages if m.direction == "in" and m.state == "received" and self._cxm_is_stop(m.body)]
        if stops:
            self.env["cxm.consent.event"]._cxm_record(
                [
                    {
                        "partner_id": message.partner_id.id,
                        "channel": channel,
                        "address": message.address,
                        "status": "refuse",
                        "source": "HS_MESAJ",
                        "consent_date": message.date,
                        "evidence_text": (message.body or "").strip(),
                        "message_ref": message.external_id,
                        "company_id": instance.company_id.id,
                    }
                    for message in stops
                ]
            )
        return result

    @api.model
    def _cxm_is_stop(self, text):
        """A reply that is only a stop word ("STOP", "RET", "İptal."): a sentence that merely contains one
        ("cancel my order") is a conversation, not a withdrawal."""
        words = _WORD.findall(fold(text or ""))
        return len(words) == 1 and words[0] in STOP_WORDS
