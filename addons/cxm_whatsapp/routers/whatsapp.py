# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WhatsApp Business webhooks: ``GET`` verification handshake and ``POST`` notifications (messages and
statuses), authenticated by Meta's ``X-Hub-Signature-256``. Thin: authenticate, parse, hand over to the
conversation layer, answer at once (the work is done by queue jobs)."""

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers.base import CxmApiError, CxmRoute, webhook_instance
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES
from odoo.addons.fastapi.context import odoo_env_ctx

from ..tools.payload import PayloadError, parse

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["whatsapp"], route_class=CxmRoute, responses=ERROR_RESPONSES)


def _instance(request, key):
    """The whatsapp instance of a webhook key (see ``webhook_instance`` for the answers)."""
    env = odoo_env_ctx.get()
    Instance = env["cxm.integration.instance"].sudo()  # the unguessable key is the look-up, nothing is trusted yet
    instance = Instance.search([("cxm_webhook_key", "=", key), ("kind", "=", "whatsapp")], limit=1) if key else Instance
    return webhook_instance(request, instance)


@router.get("/v1/whatsapp/{key}/webhook", response_class=PlainTextResponse)
def verify_webhook(
    key: str,
    request: Request,
    mode: Annotated[str | None, Query(alias="hub.mode")] = None,
    token: Annotated[str | None, Query(alias="hub.verify_token")] = None,
    challenge: Annotated[str | None, Query(alias="hub.challenge", max_length=256)] = None,
) -> PlainTextResponse:
    """Meta's verification handshake: answers ``hub.challenge`` when ``hub.verify_token`` is the
    instance's verify token, else 403."""
    instance = _instance(request, key)
    if not challenge or not instance._cxm_wa_verify(mode, token):
        raise CxmApiError(403, "forbidden", _lt("Webhook verification failed."), field="hub.verify_token")
    return PlainTextResponse(challenge)


@router.post("/v1/whatsapp/{key}/webhook")
def receive_webhook(key: str, request: Request) -> dict:
    """Inbound messages and delivery statuses. Authentication: ``X-Hub-Signature-256`` (HMAC-SHA256 of
    the raw body with the app secret). Idempotent: a redelivered message or status creates nothing."""
    instance = _instance(request, key)
    body = request.scope.get("cxm_body", b"")
    reason = instance._cxm_wa_check_request(body, request.headers)
    if reason:
        raise CxmApiError(
            401, "bad_signature", _lt("Signature check failed: %(reason)s.", reason=reason), field="X-Hub-Signature-256"
        )
    try:
        data = json.loads(body)
    except ValueError:
        raise CxmApiError(400, "invalid_json", _lt("The body is not valid JSON.")) from None
    try:
        changes = parse(data)
    except PayloadError as exc:
        raise CxmApiError(400, "invalid", _lt("Not a WhatsApp notification: %(reason)s.", reason=str(exc))) from None
    answer = {"messages": 0, "duplicates": 0, "statuses": 0, "ignored": 0}
    for phone_number_id, change in changes.items():
        if phone_number_id != (instance.cxm_wa_phone_number_id or ""):
            answer["ignored"] += len(change["messages"]) + len(change["statuses"])
            continue
        try:
            for result in instance._cxm_channel_receive(change["messages"]):
                answer["messages" if result["status"] == "accepted" else "duplicates"] += 1
            for result in instance._cxm_channel_status(change["statuses"]):
                answer["statuses" if result["result"] == "accepted" else "duplicates"] += 1
        except ValueError as exc:
            raise CxmApiError(400, "invalid", _lt("Invalid notification: %(reason)s.", reason=str(exc))) from None
    ids = [m["external_id"] for change in changes.values() for m in change["messages"] + change["statuses"]]
    request.state.cxm_external_id = ",".join(ids)[:200] or None
    return answer
