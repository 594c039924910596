"""The `learnbot` command: run the bot, talk to it locally, manage the database and catalogue,
search and evaluate matching. This module is the only reader of `os.environ`.
"""

import argparse
import asyncio
import csv
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.badge_cli import add_badge_commands, run_badge_command
from bot.config import Settings, SettingsError
from bot.delivery_cli import add_delivery_commands, run_deliveries
from bot.logging import configure_logging
from bot.staff_cli import add_staff_commands, run_staff_command

logger = logging.getLogger(__name__)

DEMO_CATALOGUE = (
    Path(__file__).resolve().parent.parent / "catalogue" / "data" / "demo_catalogue.csv"
)


def _settings(*, require_token: bool = False, quiet: bool = False) -> Settings:
    settings = Settings.from_env(os.environ, require_token=require_token)
    # Interactive commands keep the terminal for the conversation unless LOG_LEVEL says otherwise.
    level = "WARNING" if quiet and "LOG_LEVEL" not in os.environ else settings.log_level
    configure_logging(level)
    return settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnbot",
        description="A Telegram bot that helps young people find badged learning opportunities.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot against Telegram (long polling)")
    run.add_argument("--webhook", action="store_true", help="receive updates by webhook instead")

    demo = commands.add_parser(
        "demo", help="talk to the bot in this terminal: no token, no network"
    )
    demo.add_argument("--fresh", action="store_true", help="start from an empty demo database")

    db = commands.add_parser("db", help="database schema")
    db.add_subparsers(dest="db_command", required=True).add_parser(
        "upgrade", help="apply migrations"
    )

    catalogue = commands.add_parser("catalogue", help="import or export the catalogue")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True)
    importing = catalogue_commands.add_parser("import", help="import a CSV or JSON catalogue file")
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    importing.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows even if some are not"
    )
    exporting = catalogue_commands.add_parser("export", help="write the catalogue as CSV or JSON")
    exporting.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    exporting.add_argument("--format", choices=("csv", "json"), default=None)

    search = commands.add_parser("search", help="search the catalogue like a learner would")
    search.add_argument("text", nargs="?", help="what the learner typed")
    where = search.add_mutually_exclusive_group()
    where.add_argument("--place", help="a town, postcode district or postcode")
    where.add_argument("--near", help="coordinates as LAT,LON")
    search.add_argument("--age", type=int)
    search.add_argument("--radius", type=float, default=30.0, help="kilometres (default 30)")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--batch", type=Path, help="CSV with columns text,place,age: JSON lines out"
    )
    search.add_argument(
        "--catalogue", type=Path, help="search this catalogue file instead of the database"
    )

    commands.add_parser(
        "health", help="exit 0 when the database answers and its schema is current"
    )

    evaluate = commands.add_parser("eval", help="measure quality")
    matching = evaluate.add_subparsers(dest="eval_command", required=True).add_parser(
        "matching", help="nDCG@10, recall@10 and errors on a judged query set"
    )
    matching.add_argument("--catalogue", type=Path, required=True)
    matching.add_argument("--queries", type=Path, required=True)
    add_badge_commands(commands)
    add_delivery_commands(commands)
    add_staff_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `learnbot` console script."""
    # Timedeltas for python-telegram-bot's durations (retry_after): the v22 forward-compatible way.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except SettingsError:
        raise
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "run":
        from bot.runner import run

        return run(_settings(require_token=True), webhook=args.webhook)
    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(_demo_settings(), fresh=args.fresh))
    if args.command == "db":
        return _upgrade(_settings(quiet=True))
    if args.command == "catalogue" and args.catalogue_command == "import":
        return _import(
            _settings(quiet=True), args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid
        )
    if args.command == "catalogue":
        return _export(_settings(quiet=True), args.output, args.format)
    if args.command == "search":
        return _search(_settings(quiet=True), args)
    if args.command == "health":
        return _health(_settings(quiet=True))
    if args.command == "eval":
        return _eval(args.catalogue, args.queries)
    if args.command in ("role", "provider", "stats"):
        return run_staff_command(_settings(quiet=True), args)
    if args.command == "deliveries":
        return run_deliveries(_settings(quiet=True), args)
    if args.command == "badge":
        return run_badge_command(
            _settings(quiet=True), args, bot_username=os.environ.get("LEARNBOT_BOT_USERNAME")
        )
    raise AssertionError(args.command)


def _demo_settings() -> Settings:
    settings = _settings(quiet=True)
    if os.environ.get("DATABASE_URL"):
        return settings
    # The demo keeps its own database, so trying it never touches a real bot's data.
    from dataclasses import replace

    return replace(settings, database_url=f"sqlite:///{settings.data_dir / 'demo.sqlite3'}")


def _upgrade(settings: Settings) -> int:
    from catalogue.db import connected, current_revision, upgrade

    with connected(settings.database_url) as engine:
        upgrade(engine)
        print(f"Database is at revision {current_revision(engine)}.")
    return 0


def _health(settings: Settings) -> int:
    from catalogue.db import connected, current_revision, head_revision

    try:
        with connected(settings.database_url) as engine:
            current = current_revision(engine)
    except Exception as error:
        print(f"unhealthy: database unreachable ({type(error).__name__})", file=sys.stderr)
        return 1
    if current != head_revision():
        print(f"unhealthy: schema at {current}, expected {head_revision()}", file=sys.stderr)
        return 1
    print("healthy")
    return 0


def _import(settings: Settings, path: Path, *, dry_run: bool, skip_invalid: bool) -> int:
    from tqdm import tqdm

    from catalogue.catalogue_file import read_catalogue
    from catalogue.db import connected, session_scope, upgrade
    from catalogue.importer import geocode_rows, import_rows
    from catalogue.places import default_gazetteer

    if not path.is_file():
        print(f"learnbot: no such file: {path}", file=sys.stderr)
        return 2
    parsed = read_catalogue(path)
    gazetteer = default_gazetteer()

    def locate(text: str) -> tuple[float, float] | None:
        place = gazetteer.locate(text)
        return None if place is None else (place.lat, place.lon)

    rows, geo_problems, geocoded = geocode_rows(parsed.rows, locate)
    problems = sorted([*parsed.problems, *geo_problems], key=lambda p: (p.line, p.field))
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    valid = len(rows)
    print(
        f"{parsed.total} rows: {valid} valid, {parsed.total - valid} with problems; "
        f"{geocoded} geocoded."
    )
    if problems and not skip_invalid:
        print(
            "Nothing imported: fix the rows above, or use --skip-invalid to import the valid ones."
        )
        return 1
    if dry_run:
        print("Dry run: nothing imported.")
        return 0
    with (
        connected(settings.database_url) as engine,
        tqdm(total=len(rows), unit="rows", disable=len(rows) < 5000, file=sys.stderr) as bar,
    ):
        upgrade(engine)
        with session_scope(engine) as session:
            report = import_rows(
                session=session, rows=rows, timezone=settings.timezone, progress=bar.update
            )
    print(
        f"Imported: {report.created} new, {report.updated} updated, {report.unchanged} unchanged."
    )
    return 0


def _export(settings: Settings, output: Path | None, format_: str | None) -> int:
    from catalogue.catalogue_file import format_csv, format_json
    from catalogue.db import connected, session_scope, upgrade
    from catalogue.importer import export_rows

    with connected(settings.database_url) as engine:
        upgrade(engine)
        with session_scope(engine) as session:
            rows = export_rows(session=session, timezone=settings.timezone)
    json_wanted = format_ == "json" or (
        format_ is None and output is not None and output.suffix == ".json"
    )
    text = format_json(rows) if json_wanted else format_csv(rows)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"Wrote {len(rows)} opportunities to {output}.", file=sys.stderr)
    return 0


def _search(settings: Settings, args: argparse.Namespace) -> int:
    from catalogue.matching import Query
    from catalogue.places import default_gazetteer
    from catalogue.search import load_index, result_json

    if not args.text and not args.batch:
        print("learnbot search: give the TEXT to search for, or --batch FILE.csv", file=sys.stderr)
        return 2
    index = load_index(
        settings.database_url,
        settings.timezone,
        catalogue_file=args.catalogue,
        fallback=DEMO_CATALOGUE,
    )
    gazetteer = default_gazetteer()

    def point(place: str | None) -> tuple[float, float] | None:
        if not place:
            return None
        lookup = gazetteer.lookup(place)
        found = lookup.place or (lookup.candidates[0] if lookup.candidates else None)
        return None if found is None else (found.lat, found.lon)

    if args.batch:
        with args.batch.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                where = point(row.get("place"))
                age = (row.get("age") or "").strip()
                result = index.search(
                    Query(
                        text=row.get("text") or "",
                        lat=where[0] if where else None,
                        lon=where[1] if where else None,
                        age=int(age) if age.isdigit() else None,
                        radius_km=args.radius,
                        limit=args.limit,
                    )
                )
                sys.stdout.write(json.dumps(result_json(result), ensure_ascii=False) + "\n")
        return 0
    if args.near:
        try:
            lat_text, lon_text = args.near.split(",")
            where = (float(lat_text), float(lon_text))
        except ValueError:
            print("learnbot search: --near takes LAT,LON like 50.82,-0.14", file=sys.stderr)
            return 2
    else:
        where = point(args.place)
        if args.place and where is None:
            print(f"learnbot search: could not find the place {args.place!r}", file=sys.stderr)
            return 2
    result = index.search(
        Query(
            text=args.text,
            lat=where[0] if where else None,
            lon=where[1] if where else None,
            age=args.age,
            radius_km=args.radius,
            limit=args.limit,
        )
    )
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False, indent=2))
        return 0
    from catalogue.search import format_result

    print(format_result(result))
    return 0


def _eval(catalogue: Path, queries: Path) -> int:
    from catalogue.evaluation import run_matching_eval

    report = run_matching_eval(catalogue, queries)
    print(report.format())
    return 0


if __name__ == "__main__":
    sys.exit(main())
