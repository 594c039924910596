"""A referral link's whole journey: an admin invites a youth worker, who makes a link and a
QR poster; learners scan it, are told who shared it, agree (or not); the worker sees totals."""

import itertools
import re
from io import BytesIO

import zxingcpp
from PIL import Image
from sqlmodel import Session, select

from catalogue.db import session_scope
from catalogue.models import Referral, ReferralJoin, StaffRole
from catalogue.referrals import create_referral
from catalogue.roles import PROVIDER, YOUTH_WORKER, grant_role
from catalogue.staff_invites import create_staff_invite
from conversations import texts
from tests.conversations.conftest import onboard

ADMIN = 9000
WORKER = 7000
LINK = re.compile(r"https://t\.me/\w+\?start=([rs]-[A-Za-z0-9_-]+)")
user_ids = itertools.count(71_000)


def payload_in(messages):
    """The deep-link payload in the bot's messages (the link is shown once)."""
    found = [LINK.search(m.plain) for m in messages]
    return next(match[1] for match in found if match)


async def invited_youth_worker(bot):
    """An admin makes a youth-worker invite; the worker opens it and confirms."""
    admin = bot.chat(ADMIN)
    await admin.send("/staffinvite")
    await admin.press(texts.ROLE_NAMES[YOUTH_WORKER])
    made = await admin.send("Brighton Youth Service")
    worker = bot.chat(WORKER, first_name="Alex")
    confirm = await worker.send(f"/start {payload_in(made)}")
    assert "Youth worker" in confirm[0].plain
    assert "Brighton Youth Service" in confirm[0].plain
    welcome = await worker.press(texts.STAFF_INVITE_YES)
    assert welcome[0].plain.startswith("✅ You're set up as a 🧑‍🏫 Youth worker")
    return worker


async def make_group_link(worker, label="Year 12 at Varndean"):
    await worker.send("/invite")
    await worker.press(texts.INVITE_GROUP)
    await worker.send(label)
    await worker.press("1 month")
    return await worker.press("Up to 30")


async def test_a_referral_link_from_qr_poster_to_stats(catalogue_bot, engine):
    """Invite -> /invite -> link and poster -> a learner scans, is told who, agrees -> /stats."""
    worker = await invited_youth_worker(catalogue_bot)
    made = await make_group_link(worker)
    link_message, poster = made
    assert "Year 12 at Varndean" in link_message.plain
    assert "I can't show it again" in link_message.plain
    assert poster.kind == "document"
    filename, png = poster.document
    assert filename == "learnbot-poster.png"
    scanned = zxingcpp.read_barcodes(Image.open(BytesIO(png)))[0].text
    assert scanned == LINK.search(link_message.plain)[0]
    payload = LINK.search(scanned)[1]

    learner = catalogue_bot.chat(next(user_ids))
    greeting = await learner.send(f"/start {payload}")
    assert greeting[0].plain.startswith(
        "🤝 You came here through a link from Brighton Youth Service (Year 12 at Varndean)."
    )
    assert "Alex" not in greeting[0].plain
    assert greeting[0].labels == ["16-17", "18-25", "Under 16", "Over 25"]
    with Session(engine) as session:
        assert session.exec(select(ReferralJoin)).all() == []
    await learner.press("16-17")
    ask = await learner.press("Yes, that's OK")
    assert texts.ASK_REFERRAL_CONSENT in ask[0].plain
    assert ask[0].labels == [texts.REFERRAL_YES, texts.REFERRAL_NO]
    counted = await learner.press(texts.REFERRAL_YES)
    assert counted[0].plain == "Thanks! They'll see one more person joined — never who."
    assert "What are you into?" in counted[1].plain
    await learner.send("footy")
    await learner.press("✅ Yes")
    results = await learner.send("Brighton")
    assert any("Five-a-Side Fridays" in m.plain for m in results)

    stats = await worker.send("/stats")
    assert "Year 12 at Varndean" in stats[0].plain
    assert "Joined: fewer than 5 · Set up: fewer than 5" in stats[0].plain
    for _ in range(4):
        other = catalogue_bot.chat(next(user_ids))
        await other.send(f"/start {payload}")
        await other.press("18-25")
        await other.press("Yes, that's OK")
        await other.press(texts.REFERRAL_YES)
        await other.send("coding")
        await other.press("✅ Yes")
        await other.send(texts.ONLINE_ONLY)
    stats = await worker.send("/stats")
    assert "Joined: 5 · Set up: 5 · Saved something: fewer than 5" in stats[0].plain
    menu = await worker.send("/invite")
    assert "Year 12 at Varndean — 5 of 30 joined" in menu[0].plain
    assert catalogue_bot.failed_calls() == []


async def test_saying_no_records_nothing_and_onboarding_carries_on(catalogue_bot, engine):
    """ "No thanks" is as easy as yes: the learner is set up, the link counts nobody."""
    worker = await invited_youth_worker(catalogue_bot)
    payload = payload_in(await make_group_link(worker))
    learner = catalogue_bot.chat(next(user_ids))
    await learner.send(f"/start {payload}")
    await learner.press("18-25")
    await learner.press("Yes, that's OK")
    declined = await learner.press(texts.REFERRAL_NO)
    assert declined[0].plain == "No problem — nothing about you is shared with them."
    assert "What are you into?" in declined[1].plain
    with Session(engine) as session:
        assert session.exec(select(ReferralJoin)).all() == []
        assert session.exec(select(Referral)).one().uses == 0


async def test_a_topic_link_starts_the_learner_with_its_search(catalogue_bot):
    """A link made with a search shows those results once the learner is set up."""
    worker = await invited_youth_worker(catalogue_bot)
    await worker.send("/invite")
    await worker.press(texts.INVITE_SEARCH)
    where = await worker.send("coding")
    assert where[0].labels == [texts.ANYWHERE]
    await worker.press(texts.ANYWHERE)
    await worker.press("1 week")
    made = await worker.press("No limit")
    assert made[0].plain.startswith("✅ coding")
    learner = catalogue_bot.chat(next(user_ids))
    results = await onboard_through(learner, payload_in(made), interests="footy", place="Brighton")
    shown = "\n".join(m.plain for m in results)
    assert "🔗 Your youth worker suggested: coding near Brighton." in shown
    assert "Code Club Online" in shown


async def onboard_through(chat, payload, *, interests, place):
    await chat.send(f"/start {payload}")
    await chat.press("18-25")
    await chat.press("Yes, that's OK")
    await chat.press(texts.REFERRAL_YES)
    await chat.send(interests)
    await chat.press("✅ Yes")
    return await chat.send(place)


async def test_a_place_link_searches_near_that_place(catalogue_bot):
    """A place link shows what's near the place the youth worker chose."""
    worker = await invited_youth_worker(catalogue_bot)
    await worker.send("/invite")
    await worker.press(texts.INVITE_SEARCH)
    await worker.send("surfing")
    await worker.send("Plymouth")
    await worker.press("No end date")
    made = await worker.press("No limit")
    learner = catalogue_bot.chat(next(user_ids))
    results = await onboard_through(learner, payload_in(made), interests="surf", place="Brighton")
    shown = "\n".join(m.plain for m in results)
    assert "suggested: surfing near Plymouth" in shown
    assert "Surf Lifesaving Taster" in shown


async def test_a_returning_learner_is_asked_before_being_counted(catalogue_bot, engine):
    """Someone already set up is told who shared the link and asked; nothing else changes."""
    worker = await invited_youth_worker(catalogue_bot)
    payload = payload_in(await make_group_link(worker, label="Hove Youth Fair"))
    learner = catalogue_bot.chat(next(user_ids))
    await onboard(learner)
    ask = await learner.send(f"/start {payload}")
    assert "Brighton Youth Service (Hove Youth Fair)" in ask[0].plain
    answer = await learner.press(texts.REFERRAL_YES)
    assert answer[0].plain.startswith("Thanks!")
    again = await learner.send(f"/start {payload}")
    assert [m.plain for m in again] == [texts.WELCOME_BACK]
    with Session(engine) as session:
        assert len(session.exec(select(ReferralJoin)).all()) == 1


async def test_links_that_no_longer_count_still_welcome_the_learner(catalogue_bot, engine):
    """List A: unknown, expired, used-up and stopped links, hand-typed junk: a kind welcome."""
    with session_scope(engine) as session:
        grant_role(session=session, telegram_id=WORKER, role=YOUTH_WORKER, organisation="BYS")
        _, full_token = create_referral(session=session, owner_id=WORKER, max_uses=0)
    for payload, said in [
        ("r-" + "A" * 22, "I don't recognise that link"),
        (f"r-{full_token}", "That link has reached its limit"),
        ("r-short", "I don't recognise that link"),
        ("s-" + "B" * 22, "I don't recognise that invite link"),
        (f"s-{full_token}", "I don't recognise that invite link"),
    ]:
        chat = catalogue_bot.chat(next(user_ids))
        answer = await chat.send(f"/start {payload}")
        assert said in answer[0].plain, payload
        assert "how old are you?" in answer[-1].plain, payload
    stopped = catalogue_bot.chat(next(user_ids))
    worker = catalogue_bot.chat(WORKER)
    made = await make_group_link(worker, label="Old event")
    await worker.press(texts.INVITE_STOP, message_id=(await worker.send("/invite"))[0].message_id)
    await worker.press("Old event")
    answer = await stopped.send(f"/start {payload_in(made)}")
    assert "That link has expired" in answer[0].plain
    assert catalogue_bot.failed_calls() == []


async def test_a_staff_invite_opened_by_a_young_person_changes_nothing(catalogue_bot, engine):
    """A provider invite used as if it were a referral: a learner keeps being a learner, a
    newcomer can say "not me" and the invite still works for the right person."""
    with session_scope(engine) as session:
        from catalogue.models import Provider

        provider = Provider(name="Kemptown Youth Club Staff")
        session.add(provider)
        session.flush()
        token = create_staff_invite(
            session=session, role=PROVIDER, created_by=ADMIN, provider_id=provider.id
        )
    learner = catalogue_bot.chat(next(user_ids))
    await onboard(learner)
    answer = await learner.send(f"/start s-{token}")
    assert answer[0].plain == texts.STAFF_INVITE_FOR_STAFF
    newcomer = catalogue_bot.chat(next(user_ids))
    await newcomer.send(f"/start s-{token}")
    declined = await newcomer.press(texts.STAFF_INVITE_NO)
    assert declined[0].plain == texts.STAFF_INVITE_DECLINED
    assert "how old are you?" in declined[-1].plain
    with Session(engine) as session:
        assert session.exec(select(StaffRole)).all() == []
    provider_person = catalogue_bot.chat(next(user_ids))
    await provider_person.send(f"/start s-{token}")
    welcome = await provider_person.press(texts.STAFF_INVITE_YES)
    assert "Provider member for Kemptown Youth Club Staff" in welcome[0].plain
    commands = catalogue_bot.api.commands
    assert any("newopportunity" in str(value) for value in commands.values())
    reused = catalogue_bot.chat(next(user_ids))
    answer = await reused.send(f"/start s-{token}")
    assert "already been used" in answer[0].plain


async def test_the_default_link_is_shown_once_and_can_be_replaced(catalogue_bot, engine):
    """Only a hash is kept, so the default link can't be shown again; a new one replaces it."""
    worker = await invited_youth_worker(catalogue_bot)
    await worker.send("/invite")
    first = await worker.press(texts.INVITE_DEFAULT)
    assert first[0].plain.startswith("✅ Default link")
    await worker.send("/invite")
    again = await worker.press(texts.INVITE_DEFAULT)
    assert "I can't show it again" in again[0].plain
    replaced = await worker.press(texts.INVITE_NEW_DEFAULT)
    old_payload, new_payload = payload_in(first), payload_in(replaced)
    assert old_payload != new_payload
    late = catalogue_bot.chat(next(user_ids))
    answer = await late.send(f"/start {old_payload}")
    assert "That link has expired" in answer[0].plain


async def test_a_label_with_contact_details_is_refused(catalogue_bot):
    """Young people see the label, so it is screened like an announcement."""
    worker = await invited_youth_worker(catalogue_bot)
    await worker.send("/invite")
    await worker.press(texts.INVITE_GROUP)
    answer = await worker.send("Text Alex on 07700 900123")
    assert [m.plain for m in answer] == [
        texts.BAD_LINK_LABEL.replace("<i>", "").replace("</i>", "")
    ]
