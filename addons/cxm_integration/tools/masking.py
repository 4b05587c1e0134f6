# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Masking of secrets and personal data in API log excerpts."""

import json
import math
import re

EXCERPT_SIZE = 2000
SECRET_KEYS = re.compile(
    r"(pass(word)?|secret|token|api[_-]?key|authorization|signature|auth|credential|pin|otp|cvv|card|iban|hash)",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# phone numbers and national ids: 7+ digits, optionally with +, spaces, dashes, dots, parentheses
DIGITS_RE = re.compile(r"\+?\d[\d ()./-]{5,}\d")


def _mask_digits(match):
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return text
    return ("+" if text.startswith("+") else "") + "*" * (len(digits) - 2) + digits[-2:]


def mask_text(text):
    """Mask e-mail addresses and long digit runs (phones, ids, cards) in ``text``."""
    if not text:
        return text
    text = EMAIL_RE.sub(lambda m: m.group(1) + "***@" + m.group(2), text)
    return DIGITS_RE.sub(_mask_digits, text)


def mask_data(data):
    """Return a copy of a JSON-like structure with secret keys replaced by
    ``***`` and personal data in strings masked."""
    if isinstance(data, dict):
        return {
            key: "***" if SECRET_KEYS.search(str(key)) and value not in (None, "") else mask_data(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [mask_data(value) for value in data]
    if isinstance(data, str):
        return mask_text(data)
    if isinstance(data, float) and not math.isfinite(data):
        return str(data)
    if isinstance(data, int | float) and not isinstance(data, bool) and len(str(abs(int(data)))) >= 7:
        return mask_text(str(data))
    return data


def mask_headers(headers):
    return {key: ("***" if SECRET_KEYS.search(key) or key.lower() == "cookie" else value) for key, value in headers}


def excerpt(payload, size=EXCERPT_SIZE):
    """Masked, truncated text of a payload (bytes, str, dict or list). JSON is
    masked key by key; form bodies and other text are masked as text."""
    if payload is None or (isinstance(payload, bytes | str) and not payload):
        return False
    if isinstance(payload, bytes):
        payload = payload[: size * 4].decode("utf-8", "replace")
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to parse: masked as text
            text = re.sub(
                r"(?i)((?:" + SECRET_KEYS.pattern + r")[^=&\s]*)=([^&\s]*)",
                lambda m: m.group(1) + "=***",
                payload,
            )
            return mask_text(text)[:size]
    if isinstance(payload, dict | list):
        return json.dumps(mask_data(payload), ensure_ascii=False, default=str)[:size]
    return mask_text(str(payload))[:size]
