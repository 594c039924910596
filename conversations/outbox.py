"""What a queued delivery says, decided when it is sent, and whether it should go now at all.

The dispatcher (`bot.delivery`) calls `render` for each claimed row just before sending it.
The answer is a message, "later" (quiet hours: safeguarding standard 5, the sender itself
refuses to send then), or "drop" with the status and reason the row ends with. Rendering at
send time means a reminder shows the opportunity as it is now, and a cancelled reminder, a
withdrawn opportunity or an erased learner sends nothing.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.deliveries import Claimed, announcement_recalled
from catalogue.learners import AGE_BANDS, get_learner
from catalogue.matching import Query
from catalogue.models import Learner
from catalogue.opportunities import (
    OpportunityView,
    get_opportunity,
    opportunities_by_catalogue_id,
)
from catalogue.reminders import (
    STALE_AFTER,
    get_reminder,
    get_settings,
    new_catalogue_ids,
    quiet_hours,
    reminder_titles,
)
from catalogue.timing import MIN_LEAD, WEEK, local_time
from conversations import callback_data as cd
from conversations import texts
from conversations.cards import card_buttons
from conversations.context import Services

logger = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=10)  # later than this, a reminder says sorry
LEARNER_KINDS = frozenset({"reminder", "digest", "missed", "announcement"})
DIGEST_ITEMS = 5
DIGEST_GAP = timedelta(days=6)  # never two digests closer than this (the slot may move a day)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """Send this now."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    silent: bool = False


@dataclass(frozen=True, slots=True)
class Remove:
    """Delete a message sent earlier (a recalled announcement)."""

    message_id: int


@dataclass(frozen=True, slots=True)
class Later:
    """Not now: due again at `until`."""

    until: datetime
    reason: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Drop:
    """Never: the row ends with `status` (cancelled, skipped_stale or dead) and `reason`."""

    status: str
    reason: str


Decision = Outgoing | Remove | Later | Drop


def render(*, session: Session, row: Claimed, now: datetime, services: Services) -> Decision:
    """Decide what to do with one claimed delivery at `now`."""
    learner = get_learner(session=session, telegram_id=row.chat_id)
    if learner is None and row.kind in LEARNER_KINDS:
        return Drop("cancelled", "no such learner")
    if learner is not None and not learner.active:
        return Drop("cancelled", "the learner blocked the bot")
    if row.kind == "reminder" and now - row.due_at > STALE_AFTER:
        return Drop("skipped_stale", "more than 12 h late")
    limit: datetime | None = None
    if row.kind == "reminder":
        decision, limit = _reminder(session, row, now, services)
    elif row.kind == "digest":
        assert learner is not None
        decision = _digest(session, learner, now, services)
    elif row.kind == "missed":
        decision = _missed(session, row)
    elif row.kind in ("announcement", "notice"):
        decision = _prerendered(session, row, learner)
    elif row.kind == "delete":
        message_id = row.payload.get("delete_message_id")
        if not isinstance(message_id, int):
            return Drop("dead", "the payload has no delete_message_id")
        return Remove(message_id)  # deleting makes no sound: no quiet hours
    else:
        decision = Drop("dead", f"unknown kind {row.kind!r}")
    if isinstance(decision, Drop) or learner is None:
        return decision
    return _mind_quiet_hours(session, learner, row, now, services, decision, limit)


def _mind_quiet_hours(
    session: Session,
    learner: Learner,
    row: Claimed,
    now: datetime,
    services: Services,
    decision: Decision,
    limit: datetime | None,
) -> Decision:
    quiet = quiet_hours(get_settings(session=session, learner=learner))
    if not quiet.contains(now, services.timezone):
        return decision
    until = quiet.end_after(now, services.timezone)
    if limit is not None and until > limit - MIN_LEAD:
        return Drop("skipped_stale", "quiet hours last until it starts")
    payload = dict(row.payload)
    if row.kind == "reminder" and now - row.due_at > LATE_AFTER:
        payload["late"] = True  # so it still says sorry when it goes after the quiet hours
    return Later(until, "quiet hours", payload)


def _reminder(
    session: Session, row: Claimed, now: datetime, services: Services
) -> tuple[Decision, datetime | None]:
    reminder = get_reminder(session=session, reminder_id=row.source_id)
    if reminder is None or reminder.status != "scheduled":
        return Drop("cancelled", "the reminder was cancelled"), None
    view = get_opportunity(session=session, opportunity_id=reminder.opportunity_id)
    if view is None or view.status != "published":
        return Drop("cancelled", "the opportunity was withdrawn"), None
    if view.finished(now):
        return Drop("skipped_stale", "the opportunity has finished"), None
    limit = view.ends_at if reminder.kind == "deadline" else view.starts_at
    if limit is not None and limit <= now:
        limit = None  # a custom reminder for something already on: no quiet-hours cut-off
    late = bool(row.payload.get("late")) or now - row.due_at > LATE_AFTER
    text = texts.reminder_message(reminder.kind, view, now=now, tz=services.timezone, late=late)
    return Outgoing(text, card_buttons(view)), limit


def _digest(session: Session, learner: Learner, now: datetime, services: Services) -> Decision:
    settings = get_settings(session=session, learner=learner)
    if not settings.digest:
        return Drop("cancelled", "weekly picks turned off")
    last = settings.last_digest_at
    if last is not None and now - last < DIGEST_GAP:
        return Drop("cancelled", "one a week at most")
    fresh = new_catalogue_ids(session=session, since=last or now - WEEK)
    if not fresh or not learner.interests:
        return Drop("cancelled", "nothing new")
    result = services.search.search(
        Query(
            text="",
            topics=tuple(learner.interests),
            lat=learner.area_lat,
            lon=learner.area_lon,
            radius_km=float(learner.radius_km),
            now=local_time(now, services.timezone),
            limit=50,
        )
    )
    low, high = AGE_BANDS.get(learner.age_band, (16, 25))
    wanted = [
        match.listing.id
        for match in result.matches
        if match.listing.id in fresh
        and not (match.listing.min_age is not None and match.listing.min_age > high)
        and not (match.listing.max_age is not None and match.listing.max_age < low)
    ][:DIGEST_ITEMS]
    found = opportunities_by_catalogue_id(session=session, catalogue_ids=wanted)
    views: list[OpportunityView] = [found[i] for i in wanted if i in found]
    if not views:
        return Drop("cancelled", "nothing new")
    buttons = [
        [
            InlineKeyboardButton(
                texts.digest_button(view.title),
                callback_data=cd.build(cd.OPPORTUNITY, "details", view.id),
            )
        ]
        for view in views
    ]
    return Outgoing(texts.digest(views, services.timezone), InlineKeyboardMarkup(buttons), True)


def _missed(session: Session, row: Claimed) -> Decision:
    ids = [i for i in row.payload.get("reminders", []) if isinstance(i, int)]
    titles = reminder_titles(session=session, reminder_ids=ids)
    if not titles:
        return Drop("cancelled", "nothing to sum up")
    return Outgoing(texts.missed_reminders(titles))


def _prerendered(session: Session, row: Claimed, learner: Learner | None) -> Decision:
    text = row.payload.get("text")
    if not isinstance(text, str) or not text.strip():
        return Drop("dead", "the payload has no text")
    if row.kind == "announcement":
        assert learner is not None
        if not get_settings(session=session, learner=learner).announcements:
            return Drop("cancelled", "announcements turned off")
        if announcement_recalled(session=session, announcement_id=row.source_id):
            return Drop("cancelled", "the announcement was recalled")
    try:
        markup = _buttons(row.payload.get("buttons"))
    except (TypeError, ValueError, KeyError) as error:
        return Drop("dead", f"the payload's buttons are malformed: {error}")
    return Outgoing(text, markup, bool(row.payload.get("silent", False)))


def _buttons(rows: object) -> InlineKeyboardMarkup | None:
    if rows is None:
        return None
    if not isinstance(rows, list):
        raise TypeError("buttons must be a list of rows")
    keyboard = []
    for row in rows:
        if not isinstance(row, list):
            raise TypeError("each row of buttons must be a list")
        line = []
        for button in row:
            label = str(button["text"])
            if "callback_data" in button:
                line.append(
                    InlineKeyboardButton(label, callback_data=str(button["callback_data"]))
                )
            elif "url" in button:
                line.append(InlineKeyboardButton(label, url=str(button["url"])))
            else:
                raise ValueError("a button needs callback_data or url")
        keyboard.append(line)
    return InlineKeyboardMarkup(keyboard)
