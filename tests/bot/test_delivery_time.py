"""Time and the outbox, with `now` injected (no global clock freezing): the UK clock changes
(S8), clock jumps (F19), lateness after downtime, quiet hours at send time, weekly digests."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from catalogue.db import session_scope
from catalogue.models import Learner, LearnerSettings, Reminder
from catalogue.reminders import set_digest
from catalogue.timing import localize
from tests.bot.delivery_support import (
    FakeClock,
    add_learner,
    add_opportunity,
    add_reminder,
    deliveries,
    dispatcher_for,
    http_settings,
    now,
    queue,
    statuses,
)
from tests.conftest import LONDON
from tests.fakegram import FakeTelegramServer


@pytest.fixture
async def tg():
    async with FakeTelegramServer() as server:
        yield server


def online_club(engine):
    return add_opportunity(
        engine,
        "ol-code",
        "Code Club Online",
        location="online",
        latitude=None,
        longitude=None,
        tags=("coding",),
    )


def local(day, hour, minute=0):
    return localize(datetime.combine(day, time(hour, minute)), LONDON)


@pytest.mark.parametrize(
    ("change", "documented"),
    [
        (
            date(2027, 3, 28),  # spring forward: 01:30 does not exist
            {
                "00:30": "2027-03-28 00:30 UTC",
                "01:30": "2027-03-28 01:30 UTC",
                "02:30": "2027-03-28 01:30 UTC",
            },
        ),
        (
            date(2027, 10, 31),  # fall back: 01:30 happens twice, the first one counts
            {
                "00:30": "2027-10-30 23:30 UTC",
                "01:30": "2027-10-31 00:30 UTC",
                "02:30": "2027-10-31 02:30 UTC",
            },
        ),
    ],
    ids=["march", "october"],
)
async def test_s8_reminders_at_half_past_midnight_one_and_two_fire_once_across_the_change(
    settings, engine, tg, change, documented
):
    """S8: reminders at 00:30, 01:30 and 02:30 local on the night before, of and after each
    2027 change fire exactly once, at the documented UTC instant and never before: the clock
    walks in 30-minute steps and stops a second before and exactly at every due time."""
    club = online_club(engine)
    due: dict[int, datetime] = {}
    on_the_night: dict[str, int] = {}
    for chat, label in enumerate(("00:30", "01:30", "02:30"), start=4001):
        tg.api.user(chat)
        add_learner(engine, chat)  # no quiet hours, so the times themselves are tested
        hour, minute = map(int, label.split(":"))
        for offset in (-1, 0, 1):
            moment = local(change + timedelta(days=offset), hour, minute)
            reminder = add_reminder(engine, chat, club, moment)
            due[reminder] = moment
            if offset == 0:
                on_the_night[label] = reminder
    assert {
        label: f"{due[reminder]:%Y-%m-%d %H:%M} UTC" for label, reminder in on_the_night.items()
    } == documented
    start = local(change - timedelta(days=1), 0, 0)
    stops = {start + timedelta(minutes=30 * n) for n in range(3 * 48)}
    stops |= {moment - timedelta(seconds=1) for moment in due.values()} | set(due.values())
    clock = FakeClock(start)
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        for stop in sorted(stops):
            clock.moment = stop
            await dispatcher.drain()
            fired = {r.source_id for r in deliveries(engine) if r.status == "sent"}
            assert fired == {r for r, moment in due.items() if moment <= stop}, stop
    sent = {r.source_id: r.sent_at for r in deliveries(engine) if r.kind == "reminder"}
    assert set(sent) == set(due)
    for reminder, moment in due.items():  # at that instant (two due together: paced apart)
        assert moment <= sent[reminder] < moment + timedelta(seconds=1)
    assert sorted(tg.ledger.idem_counts().values()) == [1] * 9  # each fires once


async def test_f19_clock_jumps_send_each_reminder_once(settings, engine, tg):
    """F19: the host clock jumps an hour forward and back: due times are UTC instants, so each
    reminder goes once, when its time has come."""
    club = online_club(engine)
    learner = tg.api.user(4100)
    add_learner(engine, learner.id)
    start = local(date(2027, 6, 1), 12, 0)
    first = add_reminder(engine, learner.id, club, start + timedelta(minutes=30))
    second = add_reminder(engine, learner.id, club, start + timedelta(minutes=90))
    clock = FakeClock(start)
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        await dispatcher.drain()
        assert tg.ledger.sends() == []
        for jump, expected in (
            (60, {first}),
            (-60, {first}),
            (120, {first, second}),
            (-60, {first, second}),
        ):
            clock.advance(minutes=jump)
            await dispatcher.drain()
            sent = {r.source_id for r in deliveries(engine) if r.status == "sent"}
            assert sent == expected
    assert sorted(tg.ledger.idem_counts().values()) == [1, 1]


async def test_after_downtime_late_reminders_apologise_and_stale_ones_are_summed_up(
    settings, engine, tg
):
    """Less than 12 h late: sent with "sorry, late"; older: skipped, and one message per
    learner lists what they missed."""
    club = online_club(engine)
    surf = add_opportunity(engine, "pl-surf", "Surf Lifesaving Taster", tags=("surfing",))
    sam, ali, kit = tg.api.user(4201), tg.api.user(4202), tg.api.user(4203)
    for user in (sam, ali, kit):
        add_learner(engine, user.id)
    clock = FakeClock(now())
    add_reminder(engine, sam.id, club, clock.now() - timedelta(hours=2))
    add_reminder(engine, sam.id, surf, clock.now() - timedelta(hours=13))
    add_reminder(engine, sam.id, club, clock.now() - timedelta(hours=25))
    add_reminder(engine, ali.id, surf, clock.now() - timedelta(hours=20))
    add_reminder(engine, kit.id, club, clock.now() - timedelta(minutes=3))
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        for _ in range(3):
            await dispatcher.drain()
            clock.advance(seconds=2)
    sam_said = [m.plain for m in sam.messages()]
    assert len(sam_said) == 2
    late = next(text for text in sam_said if "Reminder" in text)
    assert late.startswith("Sorry, this is late")
    missed = next(text for text in sam_said if "missed" in text)
    assert "missed 2 reminders" in missed
    assert "Surf Lifesaving Taster" in missed
    assert "Code Club Online" in missed
    assert next(m.plain for m in ali.messages()).startswith(
        "😕 Sorry — I was offline and missed 1 reminder"
    )
    (kit_said,) = [m.plain for m in kit.messages()]
    assert kit_said.startswith("⏰ Reminder:")
    assert statuses(engine) == {"sent": 4, "skipped_stale": 3}
    with Session(engine) as session:
        kept = sorted(r.status for r in session.exec(select(Reminder)))
    assert kept == ["missed", "missed", "missed", "sent", "sent"]


async def test_quiet_hours_hold_messages_until_they_end(settings, engine, tg):
    """At 22:30 a learner with default quiet hours gets nothing: reminders and announcements
    wait until 08:00; a reminder that would then be too late is skipped; staff notices and
    learners without quiet hours are not held."""
    club = online_club(engine)
    early = add_opportunity(
        engine,
        "bn-dawn",
        "Dawn Run",
        starts_at=datetime(2027, 5, 4, 7, 30),
        ends_at=datetime(2027, 5, 4, 9, 0),
    )
    quiet, night_owl, staff = tg.api.user(4301), tg.api.user(4302), tg.api.user(4303)
    add_learner(engine, quiet.id, quiet=None, announcements=True)
    add_learner(engine, night_owl.id)
    evening = local(date(2027, 5, 3), 22, 25)
    add_reminder(engine, quiet.id, club, evening)
    add_reminder(engine, quiet.id, early, evening + timedelta(minutes=1), kind="two_hours")
    add_reminder(engine, night_owl.id, club, evening)
    queue(engine, "announcement", quiet.id, "New: <b>Night Swim</b>", due_at=evening, source_id=3)
    queue(engine, "notice", staff.id, "A provider asked to join", due_at=evening)
    clock = FakeClock(local(date(2027, 5, 3), 22, 30))
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        await dispatcher.drain()
        assert quiet.messages() == []
        assert len(night_owl.messages()) == 1
        assert len(staff.messages()) == 1
        clock.moment = local(date(2027, 5, 4), 7, 59)
        await dispatcher.drain()
        assert quiet.messages() == []
        clock.moment = local(date(2027, 5, 4), 8, 0)
        await dispatcher.drain()
        clock.advance(seconds=2)
        await dispatcher.drain()
    said = [m.plain for m in quiet.messages()]
    assert len(said) == 2
    assert any(text.startswith("⏰ Reminder:") for text in said)  # 5 min late then: no apology
    assert any("Night Swim" in text for text in said)
    skipped = [r for r in deliveries(engine) if r.status == "skipped_stale"]
    assert [r.last_error for r in skipped] == ["quiet hours last until it starts"]
    sent_at = {r.chat_id: r.sent_at for r in deliveries(engine) if r.kind == "announcement"}
    eight = local(date(2027, 5, 4), 8, 0)
    assert eight <= sent_at[quiet.id] < eight + timedelta(seconds=5)  # behind its reminder


async def test_the_weekly_digest_is_silent_matching_and_at_most_weekly(settings, engine, tg):
    """Opted in: on Saturday morning, new things matching interests and area, silently;
    nothing again that week; a week with nothing new sends nothing; opting out stops it."""
    add_opportunity(engine, "bn-foot", "Five-a-Side Fridays")
    add_opportunity(engine, "bn-futsal", "Futsal Nights", location="London Road, Brighton")
    add_opportunity(
        engine, "pl-foot", "Plymouth Footy", location="Plymouth", latitude=50.37, longitude=-4.14
    )
    online_club(engine)
    learner = tg.api.user(4400)
    add_learner(engine, learner.id)
    clock = FakeClock(now())
    with session_scope(engine) as session:
        row = session.exec(select(Learner).where(Learner.telegram_id == learner.id)).one()
        slot = set_digest(session=session, learner=row, enabled=True, now=clock.now(), tz=LONDON)
    assert slot is not None
    assert slot.astimezone(LONDON).strftime("%a %H:%M") == "Sat 10:00"
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        clock.moment = slot - timedelta(minutes=1)
        await dispatcher.drain()
        assert learner.messages() == []
        clock.moment = slot
        await dispatcher.drain()
        (digest,) = learner.messages()
        assert digest.plain.startswith("📬 Your weekly picks")
        assert "Five-a-Side Fridays" in digest.plain
        assert "Futsal Nights" in digest.plain
        assert "Plymouth Footy" not in digest.plain  # outside their area
        assert "Code Club" not in digest.plain  # not their interest
        (call,) = tg.ledger.sends(learner.id)
        assert call.params["disable_notification"] is True
        clock.advance(days=1)
        await dispatcher.drain()
        assert len(learner.messages()) == 1
        pending = [r for r in deliveries(engine) if r.kind == "digest" and r.status == "pending"]
        assert [r.due_at for r in pending] == [slot + timedelta(days=7)]
        clock.moment = slot + timedelta(days=7)
        await dispatcher.drain()  # nothing new since the last one: nothing sent
        assert len(learner.messages()) == 1
    digests = [r for r in deliveries(engine) if r.kind == "digest"]
    assert [(r.status, r.last_error) for r in digests] == [
        ("sent", None),
        ("cancelled", "nothing new"),
        ("pending", None),
    ]
    with Session(engine) as session:
        settings_row = session.exec(select(LearnerSettings)).one()
        assert settings_row.last_digest_at == slot
    with session_scope(engine) as session:
        row = session.exec(select(Learner).where(Learner.telegram_id == learner.id)).one()
        set_digest(session=session, learner=row, enabled=False, now=clock.now(), tz=LONDON)
    assert [r.status for r in deliveries(engine) if r.kind == "digest"][-1] == "cancelled"


async def test_a_queued_delete_removes_a_sent_message_at_any_hour(settings, engine, tg):
    """A recalled announcement: the `delete` row becomes deleteMessage, quiet hours or not."""
    learner = tg.api.user(4500)
    add_learner(engine, learner.id, quiet=None, announcements=True)
    queue(engine, "announcement", learner.id, "New: <b>Night Swim</b>", source_id=9)
    clock = FakeClock(local(date(2027, 5, 4), 12, 0))
    async with dispatcher_for(http_settings(settings, tg), engine, clock) as dispatcher:
        await dispatcher.drain()
        (sent,) = [r for r in deliveries(engine) if r.status == "sent"]
        queue(
            engine,
            "delete",
            learner.id,
            payload={"delete_message_id": sent.telegram_message_id},
            source_id=9,
            occurrence=str(sent.telegram_message_id),
        )
        clock.moment = local(date(2027, 5, 4), 23, 0)
        await dispatcher.drain()
    assert [c.method for c in tg.ledger.calls(chat_id=learner.id)] == [
        "sendMessage",
        "deleteMessage",
    ]
    assert learner.messages() == []
