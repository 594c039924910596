"""The `learnbot` command as an operator or provider uses it."""

import json

import pytest

from bot.cli import main
from catalogue.catalogue_file import COLUMNS

HEADER = ",".join(COLUMNS)
FOOTBALL = (
    "bn-1,Five-a-Side Fridays,Floodlit five-a-side.,Kemptown Kickers,sport;football,"
    'Five-a-Side Regular,Teamwork,"Preston Park, Brighton",50.8425,-0.1470,,,16,25,free,'
    "https://kickers.example.org/five"
)
CODING = (
    "ol-1,Code Club Online,Learn Python together.,Code Crew,coding,Coder,Digital skills,online,"
    ",,,,16,25,free,https://codecrew.example.org/club"
)
GEOCODED = (
    "pl-1,Harbour Sailing,Learn to sail.,Plymouth Sailing,sailing,Sailor,Resilience,"
    "Plymouth,,,,,16,25,£5,https://sail.example.org/harbour"
)
BROKEN = "bn-2,,No title here,,sport,,,Brighton,,,,,16,25,tenner,http://x.example.org"


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LEARNBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    return tmp_path


def write(tmp_path, *rows, name="catalogue.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_reports_every_problem_and_imports_nothing(cli_env, capsys):
    """A file with a bad row is refused whole, each problem named by line and field."""
    path = write(cli_env, FOOTBALL, BROKEN)
    assert main(["catalogue", "import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "line 3, title: is required" in err
    assert "line 3, cost: expected 'free' or an amount like '£5', got 'tenner'" in err
    assert "Nothing imported" in out
    main(["catalogue", "export"])
    assert capsys.readouterr().out.strip() == HEADER


def test_skip_invalid_imports_the_good_rows_and_geocodes(cli_env, capsys):
    """--skip-invalid imports valid rows; rows without coordinates are placed from the town."""
    path = write(cli_env, FOOTBALL, CODING, GEOCODED, BROKEN)
    assert main(["catalogue", "import", str(path), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "4 rows: 3 valid, 1 with problems; 1 geocoded." in out
    assert "Imported: 3 new, 0 updated, 0 unchanged." in out
    assert main(["catalogue", "import", str(path), "--skip-invalid"]) == 0
    assert "Imported: 0 new, 0 updated, 3 unchanged." in capsys.readouterr().out


def test_dry_run_checks_without_importing(cli_env, capsys):
    """--dry-run validates and changes nothing."""
    path = write(cli_env, FOOTBALL)
    assert main(["catalogue", "import", str(path), "--dry-run"]) == 0
    assert "Dry run: nothing imported." in capsys.readouterr().out
    main(["catalogue", "export"])
    assert capsys.readouterr().out.strip() == HEADER


def test_export_round_trips_as_csv_and_json(cli_env, capsys):
    """What was imported exports in the same format, CSV or JSON."""
    path = write(cli_env, FOOTBALL, CODING)
    main(["catalogue", "import", str(path)])
    capsys.readouterr()
    main(["catalogue", "export"])
    assert capsys.readouterr().out.splitlines() == [
        HEADER,
        FOOTBALL.replace("-0.1470", "-0.147"),  # numbers are written in their shortest form
        CODING,
    ]
    main(["catalogue", "export", "--format", "json"])
    items = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in items] == ["bn-1", "ol-1"]
    assert items[0]["tags"] == ["sport", "football"]


def test_search_prints_json_results_with_reasons(cli_env, capsys):
    """`learnbot search footy --place brigton --json` gives the documented JSON shape."""
    main(["catalogue", "import", str(write(cli_env, FOOTBALL, CODING))])
    capsys.readouterr()
    assert main(["search", "footy", "--place", "brigton", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["id"] == "bn-1"
    assert {"id", "title", "score", "distance_km", "reasons"} <= set(results[0])
    assert results[0]["distance_km"] < 5
    assert any("Football" in reason for reason in results[0]["reasons"])


def test_batch_search_writes_one_json_line_per_row(cli_env, capsys):
    """--batch reads text,place,age rows and writes one JSON list per row, in order."""
    main(["catalogue", "import", str(write(cli_env, FOOTBALL, CODING))])
    capsys.readouterr()
    queries = cli_env / "queries.csv"
    queries.write_text("text,place,age\nfooty,Brighton,17\ncoding,,20\nballet,Brighton,\n")
    assert main(["search", "--batch", str(queries)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [[r["id"] for r in line][:1] for line in lines] == [["bn-1"], ["ol-1"], []]
    assert lines[1][0]["distance_km"] is None


def test_search_with_an_unknown_place_says_so(cli_env, capsys):
    """A place the gazetteer can't find is a clear error, not empty results."""
    assert main(["search", "footy", "--place", "xqzzy"]) == 2
    assert "could not find the place 'xqzzy'" in capsys.readouterr().err


def test_db_upgrade_and_health(cli_env, capsys):
    """`db upgrade` reports the revision and `health` says healthy."""
    assert main(["db", "upgrade"]) == 0
    assert "Database is at revision" in capsys.readouterr().out
    assert main(["health"]) == 0
    assert capsys.readouterr().out.strip() == "healthy"
