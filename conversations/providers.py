"""Providers: asking to join (/register, then an admin approves), and /myopportunities to see
reach (totals only), edit, close or announce what they offer.
"""

import logging

from telegram import Update

from catalogue.announcements import provider_announcements
from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.providers import (
    MAX_ABOUT,
    NAME_TAKEN,
    PENDING,
    REQUESTED,
    approved_providers_of,
    clean_name,
    close_opportunity,
    name_problem,
    owned_opportunity,
    provider_opportunities,
    providers_of,
    register_provider,
)
from catalogue.roles import PROVIDER
from catalogue.screening import text_problems
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, notify, typed_text

logger = logging.getLogger(__name__)

REGISTER_FLOW = "register"
MAX_LISTED = 10


async def ask_to_register(update: Update, context: BotContext) -> None:
    """Starts an organisation's request to offer opportunities (anyone may ask)."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        mine = providers_of(session=session, telegram_id=user.id)
        if not mine:
            set_flow(session=session, telegram_id=user.id, flow=REGISTER_FLOW, step="name")
    if mine:
        waiting = [p.name for p in mine if not p.approved]
        approved = [p.name for p in mine if p.approved]
        await reply(update, texts.already_registered(approved, waiting))
        return
    await reply(update, texts.ASK_ORGANISATION_NAME)


async def receive_registration_text(update: Update, context: BotContext) -> None:
    """Takes the organisation's name, then one line about it, and asks an admin to approve."""
    user = update.effective_user
    assert user is not None
    text = " ".join(typed_text(update).split())
    services = context.services
    with session_scope(services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    if flow is None:
        return
    if flow.step == "name":
        name = clean_name(text)
        if name_problem(name):
            await reply(update, texts.BAD_ORGANISATION_NAME)
            return
        with session_scope(services.engine) as session:
            set_flow(
                session=session,
                telegram_id=user.id,
                flow=REGISTER_FLOW,
                step="about",
                data={"name": name},
            )
        await reply(update, texts.ASK_ORGANISATION_ABOUT)
        return
    if len(text) > MAX_ABOUT or text_problems(text, links_allowed=True):
        await reply(update, texts.BAD_ORGANISATION_ABOUT)
        return
    name = str(flow.data.get("name", ""))
    with session_scope(services.engine) as session:
        outcome = register_provider(session=session, telegram_id=user.id, name=name, about=text)
        clear_flow(session=session, telegram_id=user.id)
        if outcome == REQUESTED:
            notify(
                session=session,
                chat_ids=services.admin_ids,
                text=texts.provider_request_notice(name),
                source_id=user.id,
                occurrence=f"provider:{name[:30]}",
            )
    if outcome == REQUESTED:
        logger.info("A new provider asked to join")
        await reply(update, texts.registration_sent(name))
    elif outcome == NAME_TAKEN:
        await reply(update, texts.NAME_TAKEN)
    elif outcome == PENDING:
        await reply(update, texts.already_registered([], [name]))
    else:
        await reply(update, texts.BAD_ORGANISATION_NAME)


@staff_only(PROVIDER)
async def show_my_opportunities(update: Update, context: BotContext) -> None:
    """Lists the provider's open opportunities with reach (totals only) and what they can do."""
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        mine = providers_of(session=session, telegram_id=user.id)
        approved = [p.id for p in mine if p.approved and p.id is not None]
        reaches = provider_opportunities(session=session, provider_ids=approved)
        announcements = provider_announcements(session=session, provider_ids=approved, limit=5)
    if not approved:
        await reply(update, texts.not_approved_yet([p.name for p in mine]))
        return
    if not reaches:
        await reply(update, texts.NO_OPPORTUNITIES_YET)
        return
    await reply(update, texts.my_opportunities_header(len(reaches), announcements))
    tz = context.services.timezone
    for reach in reaches[:MAX_LISTED]:
        view = reach.opportunity
        await reply(
            update,
            texts.my_opportunity(view, reach.saved, tz),
            reply_markup=keyboard(
                [
                    button(texts.EDIT, cd.PROVIDER, "edit", view.id),
                    button(texts.ANNOUNCE, cd.PROVIDER, "announce", view.id),
                    button(texts.CLOSE, cd.PROVIDER, "close", view.id),
                ]
            ),
        )
    if len(reaches) > MAX_LISTED:
        await reply(update, texts.more_opportunities(len(reaches) - MAX_LISTED))


@staff_only(PROVIDER)
async def act_on_my_opportunity(update: Update, context: BotContext) -> None:
    """Edit, announce or close one of the provider's own opportunities (ownership checked)."""
    from conversations.announcements import start_announcement
    from conversations.opportunity_form import start_editing

    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None or press.number is None:
        await answer_button(update, texts.OLD_BUTTON)
        return
    with session_scope(context.services.engine) as session:
        view = owned_opportunity(session=session, telegram_id=user.id, opportunity_id=press.number)
        closed = False
        if view is not None and press.action == "closeyes":
            closed = close_opportunity(session=session, opportunity_id=view.id)
    if view is None or view.status != "published":
        await answer_button(update, texts.NOT_YOURS)
        return
    await answer_button(update)
    if press.action == "edit":
        await start_editing(update, context, view)
    elif press.action == "announce":
        await start_announcement(update, context, view)
    elif press.action == "close":
        await reply(
            update,
            texts.confirm_close(view.title),
            reply_markup=keyboard(
                [
                    button(texts.CLOSE_YES, cd.PROVIDER, "closeyes", view.id),
                    button(texts.CLOSE_NO, cd.PROVIDER, "keep", view.id),
                ]
            ),
        )
    elif press.action == "closeyes":
        if closed:
            context.services.search.refresh()
        await reply(update, texts.closed(view.title))
    elif press.action == "keep":
        await reply(update, texts.KEPT_OPEN)


def approved_provider_ids(context: BotContext, telegram_id: int) -> list[int]:
    """The approved organisations this person acts for."""
    with session_scope(context.services.engine) as session:
        return [
            p.id
            for p in approved_providers_of(session=session, telegram_id=telegram_id)
            if p.id is not None
        ]
