"""Admins and the numbers: /stats (the learner funnel for admins, per-link counts for youth
workers; totals only), /staffinvite links, provider approval, and catalogue files sent in chat
(an admin's imports anything; a provider's only their own organisation's rows).
"""

import logging

from telegram import Update
from telegram.helpers import create_deep_linked_url

from catalogue.catalogue_file import parse_catalogue
from catalogue.db import session_scope
from catalogue.importer import ImportReport, geocode_rows, import_rows
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.providers import (
    approve_provider,
    approved_providers_of,
    find_provider,
    import_provider_rows,
    reject_provider,
    screen_provider_rows,
)
from catalogue.referrals import referral_links
from catalogue.roles import ADMIN, MODERATOR, PROVIDER, YOUTH_WORKER, roles_of
from catalogue.screening import text_problems
from catalogue.staff_invites import create_staff_invite
from catalogue.stats import funnel, learner_has_match
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.deep_links import STAFF_PREFIX
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, notify, typed_text

logger = logging.getLogger(__name__)

FLOW = "staffinvite"
MAX_FILE_BYTES = 2_000_000
MAX_PROBLEMS_SHOWN = 15


@staff_only(YOUTH_WORKER, ADMIN)
async def show_stats(update: Update, context: BotContext) -> None:
    """The funnel (admins) and each referral link's counts (youth workers); never who."""
    user = update.effective_user
    assert user is not None
    services = context.services
    with session_scope(services.engine) as session:
        is_admin = ADMIN in roles_of(
            session=session, telegram_id=user.id, admin_ids=services.admin_ids
        )
        links = referral_links(session=session, owner_id=user.id)
        totals = (
            funnel(session=session, has_match=learner_has_match(services.search))
            if is_admin
            else None
        )
    if totals is not None:
        await reply(update, texts.funnel(totals))
    if links:
        await reply(update, texts.link_stats(links, services.timezone))
    elif totals is None:
        await reply(update, texts.NO_LINKS_YET)


@staff_only(ADMIN)
async def ask_staff_invite(update: Update, context: BotContext) -> None:
    """Asks which role a new staff invite link is for."""
    await reply(
        update,
        texts.ASK_INVITE_ROLE,
        reply_markup=keyboard(
            [button(texts.ROLE_NAMES[MODERATOR], cd.ADMIN, "invite", MODERATOR)],
            [button(texts.ROLE_NAMES[YOUTH_WORKER], cd.ADMIN, "invite", YOUTH_WORKER)],
            [button(texts.ROLE_NAMES[PROVIDER], cd.ADMIN, "invite", PROVIDER)],
        ),
    )


async def _send_invite(
    update: Update,
    context: BotContext,
    role: str,
    *,
    provider_id: int | None = None,
    provider: str | None = None,
    organisation: str | None = None,
) -> None:
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        token = create_staff_invite(
            session=session,
            role=role,
            created_by=user.id,
            provider_id=provider_id,
            organisation=organisation,
        )
        clear_flow(session=session, telegram_id=user.id)
    link = create_deep_linked_url(context.bot.username, f"{STAFF_PREFIX}{token}")
    logger.info("A staff invite was made (role %s)", role)
    await reply(update, texts.staff_invite_made(role, link, provider or organisation))


@staff_only(ADMIN)
async def act_on_admin_button(update: Update, context: BotContext) -> None:
    """Provider approval and the staff-invite role choice."""
    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None:
        return
    services = context.services
    if press.action == "invite" and press.arg in (MODERATOR, YOUTH_WORKER, PROVIDER):
        await answer_button(update)
        if press.arg == MODERATOR:
            await _send_invite(update, context, MODERATOR)
            return
        step = "organisation" if press.arg == YOUTH_WORKER else "provider"
        with session_scope(services.engine) as session:
            set_flow(session=session, telegram_id=user.id, flow=FLOW, step=step)
        await reply(
            update,
            texts.ASK_INVITE_ORGANISATION if step == "organisation" else texts.ASK_INVITE_PROVIDER,
        )
    elif press.action in ("papprove", "preject") and press.number is not None:
        approve = press.action == "papprove"
        with session_scope(services.engine) as session:
            members = (
                approve_provider(session=session, provider_id=press.number)
                if approve
                else reject_provider(session=session, provider_id=press.number)
            )
            if members:
                notify(
                    session=session,
                    chat_ids=members,
                    text=texts.PROVIDER_APPROVED_NOTICE
                    if approve
                    else texts.PROVIDER_REJECTED_NOTICE,
                    source_id=press.number,
                    occurrence=press.action,
                )
        if members is None:
            await answer_button(update, texts.ALREADY_DECIDED)
            return
        await answer_button(update)
        await reply(update, texts.PROVIDER_APPROVED if approve else texts.PROVIDER_REJECTED)
    else:
        await answer_button(update, texts.OLD_BUTTON)


@staff_only(ADMIN)
async def receive_invite_details(update: Update, context: BotContext) -> None:
    """Takes the organisation (youth worker) or provider name for a staff invite."""
    user = update.effective_user
    assert user is not None
    text = " ".join(typed_text(update).split())
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        provider = (
            find_provider(session=session, key=text) if flow and flow.step == "provider" else None
        )
    if flow is None:
        return
    if flow.step == "organisation":
        if not 2 <= len(text) <= 100 or text_problems(text):
            await reply(update, texts.BAD_ORGANISATION_NAME)
            return
        await _send_invite(update, context, YOUTH_WORKER, organisation=text)
        return
    if provider is None or provider.id is None:
        await reply(update, texts.NO_SUCH_PROVIDER)
        return
    await _send_invite(update, context, PROVIDER, provider_id=provider.id, provider=provider.name)


@staff_only(PROVIDER, ADMIN)
async def receive_catalogue_file(update: Update, context: BotContext) -> None:
    """Imports a CSV catalogue file sent in chat; nothing is imported if any row has problems."""
    user, message = update.effective_user, update.effective_message
    assert user is not None
    if message is None or message.document is None:
        return
    document = message.document
    if (document.file_size or 0) > MAX_FILE_BYTES:
        await reply(update, texts.FILE_TOO_BIG)
        return
    await reply(update, texts.CHECKING_FILE)
    file = await context.bot.get_file(document.file_id)
    content = bytes(await file.download_as_bytearray())
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        await reply(update, texts.FILE_NOT_UTF8)
        return
    services = context.services
    parsed = parse_catalogue(text, suffix=".csv")
    gazetteer = services.search.gazetteer

    def locate(place: str) -> tuple[float, float] | None:
        found = gazetteer.locate(place)
        return None if found is None else (found.lat, found.lon)

    report: ImportReport | None = None
    no_provider = False
    with session_scope(services.engine) as session:
        is_admin = ADMIN in roles_of(
            session=session, telegram_id=user.id, admin_ids=services.admin_ids
        )
        problems = list(parsed.problems)
        if is_admin:
            rows, geo_problems, geocoded = geocode_rows(parsed.rows, locate)
            problems += geo_problems
            if not problems:
                report = import_rows(session=session, rows=rows, timezone=services.timezone)
                report.geocoded = geocoded
        else:
            mine = approved_providers_of(session=session, telegram_id=user.id)
            named = {row.provider.strip().lower() for row in parsed.rows}
            provider = next(
                (p for p in mine if p.name.lower() in named), mine[0] if mine else None
            )
            no_provider = provider is None
            if provider is not None:
                kept, screened = screen_provider_rows(
                    session=session, provider=provider, rows=parsed.rows, text=text, suffix=".csv"
                )
                problems += screened
            if provider is not None and not problems:
                report, problems = import_provider_rows(
                    session=session, rows=kept, locate=locate, timezone=services.timezone
                )
    if no_provider:
        await reply(update, texts.not_approved_yet([]))
        return
    if problems or report is None:
        shown = sorted(problems, key=lambda p: (p.line, p.field))[:MAX_PROBLEMS_SHOWN]
        await reply(
            update, texts.file_problems(parsed.total, [str(p) for p in shown], len(problems))
        )
        return
    services.search.refresh()
    logger.info("A catalogue file was imported in chat: %d rows", report.imported)
    await reply(update, texts.file_imported(report.created, report.updated, report.unchanged))
