"""fakegram: the fake Telegram Bot API over HTTP on 127.0.0.1, for end-to-end, webhook and
fault tests. It wraps a `bot.local_api.LocalBotApi`, so users act the same way in both."""

import asyncio
import contextlib
import json
import socket
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Self, TypeVar

import httpx
import tornado.httpserver
import tornado.httputil
import tornado.netutil
import tornado.web

from bot.local_api import ApiError, JSONDict, LocalBotApi, decode_params, error_body
from tests.fakegram.faults import Action, Faults, RateLimits
from tests.fakegram.ledger import Ledger

T = TypeVar("T")

NGINX_PAGE = "<html><head><title>{code} {phrase}</title></head><body><center><h1>{code} {phrase}</h1></center><hr><center>nginx</center></body></html>"  # noqa: E501


@dataclass(frozen=True)
class WebhookDelivery:
    """One POST of an update to the bot's webhook."""

    update_id: int
    attempt: int
    status: int | None  # the bot's HTTP answer; None on timeout or connection failure
    error: str | None  # Telegram-style last_error_message when not 2xx
    time: float


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (for the bot's webhook listener)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class FakeTelegramServer:
    """`async with FakeTelegramServer() as tg:` then point the bot at `tg.base_url`."""

    def __init__(
        self,
        api: LocalBotApi | None = None,
        *,
        webhook_timeout: float = 2.0,
        webhook_retry_delays: Sequence[float] = (0.05, 0.2, 0.5),
        **api_options: Any,
    ) -> None:
        self.api = api or LocalBotApi(**api_options)
        self.faults = Faults()
        self.rates = RateLimits()
        self.ledger = Ledger(self.api)
        self.webhook_timeout = webhook_timeout
        self.webhook_retry_delays = tuple(webhook_retry_delays)
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.webhook_dropped: list[JSONDict] = []  # updates given up after every retry failed
        self.port = 0
        self._server: tornado.httpserver.HTTPServer | None = None
        self._client: httpx.AsyncClient | None = None
        self._pusher: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[tuple[int, JSONDict]]] = set()

    @property
    def base_url(self) -> str:
        """Root URL: PTB calls `{base_url}/bot{token}/{method}`."""
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Self:
        app = tornado.web.Application(
            [
                (r"/bot([^/]*)/([A-Za-z0-9_]+)/?", _ApiHandler, {"server": self}),
                (r"/file/bot([^/]*)/(.+)", _FileHandler, {"server": self}),
                (r".*", _NotFoundHandler),
            ],
            log_function=lambda handler: None,
        )
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._server = tornado.httpserver.HTTPServer(app, max_body_size=60 * 1024 * 1024)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        self._client = httpx.AsyncClient(timeout=self.webhook_timeout, trust_env=False)
        self._pusher = asyncio.create_task(self._push_webhooks(), name="fakegram-webhook")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
        self.faults.release()
        for task in list(self._inflight):
            task.cancel()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
        if self._client is not None:
            await self._client.aclose()

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:  # noqa: ASYNC109
        """Wait (event-driven) until predicate() is truthy; see LocalBotApi.wait_for."""
        return await self.api.wait_for(predicate, timeout)

    # ---- Bot API calls --------------------------------------------------------------------

    async def serve_call(self, handler: "_ApiHandler", token: str, method: str) -> None:
        """Answer one `/bot<token>/<method>` request, applying faults and flood limits."""
        if ":" not in token:
            handler.reply(404, error_body(404, "Not Found"))
            return
        if token != self.api.token:
            handler.reply(401, error_body(401, "Unauthorized"))
            return
        try:
            params, files = _read_request(handler.request)
        except ValueError:
            handler.reply(400, error_body(400, "Bad Request: can't parse JSON object"))
            return
        chat_id = _chat_id(params)
        at = time.monotonic()

        action = self.faults.pick(method, chat_id)
        if action is not None:
            await self._fault(handler, action, method, params, files, at)
            return

        wait = self.rates.check(method, chat_id, at)
        if wait is not None:
            body = error_body(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
            self.api.record(method, params, files, 429, body, at=at, fault="rate_limit")
            handler.reply(429, body)
            return

        task = asyncio.create_task(self.api.call(method, params, files, at=at))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        gone = asyncio.create_task(handler.gone.wait())
        await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
        gone.cancel()
        if not task.done():  # the client left (e.g. PTB cancelled its long poll)
            task.cancel()
            return
        status, body = task.result()
        if status == 200:
            self.rates.accepted(method, chat_id, at)
        handler.reply(status, body)

    async def _fault(
        self,
        handler: "_ApiHandler",
        action: Action,
        method: str,
        params: JSONDict,
        files: dict[str, tuple[str, bytes, str]],
        at: float,
    ) -> None:
        if action.kind == "status":
            parameters = {"retry_after": action.retry_after} if action.retry_after else None
            body = error_body(action.status, action.description, parameters)
            self.api.record(method, params, files, action.status, body, at=at, fault=action.name)
            if action.json_body:
                handler.reply(action.status, body)
            else:
                phrase = HTTPStatus(action.status).phrase
                page = NGINX_PAGE.format(code=action.status, phrase=phrase)
                handler.reply(action.status, page.encode(), content_type="text/html")
            return
        if action.kind == "reset":
            self.api.record(method, params, files, None, None, at=at, fault=action.name)
            handler.abort(rst=True)
            return
        if action.kind == "accept_then_hang":
            status, _ = await self.api.call(method, params, files, at=at, fault=action.name)
            if status == 200:
                chat_id = self.api.sent[-1].chat_id
                self.rates.accepted(method, chat_id, at)
        else:
            self.api.record(method, params, files, None, None, at=at, fault=action.name)
        self.faults.hanging += 1
        self.api.notify()
        try:
            waits = {
                asyncio.create_task(handler.gone.wait()),
                asyncio.create_task(self.faults.release_event.wait()),
            }
            await asyncio.wait(waits, timeout=action.seconds, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waits:
                waiter.cancel()
        finally:
            self.faults.hanging -= 1
            self.api.notify()
        handler.abort(rst=False)

    # ---- webhook delivery -----------------------------------------------------------------

    def _next_webhook_update(self) -> JSONDict | None:
        if self.api.webhook is None or not self.api.updates:
            return None
        return self.api.updates[0]

    async def _push_webhooks(self) -> None:
        """Like Telegram: POST pending updates one by one, retry on non-2xx or timeout, then
        give up on that update."""
        while True:
            update = self._next_webhook_update()
            if update is None:
                await self.api.wait_changed()
                continue
            await self._deliver(update)

    async def _deliver(self, update: JSONDict) -> None:
        assert self._client is not None
        update_id = update["update_id"]
        delays = (0.0, *self.webhook_retry_delays)
        for attempt, delay in enumerate(delays, start=1):
            if delay:
                await asyncio.sleep(delay)  # Telegram's back-off between attempts
            hook = self.api.webhook
            if hook is None or self._next_webhook_update() is not update:
                return  # webhook deleted, or the update was dropped meanwhile
            headers = {"Content-Type": "application/json"}
            if hook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
            status: int | None = None
            try:
                response = await self._client.post(
                    hook["url"], content=json.dumps(update).encode(), headers=headers
                )
                status = response.status_code
                error = None
                if not 200 <= status <= 299:
                    phrase = _phrase(status) or response.reason_phrase
                    error = f"Wrong response from the webhook: {status} {phrase}"
            except httpx.TimeoutException:
                error = "Read timeout expired"
            except httpx.HTTPError as exc:
                error = f"Connection failed: {type(exc).__name__}"
            self.webhook_deliveries.append(
                WebhookDelivery(update_id, attempt, status, error, time.monotonic())
            )
            if error is None:
                self.api.confirm_update(update_id)
                return
            self.api.webhook_last_error = (int(self.api.clock()), error)
            self.api.notify()
        self.webhook_dropped.append(update)
        self.api.confirm_update(update_id)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _chat_id(params: JSONDict) -> int | str | None:
    """The chat a call targets, typed like the ledger stores it."""
    try:
        value = decode_params({"chat_id": params.get("chat_id")}).get("chat_id")
    except ApiError:
        return None
    return value if isinstance(value, int | str) else None


def _read_request(
    request: tornado.httputil.HTTPServerRequest,
) -> tuple[JSONDict, dict[str, tuple[str, bytes, str]]]:
    """Parameters from the query string and a JSON, form-urlencoded or multipart body."""
    params: JSONDict = {k: v[-1].decode() for k, v in request.query_arguments.items()}
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json"):
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        params.update(body)
    else:
        params.update({k: v[-1].decode() for k, v in request.body_arguments.items()})
    files = {
        name: (parts[0].filename, parts[0].body, parts[0].content_type)
        for name, parts in request.files.items()
        if parts
    }
    return params, files


class _ApiHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "POST")

    def initialize(self, server: FakeTelegramServer) -> None:
        self.server = server
        self.gone = asyncio.Event()

    def on_connection_close(self) -> None:
        self.gone.set()

    async def get(self, token: str, method: str) -> None:
        await self.server.serve_call(self, token, method)

    async def post(self, token: str, method: str) -> None:
        await self.server.serve_call(self, token, method)

    def reply(self, status: int, body: JSONDict | bytes, content_type: str = "") -> None:
        if self.gone.is_set():
            return
        self.set_status(status)
        if isinstance(body, bytes):
            self.set_header("Content-Type", content_type or "application/octet-stream")
            self.finish(body)
        else:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(body).encode())

    def abort(self, *, rst: bool) -> None:
        """Close the connection without an answer; with `rst`, as a TCP reset."""
        stream = self.detach()
        if rst and stream.socket is not None:
            stream.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        stream.close()


class _FileHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)

    def initialize(self, server: FakeTelegramServer) -> None:
        self.server = server

    def get(self, token: str, path: str) -> None:
        if token != self.server.api.token:
            self.set_status(401)
            self.finish(error_body(401, "Unauthorized"))
            return
        content = self.server.api.file_bytes(path)
        if content is None:
            self.set_status(404)
            self.finish(error_body(404, "Not Found"))
            return
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(content)


class _NotFoundHandler(tornado.web.RequestHandler):
    def prepare(self) -> None:
        self.set_status(404)
        self.finish(error_body(404, "Not Found"))
