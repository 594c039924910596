"""Ranking opportunities for a learner's words, place and age.

The index maps each topic to the opportunities tagged with it (sorted numpy arrays of
positions), with opportunities ordered by a coarse geo cell so one search reads only the cells
near the learner plus the online cell. Hard rules (finished, age, radius) are checked exactly on
those candidates only; the catalogue is never scanned, which keeps a search around a
millisecond at 100k items (design/matching.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from catalogue.catalogue_file import CatalogueRow
from catalogue.interests import Taxonomy, Topic, TopicHit, Understanding, normalise

UK_TIME = ZoneInfo("Europe/London")
EARTH_RADIUS_KM = 6371.0088

# Within this distance an in-person match counts as "near" (grade 2 in the eval); between it
# and the radius it ranks with online matches.
NEAR_KM = 15.0
# Geo cells of about 25 km: a 30 km radius touches 3-4 rows of cells.
CELL_LAT_DEG = 0.225
CELL_LON_DEG = 0.36
_CELL_ROW = 4096
ONLINE_CELL = 0

# How a listing's topic relates to what the learner asked for.
EXACT = 1.0
NARROWER = 0.95  # asked for "animals", listing is about horses
RELATED = 0.6  # asked for hacking, listing is about coding: a fair answer on its own
BROADER = 0.4  # asked for five-a-side, listing is just "sport": only an extra
# Where the listing says so: its tags, its title or badge, or only its description.
_TEXT, _TITLE, _TAG = 0, 1, 2
_STRENGTH = np.array([0.35, 0.9, 1.0])
# A listing "fits" (so the answer is not "nothing fits") when it is at least a related topic
# named in its tags, title or badge. Broader topics and description mentions only add extras.
FIT_KIND = RELATED * 0.9
FIT_STRENGTH = _TITLE

# Location factor (multiplies topic relevance). With a place: near in person 1.0 -> 0.85,
# 15 km to the radius 0.7 -> 0.6, online 0.68, so an exact topic nearby beats an exact topic
# online or further away, which beats a related topic. Without a place online comes first.
ONLINE_WITH_PLACE = 0.68
IN_PERSON_WITHOUT_PLACE = 0.75
# With several interests, a listing covering all of them beats one covering part, even a few
# km nearer: covering one of two interests costs 15%.
COVERAGE_WEIGHT = 0.3
# Small extras that only order otherwise equal matches.
SOON_BONUS = 0.02
FREE_BONUS = 0.01
SOON_DAYS = 14.0
MAX_ALTERNATIVES = 6
# Rows read per search (shared by its interests), by how closely they match. Small catalogues
# never reach these; at 1M items an umbrella topic ("sport"), or a parent tagged on everything,
# would otherwise mean hundreds of thousands of rows for ten results. Over budget, each slice
# keeps its share: online rows soonest first, in-person rows sampled evenly across the area.
ROW_BUDGETS = {EXACT: 2048, RELATED: 1024, BROADER: 512}
MIN_INTEREST_ROWS = 256
MIN_SLICE_ROWS = 16
_NEVER, _ALWAYS = np.iinfo(np.int32).max, np.iinfo(np.int32).min

Locate = Callable[[str], tuple[float, float] | None]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Listing:
    """One opportunity as the matcher sees it (built from the database or a catalogue file)."""

    id: str
    title: str
    description: str
    provider: str
    tags: tuple[str, ...]
    badge: str
    skills: tuple[str, ...]
    lat: float | None  # None when online
    lon: float | None
    starts_at: datetime | None  # naive, UK local time
    ends_at: datetime | None
    min_age: int | None
    max_age: int | None
    cost: str
    url: str

    @property
    def online(self) -> bool:
        """Whether it happens online (it has no coordinates)."""
        return self.lat is None or self.lon is None


@dataclass(frozen=True, slots=True)
class Query:
    """A learner's search: their words (or confirmed topic ids), place and age."""

    text: str
    lat: float | None = None
    lon: float | None = None
    radius_km: float = 30.0
    age: int | None = None
    now: datetime | None = None  # naive UK local time; defaults to the current time
    limit: int = 10
    topics: tuple[str, ...] | None = None  # confirmed topic ids, used instead of the text


@dataclass(frozen=True, slots=True)
class Match:
    """One result with the reasons to show the learner."""

    listing: Listing
    score: float
    distance_km: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked matches, what was understood, and topics to offer when nothing fits."""

    matches: tuple[Match, ...]
    understood: Understanding
    nothing_fits: bool
    alternatives: tuple[Topic, ...]


def uk_now() -> datetime:
    """The current UK wall-clock time, naive, as listings store it."""
    return datetime.now(UK_TIME).replace(tzinfo=None)


def haversine_km(
    lat1: float, lon1: float, lat2: NDArray[np.floating[Any]], lon2: NDArray[np.floating[Any]]
) -> FloatArray:
    """Great-circle distances from one point to many, in km."""
    phi1 = math.radians(lat1)
    phi2 = np.radians(lat2.astype(np.float64))
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(lon2.astype(np.float64) - lon1) / 2
    a = np.sin(half_dphi) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    distances: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return distances


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def listing_from_row(row: CatalogueRow, *, locate: Locate) -> Listing:
    """A catalogue row as a listing, placing rows without coordinates through `locate`.

    Raises ValueError when an in-person row cannot be placed: without coordinates it would
    otherwise pass as online.
    """
    lat, lon = row.latitude, row.longitude
    if row.online:
        lat = lon = None
    elif lat is None or lon is None:
        point = locate(row.location)
        if point is None:
            raise ValueError(f"{row.id}: cannot place {row.location!r}")
        lat, lon = point
    return Listing(
        id=row.id,
        title=row.title,
        description=row.description,
        provider=row.provider,
        tags=row.tags,
        badge=row.badge,
        skills=row.skills,
        lat=lat,
        lon=lon,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        min_age=row.min_age,
        max_age=row.max_age,
        cost=row.cost,
        url=row.url,
    )


def _minutes(moment: datetime) -> int:
    """Whole minutes since 1970 of a naive UK wall time, read as if UTC (only compared)."""
    return int(moment.replace(tzinfo=UTC).timestamp()) // 60


def _on_earth(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _cell(lat: float, lon: float) -> int:
    row = math.floor((lat + 90.0) / CELL_LAT_DEG)
    column = math.floor((lon + 180.0) / CELL_LON_DEG)
    return 1 + row * _CELL_ROW + column


@dataclass(frozen=True, slots=True)
class _Interest:
    """One thing the learner asked for, expanded to the topics that answer it."""

    hit: TopicHit
    said: str  # the learner's term, normalised, to tell "footy" from "football"
    topics: tuple[int, ...]  # topic indexes
    kinds: tuple[float, ...]  # EXACT, NARROWER, RELATED or BROADER per topic


@dataclass(frozen=True, slots=True)
class _Range:
    """Listing positions worth reading: the online cell, cells near the learner, or all."""

    lo: int
    hi: int
    online: bool


@dataclass(frozen=True, slots=True)
class _Rows:
    """Index rows (listing, interest, topic) that passed the hard rules."""

    position: IntArray
    interest: IntArray
    topic: IntArray
    kind: FloatArray
    strength: IntArray
    distance: FloatArray  # km; inf when online or when no place was given


class MatchIndex:
    """Per-topic postings over listings ordered by geo cell; see the module docstring."""

    def __init__(
        self,
        listings: tuple[Listing, ...],
        taxonomy: Taxonomy,
        arrays: dict[str, NDArray[Any]],
    ) -> None:
        """Use `MatchIndex.build`; this only stores what it computed."""
        self.listings = listings
        self.taxonomy = taxonomy
        self._topic_ids = list(taxonomy.topics)
        self._topic_index = {topic_id: i for i, topic_id in enumerate(self._topic_ids)}
        self._lat: NDArray[np.float32] = arrays["lat"]
        self._lon: NDArray[np.float32] = arrays["lon"]
        self._cell: NDArray[np.int32] = arrays["cell"]
        self._starts: NDArray[np.int32] = arrays["starts"]  # minutes, _ALWAYS when unknown
        self._ends: NDArray[np.int32] = arrays["ends"]  # minutes, _NEVER when ongoing
        self._min_age: NDArray[np.uint8] = arrays["min_age"]
        self._max_age: NDArray[np.uint8] = arrays["max_age"]
        self._free: NDArray[np.bool_] = arrays["free"]
        self._postings: NDArray[np.int32] = arrays["postings"]
        self._strengths: NDArray[np.uint8] = arrays["strengths"]
        self._offsets: IntArray = arrays["offsets"]
        self._cell_keys, self._cell_starts = np.unique(self._cell, return_index=True)
        self._cell_ends = np.r_[self._cell_starts[1:], len(listings)]
        # Online listings come first (cell 0): where each topic's online postings end.
        online_count = int(np.searchsorted(self._cell, ONLINE_CELL, side="right"))
        self._online_ends = [
            int(lo + np.searchsorted(self._postings[lo:hi], online_count))
            for lo, hi in zip(self._offsets[:-1].tolist(), self._offsets[1:].tolist(), strict=True)
        ]
        self._expansions: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {}

    @classmethod
    def build(cls, listings: Iterable[Listing], taxonomy: Taxonomy) -> MatchIndex:
        """Tag each listing with topics from its tags, title, badge and description; index.

        A listing whose coordinates are not a real place (NaN, out of range) is left out: it
        could be neither placed in person nor honestly called online.
        """
        items = tuple(item for item in listings if item.online or _on_earth(item.lat, item.lon))
        n = len(items)
        lat: list[float] = []
        lon: list[float] = []
        cell: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        ages: list[tuple[int, int]] = []
        free: list[bool] = []
        minutes: dict[datetime, int] = {}
        topic_index = {topic_id: i for i, topic_id in enumerate(taxonomy.topics)}
        post_listing: list[int] = []
        post_topic: list[int] = []
        post_strength: list[int] = []
        for i, item in enumerate(items):
            if item.lat is not None and item.lon is not None:
                lat.append(item.lat)
                lon.append(item.lon)
                cell.append(_cell(item.lat, item.lon))
            else:
                lat.append(math.nan)
                lon.append(math.nan)
                cell.append(ONLINE_CELL)
            when = item.starts_at
            if when is None:
                starts.append(_ALWAYS)
            else:
                starts.append(
                    minutes[when] if when in minutes else minutes.setdefault(when, _minutes(when))
                )
            when = item.ends_at
            if when is None:
                ends.append(_NEVER)
            else:
                ends.append(
                    minutes[when] if when in minutes else minutes.setdefault(when, _minutes(when))
                )
            ages.append((item.min_age or 0, 255 if item.max_age is None else item.max_age))
            free.append(_is_free(item.cost))
            found: dict[int, int] = {}
            for tag in item.tags:
                for topic_id in taxonomy.tag_topics(tag):
                    found[topic_index[topic_id]] = _TAG
            for topic_id in (*taxonomy.mentions(item.title), *taxonomy.mentions(item.badge)):
                found.setdefault(topic_index[topic_id], _TITLE)
            # The description adds weak extras to tagged listings, and is all an untagged
            # listing has to be found by.
            tagged = bool(found)
            for topic_id in taxonomy.mentions(item.description, phrases_only=tagged):
                found.setdefault(topic_index[topic_id], _TEXT if tagged else _TITLE)
            post_listing.extend([i] * len(found))
            post_topic.extend(found)
            post_strength.extend(found.values())
        # Listings ordered by (cell, start, id): a cell is one contiguous run of positions, and
        # equal scores fall back to the sooner start, then the id.
        cells = np.array(cell, dtype=np.int32)
        start_minutes = np.array(starts, dtype=np.int32)
        id_rank = np.empty(n, dtype=np.int64)
        id_rank[sorted(range(n), key=lambda i: items[i].id)] = np.arange(n)
        order = np.lexsort((id_rank, start_minutes, cells))
        del id_rank
        position_of = np.empty(n, dtype=np.int32)
        position_of[order] = np.arange(n, dtype=np.int32)
        postings = position_of[np.array(post_listing, dtype=np.int32)]
        del post_listing
        topics = np.array(post_topic, dtype=np.int16)
        del post_topic
        by_topic = np.lexsort((postings, topics))
        age_limits = np.array(ages, dtype=np.uint8).reshape(n, 2)
        arrays: dict[str, NDArray[Any]] = {
            "lat": np.array(lat, dtype=np.float32)[order],
            "lon": np.array(lon, dtype=np.float32)[order],
            "cell": cells[order],
            "starts": start_minutes[order],
            "ends": np.array(ends, dtype=np.int32)[order],
            "min_age": age_limits[order, 0],
            "max_age": age_limits[order, 1],
            "free": np.array(free, dtype=bool)[order],
            "postings": postings[by_topic],
            "strengths": np.array(post_strength, dtype=np.uint8)[by_topic],
            "offsets": np.searchsorted(topics[by_topic], np.arange(len(topic_index) + 1)),
        }
        return cls(tuple(items[i] for i in order.tolist()), taxonomy, arrays)

    def __len__(self) -> int:
        """Number of listings indexed."""
        return len(self.listings)

    # --- searching ---------------------------------------------------------------------------

    def search(self, query: Query) -> SearchResult:
        """Rank listings for the query: hard rules first, then topic, place, date and cost."""
        now = query.now or uk_now()
        now_s = _minutes(now)
        if (query.lat is None) != (query.lon is None) or (
            query.lat is not None and not _on_earth(query.lat, query.lon)
        ):
            query = replace(query, lat=None, lon=None)  # no usable place: search as if none
        understood = self._understand(query)
        interests = [self._expand(hit) for hit in understood.topics]
        ranges = self._ranges(query, understood.online_only)
        rows, capped = self._gather(interests, ranges, query, now_s, capped=True)
        fits = (rows.kind >= FIT_KIND) & (rows.strength >= FIT_STRENGTH)
        if capped and np.count_nonzero(fits) < query.limit:
            # The sampled rows mostly broke the hard rules: read everything rather than answer
            # "nothing fits" (or too little) while fitting listings exist.
            rows, _ = self._gather(interests, ranges, query, now_s, capped=False)
            fits = (rows.kind >= FIT_KIND) & (rows.strength >= FIT_STRENGTH)
        if query.limit <= 0 or not fits.any():
            nothing = not fits.any()
            alternatives = self._alternatives(understood, ranges, query, now_s) if nothing else ()
            return SearchResult((), understood, nothing, alternatives)
        n = len(interests)
        certainty = 0.85 + 0.15 * np.array([interest.hit.score for interest in interests])
        relevance = rows.kind * _STRENGTH[rows.strength] * certainty[rows.interest]
        # One group per (listing, interest), led by its best row: sorting on the group key plus
        # a fraction that falls as relevance rises puts that row first.
        key = rows.position * n + rows.interest if n > 1 else rows.position
        order = np.argsort(key + (1.0 - relevance) * 0.5, kind="stable")
        starts = _run_starts(key[order])
        best_rows = order[starts]
        group_relevance = relevance[best_rows]
        # The best row fits whenever any row of its group does: fitting rows score above 0.47,
        # the others at most 0.4.
        group_fits = fits[best_rows]
        if n > 1:
            group_position = rows.position[best_rows]
            first = _run_starts(group_position)
            listing = group_position[first]
            covered = np.diff(first, append=len(group_position))
            score = np.maximum.reduceat(group_relevance, first)
        else:
            listing = rows.position[best_rows]
            first = np.arange(len(listing))
            covered = np.ones(len(listing), dtype=np.int64)
            score = group_relevance.copy()
        located = query.lat is not None and query.lon is not None
        distance = rows.distance[best_rows[first]] if located else None
        score *= self._location_factor(listing, distance, query, understood.online_only)
        score *= 1.0 - COVERAGE_WEIGHT * (1.0 - covered / n)
        score = np.clip(score * 0.97 + self._extras(listing, now_s), 0.0, 1.0)
        seeds: list[int] = []
        if n > 1:  # the best fitting listing of every interest goes near the top
            group_listing = np.repeat(np.arange(len(listing)), covered)
            group_interest = rows.interest[best_rows]
            for k in range(n):
                mine = group_listing[group_fits & (group_interest == k)]
                if len(mine):
                    seeds.append(int(mine[np.argmax(score[mine])]))
        chosen = _top(listing, score, seeds, query.limit)
        # The best rows of the chosen listings' groups say why, best first.
        explained: dict[int, tuple[str, ...]] = {}
        for k in chosen:
            groups = range(int(first[k]), int(first[k] + covered[k]))
            why = sorted(groups, key=lambda g: -group_relevance[g])[:2]
            explained[int(listing[k])] = tuple(
                self._topic_reason(rows, int(best_rows[g]), interests) for g in why
            )
        matches = []
        for k in chosen:
            position = int(listing[k])
            km = None
            if distance is not None and np.isfinite(distance[k]):
                km = round(float(distance[k]), 2)
            matches.append(
                Match(
                    listing=self.listings[position],
                    score=round(float(score[k]), 4),
                    distance_km=km,
                    reasons=(*explained[position], *self._facts(position, km, now)),
                )
            )
        return SearchResult(tuple(matches), understood, False, ())

    def _understand(self, query: Query) -> Understanding:
        if query.topics is None:
            return self.taxonomy.understand(query.text)
        online = self.taxonomy.understand(query.text).online_only if query.text else False
        hits = tuple(
            TopicHit(self.taxonomy.topic(t), self.taxonomy.topic(t).name, 1.0)
            for t in dict.fromkeys(query.topics)
            if t in self.taxonomy
        )
        return Understanding(hits, online, ())

    def _expand(self, hit: TopicHit) -> _Interest:
        """The topics that answer one interest, each with how closely."""
        found = self._expansions.get(hit.topic.id)
        if found is None:
            found = self._expansions.setdefault(hit.topic.id, self._expansion(hit.topic))
        return _Interest(hit, normalise(hit.term), *found)

    def _expansion(self, asked: Topic) -> tuple[tuple[int, ...], tuple[float, ...]]:
        taxonomy = self.taxonomy
        kinds: dict[str, float] = {asked.id: EXACT}
        # File order, not set order, so reasons never depend on the process's hash seed.
        for topic_id in sorted(taxonomy.descendants(asked.id), key=self._topic_index.__getitem__):
            kinds.setdefault(topic_id, NARROWER)
        for topic_id in taxonomy.close_relations(asked.id):
            kinds.setdefault(topic_id, RELATED)
            for narrower in taxonomy.narrower(topic_id):  # one level: not a whole umbrella
                kinds.setdefault(narrower, RELATED * 0.95)
        for topic_id in asked.broader:
            kinds.setdefault(topic_id, BROADER)
        return tuple(self._topic_index[t] for t in kinds), tuple(kinds.values())

    def _ranges(self, query: Query, online_only: bool) -> list[_Range]:
        """The online cell, then the rows of cells within the radius (or everything else)."""
        keys = self._cell_keys

        def cells(first: int, last: int, online: bool = False) -> list[_Range]:
            lo = int(np.searchsorted(keys, first, side="left"))
            hi = int(np.searchsorted(keys, last, side="right"))
            if lo >= hi:
                return []
            return [_Range(int(self._cell_starts[lo]), int(self._cell_ends[hi - 1]), online)]

        ranges = cells(ONLINE_CELL, ONLINE_CELL, online=True)
        if online_only:
            return ranges
        if query.lat is None or query.lon is None:
            return ranges + cells(ONLINE_CELL + 1, np.iinfo(np.int32).max)
        radius = max(query.radius_km, 0.0)
        dlat = radius / 111.19
        widest = min(abs(query.lat) + dlat, 89.9)
        dlon = min(radius / (111.32 * math.cos(math.radians(widest))), 180.0)
        low = _cell(query.lat - dlat, query.lon - dlon)
        high = _cell(query.lat + dlat, query.lon + dlon)
        first_column = (low - 1) % _CELL_ROW
        last_column = (high - 1) % _CELL_ROW
        for row in range((low - 1) // _CELL_ROW, (high - 1) // _CELL_ROW + 1):
            base = 1 + row * _CELL_ROW
            ranges += cells(base + first_column, base + last_column)
        return ranges

    def _gather(
        self,
        interests: list[_Interest],
        ranges: list[_Range],
        query: Query,
        now_s: int,
        *,
        capped: bool,
    ) -> tuple[_Rows, bool]:
        """Index rows for the interests' topics that pass the hard rules; whether any were cut."""
        bounds = np.array([bound for r in ranges for bound in (r.lo, r.hi)], dtype=np.int32)
        starts: list[int] = []
        counts: list[int] = []
        steps: list[int] = []
        labels: list[tuple[int, int, float]] = []
        cut_any = False
        for k, interest in enumerate(interests):
            tiers: dict[float, list[tuple[int, float, int, int, bool]]] = {}
            for topic, kind in zip(interest.topics, interest.kinds, strict=True):
                tier = EXACT if kind >= NARROWER else RELATED if kind >= FIT_KIND else BROADER
                for lo, hi, online in self._slices(topic, ranges, bounds):
                    tiers.setdefault(tier, []).append((topic, kind, lo, hi, online))
            for tier, found in tiers.items():
                total = sum(hi - lo for _, _, lo, hi, _ in found)
                budget = max(MIN_INTEREST_ROWS, ROW_BUDGETS[tier] // len(interests))
                share = budget / total if capped else 1.0
                cut_any |= share < 1.0
                for topic, kind, lo, hi, online in found:
                    size = step = hi - lo
                    keep = size if share >= 1.0 else max(MIN_SLICE_ROWS, math.ceil(size * share))
                    if keep >= size:
                        step = 1
                    elif online:  # online rows are in start order: the soonest
                        size, step = keep, 1
                    else:  # in person: spread evenly over the area
                        step = math.ceil(size / keep)
                        size = -(-size // step)
                    starts.append(lo)
                    counts.append(size)
                    steps.append(step)
                    labels.append((k, topic, kind))
        if not starts:
            empty = np.zeros(0, dtype=np.int64)
            return _Rows(empty, empty, empty, np.zeros(0), empty, np.zeros(0)), False
        # All slices' posting indexes at once: start + offset within the slice * step.
        sizes = np.array(counts)
        piece = np.repeat(np.arange(len(sizes)), sizes)
        offset = np.arange(len(piece)) - (np.cumsum(sizes) - sizes)[piece]
        index = np.array(starts)[piece] + offset * np.array(steps)[piece]
        position = self._postings[index].astype(np.int64)
        allowed, distance = self._allowed(position, query, now_s)
        keep_rows = np.flatnonzero(allowed)
        piece = piece[keep_rows]
        label = np.array(labels, dtype=np.float64)
        rows = _Rows(
            position=position[keep_rows],
            interest=label[piece, 0].astype(np.int64),
            topic=label[piece, 1].astype(np.int64),
            kind=label[piece, 2],
            strength=self._strengths[index[keep_rows]].astype(np.int64),
            distance=distance[keep_rows],
        )
        return rows, cut_any

    def _slices(
        self, topic: int, ranges: list[_Range], bounds: NDArray[np.int32]
    ) -> list[tuple[int, int, bool]]:
        """Where one topic's postings fall in each range: (start, end, online)."""
        lo, hi = int(self._offsets[topic]), int(self._offsets[topic + 1])
        if lo == hi or not ranges:
            return []
        whole = len(ranges) == 2 and ranges[1].hi == len(self.listings)
        if ranges[0].online and (len(ranges) == 1 or whole):
            # Online only, or no place given: the split between online and in person is known.
            split = self._online_ends[topic]
            found = [(lo, split, True), (split, hi, False)][: len(ranges)]
            return [(a, b, online) for a, b, online in found if a < b]
        cut = (np.searchsorted(self._postings[lo:hi], bounds) + lo).tolist()
        return [
            (cut[2 * j], cut[2 * j + 1], r.online)
            for j, r in enumerate(ranges)
            if cut[2 * j] < cut[2 * j + 1]
        ]

    def _allowed(
        self, position: IntArray, query: Query, now_s: int
    ) -> tuple[NDArray[np.bool_], FloatArray]:
        """The hard rules (not finished, age allowed, in person within the radius); distances."""
        keep: NDArray[np.bool_] = self._ends[position] >= now_s
        if query.age is not None:
            age = min(max(query.age, 0), 254)  # limits are stored as bytes
            keep &= self._min_age[position] <= age
            keep &= self._max_age[position] >= age
        distance = np.full(len(position), np.inf)
        if query.lat is not None and query.lon is not None:
            in_person = np.flatnonzero(keep & (self._cell[position] != ONLINE_CELL))
            if len(in_person):
                where = position[in_person]
                km = haversine_km(query.lat, query.lon, self._lat[where], self._lon[where])
                keep[in_person] = km <= max(query.radius_km, 0.0)
                distance[in_person] = km
        return keep, distance

    def _location_factor(
        self, listing: IntArray, distance: FloatArray | None, query: Query, online_only: bool
    ) -> FloatArray:
        online = self._cell[listing] == ONLINE_CELL
        if online_only:
            return np.ones(len(listing))
        if distance is None:
            return np.where(online, 1.0, IN_PERSON_WITHOUT_PLACE)
        near_km = min(NEAR_KM, max(query.radius_km, 1e-9))
        beyond = max(query.radius_km - near_km, 1e-9)
        with np.errstate(invalid="ignore"):
            near = 1.0 - 0.15 * distance / near_km
            far = 0.7 - 0.1 * np.clip((distance - near_km) / beyond, 0.0, 1.0)
        factor: FloatArray = np.where(
            online, ONLINE_WITH_PLACE, np.where(distance <= near_km, near, far)
        )
        return factor

    def _extras(self, listing: IntArray, now_s: int) -> FloatArray:
        """Small bonuses that order otherwise equal matches: starting soon, free."""
        days_away = (self._starts[listing].astype(np.float64) - now_s) / (24 * 60)
        # No start date or already started counts as soon.
        soon = np.clip(1.0 - (days_away - SOON_DAYS) / 180.0, 0.0, 1.0)
        extras: FloatArray = SOON_BONUS * soon + FREE_BONUS * self._free[listing]
        return extras

    # --- explaining --------------------------------------------------------------------------

    def _topic_reason(self, rows: _Rows, row: int, interests: list[_Interest]) -> str:
        """ "footy → Football"; just "Football" when that is what they typed."""
        interest = interests[int(rows.interest[row])]
        hit = interest.hit
        topic = self.taxonomy.topic(self._topic_ids[int(rows.topic[row])])
        kind, strength = float(rows.kind[row]), int(rows.strength[row])
        if self.taxonomy.said_as_named(interest.said, topic.id):
            said = topic.name
        else:
            said = f"{hit.term} → {topic.name}"
        if strength == _TEXT:
            return f"{said} (mentioned)"
        if kind < NARROWER:
            return f"{said} (related)"
        return said

    def _facts(self, position: int, km: float | None, now: datetime) -> list[str]:
        """Where, when, cost and ages, as short phrases."""
        listing = self.listings[position]
        if listing.online:
            facts = ["online"]
        elif km is None:
            facts = ["in person"]
        else:
            facts = [f"{km:.1f} km away" if km < 10 else f"{km:.0f} km away"]
        facts.append(_when(listing, now))
        facts.append("free" if _is_free(listing.cost) else listing.cost)
        ages = _ages(listing)
        if ages:
            facts.append(ages)
        return facts

    # --- when nothing fits -------------------------------------------------------------------

    def _alternatives(
        self, understood: Understanding, ranges: list[_Range], query: Query, now_s: int
    ) -> tuple[Topic, ...]:
        """Topics near what was asked, those with something available first, to offer instead."""
        asked = {hit.topic.id for hit in understood.topics}
        offered: list[Topic] = []
        for hit in understood.topics:
            for topic in self.taxonomy.related_topics(hit.topic):
                if topic.id not in asked and topic not in offered:
                    offered.append(topic)
        if not understood.topics:
            umbrellas = self.taxonomy.umbrella_topics()
            available = [t for t in umbrellas if self._available(t, ranges, query, now_s)]
            return tuple(available[:MAX_ALTERNATIVES])
        available = [t for t in offered if self._available(t, ranges, query, now_s)]
        return tuple((available + [t for t in offered if t not in available])[:MAX_ALTERNATIVES])

    def _available(self, topic: Topic, ranges: list[_Range], query: Query, now_s: int) -> bool:
        """Whether anything on this topic (or under it) passes the hard rules."""
        bounds = np.array([bound for r in ranges for bound in (r.lo, r.hi)], dtype=np.int32)
        for topic_id in (topic.id, *self.taxonomy.descendants(topic.id)):
            for lo, hi, _ in self._slices(self._topic_index[topic_id], ranges, bounds):
                for chunk in range(lo, hi, 1024):  # stop at the first allowed one
                    rows = self._postings[chunk : min(hi, chunk + 1024)].astype(np.int64)
                    if self._allowed(rows, query, now_s)[0].any():
                        return True
        return False


def _top(listing: IntArray, score: FloatArray, seeds: list[int], limit: int) -> list[int]:
    """Indexes of the best `limit` listings, seeds first; ties go to the lower position."""
    count = min(limit, len(listing))
    if count < len(listing):
        kth = np.partition(score, len(score) - count)[len(score) - count]
        above = np.flatnonzero(score > kth)
        tied = np.flatnonzero(score == kth)[: count - len(above)]  # lowest positions first
        candidates = np.concatenate((above, tied))
    else:
        candidates = np.arange(len(listing))
    ordered = candidates[np.lexsort((listing[candidates], -score[candidates]))].tolist()
    result = sorted(set(seeds), key=lambda i: (-score[i], listing[i]))
    result += [i for i in ordered if i not in result]
    return result[:count]


def _run_starts(values: IntArray) -> IntArray:
    """Indexes where a sorted array's runs of equal values begin."""
    change = np.empty(len(values), dtype=bool)
    change[:1] = True
    np.not_equal(values[1:], values[:-1], out=change[1:])
    return np.flatnonzero(change)


def _is_free(cost: str) -> bool:
    return cost.strip().lower() in {"", "free", "£0", "0", "£0.00"}


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(moment: datetime, now: datetime) -> str:
    text = f"{moment.day} {_MONTHS[moment.month - 1]}"
    return text if moment.year == now.year else f"{text} {moment.year}"


def _when(listing: Listing, now: datetime) -> str:
    if listing.starts_at is not None and listing.starts_at > now:
        return f"starts {_day(listing.starts_at, now)}"
    if listing.ends_at is not None:
        return f"until {_day(listing.ends_at, now)}"
    return "ongoing"


def _ages(listing: Listing) -> str:
    """ "ages 18+" when the limits narrow the usual 16-25 range, else ""."""
    low, high = listing.min_age, listing.max_age
    if (low is None or low <= 16) and (high is None or high >= 25):
        return ""
    if low is not None and high is not None:
        return f"ages {low}-{high}"
    if low is not None:
        return f"ages {low}+"
    return f"ages up to {high}"
