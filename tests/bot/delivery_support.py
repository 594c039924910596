"""Helpers for delivery tests: seed learners, reminders and queued messages, run the real
dispatcher against the fake Bot API, and read what happened (the ledger and the rows)."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.app import build_application, build_services, dispatcher_of
from bot.config import DeliverySettings, Settings
from catalogue.db import session_scope
from catalogue.deliveries import enqueue_delivery
from catalogue.importer import import_rows
from catalogue.learners import create_learner, set_interests
from catalogue.models import Delivery, Learner, LearnerSettings, Opportunity
from catalogue.reminders import create_reminder
from tests.conftest import LONDON, make_row

# Every pace and timing scaled down so a test takes a second or two, not minutes.
FAST = DeliverySettings(
    rate=200,
    chat_interval=0.2,
    tick=0.1,
    lease=5,
    batch=20,
    retry_base=0.05,
    retry_cap=1.0,
    max_attempts=8,
    ambiguous_delay=0.3,
    send_timeout=0.5,
    token_probe=0.1,
    idem_keys=True,
)


def http_settings(settings: Settings, tg: Any, **delivery: Any) -> Settings:
    """Test settings pointed at a FakeTelegramServer, with fast delivery timings."""
    return replace(
        settings,
        api_root=tg.base_url,
        bot_token=tg.api.token,
        delivery=replace(FAST, **delivery),
    )


class FakeClock:
    """An injected `now` for the dispatcher; its sleeps move time on instead of waiting."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    async def sleep(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@asynccontextmanager
async def dispatcher_for(
    settings: Settings, engine: Any, clock: FakeClock | None = None
) -> AsyncIterator[Any]:
    """The production Application (initialised: getMe over HTTP) and its dispatcher."""
    application = build_application(settings, services=build_services(settings, engine))
    async with application:
        dispatcher = dispatcher_of(application)
        if clock is not None:
            dispatcher.clock, dispatcher.sleep = clock.now, clock.sleep
        yield dispatcher


async def drain_until(dispatcher: Any, predicate: Callable[[], Any], timeout: float = 20.0) -> Any:  # noqa: ASYNC109
    """Run the dispatcher's drain until `predicate()` holds (bounded; polls the database)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await dispatcher.drain()
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s: {predicate!r}")
        await asyncio.sleep(0.02)


def add_learner(
    engine: Any,
    telegram_id: int,
    *,
    quiet: tuple[int, int] | None = (0, 0),
    interests: tuple[str, ...] = ("football",),
    digest: bool = False,
    announcements: bool = False,
    area: tuple[float, float] | None = (50.8225, -0.1372),
) -> int:
    """A learner with message settings (no quiet hours unless asked: tests run at any hour)."""
    with session_scope(engine) as session:
        learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
        set_interests(session=session, learner=learner, topic_ids=list(interests))
        if area is not None:
            learner.area_lat, learner.area_lon, learner.area_name = area[0], area[1], "Brighton"
        assert learner.id is not None
        settings = LearnerSettings(
            learner_id=learner.id, digest=digest, announcements=announcements
        )
        if quiet is not None:
            settings.quiet_start, settings.quiet_end = quiet
        session.add(settings)
        return learner.id


def add_opportunity(engine: Any, catalogue_id: str, title: str, **overrides: Any) -> int:
    """One catalogue row (ongoing, Brighton, football unless overridden); returns its id."""
    with session_scope(engine) as session:
        import_rows(
            session=session, rows=[make_row(catalogue_id, title, **overrides)], timezone=LONDON
        )
        opportunity = session.exec(
            select(Opportunity).where(Opportunity.catalogue_id == catalogue_id)
        ).one()
        assert opportunity.id is not None
        return opportunity.id


def add_reminder(
    engine: Any, telegram_id: int, opportunity_id: int, due_at: datetime, kind: str = "custom"
) -> int:
    """A reminder and its delivery row, written together as the flow writes them."""
    with session_scope(engine) as session:
        learner = session.exec(select(Learner).where(Learner.telegram_id == telegram_id)).one()
        reminder = create_reminder(
            session=session,
            learner=learner,
            opportunity_id=opportunity_id,
            kind=kind,
            due_at=due_at,
        )
        assert reminder.id is not None
        return reminder.id


def queue(engine: Any, kind: str, chat_id: int, text: str | None = None, **options: Any) -> None:
    """A pre-rendered notice or announcement, as another feature would queue it."""
    payload = dict(options.pop("payload", {}))
    if text is not None:
        payload["text"] = text
    with session_scope(engine) as session:
        enqueue_delivery(session=session, kind=kind, chat_id=chat_id, payload=payload, **options)


def deliveries(engine: Any) -> list[Delivery]:
    """Every delivery row, oldest first."""
    with Session(engine) as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)).all())


def statuses(engine: Any) -> Counter[str]:
    """How many rows are in each status (one small query: cheap enough to poll)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Delivery.status, func.count()).group_by(col(Delivery.status))
        ).all()
    return Counter({status: int(count) for status, count in rows})


def all_final(engine: Any) -> bool:
    """Nothing left to send, nothing in flight."""
    return all(row.status not in ("pending", "retry", "sending") for row in deliveries(engine))


def now() -> datetime:
    """The real current time, aware."""
    return datetime.now(UTC)
