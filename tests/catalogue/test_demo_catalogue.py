"""Checks on the bundled demo catalogue, read with nothing but the stdlib csv module."""

import csv
import math
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CSV_PATH = Path(__file__).resolve().parents[2] / "catalogue" / "data" / "demo_catalogue.csv"

HEADER = [
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
]
SKILLS = {
    "Communication",
    "Teamwork",
    "Leadership",
    "Creativity",
    "Problem solving",
    "Digital skills",
    "Self-management",
    "Resilience",
    "Planning",
    "Numeracy",
    "Literacy",
    "Customer service",
    "Enterprise",
}
# Great Britain, Scilly to Shetland and St Kilda to Lowestoft, with a little slack.
GB_LAT = (49.8, 61.0)
GB_LON = (-8.7, 1.8)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")
COST_RE = re.compile(r"free|£\d+(\.\d{2})?")
NEAR_KM = 15.0
# area -> (centres as (lat, lon), words that place a row there by its location text)
CITIES = {
    "Brighton & Hove": (
        [(50.8284, -0.1395)],
        ("Brighton", "Hove", "Shoreham", "Lewes", "Portslade"),
    ),
    "Plymouth": ([(50.3715, -4.1430)], ("Plymouth",)),
    "Southampton": ([(50.9040, -1.4043)], ("Southampton", "Eastleigh")),
    "Cambridge and Peterborough": (
        [(52.2053, 0.1218), (52.5736, -0.2478)],
        ("Cambridge", "Peterborough"),
    ),
    "Manchester and Salford": (
        [(53.4808, -2.2426), (53.4877, -2.2904)],
        ("Manchester", "Salford"),
    ),
}


def read_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_rows()


def in_person(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if row["location"] != "online"]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_has_at_least_300_rows(rows):
    """The demo catalogue holds at least 300 opportunities."""
    assert len(rows) >= 300


def test_header_is_exact():
    """The header row is exactly the catalogue format's 16 columns, in order."""
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == HEADER


def test_every_row_has_every_column(rows):
    """No row is short or long: every record has exactly the header's fields."""
    assert all(None not in row and None not in row.values() for row in rows)


def test_ids_are_unique(rows):
    """Every id is present and used by one row only."""
    ids = [row["id"] for row in rows]
    assert all(ids)
    assert len(ids) == len(set(ids))


def test_every_row_has_a_title_description_provider_and_badge(rows):
    """Each opportunity names its title, description, provider and the badge it earns."""
    for row in rows:
        for column in ("title", "description", "provider", "badge"):
            assert row[column].strip(), (row["id"], column)


def test_skills_are_one_to_four_from_the_fixed_list(rows):
    """Each row lists 1-4 distinct skills, all from the fixed skills list."""
    for row in rows:
        skills = row["skills"].split(";")
        assert 1 <= len(skills) <= 4, row["id"]
        assert len(set(skills)) == len(skills), row["id"]
        assert set(skills) <= SKILLS, (row["id"], row["skills"])


def test_tags_are_plain_lower_case_words(rows):
    """Tags are non-empty, ';'-separated and in lower case."""
    for row in rows:
        tags = row["tags"].split(";")
        assert all(tag and tag == tag.strip() for tag in tags), row["id"]
        assert row["tags"] == row["tags"].lower(), row["id"]


def test_coordinates_come_in_pairs(rows):
    """Latitude and longitude are either both given or both empty."""
    for row in rows:
        assert bool(row["latitude"]) == bool(row["longitude"]), row["id"]


def test_in_person_coordinates_are_inside_great_britain(rows):
    """Every in-person row with coordinates lies inside Great Britain's bounding box."""
    located = [row for row in in_person(rows) if row["latitude"]]
    assert located
    for row in located:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert GB_LAT[0] <= lat <= GB_LAT[1], row["id"]
        assert GB_LON[0] <= lon <= GB_LON[1], row["id"]


def test_online_rows_have_no_coordinates(rows):
    """Online opportunities leave latitude and longitude empty."""
    online = [row for row in rows if row["location"] == "online"]
    assert online
    assert all(not row["latitude"] and not row["longitude"] for row in online)


def test_dates_parse_and_end_is_not_before_start(rows):
    """starts_at/ends_at are both empty or both ISO dates, and ends_at >= starts_at."""
    for row in rows:
        start, end = row["starts_at"], row["ends_at"]
        assert bool(start) == bool(end), row["id"]
        if not start:
            continue
        assert DATE_RE.fullmatch(start), (row["id"], start)
        assert DATE_RE.fullmatch(end), (row["id"], end)
        assert datetime.fromisoformat(end) >= datetime.fromisoformat(start), row["id"]


def test_min_age_is_not_above_max_age(rows):
    """Ages are whole numbers or empty, and min_age <= max_age when both are given."""
    for row in rows:
        low, high = row["min_age"], row["max_age"]
        assert low == "" or low.isdigit(), row["id"]
        assert high == "" or high.isdigit(), row["id"]
        if low and high:
            assert int(low) <= int(high), row["id"]


def test_costs_are_free_or_pounds(rows):
    """Cost is 'free' or a pound amount such as '£5'."""
    for row in rows:
        assert COST_RE.fullmatch(row["cost"]), (row["id"], row["cost"])


def test_urls_are_https_on_example_org(rows):
    """Every url is https on an example.org host."""
    for row in rows:
        parts = urlsplit(row["url"])
        assert parts.scheme == "https", row["id"]
        assert parts.hostname is not None, row["id"]
        assert parts.hostname == "example.org" or parts.hostname.endswith(".example.org")


@pytest.mark.parametrize("city", list(CITIES))
def test_each_city_has_at_least_40_rows(rows, city):
    """Each city of learning has at least 40 rows, by coordinates or by location text."""
    centres, words = CITIES[city]
    count = 0
    for row in in_person(rows):
        if row["latitude"]:
            point = (float(row["latitude"]), float(row["longitude"]))
            near = any(distance_km(point, centre) <= NEAR_KM for centre in centres)
        else:
            near = any(word in row["location"] for word in words)
        count += near
    assert count >= 40, (city, count)
