"""The outbox as rows: idempotent enqueue, claiming (limits, leases, SKIP LOCKED), the
claimed_by fence, the shared token bucket and per-chat pace, the SQLite lease, statistics."""

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from catalogue.db import session_scope
from catalogue.deliveries import (
    claim_due,
    delivery_stats,
    enqueue_delivery,
    hold_lease,
    lease_holder,
    mark_final,
    mark_retry,
    mark_sent,
    pause_sending,
    release,
    release_lease,
    reserve_send,
)
from catalogue.importer import import_rows
from catalogue.models import Announcement, Delivery, Opportunity, Provider
from catalogue.reminders import settle
from tests.conftest import make_row

T0 = datetime(2027, 5, 3, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def put(engine, count, *, chat=None, kind="notice", due=T0, first=1):
    with session_scope(engine) as session:
        for n in range(first, first + count):
            enqueue_delivery(
                session=session,
                kind=kind,
                chat_id=chat or n,
                payload={"text": f"#{n}"},
                due_at=due,
                source_id=n,
            )


def claim(engine, instance="a", now=T0, limit=10, **options):
    with session_scope(engine) as session:
        return claim_due(
            session=session, instance=instance, now=now, lease=LEASE, limit=limit, **options
        )


def rows(engine):
    with Session(engine) as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)))


def test_enqueue_is_idempotent_per_key(engine):
    """Writing the same (kind, source, chat, occurrence) twice queues it once."""
    with session_scope(engine) as session:
        args = {"kind": "reminder", "chat_id": 5, "payload": {}, "source_id": 1, "due_at": T0}
        assert enqueue_delivery(session=session, occurrence="a", **args)
        assert not enqueue_delivery(session=session, occurrence="a", **args)
        assert enqueue_delivery(session=session, occurrence="b", **args)
    assert len(rows(engine)) == 2


def test_a_claim_takes_at_most_its_limit_in_priority_then_due_order(engine):
    """Never more than asked (a subquery plan once claimed them all), most urgent first."""
    put(engine, 150, kind="announcement")
    put(engine, 5, kind="reminder", first=500, due=T0 - timedelta(minutes=1))
    put(engine, 5, kind="reminder", first=600, due=T0 + timedelta(minutes=1))  # not due
    claimed = claim(engine, limit=20)
    assert len(claimed) == 20
    assert [c.kind for c in claimed[:5]] == ["reminder"] * 5
    assert all(c.attempts == 1 and c.claimed_by == "a" for c in claimed)
    assert sum(r.status == "sending" for r in rows(engine)) == 20


def test_claimed_rows_are_not_claimed_again_until_their_lease_runs_out(engine):
    """A live lease keeps a row; an expired one (its instance died) makes it claimable."""
    put(engine, 3)
    first = claim(engine, "a")
    assert claim(engine, "b") == []
    later = claim(engine, "b", now=T0 + LEASE + timedelta(seconds=1))
    assert {c.id for c in later} == {c.id for c in first}
    assert {c.attempts for c in later} == {2}


def test_the_fence_stops_a_zombie_from_overwriting_a_newer_claim(engine):
    """An instance whose lease ran out can't mark the row: claimed_by and attempts differ."""
    put(engine, 1)
    (zombie,) = claim(engine, "a")
    (fresh,) = claim(engine, "b", now=T0 + LEASE + timedelta(seconds=1))
    with session_scope(engine) as session:
        assert not mark_sent(session=session, row=zombie, now=T0, message_id=1)
        assert not mark_retry(session=session, row=zombie, due_at=T0, error="late")
        assert mark_sent(session=session, row=fresh, now=T0, message_id=2)
    (row,) = rows(engine)
    assert (row.status, row.telegram_message_id, row.claimed_by) == ("sent", 2, "b")


def test_release_hands_a_row_back_as_it_was(engine):
    """Handing back unsent does not count as an attempt; a deferral sets the new due time."""
    put(engine, 1)
    (row,) = claim(engine)
    with session_scope(engine) as session:
        assert release(session=session, row=row, due_at=T0 + timedelta(hours=1))
    (stored,) = rows(engine)
    assert (stored.status, stored.attempts, stored.claimed_by) == ("pending", 0, None)
    assert stored.due_at == T0 + timedelta(hours=1)


def test_final_statuses_keep_their_reason(engine):
    """Dead and cancelled rows say why; sent is not a final unsent status."""
    put(engine, 2)
    first, second = claim(engine)
    with session_scope(engine) as session:
        assert mark_final(session=session, row=first, status="dead", reason="400: Bad")
        with pytest.raises(ValueError, match="final"):
            mark_final(session=session, row=second, status="sent", reason="")
    assert (rows(engine)[0].status, rows(engine)[0].last_error) == ("dead", "400: Bad")


def test_the_bucket_paces_every_instance_together(engine):
    """Reservations queue one behind the other at `rate`, whoever asks (burst of one)."""
    put(engine, 5)
    claimed = claim(engine, "a", limit=3) + claim(engine, "b", limit=2)
    slots = []
    for row in claimed:
        with session_scope(engine) as session:
            slot = reserve_send(
                session=session, row=row, now=T0, rate=10, chat_interval=timedelta(seconds=1)
            )
        slots.append((slot.at - T0).total_seconds())
    assert slots == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])


def test_one_chat_gets_one_message_per_interval(engine):
    """A second message to a chat with one in flight waits for the chat's interval."""
    put(engine, 2, chat=42)
    first, second = claim(engine, limit=1) + claim(engine, "b", limit=1)
    interval = timedelta(seconds=1.1)
    with session_scope(engine) as session:
        go = reserve_send(session=session, row=first, now=T0, rate=10, chat_interval=interval)
    with session_scope(engine) as session:
        wait = reserve_send(session=session, row=second, now=T0, rate=10, chat_interval=interval)
    assert (go.outcome, go.at) == ("slot", T0)
    assert (wait.outcome, wait.at) == ("chat_busy", T0 + interval)


def test_a_pause_holds_every_reservation(engine):
    """After a 429 nobody gets a slot until the pause ends."""
    put(engine, 1)
    (row,) = claim(engine)
    with session_scope(engine) as session:
        pause_sending(session=session, until=T0 + timedelta(seconds=35), now=T0)
    with session_scope(engine) as session:
        held = reserve_send(
            session=session, row=row, now=T0, rate=10, chat_interval=timedelta(seconds=1)
        )
    assert (held.outcome, held.at) == ("paused", T0 + timedelta(seconds=35))


def test_the_dispatcher_lease_is_exclusive_until_it_expires_or_is_given_up(engine):
    """One holder at a time; renewing is fine; expiry or a known-dead holder frees it."""
    ttl = timedelta(seconds=30)

    def take(holder, now=T0, replace=None):
        with session_scope(engine) as session:
            return hold_lease(
                session=session,
                name="dispatcher",
                holder=holder,
                now=now,
                ttl=ttl,
                replace=replace,
            )

    assert take("one") is None
    assert take("two") == "one"
    assert take("one", T0 + timedelta(seconds=10)) is None  # renewed
    assert take("two", T0 + timedelta(seconds=35)) == "one"
    assert take("two", T0 + timedelta(seconds=41)) is None  # expired
    assert take("three", T0 + timedelta(seconds=42), replace="two") is None  # known dead
    with session_scope(engine) as session:
        assert (
            lease_holder(session=session, name="dispatcher", now=T0 + timedelta(seconds=43))
            == "three"
        )
        assert release_lease(session=session, name="dispatcher", holder="three")
    assert take("four", T0 + timedelta(seconds=44)) is None


def test_stats_count_by_status_and_kind_with_the_oldest_and_failures(engine):
    """What `learnbot deliveries` shows."""
    put(engine, 2, kind="reminder", due=T0 - timedelta(minutes=5))
    put(engine, 1, kind="announcement", first=10)
    claimed = claim(engine, limit=1)
    with session_scope(engine) as session:
        mark_final(session=session, row=claimed[0], status="dead", reason="400: Chat not found")
        stats = delivery_stats(session=session, now=T0)
    assert stats.counts == {"dead": {"reminder": 1}, "pending": {"announcement": 1, "reminder": 1}}
    assert stats.oldest_due is not None
    assert stats.oldest_due[1:] == ("reminder", T0 - timedelta(minutes=5))
    assert stats.due_now == 2
    assert [(f.status, f.reason) for f in stats.failures] == [("dead", "400: Chat not found")]


def test_concurrent_claimers_never_share_a_row(engine):
    """On PostgreSQL (SKIP LOCKED) four claimers racing over 400 rows each get their own;
    on SQLite claims are one statement each, serialised by the database."""
    put(engine, 400)
    results: dict[str, list[int]] = {}
    errors = []

    def worker(name):
        mine = []
        try:
            while True:
                got = claim(engine, name, limit=7)
                if not got:
                    break
                mine += [c.id for c in got]
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        results[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    claimed = [i for ids in results.values() for i in ids]
    assert len(claimed) == len(set(claimed)) == 400


def test_a_row_in_flight_during_a_recall_gets_its_deletion_queued_when_sent(engine):
    """The recall can't see a row being sent; marking it sent queues its deletion too."""
    with session_scope(engine) as session:
        import_rows(session=session, rows=[make_row("bn-1", "Futsal")], timezone=ZoneInfo("UTC"))
        opportunity = session.exec(select(Opportunity)).one()
        provider = session.exec(select(Provider)).one()
        announcement = Announcement(
            provider_id=provider.id,
            opportunity_id=opportunity.id,
            title="Futsal",
            body="Fridays",
            status="approved",
            submitted_by=1,
        )
        session.add(announcement)
        session.flush()
        enqueue_delivery(
            session=session,
            kind="announcement",
            chat_id=77,
            payload={"text": "Futsal"},
            due_at=T0,
            source_id=announcement.id,
        )
    (row,) = claim(engine)
    with session_scope(engine) as session:
        session.get(Announcement, row.source_id).status = "recalled"  # while it is in flight
    with session_scope(engine) as session:
        assert mark_sent(session=session, row=row, now=T0, message_id=555)
        settle(session=session, row=row, status="sent", now=T0, tz=ZoneInfo("Europe/London"))
    deletions = [r for r in rows(engine) if r.kind == "delete"]
    assert [(r.chat_id, r.payload) for r in deletions] == [(77, {"delete_message_id": 555})]
