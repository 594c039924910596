"""The learner's own commands: help, privacy, saved, settings, interests, location, their data."""

import json

from sqlalchemy import inspect, text

from catalogue.models import SQLModel
from conversations import texts
from tests.conversations.conftest import onboard


def card_titles(messages):
    return [m.plain.splitlines()[0] for m in messages if "🏢" in m.plain]


async def test_help_and_privacy_are_short_and_plain(catalogue_bot):
    """/help lists the commands; /privacy says what is kept and how to delete it."""
    chat = catalogue_bot.chat()
    help_text = (await chat.send("/help"))[0].plain
    for command in ("/search", "/saved", "/mydata", "/delete", "/privacy"):
        assert command in help_text
    privacy = (await chat.send("/privacy"))[0].plain
    assert "never keep your name" in privacy
    assert "/delete" in privacy
    assert "Childline" in privacy


async def test_saved_lists_what_the_learner_saved(catalogue_bot):
    """Saved opportunities come back as cards with their buttons."""
    chat = catalogue_bot.chat()
    empty = await chat.send("/saved")
    assert empty[0].plain == texts.NOT_ONBOARDED
    results = await onboard(chat)
    card = next(m for m in results if m.plain.startswith("Five-a-Side Fridays"))
    await chat.press("⭐ Save", message_id=card.message_id)
    saved = await chat.send("/saved")
    assert saved[0].plain == "⭐ Your saved opportunities"
    assert card_titles(saved) == ["Five-a-Side Fridays"]


async def test_settings_change_how_far_to_look(catalogue_bot, engine):
    """The distance buttons show the current choice and keep a new one."""
    chat = catalogue_bot.chat()
    await onboard(chat)
    shown = await chat.send("/settings")
    assert "within 30 km" in shown[0].plain
    assert shown[0].labels[:4] == ["5 km", "10 km", "✅ 30 km", "50 km"]
    changed = await chat.press("5 km")
    assert changed[0].plain == "Done — I'll look within 5 km."
    assert "within 5 km" in (await chat.send("/settings"))[0].plain


async def test_interests_and_location_can_be_changed(catalogue_bot):
    """/interests and /location rerun just that step, then show matches."""
    chat = catalogue_bot.chat()
    await onboard(chat)
    await chat.send("/interests")
    await chat.send("coding")
    coding = await chat.press("✅ Yes")
    assert "Code Club Online" in card_titles(coding)
    await chat.send("/location")
    moved = await chat.send("Plymouth")
    assert "I'll look near Plymouth" in moved[0].plain


async def test_mydata_sends_everything_held_as_a_file(catalogue_bot):
    """The export holds the profile and saved items; the summary is readable."""
    chat = catalogue_bot.chat()
    results = await onboard(chat)
    card = next(m for m in results if m.plain.startswith("Five-a-Side Fridays"))
    await chat.press("⭐ Save", message_id=card.message_id)
    answer = await chat.send("/mydata")
    assert "Age group: 16-17" in answer[0].plain
    assert "Interests: football" in answer[0].plain
    name, content = answer[1].document
    assert name == "learnbot-my-data.json"
    export = json.loads(content)
    assert export["profile"]["age_band"] == "16-17"
    assert export["profile"]["interests"] == ["football"]
    assert export["profile"]["area_name"] == "Brighton"
    assert export["saved"] == [{"id": "bn-foot", "title": "Five-a-Side Fridays"}]


def rows_mentioning(engine, telegram_id, learner_id):
    """Every row in any table with a learner or Telegram id column equal to this person's."""
    found = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                if column.name in ("learner_id", "telegram_id", "chat_id", "owner_id") or (
                    table.name == "learner" and column.name == "id"
                ):
                    value = learner_id if column.name in ("learner_id", "id") else telegram_id
                    count = connection.execute(
                        text(f'SELECT COUNT(*) FROM "{table.name}" WHERE "{column.name}" = :v'),
                        {"v": value},
                    ).scalar_one()
                    if count:
                        found[f"{table.name}.{column.name}"] = count
    return found


async def test_delete_asks_with_equal_buttons_then_leaves_no_row(catalogue_bot, engine):
    """After /delete, a walk of every table finds nothing about the learner."""
    chat = catalogue_bot.chat()
    results = await onboard(chat)
    card = next(m for m in results if m.plain.startswith("Five-a-Side Fridays"))
    await chat.press("⭐ Save", message_id=card.message_id)
    with engine.connect() as connection:
        learner_id = connection.execute(
            text("SELECT id FROM learner WHERE telegram_id = :t"), {"t": chat.user.id}
        ).scalar_one()
    assert rows_mentioning(engine, chat.user.id, learner_id) != {}
    confirm = await chat.send("/delete")
    assert confirm[0].labels == ["Yes, delete it all", "No, keep it"]
    kept = await chat.press("No, keep it")
    assert kept[0].plain == texts.DELETE_KEPT
    await chat.send("/delete")
    done = await chat.press("Yes, delete it all")
    assert done[0].plain.startswith("Done — I've deleted everything about you.")
    assert rows_mentioning(engine, chat.user.id, learner_id) == {}
    assert "learner" in inspect(engine).get_table_names()


async def test_cancel_with_nothing_to_cancel_says_so(catalogue_bot):
    """/cancel outside a flow is answered, not ignored."""
    chat = catalogue_bot.chat()
    assert (await chat.send("/cancel"))[0].plain == texts.NOTHING_TO_CANCEL
