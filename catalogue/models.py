"""Every table learnbot keeps, in one place.

Every time is stored timezone-aware (UTC); texts show it in the configured timezone. A learner
is keyed by their Telegram user id; nothing else about them (no name, no username, no precise
location) is stored.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware, the way every timestamp is stored."""
    return datetime.now(UTC)


class Provider(SQLModel, table=True):
    """An organisation that offers opportunities: a youth club, college, employer, library."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    approved: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Badge(SQLModel, table=True):
    """An Open Badge a provider awards for completing an opportunity."""

    __table_args__ = (UniqueConstraint("provider_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    name: str = Field(max_length=200)
    description: str = ""
    criteria: str = ""
    skills: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    image: str = ""


class Opportunity(SQLModel, table=True):
    """Something a learner can go to or do online, earning a badge."""

    id: int | None = Field(default=None, primary_key=True)
    catalogue_id: str = Field(index=True, unique=True, max_length=64)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    badge_id: int = Field(foreign_key="badge.id", index=True)
    title: str = Field(max_length=200)
    description: str = ""
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    location: str = Field(max_length=200)
    latitude: float | None = None
    longitude: float | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    min_age: int | None = None
    max_age: int | None = None
    cost: str = "free"
    url: str = ""
    status: str = Field(default="published", max_length=16, index=True)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def online(self) -> bool:
        """Whether it happens online rather than at a venue."""
        return self.location.lower() == "online"


class CatalogueState(SQLModel, table=True):
    """A version number bumped on every catalogue change, so each instance knows to re-index."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)


class Learner(SQLModel, table=True):
    """A young person who has agreed to the bot keeping their choices."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False, index=True))
    age_band: str = Field(max_length=8)
    interests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    area_district: str | None = Field(default=None, max_length=8)
    area_name: str | None = Field(default=None, max_length=100)
    area_lat: float | None = None
    area_lon: float | None = None
    online_only: bool = False
    radius_km: int = 30
    active: bool = True
    consented_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)


class FlowState(SQLModel, table=True):
    """Where a person is in a multi-step conversation, so any instance can carry it on."""

    telegram_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    flow: str = Field(max_length=32)
    step: str = Field(max_length=32)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class SavedOpportunity(SQLModel, table=True):
    """An opportunity a learner saved to come back to."""

    __table_args__ = (UniqueConstraint("learner_id", "opportunity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    saved_at: datetime = Field(default_factory=utcnow)
