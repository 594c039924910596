"""Learners and provider announcements: turning them on or off (/announcements, off unless
the learner says so) and reporting one (/report, or the 🚩 button under it).
"""

import logging

from telegram import InlineKeyboardMarkup, Update

from catalogue.announcements import (
    REPORT_REASONS,
    get_announcement,
    moderators,
    received,
    recent_announcements_for,
    report_announcement,
    set_wants_announcements,
    wants_announcements,
)
from catalogue.db import session_scope
from catalogue.learners import get_learner
from conversations import callback_data as cd
from conversations import texts
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, notify

logger = logging.getLogger(__name__)


async def show_announcements_setting(update: Update, context: BotContext) -> None:
    """Says whether announcements are on, with two equal buttons to choose."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        on = learner is not None and wants_announcements(session=session, learner=learner)
    if learner is None:
        await reply(update, texts.NOT_ONBOARDED)
        return
    await reply(
        update,
        texts.announcements_setting(on),
        reply_markup=keyboard(
            [
                button(texts.NEWS_ON, cd.NEWS, "on"),
                button(texts.NEWS_OFF, cd.NEWS, "off"),
            ]
        ),
    )


async def change_announcements_setting(update: Update, context: BotContext) -> None:
    """Keeps the learner's choice about announcements."""
    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None or press.action not in ("on", "off"):
        await answer_button(update, texts.OLD_BUTTON)
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None:
            set_wants_announcements(session=session, learner=learner, on=press.action == "on")
    if learner is None:
        await answer_button(update, texts.NOT_ONBOARDED)
        return
    await answer_button(update)
    await reply(update, texts.announcements_saved(press.action == "on"))


def _reasons(announcement_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        *[
            [button(texts.REPORT_REASONS[reason], cd.REPORT, reason, announcement_id)]
            for reason in REPORT_REASONS
        ]
    )


async def ask_report(update: Update, context: BotContext) -> None:
    """/report: pick which of the latest announcements to report."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        latest = recent_announcements_for(session=session, telegram_id=user.id)
    if not latest:
        await reply(update, texts.NOTHING_TO_REPORT)
        return
    await reply(
        update,
        texts.WHICH_TO_REPORT,
        reply_markup=keyboard(
            *[[button(texts.clip(view.title, 40), cd.REPORT, "ask", view.id)] for view in latest]
        ),
    )


async def act_on_report(update: Update, context: BotContext) -> None:
    """The report buttons: which announcement, then why; only one the learner was sent."""
    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None or press.number is None:
        await answer_button(update, texts.OLD_BUTTON)
        return
    announcement_id = press.number
    services = context.services
    with session_scope(services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        mine = learner is not None and received(
            session=session, announcement_id=announcement_id, telegram_id=user.id
        )
        outcome = None
        if mine and press.action in REPORT_REASONS:
            assert learner is not None
            outcome = report_announcement(
                session=session,
                announcement_id=announcement_id,
                learner=learner,
                reason=press.action,
            )
            view = get_announcement(session=session, announcement_id=announcement_id)
            if outcome == "reported" and view is not None:
                notify(
                    session=session,
                    chat_ids=moderators(session=session, admin_ids=services.admin_ids),
                    text=texts.report_notice(view.title),
                    source_id=announcement_id,
                    occurrence=f"report:{learner.id}",
                )
    if not mine or (press.action != "ask" and outcome is None):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    if press.action == "ask":
        await reply(update, texts.WHY_REPORT, reply_markup=_reasons(announcement_id))
        return
    logger.info("A learner reported announcement %s", announcement_id)
    await reply(update, texts.REPORTED if outcome == "reported" else texts.ALREADY_REPORTED)
