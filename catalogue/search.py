"""The matching index kept in step with the database, which stays the source of truth.

Each instance holds its own in-memory index and rebuilds it when the catalogue version in the
database moves on (another instance, or the CLI, may have imported a file).
"""

import gc
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, select

from catalogue.catalogue_file import read_catalogue
from catalogue.db import connected, upgrade
from catalogue.importer import catalogue_version, to_local
from catalogue.interests import Taxonomy, default_taxonomy
from catalogue.matching import Listing, MatchIndex, Query, SearchResult, listing_from_row
from catalogue.models import Badge, Opportunity, Provider
from catalogue.places import Gazetteer, default_gazetteer

logger = logging.getLogger(__name__)

VERSION_CHECK_SECONDS = 2.0


def load_listings(engine: Engine, timezone: ZoneInfo) -> list[Listing]:
    """Every published opportunity, shaped for the matcher."""
    with Session(engine) as session:
        providers = {p.id: p.name for p in session.exec(select(Provider))}
        badges = {b.id: b for b in session.exec(select(Badge))}
        opportunities = session.exec(
            select(Opportunity).where(Opportunity.status == "published")
        ).all()
    listings = []
    for opportunity in opportunities:
        badge = badges[opportunity.badge_id]
        listings.append(
            Listing(
                id=opportunity.catalogue_id,
                title=opportunity.title,
                description=opportunity.description,
                provider=providers[opportunity.provider_id],
                tags=tuple(opportunity.tags),
                badge=badge.name,
                skills=tuple(badge.skills),
                lat=None if opportunity.online else opportunity.latitude,
                lon=None if opportunity.online else opportunity.longitude,
                starts_at=to_local(opportunity.starts_at, timezone),
                ends_at=to_local(opportunity.ends_at, timezone),
                min_age=opportunity.min_age,
                max_age=opportunity.max_age,
                cost=opportunity.cost,
                url=opportunity.url,
            )
        )
    return listings


class CatalogueSearch:
    """Answers searches from an index that follows the catalogue in the database."""

    def __init__(
        self,
        engine: Engine,
        *,
        timezone: ZoneInfo,
        taxonomy: Taxonomy | None = None,
        gazetteer: Gazetteer | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.timezone = timezone
        self.taxonomy = taxonomy or default_taxonomy()
        self.gazetteer = gazetteer or default_gazetteer()
        self._clock = clock
        self._lock = threading.Lock()
        self._index: MatchIndex | None = None
        self._version = -1
        self._checked_at = float("-inf")

    def index(self) -> MatchIndex:
        """The current index, rebuilt first if the catalogue changed since it was built."""
        now = self._clock()
        if self._index is not None and now - self._checked_at < VERSION_CHECK_SECONDS:
            return self._index
        with self._lock:
            version = catalogue_version(self.engine)
            self._checked_at = now
            if self._index is None or version != self._version:
                started = time.perf_counter()
                self._index = MatchIndex.build(
                    load_listings(self.engine, self.timezone), self.taxonomy
                )
                self._version = version
                # The index is long-lived: keep the collector from re-walking its objects (a
                # full pass over a 1M-item index stalls a search for ~0.2 s).
                gc.freeze()
                logger.info(
                    "Built the matching index of %d opportunities (catalogue v%d) in %.0f ms",
                    len(self._index),
                    version,
                    (time.perf_counter() - started) * 1000,
                )
            return self._index

    def refresh(self) -> None:
        """Check the catalogue version now rather than at the next interval."""
        self._checked_at = float("-inf")
        self.index()

    def search(self, query: Query) -> SearchResult:
        """Rank opportunities for a learner's words, place and age."""
        return self.index().search(query)


def listings_from_file(path: Path, gazetteer: Gazetteer) -> list[Listing]:
    """Listings straight from a catalogue file (rows that fail validation are left out)."""
    parsed = read_catalogue(path)
    for problem in parsed.problems:
        logger.warning("%s: %s", path, problem)

    def locate(text: str) -> tuple[float, float] | None:
        place = gazetteer.locate(text)
        return None if place is None else (place.lat, place.lon)

    return [listing_from_row(row, locate=locate) for row in parsed.rows]


def load_index(
    database_url: str, timezone: ZoneInfo, *, catalogue_file: Path | None, fallback: Path
) -> MatchIndex:
    """An index over a catalogue file if given, else the database (or `fallback` if it's empty)."""
    taxonomy = default_taxonomy()
    if catalogue_file is not None:
        return MatchIndex.build(listings_from_file(catalogue_file, default_gazetteer()), taxonomy)
    with connected(database_url) as engine:
        upgrade(engine)
        listings = load_listings(engine, timezone)
    if not listings:
        logger.warning("The catalogue in the database is empty: searching the demo catalogue")
        listings = listings_from_file(fallback, default_gazetteer())
    return MatchIndex.build(listings, taxonomy)


def result_json(result: SearchResult) -> list[dict[str, object]]:
    """Search results in the documented JSON shape other tools rely on."""
    return [
        {
            "id": match.listing.id,
            "title": match.listing.title,
            "score": round(match.score, 4),
            "distance_km": None if match.distance_km is None else round(match.distance_km, 2),
            "reasons": list(match.reasons),
            "provider": match.listing.provider,
            "online": match.listing.online,
            "url": match.listing.url,
        }
        for match in result.matches
    ]


def format_result(result: SearchResult) -> str:
    """Search results as readable lines for a terminal."""
    understood = ", ".join(hit.topic.name for hit in result.understood.topics) or "nothing"
    lines = [f"Understood: {understood}"]
    if not result.matches:
        lines.append("Nothing fits.")
        if result.alternatives:
            lines.append("Try: " + ", ".join(topic.name for topic in result.alternatives))
    for rank, match in enumerate(result.matches, start=1):
        if match.listing.online:
            where = "online"
        elif match.distance_km is None:
            where = "in person"
        else:
            where = f"{match.distance_km:.1f} km"
        lines.append(
            f"{rank:>2}. {match.listing.title} ({match.listing.id}) [{where}] {match.score:.3f}"
        )
        lines.append(f"    {' · '.join(match.reasons)}")
    return "\n".join(lines)
