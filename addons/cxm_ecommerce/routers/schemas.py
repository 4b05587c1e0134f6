# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

NO_CONTROL = r"^[^\x00-\x1f\x7f]+$"


def _plausible(value):
    if value is not None and not 1970 <= value.year <= 2100:
        raise ValueError("the date must be between 1970 and 2100")
    return value


#: a date of this world (PostgreSQL and unix times take far more, the order's platform does not)
Date = Annotated[datetime | None, AfterValidator(_plausible)]


class EcommerceLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: str | None = Field(None, max_length=64, pattern=NO_CONTROL)
    name: str = Field(min_length=1, max_length=255)
    quantity: float = Field(1, ge=0, le=1_000_000)
    price: float | None = Field(None, ge=0, le=1e12)


class EcommerceOrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str = Field(min_length=1, max_length=64, pattern=NO_CONTROL, description="The order's reference.")
    date: Date = None
    lines: list[EcommerceLineIn] = Field(default_factory=list, max_length=200)
    amount: float | None = Field(None, ge=0, le=1e12)
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")


class EcommerceCustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=128, pattern=NO_CONTROL, description="The customer's id at the platform.")
    name: str | None = Field(None, max_length=128)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=32)


class EcommerceTicketIn(BaseModel):
    """An order question or complaint of a customer."""

    model_config = ConfigDict(extra="forbid")

    request_id: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        pattern=NO_CONTROL,
        description="Unique id of this request at the platform (or send an Idempotency-Key header): a "
        "redelivery answers 'duplicate' and opens nothing.",
    )
    kind: Literal["question", "complaint"] = "question"
    subject: str | None = Field(None, max_length=255)
    text: str = Field(min_length=1, max_length=65536)
    created_at: Date = None
    order: EcommerceOrderIn
    customer: EcommerceCustomerIn


class EcommerceAcceptedOut(BaseModel):
    request_id: str
    status: str = Field(description="'accepted' the first time, 'duplicate' on redelivery.")
    poll: str = Field(description="Where the ticket's public status is read.")


class EcommerceAnswerOut(BaseModel):
    text: str
    date: datetime


class EcommerceTicketStatusOut(BaseModel):
    request_id: str | None = None
    ticket: str | None = Field(None, description="Ticket number; null while the request is being processed.")
    state: Literal["pending", "open", "closed"]
    stage: str | None = None
    updated: datetime | None = None
    latest_answer: EcommerceAnswerOut | None = None
    order_refs: list[str] = Field(default_factory=list)
