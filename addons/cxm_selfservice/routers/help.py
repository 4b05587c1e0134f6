# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The help centre for mobile apps: categories with their forms, knowledge search, submission and the
customer's own tickets. Authentication: the app's API key (``X-API-Key``, scope ``help_centre``) and,
for the customer's routes, ``X-Customer-Token``: an HS256 JWT signed with the instance's secret, as for
the web sign-on (valid until its ``exp``, 10 minutes at most)."""

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from odoo.api import Environment
from odoo.exceptions import AccessDenied, AccessError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers import CxmApiError, CxmRoute, authenticated_instance
from odoo.addons.cxm_integration.routers.base import SCOPE_BY_PREFIX
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES
from odoo.addons.fastapi.context import odoo_env_ctx

_lt = LazyTranslate(__name__)

SCOPE_BY_PREFIX.setdefault("/cxm/api/v1/help/", "help_centre")

router = APIRouter(tags=["help centre"], route_class=CxmRoute, responses=ERROR_RESPONSES)


class FormFieldOut(BaseModel):
    key: str
    label: str
    type: str
    required: bool
    help: str | None
    options: list[str]
    visible_when_key: str | None
    visible_when_value: str | None


class CategoryOut(BaseModel):
    id: int
    name: str
    intro: str | None
    fields: list[FormFieldOut]


class ArticleOut(BaseModel):
    id: int
    name: str
    summary: str
    url: str


class FileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str = Field(max_length=40, description="Key of the form's file field")
    name: str = Field(max_length=256)
    content_base64: str = Field(max_length=8_000_000)


class TicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category_id: int
    answers: dict[str, str] = Field(default_factory=dict, description="Answers by field key (yes/no: 'yes')")
    files: list[FileIn] = Field(default_factory=list, max_length=10)


class TicketOut(BaseModel):
    id: int
    number: str
    name: str
    status: str
    category: str | None
    channel: str | None = Field(description="Source channel: phone, email, web_form, sms, whatsapp, ...")
    created: str


class SubmittedOut(BaseModel):
    id: int
    number: str
    status_url: str


async def odoo_env() -> Environment:
    """The request's environment (the app has no dependency overrides, see cxm_integration)."""
    return odoo_env_ctx.get()


def _public_env(env, instance):
    """What a visitor of the instance's company may read (public articles, portal categories)."""
    public = env.ref("base.public_user")
    allowed = public.sudo().company_ids.ids  # sudo: the companies of the fixed public user, nothing requested
    companies = [cid for cid in instance.company_id.ids if cid in allowed] or allowed
    return env(user=public.id, context=dict(env.context, allowed_company_ids=companies))


async def help_instance(instance: Annotated[object, Depends(authenticated_instance)]):
    if instance.kind not in ("website", "mobile_app", "ecommerce"):
        raise CxmApiError(403, "wrong_instance", _lt("This integration instance is not a help-centre site or app."))
    return instance


def customer_env(
    instance: Annotated[object, Depends(help_instance)],
    env: Annotated[Environment, Depends(odoo_env)],
    token: Annotated[str | None, Header(alias="X-Customer-Token", description="HS256 JWT of the customer")] = None,
) -> Environment:
    """Environment of the customer's portal user (record rules: their own tickets only)."""
    if not token:
        raise CxmApiError(401, "unauthorized", _lt("The X-Customer-Token header is missing."), field="X-Customer-Token")
    Sso = env["cxm.selfservice.sso"]
    try:
        user = Sso._cxm_customer_user(instance, Sso._cxm_decode(instance, token))
    except AccessDenied as exc:
        raise CxmApiError(401, "unauthorized", _lt("The customer token is refused."), field="X-Customer-Token") from exc
    return env(user=user.id, context=dict(env.context, allowed_company_ids=[instance.company_id.id]))


@router.get("/v1/help/categories", response_model=list[CategoryOut])
def get_categories(
    instance: Annotated[object, Depends(help_instance)], env: Annotated[Environment, Depends(odoo_env)]
) -> list[CategoryOut]:
    """Categories the app offers, each with its form definition."""
    categories = _public_env(env, instance)["cxm.selfservice.intake"]._cxm_visible_categories(instance)
    return [
        CategoryOut(
            id=category.id,
            name=category.name,
            intro=category.cxm_help_intro or None,
            fields=[
                FormFieldOut(
                    key=f.key,
                    label=f.label,
                    type=f.field_type,
                    required=f.required,
                    help=f.help or None,
                    options=f._option_list(),
                    visible_when_key=f.visible_field_id.key or None,
                    visible_when_value=f.visible_value if f.visible_field_id else None,
                )
                for f in category._cxm_help_fields()
            ],
        )
        for category in categories
    ]


@router.get("/v1/help/articles", response_model=list[ArticleOut])
def search_articles(
    instance: Annotated[object, Depends(help_instance)],
    env: Annotated[Environment, Depends(odoo_env)],
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[ArticleOut]:
    """Public knowledge articles matching ``q`` (ranked, accent- and case-insensitive)."""
    return [ArticleOut(**row) for row in _public_env(env, instance)["cxm.knowledge.article"].cxm_search(q, limit=limit)]


@router.post("/v1/help/tickets", response_model=SubmittedOut, status_code=201)
def submit_ticket(
    payload: TicketIn,
    request: Request,
    instance: Annotated[object, Depends(help_instance)],
    env: Annotated[Environment, Depends(customer_env)],
) -> SubmittedOut:
    """Submit a category form as the customer; answered with the reference and the status link."""
    Intake = env["cxm.selfservice.intake"]
    category = Intake._cxm_visible_categories(instance, payload.category_id)
    if not category:
        raise CxmApiError(404, "not_found", _lt("Unknown category."), field="category_id")
    files = {}
    for upload in payload.files:
        try:
            content = base64.b64decode(upload.content_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise CxmApiError(422, "invalid", _lt("A file is not valid base64."), field="files") from exc
        files.setdefault(upload.field, []).append((upload.name, content))
    try:
        result = Intake._cxm_submit(category, payload.answers, files, instance=instance)
    except AccessError as exc:
        raise CxmApiError(404, "not_found", _lt("Unknown category."), field="category_id") from exc
    if result.get("errors"):
        key, message = next(iter(result["errors"].items()))
        raise CxmApiError(422, "invalid", message, field=key)
    ticket = result["ticket"]
    return SubmittedOut(id=ticket.id, number=ticket.number, status_url=ticket.get_base_url() + ticket.get_portal_url())


@router.get("/v1/help/tickets", response_model=list[TicketOut])
def my_tickets(
    env: Annotated[Environment, Depends(customer_env)],
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[TicketOut]:
    """The customer's tickets from every channel, newest first."""
    tickets = env["helpdesk.ticket"].search([], order="create_date desc", limit=limit)
    return [
        TicketOut(
            id=t.id,
            number=t.number,
            name=t.name,
            status=t.stage_id.name or "",
            category=t.category_id.name or None,
            # sudo: the channel's code and name of a ticket the customer may read (found above as them)
            channel=t.channel_id.sudo().cxm_code or t.channel_id.sudo().name or None,
            created=t.create_date.isoformat(),
        )
        for t in tickets
    ]
