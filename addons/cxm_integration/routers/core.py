# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from odoo.api import Environment
from odoo.tools.translate import LazyTranslate

from .base import CxmApiError, CxmRoute, authenticated_instance, instance_env
from .schemas import ERROR_RESPONSES, EventIn, EventOut, InstanceOut

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["integration"], route_class=CxmRoute, responses=ERROR_RESPONSES)


@router.get("/v1/instance", response_model=InstanceOut)
async def who_am_i(instance: Annotated[object, Depends(authenticated_instance)]) -> InstanceOut:
    """The integration instance the API key belongs to."""
    return InstanceOut(
        code=instance.code,
        name=instance.name,
        kind=instance.kind,
        provider=instance.provider,
        state=instance.state,
        company=instance.company_id.name,
    )


@router.post("/v1/events", response_model=EventOut)
def post_event(
    event: EventIn,
    request: Request,
    instance: Annotated[object, Depends(authenticated_instance)],
    env: Annotated[Environment, Depends(instance_env)],
) -> EventOut:
    """Deliver a generic event. Idempotent on ``event_id``: a redelivery
    answers the first result and creates nothing."""
    request.state.cxm_external_id = event.event_id
    if instance.signature_scheme != "none":
        body = request.scope.get("cxm_body", b"")
        reason = instance._verify_signature(body, request.headers, url=str(request.url))
        if reason:
            raise CxmApiError(
                401, "bad_signature", _lt("Signature check failed: %(reason)s.", reason=reason), field="X-CXM-Signature"
            )
    # sudo: the idempotency ledger of the authenticated instance (technical table, no user access)
    ledger, first = env["cxm.integration.event"].sudo()._claim(instance, event.event_id, event.type)
    if not first:
        return EventOut(event_id=event.event_id, status="duplicate", ledger_id=ledger.id, result=ledger._get_result())
    result = {"type": event.type, "keys": sorted(event.payload)[:20]}
    ledger._set_result(result)
    env.flush_all()  # as the technical user, not as the endpoint's runner
    return EventOut(event_id=event.event_id, status="accepted", ledger_id=ledger.id, result=result)
