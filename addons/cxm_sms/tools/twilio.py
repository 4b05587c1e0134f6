# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Twilio: sending and status callbacks are Odoo's ``sms_twilio`` (credentials
and numbers in the company's Twilio settings, status callbacks on
``/sms_twilio/status/<uuid>``). This adds what ``sms_twilio`` lacks: inbound
messages (signed ``X-Twilio-Signature`` webhooks), the API log of each send,
and the instance's base URL in place of ``https://api.twilio.com`` (a regional
edge, a proxy, the test fake)."""

import requests

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.tools.signatures import twilio_signature_valid
from odoo.addons.sms_twilio.tools.sms_api import SmsApiTwilio

from .provider import Provider, Refused, register, required

_lt = LazyTranslate(__name__)

TWILIO_API = "https://api.twilio.com"


class InstanceSession(requests.Session):
    """A session that sends ``sms_twilio``'s calls to the instance's base URL
    and writes each call to the instance's API log."""

    def __init__(self, provider):
        super().__init__()
        self.provider = provider

    def post(self, url, data=None, json=None, **kwargs):  # pylint: disable=redefined-outer-name
        base = (self.provider.instance.base_url or TWILIO_API).rstrip("/")
        if url.startswith(TWILIO_API):
            url = base + url[len(TWILIO_API) :]
        kwargs.pop("timeout", None)
        plain = requests.Session()
        response, error = self.provider._post(plain, "POST", url, data=data, **kwargs)
        # a timeout or a refused connection: None, which sms_twilio turns into a server error
        return None if error else response


class CxmSmsApiTwilio(SmsApiTwilio):
    """``sms_twilio``'s API, unchanged, over the company's Twilio instance."""

    instance = None

    def _sms_twilio_send_request(self, session, to_number, body, uuid):
        instance = self.instance or self.env["cxm.integration.instance"]._cxm_sms_twilio_instance(
            self.company or self.env.company
        )
        if instance:
            session = InstanceSession(TwilioProvider(instance))
        return super()._sms_twilio_send_request(session, to_number, body, uuid)


@register
class TwilioProvider(Provider):
    code = "twilio"
    webhook_auth = "signature"

    def check_webhook(self, req):
        self.check_ip(req)
        # sudo: the company's Twilio auth token (sms_twilio keeps it there), for this comparison only
        token = self.instance.company_id.sudo().sms_twilio_auth_token
        if not twilio_signature_valid(token, req.url, req.params, req.headers.get("X-Twilio-Signature")):
            raise Refused(401, "bad_signature", _lt("The X-Twilio-Signature does not match."))

    def parse_inbound(self, params):
        sid, sender, text = required(params, "MessageSid", "From", "Body")
        return {"external_id": f"in:{sid}", "sender": sender, "recipient": params.get("To") or "", "text": text}

    def parse_status(self, params):
        raise Refused(404, "not_found", _lt("Twilio status callbacks go to /sms_twilio/status/<uuid>."))

    def webhook_answer(self, kind):
        return '<?xml version="1.0" encoding="UTF-8"?><Response/>', "text/xml"
