# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every SMS provider adapter does: send one message, authenticate a
webhook, read an inbound message and a delivery report. Adapters are plain
classes around one ``cxm.integration.instance``; the models call them."""

import ipaddress
import time

import requests

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.tools.clean_input import BadInput

_lt = LazyTranslate(__name__)

#: what a delivery report means for Odoo's SMS tracking
DELIVERED, PENDING, FAILED = "delivered", "pending", "failed"

PROVIDERS = {}


def register(cls):
    PROVIDERS[cls.code] = cls
    return cls


class Refused(Exception):
    """A webhook the instance does not accept: ``status`` is the HTTP answer."""

    def __init__(self, status, error, detail):
        super().__init__(str(detail))
        self.status, self.error, self.detail = status, error, detail


class WebhookRequest:
    """What an adapter needs of an inbound HTTP request, already decoded and checked
    (valid UTF-8, no NUL): ``params`` is a dict of str (JSON bodies: the JSON object)."""

    def __init__(self, url, params, headers, body, *, remote_addr=None, is_json=False):
        self.url, self.params, self.headers, self.body = url, params, headers, body
        self.remote_addr, self.is_json = remote_addr, is_json


def required(params, *names):
    """The values of ``names`` in ``params``; a clear error for a missing or non-text one."""
    values = []
    for name in names:
        value = params.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise BadInput("invalid", _lt("Field %(field)s is missing or empty.", field=name), name)
        values.append(value.strip())
    return values


class Provider:
    code = None
    #: the provider can send GSM-7 with the Turkish single shift table
    turkish_shift = False
    #: how the webhooks of this provider are authenticated (shown on the instance)
    webhook_auth = ""

    def __init__(self, instance):
        self.instance = instance
        # sudo: the instance's credentials, used for the provider call only
        self.creds = instance.sudo()
        self.timeout = instance.outbox_timeout or 10.0

    def text(self, lazy):
        """A lazy translation (``_lt``) in the language of the instance's environment."""
        return lazy._translate(self.instance.env.lang or "en_US") if hasattr(lazy, "_translate") else str(lazy)

    # --- sending
    def send(self, session, number, body, uuid):
        """Send one SMS. Return ``{"uuid", "state", "ref", "failure_reason"}``:
        ``state`` is ``success`` or an error key of the sms framework."""
        raise NotImplementedError

    def _post(self, session, method, url, **kwargs):
        """One HTTP call to the provider, written to the API log. Return
        ``(response or None, error text or None)``."""
        started = time.monotonic()
        response, error = None, None
        try:
            response = session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            error = f"timeout after {self.timeout} s"
        except requests.RequestException as exc:
            error = f"connection error: {exc.__class__.__name__}"
        sent = kwargs.get("data") or kwargs.get("json") or kwargs.get("params")
        sent = sent.decode() if isinstance(sent, bytes) else str(sent or "")
        for secret in (self.creds.secret, self.creds.sms_account):
            if secret and len(secret) > 3:
                sent = sent.replace(secret, "***")  # credentials never reach the API log
        self.instance.env["cxm.integration.log"]._record(
            self.instance,
            "out",
            url.split("?")[0],
            response.status_code if response is not None else 0,
            (time.monotonic() - started) * 1000,
            request=sent,
            response=response.text if response is not None else None,
            error=error or (f"HTTP {response.status_code}" if response.status_code >= 400 else None),
            method=method,
        )
        return response, error

    # --- webhooks
    def check_webhook(self, req):
        """Authenticate a webhook; raise :class:`Refused` when it is not the provider's."""
        raise NotImplementedError

    def check_ip(self, req):
        allowed = (self.instance.sms_allowed_ips or "").replace(";", ",").split(",")
        allowed = [item.strip() for item in allowed if item.strip()]
        if not allowed:
            return
        try:
            address = ipaddress.ip_address(req.remote_addr or "")
            networks = [ipaddress.ip_network(item, strict=False) for item in allowed]
        except ValueError:
            networks, address = [], None  # an unreadable address or list entry allows nothing
        if address is not None and any(address in network for network in networks):
            return
        raise Refused(403, "forbidden_address", _lt("This address may not call the webhook of this instance."))

    def parse_inbound(self, params):
        """``{"external_id", "sender", "recipient", "text"}`` of an inbound SMS."""
        raise NotImplementedError

    def parse_status(self, params):
        """``(external_id, provider message ref, DELIVERED|PENDING|FAILED, failure type, reason)``."""
        raise NotImplementedError

    def webhook_answer(self, kind):
        """Body the provider expects back (content, mimetype)."""
        return "OK", "text/plain"
