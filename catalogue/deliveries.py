"""The outbox: every message to send later is a `delivery` row, written in the same
transaction as the change that caused it. Writing the same delivery twice is a no-op.

Payload contract, by kind (the text is rendered when it is sent, except where noted):

- ``reminder``: ``{}``; ``source_id`` is the `Reminder` id, ``occurrence`` its due time (UTC
  ISO). Cancelled with the reminder; skipped (and summed up in one ``missed`` message) when
  more than 12 hours late.
- ``digest``: ``{}``; ``source_id`` is the learner id, ``occurrence`` the local date of the
  weekly slot. Sent silently, only while the learner's digest is on and at most once a week.
- ``missed``: ``{"reminders": [reminder ids]}``: "you missed N reminders" after downtime.
- ``delete``: ``{"delete_message_id": int}``: delete a message sent earlier (a recalled
  announcement); goes at once, whatever the hour.
- ``announcement`` and ``notice``: pre-rendered by the caller. ``{"text": "<Telegram HTML, at
  most 4096 characters>", "silent": bool (optional, default false), "buttons": [[{"text": ...,
  "callback_data": ...} or {"text": ..., "url": "https://..."}], ...] (optional)}``. Use
  ``source_id`` for the announcement (or notice) id and ``occurrence`` "" so fan-out can be
  re-run. An announcement goes only to an active learner whose announcements setting is still
  on when it is sent, and only while the announcement is not recalled; otherwise the row is
  cancelled. When a row that was in flight during a recall is marked sent, the recall's
  deletions are queued again. A notice to a learner waits for the end of their quiet hours; a
  notice to anyone else (staff) goes at once.

Statuses: ``pending`` -> ``sending`` (claimed, with a lease) -> ``sent``; or ``retry`` (due
again later), ``dead`` (a permanent failure, with its reason), ``cancelled``,
``skipped_stale`` (too late to be useful) and ``sent_unconfirmed`` (timed out twice after
being handed to Telegram: it may have arrived).

Claiming (`claim_due`) takes a batch of due rows with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL,
so any number of instances share the work; SQLite ignores the clause and relies on there being
a single dispatcher (`hold_lease`). Every later write about a claimed row is fenced on
``claimed_by`` and ``attempts``, so an instance whose lease ran out cannot overwrite a newer
claim. One token bucket row (`reserve_send`) paces every instance together, with one message
per chat per `chat_interval`.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import and_, delete, func, insert, or_, text, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from catalogue.models import (
    Announcement,
    Delivery,
    Learner,
    Lease,
    RateBucket,
    Reminder,
    utcnow,
)

# Lower goes first (telegram.md T9: reminders before broadcasts). Answers to learners are not
# queued at all, so they go before everything here.
PRIORITY = {
    "delete": 1,
    "notice": 1,
    "reminder": 2,
    "missed": 2,
    "digest": 5,
    "announcement": 6,
}
TO_SEND = ("pending", "retry")
FINAL = ("sent", "dead", "cancelled", "skipped_stale", "sent_unconfirmed")
GLOBAL_BUCKET = "global"
DISPATCHER_LEASE = "dispatcher"
SWEEP_LOCK_ID = 7_700_001  # pg_try_advisory_xact_lock key: one stale sweep at a time
ERROR_LIMIT = 300


def enqueue_delivery(
    *,
    session: Session,
    kind: str,
    chat_id: int,
    payload: dict[str, Any],
    due_at: datetime | None = None,
    source_id: int = 0,
    occurrence: str = "",
) -> bool:
    """Queue one message; False if this (kind, source, chat, occurrence) is already queued."""
    values = {
        "kind": kind,
        "source_id": source_id,
        "chat_id": chat_id,
        "occurrence": occurrence,
        "priority": PRIORITY.get(kind, 5),
        "payload": payload,
        "status": "pending",
        "due_at": due_at or utcnow(),
        "attempts": 0,
        "created_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = dialect_insert(Delivery).values(**values).on_conflict_do_nothing()
    if dialect not in ("postgresql", "sqlite"):
        statement = insert(Delivery).values(**values)  # type: ignore[assignment]
    # RETURNING, not rowcount: psycopg 3 reports -1 for this insert on PostgreSQL.
    return session.execute(statement.returning(col(Delivery.id))).first() is not None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery row as one instance claimed it; `attempts` is the fencing token."""

    id: int
    kind: str
    source_id: int
    chat_id: int
    occurrence: str
    priority: int
    payload: dict[str, Any]
    due_at: datetime
    attempts: int
    lease_until: datetime
    claimed_by: str

    @property
    def key(self) -> str:
        """The idempotency key: what a duplicate would share."""
        return f"{self.kind}:{self.source_id}:{self.chat_id}:{self.occurrence}"


_CLAIMED_COLUMNS = (
    col(Delivery.id),
    col(Delivery.kind),
    col(Delivery.source_id),
    col(Delivery.chat_id),
    col(Delivery.occurrence),
    col(Delivery.priority),
    col(Delivery.payload),
    col(Delivery.due_at),
    col(Delivery.attempts),
    col(Delivery.lease_until),
    col(Delivery.claimed_by),
)


# Literally the predicate of the partial index `ix_delivery_claim` (models.py), as constants:
# PostgreSQL uses a partial index only when it can prove the query implies its predicate, which
# it can't through an OR, nor with bound parameters once a statement is prepared.
IN_QUEUE = text("delivery.status IN ('pending', 'retry', 'sending')")


def _claimable(now: datetime) -> Any:
    """Due, and not held: pending or retry, or sending under a lease that ran out."""
    return and_(
        IN_QUEUE,
        col(Delivery.due_at) <= now,
        or_(col(Delivery.status) != "sending", col(Delivery.lease_until) < now),
    )


def claim_due(
    *,
    session: Session,
    instance: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    skip_locked: bool = True,
) -> list[Claimed]:
    """Claim up to `limit` due rows (priority, then due time) for `instance` until `lease`.

    Rows whose lease ran out (their instance died) are claimable again: at-least-once.
    `skip_locked=False` exists only as the benchmark's baseline.
    """
    # A materialised CTE, joined: `WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)`
    # may be planned as a subquery run again for each row, and each run skips the rows this
    # very statement already updated, so it would claim far more than n.
    due = (
        select(Delivery.id)
        .where(_claimable(now))
        .order_by(col(Delivery.priority), col(Delivery.due_at), col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=skip_locked)
        .cte("due")
        .prefix_with("MATERIALIZED")
    )
    statement = (
        update(Delivery)
        .where(col(Delivery.id) == due.c.id)
        .values(
            status="sending",
            claimed_by=instance,
            lease_until=now + lease,
            attempts=col(Delivery.attempts) + 1,
            sent_at=None,
        )
        .returning(*_CLAIMED_COLUMNS)
    )
    rows = session.execute(statement).all()
    claimed = [Claimed(*row) for row in rows]
    return sorted(claimed, key=lambda c: (c.priority, c.due_at, c.id))


def _fenced(row: Claimed) -> Any:
    return and_(
        col(Delivery.id) == row.id,
        col(Delivery.claimed_by) == row.claimed_by,
        col(Delivery.attempts) == row.attempts,
        col(Delivery.status) == "sending",
    )


def _changed(result: Any) -> bool:
    return bool(result.rowcount)


def release(
    *,
    session: Session,
    row: Claimed,
    due_at: datetime | None = None,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Hand a claimed row back unsent, as it was (optionally due later): the claim never
    happened, so it does not count as an attempt."""
    values: dict[str, Any] = {
        "status": "retry" if row.attempts > 1 else "pending",
        "attempts": row.attempts - 1,
        "claimed_by": None,
        "lease_until": None,
        "sent_at": None,
    }
    if due_at is not None:
        values["due_at"] = due_at
    if payload is not None:
        values["payload"] = payload
    return _changed(session.execute(update(Delivery).where(_fenced(row)).values(**values)))


def mark_sent(*, session: Session, row: Claimed, now: datetime, message_id: int | None) -> bool:
    """Record Telegram's acceptance; False if the claim was lost meanwhile (a zombie write)."""
    statement = (
        update(Delivery)
        .where(_fenced(row))
        .values(status="sent", sent_at=now, telegram_message_id=message_id, lease_until=None)
    )
    return _changed(session.execute(statement))


def mark_retry(
    *,
    session: Session,
    row: Claimed,
    due_at: datetime,
    error: str,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Try again at `due_at` (a back-off), keeping the reason."""
    values: dict[str, Any] = {
        "status": "retry",
        "due_at": due_at,
        "lease_until": None,
        "sent_at": None,
        "last_error": error[:ERROR_LIMIT],
    }
    if payload is not None:
        values["payload"] = payload
    return _changed(session.execute(update(Delivery).where(_fenced(row)).values(**values)))


def mark_final(
    *,
    session: Session,
    row: Claimed,
    status: str,
    reason: str,
    payload: dict[str, Any] | None = None,
) -> bool:
    """End a claimed row unsent: dead, cancelled, skipped_stale or sent_unconfirmed."""
    if status not in FINAL or status == "sent":
        raise ValueError(f"not a final unsent status: {status!r}")
    values: dict[str, Any] = {
        "status": status,
        "lease_until": None,
        "sent_at": None,
        "last_error": reason[:ERROR_LIMIT],
    }
    if payload is not None:
        values["payload"] = payload
    return _changed(session.execute(update(Delivery).where(_fenced(row)).values(**values)))


def cancel_deliveries(
    *,
    session: Session,
    reason: str,
    chat_id: int | None = None,
    kind: str | None = None,
    source_id: int | None = None,
) -> int:
    """Cancel rows not yet sent (nor being sent) that match; returns how many.

    E.g. a recalled announcement: `cancel_deliveries(kind="announcement", source_id=ann.id)`.
    """
    conditions: list[Any] = [col(Delivery.status).in_(TO_SEND)]
    if chat_id is not None:
        conditions.append(col(Delivery.chat_id) == chat_id)
    if kind is not None:
        conditions.append(col(Delivery.kind) == kind)
    if source_id is not None:
        conditions.append(col(Delivery.source_id) == source_id)
    if len(conditions) == 1:
        raise ValueError("say which deliveries to cancel")
    result = session.execute(
        update(Delivery)
        .where(*conditions)
        .values(status="cancelled", last_error=reason[:ERROR_LIMIT])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def announcement_recalled(*, session: Session, announcement_id: int) -> bool:
    """Whether a moderator recalled the announcement a row belongs to."""
    announcement = session.get(Announcement, announcement_id)
    return announcement is not None and announcement.status == "recalled"


def stop_chat(*, session: Session, chat_id: int, reason: str) -> int:
    """The chat refuses messages (403): mark its learner inactive, cancel their reminders and
    every pending row; returns how many rows were cancelled."""
    session.execute(
        update(Learner).where(col(Learner.telegram_id) == chat_id).values(active=False)
    )
    learner_ids = select(Learner.id).where(col(Learner.telegram_id) == chat_id)
    session.execute(
        update(Reminder)
        .where(
            col(Reminder.learner_id).in_(learner_ids.scalar_subquery()),
            col(Reminder.status) == "scheduled",
        )
        .values(status="cancelled")
    )
    return cancel_deliveries(session=session, chat_id=chat_id, reason=reason)


def skip_stale(
    *, session: Session, now: datetime, older_than: timedelta, kinds: tuple[str, ...]
) -> list[tuple[int, int, int]]:
    """Mark rows of `kinds` due more than `older_than` ago `skipped_stale`.

    Returns (delivery id, chat id, source id) of each. On PostgreSQL only one instance sweeps
    at a time (the others get nothing), so each learner's rows are summed up once.
    """
    if session.get_bind().dialect.name == "postgresql":
        locked = session.execute(select(func.pg_try_advisory_xact_lock(SWEEP_LOCK_ID))).scalar()
        if not locked:
            return []
    statement = (
        update(Delivery)
        .where(
            col(Delivery.kind).in_(kinds),
            or_(
                col(Delivery.status).in_(TO_SEND),
                and_(col(Delivery.status) == "sending", col(Delivery.lease_until) < now),
            ),
            col(Delivery.due_at) < now - older_than,
        )
        .values(
            status="skipped_stale",
            lease_until=None,
            last_error=f"more than {older_than.total_seconds() / 3600:g} h late",
        )
        .returning(col(Delivery.id), col(Delivery.chat_id), col(Delivery.source_id))
    )
    return [(int(a), int(b), int(c)) for a, b, c in session.execute(statement).all()]


# --- pacing: one token bucket for every instance, one message per chat at a time ---------


@dataclass(frozen=True, slots=True)
class Reservation:
    """What `reserve_send` decided: send at `at`, or the chat is busy / sending is paused
    until `at`, or the claim was lost."""

    outcome: Literal["slot", "chat_busy", "paused", "lost"]
    at: datetime | None = None


def _bucket(session: Session, now: datetime, burst: float) -> RateBucket:
    bucket = session.get(RateBucket, GLOBAL_BUCKET, with_for_update=True)
    if bucket is not None:
        return bucket
    dialect = session.get_bind().dialect.name
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        dialect_insert(RateBucket)
        .values(name=GLOBAL_BUCKET, tokens=burst, updated_at=now, paused_until=None)
        .on_conflict_do_nothing()
    )
    bucket = session.get(RateBucket, GLOBAL_BUCKET, with_for_update=True, populate_existing=True)
    assert bucket is not None
    return bucket


def reserve_send(
    *,
    session: Session,
    row: Claimed,
    now: datetime,
    rate: float,
    chat_interval: timedelta,
    burst: float = 1.0,
    extra: int = 0,
) -> Reservation:
    """Reserve the next send slot for a claimed row (commit straight after).

    The bucket row is locked first, so reservations from every instance queue one behind the
    other; that also makes the per-chat check race-free. `extra` debits messages this
    instance sent outside the outbox (answers to learners), so queued sends yield to them.
    """
    bucket = _bucket(session, now, burst)
    paused = bucket.paused_until
    if paused is not None and paused > now:
        return Reservation("paused", paused)
    busy_until = _chat_busy_until(session, row, now, chat_interval)
    if busy_until is not None:
        return Reservation("chat_busy", busy_until)
    elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
    tokens = min(burst, bucket.tokens + elapsed * rate) - 1 - extra
    at = now if tokens >= 0 else now + timedelta(seconds=-tokens / rate)
    claimed = session.execute(update(Delivery).where(_fenced(row)).values(sent_at=at))
    if not _changed(claimed):
        return Reservation("lost")
    bucket.tokens, bucket.updated_at = tokens, now
    session.add(bucket)
    session.flush()
    return Reservation("slot", at)


def _chat_busy_until(
    session: Session, row: Claimed, now: datetime, interval: timedelta
) -> datetime | None:
    """Until when another message to the same chat (in flight, or just sent) blocks this one."""
    others = session.execute(
        select(Delivery.status, Delivery.sent_at).where(
            col(Delivery.chat_id) == row.chat_id,
            col(Delivery.id) != row.id,
            col(Delivery.sent_at).is_not(None),
            or_(
                and_(col(Delivery.status) == "sending", col(Delivery.lease_until) > now),
                and_(col(Delivery.status) == "sent", col(Delivery.sent_at) > now - interval),
            ),
        )
    ).all()
    until: datetime | None = None
    for status, sent_at in others:
        # In flight: from its slot (or now); sent: from when it went, but never from the
        # future (a clock that jumped back must not block the chat for an hour).
        start = max(sent_at, now) if status == "sending" else min(sent_at, now)
        candidate = start + interval
        if candidate > now and (until is None or candidate > until):
            until = candidate
    return until


def pause_sending(*, session: Session, until: datetime, now: datetime) -> datetime:
    """Stop every instance from sending until `until` (a 429); returns the pause in force."""
    bucket = _bucket(session, now, 1.0)
    if bucket.paused_until is None or bucket.paused_until < until:
        bucket.paused_until = until
    session.add(bucket)
    session.flush()
    return bucket.paused_until


def paused_until(*, session: Session, now: datetime) -> datetime | None:
    """When a shared pause (after a 429) ends, if one is in force."""
    bucket = session.get(RateBucket, GLOBAL_BUCKET)
    if bucket is None or bucket.paused_until is None or bucket.paused_until <= now:
        return None
    return bucket.paused_until


# --- the single SQLite dispatcher ---------------------------------------------------------


def lease_holder(*, session: Session, name: str, now: datetime) -> str | None:
    """Who holds the named lease now, if anyone."""
    lease = session.get(Lease, name, populate_existing=True)
    if lease is None or lease.expires_at <= now:
        return None
    return lease.holder


def hold_lease(
    *,
    session: Session,
    name: str,
    holder: str,
    now: datetime,
    ttl: timedelta,
    replace: str | None = None,
) -> str | None:
    """Take or renew a named lease with one atomic statement.

    Succeeds when it is free, expired, already ours, or held by `replace` (a holder the caller
    knows is dead). Returns None on success, else who holds it.
    """
    dialect = session.get_bind().dialect.name
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = Lease.__table__  # type: ignore[attr-defined]
    statement = dialect_insert(Lease).values(name=name, holder=holder, expires_at=now + ttl)
    takeover = or_(
        table.c.holder == statement.excluded.holder,
        table.c.expires_at <= now,
        table.c.holder == (replace or holder),
    )
    statement = statement.on_conflict_do_update(
        index_elements=["name"],
        set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
        where=takeover,
    )
    session.execute(statement)
    current = session.get(Lease, name, populate_existing=True)
    assert current is not None
    return None if current.holder == holder else current.holder


def release_lease(*, session: Session, name: str, holder: str) -> bool:
    """Give up a lease we hold."""
    result = session.execute(
        delete(Lease).where(col(Lease.name) == name, col(Lease.holder) == holder)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# --- what operators and learners see -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Failure:
    """A row that failed (for good, or for now), with its reason."""

    id: int
    kind: str
    status: str
    attempts: int
    due_at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    """The state of the queue, for `learnbot deliveries`."""

    now: datetime
    counts: dict[str, dict[str, int]]  # status -> kind -> rows
    oldest_due: tuple[int, str, datetime] | None  # (id, kind, due_at) of the oldest to send
    due_now: int
    paused_until: datetime | None
    dispatcher: str | None  # holder of the SQLite dispatcher lease
    failures: list[Failure] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        """Rows per status."""
        return {status: sum(kinds.values()) for status, kinds in self.counts.items()}


def delivery_stats(*, session: Session, now: datetime, failures: int = 10) -> DeliveryStats:
    """Counts by status and kind, the oldest row still to send and recent failures."""
    counts: dict[str, Counter[str]] = {}
    grouped = session.execute(
        select(Delivery.status, Delivery.kind, func.count()).group_by(
            col(Delivery.status), col(Delivery.kind)
        )
    ).all()
    for status, kind, number in grouped:
        counts.setdefault(status, Counter())[kind] = int(number)
    oldest = session.execute(
        select(Delivery.id, Delivery.kind, Delivery.due_at)
        .where(col(Delivery.status).in_(TO_SEND))
        .order_by(col(Delivery.due_at), col(Delivery.id))
        .limit(1)
    ).first()
    due_now = session.execute(
        select(func.count()).select_from(Delivery).where(_claimable(now))
    ).scalar_one()
    failed = session.execute(
        sa_select(
            col(Delivery.id),
            col(Delivery.kind),
            col(Delivery.status),
            col(Delivery.attempts),
            col(Delivery.due_at),
            col(Delivery.last_error),
        )
        .where(
            col(Delivery.status).in_(("dead", "retry", "sent_unconfirmed")),
            col(Delivery.last_error).is_not(None),
        )
        .order_by(col(Delivery.id).desc())
        .limit(failures)
    ).all()
    return DeliveryStats(
        now=now,
        counts={status: dict(kinds) for status, kinds in sorted(counts.items())},
        oldest_due=None if oldest is None else (int(oldest[0]), str(oldest[1]), oldest[2]),
        due_now=int(due_now),
        paused_until=paused_until(session=session, now=now),
        dispatcher=lease_holder(session=session, name=DISPATCHER_LEASE, now=now),
        failures=[
            Failure(int(i), str(k), str(s), int(a), d, str(e or "")) for i, k, s, a, d, e in failed
        ],
    )


def bad_request_share(*, session: Session, since: datetime) -> tuple[int, int]:
    """(rows dead with a 400, rows finished) among rows due since `since`: the F7 alert."""
    finished = session.execute(
        select(Delivery.status, Delivery.last_error).where(
            col(Delivery.due_at) >= since, col(Delivery.status).in_(("sent", "dead"))
        )
    ).all()
    bad = sum(1 for status, error in finished if status == "dead" and (error or "")[:3] == "400")
    return bad, len(finished)


def chat_history(*, session: Session, chat_id: int) -> list[dict[str, Any]]:
    """Every delivery to one chat: kinds, statuses and times, never the message bodies."""
    rows = session.exec(
        select(Delivery).where(Delivery.chat_id == chat_id).order_by(col(Delivery.id))
    ).all()
    return [
        {
            "kind": row.kind,
            "status": row.status,
            "due_at": _iso(row.due_at),
            "sent_at": _iso(row.sent_at),
            "created_at": _iso(row.created_at),
        }
        for row in rows
    ]


def erase_chat(*, session: Session, chat_id: int) -> int:
    """Delete every delivery to one chat, sent or not (the learner asked for erasure)."""
    result = session.execute(delete(Delivery).where(col(Delivery.chat_id) == chat_id))
    return int(result.rowcount)  # type: ignore[attr-defined]


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
