# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared plumbing of the CXM REST API: API-key authentication resolving to
the integration instance and its technical user, rate limits, JSON errors
``{error, field, detail}`` and the API log of every call."""

import logging
import time
import warnings
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader
from psycopg2 import OperationalError
from pydantic.warnings import UnsupportedFieldAttributeWarning
from starlette.exceptions import HTTPException as StarletteHTTPException

from odoo.api import Environment
from odoo.exceptions import AccessError, ConcurrencyError, UserError, ValidationError
from odoo.tools.translate import LazyGettext, LazyTranslate

from odoo.addons.fastapi.context import odoo_env_ctx

from ..tools.clean_input import BadInput, check_request

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# FastAPI builds a route's parameters lazily, on the first request that reaches it; when several worker
# threads do it at the same moment, one of them can see the body parameter's FieldInfo half-copied and
# pydantic warns "The 'alias' attribute with value '<param>' ... has no effect" (seen once under 8
# concurrent webhook senders). The route is built correctly either way: the warning is noise.
warnings.filterwarnings("ignore", message=r"The 'alias' attribute", category=UnsupportedFieldAttributeWarning)

MAX_BODY = 256 * 1024
DEFAULT_IP_LIMIT = 1200

#: API-key scope required by route prefix (channel modules add theirs)
SCOPE_BY_PREFIX = {"/cxm/api/v1/events": "events", "/cxm/api/v1/cti/": "cti"}

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key of the integration instance")


class CxmApiError(Exception):
    """An API refusal: ``error`` is the stable machine-readable code, ``detail`` the human reason,
    a lazy translation (``_lt``) answered in the caller's language (``Accept-Language``)."""

    def __init__(self, status, error, detail, field=None, headers=None):
        super().__init__(api_text(detail))
        self.status, self.error, self.detail, self.field, self.headers = status, error, detail, field, headers


def api_text(detail, lang=None):
    """``detail`` as text: a lazy translation in ``lang`` (English without one), anything else as is."""
    if isinstance(detail, LazyGettext):
        return detail._translate(lang or "en_US")
    return str(detail)


def _error_response(status, error, detail, field=None, *, headers=None, lang=None):
    body = {"error": error, "field": field, "detail": api_text(detail, lang)}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_response(exc, lang=None):
    errors = exc.errors()
    first = errors[0] if errors else {}
    loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "header", "path")]
    message = first.get("msg", "invalid input")
    if first.get("type") == "json_invalid":
        return _error_response(400, "invalid_json", _lt("The body is not valid JSON."), lang=lang)
    return _error_response(422, "invalid", message, field=".".join(loc) or None)


def _refusal(request, exc, lang):
    """``(JSON answer, error text for the log)`` for an exception of a handler."""
    if isinstance(exc, BadInput):
        return _error_response(400, exc.error, exc.detail, exc.field, lang=lang), str(exc)
    if isinstance(exc, CxmApiError):
        response = _error_response(exc.status, exc.error, exc.detail, exc.field, headers=exc.headers, lang=lang)
        return response, str(exc)
    if isinstance(exc, RequestValidationError):
        return _validation_response(exc, lang), "invalid input"
    if isinstance(exc, StarletteHTTPException):
        response = _error_response(exc.status_code, "http_error", str(exc.detail), headers=exc.headers)
        return response, str(exc.detail)
    if isinstance(exc, AccessError | ValidationError | UserError):
        _logger.info("CXM API %s refused: %s", request.url.path, exc, exc_info=True)
        status = 403 if isinstance(exc, AccessError) else 422
        response = _error_response(status, "forbidden" if status == 403 else "invalid", str(exc.args[0]))
        return response, str(exc.args[0])
    _logger.exception("CXM API %s failed", request.url.path, exc_info=exc)
    response = _error_response(500, "internal_error", _lt("The server could not process the request."), lang=lang)
    return response, "internal error"


class CxmRoute(APIRoute):
    """Route class of every CXM router: turns errors into JSON answers and
    writes one API log row per call. An error answer rolls back what the
    request did, so it leaves nothing behind but the log row (and the rate
    counts, committed on their own)."""

    def get_route_handler(self):
        original = super().get_route_handler()

        async def handler(request: Request):
            started = time.monotonic()
            env = odoo_env_ctx.get()
            body = await request.body()
            request.scope["cxm_body"] = body
            response = None
            error = None
            lang = env.lang  # from Accept-Language (fastapi's dispatcher), else English
            try:
                if len(body) > MAX_BODY:
                    raise CxmApiError(413, "too_large", _lt("The body exceeds %(size)s bytes.", size=MAX_BODY))
                # the one gate for outside text: what PostgreSQL cannot store is refused here, not in a handler
                query = "".join(key + value for key, value in request.query_params.multi_items())  # decoded
                check_request(body, request.url.path, query)
                response = await original(request)
                env.flush_all()  # what the handler wrote, before it counts as done
            except (OperationalError, ConcurrencyError):
                # serialisation failures (also as ConcurrencyError: two requests creating the same record) and
                # lost connections: Odoo's retrying runs the request again or answers it
                raise
            except Exception as exc:  # every refusal: nothing left but the log row
                # the request wrote nothing of its own before the handler: its whole transaction goes (one
                # ROLLBACK where a savepoint around every handler costs two statements on every call)
                env.cr.rollback()
                response, error = _refusal(request, exc, lang)
            instance_id = getattr(request.state, "cxm_instance_id", None)
            api_key = request.headers.get("X-API-Key")
            if not instance_id and api_key and response.status_code in (400, 413):
                # refused at the gate, before the route authenticated: the log row still names the key's instance
                instance_id = env["cxm.integration.api.key"]._authenticate(api_key).id
            # sudo: the instance the API key resolved to (not a request-supplied id), for the log row only
            instance = env["cxm.integration.instance"].sudo().browse(instance_id) if instance_id else None
            path = request.url.path
            env["cxm.integration.log"]._record(
                instance,
                "in",
                path,
                response.status_code,
                (time.monotonic() - started) * 1000,
                request=body or (request.url.query or None),
                response=getattr(response, "body", None),
                error=error,
                method=request.method,
                external_id=getattr(request.state, "cxm_external_id", None),
            )
            return response

        return handler


async def accept_language(
    accept_language: Annotated[
        str | None,
        Header(
            alias="Accept-Language",
            description="Language of the error details (e.g. tr-TR); English without it.",
        ),
    ] = None,
) -> str | None:
    """Documents the ``Accept-Language`` header for every route (the
    dispatcher reads it before the app runs)."""
    return accept_language


def _client_ip(request):
    return request.client.host if request.client else "unknown"


async def authenticated_instance(
    request: Request,
    api_key: Annotated[str | None, Depends(api_key_header)] = None,
):
    """Resolve the ``X-API-Key`` header to its integration instance.

    Authentication: API key of the instance (hashed, revocable, scoped).
    Rate limits: per client address, then per instance; both counted in one
    short transaction (the instance only when its key is valid and the
    address is within its limit). Answers, in order: 429 for the address,
    401 for a missing or wrong key, 403 for a disabled instance, 429 for the
    instance.

    Async on purpose, like ``instance_env``: the request has an event loop
    of its own, and a plain function dependency would cost a hop to a worker
    thread and back on every call."""
    env = odoo_env_ctx.get()
    # sudo: a system parameter, read before anyone is authenticated
    ip_limit = int(env["ir.config_parameter"].sudo().get_param("cxm_integration.ip_rate_limit", DEFAULT_IP_LIMIT))
    scope = next((s for prefix, s in SCOPE_BY_PREFIX.items() if request.url.path.startswith(prefix)), None)
    instance = (
        env["cxm.integration.api.key"]._authenticate(api_key, scope=scope)
        if api_key
        else env["cxm.integration.instance"]
    )
    accepts = bool(instance) and instance._accepts_requests()
    hits = [(f"ip:{_client_ip(request)}", ip_limit)]
    if accepts:
        hits.append((f"in:{instance.id}", instance.rate_limit))
    allowed, retry_after, refused = env["cxm.integration.rate.bucket"]._hit_chain(hits)
    if not allowed and refused == 0:
        raise CxmApiError(429, "rate_limited", _lt("Too many requests."), headers={"Retry-After": str(retry_after)})
    if not api_key:
        raise CxmApiError(401, "unauthorized", _lt("The X-API-Key header is missing."), field="X-API-Key")
    if not instance:
        raise CxmApiError(401, "unauthorized", _lt("The API key is invalid or revoked."), field="X-API-Key")
    request.state.cxm_instance_id = instance.id
    if not accepts:
        raise CxmApiError(403, "disabled", _lt("This integration instance is disabled."))
    if not allowed:
        raise CxmApiError(
            429, "rate_limited", _lt("Rate limit of the instance exceeded."), headers={"Retry-After": str(retry_after)}
        )
    return instance


def webhook_instance(request, instance, unknown_code="not_found", unknown_message=None):
    """Admit a webhook call for ``instance``, found by the caller from the unguessable key or token in
    the URL (an empty recordset when none matched): the one gate every channel webhook passes.

    Authentication: the URL key (the caller then checks the provider's signature on the body).
    Rate limits as for ``authenticated_instance``. Answers, in order: 429 for the client address,
    404 for an unknown key, 403 for a disabled instance, 429 for the instance."""
    env = odoo_env_ctx.get()
    # sudo: a system parameter, read before anyone is authenticated
    ip_limit = int(env["ir.config_parameter"].sudo().get_param("cxm_integration.ip_rate_limit", DEFAULT_IP_LIMIT))
    accepts = bool(instance) and instance._accepts_requests()
    hits = [(f"ip:{_client_ip(request)}", ip_limit)]
    if accepts:
        hits.append((f"in:{instance.id}", instance.rate_limit))
    allowed, retry_after, refused = env["cxm.integration.rate.bucket"]._hit_chain(hits)
    if not allowed and refused == 0:
        raise CxmApiError(429, "rate_limited", _lt("Too many requests."), headers={"Retry-After": str(retry_after)})
    if not instance:
        raise CxmApiError(404, unknown_code, unknown_message or _lt("Unknown webhook."))
    request.state.cxm_instance_id = instance.id
    if not accepts:
        raise CxmApiError(403, "disabled", _lt("This integration instance is disabled."))
    if not allowed:
        raise CxmApiError(
            429, "rate_limited", _lt("Rate limit of the instance exceeded."), headers={"Retry-After": str(retry_after)}
        )
    return instance


async def instance_env(instance: Annotated[object, Depends(authenticated_instance)]) -> Environment:
    """Environment of the instance's technical user, limited to its company:
    what the request does is subject to that user's access rights."""
    env = odoo_env_ctx.get()
    if not instance.user_id:
        raise CxmApiError(403, "no_technical_user", _lt("The integration instance has no technical user."))
    return env(user=instance.user_id.id, context=dict(env.context, allowed_company_ids=[instance.company_id.id]))
