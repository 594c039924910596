"""What a learner is into and where they are: asked at onboarding, changed with /interests
and /location. A shared location is turned into an area at once; raw coordinates are dropped.
"""

import logging

from telegram import Update

from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, get_learner, set_area, set_flow, set_interests
from conversations import callback_data as cd
from conversations import keyboards, texts
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.results import show_learner_matches

logger = logging.getLogger(__name__)

PROFILE = "profile"
MAX_TOPICS = 8


def _suggested_topics(context: BotContext) -> list[tuple[str, str]]:
    taxonomy = context.services.search.taxonomy
    suggestions = []
    for name in texts.INTEREST_SUGGESTIONS:
        understood = taxonomy.understand(name)
        if understood.topics:
            topic = understood.topics[0].topic
            suggestions.append((topic.id, topic.name))
    return suggestions


async def ask_interests(update: Update, context: BotContext, *, flow: str = PROFILE) -> None:
    """Asks what the learner is into, with topic buttons for those who'd rather tap."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        set_flow(session=session, telegram_id=user.id, flow=flow, step="interests")
    await reply(
        update,
        texts.ASK_INTERESTS,
        reply_markup=keyboards.topic_suggestions(_suggested_topics(context)),
    )


async def _confirm(update: Update, context: BotContext, flow: str, topic_ids: list[str]) -> None:
    user = update.effective_user
    assert user is not None
    taxonomy = context.services.search.taxonomy
    names = [taxonomy.topic(topic_id).name for topic_id in topic_ids]
    with session_scope(context.services.engine) as session:
        set_flow(
            session=session,
            telegram_id=user.id,
            flow=flow,
            step="confirm_interests",
            data={"topics": topic_ids},
        )
    await reply(update, texts.confirm_interests(names), reply_markup=keyboards.confirm_interests())


async def receive_interests(update: Update, context: BotContext, text: str, flow: str) -> None:
    """Understands free text ("footy n makin beats") and checks back what it understood."""
    understood = context.services.search.taxonomy.understand(text)
    topic_ids = list(dict.fromkeys(hit.topic.id for hit in understood.topics))[:MAX_TOPICS]
    if not topic_ids:
        await reply(
            update,
            texts.DIDNT_UNDERSTAND_INTERESTS,
            reply_markup=keyboards.topic_suggestions(_suggested_topics(context)),
        )
        return
    await _confirm(update, context, flow, topic_ids)


async def add_topic(update: Update, context: BotContext) -> None:
    """Adds a tapped topic to what the learner is into."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    taxonomy = context.services.search.taxonomy
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    if (
        flow is None
        or flow.step not in ("interests", "confirm_interests")
        or press.arg is None
        or press.arg not in taxonomy
    ):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    topics = list(flow.data.get("topics", []))
    if press.arg not in topics:
        topics.append(press.arg)
    await _confirm(update, context, flow.flow, topics[:MAX_TOPICS])


async def confirm_interests(update: Update, context: BotContext) -> None:
    """Keeps the confirmed interests, or lets the learner say them again."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        learner = get_learner(session=session, telegram_id=user.id)
        valid = (
            flow is not None
            and flow.step == "confirm_interests"
            and press.action in ("yes", "change")
            and learner is not None
        )
        if valid and press.action == "yes":
            assert flow is not None
            assert learner is not None
            set_interests(session=session, learner=learner, topic_ids=flow.data["topics"])
            needs_area = (
                flow.flow != PROFILE and learner.area_name is None and not learner.online_only
            )
            if needs_area:
                set_flow(session=session, telegram_id=user.id, flow=flow.flow, step="location")
            else:
                clear_flow(session=session, telegram_id=user.id)
    if not valid:
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    assert flow is not None
    if press.action == "change":
        await ask_interests(update, context, flow=flow.flow)
    elif needs_area:
        await reply(update, texts.ASK_LOCATION, reply_markup=keyboards.ask_location())
    else:
        await show_learner_matches(update, context)


async def ask_location(update: Update, context: BotContext, *, flow: str = PROFILE) -> None:
    """Asks where the learner is: a town, a postcode, a shared location, or online only."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        set_flow(session=session, telegram_id=user.id, flow=flow, step="location")
    await reply(update, texts.ASK_LOCATION, reply_markup=keyboards.ask_location())


async def _keep_area(
    update: Update,
    context: BotContext,
    *,
    name: str | None,
    district: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> None:
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None:
            set_area(
                session=session, learner=learner, name=name, district=district, lat=lat, lon=lon
            )
        clear_flow(session=session, telegram_id=user.id)
    confirmation = texts.ONLINE_SAVED if name is None else texts.area_saved(name)
    await reply(update, confirmation, reply_markup=keyboards.REMOVE)
    # A youth worker's topic or place link starts the learner with its search.
    from conversations.deep_links import show_referral_search

    if flow is not None and await show_referral_search(update, context, flow.flow):
        return
    await show_learner_matches(update, context, intro=texts.ALL_SET)


async def receive_place(update: Update, context: BotContext, text: str) -> None:
    """Finds a typed town or postcode; asks which one when the name is shared."""
    user = update.effective_user
    if user is None:
        return
    if text.strip().lower() in {texts.ONLINE_ONLY.lower(), "online only", "online"}:
        await _keep_area(update, context, name=None)
        return
    lookup = context.services.search.gazetteer.lookup(text)
    if lookup.place is not None:
        place = lookup.place
        district = (
            place.name.split()[0] if place.kind in ("district", "sector", "postcode") else None
        )
        await _keep_area(
            update, context, name=place.name, district=district, lat=place.lat, lon=place.lon
        )
        return
    if lookup.candidates:
        candidates = [
            {"name": c.name, "region": c.region, "lat": c.lat, "lon": c.lon}
            for c in lookup.candidates[:6]
        ]
        with session_scope(context.services.engine) as session:
            flow = get_flow(session=session, telegram_id=user.id)
            set_flow(
                session=session,
                telegram_id=user.id,
                flow=flow.flow if flow else PROFILE,
                step="location",
                data={"candidates": candidates},
            )
        labels = [f"{c.name}, {c.region}" if c.region else c.name for c in lookup.candidates[:6]]
        await reply(update, texts.WHICH_PLACE, reply_markup=keyboards.place_candidates(labels))
        return
    await reply(update, texts.PLACE_NOT_FOUND, reply_markup=keyboards.ask_location())


async def pick_place(update: Update, context: BotContext) -> None:
    """Keeps the place the learner picked from several with the same name."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    candidates = flow.data.get("candidates", []) if flow and flow.step == "location" else []
    index = press.arg if press.arg is not None and press.arg.isdigit() else None
    if index is None or int(index) >= len(candidates):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    chosen = candidates[int(index)]
    await _keep_area(update, context, name=chosen["name"], lat=chosen["lat"], lon=chosen["lon"])


async def receive_location(update: Update, context: BotContext) -> None:
    """Turns a shared location into a coarse area at once; the exact point is never kept."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.location is None or user is None:
        return
    area = context.services.search.gazetteer.reverse(
        message.location.latitude, message.location.longitude
    )
    if area is None:
        await reply(update, texts.PLACE_OUTSIDE, reply_markup=keyboards.ask_location())
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
    if learner is None:
        # Not onboarded (or declined consent): search around the area without keeping it.
        from conversations.results import show_matches_near

        await show_matches_near(update, context, lat=area.lat, lon=area.lon, name=area.town)
        return
    await _keep_area(
        update,
        context,
        name=f"{area.town} ({area.district})",
        district=area.district,
        lat=area.lat,
        lon=area.lon,
    )
