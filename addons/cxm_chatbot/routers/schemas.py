# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

NO_CONTROL = r"^[^\x00-\x1f\x7f]+$"


class BotIdentifyIn(BaseModel):
    """Who the bot talks to: at least one of phone, e-mail or the bot's own key for the customer."""

    model_config = ConfigDict(extra="forbid")

    phone: str | None = Field(None, min_length=3, max_length=32, pattern=NO_CONTROL)
    email: str | None = Field(None, min_length=3, max_length=254, pattern=NO_CONTROL)
    external_key: str | None = Field(
        None, min_length=1, max_length=128, pattern=r"^[^\x00-\x1f\x7f/]+$", description="The bot's id of the customer."
    )
    name: str | None = Field(None, min_length=1, max_length=128, pattern=NO_CONTROL)
    create: bool = Field(False, description="Create the customer when none is found (give a name).")


class BotCustomerOut(BaseModel):
    customer: str = Field(description="The customer's handle: name it in every other call.")
    name: str = Field(description="How to greet the customer (first name).")
    open_tickets: int
    created: bool = False
    say: str = Field(description="A sentence for the bot to speak.")


class BotTicketOut(BaseModel):
    number: str
    title: str
    status: str = Field(description="The ticket's stage, as the customer may see it.")
    state: Literal["open", "closed"]
    updated: datetime | None = None
    say: str


class BotAnswerOut(BaseModel):
    text: str
    date: datetime


class BotTicketDetailOut(BotTicketOut):
    latest_answer: BotAnswerOut | None = None


class BotTicketListOut(BaseModel):
    customer: str
    tickets: list[BotTicketOut]
    say: str


class BotTicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str | None = Field(None, min_length=1, max_length=255, pattern=NO_CONTROL)
    text: str = Field(min_length=1, max_length=16384, description="The customer's request, in their words.")
    transcript: str | None = Field(None, max_length=65536, description="The conversation with the bot so far.")


class BotMessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=16384)


class BotMessageOut(BaseModel):
    number: str
    state: Literal["open", "closed"]
    say: str
