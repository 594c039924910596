"""Run a real PTB Application against the fake Bot API, collecting handler errors."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.local_api import LocalBotApi, LocalRequest
from tests.fakegram.server import FakeTelegramServer, free_port


def local_app_builder(api: LocalBotApi) -> ApplicationBuilder:  # type: ignore[type-arg]
    """A builder wired in process to `api` (both request objects)."""
    return (
        Application.builder()
        .token(api.token)
        .request(LocalRequest(api))
        .get_updates_request(LocalRequest(api))
    )


def http_app_builder(tg: FakeTelegramServer) -> ApplicationBuilder:  # type: ignore[type-arg]
    """A builder wired over HTTP to a running fakegram server."""
    return (
        Application.builder()
        .token(tg.api.token)
        .base_url(f"{tg.base_url}/bot")
        .base_file_url(f"{tg.base_url}/file/bot")
    )


@dataclass
class Running:
    """A started Application; `errors` holds every exception its handlers raised."""

    app: Any
    errors: list[BaseException] = field(default_factory=list)
    webhook_url: str | None = None


def _recorder(running: Running) -> Any:
    async def record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Keep handler errors so the test can assert there were none."""
        if context.error is not None:
            running.errors.append(context.error)

    return record_error


@asynccontextmanager
async def polling(app: Any, **start_polling: Any) -> AsyncIterator[Running]:
    """`async with polling(app) as run:` initialize, start, long-poll; stop on exit."""
    running = Running(app)
    app.add_error_handler(_recorder(running))
    async with app:
        await app.start()
        await app.updater.start_polling(**start_polling)
        try:
            yield running
        finally:
            if app.updater.running:
                await app.updater.stop()
            await app.stop()


@asynccontextmanager
async def webhook(
    app: Any, *, secret_token: str, url_path: str = "hook", **start_webhook: Any
) -> AsyncIterator[Running]:
    """`async with webhook(app, secret_token=...) as run:` PTB's own webhook server on a free
    127.0.0.1 port (setWebhook is called by PTB's bootstrap)."""
    running = Running(app)
    app.add_error_handler(_recorder(running))
    port = free_port()
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path=url_path,
            secret_token=secret_token,
            **start_webhook,
        )
        running.webhook_url = f"http://127.0.0.1:{port}/{url_path}"
        try:
            yield running
        finally:
            if app.updater.running:
                await app.updater.stop()
            await app.stop()


async def ignore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A handler that does nothing."""
