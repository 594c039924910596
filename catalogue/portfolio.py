"""A learner's portfolio: their badges grouped by skill, what to do next, and the files to
take them anywhere (a baked PNG per badge, or every credential in one Verifiable
Presentation).
"""

import json
import logging
import threading
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlmodel import Session, col, select

from catalogue.badge_files import badge_image, bake_png
from catalogue.credentials import OB3_TYPES
from catalogue.learners import AGE_BANDS
from catalogue.linked_data import VC_V2
from catalogue.matching import (
    NEAR_KM,
    UK_TIME,
    FloatArray,
    IntArray,
    Listing,
    MatchIndex,
    Query,
    haversine_km,
)
from catalogue.models import Award, Badge, Learner, Opportunity, Provider
from catalogue.search import CatalogueSearch

logger = logging.getLogger(__name__)

OTHER_SKILLS = "Other"
WHAT_NEXT = 3


@dataclass(frozen=True, slots=True)
class EarnedBadge:
    """One badge in a portfolio, as the learner sees it."""

    award_id: int
    name: str
    issuer: str
    skills: tuple[str, ...]
    awarded_at: datetime
    source: str  # learnbot, external
    verification: str
    revoked_at: datetime | None
    revoked_reason: str | None
    exportable: bool  # it carries an Open Badges 3.0 credential

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """The badges that show one skill."""

    skill: str
    badges: tuple[EarnedBadge, ...]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """A learner's badges, newest first."""

    badges: tuple[EarnedBadge, ...]

    @property
    def withdrawn(self) -> tuple[EarnedBadge, ...]:
        """Badges a provider revoked: shown, marked, and counted in no skill."""
        return tuple(badge for badge in self.badges if not badge.active)

    def by_skill(self) -> list[SkillGroup]:
        """Skills with the badges that show them, most shown first ("Other" last)."""
        groups: dict[str, list[EarnedBadge]] = {}
        names: dict[str, str] = {}
        for badge in self.badges:
            if not badge.active:
                continue
            for skill in badge.skills or (OTHER_SKILLS,):
                key = skill.casefold()
                names.setdefault(key, skill)
                if badge not in groups.setdefault(key, []):
                    groups[key].append(badge)
        ordered = sorted(
            groups.items(),
            key=lambda item: (item[0] == OTHER_SKILLS.casefold(), -len(item[1]), item[0]),
        )
        return [SkillGroup(names[key], tuple(badges)) for key, badges in ordered]


def _carries_ob3(credential: dict[str, Any]) -> bool:
    if credential.get("type") == "EnvelopedVerifiableCredential":
        return True
    types = credential.get("type")
    return isinstance(types, list) and bool(OB3_TYPES & set(types))


def _earned(award: Award) -> EarnedBadge:
    assert award.id is not None
    return EarnedBadge(
        award_id=award.id,
        name=award.name,
        issuer=award.issuer,
        skills=tuple(award.skills),
        awarded_at=award.awarded_at,
        source=award.source,
        verification=award.verification,
        revoked_at=award.revoked_at,
        revoked_reason=award.revoked_reason,
        exportable=_carries_ob3(award.credential),
    )


def _awards(session: Session, learner: Learner) -> list[Award]:
    return list(
        session.exec(
            select(Award)
            .where(Award.learner_id == learner.id)
            .order_by(col(Award.awarded_at).desc(), col(Award.id).desc())
        )
    )


def get_portfolio(*, session: Session, learner: Learner) -> Portfolio:
    """Everything the learner has earned or brought, newest first."""
    return Portfolio(tuple(_earned(award) for award in _awards(session, learner)))


def get_award(*, session: Session, learner: Learner, award_id: int) -> Award | None:
    """One of the learner's own awards (None for anyone else's: buttons can be forged)."""
    award = session.get(Award, award_id)
    return award if award is not None and award.learner_id == learner.id else None


# --- files to take anywhere -------------------------------------------------------------------


def _portable(credential: dict[str, Any]) -> dict[str, Any] | str:
    """What goes into a file: the credential, or the JWS inside an enveloped one."""
    if credential.get("type") == "EnvelopedVerifiableCredential":
        token = str(credential.get("id", ""))
        return token.split(",", 1)[1] if "," in token else token
    return credential


def baked_badge(award: Award) -> bytes:
    """The badge as a PNG picture with its credential baked in (iTXt `openbadgecredential`)."""
    portable = _portable(award.credential)
    text = portable if isinstance(portable, str) else json.dumps(portable, ensure_ascii=False)
    return bake_png(badge_image(award.name), text)


def portfolio_document(*, session: Session, learner: Learner) -> dict[str, Any]:
    """Every Open Badges 3.0 credential the learner holds (revoked ones left out), as one
    unsigned W3C Verifiable Presentation: each credential inside carries its own proof."""
    credentials: list[dict[str, Any]] = [
        award.credential
        for award in reversed(_awards(session, learner))
        if award.revoked_at is None and _carries_ob3(award.credential)
    ]
    return {
        "@context": [VC_V2],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiablePresentation"],
        "verifiableCredential": credentials,
    }


def file_name(name: str, suffix: str) -> str:
    """A safe file name from a badge name."""
    slug = "".join(char if char.isalnum() else "-" for char in name.lower()).strip("-")
    return f"{'-'.join(part for part in slug.split('-') if part)[:60] or 'badge'}{suffix}"


# --- what next --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An opportunity to do next, and why."""

    catalogue_id: str
    reason: str
    distance_km: float | None
    builds_on: tuple[str, ...]
    same_provider: bool


def _band_allows(listing: Listing, age_band: str) -> bool:
    low, high = AGE_BANDS.get(age_band, (16, 25))
    return not (
        (listing.min_age is not None and listing.min_age > high)
        or (listing.max_age is not None and listing.max_age < low)
    )


@dataclass(frozen=True, slots=True)
class _Groups:
    """Listings by skill and by provider, with coordinates as arrays for distance sums."""

    by_skill: dict[str, IntArray]
    by_provider: dict[str, IntArray]
    lat: FloatArray
    lon: FloatArray


# Built once per matching index (it is rebuilt whenever the catalogue changes).
_GROUPS: "weakref.WeakKeyDictionary[MatchIndex, _Groups]" = weakref.WeakKeyDictionary()
_GROUPS_LOCK = threading.Lock()
MAX_CANDIDATES = 200


def _groups(index: MatchIndex) -> _Groups:
    with _GROUPS_LOCK:
        groups = _GROUPS.get(index)
        if groups is None:
            by_skill: dict[str, list[int]] = {}
            by_provider: dict[str, list[int]] = {}
            for position, listing in enumerate(index.listings):
                for skill in listing.skills:
                    by_skill.setdefault(skill.casefold(), []).append(position)
                by_provider.setdefault(listing.provider, []).append(position)
            groups = _Groups(
                by_skill={k: np.array(v, dtype=np.int64) for k, v in by_skill.items()},
                by_provider={k: np.array(v, dtype=np.int64) for k, v in by_provider.items()},
                lat=np.array([np.nan if x.lat is None else x.lat for x in index.listings]),
                lon=np.array([np.nan if x.lon is None else x.lon for x in index.listings]),
            )
            _GROUPS[index] = groups
        return groups


def what_next(
    *,
    session: Session,
    search: CatalogueSearch,
    learner: Learner,
    now: datetime,
    limit: int = WHAT_NEXT,
) -> list[Suggestion]:
    """Opportunities whose badges build on the learner's skills or continue a provider's
    pathway (same provider, related topics), nearby first; nothing they already hold."""
    awards = [award for award in _awards(session, learner) if award.revoked_at is None]
    skills = {skill.casefold(): skill for award in awards for skill in award.skills}
    done: list[tuple[Opportunity, Award]] = []
    for award in awards:
        opportunity = session.get(Opportunity, award.opportunity_id or 0)
        if opportunity is not None:
            done.append((opportunity, award))
    if not skills and not done:
        return []
    provider_ids = {opportunity.provider_id for opportunity, _ in done}
    providers = {
        provider.name
        for provider in session.exec(select(Provider).where(col(Provider.id).in_(provider_ids)))
    }
    held_badges = {award.badge_id for award in awards if award.badge_id is not None}
    held = {
        (provider.name, badge.name)
        for badge, provider in session.exec(
            select(Badge, Provider)
            .join(Provider, col(Provider.id) == col(Badge.provider_id))
            .where(col(Badge.id).in_(held_badges or {0}))
        )
    }
    index = search.index()
    taxonomy = search.taxonomy
    topics = {t for o, _ in done for tag in o.tags for t in taxonomy.tag_topics(tag)}
    topics |= {topic for topic in learner.interests if topic in taxonomy}
    lat = None if learner.online_only else learner.area_lat
    lon = None if learner.online_only else learner.area_lon
    today = now.astimezone(UK_TIME).replace(tzinfo=None)
    found: dict[str, Suggestion] = {}

    def consider(listing: Listing, km: float | None, related: bool) -> None:
        if listing.id in found or (listing.provider, listing.badge) in held:
            return
        if not _band_allows(listing, learner.age_band):
            return
        if listing.ends_at is not None and listing.ends_at < today:
            return
        same = listing.provider in providers
        builds_on = tuple(skills[s.casefold()] for s in listing.skills if s.casefold() in skills)
        if not (builds_on or same or related):
            return
        if builds_on:
            reason = f"builds on {', '.join(builds_on[:2])}"
        elif same:
            reason = f"more from {listing.provider}"
        else:
            reason = "goes further with what you've done"
        found[listing.id] = Suggestion(listing.id, reason, km, builds_on, same)

    if topics:
        query = Query(
            text="",
            topics=tuple(sorted(topics)),
            lat=lat,
            lon=lon,
            radius_km=float(learner.radius_km),
            limit=30,
            now=today,
        )
        for match in search.search(query).matches:
            consider(match.listing, match.distance_km, related=True)
    # Badges that build on their skills and the providers' other opportunities, any topic.
    groups = _groups(index)
    wanted = [groups.by_skill.get(key) for key in skills]
    wanted += [groups.by_provider.get(name) for name in providers]
    arrays = [positions for positions in wanted if positions is not None]
    if arrays:
        positions = np.unique(np.concatenate(arrays))
        online = np.isnan(groups.lat[positions])
        if lat is None or lon is None:
            keep = online if learner.online_only else np.ones(len(positions), dtype=bool)
            km = np.full(len(positions), np.nan)
        else:
            km = haversine_km(lat, lon, groups.lat[positions], groups.lon[positions])
            keep = online | (km <= learner.radius_km)
        nearest = np.argsort(np.where(online, np.inf, km)[keep], kind="stable")
        for i in nearest[:MAX_CANDIDATES]:
            position = int(positions[keep][i])
            distance = float(km[keep][i])
            consider(index.listings[position], None if np.isnan(distance) else distance, False)

    def nearby_first(suggestion: Suggestion) -> tuple[int, int, float, str]:
        km = suggestion.distance_km
        bucket = 1 if km is None else 0 if km <= NEAR_KM else 2
        weight = 2 * len(suggestion.builds_on) + suggestion.same_provider
        return bucket, -weight, km or 0.0, suggestion.catalogue_id

    return sorted(found.values(), key=nearby_first)[:limit]
