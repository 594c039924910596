"""Single-use staff invite links: an admin makes one for a moderator, a youth worker or a
provider's member; the first person to open it (and say it's them) gets the role.

Only a hash of the token is kept. A link expires after a week and works once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from catalogue.learners import get_learner
from catalogue.models import Provider, StaffInvite, utcnow
from catalogue.roles import MODERATOR, PROVIDER, ROLES, YOUTH_WORKER, grant_role
from catalogue.tokens import looks_like_token, new_token, token_hash

INVITE_TTL = timedelta(days=7)
INVITABLE = (MODERATOR, YOUTH_WORKER, PROVIDER)

VALID = "valid"
UNKNOWN = "unknown"
USED = "used"
EXPIRED = "expired"
LEARNER = "learner"
GRANTED = "granted"


@dataclass(frozen=True, slots=True)
class InviteCheck:
    """What a staff invite link would grant, or why it can't."""

    status: str  # valid, unknown, used, expired, learner (the person uses the bot as a learner)
    role: str | None = None
    provider: str | None = None
    organisation: str | None = None


def create_staff_invite(
    *,
    session: Session,
    role: str,
    created_by: int,
    provider_id: int | None = None,
    organisation: str | None = None,
    now: datetime | None = None,
) -> str:
    """Make a single-use invite for a role; returns the token (shown once, never stored)."""
    if role not in INVITABLE:
        raise ValueError(f"can't invite to {role!r}; expected one of {', '.join(INVITABLE)}")
    if role == PROVIDER and provider_id is None:
        raise ValueError("a provider invite needs the provider it belongs to")
    token = new_token()
    session.add(
        StaffInvite(
            token_hash=token_hash(token),
            role=role,
            provider_id=provider_id if role == PROVIDER else None,
            organisation=organisation,
            expires_at=(now or utcnow()) + INVITE_TTL,
            created_by=created_by,
        )
    )
    session.flush()
    return token


def _find(session: Session, token: str) -> StaffInvite | None:
    if not looks_like_token(token):
        return None
    return session.exec(
        select(StaffInvite).where(StaffInvite.token_hash == token_hash(token))
    ).first()


def check_staff_invite(
    *, session: Session, token: str, telegram_id: int, now: datetime | None = None
) -> InviteCheck:
    """What opening this invite would do, without using it up."""
    invite = _find(session, token)
    if invite is None or invite.role not in ROLES:
        return InviteCheck(UNKNOWN)
    provider = session.get(Provider, invite.provider_id) if invite.provider_id else None
    details = {
        "role": invite.role,
        "provider": provider.name if provider else None,
        "organisation": invite.organisation,
    }
    if invite.used_at is not None:
        return InviteCheck(USED, **details)
    if invite.expires_at <= (now or utcnow()):
        return InviteCheck(EXPIRED, **details)
    if get_learner(session=session, telegram_id=telegram_id) is not None:
        return InviteCheck(LEARNER, **details)
    return InviteCheck(VALID, **details)


def redeem_staff_invite(
    *, session: Session, token: str, telegram_id: int, now: datetime | None = None
) -> InviteCheck:
    """Use the invite: grant its role to this person, once (a second tap finds it used)."""
    now = now or utcnow()
    check = check_staff_invite(session=session, token=token, telegram_id=telegram_id, now=now)
    if check.status != VALID:
        return check
    invite = _find(session, token)
    assert invite is not None
    assert invite.id is not None
    # Compare-and-set, so two people opening the link at once can't both get the role.
    claimed = session.execute(
        update(StaffInvite)
        .where(col(StaffInvite.id) == invite.id, col(StaffInvite.used_at).is_(None))
        .values(used_at=now)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return InviteCheck(USED, check.role, check.provider, check.organisation)
    grant_role(
        session=session,
        telegram_id=telegram_id,
        role=invite.role,
        provider_id=invite.provider_id,
        organisation=invite.organisation,
    )
    return InviteCheck(GRANTED, check.role, check.provider, check.organisation)
