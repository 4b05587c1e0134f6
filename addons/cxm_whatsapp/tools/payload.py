# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cloud API webhook payloads into the conversation layer's items. Pure functions: no Odoo."""

MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")
STATUSES = ("sent", "delivered", "read", "failed")


class PayloadError(ValueError):
    """A webhook body that is not a WhatsApp Business Account notification."""


def _address(wa_id):
    digits = str(wa_id or "").strip().lstrip("+")
    if not digits.isdigit() or not 6 <= len(digits) <= 20:
        raise PayloadError(f"invalid WhatsApp id {wa_id!r}")
    return "+" + digits


def _text_of(msg):
    """(kind, text, attachments) of one inbound message object."""
    kind = msg.get("type") or "unknown"
    if not isinstance(kind, str):
        raise PayloadError("message type must be a string")
    body = msg.get(kind) if isinstance(msg.get(kind), dict) else {}
    if kind == "text":
        return kind, str(body.get("body") or ""), []
    if kind in MEDIA_TYPES:
        if not body.get("id"):
            raise PayloadError(f"{kind} message without a media id")
        name = body.get("filename") or f"{kind}-{body['id']}"
        attachment = {"ref": str(body["id"]), "name": str(name)[:128], "mimetype": body.get("mime_type")}
        return kind, str(body.get("caption") or ""), [attachment]
    if kind == "location":
        parts = [str(body.get(key)) for key in ("name", "address") if body.get(key)]
        coords = f"{body.get('latitude')}, {body.get('longitude')}"
        link = f"https://maps.google.com/?q={body.get('latitude')},{body.get('longitude')}"
        return kind, "\n".join([*parts, f"📍 {coords}", link]), []
    if kind == "button":
        return kind, str(body.get("text") or body.get("payload") or ""), []
    if kind == "interactive":
        reply = body.get(body.get("type") or "") or {}
        if not isinstance(reply, dict):
            reply = {}
        text = str(reply.get("title") or reply.get("id") or "")
        if reply.get("description"):
            text += f"\n{reply['description']}"
        return f"interactive:{body.get('type')}", text, []
    errors = msg.get("errors") or []
    detail = errors[0].get("title") if errors and isinstance(errors[0], dict) else ""
    return kind, f"[unsupported WhatsApp message type: {kind}{' - ' + detail if detail else ''}]", []


def parse(data):
    """``{phone_number_id: {"messages": [item...], "statuses": [update...]}}`` of a notification; raise
    :class:`PayloadError` for a body that is not one."""
    try:
        return _parse(data)
    except (TypeError, AttributeError) as exc:
        # a value of the wrong JSON type somewhere inside (a list where Meta sends an object...)
        raise PayloadError(f"malformed notification ({exc})") from None


def _parse(data):
    if not isinstance(data, dict) or data.get("object") != "whatsapp_business_account":
        raise PayloadError("not a whatsapp_business_account notification")
    entries = data.get("entry")
    if not isinstance(entries, list):
        raise PayloadError("entry must be a list")
    result = {}
    for entry in entries:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            raise PayloadError("entry.changes must be a list")
        for change in changes:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                raise PayloadError("change.value must be an object")
            metadata = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
            phone_number_id = str(metadata.get("phone_number_id") or "")
            bucket = result.setdefault(phone_number_id, {"messages": [], "statuses": []})
            names = {
                str(c.get("wa_id")): ((c.get("profile") or {}).get("name") or "")
                for c in value.get("contacts") or []
                if isinstance(c, dict)
            }
            for msg in value.get("messages") or []:
                if not isinstance(msg, dict) or not msg.get("id"):
                    raise PayloadError("message without an id")
                kind, text, attachments = _text_of(msg)
                bucket["messages"].append(
                    {
                        "external_id": str(msg["id"]),
                        "address": _address(msg.get("from")),
                        "name": names.get(str(msg.get("from")), ""),
                        "text": text,
                        "kind": kind[:32],
                        "timestamp": msg.get("timestamp"),
                        "attachments": attachments,
                        "extra": {"context": msg.get("context")} if msg.get("context") else {},
                    }
                )
            for status in value.get("statuses") or []:
                if not isinstance(status, dict) or not status.get("id"):
                    raise PayloadError("status without an id")
                if status.get("status") not in STATUSES:
                    raise PayloadError(f"unknown status {status.get('status')!r}")
                errors = [e for e in status.get("errors") or [] if isinstance(e, dict)]
                error = errors[0] if errors else {}
                details = (
                    (error.get("error_data") or {}).get("details")
                    if isinstance(error.get("error_data"), dict)
                    else None
                )
                bucket["statuses"].append(
                    {
                        "external_id": str(status["id"]),
                        "status": status["status"],
                        "timestamp": status.get("timestamp"),
                        "code": str(error.get("code") or "") or None,
                        "reason": " - ".join(str(x) for x in (error.get("title"), details) if x) or None,
                    }
                )
    return result
