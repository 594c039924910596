"""The outbox against the HTTP fake Bot API: the fault matrix (F1-F8, F13 of
delivery-and-reliability.md) and the invariants of a calm run (1, 2, 4, 6, 7)."""

import asyncio
import itertools
import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.delivery import classify
from catalogue.db import create_db_engine, session_scope, upgrade
from catalogue.deliveries import paused_until
from catalogue.models import Learner, Reminder
from tests.bot.delivery_support import (
    FakeClock,
    add_learner,
    add_opportunity,
    add_reminder,
    all_final,
    deliveries,
    dispatcher_for,
    drain_until,
    http_settings,
    now,
    queue,
    statuses,
)
from tests.fakegram import (
    FakeTelegramServer,
    accept_then_hang,
    bad_request,
    forbidden,
    free_port,
    reset,
    retry_after,
    server_error,
    too_many_requests,
    unauthorized,
)


@pytest.fixture
async def tg():
    async with FakeTelegramServer() as server:
        yield server


def sends(tg, chat_id=None):
    """Every sendMessage attempt (accepted or not), in order."""
    return [call for call in tg.ledger.calls("sendMessage") if chat_id in (None, call.chat_id)]


def notices(engine, tg, count, *, first=5000):
    """`count` notices to staff chats (no learner: no quiet hours), each chat known to tg."""
    chats = [tg.api.user(first + n).id for n in range(count)]
    for chat in chats:
        queue(engine, "notice", chat, f"Notice for <b>{chat}</b>")
    return chats


async def test_a_calm_run_keeps_the_invariants(settings, engine, tg):
    """Mixed kinds under Telegram's caps: nothing lost (1), nothing twice (2), every row
    accounted for (4), under 30/s overall and 1/s per chat (6), a blocked chat gets nothing
    more (7); dead rows are exactly the injected permanent faults."""
    tg.rates.enforce(global_max=30, per_chat=1)
    config = http_settings(settings, tg, rate=25, chat_interval=1.1)
    place = add_opportunity(engine, "bn-drop-in", "Drop-in Football")
    learners = [tg.api.user(1000 + n).id for n in range(30)]
    for chat in learners:
        add_learner(engine, chat, announcements=chat % 3 == 0)
        add_reminder(engine, chat, place, now() - timedelta(seconds=30))
        if chat % 3 == 0:  # a second message to the same chat: paced 1.1 s apart
            queue(engine, "announcement", chat, "New: <b>Futsal</b> on Fridays", source_id=7)
    add_reminder(engine, learners[0], place, now() + timedelta(hours=1))  # not due yet
    staff = notices(engine, tg, 20)
    add_learner(engine, 1999, announcements=False)  # opted out after fan-out: cancelled
    tg.api.user(1999)
    queue(engine, "announcement", 1999, "New: <b>Futsal</b>", source_id=7)
    blocked = tg.api.user(1998)
    add_learner(engine, blocked.id, announcements=True)
    add_reminder(engine, blocked.id, place, now() - timedelta(seconds=20))
    queue(engine, "announcement", blocked.id, "New: <b>Futsal</b>", source_id=7)
    blocked.blocks_bot()
    queue(engine, "notice", 424242, "To a chat Telegram doesn't know")  # 400: chat not found
    scheduled = len(deliveries(engine))

    async with dispatcher_for(config, engine) as dispatcher:
        await drain_until(dispatcher, lambda: statuses(engine)["pending"] == 1, timeout=60)

    rows = deliveries(engine)
    count = statuses(engine)
    accepted = tg.ledger.idem_counts()
    sent_keys = {
        f"{r.kind}:{r.source_id}:{r.chat_id}:{r.occurrence}" for r in rows if r.status == "sent"
    }
    assert all(accepted[key] >= 1 for key in sent_keys)  # 1: none lost
    assert max(accepted.values()) == 1  # 2: none twice
    assert count["sent"] == 30 + 10 + 20
    assert count == {"sent": 60, "dead": 2, "cancelled": 2, "pending": 1}  # 4: conservation
    assert sum(count.values()) == scheduled
    assert sorted(r.last_error[:3] for r in rows if r.status == "dead") == ["400", "403"]
    assert tg.ledger.max_rate(1.0) <= 30  # 6: all attempts, any 1 s window
    assert tg.ledger.max_rate_per_chat(1.0) <= 1
    assert tg.ledger.calls(status=429) == []
    assert [c.status for c in sends(tg, blocked.id)] == [403]  # 7: nothing after the 403
    assert learners_active(engine)[blocked.id] is False
    assert set(staff) <= {call.chat_id for call in tg.ledger.sends()}


def learners_active(engine):
    with session_scope(engine) as session:
        return {row.telegram_id: row.active for row in session.exec(select(Learner)).all()}


@pytest.mark.parametrize("seconds", [1, 2])
async def test_f1_a_429_pauses_all_sending_for_retry_after(settings, engine, tg, seconds):
    """F1: after a 429 with retry_after, no request at all until the pause ends; all arrive."""
    tg.faults.add(method="sendMessage", nth=3, action=retry_after(seconds))
    notices(engine, tg, 6)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    calls = sends(tg)
    refused = next(i for i, call in enumerate(calls) if call.status == 429)
    assert calls[refused + 1].time - calls[refused].time >= seconds
    assert statuses(engine) == {"sent": 6}
    assert sorted(tg.ledger.idem_counts().values()) == [1] * 6


@pytest.mark.parametrize("seconds", [35, 300])
async def test_f1_long_pauses_hold_for_every_instance(settings, engine, tg, seconds):
    """F1 with retry_after 35 and 300 (time injected): the pause is shared in the database;
    nothing is sent before it ends, by this instance or another."""
    tg.faults.add(method="sendMessage", nth=1, action=retry_after(seconds))
    notices(engine, tg, 3)
    clock = FakeClock(now())
    config = http_settings(settings, tg, lease=600)
    async with dispatcher_for(config, engine, clock) as dispatcher:
        await dispatcher.drain()
        with session_scope(engine) as session:
            pause = paused_until(session=session, now=clock.now())
        assert pause is not None
        assert pause - clock.now() >= timedelta(seconds=seconds)
        clock.advance(seconds=seconds - 1)
        await dispatcher.drain()
        if engine.dialect.name == "postgresql":  # another instance sees the same pause
            async with dispatcher_for(config, engine, clock) as other:
                await other.drain()
        assert len(sends(tg)) == 1
        clock.advance(seconds=2)
        await drain_until(dispatcher, lambda: all_final(engine))
    assert statuses(engine) == {"sent": 3}


async def test_f2_a_429_without_retry_after_backs_off_without_a_hot_loop(settings, engine, tg):
    """F2: PTB raises a plain NetworkError; we still pause (at least 1 s) and deliver."""
    tg.faults.add(method="sendMessage", nth=1, action=too_many_requests())
    (chat,) = notices(engine, tg, 1)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    first, second = sends(tg, chat)
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 1.0


@pytest.mark.parametrize(
    "action",
    [server_error(500), server_error(502, html=True), server_error(503), server_error(504)],
    ids=["500", "502-html", "503", "504"],
)
async def test_f3_server_errors_back_off_with_jitter_then_deliver(settings, engine, tg, action):
    """F3: a burst of 5xx is retried with growing, jittered gaps; delivered once after."""
    tg.faults.add(method="sendMessage", times=3, action=action)
    (chat,) = notices(engine, tg, 1)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    calls = sends(tg, chat)
    assert [call.status for call in calls] == [action.status] * 3 + [200]
    gaps = [b.time - a.time for a, b in itertools.pairwise(calls)]
    assert all(gap >= 0.5 * 0.05 * 2**n for n, gap in enumerate(gaps))
    (row,) = deliveries(engine)
    assert (row.status, row.attempts) == ("sent", 4)


async def test_f3_attempts_are_capped(settings, engine, tg):
    """F3: a server that never recovers: dead after max_attempts, with the reason."""
    tg.faults.add(method="sendMessage", action=server_error(503))
    (chat,) = notices(engine, tg, 1)
    config = http_settings(settings, tg, max_attempts=3)
    async with dispatcher_for(config, engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    (row,) = deliveries(engine)
    assert row.status == "dead"
    assert row.last_error.startswith("gave up after 3 attempts")
    assert len(sends(tg, chat)) == 3


async def test_f4_connection_resets_are_retried(settings, engine, tg):
    """F4: the connection is reset before an answer: retried like a 5xx, then delivered."""
    tg.faults.add(method="sendMessage", times=2, action=reset())
    (chat,) = notices(engine, tg, 1)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    assert [call.status for call in sends(tg, chat)] == [None, None, 200]
    assert statuses(engine) == {"sent": 1}


async def test_f4_a_refused_connection_is_retried(settings, engine):
    """F4: nothing listening any more: a network error, retried later (nothing failed)."""
    async with FakeTelegramServer() as gone:
        notices(engine, gone, 1)
        running = dispatcher_for(http_settings(settings, gone), engine)
        dispatcher = await running.__aenter__()
    try:
        await dispatcher.drain()  # the server has stopped listening: connection refused
    finally:
        await running.__aexit__(None, None, None)
    (row,) = deliveries(engine)
    assert (row.status, row.attempts) == ("retry", 1)
    assert row.last_error.startswith("NetworkError")


async def test_f5_an_ambiguous_timeout_gets_one_delayed_retry(settings, engine, tg):
    """F5: Telegram accepted the send but never answered: one retry, later; at most one
    duplicate, nothing lost."""
    tg.faults.add(method="sendMessage", nth=1, action=accept_then_hang())
    (chat,) = notices(engine, tg, 1)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    first, second = sends(tg, chat)
    assert second.time - first.time >= 0.3  # the delay, plus the timeout itself
    assert list(tg.ledger.idem_counts().values()) == [2]  # duplicates <= 1 per event
    assert statuses(engine) == {"sent": 1}


async def test_f5_two_ambiguous_timeouts_end_unconfirmed_never_a_third_send(settings, engine, tg):
    """F5: after the one retry also times out, the row ends sent_unconfirmed."""
    tg.faults.add(method="sendMessage", times=2, action=accept_then_hang())
    (chat,) = notices(engine, tg, 1)
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
        await dispatcher.drain()
    assert len(sends(tg, chat)) == 2
    (row,) = deliveries(engine)
    assert row.status == "sent_unconfirmed"


@pytest.mark.parametrize(
    "description",
    ["Forbidden: bot was blocked by the user", "Forbidden: user is deactivated"],
)
async def test_f6_a_403_stops_every_message_to_that_learner(settings, engine, tg, description):
    """F6: the learner becomes inactive, their pending rows are cancelled, nothing more is
    sent to them; others carry on."""
    place = add_opportunity(engine, "bn-drop-in", "Drop-in Football")
    gone, other = tg.api.user(3001), tg.api.user(3002)
    for user in (gone, other):
        add_learner(engine, user.id, announcements=True)
        add_reminder(engine, user.id, place, now() - timedelta(seconds=5))
        add_reminder(engine, user.id, place, now() + timedelta(seconds=1))
        queue(engine, "announcement", user.id, "New: <b>Futsal</b>", source_id=1)
    tg.faults.add(method="sendMessage", chat_id=gone.id, action=forbidden(description))
    async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
        await drain_until(dispatcher, lambda: all_final(engine))
    assert [call.status for call in sends(tg, gone.id)] == [403]
    assert [call.status for call in sends(tg, other.id)] == [200, 200, 200]
    mine = [row for row in deliveries(engine) if row.chat_id == gone.id]
    assert sorted(row.status for row in mine) == ["cancelled", "cancelled", "dead"]
    assert learners_active(engine)[gone.id] is False
    with session_scope(engine) as session:
        reminders = session.exec(select(Reminder)).all()
    assert sorted(r.status for r in reminders) == ["cancelled", "cancelled", "sent", "sent"]


async def test_f7_a_400_is_final_with_its_reason_and_raises_an_alert(settings, engine, tg, caplog):
    """F7: too long or chat not found: dead with Telegram's reason, never retried; an alert
    is logged when 400s pass 0.1 %."""
    tg.faults.add(
        method="sendMessage", chat_id=5000, action=bad_request("Bad Request: message is too long")
    )
    notices(engine, tg, 4)
    queue(engine, "notice", 777, "Nobody has this chat")
    with caplog.at_level(logging.WARNING):
        async with dispatcher_for(http_settings(settings, tg), engine) as dispatcher:
            await drain_until(dispatcher, lambda: all_final(engine))
    dead = {row.chat_id: row.last_error for row in deliveries(engine) if row.status == "dead"}
    assert dead == {5000: "400: Message is too long", 777: "400: Chat not found"}
    assert len(sends(tg, 5000)) == 1
    assert len(sends(tg, 777)) == 1
    assert statuses(engine)["sent"] == 3
    alerts = [r for r in caplog.records if r.levelno == logging.ERROR and "ALERT" in r.message]
    assert alerts
    assert "failed with 400" in alerts[0].message


async def test_f8_a_revoked_token_halts_delivery_without_failing_anything(
    settings, engine, tg, caplog
):
    """F8: 401 mid-run: the dispatcher halts and pages (CRITICAL); rows stay pending or
    retry, none dead; once the token works again delivery resumes."""
    notices(engine, tg, 5)
    rule = tg.faults.add(method="sendMessage", action=unauthorized())
    clock = FakeClock(now())
    config = http_settings(settings, tg, token_probe=60)
    with caplog.at_level(logging.WARNING):
        async with dispatcher_for(config, engine, clock) as dispatcher:
            await dispatcher.drain()
            assert dispatcher.halted
            await dispatcher.drain()  # halted: sends nothing
            assert len(sends(tg)) == 1
            assert set(statuses(engine)) == {"pending"}
            tg.faults.remove(rule)
            assert not await dispatcher.check_token()  # not yet: checked once a minute
            clock.advance(seconds=61)
            assert await dispatcher.check_token()
            await drain_until(dispatcher, lambda: all_final(engine))
    assert statuses(engine) == {"sent": 5}
    critical = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert critical
    assert "refused the bot token" in critical[0].message
    assert "123456:LOCAL" not in caplog.text


@pytest.mark.parametrize(
    ("error", "action"),
    [
        (RetryAfter(5), "pause"),
        (Forbidden("Forbidden: bot was blocked by the user"), "blocked"),
        (InvalidToken("Unauthorized"), "halt"),
        (BadRequest("Bad Request: message is too long"), "dead"),  # a NetworkError subclass
        (ChatMigrated(-100123), "dead"),
        (NetworkError("Too Many Requests"), "pause"),
        (NetworkError("Bad Gateway"), "retry"),
        (RuntimeError("boom"), "retry"),
    ],
)
def test_every_failure_is_classified_explicitly(error, action):
    """T10: BadRequest is checked before NetworkError; each class has its own action."""
    assert classify(error).action == action


@pytest.mark.parametrize(
    ("cause", "action"),
    [
        (httpx.ReadTimeout("read"), "ambiguous"),
        (httpx.WriteTimeout("write"), "ambiguous"),
        (httpx.ConnectTimeout("connect"), "retry"),
        (httpx.PoolTimeout("pool"), "retry"),
    ],
)
def test_only_a_timeout_after_sending_is_ambiguous(cause, action):
    """PTB raises TimedOut for every timeout; only read/write ones may have been delivered."""
    error = TimedOut("Timed out")
    error.__cause__ = cause
    assert classify(error).action == action


class FailOnce:
    """Makes the database fail (as if it went away) on the first statement that matches."""

    def __init__(self, engine, *, marker):
        self.engine, self.marker, self.fired = engine, marker, 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if self.fired == 0 and all(part in statement for part in self.marker):
            self.fired += 1
            raise OperationalError(
                statement, parameters, Exception("server closed the connection")
            )

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self)


@pytest.mark.parametrize(
    ("where", "marker", "duplicates"),
    [
        ("claim", ("UPDATE delivery SET status", "RETURNING"), 0),
        ("mark-sent", ("UPDATE delivery SET status", "telegram_message_id"), 1),
    ],
)
async def test_f13_database_errors_at_claim_and_after_send(
    settings, engine, tg, where, marker, duplicates
):
    """F13 (both databases): the database fails while claiming, or right after Telegram
    accepted a send: the loop survives, the lease brings the row back, nothing is lost and
    duplicates are at most the one row in flight."""
    notices(engine, tg, 5)
    config = http_settings(settings, tg, lease=1)
    async with dispatcher_for(config, engine) as dispatcher:
        with FailOnce(dispatcher.engine, marker=marker) as fault:
            await drain_until(dispatcher, lambda: all_final(engine), timeout=20)
        assert fault.fired == 1
    counts = tg.ledger.idem_counts()
    assert len(counts) == 5
    assert sum(n - 1 for n in counts.values()) == duplicates
    assert statuses(engine) == {"sent": 5}


def _postgres_binaries():
    found = {}
    for name in ("initdb", "pg_ctl"):
        path = shutil.which(name)
        if path is None:
            candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
            path = str(candidates[-1]) if candidates else None
        found[name] = path
    return found


@pytest.fixture
def throwaway_postgres(database_url):
    """A PostgreSQL cluster of our own (so restarting it disturbs nobody else)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("F13 restarts a PostgreSQL server; this run uses SQLite (see F13 above)")
    binaries = _postgres_binaries()
    if not all(binaries.values()):
        pytest.skip("F13 needs PostgreSQL's initdb and pg_ctl on this machine")
    root = Path(tempfile.mkdtemp(prefix="learnbot-f13-"))
    as_user = []
    if os.getuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    port = free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    data = root / "data"

    def pg_ctl(*args):
        subprocess.run(
            [*as_user, binaries["pg_ctl"], "-D", str(data), "-l", str(root / "log"), "-w", *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    subprocess.run(
        [*as_user, binaries["initdb"], "-D", str(data), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pg_ctl("-o", options, "start")
    try:
        yield (
            f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres",
            lambda: pg_ctl("-m", "immediate", "-o", options, "restart"),
        )
    finally:
        subprocess.run(
            [*as_user, binaries["pg_ctl"], "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


async def test_f13_postgres_restarts_immediately_mid_run(settings, tg, throwaway_postgres):
    """F13: `pg_ctl restart -m immediate` while claiming and sending: the dispatcher
    reconnects by itself, leases bring back what was in flight; no loss, at most one
    duplicate per restart."""
    url, restart = throwaway_postgres
    engine = create_db_engine(url)
    upgrade(engine)
    notices(engine, tg, 60)
    config = http_settings(replace(settings, database_url=url), tg, rate=40, lease=1.5)

    def finished():
        try:
            return all_final(engine)
        except OperationalError:  # the test's own look, while the server is down
            return False

    async with dispatcher_for(config, engine) as dispatcher:
        task = asyncio.create_task(drain_until(dispatcher, finished, timeout=60))
        await tg.wait_for(lambda: len(tg.ledger.sends()) >= 20, timeout=20)
        await asyncio.to_thread(restart)
        await tg.wait_for(lambda: len(tg.ledger.sends()) >= 40, timeout=30)
        await asyncio.to_thread(restart)
        await task
    counts = tg.ledger.idem_counts()
    assert len(counts) == 60
    assert sum(n - 1 for n in counts.values()) <= 2
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT status, count(*) FROM delivery GROUP BY status"))
        assert dict(rows.all()) == {"sent": 60}
    engine.dispose()
