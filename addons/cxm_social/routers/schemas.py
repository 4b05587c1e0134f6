# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

NO_CONTROL = r"^[^\x00-\x1f\x7f]+$"


def _plausible(value):
    if value is not None and not 1970 <= value.year <= 2100:
        raise ValueError("the date must be between 1970 and 2100")
    return value


Date = Annotated[datetime | None, AfterValidator(_plausible)]


class SocialAuthorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    handle: str = Field(min_length=1, max_length=128, pattern=NO_CONTROL, description="The author's handle or id.")
    name: str | None = Field(None, max_length=128, description="Display name.")
    profile_url: str | None = Field(None, max_length=2048, pattern=r"^https?://")
    email: str | None = Field(None, max_length=254, description="When the platform knows it: finds the customer.")
    phone: str | None = Field(None, max_length=32, description="When the platform knows it: finds the customer.")


class SocialMediaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, max_length=2048, pattern=r"^https?://", description="Downloaded by the suite.")
    data: str | None = Field(None, max_length=7_000_000, description="Base64 content, instead of a URL.")
    name: str | None = Field(None, max_length=255)
    mimetype: str | None = Field(None, max_length=128)

    @model_validator(mode="after")
    def _one_source(self):
        if bool(self.url) == bool(self.data):
            raise ValueError("give either url or data")
        return self


class SocialPostIn(BaseModel):
    """A post, mention, direct message or complaint seen by a social-media tracking platform."""

    model_config = ConfigDict(extra="forbid")

    event_id: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        pattern=NO_CONTROL,
        description="Unique id of the post at the platform (or send an Idempotency-Key header): a redelivery "
        "answers 'duplicate' and creates nothing.",
    )
    type: Literal["post", "mention", "message", "complaint"]
    platform: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,32}$", description="e.g. twitter, instagram, sikayetvar.")
    url: str | None = Field(None, max_length=2048, pattern=r"^https?://", description="Public URL of the post.")
    public: bool = Field(True, description="False for a direct message.")
    text: str = Field("", max_length=65536)
    created_at: Date = None
    author: SocialAuthorIn
    media: list[SocialMediaIn] = Field(default_factory=list, max_length=10)
    in_reply_to: str | None = Field(None, max_length=128, pattern=NO_CONTROL)


class SocialPostsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    posts: list[SocialPostIn] = Field(min_length=1, max_length=100)


class SocialPostOut(BaseModel):
    event_id: str
    status: str = Field(description="'accepted' the first time, 'duplicate' on redelivery.")


class SocialPostsOut(BaseModel):
    results: list[SocialPostOut]


class SocialComplaintsOut(BaseModel):
    accepted: int
    duplicates: int
    updated: int = Field(description="Known complaints whose public state or rating changed.")
