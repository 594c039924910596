"""Referral links and staff invites in the domain: opaque tokens kept only as a hash, expiry,
caps, consent-only counting, small counts suppressed, and the QR poster."""

import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import zxingcpp
from PIL import Image
from sqlalchemy import text
from sqlmodel import Session, select

from catalogue import referrals, staff_invites
from catalogue.db import session_scope
from catalogue.learners import create_learner, set_area, set_interests
from catalogue.models import Referral, SavedOpportunity, StaffInvite
from catalogue.posters import referral_poster
from catalogue.referrals import (
    close_referral,
    create_referral,
    join_referral,
    open_referral,
    referral_links,
)
from catalogue.roles import YOUTH_WORKER, grant_role, revoke_role, roles_of
from catalogue.staff_invites import create_staff_invite, redeem_staff_invite
from catalogue.stats import shown
from catalogue.tokens import token_hash
from tests.conftest import make_row

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
WORKER = 700


def youth_worker(engine, telegram_id=WORKER, organisation="Brighton Youth Service"):
    with session_scope(engine) as session:
        grant_role(
            session=session, telegram_id=telegram_id, role=YOUTH_WORKER, organisation=organisation
        )


def learner(session, telegram_id, *, onboarded=True):
    person = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
    if onboarded:
        set_interests(session=session, learner=person, topic_ids=["football"])
        set_area(
            session=session, learner=person, name="Brighton", district=None, lat=50.8, lon=-0.1
        )
    return person


def test_a_token_is_random_url_safe_and_only_its_hash_is_kept(engine):
    """128 bits in base64url (22 characters); the database never holds the token itself."""
    youth_worker(engine)
    with session_scope(engine) as session:
        tokens = [create_referral(session=session, owner_id=WORKER)[1] for _ in range(50)]
    assert len(set(tokens)) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", token) for token in tokens)
    with engine.connect() as connection:
        dump = repr(connection.execute(text("SELECT * FROM referral")).all())
    assert not any(token in dump for token in tokens)
    assert all(token_hash(token) in dump for token in tokens)


def test_opening_a_link_says_who_without_recording_anything(engine):
    """The organisation and label come back; nothing is counted until the learner agrees."""
    youth_worker(engine)
    with session_scope(engine) as session:
        _, token = create_referral(session=session, owner_id=WORKER, label="Year 12 at Varndean")
    with session_scope(engine) as session:
        opened = open_referral(session=session, token=token, admin_ids=(), now=NOW)
    assert (opened.status, opened.organisation, opened.label) == (
        referrals.OK,
        "Brighton Youth Service",
        "Year 12 at Varndean",
    )
    with Session(engine) as session:
        assert session.exec(select(Referral)).one().uses == 0


def test_expired_used_up_revoked_and_unknown_links_do_not_count(engine):
    """List A: unknown, expired, used-up and revoked tokens, and a youth worker who left."""
    youth_worker(engine)
    youth_worker(engine, telegram_id=701)
    with session_scope(engine) as session:
        _, expired = create_referral(
            session=session, owner_id=WORKER, expires_at=NOW - timedelta(minutes=1)
        )
        capped, full = create_referral(session=session, owner_id=WORKER, max_uses=1)
        stopped_row, stopped = create_referral(session=session, owner_id=WORKER)
        _, leaver = create_referral(session=session, owner_id=701)
        first = learner(session, 1)
        assert join_referral(session=session, referral_id=capped.id, learner=first) == "joined"
        close_referral(session=session, owner_id=WORKER, referral_id=stopped_row.id, now=NOW)
        revoke_role(session=session, telegram_id=701, role=YOUTH_WORKER)
    with session_scope(engine) as session:
        status = {
            name: open_referral(session=session, token=token, admin_ids=(), now=NOW).status
            for name, token in {
                "expired": expired,
                "full": full,
                "stopped": stopped,
                "leaver": leaver,
                "unknown": "A" * 22,
                "not a token": "../../etc/passwd",
            }.items()
        }
    assert status == {
        "expired": referrals.EXPIRED,
        "full": referrals.USED_UP,
        "stopped": referrals.EXPIRED,
        "leaver": referrals.UNKNOWN,
        "unknown": referrals.UNKNOWN,
        "not a token": referrals.UNKNOWN,
    }


def test_a_cap_is_never_exceeded_and_a_learner_counts_once(engine):
    """The use count is compare-and-set; a learner joins one link, once."""
    youth_worker(engine)
    with session_scope(engine) as session:
        capped, _ = create_referral(session=session, owner_id=WORKER, max_uses=2)
        other, _ = create_referral(session=session, owner_id=WORKER)
        people = [learner(session, telegram_id) for telegram_id in (1, 2, 3)]
        outcomes = [
            join_referral(session=session, referral_id=capped.id, learner=person)
            for person in people
        ]
        again = join_referral(session=session, referral_id=other.id, learner=people[0])
    assert outcomes == [referrals.JOINED, referrals.JOINED, referrals.USED_UP]
    assert again == referrals.ALREADY
    with Session(engine) as session:
        assert session.get(Referral, capped.id).uses == 2


def test_link_counts_follow_the_funnel_and_small_ones_are_suppressed(engine, add_opportunities):
    """Joined, set up, saved, badges per link; under 5 is not shown."""
    youth_worker(engine)
    add_opportunities(make_row("bn-foot", "Five-a-Side Fridays"))
    with session_scope(engine) as session:
        busy, _ = create_referral(session=session, owner_id=WORKER, label="Busy")
        quiet, _ = create_referral(session=session, owner_id=WORKER, label="Quiet")
        for telegram_id in range(1, 8):
            person = learner(session, telegram_id, onboarded=telegram_id != 7)
            join_referral(session=session, referral_id=busy.id, learner=person)
            if telegram_id <= 5:
                session.add(SavedOpportunity(learner_id=person.id, opportunity_id=1))
        join_referral(session=session, referral_id=quiet.id, learner=learner(session, 8))
    with Session(engine) as session:
        links = {link.label: link for link in referral_links(session=session, owner_id=WORKER)}
    busy_counts = links["Busy"].counts
    assert (busy_counts.joined, busy_counts.onboarded, busy_counts.saved) == (7, 6, 5)
    assert [shown(n) for n in (busy_counts.joined, busy_counts.saved)] == [7, 5]
    assert shown(busy_counts.badge_claimed) is None
    assert shown(links["Quiet"].counts.joined) is None


def test_a_staff_invite_works_once_for_its_role(engine):
    """Single use, hashed, with the organisation it was made for."""
    with session_scope(engine) as session:
        token = create_staff_invite(
            session=session,
            role=YOUTH_WORKER,
            created_by=9000,
            organisation="Hove Youth Hub",
            now=NOW,
        )
    with session_scope(engine) as session:
        assert session.exec(select(StaffInvite)).one().token_hash == token_hash(token)
        granted = redeem_staff_invite(session=session, token=token, telegram_id=42, now=NOW)
        second = redeem_staff_invite(session=session, token=token, telegram_id=43, now=NOW)
        assert roles_of(session=session, telegram_id=42, admin_ids=()) == {YOUTH_WORKER}
        assert roles_of(session=session, telegram_id=43, admin_ids=()) == set()
        assert referrals.organisation_of(session=session, telegram_id=42) == "Hove Youth Hub"
    assert (granted.status, second.status) == (staff_invites.GRANTED, staff_invites.USED)


def test_a_staff_invite_expires_and_never_makes_a_learner_staff(engine):
    """After a week it's expired; a young person who opens one is left as they are."""
    with session_scope(engine) as session:
        token = create_staff_invite(session=session, role=YOUTH_WORKER, created_by=9000, now=NOW)
        learner(session, 55)
    with session_scope(engine) as session:
        as_learner = redeem_staff_invite(session=session, token=token, telegram_id=55, now=NOW)
        late = redeem_staff_invite(
            session=session, token=token, telegram_id=56, now=NOW + timedelta(days=8)
        )
        assert roles_of(session=session, telegram_id=55, admin_ids=()) == set()
    assert (as_learner.status, late.status) == (staff_invites.LEARNER, staff_invites.EXPIRED)


def test_the_poster_holds_a_readable_qr_code_of_the_link():
    """A camera reads the link back from the printed poster."""
    link = "https://t.me/learnbot_bot?start=r-AbCdEfGhIjKlMnOpQrStUv"
    poster = referral_poster(
        link, pitch="Find free things to do", caption="Brighton Youth Service", footer="Scan me"
    )
    image = Image.open(BytesIO(poster.png))
    assert image.size == (1240, 1754)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [link]
