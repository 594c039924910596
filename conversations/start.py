"""Onboarding: /start (with any deep link), age, consent; then hands over to the profile steps.

Nothing is stored until the learner has said they are old enough and agreed.
"""

import logging
import re

from telegram import Update

from catalogue.db import session_scope
from catalogue.learners import clear_flow, create_learner, get_flow, get_learner, set_flow
from conversations import callback_data as cd
from conversations import keyboards, texts
from conversations.badges import claim_from_link
from conversations.cards import shared_opportunity_id, show_shared_opportunity
from conversations.context import BotContext
from conversations.deep_links import ask_referral_consent, open_deep_link
from conversations.profile import ask_interests
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

ONBOARDING = "onboarding"
# Deep-link payloads: at most 64 of A-Z a-z 0-9 _ - (Telegram's rule); anyone can type
# "/start anything", so everything else is treated as no payload at all.
PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def start_payload(args: list[str] | None) -> str | None:
    """The deep-link payload if it has Telegram's shape, else None."""
    if not args or len(args) != 1:
        return None
    return args[0] if PAYLOAD.match(args[0]) else None


async def start(update: Update, context: BotContext) -> None:
    """Greets a newcomer and asks their age, or welcomes a returning learner back."""
    user = update.effective_user
    if user is None:
        return
    payload = start_payload(context.args)
    if payload is not None and await claim_from_link(update, context, payload):
        return  # a claim link (c-CODE) from a learner: the badge, not the welcome back
    if payload is not None and await open_deep_link(update, context, payload):
        return  # a youth worker's referral link (r-) or a staff invite (s-), answered there
    shared = shared_opportunity_id(payload) if payload else None
    if shared is not None and not await show_shared_opportunity(update, context, shared):
        await reply(update, texts.SHARED_GONE)
    with session_scope(context.services.engine) as session:
        clear_flow(session=session, telegram_id=user.id)
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is None:
            set_flow(session=session, telegram_id=user.id, flow=ONBOARDING, step="age")
    if learner is not None:
        await reply(update, texts.WELCOME_BACK, reply_markup=keyboards.REMOVE)
        return
    await reply(update, texts.WELCOME, reply_markup=keyboards.age_bands())


async def choose_age(update: Update, context: BotContext) -> None:
    """Moves on to consent, or kindly turns away someone outside the age range."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        if get_learner(session=session, telegram_id=user.id) is not None:
            await answer_button(update, texts.OLD_BUTTON)
            return
        if press.action in ("under16", "over25"):
            clear_flow(session=session, telegram_id=user.id)
        elif press.action in ("16-17", "18-25"):
            current = get_flow(session=session, telegram_id=user.id)
            set_flow(
                session=session,
                telegram_id=user.id,
                # Keep a referral onboarding ("onboarding-r<id>") on its way.
                flow=current.flow
                if current and current.flow.startswith(ONBOARDING)
                else ONBOARDING,
                step="consent",
                data={"age_band": press.action},
            )
        else:
            await answer_button(update, texts.OLD_BUTTON)
            return
    await answer_button(update)
    if press.action == "under16":
        await reply(update, texts.too_young(services.minimum_age))
    elif press.action == "over25":
        await reply(update, texts.TOO_OLD)
    else:
        await reply(update, texts.CONSENT, reply_markup=keyboards.consent())


async def give_consent(update: Update, context: BotContext) -> None:
    """Remembers the learner once they agree; forgets everything if they don't."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        if flow is None or flow.step != "consent" or press.action not in ("yes", "no"):
            await answer_button(update, texts.OLD_BUTTON)
            return
        if press.action == "no":
            clear_flow(session=session, telegram_id=user.id)
        else:
            create_learner(session=session, telegram_id=user.id, age_band=flow.data["age_band"])
    await answer_button(update)
    if press.action == "no":
        await reply(update, texts.CONSENT_DECLINED)
        return
    if await ask_referral_consent(update, context, flow.flow):
        return  # came through a youth worker's link: ask before counting them
    await ask_interests(update, context, flow=flow.flow)
