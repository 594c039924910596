"""Every word the bot says, in one place (HTML; dynamic values go through `esc`).

Plain, friendly English for 16-25-year-olds; short lines that read well on a phone.
"""

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from catalogue.interests import Understanding
    from catalogue.opportunities import OpportunityView

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
REMINDERS_COMING = (
    "⏰ Reminders are coming soon — for now, save it (⭐) or add it to your calendar (📅)."
)
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
    "This deletes <b>everything</b> I keep about you: your age group, interests, area and "
    "saved things. It can't be undone. Delete it all?"
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
            f"• Agreed on: {esc(str(profile.get('consented_at', ''))[:10])}",
            "",
            "The file below has all of it. /delete removes it all.",
        ]
    )


def settings_text(radius_km: int, area: str | None) -> str:
    """The learner's settings."""
    return (
        "⚙️ <b>Settings</b>\n"
        f"• Area: {esc(area or 'online only')} (/location to change)\n"
        f"• Distance: within <b>{radius_km} km</b>\n\n"
        "How far are you happy to travel?"
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
