# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one gate for text that comes from outside (REST bodies, URLs, query strings) and the one
cleaning of text the suite stores about a request (API log).

PostgreSQL cannot store a NUL character in text, and UTF-8 cannot encode a lone surrogate
(``"\\ud800"`` is valid JSON): either would fail deep inside a handler with a server error
and lose the call. :func:`check_request` refuses them up front with a clear reason, together
with invalid UTF-8 and JSON nested deeper than any real payload; :func:`visible` makes such
characters visible (``\\x00``, ``\\ud800``) in what is logged about a refused call."""

import json
import re

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MAX_DEPTH = 32
_INVISIBLE = re.compile("[\x00\ud800-\udfff]")


class BadInput(ValueError):
    """Input the API refuses: ``error`` is the machine-readable code, ``detail`` the reason
    (a lazy translation, answered in the caller's language; ``str()`` gives it in English)."""

    def __init__(self, error, detail, field=None):
        super().__init__(detail._translate("en_US") if hasattr(detail, "_translate") else detail)
        self.error, self.detail, self.field = error, detail, field


def visible(text):
    """``text`` with NUL and lone surrogates written as escapes, storable and readable."""
    if not isinstance(text, str) or not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _check_text(text, field):
    if "\x00" in text:
        raise BadInput("invalid_text", _lt("Text may not contain NUL characters (\\u0000)."), field)
    if _INVISIBLE.search(text):
        raise BadInput("invalid_text", _lt("Text may not contain lone UTF-16 surrogates."), field)


def check_value(value, field=None):
    """Refuse NUL characters, lone surrogates and nesting deeper than MAX_DEPTH in a JSON value."""
    stack = [(value, field, 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadInput("too_deep", _lt("JSON nested deeper than %(depth)s levels.", depth=MAX_DEPTH), path)
        if isinstance(item, str):
            _check_text(item, path)
        elif isinstance(item, dict):
            for key, sub in item.items():
                sub_path = f"{path}.{key}" if path else str(key)
                _check_text(str(key), path)
                stack.append((sub, sub_path, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, f"{path or ''}[{index}]", depth + 1) for index, sub in enumerate(item))


class NonJsonNumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in a body: Python's parser takes them, JSON has no such numbers."""


def _no_constant(name):
    raise NonJsonNumber(name)


def check_request(body, path, query):
    """Refuse a request whose body, path or query holds text the suite cannot store; return nothing."""
    _check_text(path, "path")
    _check_text(query, "query")
    if not body:
        return
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            "invalid_encoding", _lt("The body is not valid UTF-8 (byte %(position)s).", position=exc.start)
        ) from None
    if "\x00" in text:
        raise BadInput("invalid_text", _lt("The body may not contain NUL bytes."))
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "[{":
        return  # not a JSON document: FastAPI answers what it answers (e.g. invalid_json)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except NonJsonNumber:
        raise BadInput(
            "invalid_json", _lt("The body is not valid JSON: NaN and Infinity are not JSON numbers.")
        ) from None
    except RecursionError:
        raise BadInput("too_deep", _lt("JSON nested deeper than %(depth)s levels.", depth=MAX_DEPTH)) from None
    except ValueError:
        return  # FastAPI answers invalid_json
    check_value(data)
