"""Every table learnbot keeps, in one place.

Every time is stored timezone-aware (UTC); texts show it in the configured timezone. A learner
is keyed by their Telegram user id; nothing else about them (no name, no username, no precise
location) is stored.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware, the way every timestamp is stored."""
    return datetime.now(UTC)


class Provider(SQLModel, table=True):
    """An organisation that offers opportunities: a youth club, college, employer, library."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    about: str = Field(default="", max_length=300)  # what they offer, from a registration request
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


class LearnerSettings(SQLModel, table=True):
    """A learner's choices about messages: quiet hours, digest and announcements (all opt-in)."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True)
    quiet_start: int = 21 * 60  # minutes after local midnight
    quiet_end: int = 8 * 60
    digest: bool = False
    announcements: bool = False
    last_digest_at: datetime | None = None


class Reminder(SQLModel, table=True):
    """A reminder a learner asked for about a saved opportunity."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    kind: str = Field(max_length=16)  # day_before, two_hours, morning, custom, deadline
    due_at: datetime
    status: str = Field(default="scheduled", max_length=16)  # scheduled, sent, cancelled, missed
    created_at: datetime = Field(default_factory=utcnow)


class Delivery(SQLModel, table=True):
    """One message to send later (the outbox), written with the change that caused it.

    The unique key makes writing the same delivery twice a no-op, so fan-out can be re-run.
    """

    __table_args__ = (
        UniqueConstraint("kind", "source_id", "chat_id", "occurrence"),
        # Claiming walks only the rows still to send, in the order they go (partial index).
        Index(
            "ix_delivery_claim",
            "priority",
            "due_at",
            "id",
            postgresql_where=text("status IN ('pending', 'retry', 'sending')"),
            sqlite_where=text("status IN ('pending', 'retry', 'sending')"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # reminder, digest, announcement, notice, missed
    source_id: int = 0
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    occurrence: str = Field(default="", max_length=40)
    priority: int = 5  # lower goes first: reminders before digests and announcements
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16, index=True)
    due_at: datetime = Field(index=True)
    attempts: int = 0
    lease_until: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=64)
    sent_at: datetime | None = None
    telegram_message_id: int | None = None
    last_error: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class Lease(SQLModel, table=True):
    """A named role one process holds for a while (the SQLite dispatcher), renewed as it runs."""

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=64)
    expires_at: datetime


class RateBucket(SQLModel, table=True):
    """A token bucket shared by every instance, so together they stay under Telegram's limit."""

    name: str = Field(primary_key=True, max_length=32)
    tokens: float = 0.0
    updated_at: datetime = Field(default_factory=utcnow)
    paused_until: datetime | None = None


class ClaimCode(SQLModel, table=True):
    """A code (single-use, or a session code with an expiry and a cap) that awards a badge."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    kind: str = Field(max_length=8)  # single, session
    max_uses: int = 1
    uses: int = 0
    expires_at: datetime | None = None
    created_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ClaimAttempt(SQLModel, table=True):
    """A failed claim, kept briefly to slow down anyone guessing codes."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    at: datetime = Field(default_factory=utcnow)


class Award(SQLModel, table=True):
    """A badge a learner earned (or brought from elsewhere), with its signed credential."""

    __table_args__ = (UniqueConstraint("learner_id", "badge_id"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    badge_id: int | None = Field(default=None, foreign_key="badge.id", index=True)
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    claim_code_id: int | None = Field(default=None, foreign_key="claimcode.id")
    source: str = Field(default="learnbot", max_length=16)  # learnbot, external
    name: str = Field(default="", max_length=200)
    issuer: str = Field(default="", max_length=200)
    skills: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    credential: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    verification: str = Field(default="verified", max_length=32)
    awarded_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    revoked_reason: str | None = Field(default=None, max_length=300)


class StaffRole(SQLModel, table=True):
    """A staff role held by a Telegram user: moderator, youth worker or provider member."""

    __table_args__ = (UniqueConstraint("telegram_id", "role", "provider_id"),)

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    role: str = Field(max_length=16)  # admin, moderator, youth_worker, provider
    provider_id: int | None = Field(default=None, foreign_key="provider.id")
    organisation: str | None = Field(default=None, max_length=100)  # shown to referred learners
    granted_at: datetime = Field(default_factory=utcnow)


class StaffInvite(SQLModel, table=True):
    """A single-use link that grants a staff role to whoever opens it first."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    role: str = Field(max_length=16)
    provider_id: int | None = Field(default=None, foreign_key="provider.id")
    organisation: str | None = Field(default=None, max_length=100)
    expires_at: datetime
    used_at: datetime | None = None
    created_by: int = Field(sa_column=Column(BigInteger, nullable=False))


class Referral(SQLModel, table=True):
    """A youth worker's referral link: opaque token (stored hashed), label, expiry and cap."""

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    token_hash: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=100)
    search_text: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=100)
    expires_at: datetime | None = None
    max_uses: int | None = None
    uses: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class ReferralJoin(SQLModel, table=True):
    """A learner who agreed to be counted as joining through a referral link."""

    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referral.id", index=True)
    learner_id: int = Field(foreign_key="learner.id", unique=True)
    joined_at: datetime = Field(default_factory=utcnow)


class Announcement(SQLModel, table=True):
    """A provider's message about an opportunity, sent only after a moderator approves it."""

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    opportunity_id: int = Field(foreign_key="opportunity.id")
    title: str = Field(max_length=100)
    body: str = Field(max_length=1000)
    link: str | None = Field(default=None, max_length=300)
    status: str = Field(default="submitted", max_length=16, index=True)
    submitted_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    reviewed_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reason: str | None = Field(default=None, max_length=300)
    audience: int = 0
    send_at: datetime | None = None  # None: as soon as it is approved
    created_at: datetime = Field(default_factory=utcnow)
    reviewed_at: datetime | None = None
    recalled_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    recalled_at: datetime | None = None


class Report(SQLModel, table=True):
    """A learner's report of an announcement, queued for a moderator."""

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    learner_id: int | None = Field(default=None, foreign_key="learner.id")
    reason: str = Field(default="", max_length=300)
    status: str = Field(default="open", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
