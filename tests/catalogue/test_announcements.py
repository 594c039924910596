"""Announcements in the domain: who gets one (known exactly), list G blocked or flagged, the
two-person rule, fan-out through the outbox, reports, recall, and erasure."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from catalogue import announcements as ann
from catalogue.announcements import (
    Draft,
    approve_announcement,
    audience,
    queue_recall_deletions,
    recall_announcement,
    report_announcement,
    set_wants_announcements,
    submit_announcement,
)
from catalogue.db import session_scope
from catalogue.importer import import_rows
from catalogue.interests import default_taxonomy
from catalogue.learners import (
    create_learner,
    erase_learner,
    export_learner,
    get_learner,
    set_active,
    set_area,
    set_interests,
)
from catalogue.models import Announcement, Delivery, Opportunity, Provider, Report
from catalogue.providers import close_opportunity
from catalogue.referrals import create_referral, join_referral
from catalogue.roles import MODERATOR, PROVIDER, YOUTH_WORKER, grant_role
from tests.conftest import make_row

LONDON = ZoneInfo("Europe/London")
TAXONOMY = default_taxonomy()
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
PAYLOAD = {"text": "📣 <b>Big news</b>", "buttons": []}

BRIGHTON = (50.8225, -0.1372)
HOVE = (50.8309, -0.1672)
WORTHING = (50.8179, -0.3729)  # about 17 km from the venue
PLYMOUTH = (50.3715, -4.1430)

# telegram id -> (age band, interests, area or "online" or None, radius km, opted in, active)
LEARNERS = {
    101: ("18-25", ["football"], BRIGHTON, 30, True, True),
    102: ("18-25", ["sport"], HOVE, 5, True, True),  # "sport" covers football
    103: ("18-25", ["football", "coding"], WORTHING, 30, True, True),
    104: ("18-25", ["football"], BRIGHTON, 5, True, True),
    105: ("18-25", ["futsal", "football"], HOVE, 10, True, True),
    106: ("18-25", ["football"], BRIGHTON, 50, True, True),
    107: ("18-25", ["football"], HOVE, 30, True, True),
    108: ("18-25", ["sport", "music"], BRIGHTON, 10, True, True),
    109: ("18-25", ["football"], BRIGHTON, 30, True, True),
    110: ("18-25", ["football"], HOVE, 30, True, True),
    # Not in the audience, each for one reason:
    201: ("18-25", ["football"], BRIGHTON, 30, False, True),  # never turned announcements on
    202: ("18-25", ["football"], BRIGHTON, 30, True, False),  # blocked the bot
    203: ("18-25", ["coding"], BRIGHTON, 30, True, True),  # not into it
    204: ("18-25", ["five-a-side"], BRIGHTON, 30, True, True),  # narrower than the session
    205: ("18-25", ["football"], PLYMOUTH, 50, True, True),  # too far
    206: ("18-25", ["football"], WORTHING, 10, True, True),  # outside their own distance
    207: ("18-25", ["football"], "online", 30, True, True),  # online only
    208: ("16-17", ["football"], BRIGHTON, 30, True, True),  # the session is 18-25
    209: ("18-25", ["football"], None, 30, True, True),  # never said where they are
}
EXPECTED = list(range(101, 111))


def add_learners(engine, learners=LEARNERS):
    with session_scope(engine) as session:
        for telegram_id, (band, interests, area, radius, opted_in, active) in learners.items():
            learner = create_learner(session=session, telegram_id=telegram_id, age_band=band)
            set_interests(session=session, learner=learner, topic_ids=interests)
            if area == "online":
                set_area(
                    session=session, learner=learner, name=None, district=None, lat=None, lon=None
                )
            elif area is not None:
                set_area(
                    session=session,
                    learner=learner,
                    name="Somewhere",
                    district=None,
                    lat=area[0],
                    lon=area[1],
                )
            learner.radius_km = radius
            set_wants_announcements(session=session, learner=learner, on=opted_in)
            set_active(session=session, learner=learner, active=active)


def add_session(engine, **overrides):
    """A football session for 18-25s in Brighton from Kemptown Youth Club; returns its id."""
    values = {
        "title": "Friday Night Session",
        "tags": ("sport", "football"),
        "min_age": 18,
        "max_age": 25,
        "url": "https://kemptown.example.org/friday",
        **overrides,
    }
    with session_scope(engine) as session:
        import_rows(session=session, rows=[make_row("k-fri", **values)], timezone=LONDON)
        opportunity = session.exec(select(Opportunity)).one()
        return opportunity.id, opportunity.provider_id


def draft(opportunity_id, **overrides):
    values = {
        "title": "New Friday session",
        "body": "Free football every Friday from 6pm. All levels welcome — just turn up!",
        "link": "https://kemptown.example.org/friday",
        "send_at": None,
        **overrides,
    }
    return Draft(opportunity_id=opportunity_id, **values)


def submit(engine, opportunity_id, provider_id, submitted_by=500, **overrides):
    with session_scope(engine) as session:
        return submit_announcement(
            session=session,
            draft=draft(opportunity_id, **overrides),
            provider_id=provider_id,
            submitted_by=submitted_by,
            taxonomy=TAXONOMY,
            allowed_domains={"brighton-hove.gov.uk"},
            now=NOW,
        )


def approve(engine, announcement_id, reviewer_id):
    with session_scope(engine) as session:
        return approve_announcement(
            session=session,
            announcement_id=announcement_id,
            reviewer_id=reviewer_id,
            payload=PAYLOAD,
            taxonomy=TAXONOMY,
            now=NOW,
        )


def deliveries(engine, kind="announcement"):
    with Session(engine) as session:
        return session.exec(select(Delivery).where(Delivery.kind == kind)).all()


def test_the_audience_is_exactly_the_learners_it_fits(engine):
    """Opted in, active, interested, within their own distance, right age: nobody else."""
    add_learners(engine)
    opportunity_id, _ = add_session(engine)
    with Session(engine) as session:
        chats = audience(session=session, opportunity_id=opportunity_id, taxonomy=TAXONOMY)
    assert chats == EXPECTED


def test_an_online_opportunity_reaches_fitting_learners_anywhere(engine):
    """Online: area and distance don't matter; online-only learners are included."""
    add_learners(engine)
    opportunity_id, _ = add_session(
        engine, tags=("coding",), location="online", latitude=None, longitude=None
    )
    with Session(engine) as session:
        chats = audience(session=session, opportunity_id=opportunity_id, taxonomy=TAXONOMY)
    assert chats == [103, 203]


def test_approval_fans_out_one_outbox_row_per_recipient_in_the_same_transaction(engine):
    """Approving writes exactly the audience's rows, with the rendered payload, once."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    submitted = submit(engine, opportunity_id, provider_id)
    assert submitted.status == ann.SUBMITTED
    assert submitted.audience == len(EXPECTED)
    decision = approve(engine, submitted.announcement_id, reviewer_id=600)
    assert (decision.status, decision.audience) == (ann.APPROVED, len(EXPECTED))
    rows = deliveries(engine)
    assert sorted(row.chat_id for row in rows) == EXPECTED
    assert {(r.source_id, r.occurrence, r.status) for r in rows} == {
        (submitted.announcement_id, "", "pending")
    }
    assert all(row.payload == PAYLOAD for row in rows)
    again = approve(engine, submitted.announcement_id, reviewer_id=601)
    assert again.status == ann.NOT_PENDING
    assert len(deliveries(engine)) == len(EXPECTED)


def test_nobody_approves_their_own_or_their_organisations_announcement(engine):
    """Two-person rule: the submitter and their colleagues are refused; someone else isn't."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    with session_scope(engine) as session:
        grant_role(session=session, telegram_id=500, role=PROVIDER, provider_id=provider_id)
        grant_role(session=session, telegram_id=501, role=PROVIDER, provider_id=provider_id)
        grant_role(session=session, telegram_id=501, role=MODERATOR)
    submitted = submit(engine, opportunity_id, provider_id, submitted_by=500)
    assert approve(engine, submitted.announcement_id, reviewer_id=500).status == ann.OWN
    assert approve(engine, submitted.announcement_id, reviewer_id=501).status == ann.OWN
    assert deliveries(engine) == []
    assert approve(engine, submitted.announcement_id, reviewer_id=600).status == ann.APPROVED


def test_an_audience_below_ten_is_refused(engine):
    """No provider can single out a few young people."""
    add_learners(engine, {k: v for k, v in LEARNERS.items() if k not in (101, 102)})
    opportunity_id, provider_id = add_session(engine)
    result = submit(engine, opportunity_id, provider_id)
    assert (result.status, result.audience) == (ann.TOO_SMALL, 8)
    with Session(engine) as session:
        assert session.exec(select(Announcement)).all() == []


def test_an_audience_that_shrank_below_ten_is_not_sent(engine):
    """Approval counts again: learners who turned announcements off are not sent it."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    submitted = submit(engine, opportunity_id, provider_id)
    with session_scope(engine) as session:
        learner = get_learner(session=session, telegram_id=101)
        set_wants_announcements(session=session, learner=learner, on=False)
    decision = approve(engine, submitted.announcement_id, reviewer_id=600)
    assert (decision.status, decision.audience) == (ann.TOO_SMALL, 9)
    assert deliveries(engine) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call Jo on 07700 900123",
        "text seven seven zero zero nine zero zero one two three",
        "email jo at gmail dot com",
        "questions? @coach_jo",
        "join t.me/coachjo",
        "tg://user?id=4242",
        "wa.me/447700900123",
        "add me on snapchat",
    ],
)
def test_a_draft_with_contact_details_is_blocked_and_kept_for_moderators(engine, text):
    """List G: blocked on submit, kept as `blocked` for a moderator, never sent."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    result = submit(engine, opportunity_id, provider_id, body=f"Come along! {text}")
    assert result.status == ann.BLOCKED
    with Session(engine) as session:
        row = session.get(Announcement, result.announcement_id)
        assert row.status == ann.BLOCKED
        assert row.reason
    assert deliveries(engine) == []


@pytest.mark.parametrize(
    ("overrides", "issue"),
    [
        ({"link": "https://bit.ly/3xYz"}, ("link", "shortener")),
        ({"link": "http://kemptown.example.org/friday"}, ("link", "not_https")),
        ({"link": "javascript:alert(1)"}, ("link", "not_https")),
        ({"link": "https://elsewhere.example.net/"}, ("link", "not_allowed")),
        ({"body": "<b>Free</b> football <a href='https://x.org'>here</a>"}, ("body", "html")),
        ({"body": "More at www.kemptown.example.org"}, ("body", "link_in_text")),
        ({"body": "x" * 1001}, ("body", "too_long")),
        ({"title": "T" * 101}, ("title", "too_long")),
        ({"title": ""}, ("title", "empty")),
        ({"title": "Two\nlines"}, ("title", "one_line")),
        ({"send_at": NOW - timedelta(days=1)}, ("send_at", "in_the_past")),
        ({"send_at": datetime(2100, 1, 1, tzinfo=UTC)}, ("send_at", "too_far_ahead")),
    ],
)
def test_bad_drafts_are_refused_with_the_reason(engine, overrides, issue):
    """List G: shorteners, http, javascript:, other sites, raw HTML, 1001 characters, bad
    send times."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    result = submit(engine, opportunity_id, provider_id, **overrides)
    assert result.status == ann.INVALID
    assert issue in {(i.field, i.kind) for i in result.issues}


def test_an_allow_listed_link_is_accepted(engine):
    """A domain from settings works as well as the provider's own site."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    result = submit(engine, opportunity_id, provider_id, link="https://www.brighton-hove.gov.uk/x")
    assert result.status == ann.SUBMITTED


def test_submitting_twice_is_one_submission(engine):
    """Double submission is idempotent: the same announcement comes back."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    first = submit(engine, opportunity_id, provider_id)
    second = submit(engine, opportunity_id, provider_id)
    assert (second.status, second.announcement_id) == (ann.DUPLICATE, first.announcement_id)


def test_a_provider_sends_at_most_two_a_week(engine):
    """A third announcement in seven days waits."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    assert submit(engine, opportunity_id, provider_id, title="One").status == ann.SUBMITTED
    assert submit(engine, opportunity_id, provider_id, title="Two").status == ann.SUBMITTED
    assert submit(engine, opportunity_id, provider_id, title="Three").status == ann.TOO_MANY


def test_a_provider_can_only_announce_their_own_open_opportunity(engine):
    """Another provider's opportunity, or a closed one, is not found."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    with session_scope(engine) as session:
        other = Provider(name="Elsewhere")
        session.add(other)
        session.flush()
        other_id = other.id
    assert submit(engine, opportunity_id, other_id).status == ann.NOT_FOUND
    with session_scope(engine) as session:
        close_opportunity(session=session, opportunity_id=opportunity_id)
    assert submit(engine, opportunity_id, provider_id).status == ann.NOT_FOUND


def _sent(engine, announcement_id, sent):
    """Pretend the dispatcher sent some rows: chat id -> hours ago."""
    with session_scope(engine) as session:
        rows = session.exec(select(Delivery).where(Delivery.source_id == announcement_id)).all()
        for row in rows:
            if row.chat_id in sent:
                row.status = "sent"
                row.sent_at = NOW - timedelta(hours=sent[row.chat_id])
                row.telegram_message_id = 7000 + row.chat_id
                session.add(row)


def test_a_recall_stops_pending_sends_and_deletes_recent_ones(engine):
    """Pending rows are cancelled; sent ones under 48 hours get a delete job; older ones can't."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    submitted = submit(engine, opportunity_id, provider_id)
    approve(engine, submitted.announcement_id, reviewer_id=600)
    _sent(engine, submitted.announcement_id, {101: 1, 102: 47, 103: 49})
    with session_scope(engine) as session:
        recall = recall_announcement(
            session=session, announcement_id=submitted.announcement_id, moderator_id=600, now=NOW
        )
    assert (recall.cancelled, recall.deleting, recall.too_old) == (7, 2, 1)
    statuses = {row.chat_id: row.status for row in deliveries(engine)}
    assert {c for c, s in statuses.items() if s == "cancelled"} == set(EXPECTED) - {101, 102, 103}
    deletes = deliveries(engine, kind="delete")
    assert sorted((d.chat_id, d.payload["delete_message_id"]) for d in deletes) == [
        (101, 7101),
        (102, 7102),
    ]
    with session_scope(engine) as session:
        again = queue_recall_deletions(
            session=session, announcement_id=submitted.announcement_id, now=NOW
        )
        row = session.get(Announcement, submitted.announcement_id)
        assert (row.status, row.recalled_by) == (ann.RECALLED, 600)
    assert again.cancelled == 0
    assert len(deliveries(engine, kind="delete")) == 2


def test_only_a_learner_who_got_it_can_report_it_once(engine):
    """Reports come from recipients only (no reporting by guessing ids), one each."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    submitted = submit(engine, opportunity_id, provider_id)
    approve(engine, submitted.announcement_id, reviewer_id=600)
    _sent(engine, submitted.announcement_id, {101: 1})
    with session_scope(engine) as session:
        got_it = get_learner(session=session, telegram_id=101)
        did_not = get_learner(session=session, telegram_id=203)
        first = report_announcement(
            session=session,
            announcement_id=submitted.announcement_id,
            learner=got_it,
            reason="contact",
        )
        second = report_announcement(
            session=session,
            announcement_id=submitted.announcement_id,
            learner=got_it,
            reason="unsafe",
        )
        stranger = report_announcement(
            session=session,
            announcement_id=submitted.announcement_id,
            learner=did_not,
            reason="contact",
        )
    assert (first, second, stranger) == ("reported", "already", ann.NOT_FOUND)


def test_erasure_removes_the_referral_and_unnames_reports(engine):
    """After /delete, the report stays for moderators but says nobody; the join is gone."""
    add_learners(engine)
    opportunity_id, provider_id = add_session(engine)
    submitted = submit(engine, opportunity_id, provider_id)
    approve(engine, submitted.announcement_id, reviewer_id=600)
    _sent(engine, submitted.announcement_id, {101: 1})
    with session_scope(engine) as session:
        grant_role(session=session, telegram_id=700, role=YOUTH_WORKER, organisation="BYS")
        referral, _ = create_referral(session=session, owner_id=700, label="Year 12")
        learner = get_learner(session=session, telegram_id=101)
        join_referral(session=session, referral_id=referral.id, learner=learner)
        report_announcement(
            session=session,
            announcement_id=submitted.announcement_id,
            learner=learner,
            reason="unsafe",
        )
    with session_scope(engine) as session:
        export = export_learner(session=session, telegram_id=101)
        assert export["referral"]["link"] == "Year 12"
        assert [r["reason"] for r in export["reports"]] == ["unsafe"]
        erase_learner(session=session, telegram_id=101)
    with Session(engine) as session:
        reports = session.exec(select(Report)).all()
        assert [(r.learner_id, r.reason) for r in reports] == [(None, "unsafe")]
        assert get_learner(session=session, telegram_id=101) is None
