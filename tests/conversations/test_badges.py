"""Badges as people meet them: staff make codes (with QR codes), learners claim them by link,
command or typed code, every refusal has its own answer, and the portfolio shows, exports,
withdraws and takes in badges."""

import hashlib
import io
import json
import re
import socket
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import text
from sqlmodel import select

from catalogue.badge_files import badge_image
from catalogue.badges import (
    EVERYTHING,
    SESSION,
    check_revocation,
    create_claim_codes,
    find_opportunity,
)
from catalogue.credentials import REVOKED, verify_credential
from catalogue.db import session_scope
from catalogue.models import Award, Provider
from catalogue.roles import PROVIDER, grant_role
from conversations import texts
from tests import elsewhere
from tests.conftest import make_row
from tests.conversations.conftest import onboard
from tests.conversations.test_account import rows_mentioning
from tests.hostile_png import chunk, itxt, png_with

ADMIN = 9000
BOT = "learnbot_local_bot"
CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")
PATHWAY = (
    make_row(
        "bn-keeper",
        "Goalkeeping Masterclass",
        tags=("sport", "football"),
        skills=("Teamwork", "Confidence"),
        location="Hove Park, Hove",
        latitude=50.8400,
        longitude=-0.1800,
    ),
)


def codes_in(messages):
    return [code for m in messages for code in CODE.findall(m.plain)]


async def session_code(bot, opportunity="bn-foot"):
    """A session code made by the admin, as its QR caption shows it."""
    answer = await staff_chat(bot).send(f"/codes {opportunity}")
    return codes_in(answer)[0]


def staff_chat(bot, user_id=ADMIN):
    """One chat object per person, so each only sees what's new to it."""
    chats = bot.__dict__.setdefault("_chats", {})
    if user_id not in chats:
        chats[user_id] = bot.chat(user_id)
    return chats[user_id]


def decode_qr(png):
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


async def learner(bot, user_id=1001, **kwargs):
    chat = bot.chat(user_id)
    await onboard(chat, **kwargs)
    return chat


def provider_id(engine, name):
    with session_scope(engine) as session:
        return session.exec(select(Provider).where(Provider.name == name)).one().id


def make_provider_staff(engine, telegram_id, provider):
    with session_scope(engine) as session:
        grant_role(
            session=session,
            telegram_id=telegram_id,
            role=PROVIDER,
            provider_id=provider_id(engine, provider),
        )


async def test_a_session_code_comes_with_a_qr_code_of_its_link(catalogue_bot):
    """/codes sends a QR photo that decodes to the bot's claim link, and the code to read out."""
    answer = await staff_chat(catalogue_bot).send("/codes bn-foot")
    assert answer[0].kind == "photo"
    code = codes_in(answer)[0]
    link = f"https://t.me/{BOT}?start=c-{code.replace('-', '')}"
    assert decode_qr(answer[0].photo) == [link]
    assert "Session code for Five-a-Side Fridays" in answer[0].plain
    assert "for up to 30 people" in answer[0].plain
    assert catalogue_bot.failed_calls() == []


async def test_claim_by_link(catalogue_bot):
    """Opening the QR link (/start c-CODE) awards the badge at once."""
    code = await session_code(catalogue_bot)
    chat = await learner(catalogue_bot)
    answer = await chat.send(f"/start c-{code.replace('-', '')}")
    assert answer[0].plain.startswith("🎉 You earned Five-a-Side Fridays Badge!")
    assert "from Kemptown Youth Club" in answer[0].plain
    assert "Skills: Teamwork" in answer[0].plain


async def test_claim_by_command_ignores_case_spaces_and_dashes(catalogue_bot):
    """/claim takes the code however it is typed."""
    code = await session_code(catalogue_bot)
    chat = await learner(catalogue_bot)
    typed = f"{code[:3].lower()} {code[3:7]}-{code[7:].lower()}"
    answer = await chat.send(f"/claim {typed}")
    assert answer[0].plain.startswith("🎉 You earned Five-a-Side Fridays Badge!")


async def test_claim_by_typed_code(catalogue_bot):
    """A code typed as a message is recognised before search."""
    code = await session_code(catalogue_bot)
    chat = await learner(catalogue_bot)
    answer = await chat.send(code)
    assert answer[0].plain.startswith("🎉 You earned Five-a-Side Fridays Badge!")


async def test_words_that_look_like_codes_are_still_searches(catalogue_bot):
    """Ten letters without digits ('skateparks') is a search, not a failed claim."""
    chat = await learner(catalogue_bot)
    answer = await chat.send("skateparks")
    assert all(m.plain != texts.CLAIM_UNKNOWN for m in answer)


async def test_a_newcomer_with_a_claim_link_is_set_up_first(catalogue_bot):
    """Someone new is told a badge is waiting, onboarded, then collects it with the link."""
    code = (await session_code(catalogue_bot)).replace("-", "")
    chat = catalogue_bot.chat(2002)
    answer = await chat.send(f"/start c-{code}")
    assert answer[0].text == texts.CLAIM_AFTER_ONBOARDING
    assert answer[1].labels[:2] == ["16-17", "18-25"]
    await chat.press("18-25")
    await chat.press("Yes, that's OK")
    await chat.send("football")
    await chat.press("✅ Yes")
    await chat.send("Brighton")
    claimed = await chat.send(f"/start c-{code}")
    assert claimed[0].plain.startswith("🎉 You earned")


async def test_each_refusal_has_its_own_answer(catalogue_bot, engine):
    """Unknown, already earned, used up, expired and not-yet-a-learner each say what's wrong."""
    staff = staff_chat(catalogue_bot)
    singles = codes_in(await staff.send("/codes bn-beats single 1"))
    chat = await learner(catalogue_bot)
    other = await learner(catalogue_bot, 1002)
    assert (await chat.send("/claim ZZZZZ-22222"))[0].text == texts.CLAIM_UNKNOWN
    assert (await chat.send(f"/claim {singles[0]}"))[0].plain.startswith("🎉 You earned")
    again = await chat.send(f"/claim {singles[0]}")
    assert again[0].plain.startswith("You've already got <b>".replace("<b>", ""))
    assert "Make Beats on a Laptop Badge" in again[0].plain
    used_up = await other.send(f"/claim {singles[0]}")
    assert used_up[0].text == texts.claim_used_up("Make Beats on a Laptop Badge")
    with session_scope(engine) as session:
        opportunity = find_opportunity(session=session, reference="bn-foot")
        long_ago = datetime.now(UTC) - timedelta(hours=5)
        [old] = create_claim_codes(
            session=session,
            opportunity=opportunity,
            scope=EVERYTHING,
            created_by=ADMIN,
            kind=SESSION,
            now=long_ago,
            expires_at=long_ago + timedelta(hours=2),
            max_uses=30,
        )
    expired = await other.send(f"/claim {old.code}")
    assert expired[0].plain.startswith(
        "⌛ That code for Five-a-Side Fridays Badge stopped working"
    )
    stranger = catalogue_bot.chat(3003)
    assert (await stranger.send(f"/claim {old.code}"))[0].text == texts.CLAIM_NEEDS_PROFILE
    assert (await chat.send("/claim"))[0].text == texts.CLAIM_USAGE


async def test_guessing_is_slowed_down(catalogue_bot):
    """Five wrong codes in ten minutes and even a right one waits."""
    code = await session_code(catalogue_bot)
    chat = await learner(catalogue_bot)
    for guess in ("AAAAA-22222", "BBBBB-33333", "CCCCC-44444", "DDDDD-55555", "EEEEE-66666"):
        assert (await chat.send(guess))[0].text == texts.CLAIM_UNKNOWN
    blocked = await chat.send(code)
    assert blocked[0].text == texts.CLAIM_TOO_MANY_TRIES


async def test_codes_are_staff_only_scoped_and_stored_hashed(catalogue_bot, engine):
    """Learners can't make codes; providers only for their own; codes are kept as hashes."""
    chat = await learner(catalogue_bot)
    assert (await chat.send("/codes bn-foot"))[0].text == texts.STAFF_ONLY
    make_provider_staff(engine, 7007, "Seafront Sound Lab")
    provider = catalogue_bot.chat(7007)
    listing = await provider.send("/codes")
    assert "bn-beats Make Beats on a Laptop" in listing[0].plain
    assert (await provider.send("/codes bn-foot"))[0].text == texts.CODES_NOT_YOURS
    answer = await provider.send("/codes bn-beats single 3")
    codes = codes_in(answer)
    assert len(codes) == 3
    name, content = answer[1].document
    assert name == "make-beats-on-a-laptop-codes.zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        first = codes[0]
        assert decode_qr(archive.read(f"{first}.png")) == [
            f"https://t.me/{BOT}?start=c-{first.replace('-', '')}"
        ]
        assert len(archive.read("codes.csv").decode().splitlines()) == 4
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT code_hash FROM claimcode")).scalars().all()
    plain = [code.replace("-", "") for code in codes]
    assert {hashlib.sha256(code.encode()).hexdigest() for code in plain} <= set(stored)
    assert not any(code in value for code in plain for value in stored)


async def test_portfolio_groups_badges_by_skill_and_suggests_what_next(catalogue_bot):
    """Badges by skill with totals; what next builds on them, nearby first."""
    catalogue_bot.add(*PATHWAY)
    chat = await learner(catalogue_bot)
    assert (await chat.send("/portfolio"))[0].plain.startswith("🏅 Your badges\nNo badges yet!")
    await chat.send(f"/claim {await session_code(catalogue_bot, 'bn-foot')}")
    await chat.send(f"/claim {await session_code(catalogue_bot, 'bn-beats')}")
    answer = await chat.send("/portfolio")
    today = datetime.now(UTC).astimezone(catalogue_bot.services.timezone)
    day = f"{today.day} {today:%b %Y}"
    shown = answer[0].plain
    assert shown.startswith("🏅 Your badges (2 badges)")
    assert f"Teamwork · 1 badge\n• Five-a-Side Fridays Badge — Kemptown Youth Club, {day}" in shown
    assert "Creativity · 1 badge\n• Make Beats on a Laptop Badge — Seafront Sound Lab" in shown
    assert "Digital skills · 1 badge" in shown
    assert answer[0].labels == [
        "📦 All my badges (one file)",
        "🖼 Make Beats on a Laptop Badge",
        "🖼 Five-a-Side Fridays Badge",
    ]
    assert answer[1].plain == "👣 What next? These build on your badges:"
    first = answer[2].plain.splitlines()
    assert first[0] == "Goalkeeping Masterclass"
    assert "💡 builds on Teamwork" in answer[2].plain
    titles = [m.plain.splitlines()[0] for m in answer[2:]]
    assert "Five-a-Side Fridays" not in titles
    assert "Make Beats on a Laptop" not in titles
    assert "Code Club Online" in titles
    assert catalogue_bot.failed_calls() == []


async def test_export_verifies_independently(catalogue_bot):
    """The portfolio file and each baked PNG verify with openbadgeslib."""
    chat = await learner(catalogue_bot)
    await chat.send(f"/claim {await session_code(catalogue_bot)}")
    await chat.deliver(
        chat.user.document(
            "coding.json", json.dumps(elsewhere.signed_document()).encode(), "application/json"
        )
    )
    portfolio = await chat.send("/portfolio")
    [did] = catalogue_bot.services.badge_issuer.trusted_dids()
    everything = await chat.press(
        "📦 All my badges (one file)", message_id=portfolio[0].message_id
    )
    name, content = everything[0].document
    assert name == "learnbot-portfolio.json"
    presentation = json.loads(content)
    assert presentation["type"] == ["VerifiablePresentation"]
    theirs, ours = presentation["verifiableCredential"]  # oldest first: theirs is from March
    assert elsewhere.verify_independently(ours, did).name == "Five-a-Side Fridays Badge"
    assert elsewhere.verify_independently(theirs, elsewhere.DID).name == "Coding Basics"
    picture = await chat.press("🖼 Five-a-Side Fridays Badge", message_id=portfolio[0].message_id)
    name, png = picture[0].document
    assert name == "five-a-side-fridays-badge.png"
    assert png.startswith(b"\x89PNG")
    assert elsewhere.verify_independently(elsewhere.unbaked(png), did).name == (
        "Five-a-Side Fridays Badge"
    )


async def test_someone_elses_badge_button_gets_nothing(catalogue_bot):
    """Forged download data for another learner's award is refused (IDOR)."""
    owner = await learner(catalogue_bot)
    await owner.send(f"/claim {await session_code(catalogue_bot)}")
    thief = await learner(catalogue_bot, 1002)
    message_id = (await thief.send("/help"))[0].message_id
    await thief.deliver(thief.user.callback("badge:png:1", message_id=message_id))
    assert thief.user.toasts[-1].text == texts.BADGE_NOT_YOURS
    assert all(m.kind != "document" for m in thief.news())


async def test_a_revoked_badge_is_marked_and_fails_verification(catalogue_bot, engine):
    """Staff revoke with a reason; the portfolio marks it; checking reports it revoked."""
    chat = await learner(catalogue_bot)
    await chat.send(f"/claim {await session_code(catalogue_bot)}")
    assert (await chat.send("/revoke 1 nope"))[0].text == texts.STAFF_ONLY
    make_provider_staff(engine, 7007, "Seafront Sound Lab")
    other_provider = catalogue_bot.chat(7007)
    assert (await other_provider.send("/revoke 1 wrong club"))[0].text == texts.REVOKE_NOT_YOURS
    staff = staff_chat(catalogue_bot)
    listed = await staff.send("/revoke")
    assert "#1 Five-a-Side Fridays Badge" in listed[0].plain
    assert (await staff.send("/revoke 1"))[0].text == texts.REVOKE_NEEDS_REASON
    done = await staff.send("/revoke 1 the code was shared online")
    assert done[0].plain.startswith("Done: award #1 (Five-a-Side Fridays Badge) is revoked.")
    portfolio = await chat.send("/portfolio")
    assert "⚠️ Withdrawn (no longer valid)" in portfolio[0].plain
    assert "withdrawn by Kemptown Youth Club on" in portfolio[0].plain
    assert ": the code was shared online" in portfolio[0].plain
    assert portfolio[0].labels == []
    with session_scope(engine) as session:
        award = session.get(Award, 1)
        result = verify_credential(
            award.credential,
            now=datetime.now(UTC),
            trusted_dids=catalogue_bot.services.badge_issuer.trusted_dids(),
        )
        assert check_revocation(result, session=session).status == REVOKED


async def test_a_badge_from_elsewhere_is_checked_and_kept(catalogue_bot):
    """A baked PNG and a VC-JWT from another issuer are verified offline and kept once."""
    chat = await learner(catalogue_bot)
    png = elsewhere.baked_png(json.dumps(elsewhere.signed_document()))
    kept = await chat.deliver(chat.user.document("coding.png", png, "image/png"))
    assert kept[0].plain == (
        "🏅 Added Coding Basics from Code Crew to your /portfolio.\n"
        "✅ I checked its signature: it's genuine and hasn't been changed."
    )
    again = await chat.deliver(chat.user.document("coding.png", png, "image/png"))
    assert again[0].text == texts.BADGE_FILE_DUPLICATE
    jwt = elsewhere.signed_jwt(name="Robotics Starter", tags=("Engineering",))
    await chat.deliver(
        chat.user.document("robotics.jwt", jwt.encode(), "application/octet-stream")
    )
    portfolio = (await chat.send("/portfolio"))[0].plain
    assert "• Coding Basics — Code Crew, 1 Mar 2026 (from elsewhere, ✅ checked)" in portfolio
    assert "Engineering · 1 badge\n• Robotics Starter" in portfolio


async def test_broken_badge_files_get_kind_answers(catalogue_bot, monkeypatch):
    """Tampered, bombs, links, oversized and non-learners: a clear answer, nothing fetched."""
    chat = await learner(catalogue_bot)
    tampered = elsewhere.signed_document()
    tampered["credentialSubject"]["achievement"]["name"] = "Coding Expert"
    refused = await chat.deliver(
        chat.user.document("x.json", json.dumps(tampered).encode(), "application/json")
    )
    assert refused[0].plain.startswith("⚠️ I can't keep Coding Expert: it has been changed")

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    hosted = png_with(itxt(b"http://169.254.169.254/latest/meta-data/", keyword=b"openbadges"))
    answers = {
        "bomb.png": png_with(itxt(b"\0" * 5_000_000, compressed=True)),
        "hosted.png": hosted,
        "broken.png": png_with(chunk(b"iTXt", b"openbadgecredential")),
        "plain.png": badge_image("plain"),
        "huge.png": b"\x89PNG" + b"\0" * (3 * 1024 * 1024),
    }
    expected = {
        "bomb.png": texts.BADGE_FILE_TOO_BIG,
        "hosted.png": texts.BADGE_FILE_ONLINE_ONLY,
        "broken.png": texts.BADGE_FILE_MALFORMED,
        "plain.png": texts.BADGE_FILE_NOT_A_BADGE,
        "huge.png": texts.BADGE_FILE_TOO_BIG,
    }
    for name, content in answers.items():
        answer = await chat.deliver(chat.user.document(name, content, "image/png"))
        assert answer[0].text == expected[name], name
    stranger = catalogue_bot.chat(3003)
    answer = await stranger.deliver(stranger.user.document("x.png", hosted, "image/png"))
    assert answer[0].text == texts.NOT_ONBOARDED
    assert catalogue_bot.failed_calls() == []


async def test_mydata_and_delete_cover_badges(catalogue_bot, engine):
    """/mydata holds the credentials; /delete leaves no award or failed-claim row."""
    chat = await learner(catalogue_bot)
    await chat.send(f"/claim {await session_code(catalogue_bot)}")
    await chat.send("/claim ZZZZZ-22222")
    mydata = await chat.send("/mydata")
    assert "• Badges: 1" in mydata[0].plain
    export = json.loads(mydata[1].document[1])
    [badge] = export["badges"]
    assert badge["name"] == "Five-a-Side Fridays Badge"
    assert badge["verification"] == "verified"
    assert badge["credential"]["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert len(export["failed_badge_claims"]) == 1
    with engine.connect() as connection:
        learner_id = connection.execute(
            text("SELECT id FROM learner WHERE telegram_id = :t"), {"t": chat.user.id}
        ).scalar_one()
    assert "award.learner_id" in rows_mentioning(engine, chat.user.id, learner_id)
    assert "claimattempt.telegram_id" in rows_mentioning(engine, chat.user.id, learner_id)
    await chat.send("/delete")
    await chat.press("Yes, delete it all")
    assert rows_mentioning(engine, chat.user.id, learner_id) == {}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM claimcode")).scalar_one() == 1


@pytest.mark.parametrize("payload", ["c-", "c-0000000000", "c-ABCDE23456XYZ", "c-" + "Z" * 62])
async def test_odd_claim_payloads_are_harmless(catalogue_bot, payload):
    """Hand-typed /start payloads that look like claims are answered, never crash."""
    chat = await learner(catalogue_bot)
    answer = await chat.send(f"/start {payload}")
    assert answer
    assert catalogue_bot.failed_calls() == []
