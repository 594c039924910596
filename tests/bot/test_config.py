"""Settings come from the environment, and a bad value stops the program with one clear line."""

from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings, SettingsError

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_a_token_is_enough_to_start():
    """Everything but the token has a working default: SQLite in ./data, Europe/London, 16+."""
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.database_url == "sqlite:///data/learnbot.sqlite3"
    assert settings.timezone == ZoneInfo("Europe/London")
    assert settings.minimum_age == 16
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.base_file_url == "https://api.telegram.org/file/bot"


def test_missing_token_says_how_to_get_one_and_that_the_demo_needs_none():
    """A newcomer without a token learns about BotFather and `learnbot demo`."""
    with pytest.raises(SettingsError) as error:
        Settings.from_env({})
    message = str(error.value)
    assert "TELEGRAM_BOT_TOKEN" in message
    assert "BotFather" in message
    assert "learnbot demo" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("DATABASE_URL", "mysql://root@localhost/db"),
        ("TELEGRAM_API_BASE_URL", "ftp://example.org"),
        ("LEARNBOT_TIMEZONE", "Mars/Olympus"),
        ("LEARNBOT_MINIMUM_AGE", "ten"),
        ("LEARNBOT_ADMIN_IDS", "12,abc"),
        ("LOG_LEVEL", "LOUD"),
        ("AUTO_MIGRATE", "maybe"),
        ("WEBHOOK_URL", "http://insecure.example.org"),
    ],
)
def test_a_malformed_value_is_named_in_one_line(name, value):
    """Each bad variable stops start-up with its own name in the message."""
    environ = {"TELEGRAM_BOT_TOKEN": TOKEN, name: value}
    with pytest.raises(SettingsError) as error:
        Settings.from_env(environ)
    assert name in str(error.value)
    assert "\n" not in str(error.value)


def test_a_local_bot_api_server_can_stand_in_for_telegram():
    """TELEGRAM_API_BASE_URL is the root; the bot and file URLs are derived from it."""
    settings = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/"}
    )
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"


def test_postgres_urls_use_the_shipped_driver():
    """A plain postgresql:// URL is served by psycopg 3, which learnbot installs."""
    settings = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": "postgresql://bot@db/learnbot"}
    )
    assert settings.database_url == "postgresql+psycopg://bot@db/learnbot"


def test_admins_and_webhook_are_read():
    """Admin ids and webhook settings are parsed into typed values."""
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "LEARNBOT_ADMIN_IDS": "111, 222",
            "WEBHOOK_URL": "https://bot.example.org/telegram",
            "WEBHOOK_SECRET": "s3cret_value-1",
            "WEBHOOK_PORT": "8080",
        }
    )
    assert settings.admin_ids == frozenset({111, 222})
    assert settings.webhook is not None
    assert settings.webhook.port == 8080


def test_the_demo_needs_no_token():
    """`learnbot demo` builds settings without a token."""
    assert Settings.from_env({}, require_token=False).bot_token == ""
