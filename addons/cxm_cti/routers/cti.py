# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from odoo.api import Environment
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers import CxmApiError, CxmRoute, authenticated_instance, instance_env
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["cti"], route_class=CxmRoute, responses=ERROR_RESPONSES)

ID_PATTERN = r"^[\w+\-.:@ ()/#*]{1,64}$"


class CallEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event: Literal["started", "answered", "ended"]
    call_id: str = Field(pattern=ID_PATTERN, description="Call id of the PBX")
    caller_id: str | None = Field(None, pattern=ID_PATTERN, description="Calling number as the PBX knows it")
    agent_id: str | None = Field(None, pattern=ID_PATTERN, description="AgentID at the PBX")
    timestamp: datetime | None = Field(None, description="When it happened (default: now)")


class CallOut(BaseModel):
    call: int
    call_id: str
    state: str
    customer_id: int | None
    matches: int
    notified_agent: bool
    duration: int
    duplicate: bool = False


def _time(value):
    if value is None:
        return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    if value.tzinfo:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None, microsecond=0)


@router.post("/v1/cti/calls", response_model=CallOut)
def post_call_event(
    payload: CallEventIn,
    request: Request,
    instance: Annotated[object, Depends(authenticated_instance)],
    env: Annotated[Environment, Depends(instance_env)],
) -> CallOut:
    """PBX push: a call started, was answered or ended. The agent mapped to
    ``agent_id`` gets the pop-up over the bus; durations are recorded.
    Idempotent per (call id, event)."""
    request.state.cxm_external_id = f"{payload.call_id}:{payload.event}"
    if instance.kind != "call_center":
        raise CxmApiError(403, "wrong_kind", _lt("This instance is not a call centre."))
    when = _time(payload.timestamp)
    if abs((when - datetime.now(UTC).replace(tzinfo=None)).total_seconds()) > 86400:
        raise CxmApiError(422, "invalid", _lt("The timestamp is more than a day away from now."), field="timestamp")
    # sudo: the idempotency ledger of the authenticated instance (technical table, no user access)
    ledger, first = env["cxm.integration.event"].sudo()._claim(instance, request.state.cxm_external_id, "cti.call")
    if not first and ledger.result:
        return CallOut(**{**ledger._get_result(), "duplicate": True})
    Call = env["cxm.cti.call"]
    call = Call.search([("instance_id", "=", instance.id), ("call_id", "=", payload.call_id)], limit=1)
    if not call:
        if payload.event != "started" and not payload.caller_id:
            raise CxmApiError(404, "unknown_call", _lt("No such call: send 'started' first."), field="call_id")
        call = Call._cti_register(instance, payload.call_id, payload.caller_id, payload.agent_id)
        if payload.event == "started":
            call.write({"start_date": when})
    call._cti_apply_event(payload.event, when)
    notified = False
    if payload.event == "started" and call.agent_user_id:
        call._cti_notify_agent()
        notified = True
    result = CallOut(
        call=call.id,
        call_id=call.call_id,
        state=call.state,
        customer_id=call.partner_id.id or None,
        matches=len(call.candidate_ids),
        notified_agent=notified,
        duration=call.duration,
    )
    ledger._set_result(result.model_dump())
    env.flush_all()  # as the technical user, not as the endpoint's runner
    return result
