"""Youth workers' referral links: /invite makes a default link, a link for a group or event
(with an expiry and a cap), or one that starts learners with a search; each comes with a QR
poster. The link is shown once: only a hash of it is kept.
"""

import logging
from datetime import timedelta

from telegram import Update
from telegram.helpers import create_deep_linked_url

from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.posters import referral_poster
from catalogue.referrals import (
    MAX_LABEL,
    MAX_SEARCH,
    close_referral,
    create_referral,
    default_referral,
    organisation_of,
    referral_links,
    replace_default_referral,
)
from catalogue.roles import ADMIN, YOUTH_WORKER
from catalogue.screening import text_problems
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.deep_links import REFERRAL_PREFIX
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, now, typed_text

logger = logging.getLogger(__name__)

FLOW = "invite"
EXPIRY_DAYS = (7, 30, 90, 0)  # 0: no end date
CAPS = (30, 100, 0)  # 0: no cap


@staff_only(YOUTH_WORKER, ADMIN)
async def show_invites(update: Update, context: BotContext) -> None:
    """Lists the youth worker's links and offers to make a new one."""
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        links = referral_links(session=session, owner_id=user.id)
        organisation = organisation_of(session=session, telegram_id=user.id)
    active = [link for link in links if link.active]
    await reply(
        update,
        texts.invite_menu(organisation, active, context.services.timezone),
        reply_markup=keyboard(
            [button(texts.INVITE_DEFAULT, cd.YOUTH, "default")],
            [button(texts.INVITE_GROUP, cd.YOUTH, "group")],
            [button(texts.INVITE_SEARCH, cd.YOUTH, "search")],
            [button(texts.INVITE_STOP, cd.YOUTH, "stop")] if active else [],
        ),
    )


async def _send_link(
    update: Update,
    context: BotContext,
    token: str,
    *,
    label: str,
    organisation: str | None,
    note: str,
) -> None:
    """The new link (shown this once) and its printable poster."""
    chat = update.effective_chat
    assert chat is not None
    link = create_deep_linked_url(context.bot.username, f"{REFERRAL_PREFIX}{token}")
    await reply(update, texts.referral_link_made(link, label, note))
    poster = referral_poster(
        link,
        pitch=texts.POSTER_PITCH,
        caption=texts.poster_caption(organisation, label),
        footer=texts.POSTER_FOOTER,
    )
    await chat.send_document(poster.png, filename="learnbot-poster.png", caption=texts.POSTER_SENT)


@staff_only(YOUTH_WORKER, ADMIN)
async def act_on_invites(update: Update, context: BotContext) -> None:
    """Does what an /invite button says."""
    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None:
        return
    services = context.services
    action = press.action
    with session_scope(services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        organisation = organisation_of(session=session, telegram_id=user.id)
    data = dict(flow.data) if flow is not None and flow.flow == FLOW else None
    if action == "default":
        with session_scope(services.engine) as session:
            existing = default_referral(session=session, owner_id=user.id)
            made = None if existing else create_referral(session=session, owner_id=user.id)
        await answer_button(update)
        if existing is not None:
            await reply(
                update,
                texts.default_link_exists(existing.created_at, services.timezone),
                reply_markup=keyboard([button(texts.INVITE_NEW_DEFAULT, cd.YOUTH, "newdefault")]),
            )
            return
        assert made is not None
        await _send_link(
            update, context, made[1], label="", organisation=organisation, note=texts.NO_LIMITS
        )
    elif action == "newdefault":
        with session_scope(services.engine) as session:
            _, token = replace_default_referral(session=session, owner_id=user.id)
        await answer_button(update)
        await _send_link(
            update, context, token, label="", organisation=organisation, note=texts.NO_LIMITS
        )
    elif action in ("group", "search"):
        step = "label" if action == "group" else "search"
        with session_scope(services.engine) as session:
            set_flow(session=session, telegram_id=user.id, flow=FLOW, step=step, data={})
        await answer_button(update)
        await reply(update, texts.ASK_LINK_LABEL if action == "group" else texts.ASK_LINK_SEARCH)
    elif action == "anywhere" and data is not None and flow and flow.step == "place":
        await answer_button(update)
        await _ask_expiry(update, context, data)
    elif action == "exp" and data is not None and flow and flow.step == "expiry":
        days = press.number if press.arg != "0" else 0
        if days not in EXPIRY_DAYS:
            await answer_button(update, texts.OLD_BUTTON)
            return
        data["days"] = days
        with session_scope(services.engine) as session:
            set_flow(session=session, telegram_id=user.id, flow=FLOW, step="cap", data=data)
        await answer_button(update)
        await reply(
            update,
            texts.ASK_LINK_CAP,
            reply_markup=keyboard(
                [button(texts.link_cap_label(cap), cd.YOUTH, "cap", cap) for cap in CAPS]
            ),
        )
    elif action == "cap" and data is not None and flow and flow.step == "cap":
        cap = press.number if press.arg != "0" else 0
        if cap not in CAPS:
            await answer_button(update, texts.OLD_BUTTON)
            return
        days = int(data.get("days", 0))
        expires_at = now() + timedelta(days=days) if days else None
        with session_scope(services.engine) as session:
            referral, token = create_referral(
                session=session,
                owner_id=user.id,
                label=str(
                    data.get("label") or texts.link_name("", data.get("search"), data.get("place"))
                ),
                search_text=data.get("search"),
                place=data.get("place"),
                expires_at=expires_at,
                max_uses=cap or None,
            )
            clear_flow(session=session, telegram_id=user.id)
        await answer_button(update)
        await _send_link(
            update,
            context,
            token,
            label=referral.label,
            organisation=organisation,
            note=texts.link_limits(expires_at, cap or None, services.timezone),
        )
    elif action == "stop":
        with session_scope(services.engine) as session:
            links = [
                link for link in referral_links(session=session, owner_id=user.id) if link.active
            ]
        await answer_button(update)
        await reply(
            update,
            texts.PICK_LINK_TO_STOP,
            reply_markup=keyboard(
                *[
                    [
                        button(
                            texts.link_name(link.label, link.search_text),
                            cd.YOUTH,
                            "close",
                            link.id,
                        )
                    ]
                    for link in links[:10]
                ]
            ),
        )
    elif action == "close" and press.number is not None:
        with session_scope(services.engine) as session:
            closed = close_referral(session=session, owner_id=user.id, referral_id=press.number)
        await answer_button(update, texts.LINK_STOPPED if closed else texts.OLD_BUTTON)
        if closed:
            await reply(update, texts.LINK_STOPPED)
    else:
        await answer_button(update, texts.OLD_BUTTON)


async def _ask_expiry(update: Update, context: BotContext, data: dict[str, object]) -> None:
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        set_flow(session=session, telegram_id=user.id, flow=FLOW, step="expiry", data=data)
    await reply(
        update,
        texts.ASK_LINK_EXPIRY,
        reply_markup=keyboard(
            [button(texts.link_expiry_label(days), cd.YOUTH, "exp", days) for days in EXPIRY_DAYS]
        ),
    )


@staff_only(YOUTH_WORKER, ADMIN)
async def receive_invite_text(update: Update, context: BotContext) -> None:
    """Takes the label, search or place typed while making a link."""
    user = update.effective_user
    assert user is not None
    text = " ".join(typed_text(update).split())
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    if flow is None:
        return
    data = dict(flow.data)
    if flow.step == "label":
        if not 2 <= len(text) <= MAX_LABEL or text_problems(text):
            await reply(update, texts.BAD_LINK_LABEL)
            return
        data["label"] = text
        await _ask_expiry(update, context, data)
    elif flow.step == "search":
        understood = context.services.search.taxonomy.understand(text)
        if len(text) > MAX_SEARCH or text_problems(text) or not understood.topics:
            await reply(update, texts.BAD_LINK_SEARCH)
            return
        data["search"] = text
        with session_scope(context.services.engine) as session:
            set_flow(session=session, telegram_id=user.id, flow=FLOW, step="place", data=data)
        await reply(
            update,
            texts.ASK_LINK_PLACE,
            reply_markup=keyboard([button(texts.ANYWHERE, cd.YOUTH, "anywhere")]),
        )
    elif flow.step == "place":
        lookup = context.services.search.gazetteer.lookup(text)
        if lookup.place is None:
            await reply(
                update,
                texts.BAD_LINK_PLACE,
                reply_markup=keyboard([button(texts.ANYWHERE, cd.YOUTH, "anywhere")]),
            )
            return
        data["place"] = lookup.place.name
        await _ask_expiry(update, context, data)
    else:
        await reply(update, texts.USE_THE_BUTTONS)
