"""Staff roles: who may use which staff command. Admins come from settings; everyone else from
the `staffrole` table (granted by the CLI or a single-use staff invite).
"""

from collections.abc import Iterable

from sqlmodel import Session, col, delete, select

from catalogue.models import StaffRole

ADMIN = "admin"
MODERATOR = "moderator"
YOUTH_WORKER = "youth_worker"
PROVIDER = "provider"
ROLES = (ADMIN, MODERATOR, YOUTH_WORKER, PROVIDER)


def roles_of(*, session: Session, telegram_id: int, admin_ids: Iterable[int]) -> set[str]:
    """Every role this person holds (admins from settings hold every role)."""
    if telegram_id in set(admin_ids):
        return set(ROLES)
    rows = session.exec(select(StaffRole).where(StaffRole.telegram_id == telegram_id)).all()
    held = {row.role for row in rows}
    if ADMIN in held:
        return set(ROLES)
    return held


def has_role(
    *, session: Session, telegram_id: int, admin_ids: Iterable[int], allowed: Iterable[str]
) -> bool:
    """Whether this person holds any of the allowed roles."""
    return bool(
        roles_of(session=session, telegram_id=telegram_id, admin_ids=admin_ids) & set(allowed)
    )


def provider_ids_of(*, session: Session, telegram_id: int) -> list[int]:
    """The providers this person is a member of."""
    rows = session.exec(
        select(StaffRole).where(StaffRole.telegram_id == telegram_id, StaffRole.role == PROVIDER)
    ).all()
    return [row.provider_id for row in rows if row.provider_id is not None]


def grant_role(
    *,
    session: Session,
    telegram_id: int,
    role: str,
    provider_id: int | None = None,
    organisation: str | None = None,
) -> bool:
    """Grant a role (a youth worker's with their organisation); False if it was already held."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if role == PROVIDER and provider_id is None:
        raise ValueError("a provider role needs the provider it belongs to")
    existing = session.exec(
        select(StaffRole).where(
            StaffRole.telegram_id == telegram_id,
            StaffRole.role == role,
            StaffRole.provider_id == provider_id,
        )
    ).first()
    if existing:
        if organisation and existing.organisation != organisation:
            existing.organisation = organisation
            session.add(existing)
            session.flush()
        return False
    session.add(
        StaffRole(
            telegram_id=telegram_id, role=role, provider_id=provider_id, organisation=organisation
        )
    )
    session.flush()
    return True


def revoke_role(*, session: Session, telegram_id: int, role: str) -> int:
    """Remove a role (for every provider it was held for); returns how many were removed."""
    result = session.execute(
        delete(StaffRole).where(
            col(StaffRole.telegram_id) == telegram_id, col(StaffRole.role) == role
        )
    )
    session.flush()
    return int(result.rowcount)  # type: ignore[attr-defined]


def staff_members(*, session: Session) -> list[StaffRole]:
    """Everyone holding a staff role in the database (admins from settings are not here)."""
    return list(
        session.exec(select(StaffRole).order_by(col(StaffRole.telegram_id), col(StaffRole.role)))
    )
