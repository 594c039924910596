"""Reminders, quiet hours and the weekly digest, as rows: each reminder and digest is written
together with its delivery row (the outbox), in one transaction.

Timing rules (quiet hours, clock changes, the choices offered) are in `catalogue.timing`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from catalogue.deliveries import (
    Claimed,
    announcement_recalled,
    cancel_deliveries,
    enqueue_delivery,
    skip_stale,
)
from catalogue.models import (
    Delivery,
    Learner,
    LearnerSettings,
    Opportunity,
    Reminder,
    SavedOpportunity,
)
from catalogue.timing import QuietHours, next_digest_at

STALE_AFTER = timedelta(hours=12)  # later than this, a reminder is skipped, not sent
QUIET_PRESETS = ((20, 8), (21, 8), (22, 8), (22, 7), (23, 7))  # hours; all keep 8 h or more


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A reminder as the learner sees it in /reminders."""

    id: int
    opportunity_id: int
    title: str
    kind: str
    due_at: datetime
    status: str


def get_settings(*, session: Session, learner: Learner) -> LearnerSettings:
    """The learner's message settings (defaults until they change one)."""
    assert learner.id is not None
    settings = session.get(LearnerSettings, learner.id)
    return settings or LearnerSettings(learner_id=learner.id)


def _settings_row(session: Session, learner: Learner) -> LearnerSettings:
    assert learner.id is not None
    settings = session.get(LearnerSettings, learner.id)
    if settings is None:
        settings = LearnerSettings(learner_id=learner.id)
        session.add(settings)
    return settings


def quiet_hours(settings: LearnerSettings | None) -> QuietHours:
    """The quiet window of a settings row (the default without one)."""
    if settings is None:
        return QuietHours()
    return QuietHours(settings.quiet_start, settings.quiet_end)


def set_quiet_hours(*, session: Session, learner: Learner, start: int, end: int) -> None:
    """Keep new quiet hours (minutes after local midnight)."""
    if not (0 <= start < 24 * 60 and 0 <= end < 24 * 60):
        raise ValueError("quiet hours are minutes after midnight")
    settings = _settings_row(session, learner)
    settings.quiet_start, settings.quiet_end = start, end
    session.flush()


def set_digest(
    *, session: Session, learner: Learner, enabled: bool, now: datetime, tz: ZoneInfo
) -> datetime | None:
    """Turn the weekly digest on (queueing the next one; returns when) or off (cancelling it)."""
    settings = _settings_row(session, learner)
    settings.digest = enabled
    session.flush()
    if not enabled:
        cancel_deliveries(
            session=session, chat_id=learner.telegram_id, kind="digest", reason="digest off"
        )
        return None
    return schedule_digest(session=session, learner=learner, now=now, tz=tz)


def schedule_digest(
    *, session: Session, learner: Learner, now: datetime, tz: ZoneInfo
) -> datetime | None:
    """Queue the learner's next weekly digest, unless one is already queued; returns when."""
    assert learner.id is not None
    queued = session.exec(
        select(Delivery.due_at).where(
            Delivery.chat_id == learner.telegram_id,
            Delivery.kind == "digest",
            col(Delivery.status).in_(("pending", "retry", "sending")),
        )
    ).first()
    if queued is not None:
        return queued
    settings = get_settings(session=session, learner=learner)
    if not settings.digest:
        return None
    due = next_digest_at(
        now=now, last_digest_at=settings.last_digest_at, tz=tz, quiet=quiet_hours(settings)
    )
    enqueue_delivery(
        session=session,
        kind="digest",
        chat_id=learner.telegram_id,
        payload={},
        due_at=due,
        source_id=learner.id,
        occurrence=due.astimezone(tz).date().isoformat(),
    )
    return due


def create_reminder(
    *,
    session: Session,
    learner: Learner,
    opportunity_id: int,
    kind: str,
    due_at: datetime,
) -> Reminder:
    """Keep a reminder and queue its delivery in the same transaction; the opportunity is saved
    too. Asking again for the same time changes nothing."""
    assert learner.id is not None
    existing = session.exec(
        select(Reminder).where(
            Reminder.learner_id == learner.id,
            Reminder.opportunity_id == opportunity_id,
            Reminder.due_at == due_at,
            Reminder.status == "scheduled",
        )
    ).first()
    if existing is not None:
        return existing
    reminder = Reminder(
        learner_id=learner.id, opportunity_id=opportunity_id, kind=kind, due_at=due_at
    )
    session.add(reminder)
    if not session.exec(
        select(SavedOpportunity.id).where(
            SavedOpportunity.learner_id == learner.id,
            SavedOpportunity.opportunity_id == opportunity_id,
        )
    ).first():
        session.add(SavedOpportunity(learner_id=learner.id, opportunity_id=opportunity_id))
    session.flush()
    assert reminder.id is not None
    enqueue_delivery(
        session=session,
        kind="reminder",
        chat_id=learner.telegram_id,
        payload={},
        due_at=due_at,
        source_id=reminder.id,
        occurrence=due_at.isoformat(),
    )
    return reminder


def get_reminder(*, session: Session, reminder_id: int) -> Reminder | None:
    """One reminder by id."""
    return session.get(Reminder, reminder_id)


def list_reminders(*, session: Session, learner: Learner) -> list[ReminderView]:
    """The learner's reminders still to come, soonest first."""
    rows = session.exec(
        select(Reminder, Opportunity.title)
        .join(Opportunity, col(Opportunity.id) == col(Reminder.opportunity_id))
        .where(Reminder.learner_id == learner.id, Reminder.status == "scheduled")
        .order_by(col(Reminder.due_at), col(Reminder.id))
    ).all()
    return [
        ReminderView(
            id=reminder.id or 0,
            opportunity_id=reminder.opportunity_id,
            title=title,
            kind=reminder.kind,
            due_at=reminder.due_at,
            status=reminder.status,
        )
        for reminder, title in rows
    ]


def cancel_reminder(
    *, session: Session, learner: Learner, reminder_id: int
) -> ReminderView | None:
    """Cancel one of the learner's own reminders and its delivery; None if it isn't theirs or
    is no longer scheduled."""
    reminder = session.get(Reminder, reminder_id)
    if reminder is None or reminder.learner_id != learner.id or reminder.status != "scheduled":
        return None
    reminder.status = "cancelled"
    session.add(reminder)
    cancel_deliveries(
        session=session, kind="reminder", source_id=reminder_id, reason="cancelled by learner"
    )
    title = session.exec(
        select(Opportunity.title).where(Opportunity.id == reminder.opportunity_id)
    ).first()
    session.flush()
    return ReminderView(
        reminder_id,
        reminder.opportunity_id,
        title or "",
        reminder.kind,
        reminder.due_at,
        reminder.status,
    )


def reminder_titles(*, session: Session, reminder_ids: list[int]) -> list[str]:
    """Titles of the opportunities some reminders were about, in order, once each."""
    if not reminder_ids:
        return []
    rows = session.exec(
        select(Opportunity.title)
        .join(Reminder, col(Reminder.opportunity_id) == col(Opportunity.id))
        .where(col(Reminder.id).in_(reminder_ids))
        .order_by(col(Reminder.due_at))
    ).all()
    return list(dict.fromkeys(rows))


def sweep_missed(*, session: Session, now: datetime, older_than: timedelta = STALE_AFTER) -> int:
    """Skip reminders more than `older_than` late (after downtime) and queue one "you missed
    these" message per learner; returns how many were skipped."""
    skipped = skip_stale(session=session, now=now, older_than=older_than, kinds=("reminder",))
    if not skipped:
        return 0
    by_chat: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for delivery_id, chat_id, reminder_id in skipped:
        by_chat[chat_id].append((delivery_id, reminder_id))
    session.execute(
        update(Reminder)
        .where(col(Reminder.id).in_([reminder for _, _, reminder in skipped]))
        .values(status="missed")
    )
    for chat_id, rows in by_chat.items():
        enqueue_delivery(
            session=session,
            kind="missed",
            chat_id=chat_id,
            payload={"reminders": sorted(reminder for _, reminder in rows)},
            due_at=now,
            occurrence=f"sweep:{min(delivery for delivery, _ in rows)}",
        )
    return len(skipped)


def settle(*, session: Session, row: Claimed, status: str, now: datetime, tz: ZoneInfo) -> None:
    """What finishing a delivery means for the row behind it (same transaction as the mark):
    a reminder is sent or cancelled; a digest records when it went and queues the next one; an
    announcement recalled while it was in flight gets its deletion queued."""
    if row.kind == "reminder":
        new = {"sent": "sent", "sent_unconfirmed": "sent", "skipped_stale": "missed"}.get(
            status, "cancelled"
        )
        session.execute(
            update(Reminder)
            .where(col(Reminder.id) == row.source_id, col(Reminder.status) == "scheduled")
            .values(status=new)
        )
    elif row.kind == "announcement" and status == "sent":
        if announcement_recalled(session=session, announcement_id=row.source_id):
            # Recalled while this one was in flight: queue its deletion like the others.
            # (Imported here: announcements imports learners, which imports this module.)
            from catalogue.announcements import queue_recall_deletions

            queue_recall_deletions(session=session, announcement_id=row.source_id, now=now)
    elif row.kind == "digest":
        learner = session.get(Learner, row.source_id)
        if learner is None or learner.telegram_id != row.chat_id:
            return
        if status == "sent":
            _settings_row(session, learner).last_digest_at = now
            session.flush()
        if status in ("sent", "cancelled", "skipped_stale") and learner.active:
            schedule_digest(session=session, learner=learner, now=now + timedelta(hours=1), tz=tz)


def new_catalogue_ids(*, session: Session, since: datetime) -> set[str]:
    """Published opportunities added or changed since `since` (what a digest may show)."""
    return set(
        session.exec(
            select(Opportunity.catalogue_id).where(
                Opportunity.status == "published", col(Opportunity.updated_at) > since
            )
        ).all()
    )


def export_reminders(*, session: Session, learner: Learner) -> dict[str, Any]:
    """The learner's reminders and message settings, for /mydata."""
    reminders = session.exec(
        select(Reminder, Opportunity.catalogue_id, Opportunity.title)
        .join(Opportunity, col(Opportunity.id) == col(Reminder.opportunity_id))
        .where(Reminder.learner_id == learner.id)
        .order_by(col(Reminder.id))
    ).all()
    settings = get_settings(session=session, learner=learner)
    quiet = quiet_hours(settings)
    return {
        "reminders": [
            {
                "opportunity": catalogue_id,
                "title": title,
                "kind": reminder.kind,
                "due_at": reminder.due_at.isoformat(),
                "status": reminder.status,
                "created_at": reminder.created_at.isoformat(),
            }
            for reminder, catalogue_id, title in reminders
        ],
        "message_settings": {
            "quiet_hours": None if quiet.none else quiet.label,
            "weekly_digest": settings.digest,
            "announcements": settings.announcements,
            "last_digest_at": (
                settings.last_digest_at.isoformat() if settings.last_digest_at else None
            ),
        },
    }
