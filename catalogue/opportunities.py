"""Reading opportunities for display: only the rows shown are fetched, joined with their
provider and badge into one plain view.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from catalogue.models import Badge, Opportunity, Provider


@dataclass(frozen=True, slots=True)
class OpportunityView:
    """Everything a card or a calendar entry shows about one opportunity."""

    id: int
    catalogue_id: str
    title: str
    description: str
    provider: str
    badge: str
    skills: tuple[str, ...]
    location: str
    latitude: float | None
    longitude: float | None
    starts_at: datetime | None
    ends_at: datetime | None
    min_age: int | None
    max_age: int | None
    cost: str
    url: str
    status: str

    @property
    def online(self) -> bool:
        """Whether it happens online."""
        return self.location.lower() == "online"

    def finished(self, now: datetime) -> bool:
        """Whether it has ended (or been closed) by `now`."""
        return self.status != "published" or (self.ends_at is not None and self.ends_at < now)


def _views(session: Session, opportunities: Sequence[Opportunity]) -> list[OpportunityView]:
    provider_ids = {o.provider_id for o in opportunities}
    badge_ids = {o.badge_id for o in opportunities}
    providers = {
        p.id: p.name
        for p in session.exec(select(Provider).where(col(Provider.id).in_(provider_ids)))
    }
    badges = {b.id: b for b in session.exec(select(Badge).where(col(Badge.id).in_(badge_ids)))}
    views = []
    for o in opportunities:
        assert o.id is not None
        badge = badges[o.badge_id]
        views.append(
            OpportunityView(
                id=o.id,
                catalogue_id=o.catalogue_id,
                title=o.title,
                description=o.description,
                provider=providers[o.provider_id],
                badge=badge.name,
                skills=tuple(badge.skills),
                location=o.location,
                latitude=o.latitude,
                longitude=o.longitude,
                starts_at=_aware(o.starts_at),
                ends_at=_aware(o.ends_at),
                min_age=o.min_age,
                max_age=o.max_age,
                cost=o.cost,
                url=o.url,
                status=o.status,
            )
        )
    return views


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def opportunities_by_catalogue_id(
    *, session: Session, catalogue_ids: Sequence[str]
) -> dict[str, OpportunityView]:
    """The views for these catalogue ids (unknown ids are left out)."""
    if not catalogue_ids:
        return {}
    rows = session.exec(
        select(Opportunity).where(col(Opportunity.catalogue_id).in_(list(catalogue_ids)))
    ).all()
    return {view.catalogue_id: view for view in _views(session, rows)}


def get_opportunity(*, session: Session, opportunity_id: int) -> OpportunityView | None:
    """One opportunity by its database id, or None."""
    row = session.get(Opportunity, opportunity_id)
    return _views(session, [row])[0] if row is not None else None


def get_opportunities(
    *, session: Session, opportunity_ids: Sequence[int]
) -> list[OpportunityView]:
    """Several opportunities by database id, in the order asked for."""
    rows = session.exec(
        select(Opportunity).where(col(Opportunity.id).in_(list(opportunity_ids)))
    ).all()
    by_id = {view.id: view for view in _views(session, rows)}
    return [by_id[i] for i in opportunity_ids if i in by_id]
