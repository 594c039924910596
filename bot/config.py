"""Typed settings, read from the environment once at start-up and passed down.

`Settings.from_env` is the only reader of configuration; a missing or malformed value stops
the program with one line naming the variable.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DATA_DIR = Path("data")
DEFAULT_API_ROOT = "https://api.telegram.org"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DOMAIN_PATTERN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MISSING_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), copy "
    "the token it gives you into TELEGRAM_BOT_TOKEN (see .env.example). "
    "To try learnbot without a token, run `learnbot demo`."
)


class SettingsError(SystemExit):
    """A configuration problem, reported as one clear line before the program stops."""

    def __init__(self, message: str) -> None:
        super().__init__(f"learnbot: {message}")


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """How Telegram reaches this instance in webhook mode."""

    url: str
    secret: str
    listen: str = "0.0.0.0"
    port: int = 8443


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How the outbox is sent: pace, leases, back-off (scaled down in tests)."""

    rate: float = 25.0  # messages per second, every instance together (Telegram: ~30)
    chat_interval: float = 1.1  # seconds between two messages to one chat (Telegram: ~1)
    tick: float = 2.0  # seconds between looks at the queue when it is idle
    lease: float = 60.0  # seconds a claimed row stays ours before another instance may take it
    batch: int = 20  # rows claimed at a time
    retry_base: float = 5.0  # first back-off after a 5xx or network error, doubling each time
    retry_cap: float = 1800.0  # longest back-off
    max_attempts: int = 12  # then the row is dead
    ambiguous_delay: float = 60.0  # the one retry after a send that timed out, this much later
    send_timeout: float = 15.0  # read timeout of a send: after it, delivery is uncertain
    token_probe: float = 60.0  # after a revoked token (401), check it again this often
    idem_keys: bool = False  # testing only: tag each send with its delivery key


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a running bot."""

    bot_token: str
    database_url: str
    api_root: str = DEFAULT_API_ROOT
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    minimum_age: int = 16
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    auto_migrate: bool = True
    webhook: WebhookSettings | None = None
    data_dir: Path = DEFAULT_DATA_DIR
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    # Domains a provider announcement may link to (each provider's own site is always allowed).
    announcement_domains: frozenset[str] = frozenset()
    # The name on every badge this bot signs (its key lives in <data_dir>/keys).
    badge_issuer: str = "learnbot"

    @property
    def base_url(self) -> str:
        """The Bot API method root python-telegram-bot appends `<token>/<method>` to."""
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        """The Bot API file-download root."""
        return f"{self.api_root}/file/bot"

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, require_token: bool = True) -> Self:
        """Build settings from environment variables, failing fast on anything malformed."""
        data_dir = Path(_get(environ, "LEARNBOT_DATA_DIR") or DEFAULT_DATA_DIR)
        token = _get(environ, "TELEGRAM_BOT_TOKEN")
        if require_token and not token:
            raise SettingsError(MISSING_TOKEN)
        if token and not TOKEN_PATTERN.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token "
                "(expected digits, a colon and at least 20 letters, e.g. 123456:ABC-DEF...)"
            )
        return cls(
            bot_token=token,
            database_url=_database_url(environ, data_dir),
            api_root=_api_root(environ),
            timezone=_timezone(environ),
            minimum_age=_int(environ, "LEARNBOT_MINIMUM_AGE", 16, low=13, high=25),
            admin_ids=_admin_ids(environ),
            log_level=_log_level(environ),
            auto_migrate=_bool(environ, "AUTO_MIGRATE", default=True),
            webhook=_webhook(environ),
            delivery=_delivery(environ),
            data_dir=data_dir,
            announcement_domains=_domains(environ, "LEARNBOT_ANNOUNCEMENT_DOMAINS"),
            badge_issuer=_get(environ, "LEARNBOT_BADGE_ISSUER")[:100] or "learnbot",
        )


def _get(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def _database_url(environ: Mapping[str, str], data_dir: Path) -> str:
    url = _get(environ, "DATABASE_URL")
    if not url:
        return f"sqlite:///{data_dir / 'learnbot.sqlite3'}"
    if url.startswith(("postgres://", "postgresql://")):
        # psycopg 3 is the driver we ship; plain postgres URLs would look for psycopg2.
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith(("sqlite://", "postgresql+psycopg://")):
        raise SettingsError(
            "DATABASE_URL must start with sqlite:// or postgresql:// "
            "(e.g. postgresql://user@localhost/learnbot)"
        )
    return url


def _api_root(environ: Mapping[str, str]) -> str:
    root = _get(environ, "TELEGRAM_API_BASE_URL") or DEFAULT_API_ROOT
    if not root.startswith(("https://", "http://")):
        raise SettingsError(
            "TELEGRAM_API_BASE_URL must be an http(s) URL such as https://api.telegram.org"
        )
    root = root.rstrip("/")
    # Accept a root given with the /bot suffix too: people copy it from PTB examples.
    return root.removesuffix("/bot")


def _timezone(environ: Mapping[str, str]) -> ZoneInfo:
    name = _get(environ, "LEARNBOT_TIMEZONE") or "Europe/London"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"LEARNBOT_TIMEZONE {name!r} is not a known timezone (e.g. Europe/London)"
        ) from None


def _float(
    environ: Mapping[str, str], name: str, default: float, *, low: float, high: float
) -> float:
    raw = _get(environ, name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise SettingsError(f"{name} must be a number from {low:g} to {high:g}, got {raw!r}")
    return value


def _delivery(environ: Mapping[str, str]) -> DeliverySettings:
    """Delivery pace and timings; the defaults suit Telegram, tests scale them down."""
    base = DeliverySettings()
    return DeliverySettings(
        rate=_float(environ, "LEARNBOT_SEND_RATE", base.rate, low=0.1, high=1000),
        chat_interval=_float(
            environ, "LEARNBOT_CHAT_INTERVAL", base.chat_interval, low=0, high=60
        ),
        tick=_float(environ, "LEARNBOT_DELIVERY_TICK", base.tick, low=0.05, high=60),
        lease=_float(environ, "LEARNBOT_DELIVERY_LEASE", base.lease, low=1, high=3600),
        retry_base=_float(environ, "LEARNBOT_RETRY_BASE", base.retry_base, low=0.01, high=600),
        ambiguous_delay=_float(
            environ, "LEARNBOT_AMBIGUOUS_DELAY", base.ambiguous_delay, low=0, high=3600
        ),
        send_timeout=_float(
            environ, "LEARNBOT_SEND_TIMEOUT", base.send_timeout, low=0.1, high=120
        ),
        idem_keys=_bool(environ, "LEARNBOT_DELIVERY_IDEM_KEYS", default=False),
    )


def _int(environ: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = _get(environ, name)
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, got {raw!r}")
    return int(raw)


def _bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = _get(environ, name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _admin_ids(environ: Mapping[str, str]) -> frozenset[int]:
    raw = _get(environ, "LEARNBOT_ADMIN_IDS")
    parts = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise SettingsError(
            f"LEARNBOT_ADMIN_IDS must be Telegram user ids separated by commas, got {raw!r}"
        )
    return frozenset(int(part) for part in parts)


def _domains(environ: Mapping[str, str], name: str) -> frozenset[str]:
    parts = [part.strip().lower() for part in _get(environ, name).split(",") if part.strip()]
    for part in parts:
        if not DOMAIN_PATTERN.match(part):
            raise SettingsError(f"{name} must be domain names separated by commas, got {part!r}")
    return frozenset(part.removeprefix("www.") for part in parts)


def _log_level(environ: Mapping[str, str]) -> str:
    level = (_get(environ, "LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
    return level


def _webhook(environ: Mapping[str, str]) -> WebhookSettings | None:
    url = _get(environ, "WEBHOOK_URL")
    if not url:
        return None
    if not url.startswith("https://"):
        raise SettingsError("WEBHOOK_URL must be an https:// URL Telegram can reach")
    secret = _get(environ, "WEBHOOK_SECRET")
    if not SECRET_PATTERN.match(secret):
        raise SettingsError(
            "WEBHOOK_SECRET must be set to 1-256 characters of A-Z, a-z, 0-9, _ or - "
            "when WEBHOOK_URL is set"
        )
    return WebhookSettings(
        url=url,
        secret=secret,
        listen=_get(environ, "WEBHOOK_LISTEN") or "0.0.0.0",
        port=_int(environ, "WEBHOOK_PORT", 8443, low=1, high=65535),
    )
