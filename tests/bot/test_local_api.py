"""LocalBotApi: a real PTB Application against the in-memory Bot API (LocalRequest)."""

import asyncio
import html
from enum import IntEnum

import pytest
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.local_api import TINY_PNG, HtmlParseError, LocalBotApi, parse_html
from tests.fakegram import Running, local_app_builder, polling

# ---- a tiny bot, defined here -----------------------------------------------------------


class Survey(IntEnum):
    NAME = 1
    AGE = 2


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greets the user by name (escaped, HTML)."""
    assert update.message
    assert update.effective_user
    name = html.escape(update.effective_user.first_name)
    await update.message.reply_html(f"Hello <b>{name}</b>!")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offers two callback buttons and a link."""
    assert update.message
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="pick:yes"),
                InlineKeyboardButton("No", callback_data="pick:no"),
            ],
            [InlineKeyboardButton("Website", url="https://example.org")],
        ]
    )
    await update.message.reply_text("Pick one", reply_markup=keyboard)


async def picked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers the press with a toast and edits the menu in place."""
    query = update.callback_query
    assert query
    assert query.data
    choice = query.data.split(":", 1)[1]
    # CallbackQueries need to be answered, even if no notification to the user is needed.
    await query.answer(f"You picked {choice}")
    await query.edit_message_text(f"You picked <b>{choice}</b>", parse_mode=ParseMode.HTML)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeats any other text."""
    assert update.message
    assert update.message.text
    await update.message.reply_text(update.message.text)


async def ask_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Survey:
    """Starts the survey."""
    assert update.message
    await update.message.reply_text("What's your name?")
    return Survey.NAME


async def ask_age(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Survey:
    """Keeps the name, asks the age."""
    assert update.message
    assert context.user_data is not None
    context.user_data["name"] = update.message.text
    await update.message.reply_text("How old are you?")
    return Survey.AGE


async def finish(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Summarises and ends the survey."""
    assert update.message
    assert context.user_data is not None
    await update.message.reply_text(f"Thanks {context.user_data['name']}, {update.message.text}")
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Leaves the survey."""
    assert update.message
    await update.message.reply_text("Cancelled")
    return ConversationHandler.END


def add_handlers(app: Application) -> Application:  # type: ignore[type-arg]
    """The order matters: the survey sees texts before the echo does."""
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("survey", ask_name)],
            states={
                Survey.NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, ask_age)],
                Survey.AGE: [MessageHandler(filters.Regex(r"^\d+$"), finish)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
        )
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(picked, pattern=r"^pick:"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
def api() -> LocalBotApi:
    return LocalBotApi()


@pytest.fixture
async def run(api: LocalBotApi):
    app = add_handlers(local_app_builder(api).build())
    async with polling(app) as running:
        yield running
    assert running.errors == []


@pytest.fixture
async def app(api: LocalBotApi):
    application = local_app_builder(api).build()
    async with application:
        yield application


# ---- flows ------------------------------------------------------------------------------


async def test_command_fires_and_reply_keeps_html(api: LocalBotApi, run: Running) -> None:
    """/start gets its bot_command entity, the CommandHandler fires and the reply is stored."""
    user = api.user(first_name="Sam <3")
    update = user.text("/start")
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    await api.wait_for(lambda: user.messages())
    reply = user.last()
    assert reply.text == "Hello <b>Sam &lt;3</b>!"
    assert reply.plain == "Hello Sam <3!"
    assert [c.method for c in api.sent if c.chat_id == user.id] == ["sendMessage"]


async def test_button_press_answers_toast_and_edits(api: LocalBotApi, run: Running) -> None:
    """Pressing a labelled button answers the query (toast) and the edit replaces the menu."""
    user = api.user()
    user.text("/menu")
    await api.wait_for(lambda: user.messages())
    menu_message = user.last()
    assert menu_message.labels == ["Yes", "No", "Website"]
    user.press("No")
    await api.wait_for(lambda: user.last().edited)
    edited = user.last()
    assert edited.message_id == menu_message.message_id
    assert edited.plain == "You picked no"
    assert edited.buttons == []  # an edit without reply_markup drops the keyboard
    assert user.toasts[-1].text == "You picked no"
    assert not user.toasts[-1].show_alert


async def test_press_unknown_label_lists_buttons(api: LocalBotApi, run: Running) -> None:
    """A missing label raises LookupError naming the buttons that exist."""
    user = api.user()
    user.text("/menu")
    await api.wait_for(lambda: user.messages())
    with pytest.raises(LookupError, match=r"'Maybe'.*'Yes', 'pick:yes'"):
        user.press("Maybe")
    with pytest.raises(LookupError, match="not a callback button"):
        user.press("Website")


async def test_conversation_advances_and_cancels(api: LocalBotApi, run: Running) -> None:
    """A ConversationHandler walks its states on successive texts; /cancel leaves it."""
    user = api.user()
    script = [
        ("/survey", "What's your name?"),
        ("Ada", "How old are you?"),
        ("12", "Thanks Ada, 12"),
        ("hello", "hello"),  # out of the survey: echoed
        ("/survey", "What's your name?"),
        ("/cancel", "Cancelled"),
    ]
    for replies, (text, expected) in enumerate(script, start=1):
        user.text(text)
        await api.wait_for(lambda replies=replies: len(user.messages()) >= replies)  # type: ignore[misc]
        assert user.last().text == expected


async def test_polling_delivers_each_update_exactly_once(api: LocalBotApi) -> None:
    """Every update reaches the bot once, in order; a restarted poller sees only new ones."""
    user = api.user()
    seen: list[int] = []

    async def count(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    first = local_app_builder(api).build()
    first.add_handler(TypeHandler(Update, count))
    async with polling(first):
        sent = [user.text(f"m{i}")["update_id"] for i in range(30)]
        await api.wait_for(lambda: len(seen) >= 30)
    assert seen == sent
    assert api.updates == []  # confirmed by PTB's final getUpdates on stop

    seen_again: list[int] = []

    async def count_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen_again.append(update.update_id)

    second = local_app_builder(api).build()
    second.add_handler(TypeHandler(Update, count_again))
    async with polling(second):
        marker = user.text("marker")["update_id"]
        await api.wait_for(lambda: marker in seen_again)
    assert seen_again == [marker]


async def test_long_poll_is_idle_then_returns_early(api: LocalBotApi, run: Running) -> None:
    """With timeout=10 an idle poller makes ~1 getUpdates per second and wakes on an update."""
    await api.wait_for(lambda: api.counts["getUpdates"] >= 1)
    before = api.counts["getUpdates"]
    with pytest.raises(TimeoutError):
        await api.wait_for(lambda: api.counts["getUpdates"] > before + 1, timeout=1.0)
    assert api.counts["getUpdates"] - before <= 1
    user = api.user()
    loop = asyncio.get_running_loop()
    started = loop.time()
    user.text("wake up")
    await api.wait_for(lambda: user.messages(), timeout=5.0)
    assert loop.time() - started < 5.0  # well inside the 10 s long poll


async def test_get_updates_offset_limit_and_negative_offset(api: LocalBotApi) -> None:
    """getUpdates re-sends unconfirmed updates, confirms below offset, honours limit and -N."""
    user = api.user()
    ids = [user.text(str(i))["update_id"] for i in range(5)]
    assert ids == sorted(set(ids))

    async def fetch(**params: int) -> list[int]:
        status, body = await api.call("getUpdates", params)
        assert status == 200
        return [u["update_id"] for u in body["result"]]

    assert await fetch(limit=2) == ids[:2]
    assert await fetch(limit=2) == ids[:2]  # not confirmed yet
    assert await fetch(offset=ids[1] + 1) == ids[2:]
    assert [u["update_id"] for u in api.updates] == ids[2:]
    assert await fetch(offset=-1) == ids[-1:]
    assert await fetch(offset=ids[-1] + 1, timeout=0) == []


async def test_second_poller_and_webhook_conflict(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """A newer getUpdates ends a waiting one with 409; with a webhook set getUpdates is 409."""
    waiting = asyncio.create_task(api.call("getUpdates", {"timeout": 5}))
    await api.wait_for(lambda: api.counts["getUpdates"] >= 1)
    status, body = await api.call("getUpdates", {"timeout": 0})
    assert status == 200
    status, body = await waiting
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")

    assert await app.bot.set_webhook("https://example.org/hook", secret_token="abc_DEF-1")
    with pytest.raises(Conflict, match="webhook is active"):
        await app.bot.get_updates()
    info = await app.bot.get_webhook_info()
    assert info.url == "https://example.org/hook"
    assert await app.bot.delete_webhook()
    assert await app.bot.get_updates() == ()


async def test_allowed_updates_filters_future_updates(api: LocalBotApi) -> None:
    """Update types outside allowed_updates are never delivered; [] restores the default."""
    user = api.user()
    await api.call("getUpdates", {"allowed_updates": ["callback_query"]})
    user.text("dropped")
    assert api.updates == []
    assert api.dropped_updates[-1]["message"]["text"] == "dropped"
    await api.call("getUpdates", {"allowed_updates": []})
    user.text("kept")
    assert api.updates[-1]["message"]["text"] == "kept"


# ---- Telegram's validation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<foo>x</foo>", 'unsupported start tag "foo" at byte offset 0'),
        ("<b>x", "can't find end tag corresponding to start tag b"),
        ("1 < 2", 'unsupported start tag "" at byte offset 2'),
        ("Tom & Jerry", 'unescaped "&" at byte offset 4'),
        ("a&nbsp;b", 'unsupported html entity "&nbsp;" at byte offset 1'),
    ],
)
async def test_invalid_html_is_bad_request(
    api: LocalBotApi,
    app: Application,  # type: ignore[type-arg]
    text: str,
    message: str,
) -> None:
    """Invalid Telegram HTML raises BadRequest "can't parse entities" with tdlib's detail."""
    user = api.user()
    with pytest.raises(BadRequest) as caught:
        await app.bot.send_message(user.id, text, parse_mode=ParseMode.HTML)
    assert caught.value.message.lower() == f"can't parse entities: {message}"
    assert user.messages() == []
    assert api.sent[-1].status == 400


async def test_text_length_is_counted_after_parsing(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """4096 characters after entity parsing pass; 4097 and empty texts are refused."""
    user = api.user()
    await app.bot.send_message(user.id, "x" * 4096)
    await app.bot.send_message(user.id, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    assert user.last().plain == "&" * 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        await app.bot.send_message(user.id, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await app.bot.send_message(user.id, "<b> </b>", parse_mode="HTML")


async def test_keyboard_validation(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """callback_data is limited to 64 bytes; a button needs exactly one action; safe URLs."""
    user = api.user()

    def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([list(buttons)])

    ok = keyboard(InlineKeyboardButton("ok", callback_data="é" * 32))  # 64 bytes
    await app.bot.send_message(user.id, "fits", reply_markup=ok)
    too_long = keyboard(InlineKeyboardButton("long", callback_data="é" * 33))  # 33 chars, 66 bytes
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await app.bot.send_message(user.id, "x", reply_markup=too_long)
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await app.bot.send_message(user.id, "x", reply_markup=keyboard(InlineKeyboardButton("?")))
    both = keyboard(InlineKeyboardButton("?", callback_data="a", url="https://example.org"))
    with pytest.raises(BadRequest, match=r"(?i)exactly one"):
        await app.bot.send_message(user.id, "x", reply_markup=both)
    script = keyboard(InlineKeyboardButton("js", url="javascript:alert(1)"))
    with pytest.raises(BadRequest, match=r"(?i)button_url_invalid"):
        await app.bot.send_message(user.id, "x", reply_markup=script)
    assert [m.plain for m in user.messages()] == ["fits"]


async def test_edit_and_delete_rules(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Edits apply; identical edits, unknown messages and double deletes are refused."""
    user = api.user()
    message = await app.bot.send_message(user.id, "draft")
    await app.bot.edit_message_text("final", chat_id=user.id, message_id=message.message_id)
    assert (user.last().plain, user.last().edited) == ("final", True)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await app.bot.edit_message_text("final", chat_id=user.id, message_id=message.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await app.bot.edit_message_text("x", chat_id=user.id, message_id=999)
    assert await app.bot.delete_message(user.id, message.message_id)
    assert user.messages() == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await app.bot.delete_message(user.id, message.message_id)


async def test_callback_query_answers_once(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """A query id can be answered once; unknown ids are refused like expired ones."""
    user = api.user()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await app.bot.send_message(user.id, "menu", reply_markup=keyboard)
    query_id = user.press("Go")["callback_query"]["id"]
    assert await app.bot.answer_callback_query(query_id, "Done", show_alert=True)
    assert user.toasts[-1].text == "Done"
    assert user.toasts[-1].show_alert
    with pytest.raises(BadRequest, match="Query is too old"):
        await app.bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await app.bot.answer_callback_query("12345")


async def test_unknown_chat_and_blocked_user(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Never-seen chats are 400 "chat not found"; after blocking, sends are 403 Forbidden."""
    with pytest.raises(BadRequest, match="Chat not found"):
        await app.bot.send_message(424242, "hello?")
    user = api.user()
    seen: list[str] = []

    async def member_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.my_chat_member
        seen.append(update.my_chat_member.new_chat_member.status)

    app.add_handler(ChatMemberHandler(member_changed))
    await app.process_update(Update.de_json(user.blocks_bot(), app.bot))
    assert seen == ["kicked"]
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await app.bot.send_message(user.id, "still there?")
    user.unblocks_bot()
    await app.bot.send_message(user.id, "welcome back")


async def test_group_message_and_leave_chat(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """A bot that leaves groups is out of them afterwards (sends are then 403)."""
    group = api.group(-100123, "Class 7B")

    async def leave(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat
        await context.bot.leave_chat(update.effective_chat.id)

    app.add_handler(MessageHandler(filters.ChatType.GROUPS, leave))
    update = group.text(api.user(), "/start@learnbot_local_bot")
    assert update["message"]["chat"] == {"id": -100123, "type": "group", "title": "Class 7B"}
    await app.process_update(Update.de_json(update, app.bot))
    assert group.left
    with pytest.raises(Forbidden, match="not a member"):
        await app.bot.send_message(group.id, "hello group")


async def test_hostile_callback_data_reaches_handler(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Arbitrary callback data arrives as sent; an unknown message is inaccessible (date 0)."""
    user = api.user()
    received: list[CallbackQuery] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query
        received.append(update.callback_query)

    app.add_handler(CallbackQueryHandler(record))
    hostile = "b:" + "💥" * 100
    await app.process_update(Update.de_json(user.callback(hostile, message_id=77), app.bot))
    (query,) = received
    assert query.data == hostile
    assert query.message is not None
    assert not query.message.is_accessible


async def test_files_venue_and_location(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Documents, photos, venues and locations are stored; user uploads download via getFile."""
    user = api.user()
    sent = await app.bot.send_document(
        user.id,
        b"%PDF-1.4 badge",
        filename="badge.pdf",
        caption="Your <b>badge</b>",
        parse_mode="HTML",
    )
    assert sent.document is not None
    assert sent.document.file_name == "badge.pdf"
    assert user.last().kind == "document"
    assert user.last().document == ("badge.pdf", b"%PDF-1.4 badge")
    assert user.last().plain == "Your badge"
    await app.bot.send_photo(user.id, TINY_PNG)
    assert (user.last().kind, user.last().photo) == ("photo", TINY_PNG)
    await app.bot.send_venue(user.id, 51.5, -0.12, "Library", "1 High St")
    assert user.last().venue == {
        "location": {"latitude": 51.5, "longitude": -0.12},
        "latitude": 51.5,
        "longitude": -0.12,
        "title": "Library",
        "address": "1 High St",
    }
    await app.bot.send_location(user.id, 51.5, -0.12)
    assert user.last().kind == "location"

    upload = user.document("notes.csv", b"a,b\n1,2\n", "text/csv")
    file = await app.bot.get_file(upload["message"]["document"]["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await app.bot.get_file("nope")


async def test_user_updates_parse_in_ptb(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Every user action builds an Update PTB parses and its filters recognise."""
    user = api.user(username="sam_k")
    cases = [
        (user.photo(), filters.PHOTO),
        (user.sticker(), filters.Sticker.ALL),
        (user.voice(), filters.VOICE),
        (user.contact(), filters.CONTACT),
        (user.location(51.5, -0.1, live_period=60), filters.LOCATION),
        (user.document("a.txt", b"a", "text/plain"), filters.Document.ALL),
        (user.text("/start payload_123"), filters.COMMAND),
    ]
    for data, message_filter in cases:
        update = Update.de_json(data, app.bot)
        assert message_filter.check_update(update), data
    first = user.text("typo")
    edited = Update.de_json(user.edited_text(first["message"]["message_id"], "fixed"), app.bot)
    assert edited.edited_message is not None
    assert edited.edited_message.text == "fixed"
    assert len(api.updates) == len(cases) + 2


async def test_message_ids_increase_per_chat(api: LocalBotApi, app: Application) -> None:  # type: ignore[type-arg]
    """Message ids grow per chat, shared by user and bot messages."""
    ada, ben = api.user(1, "Ada"), api.user(2, "Ben")
    ids = [ada.text("hi")["message"]["message_id"]]
    ids.append((await app.bot.send_message(ada.id, "hello")).message_id)
    ids.append(ada.text("again")["message"]["message_id"])
    assert ids == [1, 2, 3]
    assert (await app.bot.send_message(ben.id, "hello")).message_id == 1


async def test_commands_round_trip_and_are_checked(app: Application) -> None:  # type: ignore[type-arg]
    """setMyCommands stores per scope; commands Telegram refuses are BadRequest."""
    assert await app.bot.set_my_commands([("start", "Start"), ("help", "Help")])
    assert [c.command for c in await app.bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await app.bot.set_my_commands([("Start", "Capital letters are refused")])
    assert await app.bot.delete_my_commands()
    assert await app.bot.get_my_commands() == ()


# ---- the HTML parser on its own -----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "plain", "entities"),
    [
        ("<b>bo<i>ld</i></b>", "bold", [("bold", 0, 4), ("italic", 2, 2)]),
        ("a &lt; b &amp;&amp; c &gt; d &quot;", 'a < b && c > d "', []),
        ("&#128512;<u>x</u>", "😀x", [("underline", 2, 1)]),  # offsets in UTF-16 units
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st", None),
        ("<B>caps</B><s>x</s><ins>y</ins>", "capsxy", None),
        ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
    ],
)
def test_parse_html_valid(
    source: str, plain: str, entities: list[tuple[str, int, int]] | None
) -> None:
    """Valid Telegram HTML parses to plain text and Bot API entities."""
    text, parsed = parse_html(source)
    assert text == plain
    if entities is not None:
        assert [(e["type"], e["offset"], e["length"]) for e in parsed] == entities


def test_parse_html_links_and_code_languages() -> None:
    """Links keep their decoded URL; <pre><code class="language-x"> becomes one pre entity."""
    _, (link,) = parse_html('<a href="https://x.org/?a=1&amp;b=2">x</a>')
    assert link == {"type": "text_link", "offset": 0, "length": 1, "url": "https://x.org/?a=1&b=2"}
    _, (pre,) = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert pre == {"type": "pre", "offset": 0, "length": 5, "language": "python"}


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<p>para</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),  # byte, not char, offsets
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            '<a href="x" title>y</a>',
            'Expected equal sign in declaration of an attribute of the tag "a"',
        ),
        ("<tg-emoji emoji-id=abc>x</tg-emoji>", "Invalid custom emoji identifier specified"),
    ],
)
def test_parse_html_errors(source: str, error: str) -> None:
    """Invalid HTML fails with tdlib's wording."""
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert str(caught.value).startswith(error)


def test_parse_html_lenient_mode_matches_telegram() -> None:
    """Without strict mode a bare & and unknown named entities stay literal, as in Telegram."""
    assert parse_html("Tom & Jerry&nbsp;", strict=False) == ("Tom & Jerry&nbsp;", [])
