"""When reminders and digests go out: quiet hours, UK clock changes and the reminder choices.

Pure functions, no database. Times are stored in UTC and reasoned about in the learner's
timezone (Europe/London by default) with `zoneinfo`:

- A local time that does not exist (the last Sunday of March, 01:00-02:00) is moved forward by
  the gap: 01:30 becomes 02:30 BST, which is 01:30 UTC.
- A local time that happens twice (the last Sunday of October, 01:00-02:00) means the first
  one, in BST: 01:30 is 00:30 UTC. Each reminder is one UTC instant, so it fires once.
- Quiet hours are a local window [start, end) in minutes after midnight (default 21:00-08:00);
  start == end means none. A reminder that falls inside them goes at their end, unless that is
  less than `MIN_LEAD` before the thing starts (or ends, for a deadline): then it goes shortly
  before the quiet hours begin (`EARLY_BY` before their start), and if that has passed too, the
  choice is not offered.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_QUIET_START = 21 * 60
DEFAULT_QUIET_END = 8 * 60
MIN_LEAD = timedelta(minutes=30)  # a reminder later than this before the start is no use
EARLY_BY = timedelta(minutes=15)  # how long before quiet hours an early reminder goes
SOONEST = timedelta(minutes=5)  # choices closer than this to now are not offered
DAY_BEFORE_AT = time(18, 0)
MORNING_AT = time(8, 0)
TWO_HOURS = timedelta(hours=2)
CUSTOM_TIMES = (time(9, 0), time(12, 0), time(16, 0), time(18, 0), time(20, 0))
CUSTOM_DAYS = 14
DIGEST_WEEKDAY = 5  # Saturday
DIGEST_AT = time(10, 0)
WEEK = timedelta(days=7)
REMINDER_KINDS = ("day_before", "morning", "two_hours", "deadline", "custom")


def localize(local: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant of a naive local time, by the clock-change policy above (fold=0)."""
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def local_time(moment: datetime, tz: ZoneInfo) -> datetime:
    """A stored (UTC) time as naive wall-clock time in `tz`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).replace(tzinfo=None)


def minutes_label(minutes: int) -> str:
    """Minutes after midnight as HH:MM."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A learner's quiet window, in local minutes after midnight; start == end means none."""

    start: int = DEFAULT_QUIET_START
    end: int = DEFAULT_QUIET_END

    @property
    def none(self) -> bool:
        """Whether the learner has no quiet hours."""
        return self.start == self.end

    @property
    def label(self) -> str:
        """Like 21:00–08:00."""
        return f"{minutes_label(self.start)}–{minutes_label(self.end)}"

    def contains(self, moment: datetime, tz: ZoneInfo) -> bool:
        """Whether `moment` (UTC) falls inside the quiet hours, local time."""
        if self.none:
            return False
        local = local_time(moment, tz)
        minute = local.hour * 60 + local.minute
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def end_after(self, moment: datetime, tz: ZoneInfo) -> datetime:
        """When the quiet hours that `moment` falls in end (UTC); `moment` if it is outside."""
        if not self.contains(moment, tz):
            return moment
        local = local_time(moment, tz)
        minute = local.hour * 60 + local.minute
        day = local.date()
        if self.start > self.end and minute >= self.start:
            day += timedelta(days=1)
        return localize(_at(day, self.end), tz)

    def start_before(self, moment: datetime, tz: ZoneInfo) -> datetime:
        """When the quiet hours that `moment` falls in began (UTC)."""
        local = local_time(moment, tz)
        minute = local.hour * 60 + local.minute
        day = local.date()
        if self.start > self.end and minute < self.end:
            day -= timedelta(days=1)
        return localize(_at(day, self.start), tz)


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60))


@dataclass(frozen=True, slots=True)
class ReminderTime:
    """When a reminder of one kind would go, and whether quiet hours moved it."""

    kind: str
    due_at: datetime  # UTC
    moved: bool = False


def fit_quiet_hours(
    due_at: datetime,
    *,
    quiet: QuietHours,
    tz: ZoneInfo,
    now: datetime,
    limit: datetime | None,
) -> tuple[datetime, bool] | None:
    """Move a reminder out of quiet hours by the policy above; None if it cannot be useful."""
    if not quiet.contains(due_at, tz):
        return due_at, False
    later = quiet.end_after(due_at, tz)
    if limit is None or later <= limit - MIN_LEAD:
        return later, True
    earlier = quiet.start_before(due_at, tz) - EARLY_BY
    if earlier > now + SOONEST and not quiet.contains(earlier, tz):
        return earlier, True
    return None


def _has_time(moment_local: datetime) -> bool:
    """Catalogue dates without a time are stored at local midnight."""
    return (moment_local.hour, moment_local.minute) != (0, 0)


def reminder_times(
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    now: datetime,
    tz: ZoneInfo,
    quiet: QuietHours,
) -> list[ReminderTime]:
    """The sensible reminder choices for one opportunity, soonest first (custom not included).

    The day before at 18:00, on the morning at 08:00 and two hours before need a start in the
    future (two hours before only when the start has a time of day); the deadline reminder (the
    day before the last day, at 18:00) needs an end on a later day than the start.
    """
    wanted: list[tuple[str, datetime, datetime | None]] = []
    if starts_at is not None:
        start_local = local_time(starts_at, tz)
        day = start_local.date()
        wanted.append(
            ("day_before", localize(datetime.combine(day - timedelta(1), DAY_BEFORE_AT), tz), None)
        )
        if not _has_time(start_local) or start_local.time() >= time(9, 0):
            wanted.append(("morning", localize(datetime.combine(day, MORNING_AT), tz), None))
        if _has_time(start_local):
            wanted.append(("two_hours", starts_at - TWO_HOURS, None))
    if ends_at is not None:
        last_day = local_time(ends_at, tz).date()
        if starts_at is None or last_day > local_time(starts_at, tz).date():
            due = localize(datetime.combine(last_day - timedelta(1), DAY_BEFORE_AT), tz)
            wanted.append(("deadline", due, ends_at))
    choices: list[ReminderTime] = []
    for kind, due, own_limit in wanted:
        limit = own_limit or starts_at
        if limit is not None and due >= limit:
            continue
        fitted = fit_quiet_hours(due, quiet=quiet, tz=tz, now=now, limit=limit)
        if fitted is None or fitted[0] <= now + SOONEST:
            continue
        if any(choice.due_at == fitted[0] for choice in choices):
            continue
        choices.append(ReminderTime(kind, fitted[0], fitted[1]))
    return sorted(choices, key=lambda choice: choice.due_at)


def reminder_limit(starts_at: datetime | None, ends_at: datetime | None) -> datetime | None:
    """The moment after which a reminder about this opportunity is no use."""
    return starts_at or ends_at


def custom_days(
    *, starts_at: datetime | None, ends_at: datetime | None, now: datetime, tz: ZoneInfo
) -> list[date]:
    """The days a custom reminder can be set for: today up to the start (or end), two weeks
    at most."""
    today = local_time(now, tz).date()
    limit = reminder_limit(starts_at, ends_at)
    last = today + timedelta(days=CUSTOM_DAYS - 1)
    if limit is not None:
        last = min(last, local_time(limit, tz).date())
    return [today + timedelta(days=n) for n in range((last - today).days + 1)]


def custom_time(
    local: datetime,
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    now: datetime,
    tz: ZoneInfo,
    quiet: QuietHours,
) -> ReminderTime | None:
    """A reminder at a local time the learner picked; None if it is past, too far, too late."""
    due = localize(local, tz)
    limit = reminder_limit(starts_at, ends_at)
    if due <= now + SOONEST or due > now + timedelta(days=CUSTOM_DAYS):
        return None
    if limit is not None and due >= limit:
        return None
    fitted = fit_quiet_hours(due, quiet=quiet, tz=tz, now=now, limit=limit)
    if fitted is None or fitted[0] <= now + SOONEST:
        return None
    return ReminderTime("custom", fitted[0], fitted[1])


def custom_times(
    day: date,
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    now: datetime,
    tz: ZoneInfo,
    quiet: QuietHours,
) -> list[ReminderTime]:
    """The times offered for a custom reminder on one day (each one valid, none twice)."""
    offered: list[ReminderTime] = []
    for at in CUSTOM_TIMES:
        choice = custom_time(
            datetime.combine(day, at),
            starts_at=starts_at,
            ends_at=ends_at,
            now=now,
            tz=tz,
            quiet=quiet,
        )
        if choice is not None and all(o.due_at != choice.due_at for o in offered):
            offered.append(choice)
    return offered


def next_digest_at(
    *, now: datetime, last_digest_at: datetime | None, tz: ZoneInfo, quiet: QuietHours
) -> datetime:
    """The next weekly digest slot (Saturday 10:00 local) at least a week after the last one."""
    earliest = now if last_digest_at is None else max(now, last_digest_at + WEEK)
    local = local_time(earliest, tz)
    day = local.date() + timedelta(days=(DIGEST_WEEKDAY - local.weekday()) % 7)
    slot = localize(datetime.combine(day, DIGEST_AT), tz)
    if slot < earliest:
        slot = localize(datetime.combine(day + timedelta(days=7), DIGEST_AT), tz)
    return quiet.end_after(slot, tz)
