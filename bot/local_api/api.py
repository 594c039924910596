"""LocalBotApi: hands out users and groups, answers one Bot API call (dispatched by method
name), records it in the ledger, and implements the methods learnbot uses."""

import asyncio
import contextlib
import copy
import json
import re
import time
from typing import Any

from bot.local_api.core import LocalBotApiCore
from bot.local_api.params import decode_params
from bot.local_api.records import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    WEBHOOK_ACTIVE,
    ApiError,
    JSONDict,
    SentCall,
    Toast,
    error_body,
)
from bot.local_api.users import LocalGroup, LocalUser


class LocalBotApi(LocalBotApiCore):
    """An in-memory Telegram Bot API: answers the bot's calls like Telegram would and lets
    people act as users."""

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
