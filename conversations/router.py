"""Where each incoming message goes: the step a learner is at (kept in the database), or a
search. Also answers everything else kindly and keeps the bot out of group chats.
"""

import logging

from telegram import ChatMemberUpdated, Update
from telegram.ext import ApplicationHandlerStop

from catalogue.badges import looks_like_code
from catalogue.db import session_scope
from catalogue.learners import get_flow, get_learner, set_active
from catalogue.safeguarding import mentions_crisis
from conversations import callback_data as cd
from conversations import keyboards, texts
from conversations.badges import claim_typed_code
from conversations.context import BotContext
from conversations.profile import receive_interests, receive_location, receive_place
from conversations.replies import answer_button, reply
from conversations.results import search_text
from conversations.staff import route_flow_text

logger = logging.getLogger(__name__)

MAX_INPUT = 500  # enough for any real interest or place; longer text is cut before matching


async def keep_to_private_chats(update: Update, context: BotContext) -> None:
    """Leaves any group or channel: the bot talks to young people one-to-one only."""
    chat = update.effective_chat
    if chat is None or chat.type == "private":
        return
    logger.info("Leaving a %s chat the bot was added to", chat.type)
    if update.callback_query is not None:
        await answer_button(update)
    try:
        if chat.type != "channel" and update.effective_message is not None:
            await reply(update, texts.GROUPS_NOT_SUPPORTED)
    finally:
        await chat.leave()
    raise ApplicationHandlerStop


async def route_text(update: Update, context: BotContext) -> None:
    """Sends typed text to the step the learner is at, or searches with it."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    if await route_flow_text(update, context):
        return  # a staff flow (or an organisation registering) takes the whole text
    text = message.text.strip()[:MAX_INPUT]
    if mentions_crisis(text):
        await reply(update, texts.CRISIS)
        return
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    step = flow.step if flow else None
    if not text:
        await reply(update, texts.ASK_SEARCH)
    elif looks_like_code(text):  # a claim code (it has digits), before any step or search
        await claim_typed_code(update, context, text)
    elif step in ("interests", "confirm_interests") and flow:
        await receive_interests(update, context, text, flow.flow)
    elif step == "location":
        await receive_place(update, context, text)
    elif step == "age":
        await reply(update, texts.PLEASE_USE_AGE_BUTTONS, reply_markup=keyboards.age_bands())
    elif step == "consent":
        await reply(update, texts.PLEASE_USE_CONSENT_BUTTONS, reply_markup=keyboards.consent())
    else:
        await search_text(update, context, text)


async def route_location(update: Update, context: BotContext) -> None:
    """A shared location sets the learner's area (coarsened at once)."""
    await receive_location(update, context)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answers a command the bot doesn't have."""
    await reply(update, texts.UNKNOWN_COMMAND)


async def unsupported_message(update: Update, context: BotContext) -> None:
    """Answers photos, stickers, voice notes and the like, which the bot can't read."""
    await reply(update, texts.UNSUPPORTED_MESSAGE)


async def refuse_malformed_buttons(update: Update, context: BotContext) -> None:
    """Answers button data this bot never made, before any flow sees it.

    Any client can send any callback data (and PTB lets empty data past every pattern).
    """
    if cd.pressed(update) is None:
        await answer_button(update, texts.OLD_BUTTON)
        raise ApplicationHandlerStop


async def stale_button(update: Update, context: BotContext) -> None:
    """Answers a button this version of the bot doesn't know (hostile, or from an old deploy)."""
    await answer_button(update, texts.OLD_BUTTON)


async def track_blocking(update: Update, context: BotContext) -> None:
    """Marks a learner inactive the moment they block the bot, and active again if they return."""
    member: ChatMemberUpdated | None = update.my_chat_member
    if member is None or member.chat.type != "private":
        return
    blocked = member.new_chat_member.status in ("kicked", "left")
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=member.chat.id)
        if learner is not None:
            set_active(session=session, learner=learner, active=not blocked)
