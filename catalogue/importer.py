"""Catalogue files into the database and back: validated, geocoded, idempotent.

Importing the same file twice changes nothing; a row whose `id` is already known updates that
opportunity. Every import bumps the catalogue version so each instance re-indexes.
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Table, bindparam
from sqlmodel import Session, col, select

from catalogue.catalogue_file import CatalogueRow, Problem
from catalogue.models import Badge, CatalogueState, Opportunity, Provider, utcnow

logger = logging.getLogger(__name__)

Locate = Callable[[str], tuple[float, float] | None]
OPPORTUNITIES: Table = Opportunity.__table__  # type: ignore[attr-defined]
BATCH_SIZE = 2000


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the provider or admin who ran it."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    geocoded: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Rows written, new or changed."""
        return self.created + self.updated


def to_utc(moment: datetime | None, timezone: ZoneInfo) -> datetime | None:
    """A UK wall-clock time from a catalogue file as an aware UTC time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone)
    return moment.astimezone(UTC)


def to_local(moment: datetime | None, timezone: ZoneInfo) -> datetime | None:
    """A stored time as naive wall-clock time in `timezone`."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(timezone).replace(tzinfo=None)


def geocode_rows(
    rows: Sequence[CatalogueRow], locate: Locate
) -> tuple[list[CatalogueRow], list[Problem], int]:
    """Fill in coordinates from the location text where a row has none."""
    placed: list[CatalogueRow] = []
    problems: list[Problem] = []
    geocoded = 0
    places: dict[str, tuple[float, float] | None] = {}  # big files repeat the same towns
    for number, row in enumerate(rows):
        if row.online or row.latitude is not None:
            placed.append(row)
            continue
        if row.location not in places:
            places[row.location] = locate(row.location)
        point = places[row.location]
        if point is None:
            problems.append(
                Problem(
                    number + 2,
                    "location",
                    f"could not find {row.location!r}: give a UK town, a postcode, or "
                    "latitude and longitude",
                )
            )
            continue
        geocoded += 1
        placed.append(_with_point(row, point))
    return placed, problems, geocoded


def _with_point(row: CatalogueRow, point: tuple[float, float]) -> CatalogueRow:
    values = {name: getattr(row, name) for name in row.__slots__}
    values["latitude"], values["longitude"] = point
    return CatalogueRow(**values)


class _Cache:
    """Providers and badges by name, so a 100k-row import does not query per row."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.providers = {p.name: p for p in session.exec(select(Provider)).all()}
        self.badges = {(b.provider_id, b.name): b for b in session.exec(select(Badge)).all()}

    def provider(self, name: str) -> Provider:
        provider = self.providers.get(name)
        if provider is None:
            provider = Provider(name=name)
            self.session.add(provider)
            self.session.flush()
            self.providers[name] = provider
        return provider

    def badge(self, provider: Provider, row: CatalogueRow) -> Badge:
        assert provider.id is not None
        key = (provider.id, row.badge)
        badge = self.badges.get(key)
        if badge is None:
            badge = Badge(
                provider_id=provider.id,
                name=row.badge,
                description=f"Awarded by {provider.name} for taking part in {row.title}.",
                criteria=f"Take part in {row.title} and complete it.",
                skills=list(row.skills),
            )
            self.session.add(badge)
            self.session.flush()
            self.badges[key] = badge
        elif not badge.skills and row.skills:
            badge.skills = list(row.skills)
        return badge


def _fields(
    row: CatalogueRow, provider: Provider, badge: Badge, timezone: ZoneInfo
) -> dict[str, object]:
    return {
        "provider_id": provider.id,
        "badge_id": badge.id,
        "title": row.title,
        "description": row.description,
        "tags": list(row.tags),
        "location": row.location,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "starts_at": to_utc(row.starts_at, timezone),
        "ends_at": to_utc(row.ends_at, timezone),
        "min_age": row.min_age,
        "max_age": row.max_age,
        "cost": row.cost,
        "url": row.url,
    }


def import_rows(
    *,
    session: Session,
    rows: Iterable[CatalogueRow],
    timezone: ZoneInfo,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create or update one opportunity per row (matched by catalogue id), in bulk."""
    report = ImportReport()
    cache = _Cache(session)
    rows = list(rows)
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        existing = {
            opportunity.catalogue_id: opportunity
            for opportunity in session.exec(
                select(Opportunity).where(col(Opportunity.catalogue_id).in_([r.id for r in batch]))
            )
        }
        inserts: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        for row in batch:
            provider = cache.provider(row.provider)
            values = _fields(row, provider, cache.badge(provider, row), timezone)
            opportunity = existing.get(row.id)
            if opportunity is None:
                inserts.append({"catalogue_id": row.id, "status": "published", **values})
            elif opportunity.status != "published" or any(
                getattr(opportunity, key) != value for key, value in values.items()
            ):
                updates.append({"id": opportunity.id, "status": "published", **values})
            else:
                report.unchanged += 1
        now = utcnow()
        # Core statements, one executemany each: the ORM's bulk path splits batches by which
        # values are NULL and is several times slower here.
        if inserts:
            session.execute(OPPORTUNITIES.insert(), [{**v, "updated_at": now} for v in inserts])
        if updates:
            session.execute(
                OPPORTUNITIES.update().where(OPPORTUNITIES.c.id == bindparam("row_id")),
                [{**v, "row_id": v.pop("id"), "updated_at": now} for v in updates],
            )
        report.created += len(inserts)
        report.updated += len(updates)
        if progress:
            progress(len(batch))
    session.flush()
    if report.imported:
        bump_catalogue_version(session=session)
    return report


def bump_catalogue_version(*, session: Session) -> int:
    """Record that the catalogue changed, so every instance rebuilds its index."""
    state = session.get(CatalogueState, 1)
    if state is None:
        state = CatalogueState(id=1, version=0)
        session.add(state)
    state.version += 1
    state.changed_at = utcnow()
    session.flush()
    return state.version


def catalogue_version(engine: Engine) -> int:
    """The current catalogue version (0 for an empty catalogue)."""
    with Session(engine) as session:
        state = session.get(CatalogueState, 1)
        return state.version if state else 0


def export_rows(*, session: Session, timezone: ZoneInfo) -> list[CatalogueRow]:
    """Every published opportunity as catalogue rows, ready to write to a file."""
    providers = {p.id: p.name for p in session.exec(select(Provider))}
    badges = {b.id: b for b in session.exec(select(Badge))}
    rows = []
    statement = select(Opportunity).where(Opportunity.status == "published")
    for opportunity in session.exec(statement.order_by(col(Opportunity.catalogue_id))):
        badge = badges[opportunity.badge_id]
        rows.append(
            CatalogueRow(
                id=opportunity.catalogue_id,
                title=opportunity.title,
                description=opportunity.description,
                provider=providers[opportunity.provider_id],
                tags=tuple(opportunity.tags),
                badge=badge.name,
                skills=tuple(badge.skills),
                location=opportunity.location,
                latitude=opportunity.latitude,
                longitude=opportunity.longitude,
                starts_at=to_local(opportunity.starts_at, timezone),
                ends_at=to_local(opportunity.ends_at, timezone),
                min_age=opportunity.min_age,
                max_age=opportunity.max_age,
                cost=opportunity.cost,
                url=opportunity.url,
            )
        )
    return rows
