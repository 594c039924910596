"""The catalogue file format (CSV or JSON) that providers and other tools exchange.

Reading validates every row and reports each problem by line and field, saying what was
expected; writing produces the same format back. No database here: see `importer`.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

COLUMNS = (
    "id",
    "title",
    "description",
    "provider",
    "tags",
    "badge",
    "skills",
    "location",
    "latitude",
    "longitude",
    "starts_at",
    "ends_at",
    "min_age",
    "max_age",
    "cost",
    "url",
)
REQUIRED = ("id", "title", "provider", "badge", "location")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
COST_PATTERN = re.compile(r"^(free|£\d+(\.\d{1,2})?)$", re.IGNORECASE)
MAX_TEXT = {"title": 200, "description": 2000, "provider": 200, "badge": 200, "location": 200}


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """One valid opportunity from a catalogue file."""

    id: str
    title: str
    description: str
    provider: str
    tags: tuple[str, ...]
    badge: str
    skills: tuple[str, ...]
    location: str
    latitude: float | None
    longitude: float | None
    starts_at: datetime | None
    ends_at: datetime | None
    min_age: int | None
    max_age: int | None
    cost: str
    url: str

    @property
    def online(self) -> bool:
        """Whether the opportunity happens online rather than at a venue."""
        return self.location.strip().lower() == "online"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field of one row, in words a provider can act on."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedCatalogue:
    """Valid rows plus every problem found; `line` numbers count the header as line 1."""

    rows: list[CatalogueRow]
    problems: list[Problem]
    total: int


class _RowErrors:
    def __init__(self, line: int) -> None:
        self.line = line
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.line, field, message))


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _parse_float(
    value: str, field: str, low: float, high: float, errors: _RowErrors
) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        errors.add(field, f"expected a number between {low:g} and {high:g}, got {value!r}")
        return None
    if not low <= number <= high:
        errors.add(field, f"expected a number between {low:g} and {high:g}, got {value!r}")
        return None
    return number


def _parse_when(value: str, field: str, errors: _RowErrors, *, end: bool) -> datetime | None:
    """Parse an ISO date or datetime; a date-only end means the end of that day."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day, time(23, 59, 59) if end else time(0, 0))
        moment = datetime.fromisoformat(value)
    except ValueError:
        errors.add(field, f"expected an ISO 8601 date like 2027-05-03, got {value!r}")
        return None
    return moment.replace(tzinfo=None) if moment.tzinfo is None else moment


def _parse_age(value: str, field: str, errors: _RowErrors) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 120:
        errors.add(field, f"expected a whole number of years like 16, got {value!r}")
        return None
    return int(value)


def parse_row(raw: Mapping[str, Any], line: int) -> tuple[CatalogueRow | None, list[Problem]]:
    """Validate one raw row (strings, or JSON values) into a `CatalogueRow`."""
    errors = _RowErrors(line)
    values: dict[str, str] = {}
    for column in COLUMNS:
        value = raw.get(column)
        if isinstance(value, list):
            value = ";".join(str(item) for item in value)
        values[column] = "" if value is None else str(value).strip()
    for column in REQUIRED:
        if not values[column]:
            errors.add(column, "is required")
    if values["id"] and not ID_PATTERN.match(values["id"]):
        errors.add("id", "expected up to 64 letters, digits, '-', '_', '.' or ':'")
    for column, limit in MAX_TEXT.items():
        if len(values[column]) > limit:
            errors.add(column, f"expected at most {limit} characters, got {len(values[column])}")
    latitude = _parse_float(values["latitude"], "latitude", -90, 90, errors)
    longitude = _parse_float(values["longitude"], "longitude", -180, 180, errors)
    if (latitude is None) != (longitude is None) and not errors.problems:
        errors.add("longitude", "expected both latitude and longitude, or neither")
    online = values["location"].lower() == "online"
    if online and latitude is not None:
        errors.add("latitude", "expected no coordinates for an online opportunity")
    starts_at = _parse_when(values["starts_at"], "starts_at", errors, end=False)
    ends_at = _parse_when(values["ends_at"], "ends_at", errors, end=True)
    if starts_at and ends_at and ends_at < starts_at:
        errors.add("ends_at", "expected a date on or after starts_at")
    min_age = _parse_age(values["min_age"], "min_age", errors)
    max_age = _parse_age(values["max_age"], "max_age", errors)
    if min_age is not None and max_age is not None and max_age < min_age:
        errors.add("max_age", "expected max_age to be at least min_age")
    cost = values["cost"] or "free"
    if not COST_PATTERN.match(cost):
        errors.add("cost", f"expected 'free' or an amount like '£5', got {cost!r}")
    url = values["url"]
    if url and not url.startswith("https://"):
        errors.add("url", "expected an https:// link")
    if errors.problems:
        return None, errors.problems
    row = CatalogueRow(
        id=values["id"],
        title=values["title"],
        description=values["description"],
        provider=values["provider"],
        tags=_split_list(values["tags"].lower()),
        badge=values["badge"],
        skills=_split_list(values["skills"]),
        location="online" if online else values["location"],
        latitude=latitude,
        longitude=longitude,
        starts_at=starts_at,
        ends_at=ends_at,
        min_age=min_age,
        max_age=max_age,
        cost=cost.lower() if cost.lower() == "free" else cost,
        url=url,
    )
    return row, []


def _raw_rows(text: str, suffix: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if suffix == ".json":
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError("expected a JSON list of objects")
        for number, item in enumerate(data, start=1):
            yield number, item if isinstance(item, dict) else {}
        return
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"the header row is missing {', '.join(missing)}")
    for record in reader:
        yield reader.line_num, record


def parse_catalogue(text: str, *, suffix: str = ".csv") -> ParsedCatalogue:
    """Validate a whole catalogue file's text; JSON when `suffix` is `.json`."""
    rows: list[CatalogueRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    total = 0
    try:
        for line, raw in _raw_rows(text.lstrip("\ufeff"), suffix.lower()):
            total += 1
            row, row_problems = parse_row(raw, line)
            if row and row.id in seen:
                row_problems = [Problem(line, "id", f"duplicate of line {seen[row.id]}")]
                row = None
            problems.extend(row_problems)
            if row:
                seen[row.id] = line
                rows.append(row)
    except (ValueError, csv.Error) as error:
        problems.append(Problem(1, "file", str(error)))
    return ParsedCatalogue(rows=rows, problems=problems, total=total)


def read_catalogue(path: Path) -> ParsedCatalogue:
    """Read and validate a catalogue file from disk (CSV, or JSON by its `.json` suffix)."""
    return parse_catalogue(path.read_text(encoding="utf-8"), suffix=path.suffix)


def _cell(row: CatalogueRow, column: str) -> str:
    value = getattr(row, column)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0) and column == "starts_at":
            return value.date().isoformat()
        if value.time() == time(23, 59, 59) and column == "ends_at":
            return value.date().isoformat()
        return value.isoformat(timespec="minutes")
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def format_csv(rows: Iterable[CatalogueRow]) -> str:
    """Write rows in the catalogue CSV format, ready to import again."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row, column) for column in COLUMNS])
    return out.getvalue()


def format_json(rows: Iterable[CatalogueRow]) -> str:
    """Write rows in the catalogue JSON format: a list of objects with the CSV's keys."""
    items = []
    for row in rows:
        item: dict[str, object] = {}
        for column in COLUMNS:
            value = getattr(row, column)
            if isinstance(value, tuple):
                item[column] = list(value)
            elif isinstance(value, datetime):
                item[column] = _cell(row, column)
            else:
                item[column] = value
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
