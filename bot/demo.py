"""`learnbot demo`: talk to the real bot in a terminal, with no token and no network.

The real Application runs against an in-memory Bot API (`bot.local_api`); a person (or a
script piping lines into stdin) acts as a learner. Inline buttons are numbered: type the number
to press one. Type `lat,lon` to share a location, `/quit` (or end the input) to leave.
"""

import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application, build_services
from bot.config import Settings
from bot.local_api import BotMessage, LocalBotApi, LocalRequest, LocalUser
from catalogue.catalogue_file import read_catalogue
from catalogue.db import session_scope, upgrade
from catalogue.importer import catalogue_version, geocode_rows, import_rows
from catalogue.places import default_gazetteer

logger = logging.getLogger(__name__)

DEMO_CATALOGUE = (
    Path(__file__).resolve().parent.parent / "catalogue" / "data" / "demo_catalogue.csv"
)
COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
QUIT = {"/quit", "/exit", "quit", "exit"}
DEMO_USER_ID = 424242


def seed_demo_catalogue(settings: Settings, engine: Any) -> int:
    """Import the bundled demo catalogue into an empty database; returns rows imported."""
    if catalogue_version(engine) > 0:
        return 0
    gazetteer = default_gazetteer()

    def locate(text: str) -> tuple[float, float] | None:
        place = gazetteer.locate(text)
        return None if place is None else (place.lat, place.lon)

    rows, _, _ = geocode_rows(read_catalogue(DEMO_CATALOGUE).rows, locate)
    with session_scope(engine) as session:
        report = import_rows(session=session, rows=rows, timezone=settings.timezone)
    return report.imported


def forget_demo_database(settings: Settings) -> None:
    """Delete the demo's SQLite file so the demo starts from scratch."""
    if settings.database_url.startswith("sqlite:///"):
        database = settings.database_url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)


class LocalChat:
    """One person's chat with the real bot over the in-memory Bot API."""

    def __init__(self, application: Any, api: LocalBotApi, user: LocalUser) -> None:
        self.application = application
        self.api = api
        self.user = user
        self._seen: dict[int, str] = {}

    async def _deliver(self, update: dict[str, Any]) -> list[BotMessage]:
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.news()

    def news(self) -> list[BotMessage]:
        """Messages the bot sent or edited since the last look."""
        fresh = []
        for message in self.user.messages():
            fingerprint = f"{message.text}|{message.buttons}"
            if self._seen.get(message.message_id) != fingerprint:
                self._seen[message.message_id] = fingerprint
                fresh.append(message)
        return fresh

    async def send(self, text: str) -> list[BotMessage]:
        """Type a message (commands included) and get the bot's answers."""
        return await self._deliver(self.user.text(text))

    async def press(self, label: str, *, message_id: int | None = None) -> list[BotMessage]:
        """Press an inline button by its label (or callback data): on the newest keyboard, or
        on the message given."""
        return await self._deliver(self.user.press(label, message_id=message_id))

    async def share_location(self, lat: float, lon: float) -> list[BotMessage]:
        """Share a location, as the paperclip menu or a location button does."""
        return await self._deliver(self.user.location(lat, lon))

    async def deliver(self, update: dict[str, Any]) -> list[BotMessage]:
        """Send any update the user side of the local API built (photos, stickers...)."""
        return await self._deliver(update)


@dataclass(frozen=True, slots=True)
class Choice:
    """A numbered button on screen: an inline button on a message, or a reply-keyboard key."""

    label: str
    message_id: int | None = None
    callback_data: str | None = None
    shares_location: bool = False


def render(message: BotMessage, buttons: list[Choice], files: Path) -> str:
    """A bot message as terminal text; its buttons are numbered and added to `buttons`."""
    lines = []
    if message.kind == "document" and message.document is not None:
        name, content = message.document
        files.mkdir(parents=True, exist_ok=True)
        target = files / Path(name).name
        target.write_bytes(content)
        lines.append(f"📎 {name} ({len(content)} bytes) saved to {target}")
    if message.kind == "venue" and message.venue:
        venue = message.venue
        where = f"({venue.get('latitude')}, {venue.get('longitude')})"
        lines.append(f"📍 {venue.get('title')} — {venue.get('address')} {where}")
    if message.plain:
        lines.append(message.plain)
    row_texts = []
    for row in message.buttons:
        labels = []
        for button in row:
            buttons.append(Choice(button.text, message.message_id, button.callback_data))
            labels.append(f"[{len(buttons)}] {button.text}")
        row_texts.append("   ".join(labels))
    lines.extend(row_texts)
    text = "\n".join(lines)
    return "\n".join(
        "bot> " + line if index == 0 else "     " + line
        for index, line in enumerate(text.split("\n"))
    )


def _reply_keyboard(message: BotMessage) -> list[dict[str, Any]]:
    markup = message.reply_markup or {}
    rows = markup.get("keyboard") if isinstance(markup, dict) else None
    return [button for row in rows or [] for button in row]


async def run_demo(
    settings: Settings, *, fresh: bool = False, stdin: Any = None, stdout: Any = None
) -> int:
    """Run the terminal chat until /quit or the end of input."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if fresh:
        forget_demo_database(settings)
    api = LocalBotApi()
    settings = replace(settings, bot_token=api.token)
    services = build_services(settings)
    upgrade(services.engine)
    seeded = seed_demo_catalogue(settings, services.engine)
    application = build_application(settings, request=LocalRequest(api), services=services)
    chat = LocalChat(application, api, api.user(DEMO_USER_ID, first_name="Sam"))
    files = settings.data_dir / "demo-files"

    def out(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    out("learnbot demo — you are chatting with the real bot, offline.")
    if seeded:
        out(f"(Loaded the demo catalogue: {seeded} opportunities.)")
    out("Type a message, a number to press a button, lat,lon to share a location, /quit to leave.")
    buttons: list[Choice] = []
    reply_buttons: list[dict[str, Any]] = []
    async with application:
        await application.post_init(application)  # type: ignore[misc]
        news = await chat.send("/start")
        if not interactive:
            out("you> /start")
        while True:
            if news:
                buttons = []
                for message in news:
                    out(render(message, buttons, files))
                    keyboard = _reply_keyboard(message)
                    if keyboard or (message.reply_markup or {}).get("remove_keyboard"):
                        reply_buttons = keyboard
                for button in reply_buttons:
                    shares = bool(button.get("request_location"))
                    buttons.append(Choice(button["text"], shares_location=shares))
                    out(f"     [{len(buttons)}] {button['text']}")
            if interactive:
                stdout.write("you> ")
                stdout.flush()
            line = stdin.readline()
            if not line:
                break
            line = line.rstrip("\n")
            if not interactive:
                out(f"you> {line}")
            if line.strip().lower() in QUIT:
                break
            toasts = len(chat.user.toasts)
            news = await _act(chat, line, buttons, out)
            # A button's answer can be a toast, shown briefly on the phone instead of a message.
            for toast in chat.user.toasts[toasts:]:
                if toast.text:
                    out(f"bot> (pop-up) {toast.text}")
    out("Bye! 👋")
    return 0


async def _act(
    chat: LocalChat, line: str, buttons: list[Choice], out: Callable[[str], None]
) -> list[BotMessage]:
    stripped = line.strip()
    if stripped.isdigit() and buttons:
        number = int(stripped)
        if not 1 <= number <= len(buttons):
            out(f"(There's no button {number}; pick 1-{len(buttons)}.)")
            return []
        chosen = buttons[number - 1]
        if chosen.message_id is None:
            if chosen.shares_location:
                out("(Sharing a location: type lat,lon like 50.8225,-0.1372, or a town.)")
                return []
            return await chat.send(chosen.label)
        return await chat.press(chosen.callback_data or chosen.label, message_id=chosen.message_id)
    match = COORDINATES.match(stripped)
    if match:
        return await chat.share_location(float(match[1]), float(match[2]))
    return await chat.send(line)
