# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Social and complaint-site intake. Thin: authenticate, parse, hand over to the instance (the
conversation layer does the rest in queue jobs), answer at once.

- ``POST /v1/social/posts`` and ``/v1/social/posts/batch``: API key (``X-API-Key``, scope *social*) of a
  social instance; idempotent on ``event_id`` or the ``Idempotency-Key`` header.
- ``POST /v1/social/{key}/complaints``: complaint-site webhook (Şikayetvar), found by the instance's
  unguessable webhook key, checked with the instance's signature scheme."""

import json
from datetime import UTC
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers.base import CxmApiError, CxmRoute, authenticated_instance, webhook_instance
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES
from odoo.addons.fastapi.context import odoo_env_ctx

from .schemas import SocialComplaintsOut, SocialPostIn, SocialPostOut, SocialPostsIn, SocialPostsOut

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["social"], route_class=CxmRoute, responses=ERROR_RESPONSES)


def _social_instance(instance):
    if instance.kind != "social":
        raise CxmApiError(403, "wrong_instance", _lt("This API key does not belong to a social instance."))
    return instance


def _post_values(instance, post, idempotency_key=None):
    values = post.model_dump()
    if idempotency_key and values["event_id"] and idempotency_key != values["event_id"]:
        raise CxmApiError(422, "invalid", _lt("Idempotency-Key and event_id differ."), field="Idempotency-Key")
    values["event_id"] = values["event_id"] or idempotency_key
    if not values["event_id"]:
        raise CxmApiError(422, "invalid", _lt("Give event_id or an Idempotency-Key header."), field="event_id")
    if not instance._cxm_social_platform_allowed(values["platform"]):
        raise CxmApiError(
            422,
            "unknown_platform",
            _lt("Platform %(platform)s is not accepted.", platform=values["platform"]),
            field="platform",
        )
    if values["created_at"]:
        stamp = values["created_at"]
        values["created_at"] = int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp())
    return values


def _receive(instance, posts):
    try:
        results = instance._cxm_social_receive_posts(posts)
    except ValueError as exc:
        raise CxmApiError(400, "invalid", _lt("Invalid post: %(reason)s.", reason=str(exc))) from None
    return [SocialPostOut(event_id=r["external_id"], status=r["status"]) for r in results]


@router.post("/v1/social/posts", response_model=SocialPostOut, status_code=202)
def receive_post(
    post: SocialPostIn,
    request: Request,
    instance: Annotated[object, Depends(authenticated_instance)],
    idempotency_key: Annotated[str | None, Header(max_length=128, pattern=r"^[^\x00-\x1f\x7f]+$")] = None,
) -> SocialPostOut:
    """One post, mention, direct message or complaint: a ticket for its author (or a message on the
    author's open ticket). Authentication: X-API-Key (scope *social*)."""
    instance = _social_instance(instance)
    values = _post_values(instance, post, idempotency_key)
    request.state.cxm_external_id = values["event_id"]
    return _receive(instance, [values])[0]


@router.post("/v1/social/posts/batch", response_model=SocialPostsOut, status_code=202)
def receive_posts(
    body: SocialPostsIn, request: Request, instance: Annotated[object, Depends(authenticated_instance)]
) -> SocialPostsOut:
    """Up to 100 posts at once, each with its own ``event_id``. Authentication: X-API-Key (scope *social*)."""
    instance = _social_instance(instance)
    posts = [_post_values(instance, post) for post in body.posts]
    request.state.cxm_external_id = ",".join(p["event_id"] for p in posts)[:200]
    return SocialPostsOut(results=_receive(instance, posts))


def _webhook_instance(request, key):
    """The social instance of a webhook key (see ``webhook_instance`` for the answers)."""
    env = odoo_env_ctx.get()
    Instance = env["cxm.integration.instance"].sudo()  # the unguessable key is the look-up, nothing is trusted yet
    instance = Instance.search([("cxm_webhook_key", "=", key), ("kind", "=", "social")], limit=1) if key else Instance
    return webhook_instance(request, instance)


@router.post("/v1/social/{key}/complaints", response_model=SocialComplaintsOut)
def receive_complaints(key: str, request: Request) -> SocialComplaintsOut:
    """Complaints pushed by the complaint site, in the instance's configured format (one complaint or a
    list). Authentication: the webhook key in the URL and, with a signature scheme, the signature."""
    instance = _webhook_instance(request, key)
    body = request.scope.get("cxm_body", b"")
    reason = instance._verify_signature(body, request.headers, url=str(request.url))
    if reason:
        raise CxmApiError(401, "bad_signature", _lt("Signature check failed: %(reason)s.", reason=reason))
    try:
        data = json.loads(body)
    except ValueError:
        raise CxmApiError(400, "invalid_json", _lt("The body is not valid JSON.")) from None
    env = odoo_env_ctx.get()
    connector = env["cxm.social.connector"]
    config = instance._cxm_social_connector_config()
    items = data.get(config.get("webhook_items") or "data") if isinstance(data, dict) else data
    if isinstance(data, dict) and items is None:
        items = [data]
    if not isinstance(items, list) or not items:
        raise CxmApiError(400, "invalid", _lt("No complaint in the body."))
    try:
        answer = connector._cxm_intake(instance, items, config)
    except ValueError as exc:
        raise CxmApiError(400, "invalid", _lt("Invalid complaint: %(reason)s.", reason=str(exc))) from None
    request.state.cxm_external_id = ",".join(str(i.get("id", "")) for i in items if isinstance(i, dict))[:200]
    return SocialComplaintsOut(**answer)
