"""LocalBotApi's state and what its methods share: events, chats, the update queue, files
and Telegram's validation of chats, texts, keyboards and uploads."""

import asyncio
import contextlib
import copy
import itertools
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from bot.local_api.html import HtmlParseError, _checked_link, parse_html
from bot.local_api.records import (
    BUTTON_ACTIONS,
    CALLBACK_DATA_LIMIT,
    NOT_DELIVERED_BY_DEFAULT,
    NOT_MODIFIED,
    ApiError,
    BotMessage,
    Button,
    JSONDict,
    SentCall,
    _ChatState,
    _now_int,
    _Query,
    _StoredFile,
    default_idem_key,
)

if TYPE_CHECKING:
    from bot.local_api.users import LocalGroup, LocalUser

T = TypeVar("T")


class LocalBotApiCore:
    """LocalBotApi without its Bot API methods: state, events, chats, updates and files."""

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

    # ---- chats ----------------------------------------------------------------------------

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
