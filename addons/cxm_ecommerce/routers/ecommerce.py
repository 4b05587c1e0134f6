# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-commerce REST API for integrators. Authentication: X-API-Key (scope *ecommerce*) of an e-commerce
instance. Thin: parse, authenticate, hand over to the instance; a ticket is seen only by the instance
that opened it or wrote on it (unknown and foreign tickets alike answer 404)."""

from datetime import UTC
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request

from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers.base import CxmApiError, CxmRoute, authenticated_instance
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES

from .schemas import EcommerceAcceptedOut, EcommerceTicketIn, EcommerceTicketStatusOut

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["ecommerce"], route_class=CxmRoute, responses=ERROR_RESPONSES)

REF = r"^[^\x00-\x1f\x7f/]{1,128}$"


def _ecommerce_instance(instance: Annotated[object, Depends(authenticated_instance)]):
    if instance.kind != "ecommerce":
        raise CxmApiError(403, "wrong_instance", _lt("This API key does not belong to an e-commerce instance."))
    return instance


Instance = Annotated[object, Depends(_ecommerce_instance)]


@router.post("/v1/ecommerce/tickets", response_model=EcommerceAcceptedOut, status_code=202)
def open_ticket(
    body: EcommerceTicketIn,
    request: Request,
    instance: Instance,
    idempotency_key: Annotated[str | None, Header(max_length=128, pattern=r"^[^\x00-\x1f\x7f]+$")] = None,
) -> EcommerceAcceptedOut:
    """Open a ticket for an order question or complaint (the customer found or created). Idempotent on
    ``request_id`` or the ``Idempotency-Key`` header. The ticket is opened at once in the background: poll
    ``GET /v1/ecommerce/requests/{request_id}`` for its number and status."""
    values = body.model_dump()
    if idempotency_key and values["request_id"] and idempotency_key != values["request_id"]:
        raise CxmApiError(422, "invalid", _lt("Idempotency-Key and request_id differ."), field="Idempotency-Key")
    values["request_id"] = values["request_id"] or idempotency_key
    if not values["request_id"]:
        raise CxmApiError(422, "invalid", _lt("Give request_id or an Idempotency-Key header."), field="request_id")
    if "/" in values["request_id"]:
        raise CxmApiError(422, "invalid", _lt("request_id may not contain '/'."), field="request_id")
    request.state.cxm_external_id = values["request_id"]
    for name in ("created_at",):
        if values[name]:
            stamp = values[name]
            values[name] = int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp())
    order_date = values["order"]["date"]
    if order_date:
        if order_date.tzinfo:
            order_date = order_date.astimezone(UTC).replace(tzinfo=None)
        values["order"]["date"] = order_date.isoformat(sep=" ", timespec="seconds")
    try:
        result = instance._cxm_ecom_open_ticket(values)
    except ValueError as exc:
        raise CxmApiError(400, "invalid", _lt("Invalid request: %(reason)s.", reason=str(exc))) from None
    return EcommerceAcceptedOut(
        request_id=result["external_id"],
        status=result["status"],
        poll=f"/cxm/api/v1/ecommerce/requests/{result['external_id']}",
    )


@router.get("/v1/ecommerce/requests/{request_id}", response_model=EcommerceTicketStatusOut)
def request_status(request_id: Annotated[str, Path(pattern=REF)], instance: Instance) -> EcommerceTicketStatusOut:
    """Public status of the ticket a request opened (``pending`` while it is being opened)."""
    message = instance._cxm_ecom_request(request_id)
    if not message:
        raise CxmApiError(404, "not_found", _lt("Unknown request."), field="request_id")
    return EcommerceTicketStatusOut(**instance._cxm_ecom_status(message.ticket_id, message))


@router.get("/v1/ecommerce/tickets/{number}", response_model=EcommerceTicketStatusOut)
def ticket_status(number: Annotated[str, Path(pattern=REF)], instance: Instance) -> EcommerceTicketStatusOut:
    """Public status and latest public answer of a ticket this instance opened or wrote on."""
    ticket = instance._cxm_ecom_visible_ticket(number)
    if not ticket:
        raise CxmApiError(404, "not_found", _lt("Unknown ticket."), field="number")
    return EcommerceTicketStatusOut(**instance._cxm_ecom_status(ticket))
