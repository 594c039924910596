"""Learners, where they are in a conversation, what they saved, and their data rights.

Store functions take a keyword-only session; "not found" is None. Erasure and export walk
every table that refers to a learner, so a new table must be added to `_learner_tables`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from catalogue.badges import erase_claim_attempts, export_awards, export_claim_attempts
from catalogue.deliveries import chat_history, erase_chat
from catalogue.models import (
    Award,
    FlowState,
    Learner,
    LearnerSettings,
    Opportunity,
    Referral,
    ReferralJoin,
    Reminder,
    Report,
    SavedOpportunity,
    utcnow,
)
from catalogue.reminders import export_reminders

AGE_BANDS: dict[str, tuple[int, int]] = {"16-17": (16, 17), "18-25": (18, 25)}


@dataclass(frozen=True, slots=True)
class Flow:
    """A snapshot of where someone is in a multi-step conversation."""

    flow: str
    step: str
    data: dict[str, Any]


def get_flow(*, session: Session, telegram_id: int) -> Flow | None:
    """Where this person is in a conversation, if anywhere."""
    state = session.get(FlowState, telegram_id)
    if state is None:
        return None
    return Flow(state.flow, state.step, dict(state.data))


def set_flow(
    *, session: Session, telegram_id: int, flow: str, step: str, data: dict[str, Any] | None = None
) -> None:
    """Move this person to a step, keeping the data the next step needs."""
    state = session.get(FlowState, telegram_id)
    if state is None:
        state = FlowState(telegram_id=telegram_id, flow=flow, step=step)
        session.add(state)
    state.flow, state.step, state.data = flow, step, dict(data or {})
    state.updated_at = utcnow()
    session.flush()


def clear_flow(*, session: Session, telegram_id: int) -> bool:
    """End any conversation in progress; True if there was one."""
    state = session.get(FlowState, telegram_id)
    if state is None:
        return False
    session.delete(state)
    session.flush()
    return True


def get_learner(*, session: Session, telegram_id: int) -> Learner | None:
    """The learner with this Telegram id, if they have agreed to be remembered."""
    return session.exec(select(Learner).where(Learner.telegram_id == telegram_id)).first()


def create_learner(*, session: Session, telegram_id: int, age_band: str) -> Learner:
    """Remember a learner who has consented, with only their age band for now."""
    if age_band not in AGE_BANDS:
        raise ValueError(f"unknown age band {age_band!r}")
    learner = get_learner(session=session, telegram_id=telegram_id)
    if learner is None:
        learner = Learner(telegram_id=telegram_id, age_band=age_band)
        session.add(learner)
    learner.age_band = age_band
    learner.active = True
    session.flush()
    return learner


def set_interests(*, session: Session, learner: Learner, topic_ids: list[str]) -> None:
    """Keep the topics the learner confirmed."""
    learner.interests = list(dict.fromkeys(topic_ids))
    session.add(learner)
    session.flush()


def set_area(
    *,
    session: Session,
    learner: Learner,
    name: str | None,
    district: str | None,
    lat: float | None,
    lon: float | None,
) -> None:
    """Keep a coarse area (a town or district centroid), or online only when `name` is None."""
    learner.area_name, learner.area_district = name, district
    learner.area_lat = None if lat is None else round(lat, 3)
    learner.area_lon = None if lon is None else round(lon, 3)
    learner.online_only = name is None
    session.add(learner)
    session.flush()


def save_opportunity(*, session: Session, learner: Learner, opportunity_id: int) -> bool:
    """Save an opportunity for later; False if it was already saved."""
    assert learner.id is not None
    existing = session.exec(
        select(SavedOpportunity).where(
            SavedOpportunity.learner_id == learner.id,
            SavedOpportunity.opportunity_id == opportunity_id,
        )
    ).first()
    if existing:
        return False
    session.add(SavedOpportunity(learner_id=learner.id, opportunity_id=opportunity_id))
    session.flush()
    return True


def unsave_opportunity(*, session: Session, learner: Learner, opportunity_id: int) -> bool:
    """Forget a saved opportunity; False if it wasn't saved."""
    result = session.execute(
        delete(SavedOpportunity).where(
            col(SavedOpportunity.learner_id) == learner.id,
            col(SavedOpportunity.opportunity_id) == opportunity_id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def saved_opportunities(*, session: Session, learner: Learner) -> list[Opportunity]:
    """The learner's saved opportunities, most recently saved first."""
    statement = (
        select(Opportunity)
        .join(SavedOpportunity, col(SavedOpportunity.opportunity_id) == col(Opportunity.id))
        .where(SavedOpportunity.learner_id == learner.id)
        .order_by(col(SavedOpportunity.saved_at).desc(), col(SavedOpportunity.id).desc())
    )
    return list(session.exec(statement).all())


def _isoformat(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def export_learner(*, session: Session, telegram_id: int) -> dict[str, Any]:
    """Everything held about one person, as plain JSON-ready data."""
    learner = get_learner(session=session, telegram_id=telegram_id)
    flow = session.get(FlowState, telegram_id)
    export: dict[str, Any] = {"telegram_id": telegram_id, "profile": None, "saved": []}
    if flow is not None:
        export["conversation_in_progress"] = {"flow": flow.flow, "step": flow.step}
    if learner is None:
        return export
    export["profile"] = {
        key: _isoformat(value)
        for key, value in learner.model_dump().items()
        if key not in {"id", "telegram_id"}
    }
    export["saved"] = [
        {"id": opportunity.catalogue_id, "title": opportunity.title}
        for opportunity in saved_opportunities(session=session, learner=learner)
    ]
    export.update(export_reminders(session=session, learner=learner))
    # When messages were queued and sent, never what they said.
    export["deliveries"] = chat_history(session=session, chat_id=telegram_id)
    export.update(_referral_and_reports(session, learner))
    # Badges with their signed credentials and what checking them found.
    export["badges"] = export_awards(session=session, learner=learner)
    export["failed_badge_claims"] = export_claim_attempts(session=session, telegram_id=telegram_id)
    return export


def _referral_and_reports(session: Session, learner: Learner) -> dict[str, Any]:
    """The referral link a learner agreed to be counted against, and reports they made."""
    join = session.exec(select(ReferralJoin).where(ReferralJoin.learner_id == learner.id)).first()
    referral = session.get(Referral, join.referral_id) if join else None
    reports = session.exec(select(Report).where(Report.learner_id == learner.id)).all()
    return {
        "referral": None
        if join is None
        else {"link": referral.label if referral else "", "joined_at": join.joined_at.isoformat()},
        "reports": [
            {"announcement": r.announcement_id, "reason": r.reason, "at": r.created_at.isoformat()}
            for r in reports
        ],
    }


def erase_learner(*, session: Session, telegram_id: int) -> int:
    """Delete every row about this person; returns how many rows went."""
    # Their queued messages go first (nothing pending is sent afterwards), then their history.
    removed = erase_chat(session=session, chat_id=telegram_id)
    learner = get_learner(session=session, telegram_id=telegram_id)
    if learner is not None:
        # A report stays for the moderators, but no longer says who made it.
        session.execute(
            update(Report).where(col(Report.learner_id) == learner.id).values(learner_id=None)
        )
        for table, column in _learner_tables():
            result = session.execute(delete(table).where(column == learner.id))
            removed += result.rowcount  # type: ignore[attr-defined]
        session.delete(learner)
        removed += 1
    if clear_flow(session=session, telegram_id=telegram_id):
        removed += 1
    removed += erase_claim_attempts(session=session, telegram_id=telegram_id)
    session.flush()
    return removed


def _learner_tables() -> list[tuple[Any, Any]]:
    """Tables whose rows belong to a learner, child tables first."""
    return [
        (SavedOpportunity, col(SavedOpportunity.learner_id)),
        (Reminder, col(Reminder.learner_id)),
        (LearnerSettings, col(LearnerSettings.learner_id)),
        (ReferralJoin, col(ReferralJoin.learner_id)),
        (Award, col(Award.learner_id)),
    ]


def set_radius(*, session: Session, learner: Learner, radius_km: int) -> None:
    """Keep how far the learner is happy to travel."""
    learner.radius_km = radius_km
    session.add(learner)
    session.flush()


def set_active(*, session: Session, learner: Learner, active: bool) -> None:
    """Mark whether the learner can be messaged (False once they block the bot)."""
    learner.active = active
    session.add(learner)
    session.flush()
