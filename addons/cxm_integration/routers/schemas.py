# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorOut(BaseModel):
    """Every error answer of the CXM REST API."""

    error: str = Field(description="Machine-readable code, e.g. 'invalid', 'unauthorized', 'rate_limited'.")
    field: str | None = Field(None, description="Input field the error is about, if any.")
    detail: str = Field(description="Human-readable explanation.")


class InstanceOut(BaseModel):
    code: str
    name: str
    kind: str
    provider: str
    state: str
    company: str


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(
        min_length=1,
        max_length=128,
        pattern=r"^[^\x00-\x1f\x7f]+$",  # no control characters (PostgreSQL text holds no NUL): a 422, not a 500
        description="Unique id of the event at the sender (no control characters).",
    )
    type: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    payload: dict[str, Any] = Field(default_factory=dict)


class EventOut(BaseModel):
    event_id: str
    status: str = Field(description="'accepted' the first time, 'duplicate' on redelivery.")
    ledger_id: int
    result: dict[str, Any] | None = None


ERROR_RESPONSES = {
    400: {"model": ErrorOut, "description": "Bad request"},
    401: {"model": ErrorOut, "description": "Missing or invalid API key or signature"},
    403: {"model": ErrorOut, "description": "Instance disabled or not allowed"},
    413: {"model": ErrorOut, "description": "Body too large"},
    422: {"model": ErrorOut, "description": "Invalid input"},
    429: {"model": ErrorOut, "description": "Rate limit exceeded (see Retry-After)"},
}
