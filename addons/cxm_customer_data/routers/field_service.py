# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field-service status sync: the field-service application creates, updates
and closes its service records, each linked to a ticket."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from odoo.api import Environment
from odoo.exceptions import AccessError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers import CxmApiError, CxmRoute, authenticated_instance, instance_env
from odoo.addons.cxm_integration.routers.base import SCOPE_BY_PREFIX
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES

_lt = LazyTranslate(__name__)

SCOPE_BY_PREFIX.setdefault("/cxm/api/v1/field-service/", "field_service")

router = APIRouter(tags=["field service"], route_class=CxmRoute, responses=ERROR_RESPONSES)


def _naive_utc(value):
    if value is None:
        return None
    if value.tzinfo:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None, microsecond=0)


Status = Literal["scheduled", "in_progress", "on_hold", "done", "cancelled"]


class FieldServiceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ticket: str | int | None = Field(
        None, description="Ticket number (e.g. 'HT00042') or id; required when the record is created."
    )
    status: Status | None = Field(None, description="Default 'scheduled' on creation; unchanged on update.")
    technician: str | None = Field(None, max_length=128)
    scheduled_date: datetime | None = None
    done_date: datetime | None = Field(None, description="Default: now, when the status becomes done or cancelled.")
    notes: str | None = Field(None, max_length=10000)

    @field_validator("ticket", "technician", "notes")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("NUL characters are not allowed")
        return value

    @field_validator("scheduled_date", "done_date")
    @classmethod
    def _utc(cls, value):
        try:
            return _naive_utc(value)
        except (OverflowError, ValueError) as error:
            raise ValueError("not a valid date and time") from error

    @model_validator(mode="after")
    def _dates(self):
        if self.scheduled_date and self.done_date and self.done_date < self.scheduled_date:
            raise ValueError("done_date is before scheduled_date")
        return self


class FieldServiceOut(BaseModel):
    id: int
    external_id: str
    ticket_id: int
    ticket_number: str
    status: str
    technician: str | None
    scheduled_date: datetime | None
    done_date: datetime | None
    created: bool = Field(description="True when this call created the record.")
    changed: bool = Field(description="False when the call changed nothing (e.g. a re-sent update).")


def _find_ticket(env, reference):
    """The ticket ``reference`` (number or id) as the technical user may read it;
    an unknown and an unreadable ticket answer the same 404."""
    Ticket = env["helpdesk.ticket"]
    ticket = Ticket
    text = str(reference).strip()
    if text:
        ticket = Ticket.search([("number", "=", text)], limit=1)
        if not ticket and text.isdigit():
            ticket = Ticket.browse(int(text)).exists()
    try:
        if ticket:
            ticket.check_access("read")
    except AccessError:
        ticket = Ticket
    if not ticket:
        raise CxmApiError(
            404, "unknown_ticket", _lt("No ticket %(ticket)r that this instance can read.", ticket=text), field="ticket"
        )
    return ticket


@router.put("/v1/field-service/{external_id}", response_model=FieldServiceOut)
def put_field_service(
    external_id: Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[\w\-.:@/#]+$")],
    payload: FieldServiceIn,
    request: Request,
    instance: Annotated[object, Depends(authenticated_instance)],
    env: Annotated[Environment, Depends(instance_env)],
) -> FieldServiceOut:
    """Create, update or close the service record ``external_id`` of the
    calling instance. Idempotent: re-sending the same state changes nothing."""
    request.state.cxm_external_id = external_id
    Service = env["cxm.field.service"]
    existing = Service.search([("instance_id", "=", instance.id), ("external_id", "=", external_id)], limit=1)
    if payload.ticket is not None:
        ticket = _find_ticket(env, payload.ticket)
    elif existing:
        ticket = _find_ticket(env, existing.ticket_id.id)
    else:
        raise CxmApiError(422, "invalid", _lt("A new field-service record needs its ticket."), field="ticket")
    values = {}
    for name in ("status", "technician", "notes"):
        if getattr(payload, name) is not None:
            values[name] = getattr(payload, name)
    for name in ("scheduled_date", "done_date"):
        if getattr(payload, name) is not None:
            values[name] = getattr(payload, name)
    record, created, changed = Service._cxm_sync(instance, external_id, ticket, values)
    env.flush_all()  # as the technical user, not as the endpoint's runner
    return FieldServiceOut(
        id=record.id,
        external_id=record.external_id,
        ticket_id=record.ticket_id.id,
        ticket_number=record.ticket_id.number,
        status=record.status,
        technician=record.technician or None,
        scheduled_date=record.scheduled_date or None,
        done_date=record.done_date or None,
        created=created,
        changed=changed,
    )
