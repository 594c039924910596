"""The outbox: every message to send later is a `delivery` row, written in the same
transaction as the change that caused it. Writing the same delivery twice is a no-op.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from catalogue.models import Delivery, utcnow

# Lower goes first (telegram.md T9: reminders before broadcasts).
PRIORITY = {"notice": 1, "reminder": 2, "digest": 5, "announcement": 6}


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
    result = session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]
