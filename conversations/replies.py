"""Sending replies safely: within Telegram's length limit, and every button press answered."""

import logging

from telegram import (
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest

from conversations.texts import MAX_MESSAGE

logger = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split long HTML text on line breaks so no part exceeds Telegram's limit.

    Bot texts keep tags within a line, so a split between lines never breaks a tag.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one huge line: cut it (bot texts never do this inside a tag)
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts


async def reply(
    update: Update, text: str, *, reply_markup: Markup | None = None
) -> Message | None:
    """Send `text` to the chat the update came from; buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return None
    parts = split_message(text)
    message = None
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        message = await chat.send_message(part, reply_markup=markup)
    return message


async def answer_button(update: Update, toast: str | None = None) -> None:
    """Answer a button press (clients show a spinner until we do), ignoring expired queries."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.answer(toast)
    except BadRequest as error:
        # "query is too old": the learner pressed long ago; the reply that follows still helps.
        logger.info("Could not answer a callback query: %s", error.message)
