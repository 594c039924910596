"""`learnbot deliveries`: what an operator sees of the outbox, as a table and as JSON."""

import json
from datetime import timedelta

import pytest

from bot.cli import main
from catalogue.db import session_scope
from catalogue.deliveries import claim_due, mark_final, pause_sending
from catalogue.models import utcnow
from tests.bot.delivery_support import queue


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LEARNBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LOG_LEVEL", raising=False)


def fill(engine):
    """Two reminders (one overdue), an announcement, and one that died with a reason."""
    now = utcnow()
    queue(engine, "reminder", 11, payload={}, due_at=now - timedelta(minutes=5), source_id=1)
    queue(engine, "reminder", 12, payload={}, due_at=now + timedelta(hours=2), source_id=2)
    queue(engine, "announcement", 13, "Hello", source_id=3)
    queue(engine, "notice", 14, "Bye", due_at=now - timedelta(hours=1), source_id=4)
    with session_scope(engine) as session:
        (row,) = claim_due(
            session=session, instance="cli", now=now, lease=timedelta(minutes=1), limit=1
        )
        mark_final(session=session, row=row, status="dead", reason="400: Chat not found")
        pause_sending(session=session, until=now + timedelta(seconds=30), now=now)


def test_the_table_shows_counts_the_oldest_a_pause_and_failures(cli_env, engine, capsys):
    """Counts by status and kind, the oldest row to send, the shared pause, failures."""
    fill(engine)
    assert main(["deliveries"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("status"))
    assert header.split() == ["status", "reminder", "announcement", "notice", "total"]
    assert next(line for line in out.splitlines() if line.startswith("pending")).split() == [
        "pending",
        "2",
        "1",
        "0",
        "3",
    ]
    assert "Due now: 2." in out
    assert "Oldest still to send: #" in out
    assert "(reminder)" in out
    assert "5 min ago" in out
    assert "Sending is paused until" in out
    assert "notice dead after 1 attempt: 400: Chat not found" in out
    assert "11" not in out.split("Recent failures")[1]  # no chat ids for operators


def test_json_is_for_scripts(cli_env, engine, capsys):
    """--json has the same facts in a stable shape."""
    fill(engine)
    assert main(["deliveries", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {
        "dead": {"notice": 1},
        "pending": {"announcement": 1, "reminder": 2},
    }
    assert report["totals"] == {"dead": 1, "pending": 3}
    assert report["due_now"] == 2
    assert report["oldest_due"]["kind"] == "reminder"
    assert report["oldest_due"]["late_seconds"] >= 300
    assert report["paused_until"] is not None
    assert report["dispatcher"] is None
    assert [(f["kind"], f["status"], f["reason"]) for f in report["failures"]] == [
        ("notice", "dead", "400: Chat not found")
    ]


def test_an_empty_outbox_says_so(cli_env, capsys):
    """Nothing queued yet."""
    assert main(["deliveries"]) == 0
    assert "The outbox is empty." in capsys.readouterr().out
