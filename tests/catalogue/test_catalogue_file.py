"""Catalogue files: every problem is reported by line and field, saying what was expected."""

from datetime import datetime

from catalogue.catalogue_file import COLUMNS, format_csv, format_json, parse_catalogue

HEADER = ",".join(COLUMNS)
GOOD = (
    'bn-001,Five-a-Side,"Floodlit five-a-side, all welcome.",Kemptown Kickers,sport;football,'
    'Five-a-Side Regular,Teamwork;Resilience,"Preston Park, Brighton",50.8425,-0.1470,'
    "2027-05-03T18:30,2027-07-26,16,25,free,https://kickers.example.org/five"
)


def test_a_valid_row_is_read_with_its_types():
    """Lists, coordinates, dates and ages come out typed; a date-only end is the day's end."""
    parsed = parse_catalogue(f"{HEADER}\n{GOOD}\n")
    assert parsed.problems == []
    (row,) = parsed.rows
    assert row.tags == ("sport", "football")
    assert row.skills == ("Teamwork", "Resilience")
    assert (row.latitude, row.longitude) == (50.8425, -0.147)
    assert row.starts_at == datetime(2027, 5, 3, 18, 30)
    assert row.ends_at == datetime(2027, 7, 26, 23, 59, 59)
    assert (row.min_age, row.max_age, row.cost) == (16, 25, "free")


def test_each_problem_names_its_line_field_and_what_was_expected():
    """A provider can fix their file from the messages alone."""
    bad = (
        ",No id,,Provider,,Badge,,Brighton,95,-0.1,2027-13-01,,sixteen,,five pounds,"
        "http://insecure.example.org"
    )
    parsed = parse_catalogue(f"{HEADER}\n{GOOD}\n{bad}\n")
    assert len(parsed.rows) == 1
    problems = {(p.line, p.field): p.message for p in parsed.problems}
    assert problems[(3, "id")] == "is required"
    assert "between -90 and 90" in problems[(3, "latitude")]
    assert "ISO 8601" in problems[(3, "starts_at")]
    assert "whole number" in problems[(3, "min_age")]
    assert "'free' or an amount" in problems[(3, "cost")]
    assert "https://" in problems[(3, "url")]
    assert str(parsed.problems[0]).startswith("line 3, ")


def test_duplicate_ids_and_impossible_ranges_are_reported():
    """The same id twice, an end before the start, and max below min are each caught."""
    second = GOOD.replace("2027-05-03T18:30,2027-07-26,16,25", "2027-08-01,2027-07-26,18,16")
    parsed = parse_catalogue(f"{HEADER}\n{GOOD}\n{second}\n")
    fields = sorted(p.field for p in parsed.problems)
    assert fields == ["ends_at", "max_age"]
    third = GOOD
    parsed = parse_catalogue(f"{HEADER}\n{GOOD}\n{third}\n")
    assert [(p.line, p.field, p.message) for p in parsed.problems] == [
        (3, "id", "duplicate of line 2")
    ]


def test_json_files_use_the_same_keys_and_lists():
    """A JSON list of objects with list-valued tags imports like the CSV."""
    text = (
        '[{"id": "ol-1", "title": "Coding Club", "provider": "Code Crew", "tags": ["coding"],'
        ' "badge": "Coder", "skills": ["Digital skills"], "location": "online"}]'
    )
    parsed = parse_catalogue(text, suffix=".json")
    assert parsed.problems == []
    assert parsed.rows[0].online
    assert parsed.rows[0].tags == ("coding",)


def test_a_file_that_is_not_a_catalogue_says_so():
    """A missing header column or broken JSON is one clear problem, not a crash."""
    assert "missing" in parse_catalogue("name,age\nSam,17\n").problems[0].message
    assert parse_catalogue("{not json", suffix=".json").problems[0].field == "file"


def test_export_reads_back_to_the_same_rows():
    """CSV and JSON written by learnbot import again unchanged."""
    rows = parse_catalogue(f"{HEADER}\n{GOOD}\n").rows
    assert parse_catalogue(format_csv(rows)).rows == rows
    assert parse_catalogue(format_json(rows), suffix=".json").rows == rows
