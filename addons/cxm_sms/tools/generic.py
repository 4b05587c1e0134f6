# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Generic HTTP SMS provider, for providers the suite does not support yet:
configured by a URL (the instance's base URL + ``send_path``), an
authentication and a field mapping, all in the instance's *Generic HTTP
configuration* (JSON)::

    {
      "method": "json",                 # json | form | get
      "send_path": "/sms/send",
      "auth": "bearer",                 # none | basic (account:secret) | bearer (secret) | header
      "auth_header": "X-Api-Key",       # with auth = header: the header carrying the secret
      "send": {"to": "to", "text": "text", "sender": "from", "ref": "reference", "callback": "dlr_url"},
      "static": {"channel": "sms"},     # constant fields added to every send
      "response_id": "data.id",         # dotted path of the message id in the JSON answer
      "inbound": {"id": "id", "from": "from", "text": "text"},
      "status": {"id": "id", "status": "status",
                 "delivered": ["DELIVRD"], "failed": ["UNDELIV", "REJECTD", "EXPIRED"]}
    }

Webhooks: the secret token in the URL path, the IP allow-list when set, and,
when the instance's signature scheme is *Generic timestamped HMAC*, the
``X-CXM-Signature`` of the body (cxm_integration's scheme)."""

import json

from odoo.tools.translate import LazyTranslate

from .provider import DELIVERED, FAILED, PENDING, Provider, Refused, register, required

_lt = LazyTranslate(__name__)

DEFAULT_CONFIG = {
    "method": "json",
    "send_path": "/sms/send",
    "auth": "bearer",
    "send": {"to": "to", "text": "text", "sender": "from", "ref": "reference", "callback": "status_url"},
    "static": {},
    "response_id": "id",
    "inbound": {"id": "id", "from": "from", "text": "text"},
    "status": {"id": "id", "status": "status", "delivered": ["delivered"], "failed": ["failed", "rejected"]},
}


def dig(data, path):
    """Value at a dotted ``path`` (``messages.0.id``) of a JSON value, or ``None``."""
    for part in (path or "").split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def parse_config(text):
    """The configuration as a dict (defaults filled in); ``ValueError`` with the reason."""
    try:
        config = json.loads(text) if text else {}
    except ValueError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(config, dict):
        raise ValueError("must be a JSON object")
    merged = dict(DEFAULT_CONFIG, **config)
    if merged["method"] not in ("json", "form", "get"):
        raise ValueError("method must be json, form or get")
    if merged["auth"] not in ("none", "basic", "bearer", "header"):
        raise ValueError("auth must be none, basic, bearer or header")
    for key in ("send", "static", "inbound", "status"):
        if not isinstance(merged[key], dict):
            raise ValueError(f"{key} must be an object")
    return merged


@register
class GenericProvider(Provider):
    code = "generic"
    webhook_auth = "token"

    def __init__(self, instance):
        super().__init__(instance)
        self.config = parse_config(instance.sms_generic_config)

    def send(self, session, number, body, uuid):
        config, names = self.config, self.config["send"]
        values = {"to": number, "text": body, "sender": self.instance.sms_sender or "", "ref": uuid}
        values["callback"] = self.instance._cxm_sms_webhook_url("status")
        payload = dict(config["static"])
        payload.update({names[key]: value for key, value in values.items() if names.get(key)})
        headers, auth = {}, None
        if config["auth"] == "basic":
            auth = (self.creds.sms_account or "", self.creds.secret or "")
        elif config["auth"] == "bearer":
            headers["Authorization"] = f"Bearer {self.creds.secret or ''}"
        elif config["auth"] == "header":
            headers[config.get("auth_header") or "X-Api-Key"] = self.creds.secret or ""
        url = (self.instance.base_url or "").rstrip("/") + "/" + config["send_path"].lstrip("/")
        kwargs = {"headers": headers, "auth": auth}
        if config["method"] == "json":
            kwargs["json"] = payload
        elif config["method"] == "form":
            kwargs["data"] = payload
        else:
            kwargs["params"] = payload
        response, error = self._post(session, "GET" if config["method"] == "get" else "POST", url, **kwargs)
        if error or response.status_code >= 500:
            return {"uuid": uuid, "state": "server_error", "failure_reason": f"{error or response.status_code}"}
        if response.status_code in (401, 403):
            return {"uuid": uuid, "state": "sms_acc", "failure_reason": f"HTTP {response.status_code}"}
        if response.status_code >= 400:
            return {"uuid": uuid, "state": "unknown", "failure_reason": f"HTTP {response.status_code}"}
        try:
            ref = dig(response.json(), config["response_id"])
        except ValueError:
            ref = None
        if not ref:
            return {"uuid": uuid, "state": "unknown", "failure_reason": "no message id in the answer"}
        return {"uuid": uuid, "state": "success", "ref": str(ref)}

    def check_webhook(self, req):
        self.check_ip(req)
        if self.instance.signature_scheme != "none":
            reason = self.instance._verify_signature(req.body, req.headers, url=req.url, params=req.params)
            if reason:
                raise Refused(401, "bad_signature", _lt("Signature check failed: %(reason)s.", reason=reason))

    def parse_inbound(self, params):
        names = self.config["inbound"]
        values = {key: dig(params, names.get(key, key)) for key in ("id", "from", "text")}
        external, sender, text = required(values, "id", "from", "text")
        return {"external_id": f"in:{external}", "sender": sender, "recipient": "", "text": text}

    def parse_status(self, params):
        names = self.config["status"]
        values = {key: dig(params, names.get(key, key)) for key in ("id", "status")}
        ref, status = required(values, "id", "status")
        if status in names.get("delivered", []):
            outcome, failure = DELIVERED, None
        elif status in names.get("failed", []):
            outcome, failure = FAILED, "not_delivered"
        else:
            outcome, failure = PENDING, None
        return f"dlr:{ref}:{status}", ref, outcome, failure, status
