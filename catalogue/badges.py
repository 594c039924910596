"""Claim codes, awards and revocation: how a badge gets into (and out of) a portfolio.

Codes are random (`secrets`), typed by young people (no 0/O, 1/I/L; case, spaces and dashes
don't matter) and stored only as SHA-256 hashes. Failed claims are kept for ten minutes so
nobody can guess codes: five misses and the next tries are refused. Revocation is kept in the
database (`Award.revoked_at`): learnbot has no public web server for a status list, so only
this deployment can report a revocation; `check_revocation` looks it up by credential id.
"""

import enum
import functools
import hashlib
import io
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import segno
from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from catalogue.credentials import (
    EXPIRED,
    REVOKED,
    UNVERIFIABLE,
    VERIFIED,
    Achievement,
    Issuer,
    Verification,
    build_credential,
    sign_credential,
)
from catalogue.models import Award, Badge, ClaimAttempt, ClaimCode, Learner, Opportunity, Provider
from catalogue.roles import ADMIN, provider_ids_of, roles_of

logger = logging.getLogger(__name__)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
CLAIM_PAYLOAD_PREFIX = "c-"
SINGLE = "single"
SESSION = "session"
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=10)
MAX_SINGLE_CODES = 200
MAX_SESSION_CAP = 1000
MAX_CODE_LIFETIME = timedelta(days=366)
_SEPARATORS = str.maketrans("", "", " -_.\t")


class BadgeError(Exception):
    """Base of the errors staff actions can meet (each gets its own kind answer)."""


class OpportunityNotFound(BadgeError):
    """No opportunity with that id or catalogue id."""


class AwardNotFound(BadgeError):
    """No learnbot-issued award with that id."""


class NotAllowed(BadgeError):
    """The opportunity or award belongs to a provider this person doesn't work for."""


class BadCodeRequest(BadgeError):
    """A code request with an impossible count, cap or expiry."""


# --- codes ------------------------------------------------------------------------------------


def new_code() -> str:
    """A fresh random code with at least two digits and two letters, so words aren't codes."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        digits = sum(char.isdigit() for char in code)
        if 2 <= digits <= CODE_LENGTH - 2:
            return code


def normalise_code(text: str) -> str | None:
    """The code in what someone typed (any case, spaces or dashes), or None if it can't be one."""
    if len(text) > 3 * CODE_LENGTH:
        return None
    code = text.translate(_SEPARATORS).upper()
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return None
    return code


def looks_like_code(text: str) -> bool:
    """Whether typed text is probably a claim code rather than a search (it has digits)."""
    code = normalise_code(text.strip())
    return code is not None and 2 <= sum(char.isdigit() for char in code) <= CODE_LENGTH - 2


def format_code(code: str) -> str:
    """A code as printed for people: two groups of five."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def hash_code(code: str) -> str:
    """What is stored instead of the code."""
    return hashlib.sha256(code.encode()).hexdigest()


def claim_payload(code: str) -> str:
    """The /start deep-link payload for a code (Telegram allows 64 of A-Za-z0-9_-)."""
    return f"{CLAIM_PAYLOAD_PREFIX}{code}"


def code_from_payload(payload: str) -> str | None:
    """The code in a /start payload, if the payload is a claim link."""
    if not payload.startswith(CLAIM_PAYLOAD_PREFIX):
        return None
    return normalise_code(payload.removeprefix(CLAIM_PAYLOAD_PREFIX))


def claim_link(bot_username: str, code: str) -> str:
    """The link (and QR code) that opens the bot and claims the badge."""
    return f"https://t.me/{bot_username}?start={claim_payload(code)}"


def qr_png(link: str) -> bytes:
    """A QR code of the link, as a PNG big enough to scan from a printed sheet or a screen."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


# --- who may do what --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffScope:
    """The providers a staff member acts for; None means every provider (an admin)."""

    provider_ids: frozenset[int] | None

    def allows(self, provider_id: int) -> bool:
        """Whether this person may act for the provider."""
        return self.provider_ids is None or provider_id in self.provider_ids


EVERYTHING = StaffScope(None)


def staff_scope(*, session: Session, telegram_id: int, admin_ids: frozenset[int]) -> StaffScope:
    """What a staff member may create codes for or revoke."""
    if ADMIN in roles_of(session=session, telegram_id=telegram_id, admin_ids=admin_ids):
        return EVERYTHING
    return StaffScope(frozenset(provider_ids_of(session=session, telegram_id=telegram_id)))


def find_opportunity(*, session: Session, reference: str) -> Opportunity | None:
    """An opportunity by database id or catalogue id (what providers know it by)."""
    reference = reference.strip()
    if reference.isdigit() and len(reference) <= 10:
        found = session.get(Opportunity, int(reference))
        if found is not None:
            return found
    return session.exec(select(Opportunity).where(Opportunity.catalogue_id == reference)).first()


def opportunities_in_scope(
    *, session: Session, scope: StaffScope, limit: int = 15
) -> list[Opportunity]:
    """Published opportunities a provider member can make codes for (admins: none listed)."""
    if scope.provider_ids is None:
        return []
    return list(
        session.exec(
            select(Opportunity)
            .where(
                col(Opportunity.provider_id).in_(scope.provider_ids),
                Opportunity.status == "published",
            )
            .order_by(col(Opportunity.catalogue_id))
            .limit(limit)
        )
    )


@dataclass(frozen=True, slots=True)
class NewCode:
    """A code as created: shown once (only its hash is kept)."""

    code: str
    claim_code_id: int
    kind: str
    expires_at: datetime | None
    max_uses: int


def create_claim_codes(
    *,
    session: Session,
    opportunity: Opportunity,
    scope: StaffScope,
    created_by: int,
    kind: str,
    now: datetime,
    count: int = 1,
    expires_at: datetime | None = None,
    max_uses: int | None = None,
) -> list[NewCode]:
    """Single-use codes (`count` of them) or one session code with an expiry and a cap.

    Raises:
        NotAllowed: the opportunity belongs to a provider outside `scope`.
        BadCodeRequest: the count, cap or expiry is impossible.
    """
    assert opportunity.id is not None
    if not scope.allows(opportunity.provider_id):
        raise NotAllowed("not your provider's opportunity")
    if expires_at is not None and not now < expires_at <= now + MAX_CODE_LIFETIME:
        raise BadCodeRequest("the expiry must be in the future and within a year")
    if kind == SINGLE:
        if not 1 <= count <= MAX_SINGLE_CODES:
            raise BadCodeRequest(f"make between 1 and {MAX_SINGLE_CODES} single-use codes")
        uses = 1
    elif kind == SESSION:
        if expires_at is None:
            raise BadCodeRequest("a session code needs an expiry")
        if max_uses is None or not 1 <= max_uses <= MAX_SESSION_CAP:
            raise BadCodeRequest(f"a session code needs a cap from 1 to {MAX_SESSION_CAP}")
        count, uses = 1, max_uses
    else:
        raise BadCodeRequest(f"unknown kind of code {kind!r}")
    made = []
    for _ in range(count):
        code = new_code()
        row = ClaimCode(
            opportunity_id=opportunity.id,
            code_hash=hash_code(code),
            kind=kind,
            max_uses=uses,
            expires_at=expires_at,
            created_by=created_by,
            created_at=now,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        made.append(NewCode(code, row.id, kind, expires_at, uses))
    logger.info("Created %d %s claim code(s) for opportunity %s", count, kind, opportunity.id)
    return made


# --- claiming ---------------------------------------------------------------------------------


class ClaimOutcome(enum.StrEnum):
    """How a claim ended; each gets its own answer."""

    AWARDED = "awarded"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    ALREADY_EARNED = "already_earned"
    TOO_MANY_TRIES = "too_many_tries"


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim's outcome and what the answer needs to say."""

    outcome: ClaimOutcome
    badge: str = ""
    provider: str = ""
    skills: tuple[str, ...] = ()
    award_id: int | None = None
    when: datetime | None = None  # when it was earned, or when the code expired


def recent_failures(*, session: Session, telegram_id: int, now: datetime) -> int:
    """Failed claims by this person in the last ten minutes."""
    return int(
        session.exec(
            select(func.count())
            .select_from(ClaimAttempt)
            .where(
                ClaimAttempt.telegram_id == telegram_id,
                col(ClaimAttempt.at) > now - FAILURE_WINDOW,
            )
        ).one()
    )


def _fail(session: Session, telegram_id: int, now: datetime) -> ClaimResult:
    # Old attempts are forgotten as new ones come in: nothing is kept longer than needed.
    session.execute(delete(ClaimAttempt).where(col(ClaimAttempt.at) <= now - FAILURE_WINDOW))
    session.add(ClaimAttempt(telegram_id=telegram_id, at=now))
    session.flush()
    return ClaimResult(ClaimOutcome.UNKNOWN)


def earned_award(*, session: Session, learner: Learner, badge_id: int) -> Award | None:
    """The learner's award of this badge, if they have it."""
    return session.exec(
        select(Award).where(Award.learner_id == learner.id, Award.badge_id == badge_id)
    ).first()


def claim_badge(
    *, session: Session, learner: Learner, code_text: str, issuer: Issuer, now: datetime
) -> ClaimResult:
    """Award the badge a code is for, signing its credential, or say why not."""
    if recent_failures(session=session, telegram_id=learner.telegram_id, now=now) >= MAX_FAILURES:
        return ClaimResult(ClaimOutcome.TOO_MANY_TRIES)
    code = normalise_code(code_text)
    claim = (
        session.exec(select(ClaimCode).where(ClaimCode.code_hash == hash_code(code))).first()
        if code
        else None
    )
    if claim is None:
        return _fail(session, learner.telegram_id, now)
    opportunity = session.get(Opportunity, claim.opportunity_id)
    assert opportunity is not None
    assert claim.id is not None
    badge = session.get(Badge, opportunity.badge_id)
    provider = session.get(Provider, opportunity.provider_id)
    assert badge is not None
    assert badge.id is not None
    assert provider is not None
    done = functools.partial(
        ClaimResult, badge=badge.name, provider=provider.name, skills=tuple(badge.skills)
    )
    earned = earned_award(session=session, learner=learner, badge_id=badge.id)
    if earned is not None:
        return done(ClaimOutcome.ALREADY_EARNED, award_id=earned.id, when=earned.awarded_at)
    if claim.expires_at is not None and claim.expires_at <= now:
        return done(ClaimOutcome.EXPIRED, when=claim.expires_at)
    credential = sign_credential(
        build_credential(
            issuer=issuer,
            achievement=Achievement(
                badge_id=badge.id,
                name=badge.name,
                description=badge.description,
                criteria=badge.criteria,
                skills=tuple(badge.skills),
                provider_id=provider.id or 0,
                provider=provider.name,
            ),
            learner_telegram_id=learner.telegram_id,
            issued_at=now,
        ),
        issuer.key,
        created=now,
    )
    try:
        with session.begin_nested():
            # One statement checks and takes a use, so two people can't both take the last.
            taken = session.execute(
                update(ClaimCode)
                .where(
                    col(ClaimCode.id) == claim.id, col(ClaimCode.uses) < col(ClaimCode.max_uses)
                )
                .values(uses=col(ClaimCode.uses) + 1)
            )
            if not taken.rowcount:  # type: ignore[attr-defined]
                return done(ClaimOutcome.USED_UP)
            award = Award(
                learner_id=learner.id or 0,
                badge_id=badge.id,
                opportunity_id=opportunity.id,
                claim_code_id=claim.id,
                source="learnbot",
                name=badge.name,
                issuer=provider.name,
                skills=list(badge.skills),
                credential=credential,
                verification=VERIFIED,
                awarded_at=now,
            )
            session.add(award)
            session.flush()
    except IntegrityError:  # the same learner claimed twice at once: the other one won
        earned = earned_award(session=session, learner=learner, badge_id=badge.id)
        return done(
            ClaimOutcome.ALREADY_EARNED,
            award_id=earned.id if earned else None,
            when=earned.awarded_at if earned else None,
        )
    logger.info("Awarded badge %s through claim code %s", badge.id, claim.id)
    return done(ClaimOutcome.AWARDED, award_id=award.id, when=now)


# --- revocation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AwardLine:
    """An award as staff see it: no learner identity, only what and when."""

    award_id: int
    badge: str
    awarded_at: datetime
    code_kind: str | None
    revoked_at: datetime | None


def recent_awards(*, session: Session, scope: StaffScope, limit: int = 10) -> list[AwardLine]:
    """The latest learnbot awards of badges this person's providers give."""
    statement = (
        select(Award, Badge, ClaimCode)
        .join(Badge, col(Badge.id) == col(Award.badge_id))
        .join(ClaimCode, col(ClaimCode.id) == col(Award.claim_code_id), isouter=True)
        .where(Award.source == "learnbot")
        .order_by(col(Award.awarded_at).desc(), col(Award.id).desc())
        .limit(limit)
    )
    if scope.provider_ids is not None:
        statement = statement.where(col(Badge.provider_id).in_(scope.provider_ids))
    return [
        AwardLine(
            award.id or 0,
            badge.name,
            award.awarded_at,
            code.kind if code else None,
            award.revoked_at,
        )
        for award, badge, code in session.exec(statement)
    ]


def revoke_award(
    *, session: Session, award_id: int, reason: str, scope: StaffScope, now: datetime
) -> tuple[Award, bool]:
    """Revoke an award with a reason; returns it and False if it was already revoked.

    Raises:
        AwardNotFound: no learnbot-issued award has that id.
        NotAllowed: the badge belongs to a provider outside `scope`.
    """
    award = session.get(Award, award_id)
    if award is None or award.source != "learnbot" or award.badge_id is None:
        raise AwardNotFound(str(award_id))
    badge = session.get(Badge, award.badge_id)
    assert badge is not None
    if not scope.allows(badge.provider_id):
        raise NotAllowed("not your provider's badge")
    if award.revoked_at is not None:
        return award, False
    award.revoked_at = now
    award.revoked_reason = " ".join(reason.split())[:300]
    award.verification = REVOKED
    session.add(award)
    session.flush()
    logger.info("Revoked award %s", award.id)
    return award, True


def award_for_credential(*, session: Session, credential_id: str) -> Award | None:
    """The learnbot award whose credential has this id, if this database holds it."""
    return session.exec(
        select(Award).where(
            Award.source == "learnbot",
            col(Award.credential)["id"].as_string() == credential_id,
        )
    ).first()


def check_revocation(verification: Verification, *, session: Session) -> Verification:
    """Add what this deployment's records say about revocation to a check's result."""
    if not verification.issued_here or verification.credential_id is None:
        return verification
    award = award_for_credential(session=session, credential_id=verification.credential_id)
    if award is None:
        return verification.not_revoked(
            "not revoked as far as this learnbot knows (no record: the learner may have "
            "deleted their data)"
        )
    if award.revoked_at is not None:
        return verification.revoked(award.revoked_reason or "no reason given", award.revoked_at)
    return verification.not_revoked(
        f"not revoked (checked in this learnbot's database: award {award.id})"
    )


# --- badges from elsewhere --------------------------------------------------------------------


class KeepOutcome(enum.StrEnum):
    """What happened to a badge file a learner sent."""

    KEPT = "kept"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


def keep_external_badge(
    *,
    session: Session,
    learner: Learner,
    verification: Verification,
    credential: dict[str, Any],
    now: datetime,
) -> KeepOutcome:
    """Keep a badge earned elsewhere with what checking it found; refuse broken or revoked ones."""
    if verification.status not in (VERIFIED, EXPIRED, UNVERIFIABLE) or not verification.name:
        return KeepOutcome.REFUSED
    owned = session.exec(select(Award).where(Award.learner_id == learner.id)).all()
    for award in owned:
        same_id = (
            verification.credential_id is not None
            and award.credential.get("id") == verification.credential_id
        )
        if same_id or award.credential == credential:
            return KeepOutcome.DUPLICATE
    session.add(
        Award(
            learner_id=learner.id or 0,
            source="external",
            name=verification.name[:200],
            issuer=verification.from_name[:200],
            skills=list(verification.skills),
            credential=credential,
            verification=verification.status,
            awarded_at=verification.valid_from or now,
        )
    )
    session.flush()
    return KeepOutcome.KEPT


def export_awards(*, session: Session, learner: Learner) -> list[dict[str, Any]]:
    """Every award of a learner for /mydata: the credential and what checking it found."""
    awards = session.exec(
        select(Award).where(Award.learner_id == learner.id).order_by(col(Award.awarded_at))
    ).all()
    return [
        {
            "name": award.name,
            "issuer": award.issuer,
            "skills": list(award.skills),
            "source": award.source,
            "verification": award.verification,
            "awarded_at": award.awarded_at.isoformat(),
            "revoked_at": award.revoked_at.isoformat() if award.revoked_at else None,
            "revoked_reason": award.revoked_reason,
            "credential": award.credential,
        }
        for award in awards
    ]


def export_claim_attempts(*, session: Session, telegram_id: int) -> list[str]:
    """When this person's recent failed claims happened (kept ten minutes, against guessing)."""
    rows = session.exec(
        select(ClaimAttempt)
        .where(ClaimAttempt.telegram_id == telegram_id)
        .order_by(col(ClaimAttempt.at))
    ).all()
    return [row.at.isoformat() for row in rows]


def erase_claim_attempts(*, session: Session, telegram_id: int) -> int:
    """Forget this person's failed claims (part of /delete)."""
    result = session.execute(
        delete(ClaimAttempt).where(col(ClaimAttempt.telegram_id) == telegram_id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
