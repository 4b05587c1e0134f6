# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Webhooks of SMS providers: inbound messages and delivery reports.

``/cxm/api/v1/sms/{provider}/{token}/{inbound|status}`` (GET or POST, form,
query string or JSON, as the provider sends them).

Authentication: the instance's secret token in the path finds the instance
(unknown: 404); then the provider's own scheme, before anything is read:
Twilio ``X-Twilio-Signature`` (HMAC-SHA1 over URL + sorted parameters),
Vonage ``sig`` (MD5 hash or HMAC with the signature secret, 5-minute
timestamp), Netgsm (signs nothing) the path token and the IP allow-list,
generic the path token, the allow-list and optionally ``X-CXM-Signature``.
Replays are answered from the idempotency ledger and change nothing."""

import json
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers import CxmApiError, CxmRoute
from odoo.addons.cxm_integration.routers.base import _client_ip, webhook_instance
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES
from odoo.addons.cxm_integration.tools.clean_input import BadInput, check_value
from odoo.addons.fastapi.context import odoo_env_ctx

from ..tools.provider import PROVIDERS, Refused, WebhookRequest

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["sms"], route_class=CxmRoute, responses=ERROR_RESPONSES)

KINDS = ("inbound", "status")


def _form(raw, where):
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadInput("invalid_encoding", _lt("The %(where)s is not valid UTF-8.", where=where)) from None
    return dict(pairs)


def read_params(request, body):
    """Parameters of a webhook: query string, then form or JSON body; checked
    for invalid UTF-8 (also percent-encoded) and NUL characters."""
    query = _form(request.scope.get("query_string") or b"", "query string")
    form, is_json = {}, False
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if body and content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            raise BadInput("invalid_json", _lt("The body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise BadInput("invalid_json", _lt("The body must be a JSON object."))
        form, is_json = data, True
    elif body:
        form = _form(body, "body")
    params = {**query, **form}
    check_value(params)
    return params, form, is_json


@router.api_route("/v1/sms/{provider}/{token}/{kind}", methods=["GET", "POST"], include_in_schema=False)
def sms_webhook(provider: str, token: str, kind: str, request: Request) -> Response:
    env = odoo_env_ctx.get()
    if provider not in PROVIDERS or kind not in KINDS:
        raise CxmApiError(404, "not_found", _lt("Unknown SMS webhook."))
    Instance = env["cxm.integration.instance"]
    instance = Instance._cxm_sms_by_token(provider, token)
    webhook_instance(request, instance, "unknown_instance", _lt("Unknown SMS instance."))
    if not instance.user_id:
        raise CxmApiError(403, "no_technical_user", _lt("The integration instance has no technical user."))
    body = request.scope.get("cxm_body", b"")
    params, form, is_json = read_params(request, body)
    adapter = instance._cxm_sms_adapter()
    signed = WebhookRequest(
        str(request.url),
        form if provider == "twilio" else params,
        request.headers,
        body,
        remote_addr=_client_ip(request),
        is_json=is_json,
    )
    try:
        adapter.check_webhook(signed)
        # as the instance's technical user, limited to its company (what the webhook does obeys its rights)
        context = dict(env.context, allowed_company_ids=[instance.company_id.id])
        user_env = env(user=instance.user_id.id, context=context)
        result = user_env["cxm.integration.instance"].browse(instance.id)._cxm_sms_webhook(kind, params)
    except Refused as exc:
        raise CxmApiError(exc.status, exc.error, exc.detail) from None
    request.state.cxm_external_id = result.get("external_id")
    content, media_type = adapter.webhook_answer(kind)
    return Response(content, media_type=media_type)
