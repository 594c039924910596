"""People acting on a LocalBotApi: LocalUser (a private chat) and LocalGroup build the
updates the bot receives and read the messages it has in their chat."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.local_api.html import utf16_len
from bot.local_api.records import (
    TINY_PNG,
    BotMessage,
    JSONDict,
    Toast,
    _ChatState,
    _now_int,
    _Query,
)

if TYPE_CHECKING:
    from bot.local_api.api import LocalBotApi


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
