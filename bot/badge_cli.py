"""`learnbot badge ...`: claim codes with QR codes, revocation, and checking badge files.

The operator's equivalents of the staff commands /codes and /revoke, plus `verify`, which
checks a baked PNG, a credential or a whole portfolio file offline and, when this
deployment's database is at hand, whether a badge it issued has been revoked.
"""

import argparse
import csv
import json
import re
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings

USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
DURATION = re.compile(r"^(\d{1,4})([mhd])$")
RESULT = {
    "verified": "VALID",
    "expired": "EXPIRED",
    "revoked": "REVOKED",
    "invalid": "INVALID",
    "unverifiable": "NOT VERIFIED (could not be checked offline)",
}


def add_badge_commands(commands: Any) -> None:
    """The `badge` command and its subcommands."""
    badge = commands.add_parser("badge", help="claim codes, revocation, checking badge files")
    sub = badge.add_subparsers(dest="badge_command", required=True)
    codes = sub.add_parser("codes", help="make claim codes, each with a QR code of its link")
    codes.add_argument("--opportunity", required=True, help="catalogue id (or database id)")
    kind = codes.add_mutually_exclusive_group()
    kind.add_argument("--single", type=int, metavar="N", help="N single-use codes")
    kind.add_argument("--session", action="store_true", help="one session code (the default)")
    codes.add_argument(
        "--expires",
        help="how long codes work: 90m, 3h, 2d, or a local time like 2027-05-03T18:00 "
        "(default: 3h for a session code; single-use codes don't expire)",
    )
    codes.add_argument("--cap", type=int, default=30, help="people per session code (30)")
    codes.add_argument("--bot", help="the bot's @username (default: LEARNBOT_BOT_USERNAME)")
    codes.add_argument("--out", type=Path, help="folder for a QR PNG per code and codes.csv")
    revoke = sub.add_parser("revoke", help="revoke an award: verification then reports it")
    revoke.add_argument("award", type=int, help="the award number (/revoke lists them)")
    revoke.add_argument("--reason", required=True, help="why, shown to the learner")
    verify = sub.add_parser(
        "verify", help="check a badge file: signature, tampering, expiry and revocation"
    )
    verify.add_argument("file", type=Path, help="a baked PNG, a credential or portfolio JSON")
    verify.add_argument("--json", action="store_true", help="print the results as JSON")


def run_badge_command(
    settings: Settings, args: argparse.Namespace, *, bot_username: str | None
) -> int:
    """Run `learnbot badge <command>`."""
    if args.badge_command == "codes":
        return _codes(settings, args, bot_username=args.bot or bot_username)
    if args.badge_command == "revoke":
        return _revoke(settings, args.award, args.reason)
    return _verify(settings, args.file, as_json=args.json)


def _expiry(text: str | None, settings: Settings, now: datetime) -> datetime | None:
    if text is None:
        return None
    match = DURATION.match(text.strip())
    if match:
        unit = {"m": "minutes", "h": "hours", "d": "days"}[match[2]]
        return now + timedelta(**{unit: int(match[1])})
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.timezone)


def _codes(settings: Settings, args: argparse.Namespace, *, bot_username: str | None) -> int:
    from catalogue.badges import (
        EVERYTHING,
        SESSION,
        SINGLE,
        BadCodeRequest,
        claim_link,
        create_claim_codes,
        find_opportunity,
        format_code,
        qr_png,
    )
    from catalogue.db import connected, session_scope, upgrade

    username = (bot_username or "").lstrip("@")
    if not USERNAME.match(username):
        print(
            "learnbot badge codes: give the bot's @username with --bot (or set "
            "LEARNBOT_BOT_USERNAME), so the QR codes open your bot",
            file=sys.stderr,
        )
        return 2
    now = datetime.now(UTC)
    try:
        expires_at = _expiry(args.expires, settings, now)
    except ValueError:
        print(f"learnbot badge codes: can't read --expires {args.expires!r}", file=sys.stderr)
        return 2
    kind = SINGLE if args.single is not None else SESSION
    if kind == SESSION and expires_at is None:
        expires_at = now + timedelta(hours=3)
    with connected(settings.database_url) as engine:
        upgrade(engine)
        with session_scope(engine) as session:
            opportunity = find_opportunity(session=session, reference=args.opportunity)
            if opportunity is None:
                print(
                    f"learnbot badge codes: no such opportunity {args.opportunity!r}",
                    file=sys.stderr,
                )
                return 1
            try:
                made = create_claim_codes(
                    session=session,
                    opportunity=opportunity,
                    scope=EVERYTHING,
                    created_by=0,  # the operator, at the command line
                    kind=kind,
                    now=now,
                    count=args.single or 1,
                    expires_at=expires_at,
                    max_uses=args.cap if kind == SESSION else None,
                )
            except BadCodeRequest as error:
                print(f"learnbot badge codes: {error}", file=sys.stderr)
                return 1
            title, catalogue_id = opportunity.title, opportunity.catalogue_id
    links = [(format_code(new.code), claim_link(username, new.code)) for new in made]
    if kind == SESSION:
        until = made[0].expires_at
        assert until is not None
        print(
            f"Session code for {title} ({catalogue_id}): works until "
            f"{until.astimezone(settings.timezone):%Y-%m-%d %H:%M} ({settings.timezone.key}), "
            f"for up to {made[0].max_uses} people."
        )
    else:
        ends = (
            f", until {expires_at.astimezone(settings.timezone):%Y-%m-%d %H:%M}"
            if expires_at
            else ""
        )
        print(f"{len(made)} single-use codes for {title} ({catalogue_id}){ends}:")
    for code, link in links:
        print(f"  {code}  {link}")
    if args.out is None:
        print("Codes are shown only now (only their hashes are kept). --out DIR saves QR codes.")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "codes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "link", "opportunity", "expires"])
        for (code, link), new in zip(links, made, strict=True):
            expires = new.expires_at.isoformat() if new.expires_at else ""
            writer.writerow([code, link, catalogue_id, expires])
            (args.out / f"{code}.png").write_bytes(qr_png(link))
    print(f"Wrote {len(made)} QR code(s) and codes.csv to {args.out}.")
    return 0


def _revoke(settings: Settings, award_id: int, reason: str) -> int:
    from catalogue.badges import EVERYTHING, AwardNotFound, revoke_award
    from catalogue.db import connected, session_scope, upgrade

    if not reason.strip():
        print("learnbot badge revoke: give a --reason (the learner sees it)", file=sys.stderr)
        return 2
    with connected(settings.database_url) as engine:
        upgrade(engine)
        try:
            with session_scope(engine) as session:
                award, fresh = revoke_award(
                    session=session,
                    award_id=award_id,
                    reason=reason,
                    scope=EVERYTHING,
                    now=datetime.now(UTC),
                )
                name = award.name
        except AwardNotFound:
            print(f"learnbot badge revoke: no learnbot award {award_id}", file=sys.stderr)
            return 1
    if fresh:
        print(f"Revoked award {award_id} ({name}): {' '.join(reason.split())}")
    else:
        print(f"Award {award_id} ({name}) was already revoked.")
    return 0


def _database_ready(url: str) -> bool:
    """Whether there is a learnbot database to ask (never creates one just to verify)."""
    from sqlalchemy.engine import make_url

    from catalogue.db import connected, current_revision, head_revision

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (
        not parsed.database or not Path(parsed.database).is_file()
    ):
        return False
    try:
        with connected(url) as engine:
            return current_revision(engine) == head_revision()
    except Exception:
        return False


def _verify(settings: Settings, path: Path, *, as_json: bool) -> int:
    from catalogue.badge_files import BadgeFileError, check_badge_file
    from catalogue.badges import check_revocation
    from catalogue.credentials import BadgeIssuer
    from catalogue.db import connected, session_scope

    if not path.is_file():
        print(f"learnbot badge verify: no such file: {path}", file=sys.stderr)
        return 2
    trusted = BadgeIssuer.in_data_dir(settings.data_dir).trusted_dids()
    try:
        checked = check_badge_file(path.read_bytes(), trusted_dids=trusted, now=datetime.now(UTC))
    except BadgeFileError as error:
        print(f"learnbot badge verify: {path}: {error}", file=sys.stderr)
        return 2
    results = [result for result, _ in checked]
    if _database_ready(settings.database_url):
        with connected(settings.database_url) as engine, session_scope(engine) as session:
            results = [check_revocation(result, session=session) for result in results]
    results = [_revocation_offline(result) for result in results]
    if as_json:
        print(json.dumps([asdict(result) for result in results], default=str, indent=2))
    else:
        _print_results(path, results)
    return 0 if all(result.status == "verified" for result in results) else 1


def _revocation_offline(result: Any) -> Any:
    """Say plainly what an offline check can't know about revocation."""
    if result.revocation != "not checked":
        return result
    if result.status == "invalid":
        return result.not_revoked("not checked: the badge itself failed")
    if result.issued_here:
        return result.not_revoked(
            "not checked: this learnbot's database isn't available here (DATABASE_URL)"
        )
    return result.not_revoked("not checked: only the issuer's own records can say (offline check)")


def _print_results(path: Path, results: list[Any]) -> None:
    plural = "badge" if len(results) == 1 else "badges"
    print(f"{path}: {len(results)} {plural}")
    for number, result in enumerate(results, start=1):
        issuer = result.issuer_name or "unnamed issuer"
        if result.issuer_id:
            issuer += f" ({result.issuer_id})"
        if result.issued_here:
            issuer += ", this learnbot"
        print()
        print(f"{number}. {result.name or '(no name)'}")
        rows = [
            ("format", result.format),
            ("issuer", issuer),
            ("for", result.creator),
            ("issued", f"{result.valid_from:%Y-%m-%d}" if result.valid_from else ""),
            ("skills", ", ".join(result.skills)),
            ("credential", result.credential_id or ""),
            ("signature", result.signature),
            ("tampering", result.tampering),
            ("expiry", result.expiry),
            ("revocation", result.revocation),
            ("result", f"{RESULT.get(result.status, result.status)}: {result.reason}"),
        ]
        for label, value in rows:
            if value:
                print(f"   {label + ':':<12}{value}")
