"""Badges: claiming with a code (typed, /claim or a QR deep link), /portfolio with its
downloads, badge files learners send, and the staff commands /codes and /revoke.

No SQL here; see catalogue.badges and catalogue.portfolio.
"""

import asyncio
import io
import json
import logging
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import filters

from catalogue import badge_files
from catalogue.badges import (
    SESSION,
    SINGLE,
    AwardNotFound,
    BadCodeRequest,
    ClaimOutcome,
    ClaimResult,
    KeepOutcome,
    NewCode,
    NotAllowed,
    StaffScope,
    check_revocation,
    claim_badge,
    claim_link,
    code_from_payload,
    create_claim_codes,
    find_opportunity,
    format_code,
    keep_external_badge,
    opportunities_in_scope,
    qr_png,
    recent_awards,
    revoke_award,
    staff_scope,
)
from catalogue.credentials import (
    BadgeIssuer,
)
from catalogue.db import session_scope
from catalogue.learners import get_flow, get_learner
from catalogue.opportunities import opportunities_by_catalogue_id
from catalogue.portfolio import (
    baked_badge,
    file_name,
    get_award,
    get_portfolio,
    portfolio_document,
    what_next,
)
from catalogue.roles import ADMIN, PROVIDER
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.cards import card_buttons
from conversations.context import BotContext
from conversations.replies import answer_button, reply

logger = logging.getLogger(__name__)

# Files that may be badges: baked PNGs and JSON (or JWS text). Photos are recompressed by
# Telegram, which drops the badge data, so only files sent as documents can carry one.
BADGE_FILES = (
    filters.Document.MimeType("image/png")
    | filters.Document.MimeType("application/json")
    | filters.Document.MimeType("application/ld+json")
    | filters.Document.FileExtension("png")
    | filters.Document.FileExtension("json")
    | filters.Document.FileExtension("jwt")
)
MAX_DOWNLOAD_BUTTONS = 8
SESSION_HOURS = 3
SESSION_CAP = 30
MAX_SINGLE_IN_CHAT = 50
BADGE_FILE_ANSWERS = {
    "too_big": texts.BADGE_FILE_TOO_BIG,
    "not_a_badge": texts.BADGE_FILE_NOT_A_BADGE,
    "malformed": texts.BADGE_FILE_MALFORMED,
    "online_only": texts.BADGE_FILE_ONLINE_ONLY,
}


def _issuer(context: BotContext) -> BadgeIssuer:
    issuer = context.services.badge_issuer
    if issuer is None:  # build_services always sets one; a hand-built Services may not
        raise RuntimeError("no badge issuer configured")
    return issuer


# --- claiming ---------------------------------------------------------------------------------


def _claim_answer(result: ClaimResult, context: BotContext) -> str:
    tz = context.services.timezone
    if result.outcome is ClaimOutcome.AWARDED:
        return texts.claim_awarded(result.badge, result.provider, result.skills)
    if result.outcome is ClaimOutcome.ALREADY_EARNED:
        return texts.claim_already(result.badge, result.when, tz)
    if result.outcome is ClaimOutcome.EXPIRED:
        return texts.claim_expired(result.badge, result.when, tz)
    if result.outcome is ClaimOutcome.USED_UP:
        return texts.claim_used_up(result.badge)
    if result.outcome is ClaimOutcome.TOO_MANY_TRIES:
        return texts.CLAIM_TOO_MANY_TRIES
    return texts.CLAIM_UNKNOWN


async def claim_with_code(update: Update, context: BotContext, code_text: str) -> None:
    """Awards the badge a code is for, or says clearly why not."""
    user = update.effective_user
    if user is None:
        return
    now = datetime.now(UTC)
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is None:
            result = None
        else:
            result = claim_badge(
                session=session,
                learner=learner,
                code_text=code_text,
                issuer=_issuer(context).issuer(),
                now=now,
            )
    if result is None:
        await reply(update, texts.CLAIM_NEEDS_PROFILE)
        return
    await reply(update, _claim_answer(result, context))


async def claim_command(update: Update, context: BotContext) -> None:
    """/claim CODE collects a badge; bare /claim says how."""
    code_text = " ".join(context.args or []).strip()
    if not code_text:
        await reply(update, texts.CLAIM_USAGE)
        return
    await claim_with_code(update, context, code_text)


async def claim_from_link(update: Update, context: BotContext, payload: str) -> bool:
    """Claims from a /start deep link; False if the payload isn't a claim or the person
    still has to be onboarded (then /start carries on, after a note about the badge)."""
    code = code_from_payload(payload)
    user = update.effective_user
    if code is None or user is None:
        return False
    with session_scope(context.services.engine) as session:
        known = get_learner(session=session, telegram_id=user.id) is not None
    if not known:
        await reply(update, texts.CLAIM_AFTER_ONBOARDING)
        return False
    await claim_with_code(update, context, code)
    return True


async def claim_typed_code(update: Update, context: BotContext, text: str) -> None:
    """A code typed as a message; during onboarding, a reminder to finish first."""
    user = update.effective_user
    if user is None:
        return
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    if flow is not None and flow.step in ("age", "consent"):
        await reply(update, texts.CLAIM_NEEDS_PROFILE)
        return
    await claim_with_code(update, context, text)


# --- the portfolio ----------------------------------------------------------------------------


async def show_portfolio(update: Update, context: BotContext) -> None:
    """Lists the learner's badges by skill, with downloads and what to do next."""
    user = update.effective_user
    if user is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None:
            view = get_portfolio(session=session, learner=learner)
            suggestions = what_next(
                session=session, search=services.search, learner=learner, now=datetime.now(UTC)
            )
            cards = opportunities_by_catalogue_id(
                session=session, catalogue_ids=[s.catalogue_id for s in suggestions]
            )
    if learner is None:
        await reply(update, texts.NOT_ONBOARDED)
        return
    if not view.badges:
        await reply(update, texts.PORTFOLIO_EMPTY)
        return
    downloads = [badge for badge in view.badges if badge.active and badge.exportable]
    buttons = [
        [InlineKeyboardButton(texts.DOWNLOAD_ALL, callback_data=cd.build(cd.BADGE, "all"))]
    ] + [
        [
            InlineKeyboardButton(
                texts.download_badge(badge.name),
                callback_data=cd.build(cd.BADGE, "png", badge.award_id),
            )
        ]
        for badge in downloads[:MAX_DOWNLOAD_BUTTONS]
    ]
    await reply(
        update,
        texts.portfolio(view, services.timezone),
        reply_markup=InlineKeyboardMarkup(buttons) if downloads else None,
    )
    if not cards:
        return
    await reply(update, texts.WHAT_NEXT)
    for suggestion in suggestions:
        card = cards.get(suggestion.catalogue_id)
        if card is None:
            continue
        text = texts.card(card, suggestion.distance_km, (suggestion.reason,), services.timezone)
        await reply(update, text, reply_markup=card_buttons(card))


async def download_badges(update: Update, context: BotContext) -> None:
    """Sends one badge as a baked PNG, or every badge as one file (the learner's own only)."""
    user, chat, press = update.effective_user, update.effective_chat, cd.pressed(update)
    if user is None or chat is None or press is None or press.action not in ("png", "all"):
        await answer_button(update, texts.OLD_BUTTON)
        return
    if press.action == "png" and press.number is None:
        await answer_button(update, texts.OLD_BUTTON)
        return
    document: dict[str, Any] | None = None
    award = None
    with session_scope(context.services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        if learner is not None and press.action == "all":
            document = portfolio_document(session=session, learner=learner)
        elif learner is not None:
            award = get_award(session=session, learner=learner, award_id=press.number or 0)
    if learner is None:
        await answer_button(update, texts.NOT_ONBOARDED)
        return
    if document is not None:
        if not document["verifiableCredential"]:
            await answer_button(update, texts.NOTHING_TO_DOWNLOAD)
            return
        await answer_button(update)
        content = json.dumps(document, indent=2, ensure_ascii=False).encode()
        await chat.send_document(
            content, filename="learnbot-portfolio.json", caption=texts.PORTFOLIO_FILE_CAPTION
        )
        return
    if award is None or award.revoked_at is not None or not award.credential:
        await answer_button(update, texts.BADGE_NOT_YOURS)
        return
    await answer_button(update)
    await chat.send_document(
        baked_badge(award),
        filename=file_name(award.name, ".png"),
        caption=texts.badge_picture_caption(award.name),
    )


# --- badges from elsewhere --------------------------------------------------------------------


async def receive_badge_file(update: Update, context: BotContext) -> None:
    """Checks a badge file a learner sent (PNG or JSON) and keeps what can be kept."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.document is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        known = get_learner(session=session, telegram_id=user.id) is not None
    if not known:
        await reply(update, texts.NOT_ONBOARDED)
        return
    document = message.document
    if document.file_size is not None and document.file_size > badge_files.MAX_FILE_BYTES:
        await reply(update, texts.BADGE_FILE_TOO_BIG)
        return
    try:
        telegram_file = await document.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as error:  # e.g. Telegram's own 20 MB limit for bots
        logger.info("Could not download a badge file: %s", error)
        await reply(update, texts.BADGE_FILE_TOO_BIG)
        return
    now = datetime.now(UTC)
    trusted = _issuer(context).trusted_dids()
    try:
        # Canonicalising JSON-LD takes a few milliseconds for a real badge and is capped for
        # hostile ones; a worker thread keeps other chats answered meanwhile.
        checked = await asyncio.to_thread(
            badge_files.check_badge_file, data, trusted_dids=trusted, now=now
        )
    except badge_files.BadgeFileError as error:
        logger.info("Refused a badge file: %s", error)
        await reply(update, BADGE_FILE_ANSWERS[error.problem])
        return
    answers = []
    with session_scope(services.engine) as session:
        learner = get_learner(session=session, telegram_id=user.id)
        assert learner is not None
        for verification, stored in checked:
            verification = check_revocation(verification, session=session)
            outcome = keep_external_badge(
                session=session,
                learner=learner,
                verification=verification,
                credential=stored,
                now=now,
            )
            if outcome is KeepOutcome.KEPT:
                answers.append(texts.badge_file_kept(verification, services.timezone))
            elif outcome is KeepOutcome.DUPLICATE:
                answers.append(texts.BADGE_FILE_DUPLICATE)
            else:
                answers.append(texts.badge_file_refused(verification))
    await reply(update, "\n\n".join(dict.fromkeys(answers)))


# --- staff: codes and revocation --------------------------------------------------------------


def _code_request(args: list[str]) -> tuple[str, int, timedelta | None, int | None] | None:
    """(kind, count, lifetime, cap) from /codes arguments after the opportunity, or None."""
    if not args:
        return SESSION, 1, timedelta(hours=SESSION_HOURS), SESSION_CAP
    kind, numbers = args[0].lower(), args[1:]
    if not all(number.isdigit() and len(number) <= 4 for number in numbers):
        return None
    values = [int(number) for number in numbers]
    if kind == SINGLE and len(values) <= 1:
        count = values[0] if values else 1
        return (SINGLE, count, None, None) if count <= MAX_SINGLE_IN_CHAT else None
    if kind == SESSION and len(values) <= 2:
        hours = values[0] if values else SESSION_HOURS
        cap = values[1] if len(values) > 1 else SESSION_CAP
        return SESSION, 1, timedelta(hours=hours), cap
    return None


def codes_zip(title: str, codes: list[tuple[str, str]]) -> bytes:
    """A zip of one QR PNG per code, plus a CSV of codes and links, ready to print."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        rows = ["code,link"]
        for code, link in codes:
            archive.writestr(f"{code}.png", qr_png(link))
            rows.append(f"{code},{link}")
        archive.writestr("codes.csv", "\n".join(rows) + "\n")
        archive.writestr("README.txt", f"Claim codes for {title}. Each code works once.\n")
    return buffer.getvalue()


def _new_codes(
    session: Session, scope: StaffScope, user_id: int, args: list[str], now: datetime
) -> tuple[str, list[NewCode]] | str:
    """(opportunity title, new codes), or the answer explaining why none were made."""
    if not args:
        mine = [
            (o.catalogue_id, o.title) for o in opportunities_in_scope(session=session, scope=scope)
        ]
        return texts.codes_usage(mine)
    opportunity = find_opportunity(session=session, reference=args[0][:64])
    if opportunity is None:
        return texts.CODES_NOT_FOUND
    request = _code_request(args[1:])
    if request is None:
        return texts.codes_usage([])
    kind, count, lifetime, cap = request
    try:
        made = create_claim_codes(
            session=session,
            opportunity=opportunity,
            scope=scope,
            created_by=user_id,
            kind=kind,
            now=now,
            count=count,
            expires_at=now + lifetime if lifetime else None,
            max_uses=cap,
        )
    except NotAllowed:
        return texts.CODES_NOT_YOURS
    except BadCodeRequest as error:
        return texts.codes_refused(str(error))
    return opportunity.title, made


@staff_only(PROVIDER, ADMIN)
async def make_codes(update: Update, context: BotContext) -> None:
    """/codes OPPORTUNITY [single N | session HOURS CAP]: claim codes with QR codes."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        scope = staff_scope(session=session, telegram_id=user.id, admin_ids=services.admin_ids)
        outcome = _new_codes(session, scope, user.id, context.args or [], datetime.now(UTC))
    if isinstance(outcome, str):
        await reply(update, outcome)
        return
    title, made = outcome
    links = [(format_code(new.code), claim_link(context.bot.username, new.code)) for new in made]
    if made[0].kind == SESSION:
        expires_at = made[0].expires_at
        assert expires_at is not None
        code, link = links[0]
        await chat.send_photo(
            qr_png(link),
            caption=texts.session_code(
                title, code, link, expires_at, made[0].max_uses, services.timezone
            ),
        )
        return
    await reply(update, texts.single_codes(title, links))
    await chat.send_document(codes_zip(title, links), filename=f"{file_name(title, '')}-codes.zip")


def _revoke(session: Session, scope: StaffScope, args: list[str], tz: ZoneInfo) -> str:
    """The answer to /revoke: the latest awards, or what revoking one did."""
    if not args or not args[0].lstrip("#").isdigit() or len(args[0]) > 10:
        return texts.recent_awards(recent_awards(session=session, scope=scope), tz)
    reason = " ".join(args[1:]).strip()
    if not reason:
        return texts.REVOKE_NEEDS_REASON
    try:
        award, fresh = revoke_award(
            session=session,
            award_id=int(args[0].lstrip("#")),
            reason=reason,
            scope=scope,
            now=datetime.now(UTC),
        )
    except AwardNotFound:
        return texts.REVOKE_NOT_FOUND
    except NotAllowed:
        return texts.REVOKE_NOT_YOURS
    return texts.revoked(award.id or 0, award.name, fresh)


@staff_only(PROVIDER, ADMIN)
async def revoke_badge(update: Update, context: BotContext) -> None:
    """/revoke AWARD REASON withdraws a badge; bare /revoke lists the latest awards."""
    user = update.effective_user
    if user is None:
        return
    services = context.services
    with session_scope(services.engine) as session:
        scope = staff_scope(session=session, telegram_id=user.id, admin_ids=services.admin_ids)
        answer = _revoke(session, scope, context.args or [], services.timezone)
    await reply(update, answer)
