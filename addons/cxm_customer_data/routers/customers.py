# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""REST entry point of the customer upsert pipeline: the same pipeline as the
file import and ``res.partner.cxm_upsert``, for the authenticated instance."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field

from odoo.api import Environment

from odoo.addons.cxm_integration.routers import CxmRoute, authenticated_instance, instance_env
from odoo.addons.cxm_integration.routers.base import SCOPE_BY_PREFIX
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES

#: records per REST call (the model method takes bigger batches)
REST_MAX = 1000

SCOPE_BY_PREFIX.setdefault("/cxm/api/v1/customers/", "customers")

router = APIRouter(tags=["customers"], route_class=CxmRoute, responses=ERROR_RESPONSES)

Text = str | int | float | None


class CustomerIn(BaseModel):
    """One customer, in the record format of ``res.partner.cxm_upsert``.
    Absent or empty values leave the stored value unchanged."""

    model_config = ConfigDict(extra="forbid")

    external_key: Text = Field(None, description="Key of the customer in the calling system.")
    name: Text = None
    is_company: bool | str | None = None
    parent_key: Text = Field(None, description="External key of the parent company (same system).")
    email: Text = None
    phone: Text = Field(None, description="Any format; stored as E.164.")
    national_id: Text = None
    vat: Text = None
    street: Text = None
    street2: Text = None
    zip: Text = None
    city: Text = None
    country: Text = Field(None, description="ISO code or name.")
    lang: Text = Field(None, description="e.g. tr_TR")
    tags: list[str] | str | None = Field(None, description="List or 'a;b'.")
    attributes: dict[str, Text | bool] | None = Field(None, description="Custom attributes {name: value}.")


class UpsertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[CustomerIn] = Field(min_length=1, max_length=REST_MAX)


class RowErrorOut(BaseModel):
    field: str | None
    message: str


class RowOut(BaseModel):
    index: int = Field(description="Position of the record in the request (0-based).")
    status: str = Field(description="created, updated, unchanged or error")
    partner_id: int | None
    errors: list[RowErrorOut] = []


class UpsertOut(BaseModel):
    replayed: bool = Field(
        description="True when the Idempotency-Key was seen before: the first result, nothing written."
    )
    created: int
    updated: int
    unchanged: int
    failed: int
    results: list[RowOut]


def _without_nul(value):
    """NUL characters dropped everywhere (PostgreSQL refuses them), keys included."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    return value


@router.post("/v1/customers/upsert", response_model=UpsertOut)
async def upsert_customers(
    payload: UpsertIn,
    request: Request,
    instance: Annotated[object, Depends(authenticated_instance)],
    env: Annotated[Environment, Depends(instance_env)],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=128)] = None,
) -> UpsertOut:
    """Create or update customers of the calling instance (its external keys).
    Good records are written even if others fail; every record gets its
    result. Re-sending with the same ``Idempotency-Key`` answers the first
    result and writes nothing."""
    request.state.cxm_external_id = idempotency_key
    records = [_without_nul(record.model_dump(exclude_none=True)) for record in payload.records]
    partners = env["res.partner"]
    partners.check_access("create")
    partners.check_access("write")
    # the instance the API key resolved to, as its technical user may read it (cached per worker: no query
    # once warm); the idempotency claim itself tells a replay, no read before it
    source = partners._cxm_upsert_source(instance.id)
    results, replayed = partners._cxm_upsert_records(records, source, idempotency_key=idempotency_key)
    env.flush_all()  # as the technical user, not as the endpoint's runner
    rows = [
        RowOut(
            index=index,
            status=result["status"],
            partner_id=result.get("partner_id") or None,
            errors=[
                RowErrorOut(field=e.get("field"), message=e.get("message", "")) for e in result.get("errors") or []
            ],
        )
        for index, result in enumerate(results)
    ]
    counts = {status: sum(1 for r in rows if r.status == status) for status in ("created", "updated", "unchanged")}
    return UpsertOut(replayed=replayed, failed=sum(1 for r in rows if r.status == "error"), results=rows, **counts)
