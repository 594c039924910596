"""`learnbot role`, `learnbot provider` and `learnbot stats` as an operator uses them."""

import json

import pytest
from sqlmodel import Session, select

from bot.cli import main
from catalogue.db import session_scope
from catalogue.learners import create_learner, set_area, set_interests
from catalogue.models import Provider
from catalogue.providers import register_provider
from catalogue.roles import roles_of


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LEARNBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LEARNBOT_ADMIN_IDS", "9000")
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    return tmp_path


def test_roles_are_granted_listed_and_removed(cli_env, engine, capsys):
    """A youth worker with their organisation, a provider member, then one role removed."""
    with session_scope(engine) as session:
        session.add(Provider(name="Kemptown Youth Club"))
    assert main(["role", "add", "7000", "youth_worker", "--organisation", "Brighton YS"]) == 0
    assert main(["role", "add", "8000", "provider", "--provider", "kemptown youth club"]) == 0
    assert main(["role", "add", "8000", "provider", "--provider", "Kemptown Youth Club"]) == 0
    assert "Already held" in capsys.readouterr().out
    assert main(["role", "add", "8001", "provider"]) == 2
    assert main(["role", "add", "8001", "provider", "--provider", "Nobody"]) == 2
    capsys.readouterr()
    assert main(["role", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "7000 youth_worker (Brighton YS)",
        "8000 provider provider 1",
        "9000 admin (LEARNBOT_ADMIN_IDS)",
    ]
    assert main(["role", "remove", "7000", "youth_worker"]) == 0
    with Session(engine) as session:
        assert roles_of(session=session, telegram_id=7000, admin_ids=()) == set()
        assert roles_of(session=session, telegram_id=8000, admin_ids=()) == {"provider"}


def test_a_waiting_provider_is_approved(cli_env, engine, capsys):
    """`provider pending` lists the request; `provider approve` lets them publish."""
    with session_scope(engine) as session:
        register_provider(session=session, telegram_id=8100, name="Hove Kitchen", about="Cooking")
    assert main(["provider", "pending"]) == 0
    assert capsys.readouterr().out.split("\t")[1] == "Hove Kitchen"
    assert main(["provider", "approve", "Hove Kitchen"]) == 0
    assert capsys.readouterr().out == "Approved Hove Kitchen (1 member(s)).\n"
    assert main(["provider", "approve", "Hove Kitchen"]) == 0
    assert "already approved" in capsys.readouterr().out
    with Session(engine) as session:
        assert session.exec(select(Provider)).one().approved


def test_stats_prints_the_funnel_with_small_counts_hidden(cli_env, engine, capsys):
    """Totals only; anything under 5 reads "fewer than 5" (or null in JSON)."""
    with session_scope(engine) as session:
        for telegram_id in range(1, 7):
            learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
            if telegram_id <= 5:
                set_interests(session=session, learner=learner, topic_ids=["football"])
                set_area(
                    session=session,
                    learner=learner,
                    name="Hove",
                    district=None,
                    lat=50.8,
                    lon=-0.2,
                )
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "joined: 6\nonboarded: 5\nmatched: fewer than 5\n" in out
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["joined"], data["onboarded"], data["saved"]) == (6, 5, None)


def test_announcement_domains_are_read_and_checked():
    """LEARNBOT_ANNOUNCEMENT_DOMAINS: domain names, comma-separated; anything else stops."""
    from bot.config import Settings, SettingsError

    base = {"TELEGRAM_BOT_TOKEN": "123:" + "A" * 30}
    settings = Settings.from_env(
        {**base, "LEARNBOT_ANNOUNCEMENT_DOMAINS": "www.Brighton-Hove.gov.uk, nhs.uk"}
    )
    assert settings.announcement_domains == {"brighton-hove.gov.uk", "nhs.uk"}
    with pytest.raises(SettingsError, match="LEARNBOT_ANNOUNCEMENT_DOMAINS"):
        Settings.from_env({**base, "LEARNBOT_ANNOUNCEMENT_DOMAINS": "https://evil.example/x"})
