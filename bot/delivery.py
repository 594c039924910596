"""The delivery loop: claims due outbox rows and sends them, one at a time, under one rate
limit shared by every instance, and decides what each failure means (telegram.md T10).

- A JobQueue tick (every `DeliverySettings.tick` seconds) starts a drain when none is running;
  the drain claims batches until nothing is due. The database is the truth: a row is claimed
  with a lease, sent, and marked sent in its own commit, so a crash re-sends at most the row in
  flight, and rows whose lease ran out are claimed again (at-least-once).
- PostgreSQL: any number of instances drain together (`FOR UPDATE SKIP LOCKED`, a lease and a
  `claimed_by` fence). SQLite: one dispatcher per database file, held by the `dispatcher`
  lease; a second `learnbot run` refuses to start.
- Failures: 429 pauses every instance for `retry_after` (plus a margin); 5xx, resets and other
  network errors back off exponentially with jitter, up to `max_attempts`; a read timeout after
  the request was written is ambiguous (Telegram may have delivered it), so it gets one delayed
  retry and then ends `sent_unconfirmed`; 403 marks the learner inactive and cancels their
  pending rows; 400 is final (`dead`, with Telegram's reason; an alert is logged above 0.1 %);
  401/404 (a revoked token) halts this dispatcher and logs CRITICAL without failing any row.
  `BadRequest` is a subclass of `NetworkError`, so the order of the checks matters.
"""

import asyncio
import contextlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, BaseRateLimiter, ContextTypes

from bot.config import DeliverySettings
from catalogue.db import session_scope
from catalogue.deliveries import (
    DISPATCHER_LEASE,
    Claimed,
    bad_request_share,
    claim_due,
    hold_lease,
    lease_holder,
    mark_final,
    mark_retry,
    mark_sent,
    pause_sending,
    paused_until,
    release,
    release_lease,
    reserve_send,
    stop_chat,
)
from catalogue.models import utcnow
from catalogue.reminders import settle, sweep_missed
from conversations.context import Services
from conversations.outbox import Drop, Later, Outgoing, Remove, render

logger = logging.getLogger(__name__)

PAUSE_MARGIN = timedelta(seconds=0.5)  # after a 429, wait a little longer than asked
SWEEP_EVERY = timedelta(seconds=30)  # how often to look for reminders too late to send
ALERT_EVERY = timedelta(minutes=10)  # at most one 400-rate alert this often
BAD_REQUEST_ALERT = 0.001  # share of 400s (F7: alert above 0.1 %)
SEND_ENDPOINTS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendVenue"})

Outcome = Literal["sent", "released", "deferred", "finished", "retry", "paused", "lost", "halt"]


class DispatcherRefused(RuntimeError):
    """Another dispatcher already sends from this SQLite database."""


def instance_name() -> str:
    """A name for this process, unique among instances: host, pid and a random part."""
    host = socket.gethostname()[:40] or "host"
    return f"{host}:{os.getpid()}:{secrets.token_hex(3)}"


def _process_gone(holder: str) -> bool:
    """Whether a lease holder named by `instance_name` is a dead process on this host."""
    parts = holder.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname()[:40] or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return True  # an earlier run of this very process id (a container restart)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # killed but not yet reaped by its parent: a zombie holds nothing
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


class ReplyMeter(BaseRateLimiter[None]):
    """Counts every message this process sends, so the dispatcher can debit answers to learners
    from the shared bucket: answers go at once, queued messages yield to them."""

    def __init__(self) -> None:
        self.sends = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Count sends, then make the call unchanged."""
        if endpoint in SEND_ENDPOINTS:
            self.sends += 1
        return await callback(*args, **kwargs)


@dataclass(frozen=True, slots=True)
class Failure:
    """What a failed send means for its row."""

    action: Literal["pause", "blocked", "halt", "dead", "ambiguous", "retry"]
    reason: str
    seconds: float | None = None


def classify(error: Exception) -> Failure:
    """Sort a send's exception into what to do with the row (order matters: see T10)."""
    if isinstance(error, RetryAfter):
        after = error.retry_after
        seconds = after.total_seconds() if isinstance(after, timedelta) else float(after)
        return Failure("pause", f"429: retry after {seconds:g} s", seconds)
    if isinstance(error, Forbidden):
        return Failure("blocked", f"403: {error.message}")
    if isinstance(error, InvalidToken):
        return Failure("halt", f"401: {error.message}")
    if isinstance(error, BadRequest):
        return Failure("dead", f"400: {error.message}")
    if isinstance(error, ChatMigrated):
        return Failure("dead", f"400: the chat moved to {error.new_chat_id}")
    if isinstance(error, TimedOut):
        # Only a timeout after the request was written is ambiguous; PTB raises TimedOut for
        # connect and pool timeouts too, when nothing reached Telegram.
        if isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout):
            return Failure("retry", f"timed out connecting: {error.message}")
        return Failure("ambiguous", f"timed out waiting for Telegram: {error.message}")
    if isinstance(error, NetworkError) and "Too Many Requests" in error.message:
        return Failure("pause", "429 without retry_after")  # PTB: a plain NetworkError (F2)
    if isinstance(error, TelegramError):
        return Failure("retry", f"{type(error).__name__}: {error.message}"[:300])
    return Failure("retry", f"{type(error).__name__}: {error}"[:300])


class Dispatcher:
    """Sends the outbox of one process; see the module docstring."""

    def __init__(
        self,
        *,
        engine: Engine,
        bot: Bot,
        services: Services,
        settings: DeliverySettings,
        instance: str | None = None,
        meter: ReplyMeter | None = None,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.engine = engine
        self.bot = bot
        self.services = services
        self.settings = settings
        self.instance = instance or instance_name()
        self.meter = meter
        self.clock = clock
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.single = engine.dialect.name == "sqlite"
        self.halted = False
        self.halted_at: datetime | None = None
        self.sent = 0
        self._own_sends = 0
        self._metered = 0
        self._stopping = False
        self._pause_seen = False
        self._task: asyncio.Task[int] | None = None
        self._last_sweep: datetime | None = None
        self._last_alert: datetime | None = None
        self._role_warned = False

    @property
    def lease(self) -> timedelta:
        """How long a claimed row stays ours."""
        return timedelta(seconds=self.settings.lease)

    # --- the single SQLite dispatcher -------------------------------------------------------

    def claim_role(self) -> None:
        """On SQLite, become the one dispatcher or raise `DispatcherRefused` saying who is."""
        if not self.single:
            return
        now = self.clock()
        with session_scope(self.engine) as session:
            current = lease_holder(session=session, name=DISPATCHER_LEASE, now=now)
            stale = current if current is not None and _process_gone(current) else None
            holder = hold_lease(
                session=session,
                name=DISPATCHER_LEASE,
                holder=self.instance,
                now=now,
                ttl=self.lease,
                replace=stale,
            )
        if holder is not None:
            host, _, pid = holder.rpartition(":")[0].rpartition(":")
            raise DispatcherRefused(
                f"another learnbot (process {pid} on {host}) is already running on this SQLite "
                "database, and SQLite allows only one. Stop it first, or use PostgreSQL "
                "(DATABASE_URL) to run several instances."
            )
        if stale is not None:
            logger.info("Took over the dispatcher role from a process that has gone")

    def release_role(self) -> None:
        """Give up the SQLite dispatcher role (on a clean stop)."""
        if self.single:
            with session_scope(self.engine) as session:
                release_lease(session=session, name=DISPATCHER_LEASE, holder=self.instance)

    def _keep_role(self, session: Any, now: datetime) -> bool:
        if not self.single:
            return True
        holder = hold_lease(
            session=session, name=DISPATCHER_LEASE, holder=self.instance, now=now, ttl=self.lease
        )
        if holder is not None and not self._role_warned:
            logger.error("Another dispatcher holds this SQLite database; not sending")
        self._role_warned = holder is not None
        return holder is None

    # --- running under python-telegram-bot ---------------------------------------------------

    def schedule(self, application: Application) -> None:  # type: ignore[type-arg]
        """Run `tick` on the application's JobQueue (it starts with the application)."""
        job_queue = application.job_queue
        if job_queue is None:
            raise RuntimeError("python-telegram-bot's job-queue extra is needed for delivery")
        job_queue.run_repeating(
            self.tick,
            interval=self.settings.tick,
            first=min(1.0, self.settings.tick),
            name="deliveries",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )

    async def tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's callback: start a drain unless one is running."""
        application = context.application
        if self.halted and not await self.check_token():
            return
        if self._task is None or self._task.done():
            self._task = application.create_task(
                self.drain(application=application), name="deliveries"
            )

    async def stop(self) -> None:
        """Finish the message in flight, hand back the rest, stop draining."""
        self._stopping = True
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task

    async def check_token(self) -> bool:
        """After a revoked token halted delivery, ask Telegram again (at most every
        `token_probe` seconds); True once delivery may resume."""
        if not self.halted:
            return True
        now = self.clock()
        probe = timedelta(seconds=self.settings.token_probe)
        if self.halted_at is not None and now - self.halted_at < probe:
            return False
        try:
            await self.bot.get_me()
        except InvalidToken:
            self.halted_at = now
            logger.critical("The bot token is still refused: delivery stays halted")
            return False
        except TelegramError:
            self.halted_at = now
            return False
        self.halted, self.halted_at = False, None
        logger.warning("The bot token is accepted again: delivery resumes")
        return True

    # --- the drain ---------------------------------------------------------------------------

    def _should_stop(self, application: Any) -> bool:
        return (
            self._stopping
            or self.halted
            or self._pause_seen
            or (application is not None and not application.running)
        )

    async def drain(self, *, application: Any = None) -> int:
        """Send everything due now (batch by batch); returns how many were sent.

        Stops early when told to, when the application stops, on a 429 pause or a revoked
        token; rows claimed but not sent are handed back.
        """
        sent = 0
        self._pause_seen = False
        try:
            while not self._should_stop(application):
                rows = self._claim()
                if not rows:
                    break
                for index, row in enumerate(rows):
                    if self._should_stop(application):
                        self._hand_back(rows[index:])
                        break
                    if await self._deliver(row) == "sent":
                        sent += 1
        except SQLAlchemyError:
            # The database went away (restart, network): rows we hold come back when their
            # lease runs out; the next tick reconnects (pool_pre_ping) and carries on.
            logger.warning("Delivery paused: the database is unavailable", exc_info=True)
        except Exception:
            logger.exception("Delivery loop failed; it starts again at the next tick")
        return sent

    def _claim(self) -> list[Claimed]:
        """One short transaction: keep the role (SQLite), respect a pause, sweep stale
        reminders now and then, claim a batch."""
        now = self.clock()
        with session_scope(self.engine) as session:
            if not self._keep_role(session, now):
                return []
            if paused_until(session=session, now=now) is not None:
                return []
            skipped = 0
            if self._last_sweep is None or now - self._last_sweep >= SWEEP_EVERY:
                skipped = sweep_missed(session=session, now=now)
                self._last_sweep = now
            rows = claim_due(
                session=session,
                instance=self.instance,
                now=now,
                lease=self.lease,
                limit=self.settings.batch,
            )
        if skipped:
            logger.warning("Skipped %d reminders more than 12 h late (downtime?)", skipped)
        # One row per chat per batch: the rest wait for the next batch (and the chat's pace).
        seen: set[int] = set()
        keep: list[Claimed] = []
        extra: list[Claimed] = []
        for row in rows:
            (extra if row.chat_id in seen else keep).append(row)
            seen.add(row.chat_id)
        self._hand_back(extra)
        return keep

    def _hand_back(self, rows: list[Claimed]) -> None:
        if not rows:
            return
        with session_scope(self.engine) as session:
            for row in rows:
                release(session=session, row=row)

    def _extra_sends(self) -> int:
        """Messages this process sent outside the outbox since the last reservation."""
        if self.meter is None:
            return 0
        total = self.meter.sends
        extra = max(0, total - self._metered - self._own_sends)
        self._metered, self._own_sends = total, 0
        return extra

    async def _deliver(self, row: Claimed) -> Outcome:
        now = self.clock()
        margin = min(timedelta(seconds=5), self.lease / 4)
        if row.lease_until - now < margin:
            self._hand_back([row])  # too close to losing it: let a fresh claim send it
            return "released"
        # One transaction: decide, then reserve a slot. The shared bucket row is locked only
        # by the reservation, the last statement before the commit.
        with session_scope(self.engine) as session:
            decision = render(session=session, row=row, now=now, services=self.services)
            if isinstance(decision, Drop):
                if mark_final(
                    session=session, row=row, status=decision.status, reason=decision.reason
                ):
                    settle(session=session, row=row, status=decision.status, now=now, tz=self._tz)
                return "finished"
            if isinstance(decision, Later):
                release(session=session, row=row, due_at=decision.until, payload=decision.payload)
                return "deferred"
            reservation = reserve_send(
                session=session,
                row=row,
                now=self.clock(),
                rate=self.settings.rate,
                chat_interval=timedelta(seconds=self.settings.chat_interval),
                extra=self._extra_sends(),
            )
        if reservation.outcome == "paused":
            self._pause_seen = True
            self._hand_back([row])
            return "paused"
        if reservation.outcome == "chat_busy":
            with session_scope(self.engine) as session:
                release(session=session, row=row, due_at=reservation.at)
            return "deferred"
        if reservation.outcome == "lost":
            return "lost"
        assert reservation.at is not None
        wait = (reservation.at - self.clock()).total_seconds()
        if wait > 0:
            await self.sleep(wait)
        return await self._send(row, decision)

    @property
    def _tz(self) -> Any:
        return self.services.timezone

    async def _send(self, row: Claimed, message: Outgoing | Remove) -> Outcome:
        settings = self.settings
        timeouts: dict[str, Any] = {
            "read_timeout": settings.send_timeout,
            "write_timeout": settings.send_timeout,
            "connect_timeout": min(5.0, settings.send_timeout),
            "pool_timeout": min(5.0, settings.send_timeout),
            "api_kwargs": {"idem_key": row.key} if settings.idem_keys else None,
        }
        message_id: int | None = None
        try:
            if isinstance(message, Remove):
                await self.bot.delete_message(row.chat_id, message.message_id, **timeouts)
            else:
                self._own_sends += 1
                sent = await self.bot.send_message(
                    chat_id=row.chat_id,
                    text=message.text,
                    reply_markup=message.reply_markup,
                    disable_notification=message.silent,
                    **timeouts,
                )
                message_id = sent.message_id
        except Exception as error:
            return self._failed(row, classify(error), error)
        now = self.clock()
        with session_scope(self.engine) as session:
            if mark_sent(session=session, row=row, now=now, message_id=message_id):
                settle(session=session, row=row, status="sent", now=now, tz=self._tz)
            else:
                logger.warning(
                    "Delivery %d was sent, but its row changed meanwhile (the claim ran out and "
                    "moved on, so it may arrive twice; or the learner erased their data)",
                    row.id,
                )
        self.sent += 1
        return "sent"

    def _backoff(self, attempts: int) -> timedelta:
        base = self.settings.retry_base * 2 ** max(0, attempts - 1)
        seconds = min(self.settings.retry_cap, base) * (0.5 + self.rng.random())
        return timedelta(seconds=seconds)

    def _failed(self, row: Claimed, failure: Failure, error: Exception) -> Outcome:
        now = self.clock()
        settle_status: str | None = None
        outcome: Outcome = "retry"
        with session_scope(self.engine) as session:
            if failure.action == "pause":
                seconds = failure.seconds
                if seconds is None:  # no retry_after: at least a second, so no hot loop (F2)
                    seconds = max(1.0, self._backoff(row.attempts).total_seconds())
                until = pause_sending(
                    session=session, until=now + timedelta(seconds=seconds) + PAUSE_MARGIN, now=now
                )
                release(session=session, row=row, due_at=until)
                self._pause_seen = True
                logger.warning(
                    "Telegram asked us to slow down (%s): pausing every instance until %s",
                    failure.reason,
                    until.isoformat(),
                )
                outcome = "paused"
            elif failure.action == "halt":
                release(session=session, row=row)
                self.halted, self.halted_at = True, now
                logger.critical(
                    "ALERT: Telegram refused the bot token (%s). Delivery is halted and nothing "
                    "was marked failed; fix TELEGRAM_BOT_TOKEN (or wait: it is checked again "
                    "every %g s).",
                    failure.reason,
                    self.settings.token_probe,
                )
                outcome = "halt"
            elif failure.action == "blocked":
                if mark_final(session=session, row=row, status="dead", reason=failure.reason):
                    settle_status = "dead"
                cancelled = stop_chat(session=session, chat_id=row.chat_id, reason="blocked")
                logger.info("A learner blocked the bot: %d pending messages cancelled", cancelled)
                outcome = "finished"
            elif failure.action == "dead":
                if mark_final(session=session, row=row, status="dead", reason=failure.reason):
                    settle_status = "dead"
                logger.warning("Delivery %d failed for good: %s", row.id, failure.reason)
                outcome = "finished"
            elif failure.action == "ambiguous" and not row.payload.get("ambiguous"):
                delay = timedelta(seconds=self.settings.ambiguous_delay)
                mark_retry(
                    session=session,
                    row=row,
                    due_at=now + delay,
                    error=failure.reason,
                    payload={**row.payload, "ambiguous": True},
                )
                logger.warning(
                    "Delivery %d timed out (it may have arrived): one retry later", row.id
                )
            elif failure.action == "ambiguous":
                if mark_final(
                    session=session, row=row, status="sent_unconfirmed", reason=failure.reason
                ):
                    settle_status = "sent_unconfirmed"
                outcome = "finished"
            elif row.attempts >= self.settings.max_attempts:
                reason = f"gave up after {row.attempts} attempts: {failure.reason}"
                if mark_final(session=session, row=row, status="dead", reason=reason):
                    settle_status = "dead"
                outcome = "finished"
            else:
                mark_retry(
                    session=session,
                    row=row,
                    due_at=now + self._backoff(row.attempts),
                    error=failure.reason,
                )
                if not isinstance(error, TelegramError):
                    logger.error("Unexpected error sending delivery %d", row.id, exc_info=error)
            if settle_status is not None:
                settle(session=session, row=row, status=settle_status, now=now, tz=self._tz)
        if failure.action == "dead":
            self._alert_on_bad_requests(now, failure.reason)
        return outcome

    def _alert_on_bad_requests(self, now: datetime, latest: str) -> None:
        if self._last_alert is not None and now - self._last_alert < ALERT_EVERY:
            return
        with session_scope(self.engine) as session:
            bad, total = bad_request_share(session=session, since=now - timedelta(hours=1))
        if total and bad / total > BAD_REQUEST_ALERT:
            self._last_alert = now
            logger.error(
                "ALERT: %d of %d deliveries in the last hour failed with 400 (%.2f %%, alert "
                "above %.1f %%); latest: %s",
                bad,
                total,
                100 * bad / total,
                100 * BAD_REQUEST_ALERT,
                latest,
            )
