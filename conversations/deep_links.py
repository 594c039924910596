"""Opening a referral link (`/start r-<token>`) or a staff invite (`/start s-<token>`).

A learner is told who shared the link and asked before anything is recorded; a topic or place
link starts them with that search once they are set up. A staff invite asks "is this you?"
first, so an invite forwarded to a young person by mistake changes nothing.
"""

import logging

from telegram import InlineKeyboardMarkup, Update

from catalogue import referrals, staff_invites
from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, get_learner, set_flow
from catalogue.referrals import get_referral, join_referral, open_referral
from catalogue.roles import roles_of
from catalogue.staff_invites import check_staff_invite, redeem_staff_invite
from conversations import callback_data as cd
from conversations import keyboards, texts
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.results import Search, show_page
from conversations.staff_ui import button, keyboard, set_staff_commands

logger = logging.getLogger(__name__)

REFERRAL_PREFIX = "r-"
STAFF_PREFIX = "s-"
REFERRAL_FLOW = "onboarding-r"  # onboarding through a referral link: "onboarding-r<id>"


def referral_flow(referral_id: int) -> str:
    """The name of an onboarding flow that came through a referral link."""
    return f"{REFERRAL_FLOW}{referral_id}"


def referral_in_flow(flow_name: str | None) -> int | None:
    """The referral link an onboarding flow came through, if any."""
    if not flow_name or not flow_name.startswith(REFERRAL_FLOW):
        return None
    number = flow_name.removeprefix(REFERRAL_FLOW)
    return int(number) if number.isdigit() and len(number) <= 10 else None


async def open_deep_link(update: Update, context: BotContext, payload: str) -> bool:
    """Handle a referral or staff-invite payload; True when nothing more needs saying."""
    if payload.startswith(STAFF_PREFIX):
        return await _open_staff_invite(update, context, payload.removeprefix(STAFF_PREFIX))
    if payload.startswith(REFERRAL_PREFIX):
        return await _open_referral(update, context, payload.removeprefix(REFERRAL_PREFIX))
    return False


# --- referral links ------------------------------------------------------------------------


def _consent_buttons(referral_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(texts.REFERRAL_YES, cd.REFERRAL, "yes", referral_id),
            button(texts.REFERRAL_NO, cd.REFERRAL, "no", referral_id),
        ]
    )


async def _open_referral(update: Update, context: BotContext, token: str) -> bool:
    user = update.effective_user
    assert user is not None
    services = context.services
    with session_scope(services.engine) as session:
        opened = open_referral(session=session, token=token, admin_ids=services.admin_ids)
        learner = get_learner(session=session, telegram_id=user.id)
        counted = learner is not None and referrals.joined_referral(
            session=session, learner_id=learner.id
        )
        if opened.referral_id is not None and not counted:
            set_flow(
                session=session,
                telegram_id=user.id,
                flow=referral_flow(opened.referral_id),
                step="age" if learner is None else "referral",
            )
    if opened.status != referrals.OK or opened.referral_id is None:
        # Not counted, but nobody is turned away: the usual welcome follows.
        await reply(update, texts.referral_not_counted(opened.status))
        return False
    who = texts.referred_by(opened.organisation, opened.label)
    if learner is None:
        await reply(update, f"{who}\n\n{texts.WELCOME}", reply_markup=keyboards.age_bands())
        return True
    if counted:
        await reply(update, texts.WELCOME_BACK, reply_markup=keyboards.REMOVE)
        await show_referral_search(update, context, opened.referral_id)
        return True
    await reply(
        update,
        f"{who}\n\n{texts.ASK_REFERRAL_CONSENT}",
        reply_markup=_consent_buttons(opened.referral_id),
    )
    return True


async def ask_referral_consent(update: Update, context: BotContext, flow_name: str) -> bool:
    """Right after a new learner agrees to the bot keeping their choices, ask whether the
    youth worker may count them; False if they didn't come through a link."""
    user = update.effective_user
    referral_id = referral_in_flow(flow_name)
    if user is None or referral_id is None:
        return False
    services = context.services
    with session_scope(services.engine) as session:
        referral = get_referral(session=session, referral_id=referral_id)
        organisation = (
            referrals.organisation_of(session=session, telegram_id=referral.owner_id)
            if referral
            else None
        )
        if referral is None:
            return False
        set_flow(session=session, telegram_id=user.id, flow=flow_name, step="referral")
        label = referral.label
    await reply(
        update,
        f"{texts.referred_by(organisation, label)}\n\n{texts.ASK_REFERRAL_CONSENT}",
        reply_markup=_consent_buttons(referral_id),
    )
    return True


async def answer_referral_consent(update: Update, context: BotContext) -> None:
    """Counts the learner against the link if they said yes; either way, carries on."""
    from conversations.profile import ask_interests  # profile reaches back here at its end

    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None:
        return
    referral_id = press.number
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        learner = get_learner(session=session, telegram_id=user.id)
        valid = (
            learner is not None
            and flow is not None
            and flow.step == "referral"
            and referral_id is not None
            and referral_in_flow(flow.flow) == referral_id
            and press.action in ("yes", "no")
        )
        outcome = None
        if valid and press.action == "yes":
            assert learner is not None
            assert referral_id is not None
            outcome = join_referral(session=session, referral_id=referral_id, learner=learner)
        needs_interests = valid and learner is not None and not learner.interests
    if not valid:
        await answer_button(update, texts.OLD_BUTTON)
        return
    assert flow is not None
    assert referral_id is not None
    await answer_button(update)
    await reply(update, texts.referral_answered(press.action == "yes", outcome))
    if needs_interests:
        await ask_interests(update, context, flow=flow.flow)
        return
    with session_scope(context.services.engine) as session:
        clear_flow(session=session, telegram_id=user.id)
    if not await show_referral_search(update, context, flow.flow):
        await reply(update, texts.WELCOME_BACK)


async def show_referral_search(
    update: Update, context: BotContext, flow_or_referral: str | int
) -> bool:
    """Run the search a topic or place link starts with; False if the link has none."""
    user = update.effective_user
    referral_id = (
        flow_or_referral
        if isinstance(flow_or_referral, int)
        else referral_in_flow(flow_or_referral)
    )
    if user is None or referral_id is None:
        return False
    services = context.services
    with session_scope(services.engine) as session:
        referral = get_referral(session=session, referral_id=referral_id)
        learner = get_learner(session=session, telegram_id=user.id)
        if referral is None or learner is None or not (referral.search_text or referral.place):
            return False
        search_text, place_name = referral.search_text or "", referral.place
        interests, band, radius = tuple(learner.interests), learner.age_band, learner.radius_km
        lat, lon, area = learner.area_lat, learner.area_lon, learner.area_name
    if place_name:
        place = services.search.gazetteer.locate(place_name)
        if place is not None:
            lat, lon, area = place.lat, place.lon, place_name
    search = Search(
        text=search_text,
        topics=None if search_text else interests,
        lat=lat,
        lon=lon,
        radius_km=float(radius),
        age_band=band,
        place=area,
    )
    await show_page(update, context, search, 0, texts.referral_search_intro(search_text, area))
    return True


# --- staff invites -------------------------------------------------------------------------


async def _open_staff_invite(update: Update, context: BotContext, token: str) -> bool:
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        check = check_staff_invite(session=session, token=token, telegram_id=user.id)
    if check.status == staff_invites.LEARNER:
        await reply(update, texts.STAFF_INVITE_FOR_STAFF)
        await reply(update, texts.WELCOME_BACK)
        return True
    if check.status != staff_invites.VALID:
        await reply(update, texts.staff_invite_not_valid(check.status))
        return False
    await reply(
        update,
        texts.staff_invite_confirm(check.role, check.provider, check.organisation),
        reply_markup=keyboard(
            [button(texts.STAFF_INVITE_YES, cd.JOIN, "yes", token)],
            [button(texts.STAFF_INVITE_NO, cd.JOIN, "no")],
        ),
    )
    return True


async def answer_staff_invite(update: Update, context: BotContext) -> None:
    """Grants the invite's role to the person who confirmed it is them, or leaves it unused."""
    from conversations.start import start  # start routes here first

    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None or press.action not in ("yes", "no"):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    if press.action == "no":
        await reply(update, texts.STAFF_INVITE_DECLINED)
        await start(update, context)
        return
    services = context.services
    with session_scope(services.engine) as session:
        result = redeem_staff_invite(session=session, token=press.arg or "", telegram_id=user.id)
        roles = roles_of(session=session, telegram_id=user.id, admin_ids=services.admin_ids)
    if result.status != staff_invites.GRANTED:
        await reply(update, texts.staff_invite_not_valid(result.status))
        return
    logger.info("A staff invite was used (role %s)", result.role)
    await set_staff_commands(context.bot, user.id, roles)
    await reply(update, texts.staff_welcome(result.role, result.provider, result.organisation))
