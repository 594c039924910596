"""Every word the bot says, in one place (HTML; dynamic values go through `esc`).

Plain, friendly English for 16-25-year-olds; short lines that read well on a phone.
"""

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from catalogue.badges import AwardLine
    from catalogue.credentials import Verification
    from catalogue.interests import Understanding
    from catalogue.opportunities import OpportunityView
    from catalogue.portfolio import EarnedBadge, Portfolio

MAX_MESSAGE = 4096


def esc(value: object) -> str:
    """Escape a learner's or provider's text for Telegram HTML."""
    return html.escape(str(value), quote=True)


def clip(text: str, limit: int) -> str:
    """Shorten plain text to `limit` characters, never cutting a surrogate pair in half."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


WELCOME = (
    "👋 <b>Hi! I'm learnbot.</b>\n"
    "I help you find free and cheap things to learn and do near you — sports, music, coding, "
    "jobs and loads more — and keep the badges you earn.\n\n"
    "🔒 I only keep what you choose to tell me, and you can see or delete it any time "
    "(/privacy).\n\n"
    "First: how old are you?"
)
WELCOME_BACK = "👋 Welcome back! Tell me what you're into, or type /help to see what I can do."
AGE_BUTTONS = (
    ("16-17", "16-17"),
    ("18-25", "18-25"),
    ("Under 16", "under16"),
    ("Over 25", "over25"),
)


def too_young(minimum_age: int) -> str:
    """The kind answer for someone under the minimum age; nothing about them is kept."""
    return (
        f"Thanks for telling me 💛 learnbot is for people aged {minimum_age} and over, "
        "because of Telegram's rules and to keep everyone safe.\n\n"
        "A youth worker at your school, college or local youth centre can help you find "
        "things to do nearby. I haven't kept anything about you."
    )


TOO_OLD = (
    "learnbot is made for 16-25-year-olds, so the opportunities here are for that age group. "
    "Your local library or council website will have lots for adults. "
    "I haven't kept anything about you."
)
CONSENT = (
    "To suggest things near you I need to remember:\n"
    "• your age group\n"
    "• what you're into\n"
    "• roughly where you are (your area, never your exact location)\n\n"
    "Nobody else sees this, and /delete removes it all. Is that OK?"
)
CONSENT_YES = "Yes, that's OK"
CONSENT_NO = "No thanks"
CONSENT_DECLINED = (
    "No problem — I haven't kept anything. You can still search any time: just type what "
    "you're into, like <i>football in Plymouth</i>."
)
ASK_INTERESTS = (
    "What are you into? Type it in your own words — like <i>footy and making beats</i> — "
    "or pick some below."
)
INTEREST_SUGGESTIONS = (
    "Football",
    "Music production",
    "Coding",
    "Photography",
    "Cooking",
    "Volunteering",
    "Dance",
    "Jobs and CVs",
)
DIDNT_UNDERSTAND_INTERESTS = (
    "Hmm, I didn't catch what you're into. Try a word or two, like <i>basketball</i>, "
    "<i>drawing</i> or <i>cv help</i> — or tap a topic below."
)


def confirm_interests(names: list[str]) -> str:
    """Check back what the bot understood, so the learner can fix it."""
    return f"Got it: <b>{esc(', '.join(names))}</b>. Right?"


CONFIRM_YES = "✅ Yes"
CONFIRM_CHANGE = "✏️ Change"
ASK_LOCATION = (
    "Where are you? Type your town or postcode (like <i>Brighton</i> or <i>PL4</i>), share "
    "your location (I only keep your area, not the exact spot), or choose online only."
)
SHARE_LOCATION = "📍 Share my location"
ONLINE_ONLY = "💻 Online only"
PLACE_NOT_FOUND = (
    "I couldn't find that place 🤔 Try a UK town or postcode, like <i>Southampton</i> or "
    "<i>M1</i>, or choose online only."
)
PLACE_OUTSIDE = (
    "That looks like it's outside Great Britain — I only know places in England, Scotland "
    "and Wales so far. Try a town or postcode, or choose online only."
)
WHICH_PLACE = "There's more than one place called that. Which one?"


def area_saved(area: str) -> str:
    """Confirm the coarse area kept for the learner."""
    return f"📍 Great, I'll look near <b>{esc(area)}</b>."


ONLINE_SAVED = "💻 Online only — got it."
ALL_SET = "You're all set! Here's what I found for you 👇"
HELP = (
    "<b>What I can do</b>\n"
    "• Type what you're into (like <i>coding</i> or <i>footy in Salford</i>) to search\n"
    "/search — search for something\n"
    "/interests — change what you're into\n"
    "/location — change your area\n"
    "/saved — things you saved\n"
    "/portfolio — your badges, to keep and take anywhere\n"
    "/claim — collect a badge with a code\n"
    "/reminders — your reminders\n"
    "/settings — distance and more\n"
    "/mydata — see everything I keep about you\n"
    "/delete — delete everything about you\n"
    "/privacy — how I use your information\n"
    "/cancel — stop what we're doing"
)
PRIVACY = (
    "<b>Your privacy</b> 🔒\n"
    "• I keep: your age group, what you're into, your area (not your exact location), and "
    "things you save.\n"
    "• I never keep your name, phone number or exact location.\n"
    "• Providers and youth workers never see who you are — only totals.\n"
    "• /mydata sends you everything I keep. /delete wipes it all, straight away.\n"
    "• Worried about something? Talk to a youth worker you trust, or call Childline free on "
    "0800 1111."
)
CANCELLED = "OK, stopped. Type what you're into any time, or /help."
NOTHING_TO_CANCEL = "There's nothing to cancel. Type what you're into any time, or /help."
UNSUPPORTED_MESSAGE = (
    "I can only read text messages for now 🙂 Type what you're into, or /help to see what I "
    "can do."
)
OLD_BUTTON = "That button is from an older message — here's where we are now."
APOLOGY = (
    "Sorry, something went wrong on my side 😕 Please try again in a moment. "
    "If it keeps happening, type /start."
)
GROUPS_NOT_SUPPORTED = "I only chat one-to-one. Message me directly to find things to do!"
CRISIS = (
    "It sounds like things might be really hard right now. You don't have to deal with it on "
    "your own 💛\n\n"
    "• <b>Childline</b>: call 0800 1111 (free, any time) or chat at childline.org.uk\n"
    "• <b>Shout</b>: text SHOUT to 85258 (free, 24/7)\n"
    "• If you're in danger right now, call <b>999</b>.\n\n"
    "I'm just a bot and can't help with this myself, but these people can."
)

# --- results -------------------------------------------------------------------------------
MORE = "More ➡️"
OLD_SEARCH = "That search has expired — type what you're into to search again."
DETAILS = "ℹ️ Details"
SAVE = "⭐ Save"
REMIND = "⏰ Remind me"
VENUE = "📍 Map"
SHARE = "📤 Share"
CALENDAR = "📅 Calendar"
SAVED_TOAST = "⭐ Saved! See everything you saved with /saved"
ALREADY_SAVED_TOAST = "Already in your saved list ⭐"
NEEDS_PROFILE_TOAST = "To save things, I need your OK to remember them — type /start first."
NOT_AVAILABLE = "Sorry, that opportunity isn't available any more."
NO_CALENDAR = "That one's ongoing, with no set date — just turn up when it suits you!"
ONLINE_NO_MAP = "That one's online, so there's no map — the details have the link."


def _when(starts_at: datetime | None, ends_at: datetime | None, tz: ZoneInfo) -> str:
    if starts_at is None:
        return "Ongoing — join any time"
    start = starts_at.astimezone(tz)
    text = f"{start:%a} {start.day} {start:%b %Y}"
    if (start.hour, start.minute) != (0, 0):
        text += f", {start:%H:%M}"
    if ends_at is not None:
        end = ends_at.astimezone(tz)
        if end.date() != start.date():
            text += f" – {end:%a} {end.day} {end:%b %Y}"
    return text


def _ages(min_age: int | None, max_age: int | None) -> str:
    if min_age is None and max_age is None:
        return ""
    if max_age is None:
        return f" · ages {min_age}+"
    return f" · ages {min_age or 16}-{max_age}"


def card(
    view: "OpportunityView", distance_km: float | None, reasons: Sequence[str], tz: ZoneInfo
) -> str:
    """One result card: what, who, when, where, cost, badge, and why it matched."""
    if view.online:
        where = "💻 Online"
    else:
        where = f"📍 {esc(view.location)}"
        if distance_km is not None:
            where += f" · {distance_km:.1f} km away"
    cost = "Free" if view.cost.lower() == "free" else view.cost
    lines = [
        f"<b>{esc(clip(view.title, 200))}</b>",
        f"🏢 {esc(view.provider)}",
        f"🗓 {_when(view.starts_at, view.ends_at, tz)}",
        where,
        f"💷 {esc(cost)}{_ages(view.min_age, view.max_age)}",
        f"🏅 {esc(view.badge)}" + (f" — {esc(', '.join(view.skills))}" if view.skills else ""),
    ]
    if reasons:
        # The first reason says why it matched ("footy → Football"); the others (distance,
        # date, cost) are already on the card.
        lines.append(f"💡 <i>{esc(reasons[0])}</i>")
    return "\n".join(lines)


def details(view: "OpportunityView", tz: ZoneInfo) -> str:
    """Everything about one opportunity, with its link."""
    lines = [card(view, None, (), tz), "", esc(clip(view.description, 1500))]
    if view.url:
        lines += ["", f'🔗 <a href="{esc(view.url)}">More info and booking</a>']
    return "\n".join(lines)


def share(view: "OpportunityView", link: str) -> str:
    """A message a learner can forward to a friend."""
    return (
        f"Forward this to a friend 👇\n\n<b>{esc(view.title)}</b> with {esc(view.provider)}\n"
        f"{esc(link)}"
    )


def search_intro(
    intro: str | None, understood: "Understanding", place: str | None, count: int
) -> str:
    """What the bot understood, so the learner can see why these results."""
    names = list(dict.fromkeys(hit.topic.name for hit in understood.topics))
    parts = [intro] if intro else []
    if names:
        where = f" near {esc(place)}" if place else ""
        parts.append(f"🔎 {esc(', '.join(names))}{where}: {count} found.")
    return "\n".join(parts) if parts else f"🔎 {count} found."


def nothing_found(intro: str, alternatives: Sequence[str], has_place: bool) -> str:
    """An honest "nothing fits", with related topics to try instead of weak matches."""
    lines = [intro, "", "I couldn't find anything that fits right now 😕"]
    if alternatives:
        lines.append(f"You could try: <b>{esc(', '.join(alternatives[:5]))}</b>.")
    if has_place:
        lines.append("Or widen your distance in /settings, or try <i>online</i>.")
    lines.append("Type something else you're into any time.")
    return "\n".join(line for line in lines if line is not None)


def more_results(remaining: int) -> str:
    """The prompt under a page of results."""
    return f"{remaining} more {'result' if remaining == 1 else 'results'}."


# --- account -------------------------------------------------------------------------------
NOT_ONBOARDED = "I don't know you yet 🙂 Type /start to set things up (it takes a minute)."
NOTHING_SAVED = "You haven't saved anything yet. Tap ⭐ Save on anything you like the look of."
SAVED_HEADER = "⭐ <b>Your saved opportunities</b>"
ASK_SEARCH = (
    "What are you looking for? Type it in your own words, like <i>coding</i> or "
    "<i>boxing in Salford</i>."
)
MYDATA_CAPTION = "Everything I keep about you, as a file you can keep."
DELETE_CONFIRM = (
    "This deletes <b>everything</b> I keep about you: your age group, interests, area, "
    "saved things and reminders. It can't be undone. Delete it all?"
)
DELETE_YES = "Yes, delete it all"
DELETE_NO = "No, keep it"
DELETED = (
    "Done — I've deleted everything about you. If you ever want to come back, just type "
    "/start. Take care 💛"
)
DELETE_KEPT = "OK, nothing was deleted."
NOTHING_HELD = "I don't keep anything about you right now."


def mydata_summary(export: dict[str, object]) -> str:
    """A readable summary of a learner's data export."""
    profile = export.get("profile")
    if not isinstance(profile, dict):
        lines = ["🔒 <b>Your data</b>", "I don't keep a profile for you."]
        if export.get("conversation_in_progress"):
            lines.append("Only where we are in the current chat (deleted when it ends).")
        return "\n".join(lines)
    saved = export.get("saved")
    area = profile.get("area_name") or ("online only" if profile.get("online_only") else "not set")
    return "\n".join(
        [
            "🔒 <b>Your data</b>",
            f"• Age group: {esc(profile.get('age_band'))}",
            f"• Interests: {esc(', '.join(profile.get('interests') or []) or 'none yet')}",
            f"• Area: {esc(area)} (within {esc(profile.get('radius_km'))} km)",
            f"• Saved: {len(saved) if isinstance(saved, list) else 0}",
            f"• Badges: {len(badges) if isinstance(badges := export.get('badges'), list) else 0}",
            f"• Agreed on: {esc(str(profile.get('consented_at', ''))[:10])}",
            "",
            "The file below has all of it. /delete removes it all.",
        ]
    )


def settings_text(radius_km: int, area: str | None, messages: str | None = None) -> str:
    """The learner's settings (`messages`: the quiet-hours and weekly-picks lines)."""
    return (
        "⚙️ <b>Settings</b>\n"
        f"• Area: {esc(area or 'online only')} (/location to change)\n"
        f"• Distance: within <b>{radius_km} km</b>\n"
        + (f"{messages}\n" if messages else "")
        + "\nHow far are you happy to travel?"
    )


def radius_saved(radius_km: int) -> str:
    """Confirm a new distance."""
    return f"Done — I'll look within {radius_km} km."


PLEASE_USE_AGE_BUTTONS = "Just tap the button for your age group below 👇"
PLEASE_USE_CONSENT_BUTTONS = "Just tap one of the buttons below 👇"
UNKNOWN_COMMAND = "I don't know that command 🤔 Type /help to see what I can do."
SHARED_GONE = "The opportunity your friend shared has finished or isn't available any more."

# --- staff ---------------------------------------------------------------------------------
STAFF_ONLY = (
    "Sorry, that's only for youth workers, providers and admins. "
    "Type /help to see what you can do."
)
STAFF_ONLY_TOAST = "Sorry, that button is only for staff."

# --- reminders and delivery ----------------------------------------------------------------
REMINDER_LABELS = {
    "day_before": "📅 The day before",
    "morning": "🌅 That morning",
    "two_hours": "⏱ 2 hours before",
    "deadline": "⌛ Before it ends",
}
REMIND_PICK_TIME = "🕐 Pick a day and time"
REMIND_NEEDS_PROFILE = "To set reminders, I need your OK to remember them — type /start first."
REMIND_FINISHED = "That one has already started or finished, so there's nothing to remind you of."
REMIND_NO_TIME_LEFT = "There's no time left that day — pick another."
REMIND_TOO_LATE = "That time has passed or is too late to help — pick another."
REMINDERS_NONE = (
    "You have no reminders yet. Tap ⏰ Remind me on anything you like the look of, and I'll "
    "message you before it starts."
)
REMINDER_CANCELLED_TOAST = "Reminder cancelled"
QUIET_ASK = (
    "🌙 <b>Quiet hours</b>\nWhen shall I keep quiet? I won't send reminders or news then — "
    "anything due waits until they end."
)
QUIET_BUTTON = "🌙 Quiet hours"
DIGEST_ON_BUTTON = "📬 Turn weekly picks on"
DIGEST_OFF_BUTTON = "📬 Turn weekly picks off"
DIGEST_ON = (
    "📬 Done — on Saturday mornings I'll send you new things that match what you're into and "
    "where you are, at most once a week and without a buzz. Turn it off any time in /settings."
)
DIGEST_OFF = "📬 Done — no more weekly picks."
_LATE = "Sorry, this is late — I was offline for a bit 🙏\n"


def _relative_day(moment_local: datetime, today: datetime) -> str:
    days = (moment_local.date() - today.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"{moment_local:%a} {moment_local.day} {moment_local:%b}"


def reminder_choice_label(kind: str, due: datetime, now: datetime, tz: ZoneInfo) -> str:
    """A reminder choice button: what it is and when it would go."""
    local, today = due.astimezone(tz), now.astimezone(tz)
    return f"{REMINDER_LABELS[kind]} · {_relative_day(local, today)} {local:%H:%M}"


def ask_reminder(title: str, ongoing: bool) -> str:
    """Which reminder the learner wants for one opportunity."""
    if ongoing:
        return (
            f"⏰ When shall I remind you about <b>{esc(title)}</b>? "
            "It's on any time, so pick a day."
        )
    return f"⏰ When shall I remind you about <b>{esc(title)}</b>?"


def ask_reminder_day(title: str) -> str:
    """The day picker of a custom reminder."""
    return f"📅 Which day shall I remind you about <b>{esc(title)}</b>?"


def reminder_day_label(day: datetime, now: datetime, tz: ZoneInfo) -> str:
    """A day button: Today, Tomorrow, Sat 8 May."""
    label = _relative_day(day, now.astimezone(tz))
    return label[0].upper() + label[1:]


def ask_reminder_time(day: datetime, now: datetime, tz: ZoneInfo) -> str:
    """The time picker of a custom reminder."""
    return f"🕐 What time {_relative_day(day, now.astimezone(tz))}?"


def reminder_set(title: str, due: datetime, now: datetime, tz: ZoneInfo, moved: bool) -> str:
    """Confirm a reminder, saying when it will come."""
    local = due.astimezone(tz)
    day = _relative_day(local, now.astimezone(tz))
    lines = [
        f"⏰ Done! I'll remind you about <b>{esc(title)}</b> "
        f"{day} ({local:%a} {local.day} {local:%b}) at {local:%H:%M}."
    ]
    if moved:
        lines.append("That was in your quiet hours, so I moved it.")
    lines.append("See or cancel your reminders with /reminders.")
    return "\n".join(lines)


def reminders_list(items: Sequence[tuple[str, datetime]], tz: ZoneInfo) -> str:
    """/reminders: what is coming up, soonest first."""
    lines = ["⏰ <b>Your reminders</b>"]
    for title, due in items:
        local = due.astimezone(tz)
        lines.append(f"• <b>{esc(title)}</b> — {local:%a} {local.day} {local:%b}, {local:%H:%M}")
    lines.append("\nTap one below to cancel it.")
    return "\n".join(lines)


def reminder_cancel_label(title: str, due: datetime, tz: ZoneInfo) -> str:
    """A cancel button in /reminders."""
    local = due.astimezone(tz)
    return f"❌ {clip(title, 28)} · {local:%a} {local:%H:%M}"


def reminder_cancelled(title: str) -> str:
    """Confirm a cancelled reminder."""
    return f"❌ Cancelled your reminder about <b>{esc(title)}</b>."


def reminder_message(
    kind: str,
    view: "OpportunityView",
    *,
    now: datetime,
    tz: ZoneInfo,
    late: bool,
) -> str:
    """The reminder itself, with the opportunity's card under it."""
    today = now.astimezone(tz)
    if kind == "deadline" and view.ends_at is not None:
        end = view.ends_at.astimezone(tz)
        head = f"⌛ <b>Last chance:</b> {esc(view.title)} ends {_relative_day(end, today)}."
    elif view.starts_at is not None:
        start = view.starts_at.astimezone(tz)
        at = "" if (start.hour, start.minute) == (0, 0) else f" at {start:%H:%M}"
        verb = "starts" if start > now else "started"
        head = f"⏰ <b>Reminder:</b> {esc(view.title)} {verb} {_relative_day(start, today)}{at}."
    else:
        head = f"⏰ <b>Reminder:</b> you asked me to remind you about {esc(view.title)}."
    return f"{_LATE if late else ''}{head}\n\n{card(view, None, (), tz)}"


def missed_reminders(titles: Sequence[str]) -> str:
    """One message after downtime for every reminder that was too late to send."""
    count = len(titles)
    lines = [
        f"😕 Sorry — I was offline and missed {count} "
        f"{'reminder' if count == 1 else 'reminders'} you asked for:"
    ]
    lines += [f"• {esc(title)}" for title in titles[:10]]
    if count > 10:
        lines.append(f"• …and {count - 10} more")
    lines.append(
        "They were too late to help, so I didn't send them. /reminders shows what's next."
    )
    return "\n".join(lines)


def digest(views: Sequence["OpportunityView"], tz: ZoneInfo) -> str:
    """The weekly picks: new things that match the learner."""
    lines = [
        "📬 <b>Your weekly picks</b>",
        f"{len(views)} new {'thing' if len(views) == 1 else 'things'} for you this week:",
        "",
    ]
    for view in views:
        where = "online" if view.online else view.location
        lines.append(
            f"• <b>{esc(clip(view.title, 120))}</b> — {esc(view.provider)} · "
            f"{_when(view.starts_at, view.ends_at, tz)} · {esc(where)}"
        )
    lines += ["", "Tap one for details. Turn these off in /settings."]
    return "\n".join(lines)


def digest_button(title: str) -> str:
    """A details button under the weekly picks."""
    return f"ℹ️ {clip(title, 40)}"


def delivery_settings(quiet: str | None, digest_on: bool) -> str:
    """The message-settings lines of /settings."""
    return (
        f"• Quiet hours: <b>{esc(quiet or 'none')}</b> (no reminders or news then)\n"
        f"• Weekly picks: <b>{'on' if digest_on else 'off'}</b>"
    )


def quiet_label(label: str, current: bool) -> str:
    """A quiet-hours choice."""
    return f"{'✅ ' if current else ''}{label}"


def quiet_saved(label: str) -> str:
    """Confirm new quiet hours."""
    return f"🌙 Done — I'll keep quiet {esc(label)}. Anything due then waits until they end."


# --- badges and portfolio ------------------------------------------------------------------


def _day(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.day} {local:%b %Y}"


def _moment(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b}"


def _skills(skills: Sequence[str]) -> str:
    return f"\nSkills: {esc(', '.join(skills))}" if skills else ""


CLAIM_USAGE = (
    "🏅 To collect a badge, type the code you were given, like <code>/claim ABCDE-23456</code> "
    "— or just type the code, or scan the QR code."
)
CLAIM_NEEDS_PROFILE = (
    "🏅 You've got a badge to collect! First I need your OK to keep it for you — type /start "
    "(it takes a minute), then type the code again."
)
CLAIM_AFTER_ONBOARDING = (
    "🏅 There's a badge waiting for you! Let's get you set up first (it takes a minute) — "
    "then open the link again, or type the code, to collect it."
)
CLAIM_UNKNOWN = (
    "Hmm, I don't recognise that code 🤔 Check it with the person who gave it to you. Codes "
    "look like <code>ABCDE-23456</code> and never use 0, O, 1, I or L."
)
CLAIM_TOO_MANY_TRIES = (
    "That's a few codes in a row that didn't work, so I've paused claiming for you for 10 "
    "minutes (it stops people guessing codes). Check the code, then try again."
)


def claim_awarded(badge: str, provider: str, skills: Sequence[str]) -> str:
    """The badge is theirs."""
    return (
        f"🎉 <b>You earned {esc(badge)}!</b>\nfrom {esc(provider)}{_skills(skills)}\n\n"
        "It's in your /portfolio: you can download it there and take it anywhere."
    )


def claim_already(badge: str, when: datetime | None, tz: ZoneInfo) -> str:
    """They have this badge already."""
    earned = f" — you earned it on {_day(when, tz)}" if when else ""
    return f"You've already got <b>{esc(badge)}</b>{earned} 🙂 See it in /portfolio."


def claim_expired(badge: str, when: datetime | None, tz: ZoneInfo) -> str:
    """The code ran out of time."""
    ended = f" stopped working at {_moment(when, tz)}" if when else " has expired"
    return (
        f"⌛ That code for <b>{esc(badge)}</b>{ended}. Ask the person running the session "
        "for a new one."
    )


def claim_used_up(badge: str) -> str:
    """The code has been used as often as it may be."""
    return (
        f"That code for <b>{esc(badge)}</b> has already been used as many times as it can be. "
        "Ask the person who gave it to you for a new one."
    )


PORTFOLIO_EMPTY = (
    "🏅 <b>Your badges</b>\nNo badges yet! When you finish something, the organiser gives "
    "you a code or a QR code: type the code here or scan it to collect your badge.\n\n"
    "Got a badge from somewhere else? Send me its file (PNG or JSON) and I'll keep it here."
)
_CHECKED = {
    "verified": "✅ checked",
    "expired": "⌛ expired",
    "unverifiable": "❔ not checked",
}


def _badge_line(badge: "EarnedBadge", tz: ZoneInfo) -> str:
    line = f"• {esc(badge.name)} — {esc(badge.issuer)}, {_day(badge.awarded_at, tz)}"
    if badge.source != "learnbot":
        line += f" (from elsewhere, {_CHECKED.get(badge.verification, 'not checked')})"
    return line


def portfolio(view: "Portfolio", tz: ZoneInfo) -> str:
    """The learner's badges grouped by skill, with a total per skill, and withdrawn ones."""
    active = [badge for badge in view.badges if badge.active]
    count = f"{len(active)} badge{'s' if len(active) != 1 else ''}"
    lines = [f"🏅 <b>Your badges</b> ({count})"]
    for group in view.by_skill():
        total = len(group.badges)
        lines += ["", f"<b>{esc(group.skill)}</b> · {total} badge{'s' if total != 1 else ''}"]
        lines += [_badge_line(badge, tz) for badge in group.badges]
    if view.withdrawn:
        lines += ["", "⚠️ <b>Withdrawn</b> (no longer valid)"]
        for badge in view.withdrawn:
            when = _day(badge.revoked_at, tz) if badge.revoked_at else ""
            why = f": {esc(badge.revoked_reason)}" if badge.revoked_reason else ""
            lines.append(f"• {esc(badge.name)} — withdrawn by {esc(badge.issuer)} on {when}{why}")
    if any(badge.exportable and badge.active for badge in view.badges):
        lines += [
            "",
            "Download a badge as a picture with its proof baked in, or all of them as one "
            "file — they work in any Open Badges 3.0 wallet 👇",
        ]
    return "\n".join(lines)


DOWNLOAD_ALL = "📦 All my badges (one file)"


def download_badge(name: str) -> str:
    """The button that sends one badge as a baked PNG."""
    return f"🖼 {clip(name, 40)}"


WHAT_NEXT = "👣 <b>What next?</b> These build on your badges:"
PORTFOLIO_FILE_CAPTION = (
    "📦 All your badges in one file (a W3C Verifiable Presentation). Each badge inside "
    "carries its own signature, so any Open Badges 3.0 checker can confirm it — no need to "
    "ask me."
)


def badge_picture_caption(name: str) -> str:
    """The caption of a baked badge PNG."""
    return (
        f"🏅 <b>{esc(name)}</b> — the badge's proof is baked into this picture. Upload it to "
        "any Open Badges 3.0 wallet or checker."
    )


BADGE_NOT_YOURS = "That badge isn't in your portfolio any more."
NOTHING_TO_DOWNLOAD = "There's nothing to download yet."
BADGE_FILE_TOO_BIG = (
    "That file is too big to be a badge 🤔 Badge files are small (under 2 MB). Try the "
    "original file from wherever you earned it."
)
BADGE_FILE_NOT_A_BADGE = (
    "I couldn't find a badge in that file. Send the badge picture (PNG) or its JSON file — "
    "as a <b>file</b>, not a photo, so the badge data inside survives."
)
BADGE_FILE_MALFORMED = (
    "That file looks damaged, so I can't read the badge in it. Try downloading it again from "
    "where you got it."
)
BADGE_FILE_ONLINE_ONLY = (
    "That badge only points to a website, and I never open links from files (it keeps "
    "everyone safe). Ask whoever gave it to you for an Open Badges 3.0 version — it carries "
    "its own proof."
)
BADGE_FILE_DUPLICATE = "That badge is already in your /portfolio 🙂"
BADGE_FILE_NOTHING_KEPT = "I couldn't keep any badge from that file."


def badge_file_kept(verification: "Verification", tz: ZoneInfo) -> str:
    """A badge from elsewhere was added, with what checking it found."""
    head = f"🏅 Added <b>{esc(verification.name)}</b> from {esc(verification.from_name)}"
    if verification.status == "verified":
        note = "✅ I checked its signature: it's genuine and hasn't been changed."
    elif verification.status == "expired":
        until = verification.valid_until
        note = f"⌛ It expired{f' on {_day(until, tz)}' if until else ''}, so it's marked expired."
    else:
        note = (
            f"❔ I couldn't check it offline ({esc(verification.reason)}), so it's marked "
            "as not checked."
        )
    return f"{head} to your /portfolio.\n{note}"


def badge_file_refused(verification: "Verification") -> str:
    """A badge from elsewhere that can't be kept: tampered, unsigned, revoked or nameless."""
    name = esc(verification.name) if verification.name else "this badge"
    if verification.status == "revoked":
        return f"⚠️ <b>{name}</b> has been withdrawn by whoever issued it, so I can't add it."
    return (
        f"⚠️ I can't keep <b>{name}</b>: {esc(verification.reason or 'I could not read it')}. "
        "If you think that's wrong, ask whoever gave it to you for a fresh copy."
    )


# staff: claim codes and revocation
CODES_USAGE = (
    "🎟 <b>Claim codes</b>\n"
    "/codes OPPORTUNITY — a session code: works for 3 hours, up to 30 people\n"
    "/codes OPPORTUNITY session HOURS CAP — choose how long and how many\n"
    "/codes OPPORTUNITY single N — N single-use codes, each with a QR code\n"
    "OPPORTUNITY is its id in the catalogue, like <code>bn-foot</code>."
)


def codes_usage(opportunities: Sequence[tuple[str, str]]) -> str:
    """How to make codes, with the opportunities this person can make them for."""
    if not opportunities:
        return CODES_USAGE
    listed = "\n".join(
        f"• <code>{esc(cid)}</code> {esc(clip(title, 60))}" for cid, title in opportunities
    )
    return f"{CODES_USAGE}\n\nYours:\n{listed}"


CODES_NOT_FOUND = "I can't find that opportunity. Use its catalogue id, like <code>bn-foot</code>."
CODES_NOT_YOURS = "That opportunity belongs to another provider, so you can't make codes for it."


def codes_refused(reason: str) -> str:
    """A code request that can't be met."""
    return f"That didn't work: {esc(reason)}. Type /codes to see how."


def session_code(
    title: str, code: str, link: str, expires_at: datetime, cap: int, tz: ZoneInfo
) -> str:
    """A new session code: show the QR or read the code out."""
    return (
        f"🎟 <b>Session code for {esc(title)}</b>\n"
        f"Code: <code>{esc(code)}</code>\n"
        f"Works until {_moment(expires_at, tz)}, for up to {cap} people.\n"
        f"Link: {esc(link)}\n\n"
        "Show the QR code, or read out the code: learners scan it or type it to me."
    )


def single_codes(title: str, codes: Sequence[tuple[str, str]]) -> str:
    """New single-use codes; the zip holds a QR code for each."""
    lines = [
        f"🎟 <b>{len(codes)} single-use code{'s' if len(codes) != 1 else ''} for {esc(title)}</b>"
    ]
    lines += [f"<code>{esc(code)}</code> {esc(link)}" for code, link in codes]
    lines += ["", "Each works once. The file has a QR code for each, to print and hand out."]
    return "\n".join(lines)


def recent_awards(lines: Sequence["AwardLine"], tz: ZoneInfo) -> str:
    """How to revoke, and the latest awards (no learner is ever named)."""
    text = [
        "↩️ <b>Revoke a badge</b>",
        "/revoke AWARD REASON — e.g. <code>/revoke 42 the code was shared online</code>",
        "The learner sees it marked in their portfolio; checking the badge reports it revoked.",
    ]
    if lines:
        text += ["", "Latest awards:"]
        for line in lines:
            how = f", {line.code_kind} code" if line.code_kind else ""
            mark = " (revoked)" if line.revoked_at else ""
            when = _moment(line.awarded_at, tz)
            text.append(f"#{line.award_id} {esc(clip(line.badge, 60))} · {when}{how}{mark}")
    return "\n".join(text)


REVOKE_NEEDS_REASON = (
    "Please give a reason, e.g. <code>/revoke 42 the code was shared online</code>."
)
REVOKE_NOT_FOUND = "There's no badge award with that number issued here."
REVOKE_NOT_YOURS = "That award is for another provider's badge, so you can't revoke it."


def revoked(award_id: int, badge: str, fresh: bool) -> str:
    """Confirm a revocation (or that it had already happened)."""
    if not fresh:
        return f"Award #{award_id} (<b>{esc(badge)}</b>) was already revoked."
    return (
        f"Done: award #{award_id} (<b>{esc(badge)}</b>) is revoked. The learner sees it marked "
        "in their portfolio, and checking the badge now reports it revoked."
    )


# --- staff: youth workers, providers, moderation -------------------------------------------
# Staff-facing counts go through `count`: under 5 reads "fewer than 5", so nobody can work out
# what one young person did. Everything a provider or youth worker typed goes through `esc`.

if TYPE_CHECKING:
    from catalogue.announcements import AnnouncementView, Issue
    from catalogue.providers import ProviderRequest
    from catalogue.referrals import ReferralLink
    from catalogue.stats import Funnel


def count(number: int) -> str:
    """A count for staff: exact from 5 up, "fewer than 5" below."""
    from catalogue.stats import shown

    safe = shown(number)
    return "fewer than 5" if safe is None else str(safe)


def _date(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %Y}"


def _date_time(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    return f"{_date(moment, tz)}, {local:%H:%M}"


STAFF_COMMAND_DESCRIPTIONS = {
    "staff": "What staff can do",
    "invite": "Referral links and QR posters",
    "stats": "Numbers (totals only)",
    "newopportunity": "Add an opportunity",
    "myopportunities": "Your opportunities and reach",
    "pending": "Waiting for a decision",
    "staffinvite": "Invite a staff member",
}
ROLE_NAMES = {
    "admin": "👑 Admin",
    "moderator": "🛡 Moderator",
    "youth_worker": "🧑‍🏫 Youth worker",
    "provider": "🏢 Provider member",
}
USE_THE_BUTTONS = "Just tap one of the buttons above 👆 — or /cancel to stop."
EDIT = "✏️ Edit"
WHICH_FIELD = "What would you like to change?"


def staff_help(commands: Sequence[tuple[str, str]]) -> str:
    """The staff commands this person can use."""
    lines = ["🧰 <b>Staff commands</b>"]
    lines += [f"/{name} — {esc(description)}" for name, description in commands]
    lines += [
        "",
        "They're in your command menu too. Young people never see them, and never see who "
        "you are: only your organisation's name.",
    ]
    return "\n".join(lines)


# Referral links, as a young person meets them.
ASK_REFERRAL_CONSENT = (
    "Can I let them know you joined? They only ever see totals, like “12 people joined” — "
    "never your name, your answers or anything you do here. It's fine to say no."
)
REFERRAL_YES = "Yes, count me"
REFERRAL_NO = "No thanks"


def referred_by(organisation: str | None, label: str) -> str:
    """Who shared the link (an organisation and the link's name, never a person)."""
    who = esc(organisation) if organisation else "a youth worker"
    extra = f" ({esc(label)})" if label else ""
    return f"🤝 You came here through a link from <b>{who}</b>{extra}."


def referral_answered(yes: bool, outcome: str | None) -> str:
    """After the learner chose whether to be counted."""
    if not yes:
        return "No problem — nothing about you is shared with them."
    if outcome in ("joined", "already"):
        return "Thanks! They'll see one more person joined — never who."
    return "Thanks! That link has closed, so it wasn't counted — no problem at all."


def referral_not_counted(status: str) -> str:
    """A referral link that no longer counts: nobody is turned away."""
    reason = {
        "expired": "That link has expired, so it won't be counted",
        "used_up": "That link has reached its limit, so it won't be counted",
    }.get(status, "I don't recognise that link")
    return f"{reason} — but you're very welcome here! 👋"


def referral_search_intro(search: str, place: str | None) -> str:
    """The pre-filled search a topic or place link starts with."""
    what = esc(search) if search else "things you're into"
    where = f" near {esc(place)}" if place else ""
    return f"🔗 Your youth worker suggested: <b>{what}</b>{where}."


# Staff invites, as whoever opens one meets them.
STAFF_INVITE_YES = "Yes, that's me"
STAFF_INVITE_NO = "No, I'm here to find things to do"
STAFF_INVITE_DECLINED = "No problem — that link stays unused for the person it's meant for."
STAFF_INVITE_FOR_STAFF = (
    "That's a staff invite link, and you already use learnbot as a young person, so I've left "
    "everything as it is. If you do work for an organisation, ask an admin to set you up."
)


def _for(role: str | None, provider: str | None, organisation: str | None) -> str:
    name = ROLE_NAMES.get(role or "", "member of staff")
    place = provider or organisation
    return f"<b>{esc(name)}</b>" + (f" for <b>{esc(place)}</b>" if place else "")


def staff_invite_confirm(role: str | None, provider: str | None, organisation: str | None) -> str:
    """Ask whether the person opening a staff invite is the one it was meant for."""
    return (
        "🔑 This is a staff invite: it makes whoever opens it a "
        f"{_for(role, provider, organisation)}."
        "\n\nIs that you? If you're here to find things to do, tap No — nothing changes."
    )


def staff_invite_not_valid(status: str) -> str:
    """A staff invite that can't be used."""
    reason = {
        "used": "That staff invite has already been used.",
        "expired": "That staff invite has expired (they last a week).",
    }.get(status, "I don't recognise that invite link.")
    return f"{reason} If it was meant for you, ask whoever sent it for a new one."


def staff_welcome(role: str | None, provider: str | None, organisation: str | None) -> str:
    """Welcome a new member of staff."""
    who = _for(role, provider, organisation)
    return f"✅ You're set up as a {who}. /staff shows what you can do."


# /invite: youth workers' links.
INVITE_DEFAULT = "🔗 My default link"
INVITE_GROUP = "👥 Link for a group or event"
INVITE_SEARCH = "🔎 Link that starts with a search"
INVITE_STOP = "🛑 Stop a link"
INVITE_NEW_DEFAULT = "🔄 Make a new default link"
ASK_LINK_LABEL = (
    "What's the group or event called? Young people see this name, so keep it simple — like "
    "<i>Year 12 at Varndean</i> or <i>Hove Youth Fair</i>."
)
BAD_LINK_LABEL = (
    "Please use 2-60 characters, with no contact details, links or HTML — like "
    "<i>Year 12 at Varndean</i>."
)
ASK_LINK_SEARCH = (
    "What should young people start by looking at? A topic or two, like <i>coding</i> or "
    "<i>football</i>."
)
BAD_LINK_SEARCH = (
    "I didn't recognise a topic there. Try a word or two, like <i>coding</i>, <i>football</i> "
    "or <i>music production</i>."
)
ASK_LINK_PLACE = (
    "Where? Type a town or postcode (like <i>Hove</i> or <i>BN3</i>), or tap Anywhere to use "
    "each young person's own area."
)
BAD_LINK_PLACE = (
    "I couldn't pin that to one place. Try a town or a postcode district, or tap Anywhere."
)
ANYWHERE = "🌍 Anywhere"
ASK_LINK_EXPIRY = "How long should the link work?"
ASK_LINK_CAP = "How many young people can join through it?"
NO_LIMITS = "It has no end date and no limit."
PICK_LINK_TO_STOP = "Which link should stop working? People who already joined stay counted."
LINK_STOPPED = "🛑 Stopped: that link won't count anyone new."
POSTER_PITCH = "Find free things to do near you, and earn badges for them"
POSTER_FOOTER = (
    "Scan with your phone camera to open learnbot in Telegram. Free and private, for 16-25s."
)
POSTER_SENT = "🖨 Your QR poster (A4): print it, or put it on a screen."
NO_LINKS_YET = "You haven't made any referral links yet — /invite makes one."


def link_expiry_label(days: int) -> str:
    """A button for how long a link works."""
    return {7: "1 week", 30: "1 month", 90: "3 months"}.get(days, "No end date")


def link_cap_label(cap: int) -> str:
    """A button for how many can join through a link."""
    return f"Up to {cap}" if cap else "No limit"


def link_name(label: str, search: object = None, place: object = None) -> str:
    """What a link is called: its label, or its search and place, or "Default link"."""
    if label:
        return label
    parts = [str(part) for part in (search, place) if part]
    return " · ".join(parts) if parts else "Default link"


def link_limits(expires_at: datetime | None, cap: int | None, tz: ZoneInfo) -> str:
    """When a link stops working and how many it takes."""
    until = f"It works until {_date(expires_at, tz)}" if expires_at else "It has no end date"
    limit = f"for up to {cap} people" if cap else "and no limit"
    return f"{until}, {limit}."


def referral_link_made(link: str, label: str, note: str) -> str:
    """A new link, shown once."""
    return (
        f"✅ <b>{esc(link_name(label))}</b>\n{esc(link)}\n\n{esc(note)}\n\n"
        "⚠️ Keep this message: I only keep a fingerprint of the link, so I can't show it again. "
        "Share the link, or print the poster below."
    )


def poster_caption(organisation: str | None, label: str) -> str:
    """The line under the QR code (plain text: it's drawn, not sent)."""
    return " · ".join(part for part in (organisation or "learnbot", label) if part)


def default_link_exists(created_at: datetime, tz: ZoneInfo) -> str:
    """The default link can't be shown again: only its hash is kept."""
    return (
        f"You made your default link on {_date(created_at, tz)}. For safety I only keep a "
        "fingerprint of it, so I can't show it again — it's further up our chat. Lost it? Make "
        "a new one (the old one stops counting)."
    )


def invite_menu(organisation: str | None, links: "Sequence[ReferralLink]", tz: ZoneInfo) -> str:
    """The youth worker's live links and what young people will see."""
    who = esc(organisation) if organisation else "a youth worker"
    lines = [
        "🔗 <b>Referral links</b>",
        f"Young people who open your links see <b>{who}</b> and the link's name — never your own "
        "name — and are only counted if they agree.",
        "",
    ]
    if not links:
        lines.append("You have no links working yet.")
    for link in links[:15]:
        until = f", until {_date(link.expires_at, tz)}" if link.expires_at else ""
        cap = f" of {link.max_uses}" if link.max_uses else ""
        lines.append(
            f"• {esc(link_name(link.label, link.search_text, link.place))} — "
            f"{count(link.uses)}{cap} joined{until}"
        )
    return "\n".join(lines)


def link_stats(links: "Sequence[ReferralLink]", tz: ZoneInfo) -> str:
    """Each link's counts (totals only)."""
    lines = ["📈 <b>Your links</b> (counts under 5 show as “fewer than 5”)"]
    for link in links[:20]:
        stopped = "" if link.active else " (stopped)"
        c = link.counts
        lines += [
            "",
            f"<b>{esc(link_name(link.label, link.search_text, link.place))}</b>{stopped}, "
            f"made {_date(link.created_at, tz)}",
            f"Joined: {count(c.joined)} · Set up: {count(c.onboarded)} · "
            f"Saved something: {count(c.saved)} · Earned a badge: {count(c.badge_claimed)}",
        ]
    return "\n".join(lines)


def funnel(totals: "Funnel") -> str:
    """The learner funnel, totals only."""
    matched = "not worked out" if totals.matched is None else count(totals.matched)
    return "\n".join(
        [
            "📊 <b>All learners</b> (totals only; under 5 shows as “fewer than 5”)",
            f"Joined: {count(totals.joined)}",
            f"Set up (interests and area): {count(totals.onboarded)}",
            f"Have something that fits: {matched}",
            f"Saved something: {count(totals.saved)}",
            f"Got a reminder: {count(totals.reminded)}",
            f"Claimed a badge: {count(totals.badge_claimed)}",
        ]
    )


# Providers: joining, and what they offer.
ASK_ORGANISATION_NAME = (
    "🏢 <b>Offer opportunities on learnbot</b>\n"
    "What's your organisation called? (like <i>Kemptown Youth Club</i>)\n\n"
    "An admin checks every organisation before it can reach young people. /cancel to stop."
)
BAD_ORGANISATION_NAME = (
    "Please give the organisation's name: 2-100 characters, with no contact details or links."
)
ASK_ORGANISATION_ABOUT = "In one line, what do you offer young people? You can add your website."
BAD_ORGANISATION_ABOUT = (
    "Please keep it to one line (up to 300 characters), with no phone numbers, emails or handles."
)
NAME_TAKEN = (
    "There's already an organisation with that name. If you work there, ask an admin for an "
    "invite link to join it."
)
PROVIDER_APPROVED_NOTICE = (
    "✅ Your organisation is approved! /newopportunity adds what you offer, or send me a CSV "
    "catalogue file. /staff shows everything you can do."
)
PROVIDER_REJECTED_NOTICE = (
    "Sorry — an admin didn't approve your organisation this time. If you think that's a "
    "mistake, contact your city of learning team."
)
PROVIDER_APPROVED = "✅ Approved. I've let them know."
PROVIDER_REJECTED = "Turned down. I've let them know."
ALREADY_DECIDED = "Someone already decided on that one."
NO_OPPORTUNITIES_YET = (
    "You haven't got any open opportunities yet. /newopportunity adds one, or send me a CSV "
    "catalogue file."
)
ANNOUNCE = "📣 Announce"
CLOSE = "🛑 Close"
CLOSE_YES = "Yes, close it"
CLOSE_NO = "No, keep it"
KEPT_OPEN = "OK, it stays open."
NOT_YOURS = "That isn't one of your organisation's open opportunities."
WHICH_ORGANISATION = "Which organisation is it for?"


def registration_sent(name: str) -> str:
    """A provider's request went to the admins."""
    return (
        f"✅ Thanks! I've asked an admin to check <b>{esc(name)}</b>. I'll message you when "
        "it's approved; then /newopportunity adds what you offer."
    )


def already_registered(approved: Sequence[str], waiting: Sequence[str]) -> str:
    """Someone who already belongs to an organisation asked to register again."""
    if approved:
        names = esc(", ".join(approved))
        return f"You're already set up for <b>{names}</b>. /staff shows what you can do."
    return (
        f"Your request for <b>{esc(', '.join(waiting))}</b> is waiting for an admin. I'll "
        "message you when it's approved."
    )


def provider_request_notice(name: str) -> str:
    """Tell the admins an organisation asked to join."""
    return f"🏢 <b>{esc(name)}</b> asked to offer opportunities. /pending to approve or turn down."


def provider_request(request: "ProviderRequest") -> str:
    """An organisation waiting for approval, for an admin."""
    who = ", ".join(str(i) for i in request.requested_by) or "nobody (left)"
    return (
        f"🏢 <b>{esc(request.name)}</b> wants to offer opportunities\n"
        f"{esc(request.about) or '<i>(nothing said about it)</i>'}\n"
        f"Asked by Telegram user {esc(who)}"
    )


def not_approved_yet(names: Sequence[str]) -> str:
    """A provider member whose organisation isn't approved (or who has none)."""
    if names:
        return (
            f"<b>{esc(', '.join(names))}</b> is waiting for an admin's approval — I'll message "
            "you when it's done."
        )
    return (
        "You're not a member of an approved organisation yet. /register asks to join, or ask "
        "an admin for an invite link."
    )


def my_opportunities_header(open_count: int, latest: "Sequence[AnnouncementView]") -> str:
    """The top of /myopportunities: what reach means, and recent announcements."""
    lines = [
        f"🏢 <b>Your opportunities</b> ({open_count} open)",
        "Reach is totals only — never who. Counts under 5 show as “fewer than 5”.",
    ]
    if latest:
        lines += ["", "📣 Latest announcements:"]
        for view in latest:
            status = ANNOUNCEMENT_STATUS.get(view.status, view.status)
            reach = f", {view.audience} learners" if view.status == "approved" else ""
            lines.append(f"• {esc(clip(view.title, 60))} — {status}{reach}")
    return "\n".join(lines)


ANNOUNCEMENT_STATUS = {
    "submitted": "waiting for review",
    "approved": "approved",
    "rejected": "not approved",
    "recalled": "recalled",
}


def my_opportunity(view: "OpportunityView", saved: int, tz: ZoneInfo) -> str:
    """One of the provider's opportunities with its reach."""
    where = "💻 Online" if view.online else f"📍 {esc(view.location)}"
    return (
        f"<b>{esc(clip(view.title, 200))}</b>\n🗓 {_when(view.starts_at, view.ends_at, tz)}\n"
        f"{where}\n⭐ Saved by {count(saved)} learners"
    )


def more_opportunities(remaining: int) -> str:
    """More opportunities than one screen shows."""
    return f"…and {remaining} more. Send a CSV file to update lots at once."


def confirm_close(title: str) -> str:
    """Check before closing an opportunity."""
    return f"Close <b>{esc(title)}</b>? Learners won't find it any more."


def closed(title: str) -> str:
    """An opportunity was closed."""
    return f"🛑 Closed: <b>{esc(title)}</b>. Learners won't find it any more."


# /newopportunity
NEW_OPPORTUNITY_INTRO = (
    "➕ <b>New opportunity</b>\nNine quick questions, then a preview to check before it goes "
    "live. /cancel stops any time."
)
FORM_QUESTIONS = {
    "title": "1/9 What's it called? A short title, like <i>Five-a-side Fridays</i>.",
    "description": (
        "2/9 Describe it in a few lines: what happens, who it's for, what to bring. No phone "
        "numbers or emails: learners use your link."
    ),
    "topics": "3/9 Which topics is it about? A few words, like <i>football, fitness</i>.",
    "badge": "4/9 What badge do people earn? Like <i>Five-a-side Player</i>.",
    "where": (
        "5/9 Where is it? The venue and town, or a postcode (like <i>Preston Park, "
        "Brighton</i>) — or tap Online."
    ),
    "when": (
        "6/9 When is it? A date and time like <i>2027-05-03 18:00</i> (add <i>to 20:00</i> for "
        "an end time), or tap Ongoing."
    ),
    "ages": "7/9 Who is it for? Tap an age range, or type one like <i>16-19</i> or <i>18+</i>.",
    "cost": "8/9 How much does it cost? Tap Free, or type an amount like <i>£3</i>.",
    "link": "9/9 A link to book or find out more (starting https://), or tap No link.",
}
FORM_FIELDS = {
    "title": "Title",
    "description": "Description",
    "topics": "Topics",
    "badge": "Badge",
    "where": "Where",
    "when": "When",
    "ages": "Ages",
    "cost": "Cost",
    "link": "Link",
}
FORM_ONGOING = "🔁 Ongoing"
FORM_FREE = "Free"
FORM_NO_LINK = "No link"
FORM_CANCEL = "✖️ Cancel"
PUBLISH = "✅ Publish"
FORM_TOPICS_NOT_UNDERSTOOD = (
    "I didn't recognise a topic there. Try words like <i>football</i>, <i>coding</i>, "
    "<i>cooking</i> or <i>volunteering</i>."
)
FORM_PLACE_NOT_FOUND = (
    "I couldn't find that place. Add the town or a postcode (like <i>Preston Park, "
    "Brighton</i> or <i>BN1 6SD</i>), or tap Online."
)
FORM_BAD_WHEN = (
    "I couldn't read that as a date in the next two years. Try <i>2027-05-03 18:00</i>, "
    "<i>3/5/2027 18:00 to 20:00</i>, or tap Ongoing."
)
FORM_BAD_AGES = "Try an age range like <i>16-19</i> or <i>18+</i>."
FORM_BAD_COST = "Try <i>free</i>, or an amount like <i>£3</i>."
FORM_CANCELLED = "OK, stopped — nothing was published."
CONTACT_ADVICE = (
    "Please take out contact details (phone numbers, emails, @handles, messaging apps): "
    "learners reach you through your link, never directly."
)


def form_problem(step: str, problem: str, low: int, high: int) -> str:
    """Why an answer in the opportunity form can't be used."""
    if problem == "short":
        return f"That's a bit short — at least {low} characters, please."
    if problem == "long":
        return f"That's too long — {high} characters at most, please."
    if problem == "html":
        return "Plain text only, please — no HTML."
    if problem == "hidden_characters":
        return "That has hidden characters in it — please type it again."
    return CONTACT_ADVICE


def link_refused(problem: str) -> str:
    """Why a link can't be used."""
    return ISSUE_TEXT.get(problem, ISSUE_TEXT["bad_link"])


def opportunity_preview(view: "OpportunityView", tz: ZoneInfo, *, editing: bool) -> str:
    """How the opportunity will look to learners, before it's published."""
    then = "Save the changes" if editing else "Publish it"
    return (
        f"👀 <b>Preview</b> — this is how learners will see it:\n\n{details(view, tz)}\n\n"
        f"{then}, or edit anything first."
    )


def form_not_published(problems: Sequence[str]) -> str:
    """The checks a catalogue row goes through found something."""
    listed = "\n".join(f"• {esc(problem)}" for problem in problems[:10])
    return f"I couldn't publish that:\n{listed}\nTap ✏️ Edit to fix it."


def published(title: str, *, updated: bool) -> str:
    """An opportunity is live."""
    done = "Updated" if updated else "Published"
    return f"✅ {done}: <b>{esc(title)}</b>. Learners can find it now; /myopportunities shows it."


# Announcements: writing one.
ANNOUNCE_QUESTIONS = {
    "title": "A title (one line, up to 100 characters):",
    "body": "The message (up to 1000 characters): what's new, and why it's worth coming.",
    "link": (
        "One link? It must start https:// and be on your own website or an approved site — or "
        "tap No link."
    ),
    "when": (
        "When should it go? Tap As soon as it's approved, or type a date and time like "
        "<i>2027-05-03 09:00</i> (within 90 days)."
    ),
}
ANNOUNCE_FIELDS = {"title": "Title", "body": "Message", "link": "Link", "when": "When"}
USE_OPPORTUNITY_LINK = "🔗 My opportunity's page"
SEND_WHEN_APPROVED = "⚡ As soon as it's approved"
SUBMIT_FOR_REVIEW = "📤 Send for review"
ANNOUNCE_BAD_WHEN = "I couldn't read that as a date and time to come. Try <i>2027-05-03 09:00</i>."
ANNOUNCE_NOTHING_OPEN = "That announcement has already been sent for review (or was stopped)."
ANNOUNCE_CANCELLED = "OK, stopped — nothing was sent."
ANNOUNCEMENT_LINK = "🔗 Find out more"
REPORT_BUTTON = "🚩 Report"
ISSUE_TEXT = {
    "empty": "It's empty.",
    "too_long": "It's too long (a title is up to 100 characters, a message up to 1000).",
    "one_line": "The title must be one line.",
    "phone": "It has a phone number (even written in words or with spaces).",
    "email": "It has an email address (even written like “at gmail dot com”).",
    "handle": "It has an @handle.",
    "messaging_link": "It links to a messaging app (t.me, telegram.me, tg://, wa.me and so on).",
    "messaging_app": (
        "It mentions a messaging app or asks people to message you (WhatsApp, Snapchat, "
        "Instagram, Discord…)."
    ),
    "link_in_text": "It has a link in the text: use the link question instead (one link only).",
    "html": "It has HTML or code in it: plain text only.",
    "hidden_characters": "It has hidden characters in it: please type it again.",
    "not_https": "The link must start with https://",
    "shortener": "The link is shortened: use the full link, so learners can see where it goes.",
    "not_allowed": "The link isn't on your own website or an approved site.",
    "bad_link": "That doesn't look like a normal web link.",
    "in_the_past": "That time has already passed.",
    "too_far_ahead": "That's too far ahead: within 90 days, please.",
}


def announce_intro(title: str) -> str:
    """The rules, before a provider writes an announcement."""
    return (
        f"📣 <b>Announcement about {esc(title)}</b>\n"
        "It goes only to young people who turned announcements on and fit it (interests, area "
        "and age), after a moderator checks it. No contact details and no links in the text: "
        "learners reach you through your page. /cancel stops."
    )


def announcement_issues(issues: "Sequence[Issue]") -> str:
    """What to fix in a draft."""
    kinds = list(dict.fromkeys(issue.kind for issue in issues))
    listed = "\n".join(f"• {ISSUE_TEXT.get(kind, esc(kind))}" for kind in kinds)
    return f"Please fix this first:\n{listed}"


def announcement(title: str, body: str, provider: str, opportunity: str) -> str:
    """An announcement as every learner gets it: the bot speaking, every slot escaped."""
    return (
        f"📣 <b>{esc(title)}</b>\n\n{esc(body)}\n\n"
        f"🏢 {esc(provider)} · <i>{esc(opportunity)}</i>\n"
        "<i>You get these because you turned announcements on — /announcements to change it.</i>"
    )


def announcement_preview(
    rendered: str, link: str | None, send_at: datetime | None, audience: int, tz: ZoneInfo
) -> str:
    """A draft as learners will see it, with who it would reach."""
    from catalogue.announcements import MIN_AUDIENCE

    lines = ["👀 <b>Preview</b> — what learners will see:", "", rendered, ""]
    if link:
        lines.append(f"🔗 Button to: {esc(link)}")
    lines.append(
        f"🕐 Sends: {_date_time(send_at, tz) if send_at else 'as soon as it is approved'}"
    )
    if audience >= MIN_AUDIENCE:
        lines.append(f"👥 About {audience} learners fit it right now.")
    else:
        lines.append(
            f"👥 Fewer than {MIN_AUDIENCE} learners fit it right now, so it can't be sent "
            "(so nobody can be singled out)."
        )
    return "\n".join(lines)


def submission(status: str, issues: "Sequence[Issue]", audience: int) -> str:
    """What happened when a provider sent a draft for review."""
    if status == "submitted":
        return (
            "📤 Sent for review. Someone other than you checks it; I'll tell you when it's "
            "decided."
        )
    if status == "duplicate":
        return "You already sent that one for review — no need to send it twice."
    if status == "blocked":
        return (
            f"⛔ I can't send this.\n{announcement_issues(issues)}\n"
            "Learners reach you through your opportunity's page, never directly. A moderator "
            "has been told. Tap ✏️ Edit to take it out."
        )
    if status == "invalid":
        return announcement_issues(issues)
    if status == "too_many":
        return (
            "You've sent the most announcements for this week (2), so learners aren't "
            "swamped. Try again next week."
        )
    if status == "too_small":
        return (
            "Fewer than 10 learners fit this right now, so I can't send it (so nobody can be "
            "singled out)."
        )
    return "That opportunity isn't open any more (or isn't yours)."


def review_notice(blocked: bool, provider: str) -> str:
    """Tell moderators there's something to look at."""
    if blocked:
        return (
            f"⛔ {esc(provider)} tried to send an announcement with contact details. It was "
            "blocked — have a look: /pending"
        )
    return f"📣 An announcement from {esc(provider)} is waiting for review: /pending"


# Moderation.
NOTHING_PENDING = "Nothing waiting for a decision. 🎉"
APPROVE = "✅ Approve"
REJECT = "✖️ Reject"
TURN_DOWN = "✖️ Turn down"
RECALL = "↩️ Recall"
NO_ACTION = "👍 No action needed"
SEEN = "👀 Seen"
SEEN_TOAST = "Marked as seen."
REPORTS_DISMISSED = "Reports closed — no action."
ASK_REJECT_REASON = (
    "Why are you rejecting it? Type a short reason (3-300 characters) — the provider will see it."
)
REJECTED = "✖️ Rejected. I've told the provider why."
TOO_SMALL_NOW = (
    "Fewer than 10 learners fit it now, so it can't be sent. Reject it with a reason so the "
    "provider knows."
)


def pending_summary(providers: int, waiting: int, reported: int, blocked: int) -> str:
    """How much is waiting."""
    parts = [
        (providers, "organisation to approve", "organisations to approve"),
        (waiting, "announcement to review", "announcements to review"),
        (reported, "reported announcement", "reported announcements"),
        (blocked, "blocked draft", "blocked drafts"),
    ]
    listed = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
    return "🗂 <b>Waiting</b>: " + ", ".join(listed) + "."


def awaiting_review(rendered: str, view: "AnnouncementView", *, own: bool, tz: ZoneInfo) -> str:
    """An announcement for a moderator to decide on."""
    send = _date_time(view.send_at, tz) if view.send_at else "as soon as approved"
    lines = [
        f"📣 <b>For review</b> from {esc(view.provider)} about <i>{esc(view.opportunity)}</i>",
        f"👥 {view.audience} learners · 🕐 {send}",
    ]
    if view.link:
        lines.append(f"🔗 Link: {esc(view.link)}")
    if own:
        lines.append("⚠️ You sent this one: someone else must approve it.")
    return "\n".join([*lines, "———", rendered])


def reported_announcement(rendered: str, view: "AnnouncementView") -> str:
    """An announcement learners reported."""
    reports = "1 report" if view.reports == 1 else f"{view.reports} reports"
    return (
        f"🚩 <b>{reports}</b> about an announcement from {esc(view.provider)} "
        f"({ANNOUNCEMENT_STATUS.get(view.status, esc(view.status))})\n———\n{rendered}"
    )


def blocked_draft(view: "AnnouncementView") -> str:
    """A draft stopped for contact details, for a moderator to see."""
    reasons = esc((view.reason or "").replace("_", " "))
    return (
        f"⛔ <b>Blocked draft</b> from {esc(view.provider)} ({reasons})\n———\n"
        f"<b>{esc(view.title)}</b>\n{esc(view.body)}"
    )


def cannot_approve(status: str) -> str:
    """Why a decision couldn't be made."""
    return {
        "own": (
            "You can't approve your own organisation's announcement — another moderator must "
            "(two-person rule)."
        ),
        "too_small": "Too few learners fit it now.",
        "not_found": "That announcement no longer exists.",
    }.get(status, "That one has already been decided.")


def approved(audience: int) -> str:
    """An announcement was approved and queued."""
    return f"✅ Approved: queued for {audience} learners (never during their quiet hours)."


def approved_notice(title: str, audience: int) -> str:
    """Tell the provider their announcement was approved."""
    return f"✅ Your announcement “{esc(title)}” was approved and is going to {audience} learners."


def rejected_notice(title: str, reason: str) -> str:
    """Tell the provider why their announcement wasn't approved."""
    return (
        f"Your announcement “{esc(title)}” wasn't approved. The moderator said: "
        f"<i>{esc(reason)}</i>\nYou can write a new one from /myopportunities."
    )


def recalled(cancelled: int, deleting: int, too_old: int) -> str:
    """What a recall did."""
    text = (
        f"↩️ Recalled. {cancelled} not yet sent were stopped; {deleting} already sent are being "
        "deleted"
    )
    if too_old:
        text += f"; {too_old} are older than 48 hours, which Telegram won't let me delete"
    return text + "."


def recalled_notice(title: str) -> str:
    """Tell the provider their announcement was recalled."""
    return f"↩️ A moderator recalled your announcement “{esc(title)}”. Learners won't get it now."


# Learners and announcements.
NEWS_ON = "Yes, turn them on"
NEWS_OFF = "No, keep them off"
REPORT_REASONS = {
    "contact": "They want to contact me or meet up",
    "unsafe": "It made me uncomfortable or unsafe",
    "wrong": "It's spam, or not for me",
}
NOTHING_TO_REPORT = (
    "You haven't had any announcements to report. If something else worries you, talk to a "
    "youth worker you trust, or call Childline free on 0800 1111."
)
WHICH_TO_REPORT = "Which announcement do you want to report?"
WHY_REPORT = "Thanks for telling me. What's wrong with it? (The provider won't know it was you.)"
REPORTED = (
    "🚩 Thank you — a moderator will look at it soon, and the provider won't know who reported "
    "it. If you're worried about your safety, talk to someone you trust or call Childline free "
    "on 0800 1111."
)
ALREADY_REPORTED = "You've already reported that one — thank you. A moderator will look at it."


def announcements_setting(on: bool) -> str:
    """What announcements are, and whether they're on."""
    state = "on" if on else "off"
    return (
        f"📣 <b>Announcements</b>: {state}\n"
        "Providers can tell you about new things that fit what you're into, near you and for "
        "your age. A moderator checks each one first, there are never many, and they wait "
        "until your quiet hours are over. Providers never see who you are.\n\nWant them?"
    )


def announcements_saved(on: bool) -> str:
    """Confirm the learner's choice."""
    if on:
        return "📣 On — I'll send you the ones that fit. /announcements turns them off any time."
    return "Off — you won't get any. /announcements if you change your mind."


def report_notice(title: str) -> str:
    """Tell moderators a learner reported an announcement."""
    return f"🚩 A learner reported “{esc(title)}”: /pending"


# Admins.
ASK_INVITE_ROLE = "🔑 Who is the invite for? It works once, within 7 days."
ASK_INVITE_ORGANISATION = (
    "Which organisation do they work for? Young people they refer will see this name (like "
    "<i>Brighton Youth Service</i>)."
)
ASK_INVITE_PROVIDER = "Which provider are they joining? Type its name (or its number)."
NO_SUCH_PROVIDER = "I couldn't find that provider. Type its name as it appears in the catalogue."
CHECKING_FILE = "📄 Checking your file…"
FILE_TOO_BIG = (
    "That file is too big for chat (2 MB at most). Split it, or ask an admin to use "
    "<code>learnbot catalogue import</code>."
)
FILE_NOT_UTF8 = "I couldn't read that file: please save it as <i>CSV UTF-8</i> and send it again."


def staff_invite_made(role: str, link: str, for_whom: str | None) -> str:
    """A new staff invite link, shown once."""
    name = ROLE_NAMES.get(role, role)
    extra = f" for <b>{esc(for_whom)}</b>" if for_whom else ""
    return (
        f"🔑 Invite for a <b>{esc(name)}</b>{extra}:\n{esc(link)}\n\n"
        "Send it to them privately. It works once, within 7 days, and I only keep a "
        "fingerprint of it."
    )


def file_problems(total: int, problems: Sequence[str], problem_count: int) -> str:
    """A catalogue file with problems: nothing was imported."""
    listed = "\n".join(f"• {esc(problem)}" for problem in problems)
    more = problem_count - len(problems)
    tail = f"\n…and {more} more." if more > 0 else ""
    return (
        f"Nothing imported: {problem_count} problem{'s' if problem_count != 1 else ''} in "
        f"{total} rows. Fix them and send the file again:\n{listed}{tail}"
    )


def file_imported(created: int, updated: int, unchanged: int) -> str:
    """A catalogue file was imported."""
    return (
        f"✅ Imported: {created} new, {updated} updated, {unchanged} unchanged. Learners can "
        "find them now."
    )
