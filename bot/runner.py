"""`learnbot run`: long polling (or a webhook) against Telegram or TELEGRAM_API_BASE_URL."""

import logging

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, build_services, dispatcher_of
from bot.config import Settings
from bot.delivery import DispatcherRefused
from catalogue.db import SchemaOutOfDate, create_db_engine, ensure_schema

logger = logging.getLogger(__name__)

# Set on every start: Telegram otherwise keeps whatever an earlier run asked for (T7).
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


def run(settings: Settings, *, webhook: bool) -> int:
    """Run until SIGINT or SIGTERM, then stop gracefully (python-telegram-bot drains the queue)."""
    engine = create_db_engine(settings.database_url)
    try:
        ensure_schema(engine, migrate=settings.auto_migrate)
    except SchemaOutOfDate as error:
        raise SystemExit(f"learnbot: {error}") from None
    application = build_application(settings, services=build_services(settings, engine))
    dispatcher = dispatcher_of(application)
    try:
        dispatcher.claim_role()  # SQLite: only one learnbot may send from a database file
    except DispatcherRefused as error:
        raise SystemExit(f"learnbot: {error}") from None
    try:
        _serve(application, settings, webhook=webhook)
    finally:
        dispatcher.release_role()
    logger.info("learnbot stopped")
    return 0


def _serve(application: "Application", settings: Settings, *, webhook: bool) -> None:  # type: ignore[type-arg]
    """Poll or serve the webhook until a stop signal."""
    if webhook:
        if settings.webhook is None:
            raise SystemExit("learnbot: --webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
        application.run_webhook(
            listen=settings.webhook.listen,
            port=settings.webhook.port,
            url_path="telegram",
            webhook_url=settings.webhook.url,
            secret_token=settings.webhook.secret,
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        # Never drop pending updates on a normal restart: they are learners' messages (T3).
        application.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
