"""An opportunity card and what each of its buttons does: details, save, remind, map, share,
add to calendar.
"""

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.helpers import create_deep_linked_url

from catalogue.calendar import calendar_file
from catalogue.db import session_scope
from catalogue.learners import get_learner, save_opportunity
from catalogue.matching import Match
from catalogue.opportunities import OpportunityView, get_opportunity
from conversations import callback_data as cd
from conversations import texts
from conversations.context import BotContext
from conversations.reminders import offer_reminders
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

SHARE_PREFIX = "opp-"
ACTIONS = ("details", "save", "remind", "venue", "share", "cal")


def card_buttons(view: OpportunityView) -> InlineKeyboardMarkup:
    """The buttons under a card; the map only for in-person, the calendar only when dated."""

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=cd.build(cd.OPPORTUNITY, action, view.id))

    first = [
        button(texts.DETAILS, "details"),
        button(texts.SAVE, "save"),
        button(texts.REMIND, "remind"),
    ]
    second = [button(texts.SHARE, "share")]
    if not view.online:
        second.insert(0, button(texts.VENUE, "venue"))
    if view.starts_at is not None:
        second.append(button(texts.CALENDAR, "cal"))
    return InlineKeyboardMarkup([first, second])


def opportunity_card(
    view: OpportunityView, match: Match | None, tz: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    """A result card's text and buttons."""
    distance = match.distance_km if match else None
    reasons = match.reasons if match else ()
    return texts.card(view, distance, reasons, tz), card_buttons(view)


def share_payload(opportunity_id: int) -> str:
    """The deep-link payload that opens one opportunity."""
    return f"{SHARE_PREFIX}{opportunity_id}"


def shared_opportunity_id(payload: str) -> int | None:
    """The opportunity a shared deep link points at, if the payload is one."""
    number = payload.removeprefix(SHARE_PREFIX)
    if not payload.startswith(SHARE_PREFIX) or not number.isdigit() or len(number) > 10:
        return None
    return int(number)


async def show_shared_opportunity(
    update: Update, context: BotContext, opportunity_id: int
) -> bool:
    """Show the card a friend shared; False if it no longer exists."""
    with session_scope(context.services.engine) as session:
        view = get_opportunity(session=session, opportunity_id=opportunity_id)
    if view is None or view.finished(datetime.now(UTC)):
        return False
    text, markup = opportunity_card(view, None, context.services.timezone)
    await reply(update, text, reply_markup=markup)
    return True


async def act_on_card(update: Update, context: BotContext) -> None:
    """Does what a card button says, after checking the opportunity still exists."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None or press.action not in ACTIONS or press.number is None:
        await answer_button(update, texts.OLD_BUTTON)
        return
    services = context.services
    with session_scope(services.engine) as session:
        view = get_opportunity(session=session, opportunity_id=press.number)
        learner = get_learner(session=session, telegram_id=user.id)
        saved = None
        if view is not None and press.action == "save" and learner is not None:
            saved = save_opportunity(session=session, learner=learner, opportunity_id=view.id)
    if view is None or view.status != "published":
        await answer_button(update, texts.NOT_AVAILABLE)
        return
    if press.action == "save":
        toast = (
            texts.NEEDS_PROFILE_TOAST
            if learner is None
            else texts.SAVED_TOAST
            if saved
            else texts.ALREADY_SAVED_TOAST
        )
        await answer_button(update, toast)
        return
    await answer_button(update)
    chat = update.effective_chat
    assert chat is not None
    if press.action == "details":
        await reply(
            update, texts.details(view, services.timezone), reply_markup=card_buttons(view)
        )
    elif press.action == "remind":
        await offer_reminders(update, context, view)
    elif press.action == "venue":
        if view.latitude is None or view.longitude is None:
            await reply(update, texts.ONLINE_NO_MAP)
        else:
            await chat.send_venue(
                latitude=view.latitude,
                longitude=view.longitude,
                title=texts.clip(view.title, 100),
                address=texts.clip(view.location, 100),
            )
    elif press.action == "share":
        link = create_deep_linked_url(context.bot.username, share_payload(view.id))
        await reply(update, texts.share(view, link))
    elif press.action == "cal":
        ics = calendar_file(view, now=datetime.now(UTC))
        if ics is None:
            await reply(update, texts.NO_CALENDAR)
        else:
            await chat.send_document(
                ics, filename=f"{view.catalogue_id}.ics", caption=texts.esc(view.title)
            )
