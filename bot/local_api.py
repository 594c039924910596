"""An in-memory Telegram Bot API for the local demo chat and for fast flow tests.

Infrastructure, not a bot flow. `LocalBotApi` answers the bot's calls the way Telegram does
(including Telegram's validation errors and their wording), `LocalUser`/`LocalGroup` let a
person or a test act as users, and `LocalRequest` plugs it into python-telegram-bot at the
`BaseRequest` seam. `tests/fakegram` serves the same object over HTTP.
"""

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

logger = logging.getLogger(__name__)

JSONDict = dict[str, Any]
T = TypeVar("T")

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8, not characters (T13)
# Telegram's default when allowed_updates was never set, or set to [] (T7).
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Methods that put a message in a chat: what flood limits and delivery ledgers count.
SEND_METHODS = frozenset(
    name.lower()
    for name in (
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVenue",
        "sendLocation",
        "sendContact",
        "sendSticker",
        "sendVoice",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendVideoNote",
        "sendMediaGroup",
        "sendPoll",
        "sendDice",
        "copyMessage",
        "forwardMessage",
    )
)
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
# A 1x1 transparent PNG, so user photos have real bytes behind getFile.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status plus Telegram's description."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def error_body(status: int, description: str, parameters: JSONDict | None = None) -> JSONDict:
    """Telegram's JSON body for a failed call."""
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


# --------------------------------------------------------------------------------------------
# Telegram's HTML subset. A port of tdlib's parse_html (td/telegram/MessageEntity.cpp), which
# the Bot API server uses, so byte offsets and wording match Telegram's 400 answers.


class HtmlParseError(ValueError):
    """Telegram would answer 400 "can't parse entities: <message>"."""


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_SPACES = frozenset(b" \t\r\n\v\f\x00")  # tdlib's is_space() includes NUL, its end marker


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int] | None:
    """Decode `&...;` at data[pos] like tdlib: (code point, next position) or None."""

    def at(i: int) -> int:
        return data[i] if i < len(data) else 0

    end = pos + 1
    code = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF":
                code = code * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while ord("0") <= at(end) <= ord("9"):
                code = code * 10 + at(end) - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        name = data[pos + 1 : end]
        named = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}.get(name)
        if named is None:
            return None
        code = ord(named)
    if at(end) == ord(";"):
        end += 1
    return code, end


def _checked_link(url: str) -> str | None:
    """The URL Telegram would keep for a text_link, or None (tdlib drops bad links silently)."""
    url = url.strip()
    if not url:
        return None
    scheme, _, rest = url.partition(":")
    if not rest or "/" in scheme or "." in scheme:
        return f"http://{url}"
    if scheme.lower() in {"http", "https", "tg", "ton"}:
        return url
    return None


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram's HTML subset: (plain text, Bot API entities) or HtmlParseError.

    Mirrors tdlib. With `strict` (the default) it also refuses what Telegram silently keeps
    as literal text: a bare `&` and named entities other than lt/gt/amp/quot, because they
    mean a dynamic value was not passed through `html.escape`.
    """
    data = text.encode("utf-8", "surrogatepass")
    size = len(data)

    def at(i: int) -> int:
        return data[i] if i < size else 0

    out = bytearray()
    entities: list[JSONDict] = []
    utf16 = 0
    # Open tags: (name, argument, UTF-16 offset where the entity starts, byte offset in out).
    stack: list[tuple[str, str, int, int]] = []
    i = 0
    while i < size:
        c = data[i]
        if c == ord("&"):
            decoded = _decode_html_entity(data, i)
            if decoded is not None:
                code, i = decoded
                utf16 += 2 if code > 0xFFFF else 1
                out += chr(code).encode("utf-8", "surrogatepass")
                continue
            if strict:
                name = re.match(rb"&[A-Za-z]+;?", data[i:])
                if name:
                    raise HtmlParseError(
                        f'Unsupported HTML entity "{name.group().decode()}" at byte offset {i}'
                    )
                raise HtmlParseError(f'Unescaped "&" at byte offset {i}')
        if c != ord("<"):
            if c & 0xC0 != 0x80:  # first byte of a UTF-8 sequence
                utf16 += 2 if c >= 0xF0 else 1
            out.append(c)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != ord("/"):
            while at(i) not in _SPACES and at(i) != ord(">"):
                i += 1
            if at(i) == 0:
                raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in _HTML_TAGS:
                raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != ord(">"):
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if at(i) == ord(">"):
                    break
                attr_begin = i
                while at(i) not in _SPACES and at(i) not in b"=>":
                    i += 1
                attr = data[attr_begin:i].decode("utf-8", "replace")
                if not attr:
                    raise HtmlParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if tag == "blockquote" and attr == "expandable" and at(i) != ord("="):
                    argument = "expandable"  # the one value-less attribute Telegram allows
                    continue
                if at(i) != ord("="):
                    raise HtmlParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if at(i) == 0:
                    raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                value = bytearray()
                if at(i) not in b"'\"":
                    token_begin = i
                    while chr(at(i)).isascii() and (chr(at(i)).isalnum() or at(i) in b".-"):
                        i += 1
                    value += data[token_begin:i].lower()
                    if at(i) not in _SPACES and at(i) != ord(">"):
                        raise HtmlParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    while at(i) != quote and at(i) != 0:
                        if at(i) == ord("&"):
                            decoded = _decode_html_entity(data, i)
                            if decoded is not None:
                                code, i = decoded
                                value += chr(code).encode("utf-8", "surrogatepass")
                                continue
                        value.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                if at(i) == 0:
                    raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
                text_value = value.decode("utf-8", "replace")
                if tag == "a" and attr == "href":
                    argument = text_value
                elif tag == "code" and attr == "class" and text_value.startswith("language-"):
                    argument = text_value[len("language-") :]
                elif tag == "span" and attr == "class" and text_value.startswith("tg-"):
                    argument = text_value[len("tg-") :]
                elif tag == "tg-emoji" and attr == "emoji-id":
                    argument = text_value
            if tag == "span" and argument != "spoiler":
                raise HtmlParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            stack.append((tag, argument, utf16, len(out)))
            i += 1  # past '>'
            continue

        # An end tag.
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        while at(i) not in _SPACES and at(i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while at(i) in _SPACES and at(i) != 0:
            i += 1
        if at(i) != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, out_begin = stack.pop()
        if end_tag and end_tag != tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_tag}>"'
            )
        length = utf16 - offset
        if length > 0:
            entity = _html_entity(tag, argument, offset, length, bytes(out[out_begin:]))
            if entity is not None:
                entities.append(entity)
        i += 1  # past '>'
    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    try:
        plain = out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units"
        ) from exc
    _merge_pre_code(entities)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, entities


def _html_entity(
    tag: str, argument: str, offset: int, length: int, inner: bytes
) -> JSONDict | None:
    """The Bot API MessageEntity for one closed tag (None when Telegram drops it)."""
    if tag in _SIMPLE_ENTITY or tag == "span":
        return {"type": _SIMPLE_ENTITY.get(tag, "spoiler"), "offset": offset, "length": length}
    if tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        return {
            "type": "custom_emoji",
            "offset": offset,
            "length": length,
            "custom_emoji_id": argument,
        }
    if tag == "a":
        url = _checked_link(argument or inner.decode("utf-8", "replace"))
        if url is None:
            return None
        return {"type": "text_link", "offset": offset, "length": length, "url": url}
    if tag == "code":
        entity: JSONDict = {"type": "code", "offset": offset, "length": length}
        if argument:
            entity["language"] = argument  # becomes a pre's language if a <pre> wraps it
        return entity
    if tag == "pre":
        return {"type": "pre", "offset": offset, "length": length}
    if tag == "blockquote":
        kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
        return {"type": kind, "offset": offset, "length": length}
    return None


def _merge_pre_code(entities: list[JSONDict]) -> None:
    """`<pre><code class="language-x">` is one pre entity with a language (as in tdlib)."""
    for index, entity in enumerate(list(entities)):
        if entity["type"] != "pre":
            continue
        for other in entities[:index]:
            same_span = (other["offset"], other["length"]) == (entity["offset"], entity["length"])
            if other["type"] == "code" and same_span and "language" in other:
                entity["language"] = other["language"]
                entities.remove(other)
                break
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# What tests and the demo read.


@dataclass(frozen=True)
class Button:
    """One inline keyboard button as the user sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Toast:
    """The answer to a button press (answerCallbackQuery), as shown to the user."""

    text: str | None
    show_alert: bool
    url: str | None
    message_id: int | None


@dataclass(frozen=True)
class BotMessage:
    """A message the bot has in a chat, edits applied."""

    message_id: int
    chat_id: int
    kind: str  # "text" | "document" | "photo" | "venue" | "location" | "other"
    text: str  # text or caption exactly as the bot sent it (HTML kept)
    plain: str  # what the user reads: tags stripped, entities decoded
    buttons: list[list[Button]]
    document: tuple[str, bytes] | None = None
    photo: bytes | None = None
    venue: JSONDict | None = None
    location: JSONDict | None = None
    edited: bool = False
    reply_markup: JSONDict | None = None
    parse_mode: str | None = None
    date: int = 0

    @property
    def labels(self) -> list[str]:
        """Every inline button label, row by row."""
        return [button.text for row in self.buttons for button in row]


@dataclass(frozen=True)
class SentCall:
    """One call the bot made, as recorded in the ledger."""

    time: float  # time.monotonic() when the call arrived
    method: str
    chat_id: int | str | None
    params: JSONDict  # snapshot of the decoded parameters as the bot sent them
    files: dict[str, tuple[str, int, str]]  # part name -> (filename, size, mime type)
    status: int | None  # HTTP status answered; None if the connection was dropped unanswered
    response: JSONDict | None = None
    fault: str | None = None  # name of an injected fault (tests/fakegram), if any
    idem: str | None = None  # idempotency key extracted by LocalBotApi.idem_key

    @property
    def text(self) -> str | None:
        """The message text or caption, if the call carried one."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def ok(self) -> bool:
        """Telegram accepted the call."""
        return self.status == 200

    @property
    def is_send(self) -> bool:
        """The call puts a message in a chat (what flood limits count)."""
        return self.method.lower() in SEND_METHODS


@dataclass
class _StoredFile:
    file_id: str
    unique_id: str
    path: str
    filename: str
    content: bytes
    mime_type: str


@dataclass
class _ChatState:
    chat: JSONDict
    chat_instance: str
    next_message_id: int = 1
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    bot_json: dict[int, JSONDict] = field(default_factory=dict)
    user_messages: dict[int, JSONDict] = field(default_factory=dict)
    blocked: bool = False  # private chat: the user blocked the bot
    member: bool = True  # group: the bot is still in it

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class _Query:
    user_id: int
    message_id: int | None
    answered: bool = False


def default_idem_key(method: str, params: JSONDict) -> str | None:
    """Idempotency key of a call: an `idem_key` parameter (PTB: `api_kwargs`), if any."""
    value = params.get("idem_key")
    return str(value) if value is not None else None


# --------------------------------------------------------------------------------------------
# Parameter decoding: over HTTP every form value is a string; in process they are typed.

_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "media",
    }
)
_INT_PARAMS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "live_period",
        "max_connections",
        "user_id",
        "message_thread_id",
        "from_chat_id",
    }
)
_FLOAT_PARAMS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_BOOL_PARAMS = frozenset(
    {
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "disable_web_page_preview",
        "revoke_messages",
    }
)


def decode_params(params: dict[str, Any]) -> JSONDict:
    """Parameters typed as the Bot API reads them (JSON fields decoded, numbers parsed)."""
    decoded: JSONDict = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, str):
            try:
                if key in _JSON_PARAMS:
                    value = json.loads(value)
                elif key in _INT_PARAMS:
                    value = int(value)
                elif key in _FLOAT_PARAMS:
                    value = float(value)
                elif key in _BOOL_PARAMS:
                    value = value.lower() in {"true", "1"}
                elif key == "chat_id" and re.fullmatch(r"-?\d+", value):
                    value = int(value)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse parameter {key}") from exc
        decoded[key] = value
    return decoded


def _now_int(clock: Callable[[], float]) -> int:
    return int(clock())


# --------------------------------------------------------------------------------------------


class LocalBotApi:
    """An in-memory Telegram Bot API: answers the bot's calls like Telegram would and lets
    people act as users."""

    def __init__(
        self,
        *,
        token: str = "123456:LOCAL",
        bot_id: int = 123456,
        bot_username: str = "learnbot_local_bot",
        clock: Callable[[], float] = time.time,
        strict_html: bool = True,
    ) -> None:
        self.token = token
        self.clock = clock
        self.strict_html = strict_html
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "learnbot",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.sent: list[SentCall] = []  # the ledger: every call, in completion order
        self.counts: Counter[str] = Counter()  # calls started, by method (case as sent)
        self.updates: list[JSONDict] = []  # pending: not yet confirmed by getUpdates/webhook
        self.dropped_updates: list[JSONDict] = []  # filtered out by allowed_updates
        self.allowed_updates: list[str] | None = None
        self.webhook: JSONDict | None = None  # setWebhook parameters while a webhook is set
        self.webhook_last_error: tuple[int, str] | None = None
        self.commands: dict[str, list[JSONDict]] = {}
        self.menu_button: JSONDict | None = None
        self.idem_key: Callable[[str, JSONDict], str | None] = default_idem_key
        self._chats: dict[int, _ChatState] = {}
        self._users: dict[int, LocalUser] = {}
        self._groups: dict[int, LocalGroup] = {}
        self._files: dict[str, _StoredFile] = {}
        self._paths: dict[str, _StoredFile] = {}
        self._queries: dict[str, _Query] = {}
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._poll_generation = 0
        self._changed = asyncio.Event()

    # ---- events -------------------------------------------------------------------------

    def notify(self) -> None:
        """Wake everything waiting in `wait_for` or a long poll (call after any change)."""
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def wait_changed(self) -> None:
        """Wait for the next change (a call, an update, a ledger entry)."""
        await self._changed.wait()

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:  # noqa: ASYNC109
        """Wait until predicate() is truthy and return its value; re-checked on every change.

        Raises TimeoutError naming the predicate after `timeout` seconds.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout} s: {predicate!r}")
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    # ---- people ---------------------------------------------------------------------------

    def user(
        self,
        user_id: int = 1001,
        first_name: str = "Sam",
        *,
        language_code: str = "en",
        username: str | None = None,
    ) -> "LocalUser":
        """A user with a private chat to the bot (chat id == user id); the same object per id."""
        if user_id not in self._users:
            self._users[user_id] = LocalUser(self, user_id, first_name, language_code, username)
        return self._users[user_id]

    def group(self, chat_id: int, title: str) -> "LocalGroup":
        """A group chat the bot is in (for checking the bot leaves or ignores groups)."""
        if chat_id not in self._groups:
            self._groups[chat_id] = LocalGroup(self, chat_id, title)
        return self._groups[chat_id]

    def _chat_state(self, chat: JSONDict) -> _ChatState:
        chat_id = int(chat["id"])
        if chat_id not in self._chats:
            self._chats[chat_id] = _ChatState(chat=chat, chat_instance=str(8_000_000 + chat_id))
        return self._chats[chat_id]

    def chat_state(self, chat_id: int) -> _ChatState:
        """Internal state of a known chat (KeyError if never seen)."""
        return self._chats[chat_id]

    # ---- updates --------------------------------------------------------------------------

    def enqueue(self, kind: str, payload: JSONDict) -> JSONDict:
        """Create an update of `kind` ("message", "callback_query", ...) for the bot."""
        update: JSONDict = {"update_id": next(self._update_ids), kind: payload}
        allowed = self.allowed_updates
        delivered = kind in allowed if allowed else kind not in NOT_DELIVERED_BY_DEFAULT
        if delivered:
            self.updates.append(update)
        else:
            self.dropped_updates.append(update)
        self.notify()
        return copy.deepcopy(update)

    def confirm(self, offset: int) -> None:
        """getUpdates offset semantics: forget updates below `offset` (negative: keep the last
        -offset updates)."""
        before = len(self.updates)
        if offset < 0:
            self.updates = self.updates[offset:]
        elif offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if len(self.updates) != before:
            self.notify()

    def confirm_update(self, update_id: int) -> None:
        """Drop one update (a webhook POST was acknowledged with 2xx)."""
        self.updates = [u for u in self.updates if u["update_id"] != update_id]
        self.notify()

    # ---- files ----------------------------------------------------------------------------

    def store_file(
        self, folder: str, filename: str, content: bytes, mime_type: str
    ) -> _StoredFile:
        """Keep bytes under a new file_id, as Telegram does for every upload."""
        number = next(self._file_ids)
        suffix = filename[filename.rfind(".") :] if "." in filename else ""
        stored = _StoredFile(
            file_id=f"LOCAL{number:06d}{folder[:3].upper()}",
            unique_id=f"U{number:06d}",
            path=f"{folder}/file_{number}{suffix}",
            filename=filename,
            content=content,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._paths[stored.path] = stored
        return stored

    def file_bytes(self, path: str) -> bytes | None:
        """Content behind a getFile file_path (the `/file/bot<token>/<path>` download)."""
        stored = self._paths.get(path)
        return stored.content if stored else None

    # ---- the Bot API ----------------------------------------------------------------------

    async def call(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None = None,
        *,
        at: float | None = None,
        fault: str | None = None,
    ) -> tuple[int, JSONDict]:
        """Answer one Bot API call: (HTTP status, Telegram's JSON body). Records it."""
        started = time.monotonic() if at is None else at
        self.counts[method] += 1
        self.notify()
        files = files or {}
        decoded: JSONDict = dict(params)
        try:
            decoded = decode_params(params)
            handler = getattr(self, f"_m_{method.lower()}", None)
            # Telegram answers unknown methods 404; PTB then raises InvalidToken, which would
            # stop a bot calling e.g. setMyDescription. Answering `true` keeps flows running.
            result = True if handler is None else await handler(decoded, files)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.status, error_body(exc.status, exc.description, exc.parameters)
        self.record(method, decoded, files, status, body, at=started, fault=fault)
        return status, body

    def record(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None,
        status: int | None,
        response: JSONDict | None,
        *,
        at: float | None = None,
        fault: str | None = None,
    ) -> SentCall:
        """Append a call to the ledger (also used for calls a fault or rate limit answered)."""
        snapshot = copy.deepcopy(dict(params))
        chat_id = snapshot.get("chat_id")
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            chat_id = int(chat_id)
        entry = SentCall(
            time=time.monotonic() if at is None else at,
            method=method,
            chat_id=chat_id,
            params=snapshot,
            files={name: (f[0], len(f[1]), f[2]) for name, f in (files or {}).items()},
            status=status,
            response=response,
            fault=fault,
            idem=self.idem_key(method, snapshot),
        )
        self.sent.append(entry)
        self.notify()
        return entry

    # -- validation helpers

    def _target(self, params: JSONDict) -> _ChatState:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        state: _ChatState | None = None
        if isinstance(chat_id, int):
            state = self._chats.get(chat_id)
        elif isinstance(chat_id, str) and chat_id.startswith("@"):
            for candidate in self._chats.values():
                if candidate.chat.get("username") == chat_id[1:]:
                    state = candidate
        if state is None:
            raise ApiError(400, "Bad Request: chat not found")
        return state

    def _sendable(self, params: JSONDict) -> _ChatState:
        state = self._target(params)
        if state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if not state.member:
            raise ApiError(403, "Forbidden: bot is not a member of the group chat")
        return state

    def _render(
        self, params: JSONDict, key: str, limit: int, *, required: bool
    ) -> tuple[str, str, list[JSONDict]]:
        """(raw text, plain text, entities) of params[key], validated like Telegram."""
        raw = params.get(key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            raw = str(raw)
        mode = params.get("parse_mode")
        if not mode:
            plain = raw
            entities = params.get(f"{'caption_' if key == 'caption' else ''}entities") or []
        elif str(mode).lower() == "html":
            try:
                plain, entities = parse_html(raw, strict=self.strict_html)
            except HtmlParseError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
        elif str(mode).lower() in {"markdown", "markdownv2"}:
            plain, entities = raw, []  # not emulated: learnbot sends HTML
        else:
            raise ApiError(400, f"Bad Request: unsupported parse_mode {mode}")
        if required and not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(plain) > limit:
            if key == "caption":
                raise ApiError(400, "Bad Request: message caption is too long")
            raise ApiError(400, "Bad Request: message is too long")
        return raw, plain, list(entities)

    def _markup(self, params: JSONDict) -> JSONDict | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise ApiError(
                    400,
                    "Bad Request: can't parse inline keyboard button: "
                    'Field "inline_keyboard" must be of type Array of Array',
                )
            for row in rows:
                for button in row:
                    _check_button(button)
        return markup

    def _file_param(
        self, params: JSONDict, files: dict[str, tuple[str, bytes, str]], name: str, folder: str
    ) -> _StoredFile:
        value = params.get(name)
        upload: tuple[str, bytes, str] | None = None
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        elif value is None:
            upload = files.get(name)
        if upload is not None:
            return self.store_file(folder, upload[0], upload[1], upload[2])
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and re.match(r"https?://", value):
            filename = value.rstrip("/").rsplit("/", 1)[-1] or "file"
            return self.store_file(folder, filename, b"", "application/octet-stream")
        if value is None:
            raise ApiError(400, f"Bad Request: there is no {name} in the request")
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    def _post(
        self, state: _ChatState, content: JSONDict, view: dict[str, Any], markup: JSONDict | None
    ) -> JSONDict:
        """Store a new bot message in the chat and return its Message JSON."""
        message_id = state.take_message_id()
        message: JSONDict = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": state.chat,
            "date": _now_int(self.clock),
            **content,
        }
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        state.bot_json[message_id] = message
        state.bot_messages[message_id] = BotMessage(
            message_id=message_id,
            chat_id=int(state.chat["id"]),
            buttons=_buttons(markup),
            reply_markup=markup,
            date=message["date"],
            **view,
        )
        return copy.deepcopy(message)

    def _edited(self, params: JSONDict) -> tuple[_ChatState, BotMessage, JSONDict]:
        state = self._target(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int) or message_id not in state.bot_messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        return state, state.bot_messages[message_id], state.bot_json[message_id]

    def _apply_edit(
        self,
        state: _ChatState,
        old: BotMessage,
        new_json: JSONDict,
        changes: dict[str, Any],
        markup: JSONDict | None,
    ) -> JSONDict:
        old_json = state.bot_json[old.message_id]
        if markup is not None and "inline_keyboard" in markup:
            new_json["reply_markup"] = markup
        else:
            new_json.pop("reply_markup", None)  # an edit without reply_markup drops the keyboard
        comparable = ("text", "entities", "caption", "caption_entities", "reply_markup")
        if all(old_json.get(key) == new_json.get(key) for key in comparable):
            raise ApiError(400, NOT_MODIFIED)
        new_json["edit_date"] = _now_int(self.clock)
        state.bot_json[old.message_id] = new_json
        state.bot_messages[old.message_id] = replace(
            old,
            edited=True,
            buttons=_buttons(markup),
            reply_markup=markup,
            **changes,
        )
        return copy.deepcopy(new_json)

    # -- methods (dispatched by lower-cased name)

    async def _m_getme(self, p: JSONDict, f: Any) -> Any:
        return self.bot_user

    async def _m_logout(self, p: JSONDict, f: Any) -> Any:
        return True

    async def _m_getupdates(self, p: JSONDict, f: Any) -> Any:
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        self._poll_generation += 1
        generation = self._poll_generation
        self.notify()  # a long poll still waiting is superseded and answers 409
        if "allowed_updates" in p:
            self.allowed_updates = list(p["allowed_updates"])
        limit = min(max(int(p.get("limit", 100)), 1), 100)
        timeout = max(int(p.get("timeout", 0)), 0)
        self.confirm(int(p.get("offset", 0)))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            if self.webhook is not None:
                raise ApiError(409, "Conflict: terminated by setWebhook request")
            if self.updates:
                return copy.deepcopy(self.updates[:limit])
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def _m_setwebhook(self, p: JSONDict, f: Any) -> Any:
        url = str(p.get("url", ""))
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if url and not re.match(r"https?://[^/]+", url):
            raise ApiError(400, "Bad Request: bad webhook: invalid webhook URL specified")
        if p.get("drop_pending_updates"):
            self.updates.clear()
        if "allowed_updates" in p:
            self.allowed_updates = list(p["allowed_updates"])
        if not url:
            self.webhook = None
        else:
            self.webhook = {
                "url": url,
                "secret_token": secret,
                "max_connections": int(p.get("max_connections", 40)),
                "ip_address": p.get("ip_address"),
            }
            self.webhook_last_error = None
        self.notify()
        return True

    async def _m_deletewebhook(self, p: JSONDict, f: Any) -> Any:
        if p.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = None
        self.notify()
        return True

    async def _m_getwebhookinfo(self, p: JSONDict, f: Any) -> Any:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook.get("ip_address"):
                info["ip_address"] = self.webhook["ip_address"]
        if self.allowed_updates is not None:
            info["allowed_updates"] = self.allowed_updates
        if self.webhook_last_error:
            info["last_error_date"], info["last_error_message"] = self.webhook_last_error
        return info

    async def _m_sendmessage(self, p: JSONDict, f: Any) -> Any:
        state = self._sendable(p)
        raw, plain, entities = self._render(p, "text", TEXT_LIMIT, required=True)
        markup = self._markup(p)
        content: JSONDict = {"text": plain}
        if entities:
            content["entities"] = entities
        view = {"kind": "text", "text": raw, "plain": plain, "parse_mode": p.get("parse_mode")}
        return self._post(state, content, view, markup)

    async def _send_file(
        self, p: JSONDict, files: dict[str, tuple[str, bytes, str]], name: str
    ) -> JSONDict:
        state = self._sendable(p)
        folder = {"document": "documents", "photo": "photos"}[name]
        raw, plain, entities = self._render(p, "caption", CAPTION_LIMIT, required=False)
        markup = self._markup(p)
        stored = self._file_param(p, files, name, folder)
        content: JSONDict = {}
        view: dict[str, Any] = {"text": raw, "plain": plain, "parse_mode": p.get("parse_mode")}
        if name == "document":
            content["document"] = {
                "file_id": stored.file_id,
                "file_unique_id": stored.unique_id,
                "file_name": stored.filename,
                "mime_type": stored.mime_type,
                "file_size": len(stored.content),
            }
            view.update(kind="document", document=(stored.filename, stored.content))
        else:
            content["photo"] = [
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.unique_id,
                    "width": 320,
                    "height": 320,
                    "file_size": len(stored.content),
                }
            ]
            view.update(kind="photo", photo=stored.content)
        if plain:
            content["caption"] = plain
        if entities:
            content["caption_entities"] = entities
        return self._post(state, content, view, markup)

    async def _m_senddocument(self, p: JSONDict, f: dict[str, tuple[str, bytes, str]]) -> Any:
        return await self._send_file(p, f, "document")

    async def _m_sendphoto(self, p: JSONDict, f: dict[str, tuple[str, bytes, str]]) -> Any:
        return await self._send_file(p, f, "photo")

    def _location(self, p: JSONDict) -> JSONDict:
        try:
            latitude, longitude = float(p["latitude"]), float(p["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError(400, "Bad Request: invalid location") from exc
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ApiError(400, "Bad Request: invalid geo point")
        return {"latitude": latitude, "longitude": longitude}

    async def _m_sendlocation(self, p: JSONDict, f: Any) -> Any:
        state = self._sendable(p)
        location = self._location(p)
        if "live_period" in p:
            location["live_period"] = int(p["live_period"])
        view = {"kind": "location", "text": "", "plain": "", "location": location}
        return self._post(state, {"location": location}, view, self._markup(p))

    async def _m_sendvenue(self, p: JSONDict, f: Any) -> Any:
        state = self._sendable(p)
        location = self._location(p)
        if not p.get("title") or not p.get("address"):
            raise ApiError(400, "Bad Request: venue title and address must be non-empty")
        venue = {"location": location, "title": str(p["title"]), "address": str(p["address"])}
        text = f"{venue['title']}\n{venue['address']}"
        flat = {**venue, **location}  # the view also has latitude/longitude at the top level
        view = {"kind": "venue", "text": text, "plain": text, "venue": flat, "location": location}
        content = {"venue": venue, "location": location}
        return self._post(state, content, view, self._markup(p))

    async def _m_editmessagetext(self, p: JSONDict, f: Any) -> Any:
        if p.get("inline_message_id"):
            return True
        state, old, old_json = self._edited(p)
        if old.kind != "text":
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        raw, plain, entities = self._render(p, "text", TEXT_LIMIT, required=True)
        markup = self._markup(p)
        new_json = {**old_json, "text": plain}
        new_json.pop("entities", None)
        if entities:
            new_json["entities"] = entities
        changes = {"text": raw, "plain": plain, "parse_mode": p.get("parse_mode")}
        return self._apply_edit(state, old, new_json, changes, markup)

    async def _m_editmessagecaption(self, p: JSONDict, f: Any) -> Any:
        if p.get("inline_message_id"):
            return True
        state, old, old_json = self._edited(p)
        if old.kind not in {"document", "photo"}:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        raw, plain, entities = self._render(p, "caption", CAPTION_LIMIT, required=False)
        new_json = dict(old_json)
        for key in ("caption", "caption_entities"):
            new_json.pop(key, None)
        if plain:
            new_json["caption"] = plain
        if entities:
            new_json["caption_entities"] = entities
        changes = {"text": raw, "plain": plain, "parse_mode": p.get("parse_mode")}
        return self._apply_edit(state, old, new_json, changes, self._markup(p))

    async def _m_editmessagereplymarkup(self, p: JSONDict, f: Any) -> Any:
        if p.get("inline_message_id"):
            return True
        state, old, old_json = self._edited(p)
        return self._apply_edit(state, old, dict(old_json), {}, self._markup(p))

    async def _m_deletemessage(self, p: JSONDict, f: Any) -> Any:
        state = self._target(p)
        message_id = p.get("message_id")
        if not isinstance(message_id, int) or message_id not in state.bot_messages:
            if message_id in state.user_messages:
                del state.user_messages[message_id]
                return True
            raise ApiError(400, "Bad Request: message to delete not found")
        del state.bot_messages[message_id]
        del state.bot_json[message_id]
        return True

    async def _m_answercallbackquery(self, p: JSONDict, f: Any) -> Any:
        query = self._queries.get(str(p.get("callback_query_id", "")))
        if query is None or query.answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        query.answered = True
        user = self._users.get(query.user_id)
        if user is not None:
            text = p.get("text")
            user.toasts.append(
                Toast(
                    text=str(text) if text is not None else None,
                    show_alert=bool(p.get("show_alert", False)),
                    url=p.get("url"),
                    message_id=query.message_id,
                )
            )
        return True

    @staticmethod
    def _commands_key(p: JSONDict) -> str:
        scope = p.get("scope") or {"type": "default"}
        return f"{json.dumps(scope, sort_keys=True)}|{p.get('language_code', '')}"

    async def _m_setmycommands(self, p: JSONDict, f: Any) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(p)] = commands
        return True

    async def _m_getmycommands(self, p: JSONDict, f: Any) -> Any:
        return copy.deepcopy(self.commands.get(self._commands_key(p), []))

    async def _m_deletemycommands(self, p: JSONDict, f: Any) -> Any:
        self.commands.pop(self._commands_key(p), None)
        return True

    async def _m_setchatmenubutton(self, p: JSONDict, f: Any) -> Any:
        self.menu_button = p.get("menu_button")
        return True

    async def _m_sendchataction(self, p: JSONDict, f: Any) -> Any:
        self._sendable(p)
        return True

    async def _m_leavechat(self, p: JSONDict, f: Any) -> Any:
        state = self._target(p)
        if state.chat.get("type") == "private":
            raise ApiError(
                400, "Bad Request: chat member status can't be changed in private chats"
            )
        state.member = False
        self.notify()
        return True

    async def _m_getfile(self, p: JSONDict, f: Any) -> Any:
        stored = self._files.get(str(p.get("file_id", "")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }


def _check_button(button: Any) -> None:
    """Refuse an inline keyboard button the way Telegram does."""
    prefix = "Bad Request: can't parse inline keyboard button: "
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise ApiError(400, prefix + 'Field "text" must be of type String')
    actions = [name for name in BUTTON_ACTIONS if button.get(name) is not None]
    if not actions:
        raise ApiError(400, prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise ApiError(400, prefix + f"exactly one optional field must be used, got {actions}")
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
    ):
        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or _checked_link(url) is None):
        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def _buttons(markup: JSONDict | None) -> list[list[Button]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        [
            Button(
                text=button["text"],
                callback_data=button.get("callback_data"),
                url=button.get("url"),
            )
            for button in row
        ]
        for row in markup["inline_keyboard"]
    ]


# --------------------------------------------------------------------------------------------


class _ChatMember:
    """What a user and a group have in common: a chat whose bot messages can be read."""

    api: LocalBotApi
    chat: JSONDict

    @property
    def _state(self) -> _ChatState:
        return self.api.chat_state(int(self.chat["id"]))

    def messages(self) -> list[BotMessage]:
        """Every message the bot has in this chat, in order, edits applied, deleted ones gone."""
        return [replace(message) for message in self._state.bot_messages.values()]

    def last(self) -> BotMessage:
        """The bot's newest message in this chat (LookupError if none)."""
        messages = self.messages()
        if not messages:
            raise LookupError(f"the bot has sent nothing to chat {self.chat['id']}")
        return messages[-1]

    def _message(self, sender: JSONDict, content: JSONDict) -> JSONDict:
        state = self._state
        message: JSONDict = {
            "message_id": state.take_message_id(),
            "from": sender,
            "chat": self.chat,
            "date": _now_int(self.api.clock),
            **content,
        }
        state.user_messages[message["message_id"]] = message
        return message


def _command_entities(text: str) -> list[JSONDict]:
    """The bot_command entity Telegram adds when a text starts with a /command."""
    match = re.match(r"/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>])", text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]


class LocalUser(_ChatMember):
    """A person in a private chat with the bot; every action returns the Update dict it
    queued for getUpdates (or the webhook)."""

    def __init__(
        self,
        api: LocalBotApi,
        user_id: int,
        first_name: str,
        language_code: str,
        username: str | None,
    ) -> None:
        self.api = api
        self.id = user_id
        self.first_name = first_name
        self.data: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            self.data["username"] = username
            self.chat["username"] = username
        self.toasts: list[Toast] = []
        api._chat_state(self.chat)

    def _send(self, content: JSONDict) -> JSONDict:
        return self.api.enqueue("message", self._message(self.data, content))

    def text(self, text: str) -> JSONDict:
        """Send a text; a leading /command gets its bot_command entity as Telegram adds."""
        content: JSONDict = {"text": text}
        entities = _command_entities(text)
        if entities:
            content["entities"] = entities
        return self._send(content)

    def location(self, lat: float, lon: float, *, live_period: int | None = None) -> JSONDict:
        """Share a location (a live one with `live_period` seconds)."""
        location: JSONDict = {"latitude": lat, "longitude": lon}
        if live_period is not None:
            location["live_period"] = live_period
        return self._send({"location": location})

    def photo(self) -> JSONDict:
        """Send a (tiny) photo."""
        stored = self.api.store_file("photos", "photo.png", TINY_PNG, "image/png")
        size = {"file_id": stored.file_id, "file_unique_id": stored.unique_id}
        photo = [
            {**size, "width": 1, "height": 1, "file_size": len(TINY_PNG)},
        ]
        return self._send({"photo": photo})

    def sticker(self) -> JSONDict:
        """Send a sticker."""
        stored = self.api.store_file("stickers", "sticker.webp", b"RIFF", "image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\N{THUMBS UP SIGN}",
        }
        return self._send({"sticker": sticker})

    def voice(self) -> JSONDict:
        """Send a voice note."""
        stored = self.api.store_file("voice", "voice.ogg", b"OggS", "audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "duration": 2,
            "mime_type": "audio/ogg",
            "file_size": 4,
        }
        return self._send({"voice": voice})

    def document(self, filename: str, content: bytes, mime_type: str) -> JSONDict:
        """Send a file; the bot can fetch the bytes with getFile and the file URL."""
        stored = self.api.store_file("documents", filename, content, mime_type)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        return self._send({"document": document})

    def contact(self) -> JSONDict:
        """Share one's own phone contact."""
        contact = {
            "phone_number": "+447700900123",
            "first_name": self.first_name,
            "user_id": self.id,
        }
        return self._send({"contact": contact})

    def edited_text(self, message_id: int, text: str) -> JSONDict:
        """Edit one of one's own earlier messages (an edited_message update)."""
        original = self._state.user_messages.get(message_id)
        if original is None:
            raise LookupError(f"user {self.id} has no message {message_id}")
        edited: JSONDict = {**original, "text": text, "edit_date": _now_int(self.api.clock)}
        edited.pop("entities", None)
        entities = _command_entities(text)
        if entities:
            edited["entities"] = entities
        self._state.user_messages[message_id] = edited
        return self.api.enqueue("edited_message", edited)

    def press(self, label_or_data: str, *, message_id: int | None = None) -> JSONDict:
        """Press an inline button, found by its label (or exact callback_data) in the newest
        bot message with an inline keyboard, or in `message_id`."""
        state = self._state
        if message_id is None:
            candidates = [m for m in state.bot_messages.values() if m.buttons]
            if not candidates:
                raise LookupError(f"no bot message with buttons in chat {self.id}")
            message = candidates[-1]
        elif message_id in state.bot_messages:
            message = state.bot_messages[message_id]
        else:
            raise LookupError(f"no bot message {message_id} in chat {self.id}")
        for row in message.buttons:
            for button in row:
                if label_or_data in (button.text, button.callback_data):
                    if button.callback_data is None:
                        raise LookupError(f"button {button.text!r} is not a callback button")
                    return self.callback(button.callback_data, message_id=message.message_id)
        available = [[(b.text, b.callback_data or b.url) for b in row] for row in message.buttons]
        raise LookupError(
            f"no button {label_or_data!r} in message {message.message_id}; "
            f"buttons (label, data): {available}"
        )

    def callback(self, data: str, *, message_id: int) -> JSONDict:
        """A callback query with arbitrary (possibly hostile) data on a given message; an
        unknown message arrives as an inaccessible one (date 0)."""
        state = self._state
        message = state.bot_json.get(message_id)
        if message is None:
            message = {"message_id": message_id, "date": 0, "chat": self.chat}
        query_id = str(4_000_000_000_000_000_000 + next(self.api._query_ids))
        self.api._queries[query_id] = _Query(user_id=self.id, message_id=message_id)
        query = {
            "id": query_id,
            "from": self.data,
            "chat_instance": state.chat_instance,
            "data": data,
            "message": copy.deepcopy(message),
        }
        return self.api.enqueue("callback_query", query)

    def _member_update(self, old: str, new: str) -> JSONDict:
        def member(status: str) -> JSONDict:
            result: JSONDict = {"status": status, "user": self.api.bot_user}
            if status == "kicked":
                result["until_date"] = 0
            return result

        update = {
            "chat": self.chat,
            "from": self.data,
            "date": _now_int(self.api.clock),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        return self.api.enqueue("my_chat_member", update)

    def blocks_bot(self) -> JSONDict:
        """Block the bot: a my_chat_member update (member -> kicked); sends then answer 403."""
        self._state.blocked = True
        return self._member_update("member", "kicked")

    def unblocks_bot(self) -> JSONDict:
        """Unblock the bot (kicked -> member); sends work again."""
        self._state.blocked = False
        return self._member_update("kicked", "member")


class LocalGroup(_ChatMember):
    """A group chat the bot is a member of, for checking that the bot leaves or ignores it."""

    def __init__(self, api: LocalBotApi, chat_id: int, title: str) -> None:
        self.api = api
        self.id = chat_id
        self.title = title
        self.chat = {"id": chat_id, "type": "group", "title": title}
        api._chat_state(self.chat)

    @property
    def left(self) -> bool:
        """The bot left this group (leaveChat)."""
        return not self._state.member

    def text(self, user: LocalUser, text: str) -> JSONDict:
        """`user` writes `text` in the group."""
        content: JSONDict = {"text": text}
        entities = _command_entities(text)
        if entities:
            content["entities"] = entities
        return self.api.enqueue("message", self._message(user.data, content))


# --------------------------------------------------------------------------------------------


class LocalRequest(BaseRequest):
    """Routes the bot's HTTP calls to a LocalBotApi instead of the network."""

    def __init__(self, api: LocalBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        """Default read timeout; PTB adds the long-poll timeout to it for getUpdates."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer `url` locally: `.../bot<token>/<method>` or `.../file/bot<token>/<path>`."""
        if isinstance(read_timeout, int | float):
            timeout: float | None = float(read_timeout)
        elif read_timeout is None:
            timeout = None
        else:
            timeout = self._read_timeout
        try:
            async with asyncio.timeout(timeout):
                return await self._answer(urllib.parse.urlsplit(url).path, request_data)
        except TimeoutError as exc:
            raise TimedOut from exc

    async def _answer(self, path: str, request_data: RequestData | None) -> tuple[int, bytes]:
        file_match = re.search(r"/file/bot([^/]+)/(.+)$", path)
        if file_match:
            # PTB percent-encodes the file URL path, so the token's ':' arrives as %3A.
            if urllib.parse.unquote(file_match.group(1)) != self.api.token:
                return 401, json.dumps(error_body(401, "Unauthorized")).encode()
            content = self.api.file_bytes(urllib.parse.unquote(file_match.group(2)))
            if content is None:
                return 404, json.dumps(error_body(404, "Not Found")).encode()
            return 200, content
        match = re.search(r"/bot([^/]+)/([A-Za-z0-9_]+)$", path)
        if not match:
            return 404, json.dumps(error_body(404, "Not Found")).encode()
        if match.group(1) != self.api.token:
            return 401, json.dumps(error_body(401, "Unauthorized")).encode()
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes, str]] = {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, content_or_handle, mime) in request_data.multipart_data.items():
                content_bytes = (
                    content_or_handle
                    if isinstance(content_or_handle, bytes)
                    else content_or_handle.read()
                )
                files[name] = (filename, content_bytes, mime)
        status, body = await self.api.call(match.group(2), params, files)
        return status, json.dumps(body).encode()
