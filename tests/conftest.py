"""Shared fixtures: a clean real database per test (SQLite or PostgreSQL) and the real bot
Application talking to the in-memory Bot API.

`LEARNBOT_TEST_DATABASE=postgresql` runs the suite on PostgreSQL
(`LEARNBOT_TEST_POSTGRES_URL`, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres);
the default is SQLite.
"""

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from bot.app import build_application, build_services
from bot.config import Settings
from bot.demo import LocalChat
from bot.local_api import LocalBotApi, LocalRequest
from catalogue import models  # noqa: F401  (registers the tables)
from catalogue.catalogue_file import CatalogueRow
from catalogue.db import create_db_engine, session_scope, upgrade
from catalogue.importer import import_rows

# PTB 22 warns about RetryAfter.retry_after unless this is set; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "true")

DATABASE = os.environ.get("LEARNBOT_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get(
    "LEARNBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
LONDON = ZoneInfo("Europe/London")


def pytest_report_header() -> str:
    return f"learnbot test database: {DATABASE}"


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database per run; each test gets a clean copy or truncated tables."""
    if DATABASE == "postgresql":
        name = f"learnbot_test_{uuid.uuid4().hex[:10]}"
        admin = create_db_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        engine = create_db_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        return
    template = tmp_path_factory.mktemp("db") / "template.sqlite3"
    engine = create_db_engine(f"sqlite:///{template}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    yield str(template)


@pytest.fixture
def database_url(_migrated_database: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a clean, migrated database for this test."""
    if DATABASE == "postgresql":
        yield _migrated_database
        engine = create_db_engine(_migrated_database)
        tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return
    target = tmp_path / "learnbot.sqlite3"
    shutil.copyfile(_migrated_database, target)
    yield f"sqlite:///{target}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on this test's clean database."""
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for a test bot: never read from the real environment."""
    return Settings(
        bot_token=LocalBotApi().token,
        database_url=database_url,
        admin_ids=frozenset({9000}),
        data_dir=tmp_path,
    )


def make_row(catalogue_id: str, title: str, **overrides: object) -> CatalogueRow:
    """A catalogue row with sensible defaults: an ongoing, free football session in Brighton."""
    values: dict[str, object] = {
        "id": catalogue_id,
        "title": title,
        "description": f"{title}: come along, all welcome.",
        "provider": "Kemptown Youth Club",
        "tags": ("sport", "football"),
        "badge": f"{title} Badge",
        "skills": ("Teamwork",),
        "location": "Preston Park, Brighton",
        "latitude": 50.8425,
        "longitude": -0.1470,
        "starts_at": None,
        "ends_at": None,
        "min_age": 16,
        "max_age": 25,
        "cost": "free",
        "url": f"https://example.org/{catalogue_id}",
    }
    values.update(overrides)
    return CatalogueRow(**values)  # type: ignore[arg-type]


@pytest.fixture
def add_opportunities(engine: Engine):
    """Put catalogue rows in the test database."""

    def add(*rows: CatalogueRow) -> None:
        with session_scope(engine) as session:
            import_rows(session=session, rows=rows, timezone=LONDON)

    return add


class Bot:
    """The real Application on the in-memory Bot API, with a chat per simulated person."""

    def __init__(self, application, api: LocalBotApi) -> None:
        self.application = application
        self.api = api

    def chat(self, user_id: int = 1001, first_name: str = "Sam") -> LocalChat:
        """A private chat with the bot as this person."""
        return LocalChat(self.application, self.api, self.api.user(user_id, first_name=first_name))

    @property
    def services(self):
        return self.application.bot_data["services"]

    def add(self, *rows: CatalogueRow) -> None:
        """Put catalogue rows in the database and let the bot see them at once."""
        with session_scope(self.services.engine) as session:
            import_rows(session=session, rows=rows, timezone=LONDON)
        self.services.search.refresh()

    def failed_calls(self):
        """Bot API calls Telegram would have refused (invalid HTML, too long, ...)."""
        return [call for call in self.api.sent if not call.ok]


@pytest.fixture
async def bot(settings: Settings, engine: Engine) -> AsyncIterator[Bot]:
    """The production Application, started as `learnbot run` starts it, minus the network."""
    api = LocalBotApi()
    application = build_application(
        settings, request=LocalRequest(api), services=build_services(settings, engine)
    )
    async with application:
        await application.post_init(application)
        yield Bot(application, api)
