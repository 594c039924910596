"""Reminders in chat, as a learner sees them: "remind me" from a card with each choice,
/reminders to list and cancel, quiet hours and weekly picks in /settings, and /delete."""

import json
from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from bot.app import dispatcher_of
from catalogue.models import Delivery, LearnerSettings, Reminder, SavedOpportunity
from catalogue.timing import localize
from conversations import texts
from tests.bot.delivery_support import FakeClock, queue
from tests.conftest import LONDON, make_row
from tests.conversations.conftest import onboard


def soon(days, hour, minute=0):
    """A local wall-clock time `days` from today (the catalogue's naive local format)."""
    day = datetime.now(LONDON).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute))


FINAL = make_row("bn-final", "Five-a-Side Final", starts_at=soon(3, 18), ends_at=soon(3, 20))
DROP_IN = make_row("bn-drop", "Drop-in Football")
LEAGUE = make_row("bn-league", "Summer Football League", ends_at=soon(10, 23, 59))


def card_for(messages, title):
    return next(m for m in messages if m.plain.startswith(title))


def reminders(engine):
    with Session(engine) as session:
        return list(session.exec(select(Reminder).order_by(Reminder.due_at)))


def queued(engine, chat_id):
    with Session(engine) as session:
        return list(session.exec(select(Delivery).where(Delivery.chat_id == chat_id)))


async def ask(chat, results, title):
    card = card_for(results, title)
    return (await chat.press("⏰ Remind me", message_id=card.message_id))[-1]


async def test_remind_me_offers_sensible_choices_and_sets_each(bot, engine):
    """An evening event: the day before, that morning and two hours before, each at a kind
    hour; each one kept with its queued delivery, and the opportunity saved."""
    bot.add(FINAL)
    chat = bot.chat()
    results = await onboard(chat)
    offer = await ask(chat, results, "Five-a-Side Final")
    assert offer.plain == "⏰ When shall I remind you about Five-a-Side Final?"
    kinds = [label.split(" · ")[0] for label in offer.labels]
    assert kinds == [
        "📅 The day before",
        "🌅 That morning",
        "⏱ 2 hours before",
        texts.REMIND_PICK_TIME,
    ]
    assert offer.labels[0].endswith("18:00")
    assert offer.labels[1].endswith("08:00")
    assert offer.labels[2].endswith("16:00")
    for label in offer.labels[:3]:
        done = await chat.press(label, message_id=offer.message_id)
        assert done[-1].plain.startswith("⏰ Done! I'll remind you about Five-a-Side Final")
        assert "/reminders" in done[-1].plain
    await chat.press(offer.labels[0], message_id=offer.message_id)  # twice: still one
    kept = reminders(engine)
    assert [(r.kind, r.due_at) for r in kept] == [
        ("day_before", localize(soon(2, 18), LONDON)),
        ("morning", localize(soon(3, 8), LONDON)),
        ("two_hours", localize(soon(3, 16), LONDON)),
    ]
    rows = queued(engine, chat.user.id)
    assert sorted((r.kind, r.status, r.due_at) for r in rows) == [
        ("reminder", "pending", r.due_at) for r in kept
    ]
    with Session(engine) as session:
        assert len(session.exec(select(SavedOpportunity)).all()) == 1
    assert bot.failed_calls() == []


async def test_the_reminder_arrives_with_the_card_at_its_time(bot, engine):
    """When it is due, the dispatcher sends the reminder, rendered then, with the card."""
    bot.add(FINAL)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Five-a-Side Final")
    await chat.press(offer.labels[2], message_id=offer.message_id)  # 2 hours before
    clock = FakeClock(localize(soon(3, 16), LONDON))
    dispatcher = dispatcher_of(bot.application)
    dispatcher.clock, dispatcher.sleep = clock.now, clock.sleep
    await dispatcher.drain()
    reminder = chat.news()[-1]
    assert reminder.plain.startswith("⏰ Reminder: Five-a-Side Final starts today at 18:00.")
    assert "🏢 Kemptown Youth Club" in reminder.plain
    assert "⏰ Remind me" in reminder.labels
    assert [r.status for r in reminders(engine)] == ["sent"]
    assert bot.failed_calls() == []


async def test_a_custom_time_is_picked_as_a_day_then_an_hour(bot, engine):
    """🕐 Pick a day and time: days up to the event, then kind hours on that day."""
    bot.add(FINAL)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Five-a-Side Final")
    days = (await chat.press(texts.REMIND_PICK_TIME, message_id=offer.message_id))[-1]
    assert days.plain == "📅 Which day shall I remind you about Five-a-Side Final?"
    assert "Tomorrow" in days.labels
    assert len(days.labels) <= 4  # today (if any hour is left) up to the day of the final
    hours = (await chat.press("Tomorrow", message_id=days.message_id))[-1]
    assert hours.plain == "🕐 What time tomorrow?"
    assert hours.labels == ["09:00", "12:00", "16:00", "18:00", "20:00"]
    done = await chat.press("12:00", message_id=hours.message_id)
    assert "tomorrow" in done[-1].plain
    assert [(r.kind, r.due_at) for r in reminders(engine)] == [
        ("custom", localize(soon(1, 12), LONDON))
    ]


async def test_ongoing_things_go_straight_to_picking_a_day(bot, engine):
    """Nothing to count back from: the learner picks a day."""
    bot.add(DROP_IN)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Drop-in Football")
    assert offer.plain == (
        "⏰ When shall I remind you about Drop-in Football? It's on any time, so pick a day."
    )
    assert "Tomorrow" in offer.labels
    assert len(offer.labels) >= 13  # two weeks, today included when hours are left


async def test_something_with_a_closing_date_gets_a_deadline_reminder(bot, engine):
    """A league that runs until a date: remind the evening before its last day."""
    bot.add(LEAGUE)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Summer Football League")
    assert [label.split(" · ")[0] for label in offer.labels] == [
        "⌛ Before it ends",
        texts.REMIND_PICK_TIME,
    ]
    await chat.press(offer.labels[0], message_id=offer.message_id)
    assert [(r.kind, r.due_at) for r in reminders(engine)] == [
        ("deadline", localize(soon(9, 18), LONDON))
    ]


async def test_reminders_need_a_profile(bot):
    """Someone who searched without agreeing to be remembered is asked to /start first."""
    bot.add(DROP_IN)
    chat = bot.chat()
    results = await chat.send("football in Brighton")
    offer = await ask(chat, results, "Drop-in Football")
    assert offer.plain == texts.REMIND_NEEDS_PROFILE


async def test_reminders_lists_and_cancels_only_your_own(bot, engine):
    """/reminders lists what's coming, soonest first; a cancel button cancels that one and
    its delivery; someone else's reminder id does nothing."""
    bot.add(FINAL)
    chat = bot.chat(1001)
    offer = await ask(chat, await onboard(chat), "Five-a-Side Final")
    for label in offer.labels[:2]:
        await chat.press(label, message_id=offer.message_id)
    listing = (await chat.send("/reminders"))[-1]
    assert listing.plain.startswith("⏰ Your reminders")
    assert listing.plain.count("Five-a-Side Final") == 2
    assert len(listing.labels) == 2
    first = reminders(engine)[0]

    other = bot.chat(2002)
    await onboard(other)
    forged = f"rem:cancel:{first.id}"
    await other.deliver(other.user.callback(forged, message_id=listing.message_id))
    assert other.user.toasts[-1].text == texts.OLD_BUTTON
    assert [r.status for r in reminders(engine)] == ["scheduled", "scheduled"]

    cancelled = await chat.press(listing.labels[0], message_id=listing.message_id)
    assert chat.user.toasts[-1].text == texts.REMINDER_CANCELLED_TOAST
    assert cancelled[-1].plain == "❌ Cancelled your reminder about Five-a-Side Final."
    assert [r.status for r in reminders(engine)] == ["cancelled", "scheduled"]
    rows = {r.source_id: r.status for r in queued(engine, chat.user.id)}
    assert rows == {first.id: "cancelled", reminders(engine)[1].id: "pending"}
    again = (await chat.send("/reminders"))[-1]
    assert len(again.labels) == 1
    await chat.press(listing.labels[0], message_id=listing.message_id)  # an old button
    assert chat.user.toasts[-1].text == texts.OLD_BUTTON


async def test_no_reminders_yet(bot):
    """An empty list says how to set one; /help mentions /reminders."""
    chat = bot.chat()
    await onboard(chat)
    assert (await chat.send("/reminders"))[-1].plain == texts.REMINDERS_NONE
    assert "/reminders — your reminders" in (await chat.send("/help"))[-1].plain


async def test_settings_change_quiet_hours_and_weekly_picks(bot, engine):
    """/settings shows quiet hours (21:00–08:00 by default) and weekly picks (off); both can
    be changed; turning picks on queues one for Saturday morning, off cancels it."""
    chat = bot.chat()
    await onboard(chat)
    shown = (await chat.send("/settings"))[-1]
    assert "Quiet hours: 21:00–08:00" in shown.plain
    assert "Weekly picks: off" in shown.plain
    assert shown.labels[-2:] == [texts.QUIET_BUTTON, texts.DIGEST_ON_BUTTON]

    presets = (await chat.press(texts.QUIET_BUTTON, message_id=shown.message_id))[-1]
    assert "✅ 21:00–08:00" in presets.labels
    saved = await chat.press("22:00–07:00", message_id=presets.message_id)
    assert saved[-1].plain.startswith("🌙 Done — I'll keep quiet 22:00–07:00.")

    turned_on = await chat.press(texts.DIGEST_ON_BUTTON, message_id=shown.message_id)
    assert turned_on[-1].plain == texts.DIGEST_ON
    (digest,) = queued(engine, chat.user.id)
    assert digest.kind == "digest"
    assert digest.due_at.astimezone(LONDON).strftime("%a %H:%M") == "Sat 10:00"
    shown = (await chat.send("/settings"))[-1]
    assert "Quiet hours: 22:00–07:00" in shown.plain
    assert "Weekly picks: on" in shown.plain
    await chat.press(texts.DIGEST_OFF_BUTTON, message_id=shown.message_id)
    assert [r.status for r in queued(engine, chat.user.id)] == ["cancelled"]
    with Session(engine) as session:
        settings = session.exec(select(LearnerSettings)).one()
    assert (settings.quiet_start, settings.quiet_end, settings.digest) == (22 * 60, 7 * 60, False)
    forged = "pref:quiet:3-4"  # not an offered preset
    await chat.deliver(chat.user.callback(forged, message_id=shown.message_id))
    assert chat.user.toasts[-1].text == texts.OLD_BUTTON


async def test_mydata_holds_reminders_and_delivery_times_but_no_bodies(bot, engine):
    """The export lists reminders, message settings and when messages were queued/sent."""
    bot.add(FINAL)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Five-a-Side Final")
    await chat.press(offer.labels[0], message_id=offer.message_id)
    answer = await chat.send("/mydata")
    export = json.loads(answer[-1].document[1])
    assert [(r["title"], r["kind"], r["status"]) for r in export["reminders"]] == [
        ("Five-a-Side Final", "day_before", "scheduled")
    ]
    assert export["message_settings"]["quiet_hours"] == "21:00–08:00"
    (delivery,) = export["deliveries"]
    assert set(delivery) == {"kind", "status", "due_at", "sent_at", "created_at"}


async def test_delete_erases_reminders_and_nothing_queued_is_sent(bot, engine):
    """/delete removes reminders, settings and every queued message; the dispatcher then has
    nothing for that learner."""
    bot.add(FINAL)
    chat = bot.chat()
    offer = await ask(chat, await onboard(chat), "Five-a-Side Final")
    for label in offer.labels[:3]:
        await chat.press(label, message_id=offer.message_id)
    shown = (await chat.send("/settings"))[-1]
    await chat.press(texts.DIGEST_ON_BUTTON, message_id=shown.message_id)
    assert len(queued(engine, chat.user.id)) == 4
    confirm = (await chat.send("/delete"))[-1]
    assert "reminders" in confirm.plain
    await chat.press(texts.DELETE_YES)
    assert reminders(engine) == []
    assert queued(engine, chat.user.id) == []
    with Session(engine) as session:
        assert session.exec(select(LearnerSettings)).all() == []
    dispatcher = dispatcher_of(bot.application)
    dispatcher.clock = FakeClock(localize(soon(3, 17), LONDON)).now
    before = len(chat.user.messages())
    await dispatcher.drain()
    assert len(chat.user.messages()) == before


async def test_answers_to_learners_go_first_and_queued_messages_yield(bot, engine):
    """Replies are never queued; the shared bucket counts them, so the next queued message
    waits its turn behind them (here 10 answers at 25/s: 0.4 s)."""
    chat = bot.chat()
    await onboard(chat)
    staff = bot.api.user(9100)
    dispatcher = dispatcher_of(bot.application)
    clock = FakeClock(datetime.now(LONDON))
    dispatcher.clock, dispatcher.sleep = clock.now, clock.sleep
    queue(engine, "notice", staff.id, "first", due_at=clock.now())
    await dispatcher.drain()  # sets the pace
    start = clock.now()
    for _ in range(10):
        await chat.send("/help")
    queue(engine, "notice", staff.id, "second", due_at=start, source_id=2)
    clock.advance(seconds=2)  # past the chat's own interval; the bucket is full again
    await dispatcher.drain()
    sent = {r.payload["text"]: r.sent_at for r in queued(engine, staff.id)}
    assert sent["second"] - (start + timedelta(seconds=2)) >= timedelta(seconds=0.4)
