"""`learnbot role ...`, `learnbot provider ...` and `learnbot stats`: staff administration and
the learner funnel from the command line (totals only, as in chat).
"""

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from bot.config import Settings


def add_staff_commands(commands: "argparse._SubParsersAction[Any]") -> None:
    """Add the staff commands to the `learnbot` parser."""
    role = commands.add_parser("role", help="grant or remove staff roles")
    role_commands = role.add_subparsers(dest="role_command", required=True)
    add = role_commands.add_parser("add", help="grant a role to a Telegram user id")
    add.add_argument("telegram_id", type=int)
    add.add_argument("role", choices=("admin", "moderator", "youth_worker", "provider"))
    add.add_argument("--provider", help="the provider (name or number) for a provider member")
    add.add_argument(
        "--organisation", help="a youth worker's organisation, shown to learners they refer"
    )
    remove = role_commands.add_parser("remove", help="remove a role from a Telegram user id")
    remove.add_argument("telegram_id", type=int)
    remove.add_argument("role", choices=("admin", "moderator", "youth_worker", "provider"))
    role_commands.add_parser("list", help="everyone holding a staff role")

    provider = commands.add_parser("provider", help="approve organisations that asked to join")
    provider_commands = provider.add_subparsers(dest="provider_command", required=True)
    approve = provider_commands.add_parser("approve", help="approve a waiting organisation")
    approve.add_argument("provider", help="its name or number")
    provider_commands.add_parser("pending", help="organisations waiting for approval")

    stats = commands.add_parser("stats", help="the learner funnel (totals only)")
    stats.add_argument("--json", action="store_true", help="print JSON")


def _engine(settings: Settings) -> Any:
    from catalogue.db import create_db_engine, upgrade

    engine = create_db_engine(settings.database_url)
    upgrade(engine)
    return engine


def run_staff_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `role`, `provider` or `stats`; returns the exit code."""
    engine = _engine(settings)
    try:
        if args.command == "role":
            return _role(settings, engine, args)
        if args.command == "provider":
            return _provider(engine, args)
        return _stats(settings, engine, as_json=args.json)
    finally:
        engine.dispose()  # close pooled connections now, not whenever they are collected


def _role(settings: Settings, engine: Any, args: argparse.Namespace) -> int:
    from catalogue.db import session_scope
    from catalogue.models import StaffRole
    from catalogue.providers import find_provider
    from catalogue.roles import PROVIDER, grant_role, revoke_role, staff_members

    with session_scope(engine) as session:
        if args.role_command == "list":
            members: list[StaffRole] = staff_members(session=session)
            for member in members:
                extra = f" provider {member.provider_id}" if member.provider_id else ""
                extra += f" ({member.organisation})" if member.organisation else ""
                print(f"{member.telegram_id} {member.role}{extra}")
            for admin_id in sorted(settings.admin_ids):
                print(f"{admin_id} admin (LEARNBOT_ADMIN_IDS)")
            return 0
        if args.role_command == "remove":
            removed = revoke_role(session=session, telegram_id=args.telegram_id, role=args.role)
            print(f"Removed {removed} {args.role} role(s) from {args.telegram_id}.")
            return 0
        provider_id = None
        if args.role == PROVIDER:
            if not args.provider:
                print("learnbot role add: a provider member needs --provider", file=sys.stderr)
                return 2
            provider = find_provider(session=session, key=args.provider)
            if provider is None:
                print(f"learnbot: no provider {args.provider!r}", file=sys.stderr)
                return 2
            provider_id = provider.id
        granted = grant_role(
            session=session,
            telegram_id=args.telegram_id,
            role=args.role,
            provider_id=provider_id,
            organisation=args.organisation,
        )
    print(
        f"{'Granted' if granted else 'Already held'}: {args.role} for {args.telegram_id}. "
        "They can type /staff in the bot."
    )
    return 0


def _provider(engine: Any, args: argparse.Namespace) -> int:
    from catalogue.db import session_scope
    from catalogue.providers import approve_provider, find_provider, pending_providers

    with session_scope(engine) as session:
        if args.provider_command == "pending":
            for request in pending_providers(session=session):
                print(f"{request.id}\t{request.name}\t{request.about}")
            return 0
        provider = find_provider(session=session, key=args.provider)
        if provider is None or provider.id is None:
            print(f"learnbot: no provider {args.provider!r}", file=sys.stderr)
            return 2
        members = approve_provider(session=session, provider_id=provider.id)
        name = provider.name
    if members is None:
        print(f"{name} was already approved.")
    else:
        print(f"Approved {name} ({len(members)} member(s)).")
    return 0


def _stats(settings: Settings, engine: Any, *, as_json: bool) -> int:
    from catalogue.db import session_scope
    from catalogue.search import CatalogueSearch
    from catalogue.stats import funnel, learner_has_match, shown

    search = CatalogueSearch(engine, timezone=settings.timezone)
    with session_scope(engine) as session:
        totals = funnel(session=session, has_match=learner_has_match(search))
    counts = {key: value for key, value in asdict(totals).items() if value is not None}
    if as_json:
        # Small counts are left out (null), as staff see them in chat.
        print(json.dumps({key: shown(value) for key, value in counts.items()}, indent=2))
        return 0
    for key, value in counts.items():
        safe = shown(value)
        print(f"{key.replace('_', ' ')}: {'fewer than 5' if safe is None else safe}")
    return 0
