"""`learnbot deliveries`: what operators see of the outbox (counts by status and kind, the
oldest row still to send, a shared pause, recent failures), as a table or as JSON.

No chat ids or message bodies are printed: operators see the queue, not the learners.
"""

import argparse
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from catalogue.deliveries import DeliveryStats

KINDS = ("reminder", "missed", "digest", "announcement", "notice")


def add_delivery_commands(commands: Any) -> None:
    """Register `learnbot deliveries` on the CLI's subcommands."""
    deliveries = commands.add_parser(
        "deliveries", help="the outbox: counts, the oldest due message, recent failures"
    )
    deliveries.add_argument("--json", action="store_true", help="print JSON for scripts")
    deliveries.add_argument(
        "--failures", type=int, default=10, help="how many recent failures to show (default 10)"
    )


def run_deliveries(settings: Settings, args: argparse.Namespace) -> int:
    """Print the state of the outbox."""
    from catalogue.db import create_db_engine, session_scope, upgrade
    from catalogue.deliveries import delivery_stats
    from catalogue.models import utcnow

    engine = create_db_engine(settings.database_url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            stats = delivery_stats(session=session, now=utcnow(), failures=max(0, args.failures))
    finally:
        engine.dispose()
    if args.json:
        sys.stdout.write(json.dumps(stats_json(stats), indent=2) + "\n")
    else:
        sys.stdout.write(format_stats(stats, settings.timezone) + "\n")
    return 0


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def stats_json(stats: DeliveryStats) -> dict[str, Any]:
    """The documented JSON shape of `learnbot deliveries --json`."""
    oldest = None
    if stats.oldest_due is not None:
        number, kind, due_at = stats.oldest_due
        oldest = {
            "id": number,
            "kind": kind,
            "due_at": due_at.isoformat(),
            "late_seconds": max(0, round((stats.now - due_at).total_seconds())),
        }
    return {
        "now": stats.now.isoformat(),
        "counts": stats.counts,
        "totals": stats.totals,
        "due_now": stats.due_now,
        "oldest_due": oldest,
        "paused_until": _iso(stats.paused_until),
        "dispatcher": stats.dispatcher,
        "failures": [
            {
                "id": failure.id,
                "kind": failure.kind,
                "status": failure.status,
                "attempts": failure.attempts,
                "due_at": failure.due_at.isoformat(),
                "reason": failure.reason,
            }
            for failure in stats.failures
        ],
    }


def _ago(seconds: float) -> str:
    if seconds < 0:
        return f"in {_span(-seconds)}"
    return f"{_span(seconds)} ago"


def _span(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def format_stats(stats: DeliveryStats, tz: ZoneInfo) -> str:
    """The outbox as a small table and a few lines."""
    local = stats.now.astimezone(tz)
    lines = [f"Deliveries at {local:%Y-%m-%d %H:%M} ({tz.key})"]
    if not stats.counts:
        lines.append("The outbox is empty.")
    else:
        kinds = [k for k in KINDS if any(k in row for row in stats.counts.values())]
        kinds += sorted({k for row in stats.counts.values() for k in row} - set(kinds))
        header = f"{'status':<17}" + "".join(f"{k:>14}" for k in kinds) + f"{'total':>9}"
        lines += [header, "-" * len(header)]
        for status, row in stats.counts.items():
            cells = "".join(f"{row.get(k, 0):>14}" for k in kinds)
            lines.append(f"{status:<17}{cells}{sum(row.values()):>9}")
    lines.append("")
    lines.append(f"Due now: {stats.due_now}.")
    if stats.oldest_due is not None:
        number, kind, due_at = stats.oldest_due
        late = (stats.now - due_at).total_seconds()
        lines.append(
            f"Oldest still to send: #{number} ({kind}), due "
            f"{due_at.astimezone(tz):%Y-%m-%d %H:%M} ({_ago(late)})."
        )
    if stats.paused_until is not None:
        lines.append(
            f"Sending is paused until {stats.paused_until.astimezone(tz):%H:%M:%S} "
            "(Telegram asked us to slow down)."
        )
    if stats.dispatcher is not None:
        lines.append(f"SQLite dispatcher: {stats.dispatcher}")
    if stats.failures:
        lines += ["", "Recent failures:"]
        for failure in stats.failures:
            tries = "attempt" if failure.attempts == 1 else "attempts"
            lines.append(
                f"  #{failure.id} {failure.kind} {failure.status} after {failure.attempts} "
                f"{tries}: {failure.reason}"
            )
    return "\n".join(lines)
