"""fakegram over HTTP: a real PTB Application (httpx, tornado) against FakeTelegramServer."""

import asyncio
import datetime as dtm
import json

import httpx
import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.fakegram import (
    FakeTelegramServer,
    accept_then_hang,
    bad_request,
    forbidden,
    hang,
    http_app_builder,
    max_in_window,
    polling,
    reset,
    retry_after,
    server_error,
    too_many_requests,
    unauthorized,
    webhook,
)

# ---- a tiny bot, defined here -----------------------------------------------------------


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeats the text."""
    assert update.message
    assert update.message.text
    await update.message.reply_text(update.message.text)


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offers one button."""
    assert update.message
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Join", callback_data="join:7")]])
    await update.message.reply_html("Join <i>Coding Club</i>?", reply_markup=keyboard)


async def joined(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Confirms the press in a toast and in the message."""
    query = update.callback_query
    assert query
    await query.answer("Joined!")
    await query.edit_message_text("You joined Coding Club")


async def ask_town(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Starts a one-question conversation."""
    assert update.message
    await update.message.reply_text("Which town?")
    return 1


async def got_town(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Ends it."""
    assert update.message
    await update.message.reply_text(f"Searching near {update.message.text}")
    return ConversationHandler.END


def build(tg: FakeTelegramServer) -> Application:  # type: ignore[type-arg]
    app = http_app_builder(tg).build()
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("near", ask_town)],
            states={1: [MessageHandler(filters.TEXT & ~filters.COMMAND, got_town)]},
            fallbacks=[],
        )
    )
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(joined))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
async def tg():
    async with FakeTelegramServer(webhook_retry_delays=(0.01, 0.02)) as server:
        yield server


@pytest.fixture
async def app(tg: FakeTelegramServer):
    application = http_app_builder(tg).build()
    async with application:
        yield application


async def reply_count(tg: FakeTelegramServer, user, count: int) -> None:
    await tg.wait_for(lambda: len(user.messages()) >= count)


# ---- polling over HTTP --------------------------------------------------------------------


async def test_polling_over_http_runs_a_whole_flow(tg: FakeTelegramServer) -> None:
    """Commands, buttons, edits and a conversation work over HTTP long polling."""
    ada, ben = tg.api.user(1, "Ada"), tg.api.user(2, "Ben")
    async with polling(build(tg)) as run:
        for i in range(10):
            ada.text(f"ping {i}")
            ben.text(f"pong {i}")
        await reply_count(tg, ada, 10)
        await reply_count(tg, ben, 10)
        assert [m.text for m in ada.messages()] == [f"ping {i}" for i in range(10)]

        ada.text("/menu")
        await reply_count(tg, ada, 11)
        ada.press("Join")
        await tg.wait_for(lambda: ada.last().edited)
        assert ada.last().plain == "You joined Coding Club"
        assert ada.toasts[-1].text == "Joined!"

        ben.text("/near")
        await reply_count(tg, ben, 11)
        ben.text("Leeds")
        await reply_count(tg, ben, 12)
        assert ben.last().text == "Searching near Leeds"
    assert run.errors == []
    assert tg.api.updates == []  # every update confirmed exactly once
    assert len(tg.ledger.sends(1)) == 11


async def test_idle_long_poll_over_http_does_not_spin(tg: FakeTelegramServer) -> None:
    """An idle poller (timeout=10) makes about one getUpdates in a second, not hundreds."""
    async with polling(http_app_builder(tg).build(), timeout=10):
        await tg.wait_for(lambda: tg.api.counts["getUpdates"] >= 1)
        before = tg.api.counts["getUpdates"]
        with pytest.raises(TimeoutError):
            await tg.wait_for(lambda: tg.api.counts["getUpdates"] > before + 1, timeout=1.0)
    assert tg.api.counts["getUpdates"] - before <= 2  # + the final confirming call on stop


# ---- transport details --------------------------------------------------------------------


async def test_wrong_token_is_invalid_token(tg: FakeTelegramServer) -> None:
    """A wrong token answers 401 and a malformed one 404: both InvalidToken in PTB."""
    for token in ("999:WRONG", "not-a-token"):
        # Own the request objects: Bot.shutdown() skips them when initialize() never finished.
        requests = HTTPXRequest(), HTTPXRequest()
        bot = Bot(
            token,
            base_url=f"{tg.base_url}/bot",
            request=requests[0],
            get_updates_request=requests[1],
        )
        try:
            with pytest.raises(InvalidToken):
                await bot.get_me()
        finally:
            for request in requests:
                await request.shutdown()
    async with httpx.AsyncClient(trust_env=False) as client:
        response = await client.get(f"{tg.base_url}/nothing/here")
    assert response.status_code == 404


async def test_json_form_and_query_parameters(tg: FakeTelegramServer) -> None:
    """JSON bodies, form bodies (JSON-encoded fields) and query strings are all understood."""
    user = tg.api.user()
    root = f"{tg.base_url}/bot{tg.api.token}"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    async with httpx.AsyncClient(trust_env=False) as client:
        as_json = await client.post(f"{root}/sendMessage", json={"chat_id": user.id, "text": "j"})
        as_form = await client.post(
            f"{root}/sendMessage",
            data={"chat_id": str(user.id), "text": "f", "reply_markup": json.dumps(markup)},
        )
        as_query = await client.get(f"{root}/getMe")
        bad_json = await client.post(
            f"{root}/sendMessage", content=b"{", headers={"Content-Type": "application/json"}
        )
    assert (as_json.status_code, as_form.status_code, as_query.status_code) == (200, 200, 200)
    assert as_query.json()["result"]["is_bot"] is True
    assert bad_json.status_code == 400
    assert [m.text for m in user.messages()] == ["j", "f"]
    assert user.last().labels == ["A"]


async def test_multipart_document_upload_and_file_download(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """sendDocument's multipart upload stores the bytes; user files download over /file/bot."""
    user = tg.api.user()
    content = b"%PDF-1.4\n" + bytes(range(256))
    message = await app.bot.send_document(user.id, content, filename="badge.pdf", caption="Badge")
    assert message.document is not None
    assert message.document.file_size == len(content)
    assert user.last().document == ("badge.pdf", content)
    (upload,) = tg.ledger.calls("sendDocument")
    assert upload.files == {"document": ("badge.pdf", len(content), "application/pdf")}
    assert upload.text == "Badge"

    update = user.document("notes.txt", "héllo".encode(), "text/plain")
    file = await app.bot.get_file(update["message"]["document"]["file_id"])
    assert file.file_path is not None
    assert file.file_path.startswith(f"{tg.base_url}/file/bot")
    assert bytes(await file.download_as_bytearray()) == "héllo".encode()


# ---- webhook ----------------------------------------------------------------------------


async def test_webhook_delivers_updates_and_blocks_polling(tg: FakeTelegramServer) -> None:
    """After setWebhook updates are POSTed with the secret; getUpdates is 409 until deleted."""
    user = tg.api.user()
    app = build(tg)
    async with webhook(app, secret_token="s3cret_Token-1") as run:
        assert tg.api.webhook is not None
        assert tg.api.webhook["secret_token"] == "s3cret_Token-1"
        user.text("via webhook")
        await reply_count(tg, user, 1)
        assert user.last().text == "via webhook"
        assert tg.webhook_deliveries[-1].status == 200
        with pytest.raises(Conflict, match="webhook is active"):
            await app.bot.get_updates()

        stray = Update.de_json(user.text("forged"), app.bot).to_dict()
        tg.api.confirm_update(stray["update_id"])  # only the forged POST below carries it
        async with httpx.AsyncClient(trust_env=False) as client:
            assert run.webhook_url is not None
            response = await client.post(
                run.webhook_url,
                json=stray,
                headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
            )
        assert response.status_code == 403
        assert await app.bot.delete_webhook()
        assert await app.bot.get_updates(timeout=0) == ()
    assert run.errors == []
    assert [m.text for m in user.messages()] == ["via webhook"]


async def test_webhook_with_stale_secret_is_retried_then_dropped(tg: FakeTelegramServer) -> None:
    """PTB rejects a wrong secret with 403; fakegram re-POSTs like Telegram, then gives up."""
    user = tg.api.user()
    app = build(tg)
    async with webhook(app, secret_token="current") as run:
        # Telegram still signs with an old secret (e.g. a redeploy changed it).
        await app.bot.set_webhook(run.webhook_url, secret_token="stale")
        update_id = user.text("lost")["update_id"]
        await tg.wait_for(lambda: tg.webhook_dropped)
        attempts = [d for d in tg.webhook_deliveries if d.update_id == update_id]
        assert [d.status for d in attempts] == [403, 403, 403]
        info = await app.bot.get_webhook_info()
        assert info.last_error_message == "Wrong response from the webhook: 403 Forbidden"
        assert info.pending_update_count == 0
    assert user.messages() == []


async def test_webhook_redelivers_after_error_and_timeout() -> None:
    """A 500 and a timeout are retried; the third POST succeeds with the same update."""
    received: list[tuple[dict[str, object], str | None]] = []

    class Flaky(tornado.web.RequestHandler):
        def initialize(self) -> None:
            self.gone = asyncio.Event()

        def on_connection_close(self) -> None:
            self.gone.set()

        async def post(self) -> None:
            received.append(
                (
                    json.loads(self.request.body),
                    self.request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                )
            )
            if len(received) == 1:
                self.set_status(500)
            elif len(received) == 2:
                await self.gone.wait()  # never answer: fakegram times out and closes

    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    receiver = tornado.httpserver.HTTPServer(tornado.web.Application([(r"/hook", Flaky)]))
    receiver.add_sockets(sockets)
    url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/hook"
    try:
        async with FakeTelegramServer(
            webhook_timeout=1.0, webhook_retry_delays=(0.01, 0.01)
        ) as tg:
            await tg.api.call("setWebhook", {"url": url, "secret_token": "abc"})
            update_id = tg.api.user().text("hello")["update_id"]
            await tg.wait_for(lambda: any(d.status == 200 for d in tg.webhook_deliveries))
            errors = [(d.attempt, d.status, d.error) for d in tg.webhook_deliveries]
            assert errors == [
                (1, 500, "Wrong response from the webhook: 500 Internal Server Error"),
                (2, None, "Read timeout expired"),
                (3, 200, None),
            ]
            assert tg.api.updates == []
    finally:
        receiver.stop()
        await receiver.close_all_connections()
    assert [(body["update_id"], secret) for body, secret in received] == [(update_id, "abc")] * 3


# ---- faults -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "expected", "message"),
    [
        (retry_after(7), RetryAfter, "Flood control exceeded"),
        (too_many_requests(), NetworkError, "Too Many Requests"),
        (server_error(500), NetworkError, "Internal Server Error"),
        (server_error(502, html=True), NetworkError, r"Bad Gateway \(502\)\. Parsing"),
        (server_error(503), NetworkError, "Service Unavailable"),
        (server_error(504), NetworkError, "Gateway Timeout"),
        (reset(), NetworkError, "httpx."),
        (forbidden("Forbidden: user is deactivated"), Forbidden, "user is deactivated"),
        (bad_request("Bad Request: message is too long"), BadRequest, "Message is too long"),
        (unauthorized(), InvalidToken, "Unauthorized"),
        (hang(), TimedOut, "Timed out"),
    ],
    ids=lambda value: getattr(value, "name", None),
)
async def test_fault_surfaces_as_ptb_exception(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    action,
    expected: type[TelegramError],
    message: str,
) -> None:
    """Each injected fault reaches PTB as the exception the delivery code must classify."""
    # PTB 22 warns on RetryAfter.retry_after unless PTB_TIMEDELTA is set (and warnings are errors).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    user = tg.api.user()
    rule = tg.faults.add(method="sendMessage", action=action, times=1)
    with pytest.raises(expected, match=message) as caught:
        await app.bot.send_message(user.id, "hello", read_timeout=0.3)
    assert type(caught.value) is expected  # BadRequest is a NetworkError: be exact
    if isinstance(caught.value, RetryAfter):
        assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert rule.fired == 1
    assert tg.ledger.calls("sendMessage")[-1].fault == action.name
    assert user.messages() == []  # nothing reached the chat
    await app.bot.send_message(user.id, "after the fault")
    assert user.last().text == "after the fault"


async def test_accept_then_hang_delivers_but_times_out(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """The ambiguous case: PTB sees TimedOut although Telegram accepted the message."""
    user = tg.api.user()
    tg.faults.add(method="sendMessage", action=accept_then_hang(), times=1)
    with pytest.raises(TimedOut):
        await app.bot.send_message(user.id, "did it arrive?", read_timeout=0.5)
    await tg.wait_for(lambda: user.messages())
    assert [m.text for m in user.messages()] == ["did it arrive?"]
    (entry,) = tg.ledger.sends(user.id)
    assert (entry.status, entry.fault) == (200, "accept_then_hang")


async def test_hang_until_released_then_connection_drops(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """A hang holds the call until released; the client then sees the connection close."""
    user = tg.api.user()
    tg.faults.add(method="sendMessage", action=hang(), times=1)
    send = asyncio.create_task(app.bot.send_message(user.id, "held", read_timeout=5))
    await tg.wait_for(lambda: tg.faults.hanging == 1)
    tg.faults.release()
    with pytest.raises(NetworkError) as caught:
        await send
    assert not isinstance(caught.value, TimedOut)
    assert tg.faults.hanging == 0
    assert user.messages() == []


async def test_fault_selectors_nth_every_times_and_chat(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """nth fires once, every=N with times=K fires on N, 2N.. K times, chat_id narrows."""
    ada, ben = tg.api.user(1, "Ada"), tg.api.user(2, "Ben")

    async def outcomes(chat_id: int, count: int) -> list[str]:
        result = []
        for i in range(count):
            try:
                await app.bot.send_message(chat_id, f"m{i}")
                result.append("ok")
            except Forbidden:
                result.append("403")
        return result

    rule = tg.faults.add(method="sendMessage", nth=3, action=forbidden())
    assert await outcomes(ada.id, 4) == ["ok", "ok", "403", "ok"]
    tg.faults.remove(rule)
    tg.faults.add(method="sendmessage", every=2, times=2, action=forbidden())
    assert await outcomes(ada.id, 6) == ["ok", "403", "ok", "403", "ok", "ok"]
    tg.faults.clear()
    tg.faults.add(chat_id=ben.id, action=forbidden())
    assert await outcomes(ada.id, 2) == ["ok", "ok"]
    assert await outcomes(ben.id, 2) == ["403", "403"]


async def test_rate_limits_answer_429_and_ledger_measures(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Per-chat and global caps answer 429 + retry_after; the ledger measures sliding rates."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    # A long window keeps the test deterministic on a slow machine.
    tg.rates.enforce(global_max=3, per_chat=1, window=30.0)
    users = [tg.api.user(uid, f"U{uid}") for uid in (1, 2, 3, 4)]
    await app.bot.send_message(1, "first")
    with pytest.raises(RetryAfter) as caught:
        await app.bot.send_message(1, "second to the same chat")
    wait = caught.value.retry_after
    assert isinstance(wait, dtm.timedelta)
    assert dtm.timedelta(seconds=1) <= wait <= dtm.timedelta(seconds=30)
    await app.bot.send_message(2, "b")
    await app.bot.send_message(3, "c")
    with pytest.raises(RetryAfter):
        await app.bot.send_message(4, "over the global cap")
    assert [len(u.messages()) for u in users] == [1, 1, 1, 0]
    assert tg.ledger.max_rate(30.0, accepted=True) == 3
    assert tg.ledger.max_rate_per_chat(30.0, accepted=True) == 1
    assert tg.ledger.max_rate(30.0) == 5  # attempts, including the refused ones
    assert [c.fault for c in tg.ledger.calls("sendMessage", status=429)] == ["rate_limit"] * 2
    tg.rates.disable()
    await app.bot.send_message(4, "now fine")


def test_max_in_window_is_a_half_open_sliding_window() -> None:
    """Events exactly one window apart are not counted together."""
    assert max_in_window([0.0, 0.5, 1.0, 1.2, 3.0]) == 3
    assert max_in_window([0.0, 1.0, 2.0]) == 1
    assert max_in_window([]) == 0


async def test_idem_key_hook_and_wait_for_timeout(
    tg: FakeTelegramServer,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """The ledger extracts idempotency keys (api_kwargs by default); wait_for times out loudly."""
    user = tg.api.user()
    await app.bot.send_message(user.id, "r1", api_kwargs={"idem_key": "reminder:1"})
    await app.bot.send_message(user.id, "r1 again", api_kwargs={"idem_key": "reminder:1"})
    assert tg.ledger.idem_counts() == {"reminder:1": 2}
    with pytest.raises(TimeoutError, match=r"condition not met within 0\.05 s"):
        await tg.wait_for(lambda: False, timeout=0.05)
