"""Search results as cards, a few at a time, with a button for each thing a learner can do.

The search itself is `catalogue.matching`; this module only turns results into messages.
"""

import logging
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from catalogue.db import session_scope
from catalogue.learners import AGE_BANDS, get_flow, get_learner, set_flow
from catalogue.matching import Match, Query
from catalogue.opportunities import opportunities_by_catalogue_id
from conversations import callback_data as cd
from conversations import texts
from conversations.cards import opportunity_card
from conversations.context import BotContext
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

PAGE_SIZE = 3
MAX_RESULTS = 30
BROWSE = "browse"


@dataclass(frozen=True, slots=True)
class Search:
    """What was searched for, kept so "More" can fetch the next page."""

    text: str
    topics: tuple[str, ...] | None
    lat: float | None
    lon: float | None
    radius_km: float
    age_band: str | None
    place: str | None

    def as_data(self) -> dict[str, object]:
        return {
            "text": self.text,
            "topics": list(self.topics) if self.topics is not None else None,
            "lat": self.lat,
            "lon": self.lon,
            "radius_km": self.radius_km,
            "age_band": self.age_band,
            "place": self.place,
        }

    @classmethod
    def from_data(cls, data: dict[str, object]) -> "Search":
        topics = data.get("topics")
        return cls(
            text=str(data.get("text", "")),
            topics=tuple(str(t) for t in topics) if isinstance(topics, list) else None,
            lat=_float(data.get("lat")),
            lon=_float(data.get("lon")),
            radius_km=_float(data.get("radius_km")) or 30.0,
            age_band=str(data["age_band"]) if data.get("age_band") else None,
            place=str(data["place"]) if data.get("place") else None,
        )


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _allowed_for_band(match: Match, age_band: str | None) -> bool:
    """Keep an item unless the learner's whole age band falls outside its ages."""
    if age_band is None:
        return True
    low, high = AGE_BANDS[age_band]
    listing = match.listing
    return not (
        (listing.min_age is not None and listing.min_age > high)
        or (listing.max_age is not None and listing.max_age < low)
    )


def run_search(context: BotContext, search: Search) -> tuple[list[Match], object]:
    """Ask the matcher, then drop what the learner's age band rules out."""
    result = context.services.search.search(
        Query(
            text=search.text,
            topics=search.topics,
            lat=search.lat,
            lon=search.lon,
            radius_km=search.radius_km,
            limit=MAX_RESULTS,
        )
    )
    matches = [m for m in result.matches if _allowed_for_band(m, search.age_band)]
    return matches, result


async def show_page(
    update: Update, context: BotContext, search: Search, offset: int, intro: str | None = None
) -> None:
    """Send one page of result cards, with "More" when there are more."""
    user = update.effective_user
    if user is None:
        return
    matches, result = run_search(context, search)
    if offset == 0:
        intro_text = texts.search_intro(intro, result.understood, search.place, len(matches))  # type: ignore[attr-defined]
        if not matches:
            alternatives = [topic.name for topic in result.alternatives]  # type: ignore[attr-defined]
            await reply(
                update, texts.nothing_found(intro_text, alternatives, search.lat is not None)
            )
            return
        await reply(update, intro_text)
    page = matches[offset : offset + PAGE_SIZE]
    with session_scope(context.services.engine) as session:
        views = opportunities_by_catalogue_id(
            session=session, catalogue_ids=[m.listing.id for m in page]
        )
        set_flow(
            session=session,
            telegram_id=user.id,
            flow=BROWSE,
            step="results",
            data=search.as_data(),
        )
    for match in page:
        view = views.get(match.listing.id)
        if view is None:
            continue
        text, markup = opportunity_card(view, match, context.services.timezone)
        await reply(update, text, reply_markup=markup)
    next_offset = offset + PAGE_SIZE
    if next_offset < len(matches):
        await reply(
            update,
            texts.more_results(len(matches) - next_offset),
            reply_markup=InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            texts.MORE, callback_data=cd.build(cd.MORE, "page", next_offset)
                        )
                    ]
                ]
            ),
        )


async def show_learner_matches(
    update: Update, context: BotContext, intro: str | None = None
) -> None:
    """Show matches for the learner's saved interests and area."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
    if learner is None:
        return
    await show_page(
        update,
        context,
        Search(
            text="",
            topics=tuple(learner.interests),
            lat=learner.area_lat,
            lon=learner.area_lon,
            radius_km=float(learner.radius_km),
            age_band=learner.age_band,
            place=learner.area_name,
        ),
        0,
        intro,
    )


async def show_matches_near(
    update: Update, context: BotContext, *, lat: float, lon: float, name: str
) -> None:
    """Show what's near a shared location for someone who hasn't onboarded."""
    await show_page(
        update,
        context,
        Search(text="", topics=(), lat=lat, lon=lon, radius_km=30.0, age_band=None, place=name),
        0,
    )


async def search_text(update: Update, context: BotContext, text: str) -> None:
    """Search for what a learner typed, near their area when they have one."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
    await show_page(
        update,
        context,
        Search(
            text=text,
            topics=None,
            lat=learner.area_lat if learner else None,
            lon=learner.area_lon if learner else None,
            radius_km=float(learner.radius_km) if learner else 30.0,
            age_band=learner.age_band if learner else None,
            place=learner.area_name if learner else None,
        ),
        0,
    )


async def show_more(update: Update, context: BotContext) -> None:
    """The next page of the learner's latest search."""
    user, press = (
        update.effective_user,
        cd.pressed(update),
    )
    if user is None or press is None:
        return
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    offset = press.number
    if flow is None or flow.flow != BROWSE or offset is None or offset > MAX_RESULTS:
        await answer_button(update, texts.OLD_SEARCH)
        return
    await answer_button(update)
    await show_page(update, context, Search.from_data(flow.data), offset)
