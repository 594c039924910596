"""Offline UK gazetteer: towns, postcodes and coarse reverse lookup.

Learners type a town (often misspelt) or a postcode, or share their location, and the bot
needs coordinates to find opportunities near them. Everything here works offline from small
tables committed under ``data/places/`` (built by ``scripts/build_places.py`` from GeoNames
and OS Code-Point Open; see the README there for licences), and a shared location is reduced
to a postcode district at once so that nobody's exact position is ever kept.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
import threading
import unicodedata
import zlib
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

__all__ = [
    "Area",
    "Gazetteer",
    "Lookup",
    "Place",
    "default_gazetteer",
    "distance_km",
    "normalise_postcode",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data" / "places"
EARTH_RADIUS_KM: Final = 6371.0088

# Must match scripts/build_places.py.
_INWARD_LETTERS: Final = "ABDEFGHJLNPQRSTUWXYZ"
_UNIT_SCALE: Final = 10_000

_MAX_QUERY_CHARS: Final = 120  # a place reply is short; anything longer is not one
_MAX_WORDS: Final = 16
_MAX_FUZZY_WORDS: Final = 6  # fuzzy matching every window of a long sentence is too slow
_MAX_WINDOW: Final = 5  # "ashby de la zouch"
_FUZZY_CUTOFF: Final = 80.0  # fuzz.ratio; "peterbourgh" scores 87, "hove"/"hive" 75
_PARTIAL_CUTOFF: Final = 88.0  # for a window that leaves other words out
_PARTIAL_PENALTY: Final = 15.0  # ...which then ranks below any match of the whole text
_TIE: Final = 3.0  # ratios this close are as good as each other
_WIDE: Final = 12.0  # ...and a place 10x bigger competes from this far behind
_DOMINANCE: Final = 10  # population ratio that makes the bigger place the answer
_SAME_AREA_KM: Final = 10.0  # candidates this close together need no question
_MAX_CANDIDATES: Final = 5
_UNIT_CACHE: Final = 64

# Words around a place name that are not part of it ("near brighton", "in Plymouth pls").
_STOPWORDS: Final = frozenset(
    {
        *("near", "nr", "in", "at", "around", "round", "about", "by", "from", "the", "of"),
        *("on", "to", "and", "or", "i", "im", "am", "me", "my", "we", "live", "living"),
        *("based", "its", "it", "is", "just", "close", "outside", "pls", "plz", "please"),
        *("thanks", "thank", "thx", "ta", "cheers", "uk", "gb", "u", "k", "united"),
        *("kingdom", "britain", "great", "city", "town", "centre", "center", "area"),
        *("postcode", "post", "code", "here", "there", "hi", "hello", "hey", "yes", "yeah"),
        *("yep", "ok", "okay"),
    }
)
# Short county names people add after a town ("St Ives, Cambs").
_HINT_ALIASES: Final = {
    "cambs": "cambridgeshire",
    "iow": "isle of wight",
    "notts": "nottinghamshire",
    "hants": "hampshire",
    "herts": "hertfordshire",
    "glos": "gloucestershire",
    "bucks": "buckinghamshire",
    "berks": "berkshire",
    "oxon": "oxfordshire",
    "wilts": "wiltshire",
    "northants": "northamptonshire",
    "staffs": "staffordshire",
    "leics": "leicestershire",
    "lincs": "lincolnshire",
    "worcs": "worcestershire",
    "warks": "warwickshire",
    "lancs": "lancashire",
    "derbys": "derbyshire",
    "shrops": "shropshire",
    "yorks": "yorkshire",
    "yorkshire": "yorkshire",
    "sussex": "sussex",
    "scotland": "scotland",
    "wales": "wales",
    "england": "england",
}
_ONLINE: Final = frozenset({"online", "remote", "virtual", "zoom", "webinar"})

_OUT: Final = r"[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]?"
_IN: Final = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_RE: Final = re.compile(rf"(?<![A-Z0-9])({_OUT})\s*({_IN})(?![A-Z0-9])")
_SECTOR_RE: Final = re.compile(rf"(?<![A-Z0-9])({_OUT})\s+([0-9])(?![A-Z0-9])")
_DISTRICT_RE: Final = re.compile(rf"(?<![A-Z0-9])({_OUT})(?![A-Z0-9])")
_FULL_ONLY: Final = re.compile(rf"({_OUT})\s*({_IN})")
_SECTOR_ONLY: Final = re.compile(rf"({_OUT})\s+([0-9])")
_DISTRICT_ONLY: Final = re.compile(_OUT)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place; ``region`` is the county for towns, the town for postcodes."""

    name: str  # display name: "Brighton", "PL4", "PL4 8AA"
    kind: str  # "town" | "district" | "sector" | "postcode"
    lat: float
    lon: float
    region: str = ""  # tells "Newport, Wales" from "Newport, Isle of Wight"
    population: int = 0


@dataclass(frozen=True, slots=True)
class Lookup:
    """A confident answer, or the places to ask about when a name is ambiguous."""

    place: Place | None  # the confident answer, or None
    candidates: tuple[Place, ...]  # >= 2 when ambiguous (biggest first), else ()


@dataclass(frozen=True, slots=True)
class Area:
    """A coarse area for a shared location: raw coordinates are never kept."""

    district: str  # "BN1"
    town: str  # "Brighton" (nearest sizeable town)
    lat: float  # the district centroid, not the user's point
    lon: float


_EMPTY: Final = Lookup(None, ())


class _District(NamedTuple):
    place: Place
    area: Area
    geographic: bool
    units: int
    offset: int
    length: int


class _Grid(NamedTuple):
    lat0: float
    lon0: float
    dlat: float
    dlon: float
    rows: int
    cols: int
    cells: array[int]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance, the measure the matching eval uses."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def normalise_postcode(text: str) -> str | None:
    """Canonical form of a unit postcode, sector or district ("pl48aa" -> "PL4 8AA")."""
    if not isinstance(text, str) or len(text) > 16:
        return None
    cleaned = text.strip().upper()
    if match := _FULL_ONLY.fullmatch(cleaned):
        return f"{match.group(1)} {match.group(2)}"
    if match := _SECTOR_ONLY.fullmatch(cleaned):
        return f"{match.group(1)} {match.group(2)}"
    if _DISTRICT_ONLY.fullmatch(cleaned):
        return cleaned
    return None


def _norm(text: str) -> str:
    """Match key: accents folded, apostrophes dropped, then rapidfuzz's default_process."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("'", "").replace("\u2019", "").replace("&", " and ")
    return " ".join(default_process(folded).split())


def _read_tsv(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return [line.split("\t") for line in lines[1:]]


def _varints(data: bytes, count: int, start: int) -> tuple[list[int], int]:
    values: list[int] = []
    pos = start
    for _ in range(count):
        value = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                break
            shift += 7
        values.append(value)
    return values, pos


def _unzigzag_sum(values: list[int]) -> list[int]:
    out: list[int] = []
    total = 0
    for v in values:
        total += (v >> 1) if not v & 1 else -((v + 1) >> 1)
        out.append(total)
    return out


def _inward(index: int) -> str:
    digit, rest = divmod(index, 400)
    return f"{digit}{_INWARD_LETTERS[rest // 20]}{_INWARD_LETTERS[rest % 20]}"


class Gazetteer:
    """Offline forward and reverse geocoding for Great Britain (towns, postcodes)."""

    def __init__(
        self,
        data_dir: Path,
        towns: list[Place],
        nations: list[str],
        keys: dict[str, tuple[int, ...]],
        districts: dict[str, _District],
    ) -> None:
        self._dir = data_dir
        self._towns = towns
        self._region_keys = [_norm(t.region) for t in towns]
        self._nation_keys = [_norm(n) for n in nations]
        self._exact = keys
        fuzzy = sorted(k for k in keys if len(k) >= 4)
        self._fuzzy_keys = fuzzy
        self._fuzzy_towns = [keys[k] for k in fuzzy]
        self._hint_keys = frozenset(k for k in (*self._region_keys, *self._nation_keys) if k)
        self._districts = districts
        self._district_list = list(districts.values())
        self._lock = threading.Lock()
        self._sectors: dict[str, tuple[float, float]] | None = None
        self._grid: _Grid | None = None
        self._units: OrderedDict[str, dict[str, tuple[float, float]]] = OrderedDict()

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """Read the small tables now; sectors, grid and unit postcodes load on first use."""
        directory = data_dir or DATA_DIR
        towns: list[Place] = []
        nations: list[str] = []
        keys: dict[str, list[int]] = {}
        for i, (name, lat, lon, region, nation, pop, joined) in enumerate(
            _read_tsv(directory / "towns.tsv.gz")
        ):
            towns.append(Place(name, "town", float(lat), float(lon), region, int(pop)))
            nations.append(nation)
            for key in joined.split("|"):
                keys.setdefault(key, []).append(i)
        districts: dict[str, _District] = {}
        for code, lat, lon, units, geo, town, offset, length in _read_tsv(
            directory / "districts.tsv.gz"
        ):
            place = Place(code, "district", float(lat), float(lon), town)
            area = Area(code, town, place.lat, place.lon)
            districts[code] = _District(
                place, area, geo == "1", int(units), int(offset), int(length)
            )
        return cls(directory, towns, nations, {k: tuple(v) for k, v in keys.items()}, districts)

    # --- forward -----------------------------------------------------------------------------

    def lookup(self, text: str) -> Lookup:
        """Resolve what a learner typed: a postcode, district, sector or (misspelt) town."""
        if not isinstance(text, str):
            return _EMPTY
        text = text.strip()
        if not text or len(text) > _MAX_QUERY_CHARS:
            return _EMPTY
        place = self._find_postcode(text)
        if place is not None:
            return Lookup(place, ())
        words = _norm(text).split()
        if not words or len(words) > _MAX_WORDS:
            return _EMPTY
        return self._decide(self._score(words))

    def locate(self, location_text: str) -> Place | None:
        """Geocode a catalogue location: postcode, else district, else the last comma part."""
        if not isinstance(location_text, str):
            return None
        text = location_text.strip()
        if not text or len(text) > 4 * _MAX_QUERY_CHARS:
            return None
        place = self._find_postcode(text)
        if place is not None:
            return place
        if _ONLINE & set(_norm(text).split()):
            return None  # "online", "Online (Zoom)": nowhere to put on a map
        parts = [words for words in (_norm(p).split() for p in text.split(",")) if words]
        if not parts:
            return None
        last_hint = self._hint(" ".join(parts[-1]))
        if len(parts) >= 2 and last_hint:  # "Ryde, Isle of Wight"
            found = self._locate_town(parts[-2], (last_hint,), strict=True)
            if found is not None:
                return found
        hints = tuple(h for h in (self._hint(" ".join(p)) for p in parts[:-1]) if h)
        return self._locate_town(parts[-1], hints)

    def _locate_town(
        self, words: list[str], hints: tuple[str, ...], *, strict: bool = False
    ) -> Place | None:
        """The town named by one comma part; when ambiguous, the biggest candidate."""
        if len(words) > _MAX_WORDS:
            return None
        found = self._decide(self._score(words, hints, strict=strict))
        if found.place is not None:
            return found.place
        return found.candidates[0] if found.candidates else None

    def _hint(self, phrase: str) -> str:
        """The county or nation a phrase names ("cambs" -> "cambridgeshire"), else ""."""
        return _HINT_ALIASES.get(phrase, phrase if phrase in self._hint_keys else "")

    def district(self, code: str) -> Place | None:
        """The centroid of a postcode district ("BN1"), if it exists."""
        found = self._districts.get(code.strip().upper())
        return found.place if found else None

    def _find_postcode(self, text: str) -> Place | None:
        """A known unit postcode anywhere in the text, else a sector, else a district."""
        upper = text.upper()
        for match in _FULL_RE.finditer(upper):
            district = self._districts.get(match.group(1))
            if district is not None:
                inward = match.group(2)
                return (
                    self._unit(district, inward)
                    or self._sector(district, inward[0])
                    or district.place
                )
        for match in _SECTOR_RE.finditer(upper):
            district = self._districts.get(match.group(1))
            if district is not None:
                return self._sector(district, match.group(2)) or district.place
        for match in _DISTRICT_RE.finditer(upper):
            district = self._districts.get(match.group(1))
            if district is not None:
                return district.place
        return None

    def _sector(self, district: _District, digit: str) -> Place | None:
        """Sector centroid; the sector table loads on first use."""
        sectors = self._sectors
        if sectors is None:
            with self._lock:
                if self._sectors is None:
                    self._sectors = {
                        code: (float(lat), float(lon))
                        for code, lat, lon in _read_tsv(self._dir / "sectors.tsv.gz")
                    }
                sectors = self._sectors
        name = f"{district.place.name} {digit}"
        found = sectors.get(name)
        if found is None:
            return None
        return Place(name, "sector", found[0], found[1], district.place.region)

    def _unit(self, district: _District, inward: str) -> Place | None:
        """Unit postcode; only its district's block is decoded, and recent ones are kept."""
        code = district.place.name
        with self._lock:
            units = self._units.get(code)
            if units is None:
                units = self._read_units(district)
                self._units[code] = units
                if len(self._units) > _UNIT_CACHE:
                    self._units.popitem(last=False)
            else:
                self._units.move_to_end(code)
        found = units.get(inward)
        if found is None:
            return None
        return Place(f"{code} {inward}", "postcode", found[0], found[1], district.place.region)

    def _read_units(self, district: _District) -> dict[str, tuple[float, float]]:
        """Decode one district's block of units.bin (see scripts/build_places.py)."""
        with (self._dir / "units.bin").open("rb") as fh:
            fh.seek(district.offset)
            data = zlib.decompress(fh.read(district.length))
        n = district.units
        gaps, pos = _varints(data, n, 0)
        lats, pos = _varints(data, n, pos)
        lons, _ = _varints(data, n, pos)
        index = -1
        out: dict[str, tuple[float, float]] = {}
        for gap, lat, lon in zip(gaps, _unzigzag_sum(lats), _unzigzag_sum(lons), strict=True):
            index += gap + 1
            out[_inward(index)] = (lat / _UNIT_SCALE, lon / _UNIT_SCALE)
        return out

    # --- towns -------------------------------------------------------------------------------

    def _score(
        self, words: list[str], extra_hints: tuple[str, ...] = (), *, strict: bool = False
    ) -> dict[int, float]:
        """Best fuzz.ratio per town over windows of the words, narrowed by county words.

        A window covering every non-stopword may be a typo (cutoff 80); a window covering
        only some of them ("Ashurst, New Forest" -> "forest") must be nearly exact, so that
        one stray word cannot pull in a village at the other end of the country, and it scores
        below a match of the whole text ("Bury St Edmunds" is not "Bury"). County or nation
        words elsewhere in the text ("Newport, Wales") keep only towns in that area; if none
        is there, every match counts unless ``strict``.
        """
        solid = [i for i, w in enumerate(words) if w not in _STOPWORDS]
        if not solid:
            return {}
        first, last = solid[0], solid[-1]
        best: dict[int, tuple[float, int, int]] = {}
        hints: list[tuple[str, int, int]] = [(h, -1, -1) for h in extra_hints]
        windows: list[tuple[int, int]] = []
        phrases: list[str] = []
        for i in solid:
            for j in range(i + 1, min(len(words), i + _MAX_WINDOW) + 1):
                if words[j - 1] in _STOPWORDS:
                    continue
                phrase = " ".join(words[i:j])
                hint = self._hint(phrase)
                if hint:
                    hints.append((hint, i, j))
                exact = 100.0 if (i, j - 1) == (first, last) else 100.0 - _PARTIAL_PENALTY
                for town in self._exact.get(phrase, ()):
                    if town not in best or best[town][0] < exact:
                        best[town] = (exact, i, j)
                if len(phrase) >= 4 and len(words) <= _MAX_FUZZY_WORDS:
                    phrases.append(phrase)
                    windows.append((i, j))
        if phrases:
            matrix = process.cdist(
                phrases,
                self._fuzzy_keys,
                scorer=fuzz.ratio,
                processor=None,  # keys and phrases already went through default_process
                score_cutoff=_FUZZY_CUTOFF,
                workers=1,
            )
            for row, col in zip(*matrix.nonzero(), strict=True):
                score = float(matrix[row, col])
                i, j = windows[row]
                if (i, j - 1) != (first, last):
                    if score < _PARTIAL_CUTOFF:
                        continue
                    score -= _PARTIAL_PENALTY
                for town in self._fuzzy_towns[col]:
                    if town not in best or score > best[town][0]:
                        best[town] = (score, i, j)
        hinted = {
            town: score
            for town, (score, i, j) in best.items()
            if any(
                (h_end <= i or h_start >= j) and self._in_region(town, hint)
                for hint, h_start, h_end in hints
            )
        }
        if hinted or (strict and hints):
            return hinted
        return {town: score for town, (score, _, _) in best.items()}

    def _in_region(self, town: int, hint: str) -> bool:
        """Whether a county/nation word describes the town ("sussex" fits "East Sussex")."""
        region = self._region_keys[town]
        return hint in (region, self._nation_keys[town]) or (len(hint) >= 4 and hint in region)

    def _decide(self, scores: dict[int, float]) -> Lookup:
        """Confident when one place clearly wins; otherwise the few to ask about."""
        if not scores:
            return _EMPTY
        towns = self._towns
        top = max(scores.values())
        near = [t for t, s in scores.items() if s >= top - _TIE]
        near_pop = max(towns[t].population for t in near)
        tier = near + [
            t
            for t, s in scores.items()
            if top - _WIDE <= s < top - _TIE
            and towns[t].population >= _DOMINANCE * max(near_pop, 1)
        ]
        tier.sort(key=lambda t: (-towns[t].population, -scores[t], towns[t].name))
        first = towns[tier[0]]
        if len(tier) == 1:
            return Lookup(first, ())
        second = towns[tier[1]]
        if scores[tier[0]] >= top - _TIE and (
            first.population > 0 and first.population >= _DOMINANCE * second.population
        ):
            return Lookup(first, ())
        if all(
            distance_km(first.lat, first.lon, towns[t].lat, towns[t].lon) <= _SAME_AREA_KM
            for t in tier[1:]
        ):
            return Lookup(first, ())  # "Eccles, Salford": either will do for a search
        return Lookup(None, tuple(towns[t] for t in tier[:_MAX_CANDIDATES]))

    # --- reverse -----------------------------------------------------------------------------

    def reverse(self, lat: float, lon: float) -> Area | None:
        """The postcode district around a shared point; None outside Great Britain."""
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (lat == 0 and lon == 0):
            return None
        grid = self._grid or self._load_grid()
        row = math.floor((lat - grid.lat0) / grid.dlat)
        col = math.floor((lon - grid.lon0) / grid.dlon)
        if not (0 <= row < grid.rows and 0 <= col < grid.cols):
            return None
        value = grid.cells[row * grid.cols + col]
        if not value:
            return None  # open sea, or abroad inside the bounding box
        district = self._district_list[value - 1]
        return district.area if district.geographic else None

    def _load_grid(self) -> _Grid:
        """The reverse-lookup grid (~1.6 MB in memory), loaded on the first shared location."""
        with self._lock:
            if self._grid is None:
                with gzip.open(self._dir / "grid.bin.gz", "rb") as fh:
                    raw = fh.read()
                header, _, body = raw.partition(b"\n")
                magic, *fields = header.decode("ascii").split()
                if magic != "LBGRID1":
                    raise ValueError(f"unknown grid format {magic!r}")
                lat0, lon0, dlat, dlon = (float(f) for f in fields[:4])
                rows, cols = int(fields[4]), int(fields[5])
                cells = array("H")
                cells.frombytes(body)
                if sys.byteorder == "big":
                    cells.byteswap()
                if len(cells) != rows * cols:
                    raise ValueError("grid size does not match its header")
                self._grid = _Grid(lat0, lon0, dlat, dlon, rows, cols, cells)
            return self._grid


@cache
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer over the committed tables, loaded once per process."""
    return Gazetteer.load()
