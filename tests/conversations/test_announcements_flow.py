"""Announcements in chat: a provider writes one, contact details are blocked, a moderator (never
the writer) approves it, learners who fit get it, one reports it and it is recalled."""

from datetime import UTC, datetime

from sqlmodel import Session, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.db import session_scope
from catalogue.learners import create_learner, set_area, set_interests
from catalogue.models import Announcement, Delivery, LearnerSettings, Provider
from catalogue.roles import MODERATOR, PROVIDER, grant_role
from conversations import texts
from tests.conversations.conftest import onboard

WRITER = 8000
MODERATOR_ID = 8800
FANS = list(range(8601, 8612))  # eleven learners into football in Brighton, opted in


def setup(bot):
    """A provider member (also a moderator), another moderator, and an audience of eleven."""
    with session_scope(bot.services.engine) as session:
        provider = session.exec(
            select(Provider).where(Provider.name == "Kemptown Youth Club")
        ).one()
        grant_role(session=session, telegram_id=WRITER, role=PROVIDER, provider_id=provider.id)
        grant_role(session=session, telegram_id=WRITER, role=MODERATOR)
        grant_role(session=session, telegram_id=MODERATOR_ID, role=MODERATOR)
        for telegram_id in FANS:
            learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
            set_interests(session=session, learner=learner, topic_ids=["football"])
            set_area(
                session=session,
                learner=learner,
                name="Brighton",
                district=None,
                lat=50.82,
                lon=-0.14,
            )
            session.add(LearnerSettings(learner_id=learner.id, announcements=True))
    for telegram_id in FANS:
        bot.chat(telegram_id)  # they have a chat with the bot
    return bot.chat(WRITER), bot.chat(MODERATOR_ID)


async def write(writer, body="Free five-a-side every Friday from 6pm — new season starts now!"):
    """Open the composer from /myopportunities and fill it in, up to the preview."""
    mine = await writer.send("/myopportunities")
    card = next(m for m in mine if "Five-a-Side Fridays" in m.plain)
    await writer.press(texts.ANNOUNCE, message_id=card.message_id)
    await writer.send("New season of Five-a-Side Fridays")
    await writer.send(body)
    await writer.press(texts.USE_OPPORTUNITY_LINK)
    return await writer.press(texts.SEND_WHEN_APPROVED)


async def dispatch(bot):
    """Stand-in for the dispatcher (issue 7): send due announcements as their payload says."""
    sent = []
    with session_scope(bot.services.engine) as session:
        rows = session.exec(
            select(Delivery).where(Delivery.kind == "announcement", Delivery.status == "pending")
        ).all()
        for row in rows:
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(**button) for button in line]
                    for line in row.payload["buttons"]
                ]
            )
            message = await bot.application.bot.send_message(
                row.chat_id, row.payload["text"], reply_markup=markup
            )
            row.status, row.sent_at = "sent", datetime.now(UTC)
            row.telegram_message_id = message.message_id
            session.add(row)
            sent.append(row.chat_id)
    return sorted(sent)


def issue(kind):
    """How a refused step reads to the provider."""
    return f"Please fix this first:\n• {texts.ISSUE_TEXT[kind]}"


def rows(engine, kind="announcement"):
    with Session(engine) as session:
        return session.exec(select(Delivery).where(Delivery.kind == kind)).all()


async def test_an_announcement_from_draft_to_learners_and_back(catalogue_bot, engine):
    """Blocked for a phone number, fixed, refused to its writer, approved by another moderator,
    received by exactly the learners it fits, reported, recalled."""
    writer, moderator = setup(catalogue_bot)
    preview = await write(
        writer, body="Free five-a-side! Questions? Text Sam on 0 7 7 0 0 9 0 0 1 2 3"
    )
    assert preview[0].plain.startswith("👀 Preview — what learners will see:")
    assert "👥 About 11 learners fit it right now." in preview[0].plain
    blocked = await writer.press(texts.SUBMIT_FOR_REVIEW)
    assert blocked[0].plain.startswith("⛔ I can't send this.")
    assert texts.ISSUE_TEXT["phone"] in blocked[0].plain
    assert [r.payload["text"] for r in rows(engine, "notice") if r.chat_id == MODERATOR_ID] == [
        texts.review_notice(True, "Kemptown Youth Club")
    ]
    await writer.press(texts.EDIT, message_id=preview[0].message_id)
    await writer.press("Message")
    fixed = await writer.send("Free five-a-side every Friday from 6pm — new season starts now!")
    submitted = await writer.press(texts.SUBMIT_FOR_REVIEW, message_id=fixed[0].message_id)
    assert submitted[0].plain.startswith("📤 Sent for review.")
    twice = await writer.press(texts.SUBMIT_FOR_REVIEW, message_id=fixed[0].message_id)
    assert twice == []
    assert writer.user.toasts[-1].text == texts.ANNOUNCE_NOTHING_OPEN
    with Session(engine) as session:
        statuses = sorted(a.status for a in session.exec(select(Announcement)))
    assert statuses == ["blocked", "submitted"]

    own = await writer.send("/pending")
    review = next(m for m in own if "For review" in m.plain)
    assert "You sent this one: someone else must approve it." in review.plain
    refused = await writer.press(texts.APPROVE, message_id=review.message_id)
    assert refused == []
    assert writer.user.toasts[-1].text == texts.cannot_approve("own")
    assert rows(engine) == []

    pending = await moderator.send("/pending")
    assert pending[0].plain.startswith("🗂 Waiting: 1 announcement to review, 1 blocked draft.")
    blocked_view = next(m for m in pending if "Blocked draft" in m.plain)
    assert "0 7 7 0 0 9 0 0 1 2 3" in blocked_view.plain
    await moderator.press(texts.SEEN, message_id=blocked_view.message_id)
    review = next(m for m in pending if "For review" in m.plain)
    approved = await moderator.press(texts.APPROVE, message_id=review.message_id)
    assert approved[0].plain.startswith("✅ Approved: queued for 11 learners")
    queued = rows(engine)
    assert sorted(r.chat_id for r in queued) == FANS
    assert all(r.payload["text"] == queued[0].payload["text"] for r in queued)
    assert texts.approved_notice("New season of Five-a-Side Fridays", 11) in [
        r.payload["text"] for r in rows(engine, "notice") if r.chat_id == WRITER
    ]

    assert await dispatch(catalogue_bot) == FANS
    fan = catalogue_bot.chat(FANS[0])
    got = fan.news()[-1]
    assert got.plain.startswith("📣 New season of Five-a-Side Fridays")
    assert "🏢 Kemptown Youth Club · Five-a-Side Fridays" in got.plain
    assert got.labels == [texts.DETAILS, texts.ANNOUNCEMENT_LINK, texts.REPORT_BUTTON]
    why = await fan.press(texts.REPORT_BUTTON)
    assert why[0].plain == texts.WHY_REPORT
    thanks = await fan.press(texts.REPORT_REASONS["contact"])
    assert thanks[0].plain.startswith("🚩 Thank you")
    again = await fan.send("/report")
    assert again[0].labels == ["New season of Five-a-Side Fridays"]

    pending = await moderator.send("/pending")
    reported = next(m for m in pending if m.plain.startswith("🚩 1 report"))
    recalled = await moderator.press(texts.RECALL, message_id=reported.message_id)
    assert recalled[0].plain.startswith(
        "↩️ Recalled. 0 not yet sent were stopped; 11 already sent are being deleted"
    )
    deletes = rows(engine, "delete")
    assert sorted(r.chat_id for r in deletes) == FANS
    assert all(r.payload["delete_message_id"] for r in deletes)
    assert catalogue_bot.failed_calls() == []


async def test_a_moderator_rejects_with_a_reason_the_provider_reads(catalogue_bot, engine):
    """Reject -> reason -> the provider is told why; nothing is queued for learners."""
    writer, moderator = setup(catalogue_bot)
    preview = await write(writer)
    await writer.press(texts.SUBMIT_FOR_REVIEW, message_id=preview[0].message_id)
    pending = await moderator.send("/pending")
    review = next(m for m in pending if "For review" in m.plain)
    ask = await moderator.press(texts.REJECT, message_id=review.message_id)
    assert ask[0].plain == texts.ASK_REJECT_REASON
    done = await moderator.send("Please say what age it's for <and> where")
    assert done[0].plain == texts.REJECTED
    told = [r.payload["text"] for r in rows(engine, "notice") if r.chat_id == WRITER]
    assert told == [
        texts.rejected_notice(
            "New season of Five-a-Side Fridays", "Please say what age it's for <and> where"
        )
    ]
    assert "&lt;and&gt;" in told[0]
    assert rows(engine) == []


async def test_the_composer_refuses_list_g_as_it_goes(catalogue_bot, engine):
    """http, shorteners, other sites, HTML, 1001 characters and bad send times are refused at
    the step; nothing is stored."""
    writer, _ = setup(catalogue_bot)
    mine = await writer.send("/myopportunities")
    card = next(m for m in mine if "Five-a-Side Fridays" in m.plain)
    await writer.press(texts.ANNOUNCE, message_id=card.message_id)
    assert (await writer.send("T" * 101))[0].plain == issue("too_long")
    await writer.send("New season")
    for body, kind in [
        ("<b>Free</b> football", "html"),
        ("x" * 1001, "too_long"),
        ("Details at bit.ly/foot", "link_in_text"),
        ("Football\u202e!", "hidden_characters"),
    ]:
        answer = await writer.send(body)
        assert answer[0].plain == issue(kind), body
    await writer.send("Free five-a-side every Friday.")
    for link, kind in [
        ("http://example.org/bn-foot", "not_https"),
        ("https://bit.ly/foot", "shortener"),
        ("https://t.me/coachsam", "messaging_link"),
        ("https://elsewhere.example.net/", "not_allowed"),
        ("javascript:alert(1)", "not_https"),
    ]:
        answer = await writer.send(link)
        assert answer[0].plain == issue(kind), link
    await writer.send("https://example.org/bn-foot")
    for moment in ("2100-01-01 09:00", "2020-01-01 09:00", "soon"):
        answer = await writer.send(moment)
        assert (
            answer[0].plain
            == "I couldn't read that as a date and time to come. Try 2027-05-03 09:00."
        )
    with Session(engine) as session:
        assert session.exec(select(Announcement)).all() == []


async def test_too_small_an_audience_is_refused(catalogue_bot, engine):
    """Fewer than ten learners fit: the preview says so and submitting is refused."""
    with session_scope(engine) as session:
        provider = session.exec(
            select(Provider).where(Provider.name == "Plymouth Surf Club")
        ).one()
        grant_role(session=session, telegram_id=WRITER, role=PROVIDER, provider_id=provider.id)
    writer = catalogue_bot.chat(WRITER)
    mine = await writer.send("/myopportunities")
    card = next(m for m in mine if "Surf Lifesaving Taster" in m.plain)
    await writer.press(texts.ANNOUNCE, message_id=card.message_id)
    await writer.send("Surf's up")
    await writer.send("Try surf lifesaving this summer.")
    await writer.press(texts.FORM_NO_LINK)
    preview = await writer.press(texts.SEND_WHEN_APPROVED)
    assert "Fewer than 10 learners fit it right now" in preview[0].plain
    refused = await writer.press(texts.SUBMIT_FOR_REVIEW)
    assert refused[0].plain.startswith("Fewer than 10 learners fit this right now")
    with Session(engine) as session:
        assert session.exec(select(Announcement)).all() == []


async def test_a_learner_turns_announcements_on_and_off(catalogue_bot, engine):
    """Off until they say so, with two equal buttons; off again cancels what's queued."""
    learner = catalogue_bot.chat(8700)
    await onboard(learner)
    shown = await learner.send("/announcements")
    assert "Announcements: off" in shown[0].plain
    assert shown[0].labels == [texts.NEWS_ON, texts.NEWS_OFF]
    on = await learner.press(texts.NEWS_ON)
    assert on[0].plain.startswith("📣 On")
    with Session(engine) as session:
        assert session.exec(select(LearnerSettings)).one().announcements is True
    nothing = await learner.send("/report")
    assert nothing[0].plain == texts.NOTHING_TO_REPORT
    await learner.send("/announcements")
    off = await learner.press(texts.NEWS_OFF)
    assert off[0].plain.startswith("Off")
    with Session(engine) as session:
        assert session.exec(select(LearnerSettings)).one().announcements is False
