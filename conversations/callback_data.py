"""Callback data: short namespaced strings built and parsed in one place.

Telegram lets any client send any callback data (up to 64 bytes), so parsing is strict and
returns None for anything this bot did not make; ownership is checked by the handler.
"""

import re
from dataclasses import dataclass

from telegram import Update

AGE = "age"
CONSENT = "consent"
TOPIC = "topic"
INTERESTS = "interests"
PLACE = "place"
OPPORTUNITY = "opp"
MORE = "more"
DELETE = "delete"
SETTINGS = "set"
REMIND = "rem"  # reminders: choices, custom day and time, cancel
PREFS = "pref"  # message settings: quiet hours, weekly picks
BADGE = "badge"  # portfolio downloads: one badge as a PNG, or all in one file
# Staff and referrals. Learners: REFERRAL, JOIN, NEWS, REPORT. Staff-only (one role set per
# namespace, checked by `access.staff_only`): YOUTH, PROVIDER, FORM, ANNOUNCE, MODERATE, ADMIN.
REFERRAL = "ref"  # may a youth worker count me? yes / no
JOIN = "join"  # is this staff invite for me? yes (with the token) / no
NEWS = "news"  # announcements on / off
REPORT = "rep"  # report an announcement: which one, why
YOUTH = "yw"  # /invite: make, replace or stop referral links
PROVIDER = "pv"  # /myopportunities: edit, announce, close
FORM = "form"  # /newopportunity answers, preview, publish
ANNOUNCE = "ann"  # writing an announcement
MODERATE = "mod"  # approve, reject, recall, dismiss reports
ADMIN = "adm"  # provider approval, staff invites

_ARG = r"[A-Za-z0-9_-]{1,40}"
_PATTERN = re.compile(rf"^(?P<ns>[a-z]{{1,10}}):(?P<action>{_ARG})(?::(?P<arg>{_ARG}))?$")
MAX_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Callback:
    """A parsed button press: namespace, action and an optional argument."""

    namespace: str
    action: str
    arg: str | None = None

    @property
    def number(self) -> int | None:
        """The argument as a database id, or None if it isn't a sane one."""
        if self.arg is None or not self.arg.isdigit() or len(self.arg) > 10:
            return None
        value = int(self.arg)
        return value if 0 < value <= MAX_ID else None


def build(namespace: str, action: str, arg: str | int | None = None) -> str:
    """Make callback data; fails loudly in development if it would be invalid."""
    data = f"{namespace}:{action}" if arg is None else f"{namespace}:{action}:{arg}"
    if not _PATTERN.match(data) or len(data.encode()) > 64:
        raise ValueError(f"invalid callback data {data!r}")
    return data


def parse(data: str | None) -> Callback | None:
    """Parse callback data made by `build`; None for anything else."""
    if not data or len(data) > 64:
        return None
    match = _PATTERN.match(data)
    if match is None:
        return None
    return Callback(match["ns"], match["action"], match["arg"])


def pattern(namespace: str) -> str:
    """The handler pattern for one namespace."""
    return rf"^{namespace}:"


def pressed(update: Update) -> Callback | None:
    """The parsed button press of a callback-query update, or None."""
    query = update.callback_query
    return parse(query.data) if query is not None else None
