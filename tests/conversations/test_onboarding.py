"""Onboarding as a learner lives it: /start, age, consent, interests, where they are."""

from sqlmodel import Session, select

from bot.app import build_application, build_services
from bot.local_api import LocalRequest
from catalogue.models import FlowState, Learner
from conversations import texts
from tests.conftest import Bot
from tests.conversations.conftest import onboard


def learner_row(engine, telegram_id):
    with Session(engine) as session:
        return session.exec(select(Learner).where(Learner.telegram_id == telegram_id)).first()


def rows_about(engine, telegram_id):
    with Session(engine) as session:
        learners = session.exec(select(Learner).where(Learner.telegram_id == telegram_id)).all()
        flows = session.exec(select(FlowState).where(FlowState.telegram_id == telegram_id)).all()
    return [*learners, *flows]


async def test_typed_place_onboarding_ends_with_matches_near_them(catalogue_bot, engine):
    """'footy' in 'brigton': the bot checks back, keeps the area and shows nearby football."""
    chat = catalogue_bot.chat()
    welcome = await chat.send("/start")
    assert "how old are you?" in welcome[0].plain
    assert welcome[0].labels == ["16-17", "18-25", "Under 16", "Over 25"]
    consent = await chat.press("16-17")
    assert consent[0].labels == ["Yes, that's OK", "No thanks"]
    ask = await chat.press("Yes, that's OK")
    assert "What are you into?" in ask[0].plain
    understood = await chat.send("footy")
    assert understood[0].plain == "Got it: Football. Right?"
    where = await chat.press("✅ Yes")
    assert "Where are you?" in where[0].plain
    results = await chat.send("brigton")
    assert "I'll look near Brighton" in results[0].plain
    shown = "\n".join(message.plain for message in results)
    assert "Five-a-Side Fridays" in shown
    assert "Last Summer's Football Camp" not in shown  # finished
    assert "Surf Lifesaving" not in shown  # Plymouth is far away and not football
    learner = learner_row(engine, chat.user.id)
    assert (learner.age_band, learner.interests, learner.area_name) == (
        "16-17",
        ["football"],
        "Brighton",
    )
    assert catalogue_bot.failed_calls() == []


async def test_a_shared_location_keeps_only_the_area(catalogue_bot, engine):
    """The exact point is dropped at once; only the district and its centroid are kept."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("18-25")
    await chat.press("Yes, that's OK")
    await chat.send("making beats")
    await chat.press("✅ Yes")
    results = await chat.share_location(50.82253, -0.13716)
    assert "I'll look near Brighton (BN" in results[0].plain
    assert any("Make Beats on a Laptop" in message.plain for message in results)
    learner = learner_row(engine, chat.user.id)
    assert learner.area_district.startswith("BN")
    assert (learner.area_lat, learner.area_lon) != (50.82253, -0.13716)
    assert round(learner.area_lat, 3) == learner.area_lat


async def test_online_only_shows_online_opportunities(catalogue_bot, engine):
    """Choosing online only keeps no area and lists online things."""
    chat = catalogue_bot.chat()
    results = await onboard(chat, interests="coding", place=texts.ONLINE_ONLY)
    assert results[0].plain == texts.ONLINE_SAVED
    assert any("Code Club Online" in message.plain for message in results)
    learner = learner_row(engine, chat.user.id)
    assert learner.online_only
    assert learner.area_lat is None


async def test_under_16_gets_a_kind_answer_and_nothing_is_stored(catalogue_bot, engine):
    """Someone under the minimum age is pointed to a youth worker; no row is kept."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    answer = await chat.press("Under 16")
    assert "youth worker" in answer[0].plain
    assert "I haven't kept anything" in answer[0].plain
    assert rows_about(engine, chat.user.id) == []


async def test_declining_consent_keeps_nothing(catalogue_bot, engine):
    """'No thanks' is as easy as yes, and leaves no trace."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("16-17")
    answer = await chat.press("No thanks")
    assert "I haven't kept anything" in answer[0].plain
    assert rows_about(engine, chat.user.id) == []


async def test_an_ambiguous_place_is_asked_about_with_buttons(catalogue_bot, engine):
    """'St Ives' could be Cornwall or Cambridgeshire: the learner picks."""
    chat = catalogue_bot.chat()
    question = await onboard(chat, place="St Ives")
    assert question[0].plain == texts.WHICH_PLACE
    labels = question[0].labels
    assert any("Cornwall" in label for label in labels)
    assert any("Cambridgeshire" in label for label in labels)
    cornwall = next(label for label in labels if "Cornwall" in label)
    await chat.press(cornwall)
    assert learner_row(engine, chat.user.id).area_lon < -5


async def test_an_unknown_place_gets_a_clear_hint(catalogue_bot):
    """A place that isn't in Great Britain gets a hint and the question stays open."""
    chat = catalogue_bot.chat()
    answer = await onboard(chat, place="xqzzy")
    assert answer[0].plain.startswith("I couldn't find that place")
    retry = await chat.send("Plymouth")
    assert "I'll look near Plymouth" in retry[0].plain


async def test_interests_can_be_fixed_before_they_are_kept(catalogue_bot):
    """'Change' asks again; topic buttons add what the learner taps."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("16-17")
    await chat.press("Yes, that's OK")
    first = await chat.send("hoops")
    assert first[0].plain == "Got it: Basketball. Right?"
    again = await chat.press("✏️ Change")
    assert "What are you into?" in again[0].plain
    tapped = await chat.press("Football")
    assert tapped[0].plain == "Got it: Football. Right?"


async def test_nonsense_interests_get_a_gentle_retry(catalogue_bot):
    """Words the bot can't place get examples and topic buttons, not an error."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("16-17")
    await chat.press("Yes, that's OK")
    answer = await chat.send("asdfghjkl")
    assert answer[0].plain.startswith("Hmm, I didn't catch")
    assert "Football" in answer[0].labels


async def test_a_restart_mid_onboarding_carries_on_where_the_learner_was(
    catalogue_bot, settings, engine
):
    """The step lives in the database: a new process continues the conversation."""
    chat = catalogue_bot.chat()
    await chat.send("/start")
    await chat.press("16-17")
    await chat.press("Yes, that's OK")
    await chat.send("footy")
    restarted = build_application(
        settings,
        request=LocalRequest(catalogue_bot.api),
        services=build_services(settings, engine),
    )
    async with restarted:
        await restarted.post_init(restarted)
        new_chat = Bot(restarted, catalogue_bot.api).chat(chat.user.id)
        new_chat.news()  # what the first process already showed
        where = await new_chat.press("✅ Yes")
        assert "Where are you?" in where[0].plain
        results = await new_chat.send("Brighton")
    assert "I'll look near Brighton" in results[0].plain


async def test_start_and_cancel_work_from_any_step(catalogue_bot, engine):
    """Mid-flow, /cancel stops and /start begins again."""
    chat = catalogue_bot.chat()
    await onboard(chat, place="Brighton")
    await chat.send("/location")
    cancelled = await chat.send("/cancel")
    assert cancelled[0].plain == texts.CANCELLED
    back = await chat.send("/start")
    assert back[0].plain.startswith("👋 Welcome back")


async def test_a_returning_learner_is_welcomed_back(catalogue_bot):
    """A learner who already onboarded isn't asked their age again."""
    chat = catalogue_bot.chat()
    await onboard(chat)
    answer = await chat.send("/start")
    assert answer[0].plain == texts.WELCOME_BACK
