"""Results as cards, and every button on a card."""

from sqlmodel import Session, select

from catalogue.models import SavedOpportunity
from conversations import texts
from tests.conftest import make_row
from tests.conversations.conftest import onboard


def card_for(messages, title):
    return next(message for message in messages if message.plain.startswith(title))


async def test_a_card_says_what_who_when_where_cost_badge_and_why(catalogue_bot):
    """Everything a learner needs to decide is on the card."""
    chat = catalogue_bot.chat()
    results = await onboard(chat, interests="makin beats")
    card = card_for(results, "Make Beats on a Laptop")
    assert card.plain.splitlines() == [
        "Make Beats on a Laptop",
        "🏢 Seafront Sound Lab",
        "🗓 Mon 3 May 2027, 18:00",
        "📍 London Road, Brighton · 0.6 km away",
        "💷 £3 · ages 16-25",
        "🏅 Make Beats on a Laptop Badge — Creativity, Digital skills",
        "💡 " + card.plain.splitlines()[-1].removeprefix("💡 "),
    ]
    assert "Music production" in card.plain.splitlines()[-1]
    assert card.labels == [
        "ℹ️ Details",
        "⭐ Save",
        "⏰ Remind me",
        "📍 Map",
        "📤 Share",
        "📅 Calendar",
    ]


async def test_every_card_button_does_what_it_says(catalogue_bot, engine):
    """Details, save, remind, map, share and calendar each answer the learner."""
    chat = catalogue_bot.chat()
    results = await onboard(chat, interests="makin beats")
    card = card_for(results, "Make Beats on a Laptop")

    details = await chat.press("ℹ️ Details", message_id=card.message_id)
    assert "Make Beats on a Laptop: come along, all welcome." in details[0].plain
    assert "More info and booking" in details[0].plain

    await chat.press("⭐ Save", message_id=card.message_id)
    assert chat.user.toasts[-1].text == texts.SAVED_TOAST
    await chat.press("⭐ Save", message_id=card.message_id)
    assert chat.user.toasts[-1].text == texts.ALREADY_SAVED_TOAST
    with Session(engine) as session:
        assert len(session.exec(select(SavedOpportunity)).all()) == 1

    remind = await chat.press("⏰ Remind me", message_id=card.message_id)
    assert remind[0].plain

    venue = await chat.press("📍 Map", message_id=card.message_id)
    assert venue[0].kind == "venue"
    assert venue[0].venue["title"] == "Make Beats on a Laptop"

    share = await chat.press("📤 Share", message_id=card.message_id)
    assert "https://t.me/learnbot_local_bot?start=opp-" in share[0].plain

    calendar = await chat.press("📅 Calendar", message_id=card.message_id)
    name, content = calendar[0].document
    assert name == "bn-beats.ics"
    assert b"SUMMARY:Make Beats on a Laptop" in content
    assert b"DTSTART:20270503T170000Z" in content  # 18:00 BST
    assert catalogue_bot.failed_calls() == []


async def test_a_shared_link_opens_that_opportunity_for_a_friend(catalogue_bot):
    """A friend who opens the share link sees the card, then the normal welcome."""
    sharer = catalogue_bot.chat(1001)
    results = await onboard(sharer, interests="makin beats")
    card = card_for(results, "Make Beats on a Laptop")
    share = await sharer.press("📤 Share", message_id=card.message_id)
    payload = share[0].plain.rsplit("start=", 1)[1]
    friend = catalogue_bot.chat(2002)
    opened = await friend.send(f"/start {payload}")
    assert opened[0].plain.startswith("Make Beats on a Laptop")
    assert "how old are you?" in opened[1].plain


async def test_more_pages_through_results(catalogue_bot):
    """Three cards at a time, then 'More' shows the next ones."""
    catalogue_bot.add(
        *(
            make_row(f"bn-f{n}", f"Football Session {n}", latitude=50.84 + n / 1000)
            for n in range(5)
        )
    )
    chat = catalogue_bot.chat()
    first = await onboard(chat)
    cards = [m for m in first if m.plain.startswith(("Football Session", "Five-a-Side"))]
    assert len(cards) == 3
    assert first[-1].labels == [texts.MORE]
    second = await chat.press(texts.MORE)
    more_cards = [m for m in second if m.plain.startswith(("Football Session", "Five-a-Side"))]
    assert len(more_cards) == 3
    assert {m.plain.splitlines()[0] for m in cards}.isdisjoint(
        {m.plain.splitlines()[0] for m in more_cards}
    )


async def test_nothing_fitting_is_said_honestly_with_alternatives(catalogue_bot):
    """No weak padding: the bot says so and suggests related topics."""
    chat = catalogue_bot.chat()
    await onboard(chat)
    answer = await chat.send("ballet")
    assert "I couldn't find anything that fits right now" in answer[0].plain
    assert len(answer) == 1


async def test_typing_interests_searches_any_time(catalogue_bot):
    """After onboarding, free text is a search near the learner's area."""
    chat = catalogue_bot.chat()
    await onboard(chat)
    answer = await chat.send("surfing")
    assert "I couldn't find anything" in answer[0].plain  # Plymouth is beyond 30 km
    online = await chat.send("coding")
    assert any("Code Club Online" in m.plain for m in online)


async def test_search_command_takes_text_or_asks(catalogue_bot):
    """/search TEXT searches; bare /search asks, and the next message is the search."""
    chat = catalogue_bot.chat()
    direct = await chat.send("/search coding")
    assert any("Code Club Online" in m.plain for m in direct)
    asked = await chat.send("/search")
    assert asked[0].plain == texts.ASK_SEARCH.replace("<i>", "").replace("</i>", "")
    answer = await chat.send("footy")
    assert any("Five-a-Side Fridays" in m.plain for m in answer)


async def test_a_finished_opportunity_button_says_it_is_gone(catalogue_bot):
    """Pressing a button for something withdrawn since gets a clear toast."""
    chat = catalogue_bot.chat()
    results = await onboard(chat)
    card = card_for(results, "Five-a-Side Fridays")
    opportunity_id = int(card.buttons[0][0].callback_data.rsplit(":", 1)[1])
    with Session(catalogue_bot.services.engine) as session:
        from catalogue.models import Opportunity

        row = session.get(Opportunity, opportunity_id)
        row.status = "closed"
        session.add(row)
        session.commit()
    await chat.press("⭐ Save", message_id=card.message_id)
    assert chat.user.toasts[-1].text == texts.NOT_AVAILABLE
