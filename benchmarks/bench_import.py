"""Catalogue import speed: `learnbot catalogue import` on a synthetic 100k-row file.

    python benchmarks/bench_import.py [--rows 100000] [--database-url URL]

Measures parsing + validation, geocoding of rows without coordinates, and the bulk database
write, and compares the write with a naive baseline (one ORM object per row) in the same run.
"""

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session

from catalogue.catalogue_file import COLUMNS, read_catalogue
from catalogue.db import create_db_engine, upgrade
from catalogue.importer import geocode_rows, import_rows
from catalogue.models import Badge, Opportunity, Provider
from catalogue.places import default_gazetteer

LONDON = ZoneInfo("Europe/London")
TOWNS = ["Brighton", "Plymouth", "Southampton", "Cambridge", "Manchester", "Salford", "Truro"]
TAGS = ["football", "coding", "music production", "photography", "cooking", "volunteering"]


def write_catalogue(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            tag = rng.choice(TAGS)
            town = rng.choice(TOWNS)
            placed = rng.random() < 0.9
            writer.writerow(
                [
                    f"syn-{n:07d}",
                    f"{tag.title()} session {n}",
                    f"A friendly {tag} session for young people in {town}.",
                    f"Provider {n % 500}",
                    f"{tag};community",
                    f"{tag.title()} Badge {n % 50}",
                    "Teamwork;Creativity",
                    f"Community Centre, {town}",
                    f"{50 + rng.random() * 3:.4f}" if placed else "",
                    f"{-4 + rng.random() * 3:.4f}" if placed else "",
                    "2027-05-03" if n % 3 else "",
                    "2027-07-26" if n % 3 else "",
                    16,
                    25,
                    "free" if n % 4 else "£5",
                    f"https://provider{n % 500}.example.org/{n}",
                ]
            )


def naive_import(engine, rows) -> None:
    """The baseline: one ORM object per row, as a first version might write it."""
    with Session(engine) as session:
        providers: dict[str, Provider] = {}
        badges: dict[tuple[str, str], Badge] = {}
        for row in rows:
            provider = providers.get(row.provider)
            if provider is None:
                provider = providers[row.provider] = Provider(name=row.provider)
                session.add(provider)
                session.flush()
            badge = badges.get((row.provider, row.badge))
            if badge is None:
                badge = Badge(provider_id=provider.id, name=row.badge, skills=list(row.skills))
                badges[(row.provider, row.badge)] = badge
                session.add(badge)
                session.flush()
            session.add(
                Opportunity(
                    catalogue_id=row.id,
                    provider_id=provider.id,
                    badge_id=badge.id,
                    title=row.title,
                    description=row.description,
                    tags=list(row.tags),
                    location=row.location,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    min_age=row.min_age,
                    max_age=row.max_age,
                    cost=row.cost,
                    url=row.url,
                )
            )
            session.flush()
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = base / "catalogue.csv"
        write_catalogue(path, args.rows)
        started = time.perf_counter()
        parsed = read_catalogue(path)
        parse_s = time.perf_counter() - started
        gazetteer = default_gazetteer()

        def locate(text):
            place = gazetteer.locate(text)
            return None if place is None else (place.lat, place.lon)

        started = time.perf_counter()
        rows, problems, geocoded = geocode_rows(parsed.rows, locate)
        geo_s = time.perf_counter() - started
        assert not parsed.problems
        assert not problems

        def engine_for(name):
            url = args.database_url or f"sqlite:///{base / name}"
            engine = create_db_engine(url)
            upgrade(engine)
            return engine

        engine = engine_for("bulk.sqlite3")
        started = time.perf_counter()
        with Session(engine) as session:
            report = import_rows(session=session, rows=rows, timezone=LONDON)
            session.commit()
        write_s = time.perf_counter() - started
        started = time.perf_counter()
        with Session(engine) as session:
            again = import_rows(session=session, rows=rows, timezone=LONDON)
            session.commit()
        reimport_s = time.perf_counter() - started
        if args.database_url:
            print("(baseline skipped on a shared database URL)")
            baseline_rate = None
        else:
            baseline_rows = rows[: args.baseline_rows]
            started = time.perf_counter()
            naive_import(engine_for("naive.sqlite3"), baseline_rows)
            baseline_rate = len(baseline_rows) / (time.perf_counter() - started)
    rate = len(rows) / write_s
    print(f"| step | {args.rows:,} rows |")
    print("|---|---|")
    print(f"| parse and validate | {parse_s:.1f} s |")
    print(f"| geocode {geocoded:,} rows without coordinates | {geo_s:.1f} s |")
    print(f"| database write ({report.created:,} new) | {write_s:.1f} s ({rate:,.0f} rows/s) |")
    print(f"| re-import, all unchanged ({again.unchanged:,}) | {reimport_s:.1f} s |")
    print(f"| total first import | {parse_s + geo_s + write_s:.1f} s |")
    if baseline_rate:
        print(
            f"| baseline: one ORM object per row | {baseline_rate:,.0f} rows/s "
            f"(bulk write is {rate / baseline_rate:.1f}x faster) |"
        )


if __name__ == "__main__":
    main()
