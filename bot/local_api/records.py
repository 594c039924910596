"""What the fake Bot API shares and tests read: the JSON type, Telegram's limits and error
wording, ApiError, the ledger and chat records (Button, Toast, BotMessage, SentCall)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]

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


def _now_int(clock: Callable[[], float]) -> int:
    return int(clock())
