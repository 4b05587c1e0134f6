# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""REST API for external chatbots. Authentication: X-API-Key (scope *chatbot*) of a *Chat / bot* instance.
Thin: parse, authenticate, hand over to the instance. A bot first identifies the customer (phone, e-mail
or its own key) and gets a handle; it then sees only that customer's tickets (unknown and foreign handles
or tickets alike answer 404). Creates and messages are idempotent on the ``Idempotency-Key`` header."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response

from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxm_integration.routers.base import CxmApiError, CxmRoute, authenticated_instance
from odoo.addons.cxm_integration.routers.schemas import ERROR_RESPONSES

from .schemas import (
    BotCustomerOut,
    BotIdentifyIn,
    BotMessageIn,
    BotMessageOut,
    BotTicketDetailOut,
    BotTicketIn,
    BotTicketListOut,
    BotTicketOut,
)

_lt = LazyTranslate(__name__)

router = APIRouter(
    tags=["chatbot"],
    route_class=CxmRoute,
    responses={
        **ERROR_RESPONSES,
        404: {**ERROR_RESPONSES[422], "description": "Unknown customer or ticket"},
        409: {**ERROR_RESPONSES[422], "description": "The ticket is closed, or its process does not let close it"},
    },
)

HANDLE = r"^[^\x00-\x1f\x7f/]{1,128}$"
NUMBER = r"^[^\x00-\x1f\x7f/]{1,64}$"
IdempotencyKey = Annotated[str, Header(min_length=1, max_length=128, pattern=r"^[^\x00-\x1f\x7f]+$")]
Handle = Annotated[str, Path(pattern=HANDLE, description="The customer's handle (from identify).")]
Number = Annotated[str, Path(pattern=NUMBER, description="The ticket's number.")]


def _chatbot_instance(instance: Annotated[object, Depends(authenticated_instance)]):
    if instance.kind != "chat":
        raise CxmApiError(403, "wrong_instance", _lt("This API key does not belong to a chat or bot instance."))
    return instance


Instance = Annotated[object, Depends(_chatbot_instance)]


def _customer(instance, handle):
    partner = instance._cxm_bot_customer(handle)
    if not partner:
        raise CxmApiError(404, "not_found", _lt("Unknown customer."), field="customer")
    return partner


def _ticket(instance, handle, number):
    ticket = instance._cxm_bot_tickets(_customer(instance, handle), number=number)
    if not ticket:
        raise CxmApiError(404, "not_found", _lt("Unknown ticket."), field="number")
    return ticket


def _first_name(partner):
    return (partner.name or "").split()[0] if (partner.name or "").split() else ""


@router.post("/v1/chatbot/customers/identify", response_model=BotCustomerOut)
def identify(body: BotIdentifyIn, instance: Instance) -> BotCustomerOut:
    """Find the customer the bot talks to by phone, e-mail or the bot's own key for them (``create``: a new
    customer when none is found). The answer's ``customer`` handle names them in every other call."""
    phone, email, external_key, name = (
        (value or "").strip() or None for value in (body.phone, body.email, body.external_key, body.name)
    )
    if not (phone or email or external_key):
        raise CxmApiError(422, "invalid", _lt("Give a phone, an e-mail or an external key."), field="phone")
    if body.create and not name:
        raise CxmApiError(422, "invalid", _lt("Give the new customer's name."), field="name")
    partner, handle, created = instance._cxm_bot_identify(
        phone=phone, email=email, external_key=external_key, name=name, create=body.create
    )
    if not partner:
        raise CxmApiError(404, "not_found", _lt("No customer found."), field="customer")
    count = len(instance._cxm_bot_tickets(partner))
    name = _first_name(partner)
    say = (
        instance.env._("Hello %(name)s, you have %(count)s open tickets.", name=name, count=count)
        if count != 1
        else instance.env._("Hello %(name)s, you have one open ticket.", name=name)
    )
    return BotCustomerOut(customer=handle, name=name, open_tickets=count, created=created, say=say)


@router.get("/v1/chatbot/customers/{customer}/tickets", response_model=BotTicketListOut)
def list_tickets(customer: Handle, instance: Instance) -> BotTicketListOut:
    """The customer's open tickets with their public status (newest first, at most 50)."""
    tickets = instance._cxm_bot_tickets(_customer(instance, customer))
    items = [BotTicketOut(**ticket._cxm_bot_status()) for ticket in tickets]
    if not items:
        say = instance.env._("You have no open ticket.")
    else:
        say = " ".join(item.say for item in items[:3])
    return BotTicketListOut(customer=customer, tickets=items, say=say)


@router.get("/v1/chatbot/customers/{customer}/tickets/{number}", response_model=BotTicketDetailOut)
def ticket_status(customer: Handle, number: Number, instance: Instance) -> BotTicketDetailOut:
    """Public status and latest public answer of one of the customer's tickets."""
    return BotTicketDetailOut(**_ticket(instance, customer, number)._cxm_bot_status(with_answer=True))


@router.post("/v1/chatbot/customers/{customer}/tickets", response_model=BotTicketOut, status_code=201)
def open_ticket(
    customer: Handle,
    body: BotTicketIn,
    *,
    request: Request,
    response: Response,
    instance: Instance,
    idempotency_key: IdempotencyKey,
) -> BotTicketOut:
    """Open a ticket for the customer. Idempotent on the ``Idempotency-Key`` header: a replay answers the
    first ticket and opens nothing."""
    request.state.cxm_external_id = idempotency_key
    partner = _customer(instance, customer)
    if not body.text.strip():
        raise CxmApiError(422, "invalid", _lt("The text is empty."), field="text")
    result, replay = instance._cxm_bot_idempotent(
        f"ticket:{partner.id}:{idempotency_key}",  # a key names one request of one customer
        lambda: _dump(
            instance._cxm_bot_open_ticket(partner, body.subject, body.text, body.transcript)._cxm_bot_status()
        ),
    )
    if replay:
        response.status_code = 200
    return BotTicketOut(**result)


@router.post("/v1/chatbot/customers/{customer}/tickets/{number}/messages", response_model=BotMessageOut)
def add_message(
    customer: Handle,
    number: Number,
    body: BotMessageIn,
    *,
    request: Request,
    instance: Instance,
    idempotency_key: IdempotencyKey,
) -> BotMessageOut:
    """Write the customer's message on their open ticket. Idempotent on the ``Idempotency-Key`` header."""
    request.state.cxm_external_id = idempotency_key
    ticket = _ticket(instance, customer, number)
    if not body.text.strip():
        raise CxmApiError(422, "invalid", _lt("The text is empty."), field="text")
    if ticket.stage_id.closed:
        raise CxmApiError(409, "closed", _lt("The ticket is closed."), field="number")

    def post():
        ticket._cxm_bot_post(body.text)
        return {
            "number": ticket.number,
            "state": "open",
            "say": instance.env._("Your message was added to ticket %(number)s.", number=ticket.number),
        }

    return BotMessageOut(**instance._cxm_bot_idempotent(f"message:{ticket.id}:{idempotency_key}", post)[0])


@router.post("/v1/chatbot/customers/{customer}/tickets/{number}/close", response_model=BotTicketOut)
def close_ticket(customer: Handle, number: Number, instance: Instance) -> BotTicketOut:
    """Close the customer's ticket, through its process (a transition the bot's technical user may fire to
    a closed stage). Closing a closed ticket answers its status; a ticket its process does not let close
    now answers 409."""
    ticket = _ticket(instance, customer, number)
    try:
        instance._cxm_bot_close(ticket)
    except UserError as exc:
        raise CxmApiError(409, "not_closable", str(exc.args[0]), field="number") from None
    return BotTicketOut(**ticket._cxm_bot_status())


def _dump(status):
    """A ticket status as JSON for the idempotency ledger."""
    return {**status, "updated": status["updated"].isoformat() if status["updated"] else None}
