# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmChannelAdapterSms(models.AbstractModel):
    """SMS on the conversation layer (cxm_channel): inbound SMS and delivery
    reports come from this module's webhooks; an agent's reply goes out through
    Odoo's SMS framework (``sms.sms``, the instance's provider), not the
    integration outbox: the SMS queue is Odoo's outbox for SMS, with its
    states, failure types and resend."""

    _name = "cxm.channel.adapter.sms"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: SMS"

    _cxm_channel_code = "sms"
    _cxm_address_key = "phone"

    def _cxm_send(self, message):
        instance = message.instance_id
        # sudo: the SMS queue and its tracker are technical rows of the layer's own outbound message
        sms = (
            self.env["sms.sms"]
            .sudo()
            .create(
                {
                    "number": message.address,
                    "body": message.body or "",
                    "partner_id": message.partner_id.id,
                    "cxm_instance_id": instance.id,
                    "record_company_id": instance.company_id.id,
                }
            )
        )
        tracker = self.env["sms.tracker"].sudo().create({"sms_uuid": sms.uuid, "cxm_instance_id": instance.id})
        sms.send(unlink_failed=False, unlink_sent=True, raise_exception=False)
        ref = tracker.cxm_provider_ref or tracker.sms_twilio_sid
        if ref:
            message._cxm_set_status("sent", external_id=ref)
            return sms
        failure = sms.exists().failure_type or "sms_server"
        label = dict(sms._fields["failure_type"]._description_selection(self.env)).get(failure, failure)
        message._cxm_set_status("failed", code=failure, reason=label)
        return sms


class CxmChannelAdapterSmsNetgsm(models.AbstractModel):
    _name = "cxm.channel.adapter.sms.netgsm"
    _inherit = "cxm.channel.adapter.sms"
    _description = "Channel adapter: Netgsm SMS"


class CxmChannelAdapterSmsVonage(models.AbstractModel):
    _name = "cxm.channel.adapter.sms.vonage"
    _inherit = "cxm.channel.adapter.sms"
    _description = "Channel adapter: Vonage SMS"


class CxmChannelAdapterSmsTwilio(models.AbstractModel):
    _name = "cxm.channel.adapter.sms.twilio"
    _inherit = "cxm.channel.adapter.sms"
    _description = "Channel adapter: Twilio SMS"


class CxmChannelAdapterSmsGeneric(models.AbstractModel):
    _name = "cxm.channel.adapter.sms.generic"
    _inherit = "cxm.channel.adapter.sms"
    _description = "Channel adapter: generic HTTP SMS"
