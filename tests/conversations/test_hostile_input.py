"""Bad input in every state gets a kind answer: never a crash, never a reply Telegram refuses.

The in-memory Bot API validates like Telegram (HTML, 4096 characters, 64-byte callback data),
so a reply that would fail in production fails here.
"""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.db import session_scope
from catalogue.learners import create_learner, get_learner, set_area, set_flow
from conversations import texts

user_ids = itertools.count(50_000)

STATES = {
    "new person": None,
    "age": ("onboarding", "age", {}),
    "consent": ("onboarding", "consent", {"age_band": "16-17"}),
    "interests": ("onboarding", "interests", {}),
    "confirm interests": ("onboarding", "confirm_interests", {"topics": ["football"]}),
    "location": ("onboarding", "location", {}),
    "search question": ("search", "query", {}),
    "browsing": ("browse", "results", {"text": "footy", "topics": None, "radius_km": 30}),
    "onboarded, no flow": "learner",
}

FREE_TEXT = [
    "",
    " ",
    "x",
    "a" * 4096,
    "&" * 4096,
    "<b>",
    "</code>",
    '<a href="javascript:alert(1)">x</a>',
    "<tg-spoiler>",
    "&amp;lt;",
    "&#0;",
    "&#x110000;",
    "_*[]()~`>#+-=|{}.!",
    "👩‍👩‍👧‍👦🏽" * 300,
    "🇬🇧" * 2048,
    "Z̵̡̢͇͍̏a̸̧͎̓l̶̨̛g̶͙̈́o̴̬͛",
    "\u202eevil\u202c",
    "foot\u200bball",
    "a" * 5000,
    "\n" * 500,
    "call me on 07700 900123 or me@example.com @myhandle",
    "I want to kill myself",
    "fuck football",
    "' OR 1=1--",
    "../../etc/passwd",
]

START_PAYLOADS = [
    "/start",
    "/start ",
    "/start  x",
    "/start " + "A" * 64,
    "/start " + "A" * 65,
    "/start " + "A" * 4000,
    "/start ../../etc/passwd",
    "/start ' OR 1=1--",
    "/start %00",
    "/start \x00",
    "/start Zm9v==",
    "/start 🙂",
    "/start \u202etok",
    "/start <b>x</b>",
    "/START tok",
    "/start@OtherBot tok",
    "/start tok extra words",
    "/start opp-0",
    "/start opp-99999999999999",
    "/start opp--1",
]

CALLBACK_DATA = [
    "",
    "opp:save:-1",
    "opp:save:0",
    f"opp:save:{2**63}",
    "opp:save:abc",
    "opp:delete:1",
    "opp:save:１２",
    "x" * 64,
    "age:99",
    "consent:maybe",
    "more:page:9999",
    "place:pick:7",
    "topic:add:not-a-topic",
    "set:radius:1000",
    "delete:nuke",
    "🙂:🙂",
    "a:b:c:d",
]


def put_in_state(bot, telegram_id, state):
    with session_scope(bot.services.engine) as session:
        if state is None:
            return
        if state == "learner" or state[0] != "onboarding" or state[1] != "consent":
            learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
            set_area(
                session=session,
                learner=learner,
                name="Brighton",
                district=None,
                lat=50.8225,
                lon=-0.1372,
            )
        if state != "learner":
            flow, step, data = state
            set_flow(session=session, telegram_id=telegram_id, flow=flow, step=step, data=data)


async def answers_kindly(bot, chat, action):
    before_sent = len(bot.api.sent)
    before_toasts = len(chat.user.toasts)
    await action()
    new_calls = bot.api.sent[before_sent:]
    assert [c for c in new_calls if not c.ok] == []
    replies = [c for c in new_calls if c.chat_id == chat.user.id and c.text is not None]
    assert all(c.text != texts.APOLOGY for c in replies)
    assert replies or len(chat.user.toasts) > before_toasts


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("text", FREE_TEXT, ids=range(len(FREE_TEXT)))
async def test_listed_bad_text_in_every_state(catalogue_bot, state, text):
    """List B: each nasty text in each state gets an answer Telegram accepts."""
    chat = catalogue_bot.chat(next(user_ids))
    put_in_state(catalogue_bot, chat.user.id, STATES[state])
    await answers_kindly(catalogue_bot, chat, lambda: chat.send(text))


async def test_crisis_words_get_signposting_not_results(catalogue_bot):
    """Someone who may be at risk is pointed to Childline, Shout and 999."""
    chat = catalogue_bot.chat()
    answer = await chat.send("i just want to die tbh")
    assert len(answer) == 1
    assert "Childline" in answer[0].plain
    assert "85258" in answer[0].plain
    assert "999" in answer[0].plain


@pytest.mark.parametrize("command", START_PAYLOADS, ids=range(len(START_PAYLOADS)))
async def test_any_start_payload_gets_a_welcome(catalogue_bot, command):
    """List A: malformed, oversized or unknown deep links get the normal welcome."""
    chat = catalogue_bot.chat(next(user_ids))
    answers = await chat.send(command)
    assert catalogue_bot.failed_calls() == []
    assert answers
    assert any("how old are you?" in m.plain for m in answers) or command.startswith(
        ("/START", "/start@")
    )


@pytest.mark.parametrize("data", CALLBACK_DATA, ids=range(len(CALLBACK_DATA)))
async def test_forged_buttons_are_answered_and_change_nothing(catalogue_bot, engine, data):
    """List C: made-up callback data gets a toast; nothing about the learner changes."""
    chat = catalogue_bot.chat(next(user_ids))
    await chat.send("/start")
    message_id = chat.user.last().message_id
    await answers_kindly(
        catalogue_bot, chat, lambda: chat.deliver(chat.user.callback(data, message_id=message_id))
    )
    with session_scope(engine) as session:
        assert get_learner(session=session, telegram_id=chat.user.id) is None


async def test_a_double_tap_has_one_effect_and_both_are_answered(catalogue_bot, engine):
    """Two presses of 'Yes' 50 ms apart: one learner row, two answered presses."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("16-17")
    message_id = chat.user.last().message_id
    await chat.deliver(chat.user.callback("consent:yes", message_id=message_id))
    await chat.deliver(chat.user.callback("consent:yes", message_id=message_id))
    assert len(chat.user.toasts) >= 3
    assert catalogue_bot.failed_calls() == []


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice", "contact"])
async def test_media_gets_an_answer(catalogue_bot, kind):
    """List D: photos, stickers, voice notes and contacts are answered kindly."""
    chat = catalogue_bot.chat()
    answer = await chat.deliver(getattr(chat.user, kind)())
    assert answer[0].plain == texts.UNSUPPORTED_MESSAGE


async def test_a_document_gets_an_answer(catalogue_bot):
    """A file sent to the bot is answered."""
    chat = catalogue_bot.chat()
    answer = await chat.deliver(chat.user.document("cv.pdf", b"%PDF-1.4", "application/pdf"))
    assert answer[0].plain == texts.UNSUPPORTED_MESSAGE


async def test_edited_messages_are_ignored_quietly(catalogue_bot):
    """An edit of an old message doesn't re-run it or crash."""
    chat = catalogue_bot.chat()
    await chat.send("footy")
    sent = len(catalogue_bot.api.sent)
    await chat.deliver(chat.user.edited_text(1, "basketball"))
    assert len(catalogue_bot.api.sent) == sent


async def test_the_bot_leaves_groups(catalogue_bot):
    """A group the bot is added to gets one line and the bot leaves."""
    group = catalogue_bot.api.group(-100123, "Year 12 chat")
    member = catalogue_bot.api.user(3003)
    await catalogue_bot.chat(3003).deliver(group.text(member, "/start"))
    assert group.left
    assert texts.GROUPS_NOT_SUPPORTED in group.last().plain


async def test_blocking_the_bot_marks_the_learner_inactive(catalogue_bot, engine):
    """When a learner blocks the bot, nothing more is sent to them."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("18-25")
    await chat.press("Yes, that's OK")
    await chat.deliver(chat.user.blocks_bot())
    with session_scope(engine) as session:
        assert get_learner(session=session, telegram_id=chat.user.id).active is False


@pytest.mark.parametrize(
    ("lat", "lon"), [(0, 0), (90, 180), (-90, -180), (48.8566, 2.3522), (40.7, -74.0)]
)
async def test_locations_outside_britain_are_explained(catalogue_bot, lat, lon):
    """List E: null island, the poles and abroad get a clear answer, not a crash."""
    chat = catalogue_bot.chat(next(user_ids))
    put_in_state(catalogue_bot, chat.user.id, STATES["location"])
    answer = await chat.share_location(lat, lon)
    assert answer[0].plain.startswith("That looks like it's outside Great Britain")


async def test_a_live_location_is_treated_as_a_one_off(catalogue_bot, engine):
    """A live location sets the area once and its raw point is never stored."""
    chat = catalogue_bot.chat(next(user_ids))
    put_in_state(catalogue_bot, chat.user.id, STATES["location"])
    await chat.deliver(chat.user.location(50.8225, -0.1372, live_period=900))
    with session_scope(engine) as session:
        learner = get_learner(session=session, telegram_id=chat.user.id)
        assert learner.area_lat != 50.8225


FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("state", STATES)
@FUZZ
@given(text=st.text(max_size=600))
async def test_any_text_in_any_state_is_answered(catalogue_bot, state, text):
    """Hypothesis: arbitrary text in each text state never crashes or breaks a reply."""
    chat = catalogue_bot.chat(next(user_ids))
    put_in_state(catalogue_bot, chat.user.id, STATES[state])
    await answers_kindly(catalogue_bot, chat, lambda: chat.send(text))


@FUZZ
@given(data=st.text(min_size=1, max_size=64).filter(lambda d: len(d.encode()) <= 64))
async def test_any_callback_data_is_answered(catalogue_bot, data):
    """Hypothesis: arbitrary button data is answered with a toast or a message, never a crash."""
    chat = catalogue_bot.chat(next(user_ids))
    put_in_state(catalogue_bot, chat.user.id, STATES["onboarded, no flow"])
    await chat.send("/help")
    message_id = chat.user.last().message_id
    await answers_kindly(
        catalogue_bot, chat, lambda: chat.deliver(chat.user.callback(data, message_id=message_id))
    )
