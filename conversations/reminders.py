"""Reminders and message settings in chat: "remind me" from a card, /reminders to list and
cancel, quiet hours and the weekly picks in /settings. No SQL here; see catalogue.reminders.

Times offered are worked out again when a button is pressed (callback data is only a hint:
any client can send any), and every reminder is checked to belong to whoever presses.
"""

import logging
from datetime import UTC, date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from catalogue.db import session_scope
from catalogue.learners import get_learner
from catalogue.opportunities import OpportunityView, get_opportunity
from catalogue.reminders import (
    QUIET_PRESETS,
    cancel_reminder,
    create_reminder,
    get_settings,
    list_reminders,
    quiet_hours,
    set_digest,
    set_quiet_hours,
)
from catalogue.timing import (
    QuietHours,
    ReminderTime,
    custom_days,
    custom_time,
    custom_times,
    local_time,
    reminder_times,
)
from conversations import callback_data as cd
from conversations import texts
from conversations.context import BotContext
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

MAX_LISTED = 20


def _now() -> datetime:
    return datetime.now(UTC)


def _button(label: str, action: str, arg: str | int | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=cd.build(cd.REMIND, action, arg))


def _rows(buttons: list[InlineKeyboardButton], width: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [buttons[start : start + width] for start in range(0, len(buttons), width)]
    )


def _learner_quiet(context: BotContext, telegram_id: int) -> tuple[int | None, QuietHours]:
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=telegram_id)
        if learner is None:
            return None, QuietHours()
        return learner.id, quiet_hours(get_settings(session=session, learner=learner))


def _choices(view: OpportunityView, quiet: QuietHours, context: BotContext) -> list[ReminderTime]:
    return reminder_times(
        starts_at=view.starts_at,
        ends_at=view.ends_at,
        now=_now(),
        tz=context.services.timezone,
        quiet=quiet,
    )


def _days(view: OpportunityView, quiet: QuietHours, context: BotContext) -> list[date]:
    tz = context.services.timezone
    return [
        day
        for day in custom_days(starts_at=view.starts_at, ends_at=view.ends_at, now=_now(), tz=tz)
        if _times(view, day, quiet, context)
    ]


def _times(
    view: OpportunityView, day: date, quiet: QuietHours, context: BotContext
) -> list[ReminderTime]:
    return custom_times(
        day,
        starts_at=view.starts_at,
        ends_at=view.ends_at,
        now=_now(),
        tz=context.services.timezone,
        quiet=quiet,
    )


async def offer_reminders(update: Update, context: BotContext, view: OpportunityView) -> None:
    """Shows the sensible reminder choices for one opportunity (the card's ⏰ button)."""
    user = update.effective_user
    if user is None:
        return
    learner_id, quiet = _learner_quiet(context, user.id)
    if learner_id is None:
        await reply(update, texts.REMIND_NEEDS_PROFILE)
        return
    tz, now = context.services.timezone, _now()
    choices = _choices(view, quiet, context)
    can_pick = bool(_days(view, quiet, context))
    if not choices and not can_pick:
        await reply(update, texts.REMIND_FINISHED)
        return
    if not choices:  # ongoing: straight to the days
        await _ask_day(update, context, view, quiet, texts.ask_reminder(view.title, ongoing=True))
        return
    buttons = [
        _button(
            texts.reminder_choice_label(choice.kind, choice.due_at, now, tz),
            "set",
            f"{view.id}-{choice.kind}",
        )
        for choice in choices
    ]
    if can_pick:
        buttons.append(_button(texts.REMIND_PICK_TIME, "day", view.id))
    await reply(
        update, texts.ask_reminder(view.title, ongoing=False), reply_markup=_rows(buttons, 1)
    )


async def _ask_day(
    update: Update, context: BotContext, view: OpportunityView, quiet: QuietHours, text: str
) -> None:
    tz, now = context.services.timezone, _now()
    buttons = [
        _button(
            texts.reminder_day_label(datetime.combine(day, datetime.min.time()), now, tz),
            "time",
            f"{view.id}-{day:%Y%m%d}",
        )
        for day in _days(view, quiet, context)
    ]
    await reply(update, text, reply_markup=_rows(buttons, 2))


def _split(arg: str | None) -> tuple[int, str] | None:
    """'<opportunity id>-<rest>' from callback data, or None."""
    if not arg or "-" not in arg:
        return None
    number, rest = arg.split("-", 1)
    if not number.isdigit() or len(number) > 10 or not rest:
        return None
    return int(number), rest


def _parse_local(text: str, pattern: str) -> datetime | None:
    try:
        # Naive on purpose: a local wall-clock time, placed in the timezone by catalogue.timing.
        return datetime.strptime(text, pattern)  # noqa: DTZ007
    except ValueError:
        return None


async def act_on_reminder(update: Update, context: BotContext) -> None:
    """Does what a reminder button says: set one, pick a day or time, or cancel one."""
    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None:
        return
    if press.action == "cancel":
        await _cancel(update, context, press.number)
        return
    parts = _split(press.arg) if press.action != "day" else (press.number or 0, "day")
    if press.action not in ("set", "day", "time", "at") or parts is None or not parts[0]:
        await answer_button(update, texts.OLD_BUTTON)
        return
    opportunity_id, rest = parts
    with session_scope(context.services.engine) as session:
        view = get_opportunity(session=session, opportunity_id=opportunity_id)
    if view is None or view.status != "published" or view.finished(_now()):
        await answer_button(update, texts.NOT_AVAILABLE)
        return
    learner_id, quiet = _learner_quiet(context, user.id)
    if learner_id is None:
        await answer_button(update, texts.REMIND_NEEDS_PROFILE)
        return
    if press.action == "day":
        await answer_button(update)
        await _ask_day(update, context, view, quiet, texts.ask_reminder_day(view.title))
    elif press.action == "time":
        await _ask_time(update, context, view, rest, quiet)
    elif press.action == "set":
        choice = next((c for c in _choices(view, quiet, context) if c.kind == rest), None)
        await _set(update, context, view, choice)
    else:
        local = _parse_local(rest, "%Y%m%d%H%M")
        choice = (
            None
            if local is None
            else custom_time(
                local,
                starts_at=view.starts_at,
                ends_at=view.ends_at,
                now=_now(),
                tz=context.services.timezone,
                quiet=quiet,
            )
        )
        await _set(update, context, view, choice)


async def _ask_time(
    update: Update, context: BotContext, view: OpportunityView, rest: str, quiet: QuietHours
) -> None:
    local_day = _parse_local(rest, "%Y%m%d")
    times = [] if local_day is None else _times(view, local_day.date(), quiet, context)
    if local_day is None or not times:
        await answer_button(update, texts.REMIND_NO_TIME_LEFT)
        return
    await answer_button(update)
    tz = context.services.timezone
    buttons = []
    for choice in times:
        local = local_time(choice.due_at, tz)
        buttons.append(_button(f"{local:%H:%M}", "at", f"{view.id}-{local:%Y%m%d%H%M}"))
    await reply(
        update, texts.ask_reminder_time(local_day, _now(), tz), reply_markup=_rows(buttons, 3)
    )


async def _set(
    update: Update, context: BotContext, view: OpportunityView, choice: ReminderTime | None
) -> None:
    user = update.effective_user
    assert user is not None
    if choice is None:
        await answer_button(update, texts.REMIND_TOO_LATE)
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is None:
            return
        create_reminder(
            session=session,
            learner=learner,
            opportunity_id=view.id,
            kind=choice.kind,
            due_at=choice.due_at,
        )
    await answer_button(update)
    await reply(
        update,
        texts.reminder_set(
            view.title, choice.due_at, _now(), context.services.timezone, choice.moved
        ),
    )


async def show_reminders(update: Update, context: BotContext) -> None:
    """/reminders: what's coming up, each with a button to cancel it."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        items = [] if learner is None else list_reminders(session=session, learner=learner)
    if learner is None:
        await reply(update, texts.NOT_ONBOARDED)
        return
    if not items:
        await reply(update, texts.REMINDERS_NONE)
        return
    tz = context.services.timezone
    items = items[:MAX_LISTED]
    buttons = [
        _button(texts.reminder_cancel_label(item.title, item.due_at, tz), "cancel", item.id)
        for item in items
    ]
    await reply(
        update,
        texts.reminders_list([(item.title, item.due_at) for item in items], tz),
        reply_markup=_rows(buttons, 1),
    )


async def _cancel(update: Update, context: BotContext, reminder_id: int | None) -> None:
    user = update.effective_user
    assert user is not None
    cancelled = None
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None and reminder_id is not None:
            cancelled = cancel_reminder(session=session, learner=learner, reminder_id=reminder_id)
    if cancelled is None:  # not theirs, already gone, or a forged button
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update, texts.REMINDER_CANCELLED_TOAST)
    await reply(update, texts.reminder_cancelled(cancelled.title))


# --- message settings (quiet hours, weekly picks) -----------------------------------------


def settings_buttons(digest_on: bool) -> list[InlineKeyboardButton]:
    """The message-settings buttons shown under /settings."""
    return [
        InlineKeyboardButton(texts.QUIET_BUTTON, callback_data=cd.build(cd.PREFS, "quiet")),
        InlineKeyboardButton(
            texts.DIGEST_OFF_BUTTON if digest_on else texts.DIGEST_ON_BUTTON,
            callback_data=cd.build(cd.PREFS, "digest", "off" if digest_on else "on"),
        ),
    ]


def settings_lines(context: BotContext, telegram_id: int) -> tuple[str, bool] | None:
    """The message-settings lines for /settings, and whether the digest is on."""
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=telegram_id)
        if learner is None:
            return None
        settings = get_settings(session=session, learner=learner)
        quiet, digest_on = quiet_hours(settings), settings.digest
    return texts.delivery_settings(None if quiet.none else quiet.label, digest_on), digest_on


async def act_on_prefs(update: Update, context: BotContext) -> None:
    """Changes quiet hours or turns the weekly picks on or off."""
    user, press = update.effective_user, cd.pressed(update)
    if user is None or press is None:
        return
    preset = _preset(press.arg) if press.action == "quiet" else None
    valid = (press.action == "quiet" and (press.arg is None or preset is not None)) or (
        press.action == "digest" and press.arg in ("on", "off")
    )
    if not valid:
        await answer_button(update, texts.OLD_BUTTON)
        return
    services = context.services
    with session_scope(services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        current = (
            None
            if learner is None
            else quiet_hours(get_settings(session=session, learner=learner))
        )
        if learner is not None and preset is not None:
            set_quiet_hours(session=session, learner=learner, start=preset[0], end=preset[1])
        if learner is not None and press.action == "digest":
            set_digest(
                session=session,
                learner=learner,
                enabled=press.arg == "on",
                now=_now(),
                tz=services.timezone,
            )
    if learner is None or current is None:
        await answer_button(update, texts.NOT_ONBOARDED)
        return
    await answer_button(update)
    if press.action == "digest":
        await reply(update, texts.DIGEST_ON if press.arg == "on" else texts.DIGEST_OFF)
    elif preset is not None:
        await reply(update, texts.quiet_saved(QuietHours(*preset).label))
    else:
        buttons = [
            InlineKeyboardButton(
                texts.quiet_label(
                    QuietHours(start * 60, end * 60).label,
                    (current.start, current.end) == (start * 60, end * 60),
                ),
                callback_data=cd.build(cd.PREFS, "quiet", f"{start}-{end}"),
            )
            for start, end in QUIET_PRESETS
        ]
        await reply(update, texts.QUIET_ASK, reply_markup=_rows(buttons, 1))


def _preset(arg: str | None) -> tuple[int, int] | None:
    """A quiet-hours preset from callback data ('22-7'), only if it is one we offer."""
    if arg is None or arg.count("-") != 1:
        return None
    start, end = arg.split("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    if (int(start), int(end)) not in QUIET_PRESETS:
        return None
    return int(start) * 60, int(end) * 60
