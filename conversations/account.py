"""Commands about the learner themselves: help, privacy, saved, settings, /mydata, /delete,
/cancel, and changing interests or area.
"""

import json
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from catalogue.db import session_scope
from catalogue.learners import (
    clear_flow,
    erase_learner,
    export_learner,
    get_learner,
    saved_opportunities,
    set_flow,
    set_radius,
)
from catalogue.opportunities import get_opportunities
from conversations import callback_data as cd
from conversations import keyboards, texts
from conversations.cards import opportunity_card
from conversations.context import BotContext
from conversations.profile import ask_interests, ask_location
from conversations.reminders import settings_buttons, settings_lines
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

RADIUS_CHOICES = (5, 10, 30, 50)


async def show_help(update: Update, context: BotContext) -> None:
    """Lists what the bot can do."""
    await reply(update, texts.HELP)


async def show_privacy(update: Update, context: BotContext) -> None:
    """Explains, briefly and plainly, what is kept and why."""
    await reply(update, texts.PRIVACY)


async def cancel(update: Update, context: BotContext) -> None:
    """Stops whatever conversation is in progress."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        cancelled = clear_flow(session=session, telegram_id=user.id)
    await reply(
        update,
        texts.CANCELLED if cancelled else texts.NOTHING_TO_CANCEL,
        reply_markup=keyboards.REMOVE,
    )


async def _require_learner(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    if user is None:
        return False
    with session_scope(context.services.engine) as session:
        known = get_learner(session=session, telegram_id=user.id) is not None
    if not known:
        await reply(update, texts.NOT_ONBOARDED)
    return known


async def change_interests(update: Update, context: BotContext) -> None:
    """Lets a learner say again what they're into."""
    if await _require_learner(update, context):
        await ask_interests(update, context)


async def change_location(update: Update, context: BotContext) -> None:
    """Lets a learner change their area."""
    if await _require_learner(update, context):
        await ask_location(update, context)


async def ask_search(update: Update, context: BotContext) -> None:
    """/search TEXT searches at once; bare /search asks what to look for."""
    from conversations.results import search_text

    user = update.effective_user
    if user is None:
        return
    text = " ".join(context.args or []).strip()
    if text:
        await search_text(update, context, text)
        return
    with session_scope(context.services.engine) as session:
        set_flow(session=session, telegram_id=user.id, flow="search", step="query")
    await reply(update, texts.ASK_SEARCH)


async def show_saved(update: Update, context: BotContext) -> None:
    """Lists the learner's saved opportunities as cards."""
    user = update.effective_user
    if user is None or not await _require_learner(update, context):
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        assert learner is not None
        saved = [
            o.id for o in saved_opportunities(session=session, learner=learner) if o.id is not None
        ]
        views = get_opportunities(session=session, opportunity_ids=saved)
    if not views:
        await reply(update, texts.NOTHING_SAVED)
        return
    await reply(update, texts.SAVED_HEADER)
    for view in views:
        text, markup = opportunity_card(view, None, context.services.timezone)
        await reply(update, text, reply_markup=markup)


async def show_settings(update: Update, context: BotContext) -> None:
    """Shows the learner's settings with buttons to change the distance."""
    user = update.effective_user
    if user is None or not await _require_learner(update, context):
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        assert learner is not None
        radius, area = learner.radius_km, learner.area_name
    buttons = [
        InlineKeyboardButton(
            f"{'✅ ' if km == radius else ''}{km} km",
            callback_data=cd.build(cd.SETTINGS, "radius", km),
        )
        for km in RADIUS_CHOICES
    ]
    messages = settings_lines(context, user.id)
    rows = [buttons] if messages is None else [buttons, settings_buttons(messages[1])]
    await reply(
        update,
        texts.settings_text(radius, area, None if messages is None else messages[0]),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def change_setting(update: Update, context: BotContext) -> None:
    """Keeps a new travel distance."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    radius = press.number
    if press.action != "radius" or radius not in RADIUS_CHOICES:
        await answer_button(update, texts.OLD_BUTTON)
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None:
            set_radius(session=session, learner=learner, radius_km=radius)
    if learner is None:
        await answer_button(update, texts.NOT_ONBOARDED)
        return
    await answer_button(update, texts.radius_saved(radius))
    await reply(update, texts.radius_saved(radius))


async def send_my_data(update: Update, context: BotContext) -> None:
    """Sends everything held about the learner: a summary and a JSON file."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    with session_scope(context.services.engine) as session:
        export = export_learner(session=session, telegram_id=user.id)
    await reply(update, texts.mydata_summary(export))
    document = json.dumps(export, indent=2, ensure_ascii=False, sort_keys=True).encode()
    await chat.send_document(
        document, filename="learnbot-my-data.json", caption=texts.MYDATA_CAPTION
    )


async def ask_delete(update: Update, context: BotContext) -> None:
    """Asks for confirmation with two equal buttons before erasing anything."""
    await reply(
        update,
        texts.DELETE_CONFIRM,
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        texts.DELETE_YES, callback_data=cd.build(cd.DELETE, "yes")
                    ),
                    InlineKeyboardButton(texts.DELETE_NO, callback_data=cd.build(cd.DELETE, "no")),
                ]
            ]
        ),
    )


async def confirm_delete(update: Update, context: BotContext) -> None:
    """Erases every row about the learner, or leaves everything as it was."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None or press.action not in ("yes", "no"):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    if press.action == "no":
        await reply(update, texts.DELETE_KEPT)
        return
    with session_scope(context.services.engine) as session:
        removed = erase_learner(session=session, telegram_id=user.id)
    logger.info("Erased a learner's data: %d rows", removed)
    await reply(
        update, texts.DELETED if removed else texts.NOTHING_HELD, reply_markup=keyboards.REMOVE
    )
