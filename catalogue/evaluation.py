"""Scoring the matcher against graded judgments, so ranking changes are measured, not guessed.

The queries file has `id,text,place,age,relevant,notes`, where `relevant` lists graded
judgments best first (`bn-001:2 ol-003:1`) and is empty when nothing should be returned.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from catalogue.interests import Taxonomy, default_taxonomy
from catalogue.matching import Listing, MatchIndex, Query, distance_km, listing_from_row, uk_now

CUTOFF = 10  # nDCG@10 and recall@10: one Telegram message of results
RADIUS_KM = 30.0  # in-person items further than this from the place are errors

LocatePlace = Callable[[str], tuple[float, float] | None]


@dataclass(frozen=True, slots=True)
class EvalQuery:
    """One judged query: what a learner typed, where, their age, and the graded answers."""

    id: str
    text: str
    place: str
    age: int | None
    relevant: tuple[tuple[str, int], ...]
    notes: str = ""

    @property
    def grades(self) -> dict[str, int]:
        """Grade per relevant listing id."""
        return dict(self.relevant)


@dataclass(frozen=True, slots=True)
class QueryOutcome:
    """How one query did."""

    query: EvalQuery
    returned: tuple[str, ...]
    ndcg: float | None  # None for a no-match query (nothing is relevant)
    grade2_found: int
    grade2_total: int
    errors: tuple[str, ...]  # "bn-006 finished", "bn-004 age", "mc-005 64 km"
    place_found: bool

    @property
    def needs_attention(self) -> bool:
        """Below perfect on any measure, so worth a look."""
        return (
            bool(self.errors)
            or not self.place_found
            or (self.ndcg is not None and self.ndcg < 0.999)
            or self.grade2_found < self.grade2_total
            or (self.ndcg is None and bool(self.returned))
        )


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Figures over all queries plus the per-query outcomes."""

    outcomes: tuple[QueryOutcome, ...]
    ndcg_at_10: float
    recall_at_10: float
    finished_errors: int
    age_errors: int
    distance_errors: int
    no_match_queries: int
    no_match_answered: int
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Hard-rule violations in the top 10, counted per item."""
        return self.finished_errors + self.age_errors + self.distance_errors

    def format(self) -> str:
        """A readable summary and a table of the queries that need attention."""
        judged = len(self.outcomes) - self.no_match_queries
        found = sum(o.grade2_found for o in self.outcomes)
        total = sum(o.grade2_total for o in self.outcomes)
        lines = [
            f"Matching eval: {len(self.outcomes)} queries "
            f"({judged} with relevant items, {self.no_match_queries} no-match)",
            f"  nDCG@{CUTOFF}     {self.ndcg_at_10:.3f}",
            f"  recall@{CUTOFF}   {self.recall_at_10:.3f}  (grade-2 items in the top {CUTOFF}: "
            f"{found}/{total})",
            f"  errors      {self.errors}  (finished {self.finished_errors}, age-excluded "
            f"{self.age_errors}, in person beyond {RADIUS_KM:g} km {self.distance_errors})",
            f"  no-match    {self.no_match_answered} of {self.no_match_queries} answered",
        ]
        lines += [f"  note: {note}" for note in self.notes]
        attention = [o for o in self.outcomes if o.needs_attention]
        if not attention:
            lines.append("All queries perfect.")
            return "\n".join(lines)
        lines += ["", "Queries needing attention:"]
        header = f"{'id':<6} {'nDCG':>5} {'g2':>5}  {'query':<34} {'got (top 5)':<38} expected"
        lines += [header, "-" * len(header)]
        for outcome in attention:
            query = outcome.query
            ndcg = "-" if outcome.ndcg is None else f"{outcome.ndcg:.2f}"
            g2 = f"{outcome.grade2_found}/{outcome.grade2_total}"
            asked = f"{query.text} @{query.place or '-'}" + (f" {query.age}" if query.age else "")
            got = " ".join(outcome.returned[:5]) or "(nothing)"
            expected = " ".join(f"{i}:{g}" for i, g in query.relevant) or "(nothing)"
            lines.append(f"{query.id:<6} {ndcg:>5} {g2:>5}  {asked[:34]:<34} {got:<38} {expected}")
            for error in outcome.errors:
                lines.append(f"{'':<20}error: {error}")
            if not outcome.place_found:
                lines.append(f"{'':<20}place not found: {query.place!r}")
        return "\n".join(lines)


def read_queries(path: Path) -> list[EvalQuery]:
    """Read a judged queries CSV (`id,text,place,age,relevant,notes`)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    queries = []
    for row in rows:
        relevant = []
        for item in (row.get("relevant") or "").split():
            listing_id, _, grade = item.rpartition(":")
            relevant.append((listing_id, int(grade)))
        age = (row.get("age") or "").strip()
        queries.append(
            EvalQuery(
                id=row["id"].strip(),
                text=row.get("text") or "",
                place=(row.get("place") or "").strip(),
                age=int(age) if age else None,
                relevant=tuple(relevant),
                notes=row.get("notes") or "",
            )
        )
    return queries


def dcg(gains: Iterable[int]) -> float:
    """Discounted cumulative gain with the standard log2 discount."""
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def _violations(
    listing: Listing, query: EvalQuery, point: tuple[float, float] | None, now: datetime
) -> list[tuple[str, str]]:
    found = []
    if listing.ends_at is not None and listing.ends_at < now:
        found.append(("finished", f"{listing.id} finished {listing.ends_at:%Y-%m-%d}"))
    if query.age is not None and (
        (listing.min_age is not None and query.age < listing.min_age)
        or (listing.max_age is not None and query.age > listing.max_age)
    ):
        found.append(("age", f"{listing.id} is for ages {listing.min_age}-{listing.max_age}"))
    if point is not None and not listing.online:
        assert listing.lat is not None
        assert listing.lon is not None
        km = distance_km(point[0], point[1], listing.lat, listing.lon)
        if km > RADIUS_KM:
            found.append(("distance", f"{listing.id} is {km:.0f} km away"))
    return found


def evaluate_matching(
    index: MatchIndex | Iterable[Listing],
    queries: list[EvalQuery],
    *,
    locate: LocatePlace,
    now: datetime,
    taxonomy: Taxonomy | None = None,
    notes: tuple[str, ...] = (),
) -> EvalReport:
    """Run every query through the matcher and score the top 10 against the judgments."""
    if not isinstance(index, MatchIndex):
        index = MatchIndex.build(index, taxonomy or default_taxonomy())
    outcomes = []
    counts = {"finished": 0, "age": 0, "distance": 0}
    for query in queries:
        point = locate(query.place) if query.place else None
        result = index.search(
            Query(
                text=query.text,
                lat=None if point is None else point[0],
                lon=None if point is None else point[1],
                radius_km=RADIUS_KM,
                age=query.age,
                now=now,
                limit=CUTOFF,
            )
        )
        top = [match.listing for match in result.matches[:CUTOFF]]
        grades = query.grades
        errors = []
        for listing in top:
            for kind, message in _violations(listing, query, point, now):
                counts[kind] += 1
                errors.append(message)
        ideal = dcg(sorted(grades.values(), reverse=True)[:CUTOFF])
        ndcg = dcg(grades.get(item.id, 0) for item in top) / ideal if ideal else None
        grade2 = {i for i, g in grades.items() if g >= 2}
        outcomes.append(
            QueryOutcome(
                query=query,
                returned=tuple(item.id for item in top),
                ndcg=ndcg,
                grade2_found=len(grade2 & {item.id for item in top}),
                grade2_total=len(grade2),
                errors=tuple(errors),
                place_found=point is not None or not query.place,
            )
        )
    scored = [o.ndcg for o in outcomes if o.ndcg is not None]
    grade2_total = sum(o.grade2_total for o in outcomes)
    no_match = [o for o in outcomes if o.ndcg is None]
    return EvalReport(
        outcomes=tuple(outcomes),
        ndcg_at_10=sum(scored) / len(scored) if scored else 0.0,
        recall_at_10=(
            sum(o.grade2_found for o in outcomes) / grade2_total if grade2_total else 1.0
        ),
        finished_errors=counts["finished"],
        age_errors=counts["age"],
        distance_errors=counts["distance"],
        no_match_queries=len(no_match),
        no_match_answered=sum(1 for o in no_match if o.returned),
        notes=notes,
    )


def run_matching_eval(
    catalogue_path: Path, queries_path: Path, *, now: datetime | None = None
) -> EvalReport:
    """`learnbot eval matching`: geocode the catalogue, run the queries, score them."""
    from catalogue.catalogue_file import read_catalogue
    from catalogue.places import default_gazetteer

    gazetteer = default_gazetteer()

    def locate_row(text: str) -> tuple[float, float] | None:
        place = gazetteer.locate(text)
        return None if place is None else (place.lat, place.lon)

    def locate_query(text: str) -> tuple[float, float] | None:
        found = gazetteer.lookup(text)
        place = found.place or (found.candidates[0] if found.candidates else None)
        return None if place is None else (place.lat, place.lon)

    parsed = read_catalogue(catalogue_path)
    notes = [str(problem) for problem in parsed.problems]
    listings = []
    for row in parsed.rows:
        try:
            listings.append(listing_from_row(row, locate=locate_row))
        except ValueError as error:
            notes.append(f"skipped {error}")
    return evaluate_matching(
        listings,
        read_queries(queries_path),
        locate=locate_query,
        now=now or uk_now(),
        notes=tuple(notes),
    )
