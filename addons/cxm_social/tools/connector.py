# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Configurable complaint-site connector (Şikayetvar has no public API specification): endpoints,
authentication and field mapping are JSON configuration of the integration instance; ``PRESET`` is the
built-in one. Pure Python: no Odoo import (the fake site and the demo scripts read it too)."""

import copy
from datetime import UTC, datetime

PUBLIC_STATES = ("open", "answered", "resolved")

PRESET = {
    "poll": {
        "method": "GET",
        "path": "complaints",
        "cursor_param": "cursor",
        "limit_param": "limit",
        "limit": 50,
        "items": "data",
        "next_cursor": "nextCursor",
        "max_pages": 20,
    },
    "answer": {"method": "POST", "path": "complaints/{id}/answers", "text_field": "message", "id_field": "id"},
    "auth": {"header": "Authorization", "prefix": "Bearer "},
    "webhook_items": "data",
    "fields": {
        "id": "id",
        "title": "title",
        "text": "content",
        "url": "url",
        "state": "status",
        "rating": "rating",
        "handle": "member.id",
        "name": "member.name",
        "email": "member.email",
        "phone": "member.phone",
        "created": "createdAt",
    },
    "states": {
        "open": ["NEW", "OPEN", "PUBLISHED", "WAITING"],
        "answered": ["ANSWERED", "REPLIED"],
        "resolved": ["RESOLVED", "SOLVED", "CLOSED"],
    },
}

REQUIRED_FIELDS = ("id", "text", "handle")


class ConfigError(ValueError):
    """The connector configuration cannot work (the reason names the key)."""


def preset():
    return copy.deepcopy(PRESET)


def dig(data, path):
    """Value at a dotted ``path`` of nested dicts (and list indexes), or None."""
    if not path:
        return None
    for part in str(path).split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def check_config(config):
    """Raise ``ConfigError`` when ``config`` (a dict) lacks what polling, answering or mapping need."""
    if not isinstance(config, dict):
        raise ConfigError("the configuration must be a JSON object")
    for section in ("poll", "answer", "fields", "states"):
        if not isinstance(config.get(section), dict):
            raise ConfigError(f"'{section}' must be an object")
    fields = config["fields"]
    for name in REQUIRED_FIELDS:
        if not isinstance(fields.get(name), str) or not fields[name]:
            raise ConfigError(f"'fields.{name}' must name where the complaint's {name} is")
    for name in ("path", "items"):
        if not isinstance(config["poll"].get(name), str):
            raise ConfigError(f"'poll.{name}' must be a string")
    if not isinstance(config["answer"].get("path"), str) or "{id}" not in config["answer"]["path"]:
        raise ConfigError("'answer.path' must be a string containing {id}")
    limit = config["poll"].get("limit", 50)
    if not isinstance(limit, int) or not 0 < limit <= 500:
        raise ConfigError("'poll.limit' must be between 1 and 500")
    for state, values in config["states"].items():
        if state not in PUBLIC_STATES or not isinstance(values, list):
            raise ConfigError(f"'states' maps {', '.join(PUBLIC_STATES)} to lists of the site's values")
    return config


def _text(value, size=255):
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).replace("\x00", "").strip()[:size]


def public_state(config, value):
    """Our public state (open, answered, resolved) of the site's state value, or None."""
    value = _text(value).upper()
    for state, values in config.get("states", {}).items():
        if value in {str(v).upper() for v in values}:
            return state
    return None


def parse_time(value):
    """Unix time of an ISO 8601 date or a unix number, else None."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    try:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return int(stamp.timestamp())


def map_complaint(config, raw):
    """One complaint of the site as ``{id, title, text, url, state, rating, handle, name, email, phone,
    created}``; raise ``ValueError`` when it lacks an id, an author or text."""
    if not isinstance(raw, dict):
        raise ValueError("a complaint must be an object")
    fields = config["fields"]
    item = {name: dig(raw, path) for name, path in fields.items()}
    complaint_id, handle = _text(item.get("id"), 128), _text(item.get("handle"), 128)
    if not complaint_id or not handle:
        raise ValueError("a complaint needs an id and an author")
    rating = item.get("rating")
    try:
        rating = int(rating) if rating not in (None, "") else None
    except (TypeError, ValueError):
        rating = None
    if rating is not None and not 0 <= rating <= 5:
        rating = None
    title, text = _text(item.get("title")), _text(item.get("text"), 65536)
    return {
        "id": complaint_id,
        "title": title,
        "text": f"{title}\n\n{text}" if title and text and not text.startswith(title) else (text or title),
        "url": _text(item.get("url"), 2048),
        "state": public_state(config, item.get("state")) or "open",
        "rating": rating,
        "handle": handle,
        "name": _text(item.get("name")),
        "email": _text(item.get("email")),
        "phone": _text(item.get("phone"), 64),
        "created": parse_time(item.get("created")),
    }
