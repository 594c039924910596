"""Moderators: /pending shows what waits (providers for admins, announcements, reports, blocked
drafts); approve (never one's own: two-person rule), reject with a reason, recall.

Approving writes the outbox rows for the whole audience in the same transaction; the
dispatcher sends them. A recall cancels what hasn't gone and queues deletion of what has.
"""

import logging

from telegram import Update

from catalogue import announcements as ann
from catalogue.announcements import (
    AnnouncementView,
    announcements_with_status,
    approve_announcement,
    dismiss_reports,
    get_announcement,
    mark_blocked_seen,
    recall_announcement,
    reject_announcement,
    reported_announcements,
)
from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.providers import pending_providers
from catalogue.roles import ADMIN, MODERATOR, roles_of
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.announcements import payload
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, notify, typed_text

logger = logging.getLogger(__name__)

FLOW = "moderate"
MAX_SHOWN = 10
MAX_REASON = 300


def _rendered(view: AnnouncementView) -> str:
    return texts.announcement(view.title, view.body, view.provider, view.opportunity)


@staff_only(MODERATOR, ADMIN)
async def show_pending(update: Update, context: BotContext) -> None:
    """Everything waiting for a decision, one message each with its buttons."""
    user = update.effective_user
    assert user is not None
    services = context.services
    with session_scope(services.engine) as session:
        is_admin = ADMIN in roles_of(
            session=session, telegram_id=user.id, admin_ids=services.admin_ids
        )
        providers = pending_providers(session=session) if is_admin else []
        waiting = announcements_with_status(session=session, status=ann.SUBMITTED)
        reported = reported_announcements(session=session)
        blocked = announcements_with_status(session=session, status=ann.BLOCKED)
    if not (providers or waiting or reported or blocked):
        await reply(update, texts.NOTHING_PENDING)
        return
    await reply(
        update, texts.pending_summary(len(providers), len(waiting), len(reported), len(blocked))
    )
    for request in providers[:MAX_SHOWN]:
        await reply(
            update,
            texts.provider_request(request),
            reply_markup=keyboard(
                [
                    button(texts.APPROVE, cd.ADMIN, "papprove", request.id),
                    button(texts.TURN_DOWN, cd.ADMIN, "preject", request.id),
                ]
            ),
        )
    tz = services.timezone
    for view in waiting[:MAX_SHOWN]:
        await reply(
            update,
            texts.awaiting_review(_rendered(view), view, own=view.submitted_by == user.id, tz=tz),
            reply_markup=keyboard(
                [
                    button(texts.APPROVE, cd.MODERATE, "approve", view.id),
                    button(texts.REJECT, cd.MODERATE, "reject", view.id),
                ]
            ),
        )
    for view in reported[:MAX_SHOWN]:
        await reply(
            update,
            texts.reported_announcement(_rendered(view), view),
            reply_markup=keyboard(
                [
                    button(texts.RECALL, cd.MODERATE, "recall", view.id),
                    button(texts.NO_ACTION, cd.MODERATE, "dismiss", view.id),
                ]
            ),
        )
    for view in blocked[:MAX_SHOWN]:
        await reply(
            update,
            texts.blocked_draft(view),
            reply_markup=keyboard([button(texts.SEEN, cd.MODERATE, "seen", view.id)]),
        )


@staff_only(MODERATOR, ADMIN)
async def act_on_announcement_review(update: Update, context: BotContext) -> None:
    """Approve, reject, recall, dismiss reports, or mark a blocked draft as seen."""
    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None or press.number is None:
        await answer_button(update, texts.OLD_BUTTON)
        return
    announcement_id = press.number
    services = context.services
    if press.action == "approve":
        with session_scope(services.engine) as session:
            view = get_announcement(session=session, announcement_id=announcement_id)
            decision = (
                approve_announcement(
                    session=session,
                    announcement_id=announcement_id,
                    reviewer_id=user.id,
                    payload=payload(
                        announcement_id=view.id,
                        title=view.title,
                        body=view.body,
                        provider=view.provider,
                        opportunity=view.opportunity,
                        opportunity_id=view.opportunity_id,
                        link=view.link,
                    ),
                    taxonomy=services.search.taxonomy,
                )
                if view is not None
                else ann.Decision(ann.NOT_FOUND)
            )
            if decision.status == ann.APPROVED and view is not None:
                notify(
                    session=session,
                    chat_ids=[view.submitted_by],
                    text=texts.approved_notice(view.title, decision.audience),
                    source_id=view.id,
                    occurrence="approved",
                )
        if decision.status != ann.APPROVED:
            await answer_button(update, texts.cannot_approve(decision.status))
            if decision.status == ann.TOO_SMALL:
                await reply(update, texts.TOO_SMALL_NOW)
            return
        logger.info("Announcement %s approved for %d learners", announcement_id, decision.audience)
        await answer_button(update)
        await reply(update, texts.approved(decision.audience))
    elif press.action == "reject":
        with session_scope(services.engine) as session:
            view = get_announcement(session=session, announcement_id=announcement_id)
            if view is not None and view.status == ann.SUBMITTED:
                set_flow(
                    session=session,
                    telegram_id=user.id,
                    flow=FLOW,
                    step="reason",
                    data={"announcement": announcement_id},
                )
        if view is None or view.status != ann.SUBMITTED:
            await answer_button(update, texts.cannot_approve(ann.NOT_PENDING))
            return
        await answer_button(update)
        await reply(update, texts.ASK_REJECT_REASON)
    elif press.action == "recall":
        with session_scope(services.engine) as session:
            view = get_announcement(session=session, announcement_id=announcement_id)
            recall = recall_announcement(
                session=session, announcement_id=announcement_id, moderator_id=user.id
            )
            if recall is not None and view is not None:
                notify(
                    session=session,
                    chat_ids=[view.submitted_by],
                    text=texts.recalled_notice(view.title),
                    source_id=view.id,
                    occurrence="recalled",
                )
        if recall is None:
            await answer_button(update, texts.cannot_approve(ann.NOT_PENDING))
            return
        logger.info("Announcement %s recalled", announcement_id)
        await answer_button(update)
        await reply(update, texts.recalled(recall.cancelled, recall.deleting, recall.too_old))
    elif press.action == "dismiss":
        with session_scope(services.engine) as session:
            closed = dismiss_reports(session=session, announcement_id=announcement_id)
        await answer_button(update, texts.REPORTS_DISMISSED if closed else texts.OLD_BUTTON)
    elif press.action == "seen":
        with session_scope(services.engine) as session:
            seen = mark_blocked_seen(
                session=session, announcement_id=announcement_id, reviewer_id=user.id
            )
        await answer_button(update, texts.SEEN_TOAST if seen else texts.OLD_BUTTON)
    else:
        await answer_button(update, texts.OLD_BUTTON)


@staff_only(MODERATOR, ADMIN)
async def receive_reject_reason(update: Update, context: BotContext) -> None:
    """Rejects the announcement with the reason typed; the provider is told."""
    user = update.effective_user
    assert user is not None
    reason = " ".join(typed_text(update).split())
    if not 3 <= len(reason) <= MAX_REASON:
        await reply(update, texts.ASK_REJECT_REASON)
        return
    services = context.services
    with session_scope(services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
        announcement_id = int(flow.data.get("announcement", 0)) if flow else 0
        view = get_announcement(session=session, announcement_id=announcement_id)
        decision = reject_announcement(
            session=session, announcement_id=announcement_id, reviewer_id=user.id, reason=reason
        )
        clear_flow(session=session, telegram_id=user.id)
        if decision.status == ann.REJECTED and view is not None:
            notify(
                session=session,
                chat_ids=[view.submitted_by],
                text=texts.rejected_notice(view.title, reason),
                source_id=view.id,
                occurrence="rejected",
            )
    if decision.status != ann.REJECTED:
        await reply(update, texts.cannot_approve(decision.status))
        return
    await reply(update, texts.REJECTED)
