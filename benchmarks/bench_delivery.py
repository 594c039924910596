"""Benchmark delivery: send rate under Telegram's cap, and claiming from a 100k-row outbox.

    python benchmarks/bench_delivery.py [--messages 500] [--rate 25] [--claim-rows 100000]
        [--database-url URL] [--postgres-url URL] [--skip-claims] [--json]

1. Sending: the real dispatcher (`bot.delivery`) sends N queued messages to N chats through
   the HTTP fake Bot API (tests/fakegram) enforcing Telegram's flood limits (30/s overall,
   1/s per chat, 429 + retry_after beyond). Reported: delivered/s against the configured
   rate (target >= 95 %), 429s (target 0), the busiest 1-second window. Baselines measured in
   the same run against the same server: a naive loop that sends and then sleeps 1/rate, and
   PTB's own `AIORateLimiter` (30/s, per process) sending as fast as it lets through.
2. Claiming: 100k pending rows on PostgreSQL; 4 workers race to claim batches of 20
   (`claim_due`, one commit), each batch then marked sent in one statement. Reported: rows
   claimed/s with `FOR UPDATE SKIP LOCKED`, against the same claim without SKIP LOCKED
   (workers then queue on each other's row locks). Also, for scale: claim-and-mark as the
   dispatcher does it (one commit per row marked sent), without the network.
"""

import argparse
import asyncio
import json
import logging
import os
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "true")
from sqlalchemy import insert, text, update
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, Application

from bot.app import build_application, build_services, dispatcher_of
from bot.config import DeliverySettings, Settings
from catalogue.db import create_db_engine, session_scope, upgrade
from catalogue.deliveries import PRIORITY, claim_due, mark_sent
from catalogue.models import Delivery, utcnow
from tests.fakegram import FakeTelegramServer

CAP = 30
TEXT = "New: <b>Futsal Nights</b> at the Level, Fridays 7pm. Tap for details."


def _rows(chats: list[int], kind: str = "notice") -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "kind": kind,
            "source_id": 1,
            "chat_id": chat,
            "occurrence": "",
            "priority": PRIORITY[kind],
            "payload": {"text": TEXT},
            "status": "pending",
            "due_at": now,
            "attempts": 0,
            "created_at": now,
        }
        for chat in chats
    ]


def _ledger_figures(tg: FakeTelegramServer, chats: set[int], started: float) -> dict[str, Any]:
    calls = [c for c in tg.ledger.calls("sendMessage") if c.chat_id in chats]
    accepted = [c for c in calls if c.status == 200]
    elapsed = max(c.time for c in accepted) - started if accepted else float("nan")
    return {
        "delivered": len(accepted),
        "seconds": round(elapsed, 2),
        "per_second": round(len(accepted) / elapsed, 2) if accepted else 0.0,
        "refused_429": sum(1 for c in calls if c.status == 429),
        "busiest_second": max(
            (sum(1 for d in calls if c.time <= d.time < c.time + 1) for c in calls), default=0
        ),
    }


async def bench_dispatcher(tg: FakeTelegramServer, url: str, folder: Path, n: int, rate: float):
    """The real dispatcher, as `learnbot run` sends."""
    engine = create_db_engine(url)
    upgrade(engine)
    chats = [tg.api.user(100_000 + i).id for i in range(n)]
    with session_scope(engine) as session:
        session.execute(insert(Delivery), _rows(chats))
    settings = Settings(
        bot_token=tg.api.token,
        database_url=url,
        api_root=tg.base_url,
        data_dir=folder,
        delivery=replace(DeliverySettings(), rate=rate),
    )
    application = build_application(settings, services=build_services(settings, engine))
    async with application:
        dispatcher = dispatcher_of(application)
        started = time.monotonic()
        while await dispatcher.drain():
            pass
    engine.dispose()
    return _ledger_figures(tg, set(chats), started)


async def _send_until_accepted(app: Any, chat: int) -> None:
    while True:
        try:
            await app.bot.send_message(chat, TEXT, parse_mode="HTML")
            return
        except RetryAfter as error:
            await asyncio.sleep(error.retry_after.total_seconds())


async def bench_naive(tg: FakeTelegramServer, n: int, rate: float):
    """Baseline: send, then sleep 1/rate (no database at all)."""
    chats = [tg.api.user(200_000 + i).id for i in range(n)]
    app = Application.builder().token(tg.api.token).base_url(f"{tg.base_url}/bot").build()
    async with app:
        started = time.monotonic()
        for chat in chats:
            await _send_until_accepted(app, chat)
            await asyncio.sleep(1 / rate)
    return _ledger_figures(tg, set(chats), started)


async def bench_aiorl(tg: FakeTelegramServer, n: int):
    """Baseline: PTB's AIORateLimiter (30/s per process), sending as fast as it allows."""
    chats = [tg.api.user(300_000 + i).id for i in range(n)]
    app = (
        Application.builder()
        .token(tg.api.token)
        .base_url(f"{tg.base_url}/bot")
        .rate_limiter(AIORateLimiter(overall_max_rate=CAP, overall_time_period=1))
        .build()
    )
    async with app:
        started = time.monotonic()
        for chat in chats:
            await _send_until_accepted(app, chat)
    return _ledger_figures(tg, set(chats), started)


async def bench_sending(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {"cap_per_second": CAP, "configured_rate": args.rate}
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        for name, run in (
            (
                "dispatcher",
                lambda tg: bench_dispatcher(tg, url, Path(folder), args.messages, args.rate),
            ),
            ("naive_send_then_sleep", lambda tg: bench_naive(tg, args.messages, args.rate)),
            ("ptb_aioratelimiter", lambda tg: bench_aiorl(tg, args.messages)),
        ):
            async with FakeTelegramServer() as tg:
                tg.rates.enforce(global_max=CAP, per_chat=1)
                results[name] = await run(tg)
                print(f"  {name}: {results[name]}", file=sys.stderr)
    ours = results["dispatcher"]["per_second"]
    results["dispatcher_share_of_configured"] = round(ours / args.rate, 3)
    results["dispatcher_vs_naive"] = round(
        ours / results["naive_send_then_sleep"]["per_second"], 2
    )
    return results


def bench_claims(args: argparse.Namespace) -> dict[str, Any]:
    """Claim-and-mark throughput over a 100k-row outbox, with and without SKIP LOCKED."""
    admin = create_db_engine(args.postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    name = f"learnbot_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = args.postgres_url.rsplit("/", 1)[0] + f"/{name}"
    engine = create_db_engine(url)
    results: dict[str, Any] = {"rows": args.claim_rows, "workers": args.workers, "batch": 20}
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            for start in range(0, args.claim_rows, 10_000):
                chunk = range(start, min(args.claim_rows, start + 10_000))
                session.execute(insert(Delivery), _rows([1_000_000 + i for i in chunk]))
        with engine.begin() as connection:
            connection.execute(text("ANALYZE delivery"))
        runs = (
            ("skip_locked", True, False),
            ("without_skip_locked", False, False),
            ("claim_and_mark_each", True, True),
        )
        for label, skip_locked, mark in runs:
            with engine.begin() as connection:
                connection.execute(
                    update(Delivery).values(
                        status="pending",
                        claimed_by=None,
                        lease_until=None,
                        attempts=0,
                        sent_at=None,
                    )
                )
            results[label] = _claim_race(engine, args, skip_locked=skip_locked, mark=mark)
            print(f"  claims {label}: {results[label]}", file=sys.stderr)
        results["skip_locked_vs_without"] = round(
            results["skip_locked"]["rows_per_second"]
            / results["without_skip_locked"]["rows_per_second"],
            2,
        )
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return results


def _claim_race(
    engine: Any, args: argparse.Namespace, *, skip_locked: bool, mark: bool
) -> dict[str, Any]:
    done = [0] * args.workers
    empty = [0] * args.workers
    deadline = time.monotonic() + (args.claim_seconds / 4 if mark else args.claim_seconds)

    def worker(index: int) -> None:
        instance = f"bench-{index}"
        while time.monotonic() < deadline and sum(done) < args.claim_target:
            now = utcnow()
            with session_scope(engine) as session:
                rows = claim_due(
                    session=session,
                    instance=instance,
                    now=now,
                    lease=timedelta(minutes=5),
                    limit=20,
                    skip_locked=skip_locked,
                )
            if not rows:
                empty[index] += 1
                continue
            if mark:  # one commit per row, as the dispatcher does after each send
                for row in rows:
                    with session_scope(engine) as session:
                        mark_sent(session=session, row=row, now=utcnow(), message_id=1)
            else:  # the whole batch in one statement: claiming is what is measured
                with session_scope(engine) as session:
                    session.execute(
                        update(Delivery)
                        .where(Delivery.id.in_([row.id for row in rows]))  # type: ignore[union-attr]
                        .values(status="sent", sent_at=utcnow())
                    )
            done[index] += len(rows)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.workers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "rows": sum(done),
        "seconds": round(elapsed, 2),
        "rows_per_second": round(sum(done) / elapsed, 1),
        "empty_claims": sum(empty),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rate", type=float, default=25.0, help="the dispatcher's rate (msg/s)")
    parser.add_argument("--database-url", help="outbox database for sending (default: SQLite)")
    parser.add_argument(
        "--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--claim-rows", type=int, default=100_000)
    parser.add_argument("--claim-target", type=int, default=20_000, help="rows to claim per run")
    parser.add_argument("--claim-seconds", type=float, default=60.0, help="time limit per run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--skip-claims", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    # PTB's limiter logs each 429 with a traceback; the count is in the report.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    report: dict[str, Any] = {"sending": asyncio.run(bench_sending(args))}
    if not args.skip_claims:
        report["claiming"] = bench_claims(args)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    sending = report["sending"]
    print(f"Sending {args.messages} messages, server cap {CAP}/s and 1/s per chat:")
    for name in ("dispatcher", "naive_send_then_sleep", "ptb_aioratelimiter"):
        row = sending[name]
        print(
            f"  {name:<24} {row['per_second']:>6.2f}/s  429s: {row['refused_429']:<4} "
            f"busiest second: {row['busiest_second']}"
        )
    print(
        f"  dispatcher: {sending['dispatcher_share_of_configured']:.1%} of the configured "
        f"{args.rate:g}/s; {sending['dispatcher_vs_naive']:.2f}x the naive loop"
    )
    if "claiming" in report:
        claiming = report["claiming"]
        print(
            f"Claiming from {claiming['rows']} pending rows on PostgreSQL, "
            f"{claiming['workers']} workers, batches of 20:"
        )
        for name in ("skip_locked", "without_skip_locked", "claim_and_mark_each"):
            row = claiming[name]
            print(
                f"  {name:<24} {row['rows_per_second']:>8.1f} rows/s  "
                f"empty claims: {row['empty_claims']}"
            )
        print(f"  SKIP LOCKED: {claiming['skip_locked_vs_without']:.2f}x without it")


if __name__ == "__main__":
    main()
