"""Aggregate numbers for staff: the learner funnel and per-link counts, never a learner's
identity. Any count below `SMALL_COUNT` is reported as "fewer than" it, so nobody can work out
what one young person did.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from catalogue.learners import AGE_BANDS
from catalogue.matching import Query
from catalogue.models import Award, Learner, Reminder, SavedOpportunity
from catalogue.search import CatalogueSearch

SMALL_COUNT = 5


def shown(count: int) -> int | None:
    """The count if it is safe to show, None when it is below `SMALL_COUNT`."""
    return count if count >= SMALL_COUNT else None


@dataclass(frozen=True, slots=True)
class Funnel:
    """How many learners reached each step; `matched` is None when it wasn't computed."""

    joined: int
    onboarded: int
    matched: int | None
    saved: int
    reminded: int
    badge_claimed: int


def onboarded(learner: Learner) -> bool:
    """Whether a learner finished onboarding: interests and an area (or online only)."""
    return bool(learner.interests) and (learner.area_name is not None or learner.online_only)


def learner_has_match(search: CatalogueSearch) -> Callable[[Learner], bool]:
    """A check that a learner's profile finds at least one open opportunity for their age."""
    cache: dict[tuple[Any, ...], bool] = {}

    def has_match(learner: Learner) -> bool:
        key = (
            tuple(learner.interests),
            learner.area_lat,
            learner.area_lon,
            learner.radius_km,
            learner.age_band,
        )
        if key not in cache:
            result = search.search(
                Query(
                    text="",
                    topics=tuple(learner.interests),
                    lat=learner.area_lat,
                    lon=learner.area_lon,
                    radius_km=float(learner.radius_km),
                    limit=10,
                )
            )
            low, high = AGE_BANDS.get(learner.age_band, (0, 999))
            cache[key] = any(
                (m.listing.min_age or 0) <= high and (m.listing.max_age or 999) >= low
                for m in result.matches
            )
        return cache[key]

    return has_match


def _learners_with(session: Session, column: Any, *conditions: Any) -> set[int]:
    return {int(i) for i in session.exec(select(column).where(*conditions).distinct()).all()}


def funnel(
    *,
    session: Session,
    learner_ids: Collection[int] | None = None,
    has_match: Callable[[Learner], bool] | None = None,
) -> Funnel:
    """Counts at each step, for every learner or only `learner_ids` (one referral link's)."""
    statement = select(Learner)
    if learner_ids is not None:
        if not learner_ids:
            return Funnel(0, 0, 0 if has_match else None, 0, 0, 0)
        statement = statement.where(col(Learner.id).in_(list(learner_ids)))
    learners = session.exec(statement).all()
    ids = {learner.id for learner in learners}
    done = [learner for learner in learners if onboarded(learner)]
    saved = _learners_with(session, SavedOpportunity.learner_id)
    reminded = _learners_with(session, Reminder.learner_id, Reminder.status == "sent")
    claimed = _learners_with(
        session, Award.learner_id, Award.source == "learnbot", col(Award.revoked_at).is_(None)
    )
    return Funnel(
        joined=len(learners),
        onboarded=len(done),
        matched=sum(1 for learner in done if has_match(learner)) if has_match else None,
        saved=len(ids & saved),
        reminded=len(ids & reminded),
        badge_claimed=len(ids & claimed),
    )
