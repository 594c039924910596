"""Reminder timing: quiet hours, the UK clock changes, and which choices are offered."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from catalogue.timing import (
    QuietHours,
    custom_days,
    custom_time,
    custom_times,
    fit_quiet_hours,
    localize,
    next_digest_at,
    reminder_times,
)

LONDON = ZoneInfo("Europe/London")
DEFAULT = QuietHours()
NONE = QuietHours(0, 0)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def at_local(*args):
    return localize(datetime(*args), LONDON)


@pytest.mark.parametrize(
    ("local", "expected_utc"),
    [
        # 28 March 2027: 01:00 GMT becomes 02:00 BST; 01:30 does not exist.
        ((2027, 3, 28, 0, 30), utc(2027, 3, 28, 0, 30)),
        ((2027, 3, 28, 1, 30), utc(2027, 3, 28, 1, 30)),  # moved forward: 02:30 BST
        ((2027, 3, 28, 2, 30), utc(2027, 3, 28, 1, 30)),
        # 31 October 2027: 02:00 BST becomes 01:00 GMT; 01:30 happens twice.
        ((2027, 10, 31, 0, 30), utc(2027, 10, 30, 23, 30)),
        ((2027, 10, 31, 1, 30), utc(2027, 10, 31, 0, 30)),  # the first one, in BST
        ((2027, 10, 31, 2, 30), utc(2027, 10, 31, 2, 30)),
    ],
)
def test_local_times_across_clock_changes_follow_the_documented_policy(local, expected_utc):
    """A missing time moves forward by the gap; a repeated time means the first one."""
    assert localize(datetime(*local), LONDON) == expected_utc


def test_the_missing_half_hour_lands_on_the_same_instant_as_the_next_one():
    """01:30 and 02:30 on the spring-forward night are one instant: 02:30 BST."""
    moment = localize(datetime(2027, 3, 28, 1, 30), LONDON)
    assert moment.astimezone(LONDON).strftime("%H:%M %Z") == "02:30 BST"


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        ((2027, 5, 3, 20, 59), False),
        ((2027, 5, 3, 21, 0), True),
        ((2027, 5, 3, 23, 59), True),
        ((2027, 5, 4, 3, 0), True),
        ((2027, 5, 4, 7, 59), True),
        ((2027, 5, 4, 8, 0), False),
        ((2027, 12, 4, 21, 30), True),  # GMT as well as BST
        ((2027, 12, 4, 8, 30), False),
    ],
)
def test_default_quiet_hours_are_nine_at_night_to_eight_in_the_morning(local, quiet):
    """21:00 up to (not including) 08:00, local time, in summer and winter."""
    assert DEFAULT.contains(at_local(*local), LONDON) is quiet


def test_quiet_hours_end_the_next_morning_or_the_same_morning():
    """From 22:00 they end at 08:00 tomorrow; from 03:00 at 08:00 today."""
    assert DEFAULT.end_after(at_local(2027, 5, 3, 22, 0), LONDON) == at_local(2027, 5, 4, 8, 0)
    assert DEFAULT.end_after(at_local(2027, 5, 4, 3, 0), LONDON) == at_local(2027, 5, 4, 8, 0)
    daytime = at_local(2027, 5, 4, 12, 0)
    assert DEFAULT.end_after(daytime, LONDON) == daytime


def test_quiet_hours_that_end_on_a_clock_change_morning_end_at_eight_local():
    """08:00 on the spring-forward morning is 07:00 UTC; on the fall-back morning 08:00 UTC."""
    assert DEFAULT.end_after(at_local(2027, 3, 27, 23, 0), LONDON) == utc(2027, 3, 28, 7, 0)
    assert DEFAULT.end_after(at_local(2027, 10, 30, 23, 0), LONDON) == utc(2027, 10, 31, 8, 0)


def test_no_quiet_hours_when_start_equals_end():
    """A learner (or a test) can have none."""
    assert not NONE.contains(at_local(2027, 5, 3, 3, 0), LONDON)


def test_a_reminder_in_quiet_hours_goes_at_their_end():
    """A custom 06:00 reminder for an afternoon event goes at 08:00."""
    fitted = fit_quiet_hours(
        at_local(2027, 5, 3, 6, 0),
        quiet=DEFAULT,
        tz=LONDON,
        now=at_local(2027, 5, 1, 12, 0),
        limit=at_local(2027, 5, 3, 14, 0),
    )
    assert fitted == (at_local(2027, 5, 3, 8, 0), True)


def test_a_reminder_whose_quiet_end_is_too_late_goes_the_evening_before():
    """Two hours before a 07:30 start is 05:30; 08:00 would be too late, so 20:45 the day
    before (15 minutes before the quiet hours)."""
    fitted = fit_quiet_hours(
        at_local(2027, 5, 3, 5, 30),
        quiet=DEFAULT,
        tz=LONDON,
        now=at_local(2027, 5, 1, 12, 0),
        limit=at_local(2027, 5, 3, 7, 30),
    )
    assert fitted == (at_local(2027, 5, 2, 20, 45), True)


def test_no_useful_time_means_no_reminder():
    """At 22:00 for a 07:30 start: the evening has passed and 08:00 is too late."""
    assert (
        fit_quiet_hours(
            at_local(2027, 5, 3, 5, 30),
            quiet=DEFAULT,
            tz=LONDON,
            now=at_local(2027, 5, 2, 22, 0),
            limit=at_local(2027, 5, 3, 7, 30),
        )
        is None
    )


def test_an_evening_event_gets_every_choice_at_kind_times():
    """Day before at 18:00, that morning at 08:00, two hours before."""
    choices = reminder_times(
        starts_at=at_local(2027, 5, 3, 18, 0),
        ends_at=at_local(2027, 5, 3, 20, 0),
        now=at_local(2027, 4, 20, 12, 0),
        tz=LONDON,
        quiet=DEFAULT,
    )
    assert [(c.kind, c.due_at) for c in choices] == [
        ("day_before", at_local(2027, 5, 2, 18, 0)),
        ("morning", at_local(2027, 5, 3, 8, 0)),
        ("two_hours", at_local(2027, 5, 3, 16, 0)),
    ]


def test_only_sensible_choices_are_offered():
    """The evening before a 09:30 start: no day-before (past), morning and 2 h before (07:30,
    in quiet hours, moves to 08:00, which the morning already is: offered once)."""
    choices = reminder_times(
        starts_at=at_local(2027, 5, 3, 9, 30),
        ends_at=None,
        now=at_local(2027, 5, 2, 19, 0),
        tz=LONDON,
        quiet=DEFAULT,
    )
    assert [(c.kind, c.due_at) for c in choices] == [("morning", at_local(2027, 5, 3, 8, 0))]


def test_a_multi_day_programme_gets_a_deadline_reminder():
    """Something that runs for weeks: remind the day before its last day, at 18:00."""
    choices = reminder_times(
        starts_at=None,
        ends_at=at_local(2027, 6, 30, 23, 59),
        now=at_local(2027, 6, 1, 12, 0),
        tz=LONDON,
        quiet=DEFAULT,
    )
    assert [(c.kind, c.due_at) for c in choices] == [("deadline", at_local(2027, 6, 29, 18, 0))]


def test_ongoing_items_get_only_custom_times():
    """No start and no end: nothing to anchor a reminder to but a day the learner picks."""
    now = at_local(2027, 5, 3, 12, 0)
    assert reminder_times(starts_at=None, ends_at=None, now=now, tz=LONDON, quiet=DEFAULT) == []
    days = custom_days(starts_at=None, ends_at=None, now=now, tz=LONDON)
    assert days[0] == date(2027, 5, 3)
    assert len(days) == 14
    today = custom_times(days[0], starts_at=None, ends_at=None, now=now, tz=LONDON, quiet=DEFAULT)
    assert [c.due_at for c in today] == [
        at_local(2027, 5, 3, 16, 0),
        at_local(2027, 5, 3, 18, 0),
        at_local(2027, 5, 3, 20, 0),
    ]


def test_custom_times_must_be_future_and_before_the_start():
    """A custom time after the start, in the past or beyond two weeks is refused."""
    now = at_local(2027, 5, 1, 12, 0)
    start = at_local(2027, 5, 3, 18, 0)

    def pick(*local):
        return custom_time(
            datetime(*local), starts_at=start, ends_at=None, now=now, tz=LONDON, quiet=DEFAULT
        )

    assert pick(2027, 5, 3, 12, 0).due_at == at_local(2027, 5, 3, 12, 0)
    assert pick(2027, 5, 3, 19, 0) is None
    assert pick(2027, 5, 1, 11, 0) is None
    assert pick(2027, 5, 2, 23, 0).due_at == at_local(2027, 5, 3, 8, 0)  # quiet: at 08:00
    assert (
        custom_time(
            datetime(2027, 5, 20, 12, 0),
            starts_at=None,
            ends_at=None,
            now=now,
            tz=LONDON,
            quiet=DEFAULT,
        )
        is None
    )


def test_the_digest_goes_on_saturday_mornings_at_most_weekly():
    """Saturday 10:00; never within a week of the last one."""
    friday = at_local(2027, 5, 7, 12, 0)
    first = next_digest_at(now=friday, last_digest_at=None, tz=LONDON, quiet=DEFAULT)
    assert first == at_local(2027, 5, 8, 10, 0)
    second = next_digest_at(now=first, last_digest_at=first, tz=LONDON, quiet=DEFAULT)
    assert second == at_local(2027, 5, 15, 10, 0)
    late = first + timedelta(hours=3)  # sent late on Saturday: next one still a week on
    third = next_digest_at(now=late, last_digest_at=late, tz=LONDON, quiet=DEFAULT)
    assert third == at_local(2027, 5, 22, 10, 0)
