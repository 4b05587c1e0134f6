# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signature schemes of inbound webhooks. Pure functions, no Odoo: every
comparison is constant-time (``hmac.compare_digest``)."""

import base64
import hashlib
import hmac
import time

#: Accepted clock skew of the generic timestamped scheme, in seconds.
GENERIC_WINDOW = 300


def _as_bytes(value):
    if isinstance(value, bytes):
        return value
    return (value or "").encode()


def constant_time_equals(left, right):
    """Compare two secrets in constant time; ``None``/empty never matches."""
    if not left or not right:
        return False
    return hmac.compare_digest(_as_bytes(left), _as_bytes(right))


def meta_signature(app_secret, body):
    """``X-Hub-Signature-256`` value of Meta (WhatsApp, Messenger, Instagram)
    webhooks: ``sha256=`` + hex HMAC-SHA256 of the raw body with the app secret."""
    return "sha256=" + hmac.new(_as_bytes(app_secret), _as_bytes(body), hashlib.sha256).hexdigest()


def meta_signature_valid(app_secret, body, header):
    return bool(app_secret) and constant_time_equals(meta_signature(app_secret, body), (header or "").strip())


def twilio_signature(auth_token, url, params=None):
    """``X-Twilio-Signature``: Base64(HMAC-SHA1(auth token, URL + every POST
    parameter sorted by name, as name + value))."""
    params = params or {}
    data = url
    for key in sorted(params):
        values = params[key] if isinstance(params[key], list | tuple) else [params[key]]
        for value in values:
            data += key + str(value)
    digest = hmac.new(_as_bytes(auth_token), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_signature_valid(auth_token, url, params, header, body=None):
    """Validate a Twilio request. For JSON bodies Twilio signs the URL only
    (params empty) and adds ``bodySHA256`` to its query string, which must match
    the SHA-256 of the raw body."""
    if not auth_token or not header:
        return False
    if body is not None and "bodySHA256=" in url:
        from urllib.parse import parse_qs, urlsplit

        expected_hash = parse_qs(urlsplit(url).query).get("bodySHA256", [""])[0]
        if not constant_time_equals(hashlib.sha256(_as_bytes(body)).hexdigest(), expected_hash):
            return False
        params = {}
    return constant_time_equals(twilio_signature(auth_token, url, params), header.strip())


def generic_signature(secret, timestamp, body):
    """Generic scheme of the suite: ``v1=`` + hex HMAC-SHA256 of
    ``"<unix timestamp>.<raw body>"`` with the instance secret; the timestamp
    travels in ``X-CXM-Timestamp``, the signature in ``X-CXM-Signature``."""
    message = _as_bytes(str(timestamp)) + b"." + _as_bytes(body)
    return "v1=" + hmac.new(_as_bytes(secret), message, hashlib.sha256).hexdigest()


def generic_signature_check(secret, timestamp, body, header, *, now=None, window=GENERIC_WINDOW):
    """Return ``None`` when valid, else the reason: ``missing``, ``expired``
    (outside the replay window) or ``mismatch``."""
    if not secret or not header or not timestamp:
        return "missing"
    try:
        ts = int(str(timestamp).strip())
    except ValueError:
        return "missing"
    now = time.time() if now is None else now
    if abs(now - ts) > window:
        return "expired"
    if not constant_time_equals(generic_signature(secret, ts, body), header.strip()):
        return "mismatch"
    return None
