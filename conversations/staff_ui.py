"""Small pieces every staff flow uses: buttons, the staff command menu, notices to staff.

No role checks here: those happen in one place, `conversations.access.staff_only`.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlmodel import Session
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError

from catalogue.deliveries import enqueue_delivery
from catalogue.roles import ADMIN, MODERATOR, PROVIDER, YOUTH_WORKER
from conversations import callback_data as cd
from conversations import texts

logger = logging.getLogger(__name__)

# Which staff commands each role gets in its command menu (besides the learner ones).
ROLE_COMMANDS = {
    YOUTH_WORKER: ("invite", "stats"),
    PROVIDER: ("newopportunity", "myopportunities"),
    MODERATOR: ("pending",),
    ADMIN: ("pending", "stats", "staffinvite"),
}


def now() -> datetime:
    """The current time, as the catalogue stores it."""
    return datetime.now(UTC)


def button(
    label: str, namespace: str, action: str, arg: str | int | None = None
) -> InlineKeyboardButton:
    """One inline button with callback data made by `callback_data.build`."""
    return InlineKeyboardButton(label, callback_data=cd.build(namespace, action, arg))


def keyboard(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of buttons (empty rows are left out)."""
    return InlineKeyboardMarkup([list(row) for row in rows if row])


def typed_text(update: Update) -> str:
    """The whole text the person typed (staff flows take up to Telegram's 4096 characters)."""
    message = update.effective_message
    return (message.text or "").strip() if message is not None else ""


def staff_commands(roles: Iterable[str]) -> list[tuple[str, str]]:
    """The staff commands for these roles, in a stable order, with their descriptions."""
    held = set(roles)
    names = ["staff"]
    for role, commands in ROLE_COMMANDS.items():
        if role in held:
            names.extend(command for command in commands if command not in names)
    return [(name, texts.STAFF_COMMAND_DESCRIPTIONS[name]) for name in names]


async def set_staff_commands(bot: Bot, chat_id: int, roles: Iterable[str]) -> None:
    """Show this person's staff commands in their own command menu (never the public one)."""
    from conversations import COMMANDS  # the learner commands; imported late (package root)

    commands = [*COMMANDS, *staff_commands(roles)]
    try:
        await bot.set_my_commands(
            [BotCommand(name, description) for name, description in commands],
            scope=BotCommandScopeChat(chat_id),
        )
    except TelegramError:
        # A menu is a convenience: /staff lists the same commands.
        logger.warning("Could not set a staff command menu", exc_info=True)


def notify(
    *, session: Session, chat_ids: Iterable[int], text: str, source_id: int, occurrence: str
) -> int:
    """Queue a notice to staff through the outbox, in the caller's transaction."""
    queued = 0
    for chat_id in dict.fromkeys(chat_ids):
        queued += enqueue_delivery(
            session=session,
            kind="notice",
            chat_id=chat_id,
            payload={"text": text},
            source_id=source_id,
            occurrence=occurrence,
        )
    return queued
