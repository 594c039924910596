"""Providers: registration and approval, the opportunities they add in chat or by file, and
the aggregate reach they may see (never who).

An organisation that registers in chat starts unapproved; its members can do nothing that
reaches learners until an admin approves it. Providers only ever touch their own
opportunities: every store function here takes the provider and checks ownership.
"""

import csv
import io
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from catalogue.catalogue_file import COST_PATTERN, CatalogueRow, Problem, parse_row
from catalogue.importer import ImportReport, bump_catalogue_version, geocode_rows, import_rows
from catalogue.models import Badge, Opportunity, Provider, SavedOpportunity, StaffRole, utcnow
from catalogue.opportunities import OpportunityView, get_opportunity
from catalogue.roles import PROVIDER, grant_role, provider_ids_of
from catalogue.screening import contact_details, link_problem, text_problems

Locate = Callable[[str], tuple[float, float] | None]

MAX_NAME = 100
MAX_ABOUT = 300
MAX_TITLE = 120
MAX_DESCRIPTION = 1500
MAX_BADGE = 80
MAX_YEARS_AHEAD = 2

REQUESTED = "requested"
NAME_TAKEN = "name_taken"
PENDING = "pending"
INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class ProviderRequest:
    """An organisation waiting for an admin's approval."""

    id: int
    name: str
    about: str
    requested_by: tuple[int, ...]
    requested_at: datetime


@dataclass(frozen=True, slots=True)
class Reach:
    """What a provider may know about one opportunity: totals, never who."""

    opportunity: OpportunityView
    saved: int


# --- registration and approval -------------------------------------------------------------


def clean_name(text: str) -> str:
    """An organisation name with spacing tidied."""
    return " ".join(text.split())[:MAX_NAME]


def name_problem(name: str) -> str | None:
    """Why a name can't be an organisation's (too short or long, contact details), or None."""
    if not 2 <= len(name) <= MAX_NAME:
        return "length"
    problems = text_problems(name)
    return problems[0] if problems else None


def find_provider(*, session: Session, key: str) -> Provider | None:
    """A provider by id or by name (any case)."""
    key = key.strip()
    if key.isdigit() and len(key) < 10:
        return session.get(Provider, int(key))
    return session.exec(
        select(Provider).where(func.lower(Provider.name) == clean_name(key).lower())
    ).first()


def register_provider(*, session: Session, telegram_id: int, name: str, about: str) -> str:
    """Ask to join as a new organisation: requested, name_taken, pending (already asked)."""
    name = clean_name(name)
    if name_problem(name) or text_problems(about, links_allowed=True):
        return INVALID
    for provider in providers_of(session=session, telegram_id=telegram_id):
        if not provider.approved:
            return PENDING
    if find_provider(session=session, key=name) is not None:
        return NAME_TAKEN
    provider = Provider(name=name, about=" ".join(about.split())[:MAX_ABOUT], approved=False)
    session.add(provider)
    session.flush()
    grant_role(session=session, telegram_id=telegram_id, role=PROVIDER, provider_id=provider.id)
    return REQUESTED


def providers_of(*, session: Session, telegram_id: int) -> list[Provider]:
    """The organisations this person is a member of, approved or not."""
    ids = provider_ids_of(session=session, telegram_id=telegram_id)
    if not ids:
        return []
    return list(
        session.exec(select(Provider).where(col(Provider.id).in_(ids)).order_by(Provider.name))
    )


def approved_providers_of(*, session: Session, telegram_id: int) -> list[Provider]:
    """The approved organisations this person can act for."""
    return [p for p in providers_of(session=session, telegram_id=telegram_id) if p.approved]


def _members(session: Session, provider_id: int) -> tuple[int, ...]:
    rows = session.exec(
        select(StaffRole).where(StaffRole.role == PROVIDER, StaffRole.provider_id == provider_id)
    ).all()
    return tuple(sorted({row.telegram_id for row in rows}))


def pending_providers(*, session: Session) -> list[ProviderRequest]:
    """Organisations waiting for approval, oldest first."""
    rows = session.exec(
        select(Provider).where(col(Provider.approved).is_(False)).order_by(col(Provider.id))
    ).all()
    requests = []
    for provider in rows:
        assert provider.id is not None
        requests.append(
            ProviderRequest(
                provider.id,
                provider.name,
                provider.about,
                _members(session, provider.id),
                provider.created_at,
            )
        )
    return requests


def approve_provider(*, session: Session, provider_id: int) -> tuple[int, ...] | None:
    """Approve a waiting organisation; returns its members to tell, or None if not waiting."""
    provider = session.get(Provider, provider_id)
    if provider is None or provider.approved:
        return None
    provider.approved = True
    session.add(provider)
    session.flush()
    return _members(session, provider_id)


def reject_provider(*, session: Session, provider_id: int) -> tuple[int, ...] | None:
    """Turn down a waiting organisation: its members lose the role and the request goes."""
    provider = session.get(Provider, provider_id)
    if provider is None or provider.approved:
        return None
    members = _members(session, provider_id)
    session.execute(delete(StaffRole).where(col(StaffRole.provider_id) == provider_id))
    has_rows = session.exec(select(Badge.id).where(Badge.provider_id == provider_id)).first()
    if has_rows is None:
        session.delete(provider)
    session.flush()
    return members


# --- opportunities -------------------------------------------------------------------------


def provider_opportunities(*, session: Session, provider_ids: Sequence[int]) -> list[Reach]:
    """The providers' open opportunities, newest first, each with how many learners saved it."""
    if not provider_ids:
        return []
    rows = session.exec(
        select(Opportunity)
        .where(col(Opportunity.provider_id).in_(list(provider_ids)))
        .where(Opportunity.status == "published")
        .order_by(col(Opportunity.updated_at).desc(), col(Opportunity.id).desc())
    ).all()
    ids = [row.id for row in rows if row.id is not None]
    saves = dict(
        session.exec(
            select(SavedOpportunity.opportunity_id, func.count(col(SavedOpportunity.id)))
            .where(col(SavedOpportunity.opportunity_id).in_(ids))
            .group_by(col(SavedOpportunity.opportunity_id))
        ).all()
    )
    reaches = []
    for opportunity_id in ids:
        view = get_opportunity(session=session, opportunity_id=opportunity_id)
        if view is not None:
            reaches.append(Reach(view, int(saves.get(opportunity_id, 0))))
    return reaches


def owned_opportunity(
    *, session: Session, telegram_id: int, opportunity_id: int
) -> OpportunityView | None:
    """One opportunity, only if this person is a member of its approved provider."""
    row = session.get(Opportunity, opportunity_id)
    if row is None:
        return None
    owners = {p.id for p in approved_providers_of(session=session, telegram_id=telegram_id)}
    if row.provider_id not in owners:
        return None
    return get_opportunity(session=session, opportunity_id=opportunity_id)


def close_opportunity(*, session: Session, opportunity_id: int) -> bool:
    """Take an opportunity off the catalogue (learners no longer find it); False if closed."""
    row = session.get(Opportunity, opportunity_id)
    if row is None or row.status != "published":
        return False
    row.status = "closed"
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    bump_catalogue_version(session=session)
    return True


# --- one field at a time, for the guided conversation ---------------------------------------


def text_field_problem(text: str, *, low: int, high: int) -> str | None:
    """Why a title, description or badge name can't be used, or None."""
    text = text.strip()
    if len(text) < low:
        return "short"
    if len(text) > high:
        return "long"
    found = contact_details(text) or tuple(
        p for p in text_problems(text, links_allowed=True) if p != "link_in_text"
    )
    return found[0] if found else None


_DAY = r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})"
_TIME = r"(\d{1,2})[:.](\d{2})"
_WHEN = re.compile(
    rf"^(?P<day>{_DAY})(?:\s+(?:at\s+)?(?P<time>{_TIME}))?"
    rf"(?:\s*(?:to|-|until)\s*(?:(?P<endday>{_DAY})\s*)?(?P<endtime>{_TIME})?)?$"
)


def _day(text: str) -> date:
    if "-" in text:
        year, month, day = (int(part) for part in text.split("-"))
    else:
        day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _time(text: str | None, default: time) -> time:
    if not text:
        return default
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    return time(hours, minutes)


def parse_when(text: str, *, now: datetime) -> tuple[datetime, datetime | None] | None:
    """A start (and optional end) typed as `2027-05-03 18:00 to 20:00` or `3/5/2027`.

    Times are UK wall-clock, naive, as catalogue rows keep them. None if it isn't a date, is
    over, or is more than two years away.
    """
    match = _WHEN.match(" ".join(text.lower().split()))
    if match is None:
        return None
    try:
        start = datetime.combine(_day(match["day"]), _time(match["time"], time(0, 0)))
        end: datetime | None = None
        if match["endday"] or match["endtime"]:
            end_day = _day(match["endday"]) if match["endday"] else start.date()
            end = datetime.combine(end_day, _time(match["endtime"], time(23, 59, 59)))
    except ValueError:
        return None
    last = end or start
    if last < now or start > now + timedelta(days=365 * MAX_YEARS_AHEAD):
        return None
    if end is not None and end < start:
        return None
    return start, end


_AGES = re.compile(r"^(\d{1,2})\s*(?:-|to|–)\s*(\d{1,2})$|^(\d{1,2})\s*\+$")


def parse_ages(text: str) -> tuple[int, int | None] | None:
    """Ages typed as `16-19` or `18+`; None if they don't make sense."""
    match = _AGES.match(text.strip().lower())
    if match is None:
        return None
    if match[3]:
        low, high = int(match[3]), None
    else:
        low, high = int(match[1]), int(match[2])
    if not 10 <= low <= 99 or (high is not None and not low <= high <= 99):
        return None
    return low, high


def parse_cost(text: str) -> str | None:
    """`free` or an amount like `£5`, as catalogue files write it; None otherwise."""
    text = text.strip().lower().replace(" ", "")
    if text in ("free", "0", "£0", "nothing"):
        return "free"
    if re.fullmatch(r"\d+(\.\d{1,2})?", text):
        text = f"£{text}"
    return text if COST_PATTERN.match(text) else None


def url_problem(url: str) -> str | None:
    """Why a booking link can't go on a card (not https, a messaging app, a shortener)."""
    return link_problem(url)


# --- publishing ----------------------------------------------------------------------------


def new_catalogue_id(provider_id: int) -> str:
    """A catalogue id for an opportunity added in chat (never clashes with a file's)."""
    return f"p{provider_id}-{secrets.token_hex(4)}"


def publish_opportunity(
    *,
    session: Session,
    provider: Provider,
    form: dict[str, Any],
    timezone: ZoneInfo,
    catalogue_id: str | None = None,
) -> tuple[OpportunityView | None, list[Problem]]:
    """Create (or update, with `catalogue_id`) one opportunity from a filled-in form.

    The form holds catalogue-file fields as text, so it is checked exactly as a file row is.
    """
    assert provider.id is not None
    raw = {key: value for key, value in form.items() if key != "topics"}
    raw.update(id=catalogue_id or new_catalogue_id(provider.id), provider=provider.name)
    row, problems = parse_row(raw, 1)
    if row is None:
        return None, problems
    existing = session.exec(select(Opportunity).where(Opportunity.catalogue_id == row.id)).first()
    if existing is not None and existing.provider_id != provider.id:
        return None, [Problem(1, "id", "belongs to another organisation")]
    import_rows(session=session, rows=[row], timezone=timezone)
    saved = session.exec(select(Opportunity).where(Opportunity.catalogue_id == row.id)).one()
    assert saved.id is not None
    return get_opportunity(session=session, opportunity_id=saved.id), []


def form_from_view(
    view: OpportunityView, *, tags: Sequence[str], timezone: ZoneInfo
) -> dict[str, Any]:
    """An existing opportunity as form fields (catalogue-file text), ready to edit."""

    def local(moment: datetime | None) -> str:
        if moment is None:
            return ""
        return moment.astimezone(timezone).replace(tzinfo=None).isoformat(timespec="minutes")

    return {
        "title": view.title,
        "description": view.description,
        "tags": ";".join(tags),
        "badge": view.badge,
        "skills": ";".join(view.skills),
        "location": view.location,
        "latitude": "" if view.latitude is None else str(view.latitude),
        "longitude": "" if view.longitude is None else str(view.longitude),
        "starts_at": local(view.starts_at),
        "ends_at": local(view.ends_at),
        "min_age": "" if view.min_age is None else str(view.min_age),
        "max_age": "" if view.max_age is None else str(view.max_age),
        "cost": view.cost,
        "url": view.url,
    }


def opportunity_tags(*, session: Session, opportunity_id: int) -> list[str]:
    """The tags an opportunity was filed under."""
    row = session.get(Opportunity, opportunity_id)
    return list(row.tags) if row else []


# --- a provider's own catalogue file -------------------------------------------------------


def _lines_by_id(text: str, suffix: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    try:
        if suffix == ".json":
            data = json.loads(text)
            items = data if isinstance(data, list) else []
            for number, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    lines.setdefault(str(item.get("id", "")).strip(), number)
        else:
            reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
            for record in reader:
                lines.setdefault((record.get("id") or "").strip(), reader.line_num)
    except (ValueError, csv.Error):
        pass
    return lines


def screen_provider_rows(
    *, session: Session, provider: Provider, rows: Sequence[CatalogueRow], text: str, suffix: str
) -> tuple[list[CatalogueRow], list[Problem]]:
    """Keep a provider's file to their own organisation and ids, with no contact details."""
    lines = _lines_by_id(text, suffix)
    taken = {
        opportunity.catalogue_id
        for opportunity in session.exec(
            select(Opportunity).where(
                col(Opportunity.catalogue_id).in_([row.id for row in rows]),
                Opportunity.provider_id != provider.id,
            )
        )
    }
    kept: list[CatalogueRow] = []
    problems: list[Problem] = []
    for row in rows:
        line = lines.get(row.id, 0)
        found: list[Problem] = []
        if row.provider.strip().lower() != provider.name.lower():
            found.append(
                Problem(line, "provider", f"expected {provider.name!r} (your organisation)")
            )
        if row.id in taken:
            found.append(Problem(line, "id", "already used by another organisation: pick another"))
        for field in ("title", "description", "badge"):
            kinds = contact_details(getattr(row, field))
            if kinds:
                found.append(
                    Problem(
                        line,
                        field,
                        f"no contact details ({', '.join(k.replace('_', ' ') for k in kinds)}): "
                        "learners reach you through your link",
                    )
                )
        if row.url and link_problem(row.url):
            found.append(Problem(line, "url", "expected an https:// link to your own website"))
        problems.extend(found)
        if not found:
            kept.append(row)
    return kept, problems


def import_provider_rows(
    *, session: Session, rows: Sequence[CatalogueRow], locate: Locate, timezone: ZoneInfo
) -> tuple[ImportReport | None, list[Problem]]:
    """Geocode and import screened rows; nothing is imported if any row can't be placed."""
    placed, problems, geocoded = geocode_rows(rows, locate)
    if problems:
        return None, problems
    report = import_rows(session=session, rows=placed, timezone=timezone)
    report.geocoded = geocoded
    return report, []
