"""Checks on what adults write before a young person sees it: no contact details, no links
but one allow-listed https link, no HTML, nothing hidden (safeguarding.md §4).

Pure functions returning the kinds of problem found, so the same rules screen announcements,
referral-link labels, organisation names and opportunities typed in chat. They are deliberately
strict: a false alarm costs a provider a rewrite; a miss can put an adult in a child's DMs.
"""

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

PHONE = "phone"
EMAIL = "email"
HANDLE = "handle"
MESSAGING_LINK = "messaging_link"
MESSAGING_APP = "messaging_app"
LINK_IN_TEXT = "link_in_text"
HTML = "html"
HIDDEN = "hidden_characters"
NOT_HTTPS = "not_https"
SHORTENER = "shortener"
NOT_ALLOWED = "not_allowed"
BAD_LINK = "bad_link"
CONTACT_KINDS = frozenset({PHONE, EMAIL, HANDLE, MESSAGING_LINK, MESSAGING_APP})

MAX_LINK = 300

# Zero-width and direction-control characters: used to hide a number from a filter, or to make
# text read differently from what it is.
_HIDDEN = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
    ]
)
_STRIP = dict.fromkeys([*_HIDDEN, 0xFE0F, 0xFE0E, 0x20E3])  # also emoji keycap parts: 0️⃣
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣－", "-"))

_NUMBER_WORDS = {
    "zero": "0",
    "nought": "0",
    "nil": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
_REPEAT = re.compile(r"\b(double|treble|triple)\s*(\d)")
# Letters that stand in for digits inside a number: "O77OO 9OO l23".
_DIGITISH = re.compile(r"\b[0-9oil|]*\d[0-9oil|]*\b")
_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1"})
# Dates and times are blanked first, so "03-05-2027 18:00" never reads as a phone number.
_DATES_AND_TIMES = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{1,2}[:.]\d{2}\b"
)
# Ten or more digits with separators between them (UK numbers have 10 or 11), or +44/0044.
_PHONE = re.compile(r"(?:\+|\b)\d(?:[\s().\-_/*]{0,3}\d){9,}|(?:\+|\b00)\s*44[\s\d().-]{6,}")

_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_AT = r"(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|<\s*at\s*>|\bat\b)"
_SPELLED_DOT = r"(?:\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\}|<\s*dot\s*>|\bdot\b)"
# A real dot, spaced out ("gmail . com"), or spelled; never a full stop then a space.
_DOT = rf"(?:\s*{_SPELLED_DOT}\s*|\s+\.\s*|\.)"
_TLD = r"(?:com|org|net|co|uk|io|me|info|edu|gov|ac|biz|email)\b"
_SPELLED_EMAIL = re.compile(rf"[a-z0-9._%+-]+\s*{_AT}\s*[a-z0-9-]+{_DOT}{_TLD}")
_WEBMAIL = re.compile(
    rf"{_AT}\s*(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|protonmail|btinternet|ymail)\b"
)
_HANDLE = re.compile(r"(?<![a-z0-9._%+-])@[a-z_][a-z0-9_.]{1,31}")

_MESSAGING_HOSTS = (
    "t.me",
    "telegram.me",
    "telegram.dog",
    "wa.me",
    "wa.link",
    "whatsapp.com",
    "snapchat.com",
    "instagram.com",
    "instagr.am",
    "discord.gg",
    "discord.com",
    "discordapp.com",
    "discord.me",
    "kik.me",
    "signal.me",
    "m.me",
    "messenger.com",
    "tiktok.com",
)
_MESSAGING_LINK = re.compile(
    r"tg\s*:\s*/|\b(?:" + "|".join(re.escape(host) for host in _MESSAGING_HOSTS) + r")(?:/|\b)"
)
_MESSAGING_APP = re.compile(
    r"\b(?:whats\s?app|watsapp|wats\s?app|snap\s?chat|insta(?:gram)?|ig|discord|telegram|kik|"
    r"tiktok|messenger)\b"
    r"|\b(?:dm|message|msg|text|txt|call|ring|phone|add|snap|whatsapp|inbox|contact)\s+me\b"
    r"|\bmy\s+(?:number|mobile|snap|insta|handle|username|whatsapp)\b"
)
_LINK_IN_TEXT = re.compile(
    r"https?:|\bwww\.|:\s*//|\b(?:javascript|data|vbscript)\s*:|\b[a-z0-9-]+\.(?:com|org|net|co\.uk|org\.uk|uk|io|ly|me|gg|app|"
    r"link|info|biz|xyz|site|online)\b"
)
_HTML = re.compile(r"<\s*/?\s*[a-z!?]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);")

SHORTENERS = frozenset(
    {
        "bit.ly",
        "bitly.com",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "s.id",
        "lnkd.in",
        "tiny.one",
        "t.ly",
        "v.gd",
        "shorturl.com",
        "bl.ink",
        "short.io",
        "linktr.ee",
        "qrco.de",
    }
)
_HOST = re.compile(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)
_IP = re.compile(r"^[\d.]+$")


def _normalise(text: str) -> str:
    """Fold the tricks people use to slip past a filter: full-width and styled characters,
    hidden characters, emoji keycaps, odd dashes, capitals."""
    folded = unicodedata.normalize("NFKC", text).translate(_STRIP).translate(_DASHES)
    return folded.lower()


def _spelled_digits(text: str) -> str:
    """Numbers written as words or with look-alike letters, as digits: "zero seven" -> "0 7"."""
    text = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1)], text)
    text = _REPEAT.sub(lambda m: m.group(2) * (2 if m.group(1) == "double" else 3), text)
    return _DIGITISH.sub(
        lambda m: (
            m.group(0).translate(_LOOKALIKES)
            if any(ch.isdigit() for ch in m.group(0))
            else m.group(0)
        ),
        text,
    )


def _squeezed(text: str) -> str:
    """Dots and slashes spelled out or spaced out put back: "t dot me / x" -> "t.me/x"."""
    text = re.sub(rf"\s*{_SPELLED_DOT}\s*|\s+\.\s*", ".", text)
    return re.sub(r"\s*/\s*", "/", text)


def contact_details(text: str) -> tuple[str, ...]:
    """The kinds of contact detail in text (phone, email, handle, messaging link or app)."""
    plain = _normalise(text)
    found: list[str] = []
    digits = _spelled_digits(_DATES_AND_TIMES.sub(" ", plain))
    if _PHONE.search(digits):
        found.append(PHONE)
    if _EMAIL.search(plain) or _SPELLED_EMAIL.search(plain) or _WEBMAIL.search(plain):
        found.append(EMAIL)
    if _HANDLE.search(_EMAIL.sub(" ", plain)):
        found.append(HANDLE)
    if _MESSAGING_LINK.search(_squeezed(plain)):
        found.append(MESSAGING_LINK)
    if _MESSAGING_APP.search(plain):
        found.append(MESSAGING_APP)
    return tuple(found)


def hidden_characters(text: str) -> bool:
    """Whether text hides characters (zero-width, direction overrides, control codes)."""
    return any(
        ord(ch) in _HIDDEN or (unicodedata.category(ch) == "Cc" and ch not in "\n\t")
        for ch in text
    )


def text_problems(text: str, *, links_allowed: bool = False) -> tuple[str, ...]:
    """Every problem with a piece of free text an adult wrote for young people to read."""
    problems = list(contact_details(text))
    plain = _normalise(text)
    if not links_allowed and _LINK_IN_TEXT.search(_squeezed(plain)):
        problems.append(LINK_IN_TEXT)
    if _HTML.search(plain):
        problems.append(HTML)
    if hidden_characters(text):
        problems.append(HIDDEN)
    return tuple(dict.fromkeys(problems))


def link_host(url: str) -> str | None:
    """The host of an https link, lower case and without a leading `www.`, or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    return host.removeprefix("www.") or None


def _on(host: str, domain: str) -> bool:
    domain = domain.lower().strip().removeprefix("www.")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def link_problem(url: str, *, allowed_domains: Iterable[str] | None = None) -> str | None:
    """Why a link can't be shown to learners, or None if it can.

    Only `https://` links to a real host name; never a messaging app or a shortener (which
    hides where it goes). With `allowed_domains`, the host must be one of them or under one.
    """
    url = url.strip()
    if not url.lower().startswith("https://"):
        return NOT_HTTPS
    if len(url) > MAX_LINK or any(ch.isspace() or ord(ch) < 33 for ch in url):
        return BAD_LINK
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return BAD_LINK
    host = (parts.hostname or "").lower()
    if (
        parts.username is not None
        or parts.password is not None
        or "@" in parts.netloc
        or port not in (None, 443)
        or not _HOST.match(host)
        or _IP.match(host)
    ):
        return BAD_LINK
    if any(_on(host, messaging) for messaging in _MESSAGING_HOSTS):
        return MESSAGING_LINK
    if any(_on(host, shortener) for shortener in SHORTENERS):
        return SHORTENER
    if allowed_domains is not None and not any(_on(host, d) for d in allowed_domains):
        return NOT_ALLOWED
    return None
