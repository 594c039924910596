"""Youth workers' referral links: opaque tokens (kept only as a hash) with a label, an expiry
and a cap, optionally starting the learner with a search. A learner is counted against a link
only after they agree; youth workers see counts, never who.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from catalogue.models import Learner, Referral, ReferralJoin, StaffRole, utcnow
from catalogue.roles import ADMIN, YOUTH_WORKER, has_role
from catalogue.stats import Funnel, funnel
from catalogue.tokens import looks_like_token, new_token, token_hash

MAX_LABEL = 60
MAX_SEARCH = 100

OK = "ok"
UNKNOWN = "unknown"
EXPIRED = "expired"
USED_UP = "used_up"
JOINED = "joined"
ALREADY = "already"


@dataclass(frozen=True, slots=True)
class OpenedReferral:
    """What a learner opening a referral link is told, or why the link doesn't count."""

    status: str  # ok, unknown, expired, used_up
    referral_id: int | None = None
    organisation: str | None = None
    label: str = ""
    search_text: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class ReferralLink:
    """One of a youth worker's links with its counts (raw: suppress small ones when shown)."""

    id: int
    label: str
    search_text: str | None
    place: str | None
    created_at: datetime
    expires_at: datetime | None
    max_uses: int | None
    uses: int
    active: bool
    counts: Funnel


def organisation_of(*, session: Session, telegram_id: int) -> str | None:
    """The organisation a youth worker works for, as an admin recorded it."""
    rows = session.exec(
        select(StaffRole).where(
            StaffRole.telegram_id == telegram_id, col(StaffRole.organisation).is_not(None)
        )
    ).all()
    preferred = [row for row in rows if row.role == YOUTH_WORKER] or list(rows)
    return preferred[0].organisation if preferred else None


def create_referral(
    *,
    session: Session,
    owner_id: int,
    label: str = "",
    search_text: str | None = None,
    place: str | None = None,
    expires_at: datetime | None = None,
    max_uses: int | None = None,
) -> tuple[Referral, str]:
    """Make a link; returns it and its token (shown to the youth worker once, never stored)."""
    token = new_token()
    referral = Referral(
        owner_id=owner_id,
        token_hash=token_hash(token),
        label=label.strip()[:MAX_LABEL],
        search_text=(search_text or "").strip()[:MAX_SEARCH] or None,
        place=(place or "").strip()[:100] or None,
        expires_at=expires_at,
        max_uses=max_uses,
    )
    session.add(referral)
    session.flush()
    return referral, token


def _active(referral: Referral, now: datetime) -> bool:
    expired = referral.expires_at is not None and referral.expires_at <= now
    used_up = referral.max_uses is not None and referral.uses >= referral.max_uses
    return not expired and not used_up


def default_referral(
    *, session: Session, owner_id: int, now: datetime | None = None
) -> Referral | None:
    """The youth worker's current default link (no label, no search), if any."""
    now = now or utcnow()
    rows = session.exec(
        select(Referral)
        .where(
            Referral.owner_id == owner_id,
            Referral.label == "",
            col(Referral.search_text).is_(None),
            col(Referral.place).is_(None),
        )
        .order_by(col(Referral.id).desc())
    ).all()
    return next((row for row in rows if _active(row, now)), None)


def replace_default_referral(
    *, session: Session, owner_id: int, now: datetime | None = None
) -> tuple[Referral, str]:
    """Stop the old default link (posters with it stop counting) and make a new one."""
    now = now or utcnow()
    old = default_referral(session=session, owner_id=owner_id, now=now)
    if old is not None:
        old.expires_at = now
        session.add(old)
    return create_referral(session=session, owner_id=owner_id)


def close_referral(
    *, session: Session, owner_id: int, referral_id: int, now: datetime | None = None
) -> bool:
    """Stop one of this youth worker's links; False if it isn't theirs or already stopped."""
    now = now or utcnow()
    referral = session.get(Referral, referral_id)
    if referral is None or referral.owner_id != owner_id or not _active(referral, now):
        return False
    referral.expires_at = now
    session.add(referral)
    session.flush()
    return True


def referral_links(
    *, session: Session, owner_id: int, now: datetime | None = None
) -> list[ReferralLink]:
    """Every link this youth worker made, newest first, with counts of who came through it."""
    now = now or utcnow()
    referrals = session.exec(
        select(Referral).where(Referral.owner_id == owner_id).order_by(col(Referral.id).desc())
    ).all()
    joins: dict[int, list[int]] = {}
    if referrals:
        rows = session.exec(
            select(ReferralJoin).where(
                col(ReferralJoin.referral_id).in_([r.id for r in referrals])
            )
        ).all()
        for row in rows:
            joins.setdefault(row.referral_id, []).append(row.learner_id)
    links = []
    for referral in referrals:
        assert referral.id is not None
        links.append(
            ReferralLink(
                id=referral.id,
                label=referral.label,
                search_text=referral.search_text,
                place=referral.place,
                created_at=referral.created_at,
                expires_at=referral.expires_at,
                max_uses=referral.max_uses,
                uses=referral.uses,
                active=_active(referral, now),
                counts=funnel(session=session, learner_ids=joins.get(referral.id, [])),
            )
        )
    return links


def _find(session: Session, token: str) -> Referral | None:
    if not looks_like_token(token):
        return None
    return session.exec(select(Referral).where(Referral.token_hash == token_hash(token))).first()


def open_referral(
    *, session: Session, token: str, admin_ids: Iterable[int], now: datetime | None = None
) -> OpenedReferral:
    """Who a referral link is from, or why it no longer counts (nothing is recorded)."""
    now = now or utcnow()
    referral = _find(session, token)
    # A link stops working when its owner is no longer a youth worker.
    if referral is None or not has_role(
        session=session,
        telegram_id=referral.owner_id,
        admin_ids=admin_ids,
        allowed=(YOUTH_WORKER, ADMIN),
    ):
        return OpenedReferral(UNKNOWN)
    if referral.expires_at is not None and referral.expires_at <= now:
        return OpenedReferral(EXPIRED)
    if referral.max_uses is not None and referral.uses >= referral.max_uses:
        return OpenedReferral(USED_UP)
    assert referral.id is not None
    return OpenedReferral(
        OK,
        referral_id=referral.id,
        organisation=organisation_of(session=session, telegram_id=referral.owner_id),
        label=referral.label,
        search_text=referral.search_text,
        place=referral.place,
    )


def get_referral(*, session: Session, referral_id: int) -> Referral | None:
    """A referral link by id, or None."""
    return session.get(Referral, referral_id)


def joined_referral(*, session: Session, learner_id: int | None) -> bool:
    """Whether this learner already agreed to be counted against a link (one link each)."""
    return (
        learner_id is not None
        and session.exec(
            select(ReferralJoin.id).where(ReferralJoin.learner_id == learner_id)
        ).first()
        is not None
    )


def join_referral(
    *, session: Session, referral_id: int, learner: Learner, now: datetime | None = None
) -> str:
    """Count a learner who agreed against the link: joined, already (counted before), or why
    not (expired, used_up, unknown)."""
    now = now or utcnow()
    assert learner.id is not None
    existing = session.exec(
        select(ReferralJoin).where(ReferralJoin.learner_id == learner.id)
    ).first()
    if existing is not None:
        return ALREADY
    referral = session.get(Referral, referral_id)
    if referral is None:
        return UNKNOWN
    if referral.expires_at is not None and referral.expires_at <= now:
        return EXPIRED
    # Compare-and-set on the use count, so a capped link never goes over its cap.
    counted = session.execute(
        update(Referral)
        .where(
            col(Referral.id) == referral_id,
            or_(col(Referral.max_uses).is_(None), col(Referral.uses) < col(Referral.max_uses)),
        )
        .values(uses=col(Referral.uses) + 1)
    )
    if not counted.rowcount:  # type: ignore[attr-defined]
        return USED_UP
    session.add(ReferralJoin(referral_id=referral_id, learner_id=learner.id, joined_at=now))
    session.flush()
    return JOINED
