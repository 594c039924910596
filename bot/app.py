"""The composition root: builds the python-telegram-bot Application from settings."""

import logging

from sqlalchemy import Engine
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot.config import Settings
from bot.delivery import Dispatcher, ReplyMeter
from catalogue.credentials import BadgeIssuer
from catalogue.db import create_db_engine, ensure_schema
from catalogue.search import CatalogueSearch
from conversations import COMMANDS, build_handlers, error_handler
from conversations.context import BotContext, Services

logger = logging.getLogger(__name__)

# Telegram may accept a send yet answer slowly; a longer read timeout makes fewer ambiguous
# TimedOut errors (telegram.md §2.1).
READ_TIMEOUT_SECONDS = 15.0


def build_services(settings: Settings, engine: Engine | None = None) -> Services:
    """Create the process-wide services: database engine and catalogue search."""
    engine = engine or create_db_engine(settings.database_url)
    return Services(
        engine=engine,
        search=CatalogueSearch(engine, timezone=settings.timezone),
        timezone=settings.timezone,
        minimum_age=settings.minimum_age,
        admin_ids=settings.admin_ids,
        announcement_domains=settings.announcement_domains,
        badge_issuer=BadgeIssuer.in_data_dir(settings.data_dir, name=settings.badge_issuer),
    )


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    services: Services | None = None,
) -> "Application":  # type: ignore[type-arg]
    """Wire settings, services, handlers and lifecycle hooks into one Application."""
    meter = ReplyMeter()  # lets queued deliveries yield to answers (bot/delivery.py)
    builder = (
        Application.builder()
        .token(settings.bot_token)
        .rate_limiter(meter)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.timezone,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(ContextTypes(context=BotContext))
        .post_init(prepare)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.request(
            HTTPXRequest(read_timeout=READ_TIMEOUT_SECONDS)
        ).get_updates_request(HTTPXRequest(read_timeout=READ_TIMEOUT_SECONDS + 30))
    application = builder.build()
    application.bot_data["services"] = services or build_services(settings)
    application.bot_data["settings"] = settings
    application.bot_data["dispatcher"] = Dispatcher(
        engine=application.bot_data["services"].engine,
        bot=application.bot,
        services=application.bot_data["services"],
        settings=settings.delivery,
        meter=meter,
    )
    for group, handlers in build_handlers().items():
        application.add_handlers(handlers, group=group)
    application.add_error_handler(error_handler)
    return application


async def prepare(application: "Application") -> None:  # type: ignore[type-arg]
    """Bring the schema up to date, build the matching index and publish the command list."""
    settings: Settings = application.bot_data["settings"]
    services: Services = application.bot_data["services"]
    ensure_schema(services.engine, migrate=settings.auto_migrate)
    services.search.refresh()
    dispatcher_of(application).schedule(application)  # the outbox tick starts with the app
    await application.bot.set_my_commands(
        [BotCommand(command, description) for command, description in COMMANDS]
    )
    logger.info("learnbot is ready as @%s", application.bot.username)


def dispatcher_of(application: "Application") -> Dispatcher:  # type: ignore[type-arg]
    """The outbox dispatcher built with this application."""
    dispatcher = application.bot_data["dispatcher"]
    assert isinstance(dispatcher, Dispatcher)
    return dispatcher
