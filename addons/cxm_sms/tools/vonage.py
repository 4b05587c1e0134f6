# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Vonage SMS API (``rest.nexmo.com``).

* Send: ``POST <base>/sms/json`` form-encoded with ``api_key``, ``api_secret``,
  ``from`` (the sender id), ``to`` (digits, no ``+``), ``text``, ``type``
  (``unicode`` when the text is not GSM-7), ``client-ref`` (Odoo's SMS uuid)
  and ``callback`` (this instance's delivery-report URL). The JSON answer holds
  ``messages[]`` with ``status`` (``"0"`` = accepted) and ``message-id``.
* Webhooks (inbound SMS, delivery receipts) are signed: ``sig`` over every other
  parameter sorted by name as ``&name=value`` (``&`` and ``=`` in values
  replaced by ``_``) with the signature secret, MD5 hash (default) or
  HMAC-MD5/SHA1/SHA256/SHA512, plus a ``timestamp`` that must be within 5 minutes."""

import hashlib
import hmac
import time

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.tools.signatures import constant_time_equals

from . import gsm
from .provider import DELIVERED, FAILED, PENDING, Provider, Refused, register, required

_lt = LazyTranslate(__name__)

WINDOW = 300
ERRORS = {
    "1": ("server_error", _lt("Vonage throttled the request (status 1): try again later.")),
    "2": ("unknown", _lt("Vonage: a parameter is missing (status 2).")),
    "3": ("wrong_number_format", _lt("Vonage: invalid parameters (status 3).")),
    "4": ("sms_acc", _lt("Vonage refused the credentials (status 4).")),
    "5": ("server_error", _lt("Vonage internal error (status 5).")),
    "6": ("unknown", _lt("Vonage could not route the message (status 6).")),
    "7": ("wrong_number_format", _lt("Vonage: the number is barred (status 7).")),
    "8": ("sms_acc", _lt("Vonage: the account is barred (status 8).")),
    "9": ("sms_credit", _lt("Vonage: not enough credit (status 9).")),
    "15": ("unknown", _lt("Vonage: invalid sender address (status 15).")),
    "29": ("sms_acc", _lt("Vonage: destination not allowed on this account (status 29).")),
}
DLR_STATUS = {
    "delivered": (DELIVERED, None),
    "accepted": (PENDING, None),
    "buffered": (PENDING, None),
    "unknown": (PENDING, None),
    "expired": (FAILED, "expired"),
    "failed": (FAILED, "not_delivered"),
    "rejected": (FAILED, "rejected"),
}
METHODS = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}


def vonage_signature(secret, params, method="md5hash"):
    """``sig`` of a Vonage signed request or webhook (every parameter but ``sig``)."""
    data = ""
    for key in sorted(params):
        if key == "sig":
            continue
        value = params[key]
        value = value if isinstance(value, str) else str(value)
        data += "&" + key + "=" + value.replace("&", "_").replace("=", "_")
    if method == "md5hash":
        return hashlib.md5((data + secret).encode()).hexdigest()  # noqa: S324 (Vonage's scheme)
    return hmac.new(secret.encode(), data.encode(), METHODS[method]).hexdigest()


@register
class VonageProvider(Provider):
    code = "vonage"
    webhook_auth = "signature"

    def base(self):
        return (self.instance.base_url or "https://rest.nexmo.com").rstrip("/")

    def send(self, session, number, body, uuid):
        data = {
            "api_key": self.creds.sms_account or "",
            "api_secret": self.creds.secret or "",
            "from": self.instance.sms_sender or "",
            "to": "".join(ch for ch in number or "" if ch.isdigit()).removeprefix("00"),
            "text": body,
            "type": "unicode" if gsm.needs_unicode(body) else "text",
            "client-ref": uuid,
            "callback": self.instance._cxm_sms_webhook_url("status"),
        }
        response, error = self._post(session, "POST", self.base() + "/sms/json", data=data)
        if error or response.status_code >= 500:
            return {"uuid": uuid, "state": "server_error", "failure_reason": f"Vonage: {error or response.status_code}"}
        try:
            message = (response.json().get("messages") or [{}])[0]
        except ValueError:
            return {"uuid": uuid, "state": "server_error", "failure_reason": "Vonage: the answer is not JSON"}
        status = str(message.get("status", ""))
        if status == "0" and message.get("message-id"):
            return {"uuid": uuid, "state": "success", "ref": message["message-id"]}
        state, reason = ERRORS.get(status, ("unknown", _lt("Vonage answered an unknown status.")))
        detail = message.get("error-text") or ""
        return {"uuid": uuid, "state": state, "failure_reason": f"{self.text(reason)} {detail}".strip()}

    def check_webhook(self, req):
        self.check_ip(req)
        secret = self.creds.sms_signature_secret
        if not secret:
            raise Refused(401, "bad_signature", _lt("The instance has no signature secret."))
        sig, stamp = req.params.get("sig"), req.params.get("timestamp")
        if not isinstance(sig, str) or not sig or stamp in (None, ""):
            raise Refused(401, "bad_signature", _lt("The request is not signed (sig, timestamp)."))
        try:
            stamp = int(str(stamp))
        except ValueError:
            raise Refused(401, "bad_signature", _lt("The timestamp is not a number.")) from None
        if abs(time.time() - stamp) > WINDOW:
            raise Refused(401, "expired", _lt("The signed request is older than 5 minutes."))
        expected = vonage_signature(secret, req.params, self.instance.sms_signature_method or "md5hash")
        if not constant_time_equals(expected, sig.lower()):
            raise Refused(401, "bad_signature", _lt("The signature does not match."))

    def parse_inbound(self, params):
        message_id, sender, text = required(params, "messageId", "msisdn", "text")
        return {
            "external_id": f"in:{message_id}",
            "sender": "+" + sender.lstrip("+"),
            "recipient": str(params.get("to") or ""),
            "text": text,
        }

    def parse_status(self, params):
        message_id, status = required(params, "messageId", "status")
        if status not in DLR_STATUS:
            raise Refused(400, "invalid", _lt("Unknown Vonage delivery status."))
        outcome, failure = DLR_STATUS[status]
        reason = f"Vonage {status} (err-code {params.get('err-code', '?')})"
        return f"dlr:{message_id}:{status}", message_id, outcome, failure, reason

    def webhook_answer(self, kind):
        return "", "text/plain"
