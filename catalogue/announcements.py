"""Provider announcements: checked on submit, approved by someone other than the submitter,
sent only to a big enough audience through the outbox, reportable by learners and recallable.

States: submitted -> approved (delivery rows written in the same transaction) or rejected;
approved -> recalled. A draft with contact details is never submitted: it is kept as
`blocked` for a moderator to see (safeguarding.md §4).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from catalogue.deliveries import enqueue_delivery
from catalogue.interests import Taxonomy
from catalogue.learners import AGE_BANDS
from catalogue.matching import distance_km
from catalogue.models import (
    Announcement,
    Delivery,
    Learner,
    LearnerSettings,
    Opportunity,
    Provider,
    Report,
    StaffRole,
    utcnow,
)
from catalogue.roles import ADMIN, MODERATOR, provider_ids_of
from catalogue.screening import CONTACT_KINDS, link_host, link_problem, text_problems

MIN_AUDIENCE = 10  # so no provider can single out one young person
MAX_PER_WEEK = 2  # per provider
TITLE_MAX = 100
BODY_MAX = 1000
MAX_AHEAD = timedelta(days=90)
RECALL_WINDOW = timedelta(hours=48)  # Telegram lets a bot delete its messages for 48 hours
# Learners further than this are never in an in-person audience, whatever their radius.
_BOX_DEGREES = 1.0

KIND = "announcement"
DELETE_KIND = "delete"

SUBMITTED = "submitted"
APPROVED = "approved"
REJECTED = "rejected"
BLOCKED = "blocked"
RECALLED = "recalled"

INVALID = "invalid"
DUPLICATE = "duplicate"
TOO_MANY = "too_many"
TOO_SMALL = "too_small"
NOT_FOUND = "not_found"
OWN = "own"
NOT_PENDING = "not_pending"

REPORT_REASONS = ("contact", "unsafe", "wrong")


@dataclass(frozen=True, slots=True)
class Draft:
    """What a provider wants to say about one of their opportunities."""

    opportunity_id: int
    title: str
    body: str
    link: str | None = None
    send_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with a draft: the field and the kind of problem."""

    field: str  # title, body, link, send_at
    kind: str


@dataclass(frozen=True, slots=True)
class Submission:
    """What happened to a submitted draft."""

    status: str  # submitted, duplicate, blocked, invalid, too_many, too_small, not_found
    announcement_id: int | None = None
    issues: tuple[Issue, ...] = ()
    audience: int = 0


@dataclass(frozen=True, slots=True)
class AnnouncementView:
    """An announcement with the names a moderator or provider needs to see."""

    id: int
    provider_id: int
    provider: str
    opportunity_id: int
    opportunity: str
    title: str
    body: str
    link: str | None
    status: str
    submitted_by: int
    reason: str | None
    audience: int
    send_at: datetime | None
    created_at: datetime
    reports: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of a moderator's decision."""

    status: str  # approved, rejected, own, not_pending, too_small, not_found
    audience: int = 0
    submitted_by: int | None = None


@dataclass(frozen=True, slots=True)
class Recall:
    """What a recall did: pending sends stopped, sent messages queued for deletion, and sent
    messages too old to delete (Telegram allows 48 hours)."""

    cancelled: int
    deleting: int
    too_old: int


# --- checking a draft ----------------------------------------------------------------------


def check_draft(
    draft: Draft,
    *,
    allowed_domains: Iterable[str],
    opportunity_url: str = "",
    now: datetime | None = None,
) -> list[Issue]:
    """Every problem with a draft: contact details, links, HTML, hidden text, length, time."""
    now = now or utcnow()
    issues: list[Issue] = []
    for field, text, limit in (("title", draft.title, TITLE_MAX), ("body", draft.body, BODY_MAX)):
        stripped = text.strip()
        if not stripped:
            issues.append(Issue(field, "empty"))
        elif len(stripped) > limit:
            issues.append(Issue(field, "too_long"))
        if field == "title" and "\n" in stripped:
            issues.append(Issue(field, "one_line"))
        issues.extend(Issue(field, kind) for kind in text_problems(text))
    if draft.link:
        domains = set(allowed_domains)
        own = link_host(opportunity_url) if opportunity_url else None
        if own:
            domains.add(own)
        problem = link_problem(draft.link, allowed_domains=domains)
        if problem:
            issues.append(Issue("link", problem))
    if draft.send_at is not None:
        if draft.send_at < now - timedelta(minutes=5):
            issues.append(Issue("send_at", "in_the_past"))
        elif draft.send_at > now + MAX_AHEAD:
            issues.append(Issue("send_at", "too_far_ahead"))
    return issues


def has_contact_details(issues: Iterable[Issue]) -> bool:
    """Whether any issue is a contact detail (the kind a moderator must hear about)."""
    return any(issue.kind in CONTACT_KINDS for issue in issues)


# --- who it goes to ------------------------------------------------------------------------


def opportunity_topics(taxonomy: Taxonomy, opportunity: Opportunity) -> set[str]:
    """The taxonomy topics an opportunity is about (from its tags and title)."""
    topics: set[str] = set()
    for tag in opportunity.tags:
        topics.update(taxonomy.tag_topics(tag))
    topics.update(taxonomy.mentions(opportunity.title))
    return topics


def interested(taxonomy: Taxonomy, interests: Iterable[str], topics: set[str]) -> bool:
    """Whether a learner's interests cover a topic: the same one, or one under it ("sport"
    covers football; "football" does not cover all of sport)."""
    for interest in interests:
        if interest in topics:
            return True
        if interest in taxonomy and taxonomy.descendants(interest) & topics:
            return True
    return False


def age_fits(age_band: str, min_age: int | None, max_age: int | None) -> bool:
    """Whether an age band overlaps an opportunity's ages (the rule search uses too)."""
    low, high = AGE_BANDS.get(age_band, (0, -1))
    return (min_age or 0) <= high and (max_age if max_age is not None else 999) >= low


def audience(*, session: Session, opportunity_id: int, taxonomy: Taxonomy) -> list[int]:
    """The chats an announcement about this opportunity goes to, sorted.

    Active learners who turned announcements on, whose interests cover the opportunity's
    topics, whose age band fits, and who are within their own distance of it (anyone, for an
    online opportunity; online-only learners get online ones only).
    """
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        return []
    topics = opportunity_topics(taxonomy, opportunity)
    if not topics:
        return []
    statement = (
        select(Learner)
        .join(LearnerSettings, col(LearnerSettings.learner_id) == col(Learner.id))
        .where(col(Learner.active).is_(True), col(LearnerSettings.announcements).is_(True))
    )
    place = (
        None
        if opportunity.online or opportunity.latitude is None or opportunity.longitude is None
        else (opportunity.latitude, opportunity.longitude)
    )
    if place is not None:
        lat, lon = place
        statement = statement.where(
            col(Learner.area_lat).between(lat - _BOX_DEGREES, lat + _BOX_DEGREES),
            col(Learner.area_lon).between(lon - 2 * _BOX_DEGREES, lon + 2 * _BOX_DEGREES),
        )
    chats = []
    for learner in session.exec(statement):
        if not interested(taxonomy, learner.interests, topics):
            continue
        if not age_fits(learner.age_band, opportunity.min_age, opportunity.max_age):
            continue
        if place is not None:
            if learner.online_only or learner.area_lat is None or learner.area_lon is None:
                continue
            if distance_km(learner.area_lat, learner.area_lon, *place) > learner.radius_km:
                continue
        chats.append(learner.telegram_id)
    return sorted(chats)


# --- submitting ----------------------------------------------------------------------------


def _recent_count(session: Session, provider_id: int, now: datetime) -> int:
    return int(
        session.exec(
            select(func.count(col(Announcement.id))).where(
                Announcement.provider_id == provider_id,
                col(Announcement.status).in_([SUBMITTED, APPROVED, RECALLED]),
                Announcement.created_at >= now - timedelta(days=7),
            )
        ).one()
    )


def submit_announcement(
    *,
    session: Session,
    draft: Draft,
    provider_id: int,
    submitted_by: int,
    taxonomy: Taxonomy,
    allowed_domains: Iterable[str],
    now: datetime | None = None,
) -> Submission:
    """Check a draft and queue it for a moderator.

    Submitting the same text twice returns the first submission. A draft with contact details
    is kept as `blocked` (for moderators to see) and never sent.
    """
    now = now or utcnow()
    opportunity = session.get(Opportunity, draft.opportunity_id)
    if (
        opportunity is None
        or opportunity.provider_id != provider_id
        or opportunity.status != "published"
    ):
        return Submission(NOT_FOUND)
    issues = check_draft(
        draft, allowed_domains=allowed_domains, opportunity_url=opportunity.url, now=now
    )
    if has_contact_details(issues):
        kinds = sorted({i.kind for i in issues if i.kind in CONTACT_KINDS})
        blocked = _new(session, draft, provider_id, submitted_by, BLOCKED, now)
        blocked.reason = ", ".join(kinds)
        session.flush()
        return Submission(BLOCKED, blocked.id, tuple(issues))
    if issues:
        return Submission(INVALID, issues=tuple(issues))
    duplicate = session.exec(
        select(Announcement).where(
            Announcement.provider_id == provider_id,
            Announcement.opportunity_id == draft.opportunity_id,
            Announcement.title == draft.title.strip(),
            Announcement.body == draft.body.strip(),
            col(Announcement.status).in_([SUBMITTED, APPROVED]),
        )
    ).first()
    if duplicate is not None:
        return Submission(DUPLICATE, duplicate.id, audience=duplicate.audience)
    if _recent_count(session, provider_id, now) >= MAX_PER_WEEK:
        return Submission(TOO_MANY)
    size = len(audience(session=session, opportunity_id=draft.opportunity_id, taxonomy=taxonomy))
    if size < MIN_AUDIENCE:
        return Submission(TOO_SMALL, audience=size)
    announcement = _new(session, draft, provider_id, submitted_by, SUBMITTED, now)
    announcement.audience = size
    session.flush()
    return Submission(SUBMITTED, announcement.id, audience=size)


def _new(
    session: Session, draft: Draft, provider_id: int, submitted_by: int, status: str, now: datetime
) -> Announcement:
    announcement = Announcement(
        provider_id=provider_id,
        opportunity_id=draft.opportunity_id,
        title=draft.title.strip()[:TITLE_MAX],
        body=draft.body.strip()[:BODY_MAX],
        link=(draft.link or "").strip()[:300] or None,
        send_at=draft.send_at,
        status=status,
        submitted_by=submitted_by,
        created_at=now,
    )
    session.add(announcement)
    session.flush()
    return announcement


# --- reading -------------------------------------------------------------------------------


def _views(session: Session, rows: Sequence[Announcement]) -> list[AnnouncementView]:
    if not rows:
        return []
    providers = {
        p.id: p.name
        for p in session.exec(
            select(Provider).where(col(Provider.id).in_({r.provider_id for r in rows}))
        )
    }
    opportunities = {
        o.id: o.title
        for o in session.exec(
            select(Opportunity).where(col(Opportunity.id).in_({r.opportunity_id for r in rows}))
        )
    }
    reports = dict(
        session.exec(
            select(Report.announcement_id, func.count(col(Report.id)))
            .where(col(Report.announcement_id).in_([r.id for r in rows]), Report.status == "open")
            .group_by(col(Report.announcement_id))
        ).all()
    )
    views = []
    for row in rows:
        assert row.id is not None
        views.append(
            AnnouncementView(
                id=row.id,
                provider_id=row.provider_id,
                provider=providers.get(row.provider_id, ""),
                opportunity_id=row.opportunity_id,
                opportunity=opportunities.get(row.opportunity_id, ""),
                title=row.title,
                body=row.body,
                link=row.link,
                status=row.status,
                submitted_by=row.submitted_by,
                reason=row.reason,
                audience=row.audience,
                send_at=row.send_at,
                created_at=row.created_at,
                reports=int(reports.get(row.id, 0)),
            )
        )
    return views


def get_announcement(*, session: Session, announcement_id: int) -> AnnouncementView | None:
    """One announcement by id, or None."""
    row = session.get(Announcement, announcement_id)
    return _views(session, [row])[0] if row is not None else None


def announcements_with_status(*, session: Session, status: str) -> list[AnnouncementView]:
    """Announcements in one state, oldest first (blocked ones only until a moderator saw them)."""
    statement = select(Announcement).where(Announcement.status == status)
    if status == BLOCKED:
        statement = statement.where(col(Announcement.reviewed_by).is_(None))
    return _views(session, session.exec(statement.order_by(col(Announcement.id))).all())


def reported_announcements(*, session: Session) -> list[AnnouncementView]:
    """Announcements with open reports, most reported first."""
    ids = session.exec(
        select(Report.announcement_id).where(Report.status == "open").distinct()
    ).all()
    rows = session.exec(select(Announcement).where(col(Announcement.id).in_(list(ids)))).all()
    return sorted(_views(session, rows), key=lambda view: (-view.reports, view.id))


def provider_announcements(
    *, session: Session, provider_ids: Sequence[int], limit: int = 10
) -> list[AnnouncementView]:
    """A provider's latest announcements (their status and audience size)."""
    if not provider_ids:
        return []
    rows = session.exec(
        select(Announcement)
        .where(col(Announcement.provider_id).in_(list(provider_ids)))
        .where(Announcement.status != BLOCKED)
        .order_by(col(Announcement.id).desc())
        .limit(limit)
    ).all()
    return _views(session, rows)


# --- deciding ------------------------------------------------------------------------------


def _own(session: Session, announcement: Announcement, reviewer_id: int) -> bool:
    """The two-person rule: the submitter, or anyone in the same organisation, can't approve."""
    return announcement.submitted_by == reviewer_id or announcement.provider_id in set(
        provider_ids_of(session=session, telegram_id=reviewer_id)
    )


def approve_announcement(
    *,
    session: Session,
    announcement_id: int,
    reviewer_id: int,
    payload: dict[str, Any],
    taxonomy: Taxonomy,
    now: datetime | None = None,
) -> Decision:
    """Approve and fan out: one outbox row per learner in the audience, in this transaction.

    `payload` is the message every recipient gets (`{"text": ..., "buttons": ...}`).
    """
    now = now or utcnow()
    announcement = session.get(Announcement, announcement_id)
    if announcement is None:
        return Decision(NOT_FOUND)
    if announcement.status != SUBMITTED:
        return Decision(NOT_PENDING, submitted_by=announcement.submitted_by)
    if _own(session, announcement, reviewer_id):
        return Decision(OWN, submitted_by=announcement.submitted_by)
    chats = audience(
        session=session, opportunity_id=announcement.opportunity_id, taxonomy=taxonomy
    )
    if len(chats) < MIN_AUDIENCE:
        return Decision(TOO_SMALL, len(chats), announcement.submitted_by)
    # Compare-and-set: two moderators approving at once fan out once.
    claimed = session.execute(
        update(Announcement)
        .where(col(Announcement.id) == announcement_id, col(Announcement.status) == SUBMITTED)
        .values(status=APPROVED, reviewed_by=reviewer_id, reviewed_at=now, audience=len(chats))
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return Decision(NOT_PENDING, submitted_by=announcement.submitted_by)
    due = max(announcement.send_at, now) if announcement.send_at else now
    for chat_id in chats:
        enqueue_delivery(
            session=session,
            kind=KIND,
            chat_id=chat_id,
            payload=payload,
            due_at=due,
            source_id=announcement_id,
            occurrence="",
        )
    session.expire(announcement)
    return Decision(APPROVED, len(chats), announcement.submitted_by)


def reject_announcement(
    *,
    session: Session,
    announcement_id: int,
    reviewer_id: int,
    reason: str,
    now: datetime | None = None,
) -> Decision:
    """Turn an announcement down with a reason the provider will read."""
    announcement = session.get(Announcement, announcement_id)
    if announcement is None:
        return Decision(NOT_FOUND)
    if announcement.status != SUBMITTED:
        return Decision(NOT_PENDING, submitted_by=announcement.submitted_by)
    announcement.status = REJECTED
    announcement.reviewed_by = reviewer_id
    announcement.reviewed_at = now or utcnow()
    announcement.reason = " ".join(reason.split())[:300]
    session.add(announcement)
    session.flush()
    return Decision(REJECTED, submitted_by=announcement.submitted_by)


def mark_blocked_seen(*, session: Session, announcement_id: int, reviewer_id: int) -> bool:
    """A moderator has looked at a blocked draft; it leaves the queue."""
    announcement = session.get(Announcement, announcement_id)
    if announcement is None or announcement.status != BLOCKED or announcement.reviewed_by:
        return False
    announcement.reviewed_by = reviewer_id
    announcement.reviewed_at = utcnow()
    session.add(announcement)
    session.flush()
    return True


# --- reports and recall --------------------------------------------------------------------


def received(*, session: Session, announcement_id: int, telegram_id: int) -> bool:
    """Whether this person was sent this announcement (only they may report it)."""
    return (
        session.exec(
            select(Delivery.id).where(
                Delivery.kind == KIND,
                Delivery.source_id == announcement_id,
                Delivery.chat_id == telegram_id,
                Delivery.status == "sent",
            )
        ).first()
        is not None
    )


def recent_announcements_for(
    *, session: Session, telegram_id: int, limit: int = 3
) -> list[AnnouncementView]:
    """The announcements last sent to this person, newest first (to pick one to report)."""
    ids = session.exec(
        select(Delivery.source_id)
        .where(Delivery.kind == KIND, Delivery.chat_id == telegram_id, Delivery.status == "sent")
        .order_by(col(Delivery.id).desc())
        .limit(limit)
    ).all()
    rows = session.exec(select(Announcement).where(col(Announcement.id).in_(list(ids)))).all()
    order = {announcement_id: index for index, announcement_id in enumerate(ids)}
    return sorted(_views(session, rows), key=lambda view: order[view.id])


def report_announcement(
    *, session: Session, announcement_id: int, learner: Learner, reason: str
) -> str:
    """A learner reports an announcement they got: reported, already, or not_found."""
    if reason not in REPORT_REASONS or not received(
        session=session, announcement_id=announcement_id, telegram_id=learner.telegram_id
    ):
        return NOT_FOUND
    existing = session.exec(
        select(Report).where(
            Report.announcement_id == announcement_id, Report.learner_id == learner.id
        )
    ).first()
    if existing is not None:
        return "already"
    session.add(Report(announcement_id=announcement_id, learner_id=learner.id, reason=reason))
    session.flush()
    return "reported"


def dismiss_reports(*, session: Session, announcement_id: int) -> int:
    """A moderator decided the reports need no action; returns how many were closed."""
    result = session.execute(
        update(Report)
        .where(col(Report.announcement_id) == announcement_id, col(Report.status) == "open")
        .values(status="dismissed")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def queue_recall_deletions(
    *, session: Session, announcement_id: int, now: datetime | None = None
) -> Recall:
    """For a recalled announcement: stop what hasn't gone and queue deletion of what has.

    Pending or retrying outbox rows become `cancelled`. Each sent message still under 48
    hours old gets a `delete` outbox row (payload `{"delete_message_id": ...}`) for the
    dispatcher to turn into `deleteMessage`. Safe to call again (the dispatcher can, after it
    marks a row that was in flight during the recall as sent): queued deletions are not
    repeated.
    """
    now = now or utcnow()
    rows = session.exec(
        select(Delivery).where(Delivery.kind == KIND, Delivery.source_id == announcement_id)
    ).all()
    cancelled = deleting = too_old = 0
    for row in rows:
        if row.status in ("pending", "retry"):
            row.status = "cancelled"
            session.add(row)
            cancelled += 1
        elif row.status == "sent" and row.telegram_message_id is not None:
            if row.sent_at is not None and row.sent_at >= now - RECALL_WINDOW:
                enqueue_delivery(
                    session=session,
                    kind=DELETE_KIND,
                    chat_id=row.chat_id,
                    payload={"delete_message_id": row.telegram_message_id},
                    source_id=announcement_id,
                    occurrence=str(row.telegram_message_id),
                )
                deleting += 1
            else:
                too_old += 1
    session.flush()
    return Recall(cancelled, deleting, too_old)


def recall_announcement(
    *, session: Session, announcement_id: int, moderator_id: int, now: datetime | None = None
) -> Recall | None:
    """Recall an approved announcement; its open reports are closed as acted on."""
    now = now or utcnow()
    announcement = session.get(Announcement, announcement_id)
    if announcement is None or announcement.status not in (APPROVED, RECALLED):
        return None
    announcement.status = RECALLED
    announcement.recalled_by = announcement.recalled_by or moderator_id
    announcement.recalled_at = announcement.recalled_at or now
    session.add(announcement)
    session.execute(
        update(Report)
        .where(col(Report.announcement_id) == announcement_id, col(Report.status) == "open")
        .values(status="actioned")
    )
    return queue_recall_deletions(session=session, announcement_id=announcement_id, now=now)


# --- a learner's choice --------------------------------------------------------------------


def wants_announcements(*, session: Session, learner: Learner) -> bool:
    """Whether the learner turned announcements on (off unless they did)."""
    settings = session.get(LearnerSettings, learner.id)
    return bool(settings and settings.announcements)


def set_wants_announcements(*, session: Session, learner: Learner, on: bool) -> None:
    """Turn announcements on or off for a learner."""
    assert learner.id is not None
    settings = session.get(LearnerSettings, learner.id)
    if settings is None:
        settings = LearnerSettings(learner_id=learner.id)
    settings.announcements = on
    session.add(settings)
    if not on:  # nothing already queued goes out after they said no
        session.execute(
            update(Delivery)
            .where(
                col(Delivery.kind) == KIND,
                col(Delivery.chat_id) == learner.telegram_id,
                col(Delivery.status).in_(["pending", "retry"]),
            )
            .values(status="cancelled", last_error="announcements turned off")
        )
    session.flush()


def reports_export(*, session: Session, learner_id: int) -> list[dict[str, Any]]:
    """The reports a learner made, for their data export."""
    rows = session.exec(select(Report).where(Report.learner_id == learner_id)).all()
    return [
        {
            "announcement": row.announcement_id,
            "reason": row.reason,
            "status": row.status,
            "reported_at": row.created_at.isoformat(),
        }
        for row in rows
    ]


def moderators(*, session: Session, admin_ids: Iterable[int]) -> list[int]:
    """Everyone who can review announcements: moderators and admins."""
    rows = session.exec(
        select(StaffRole.telegram_id).where(col(StaffRole.role).in_([MODERATOR, ADMIN]))
    ).all()
    return sorted({*admin_ids, *(int(row) for row in rows)})
