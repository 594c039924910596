"""A provider writes an announcement about one of their opportunities: title, text, at most one
link, when to send; a preview with the audience size; then it goes to a moderator.

Contact details are checked on submit: a draft with them is blocked and moderators are told
(safeguarding.md §4). What learners get is rendered here, every slot escaped.
"""

import logging
from datetime import UTC, datetime
from typing import Any

from telegram import Update

from catalogue import announcements as ann
from catalogue.announcements import Draft, audience, check_draft, moderators, submit_announcement
from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.matching import uk_now
from catalogue.opportunities import OpportunityView
from catalogue.providers import approved_providers_of, parse_when
from catalogue.roles import PROVIDER
from catalogue.screening import CONTACT_KINDS
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, notify, now, typed_text

logger = logging.getLogger(__name__)

FLOW = "announce"
STEPS = ("title", "body", "link", "when")


def payload(
    *,
    announcement_id: int,
    title: str,
    body: str,
    provider: str,
    opportunity: str,
    opportunity_id: int,
    link: str | None,
) -> dict[str, Any]:
    """The message every recipient gets: text (every slot escaped) and buttons."""
    buttons: list[list[dict[str, str]]] = [
        [
            {
                "text": texts.DETAILS,
                "callback_data": cd.build(cd.OPPORTUNITY, "details", opportunity_id),
            }
        ]
    ]
    if link:
        buttons[0].append({"text": texts.ANNOUNCEMENT_LINK, "url": link})
    buttons.append(
        [
            {
                "text": texts.REPORT_BUTTON,
                "callback_data": cd.build(cd.REPORT, "ask", announcement_id),
            }
        ]
    )
    return {"text": texts.announcement(title, body, provider, opportunity), "buttons": buttons}


def _flow(context: BotContext, telegram_id: int) -> dict[str, Any] | None:
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=telegram_id)
    if flow is None or flow.flow != FLOW:
        return None
    return {"step": flow.step, **flow.data}


def _save(context: BotContext, telegram_id: int, step: str, data: dict[str, Any]) -> None:
    state = {key: value for key, value in data.items() if key != "step"}
    with session_scope(context.services.engine) as session:
        set_flow(session=session, telegram_id=telegram_id, flow=FLOW, step=step, data=state)


def _draft(data: dict[str, Any]) -> Draft:
    send_at = data.get("send_at")
    return Draft(
        opportunity_id=int(data["opportunity"]),
        title=str(data.get("title", "")),
        body=str(data.get("body", "")),
        link=data.get("link") or None,
        send_at=datetime.fromisoformat(send_at) if send_at else None,
    )


async def _ask(update: Update, context: BotContext, step: str, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    _save(context, user.id, step, data)
    row = []
    if step == "link":
        if data.get("opportunity_url"):
            row.append(button(texts.USE_OPPORTUNITY_LINK, cd.ANNOUNCE, "oplink"))
        row.append(button(texts.FORM_NO_LINK, cd.ANNOUNCE, "nolink"))
    elif step == "when":
        row.append(button(texts.SEND_WHEN_APPROVED, cd.ANNOUNCE, "now"))
    await reply(
        update, texts.ANNOUNCE_QUESTIONS[step], reply_markup=keyboard(row) if row else None
    )


async def _next(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    step = data["step"]
    if data.get("back") or step == STEPS[-1]:
        await _show_preview(update, context, data)
        return
    await _ask(update, context, STEPS[STEPS.index(step) + 1], data)


async def start_announcement(update: Update, context: BotContext, view: OpportunityView) -> None:
    """Starts an announcement about one of the provider's opportunities (ownership checked)."""
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        provider = next(
            p
            for p in approved_providers_of(session=session, telegram_id=user.id)
            if p.name == view.provider
        )
    data = {
        "provider": provider.id,
        "provider_name": provider.name,
        "opportunity": view.id,
        "opportunity_title": view.title,
        "opportunity_url": view.url,
    }
    await reply(update, texts.announce_intro(view.title))
    await _ask(update, context, STEPS[0], data)


@staff_only(PROVIDER)
async def receive_announcement_text(update: Update, context: BotContext) -> None:
    """Takes the title, text, link or send time; says at once what would be refused."""
    user = update.effective_user
    assert user is not None
    data = _flow(context, user.id)
    if data is None:
        return
    text = typed_text(update)
    step = data["step"]
    if step not in STEPS:
        await reply(update, texts.USE_THE_BUTTONS)
        return
    if step == "when":
        when = parse_when(text, now=uk_now())
        if when is None:
            await reply(update, texts.ANNOUNCE_BAD_WHEN)
            return
        moment = when[0].replace(tzinfo=context.services.timezone).astimezone(UTC)
        candidate = {**data, "send_at": moment.isoformat()}
    else:
        candidate = {**data, step: text}
    field = "send_at" if step == "when" else step
    issues = [
        issue
        for issue in check_draft(
            _draft(candidate),
            allowed_domains=context.services.announcement_domains,
            opportunity_url=str(data.get("opportunity_url", "")),
            now=now(),
        )
        # Contact details in the text are caught on submit, where moderators hear about them;
        # a messaging-app link is simply not a link learners can be given.
        if issue.field == field and (field == "link" or issue.kind not in CONTACT_KINDS)
    ]
    if issues:
        await reply(update, texts.announcement_issues(issues))
        return
    await _next(update, context, candidate)


async def _show_preview(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    data = {**data, "back": False}
    _save(context, user.id, "preview", data)
    with session_scope(context.services.engine) as session:
        size = len(
            audience(
                session=session,
                opportunity_id=int(data["opportunity"]),
                taxonomy=context.services.search.taxonomy,
            )
        )
    draft = _draft(data)
    await reply(
        update,
        texts.announcement_preview(
            texts.announcement(
                draft.title, draft.body, str(data["provider_name"]), str(data["opportunity_title"])
            ),
            draft.link,
            draft.send_at,
            size,
            context.services.timezone,
        ),
        reply_markup=keyboard(
            [
                button(texts.SUBMIT_FOR_REVIEW, cd.ANNOUNCE, "submit"),
                button(texts.EDIT, cd.ANNOUNCE, "edit"),
                button(texts.FORM_CANCEL, cd.ANNOUNCE, "cancel"),
            ]
        ),
    )


@staff_only(PROVIDER)
async def act_on_announcement(update: Update, context: BotContext) -> None:
    """The composer's buttons: link and time shortcuts, edit, submit, cancel."""
    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None:
        return
    data = _flow(context, user.id)
    step = data["step"] if data else None
    needs = {"oplink": "link", "nolink": "link", "now": "when", "submit": "preview"}
    if data is None or (press.action in needs and step != needs[press.action]):
        # Also a second tap on "Send for review": the first one already sent it.
        await answer_button(update, texts.ANNOUNCE_NOTHING_OPEN)
        return
    await answer_button(update)
    if press.action == "oplink":
        await _next(update, context, {**data, "link": data.get("opportunity_url", "")})
    elif press.action == "nolink":
        await _next(update, context, {**data, "link": ""})
    elif press.action == "now":
        await _next(update, context, {**data, "send_at": ""})
    elif press.action == "edit" and step == "preview":
        await reply(
            update,
            texts.WHICH_FIELD,
            reply_markup=keyboard(
                [button(texts.ANNOUNCE_FIELDS[s], cd.ANNOUNCE, "field", s) for s in STEPS]
            ),
        )
    elif press.action == "field" and press.arg in STEPS and step == "preview":
        await _ask(update, context, press.arg, {**data, "back": True})
    elif press.action == "submit":
        await _submit(update, context, data)
    elif press.action == "cancel":
        with session_scope(context.services.engine) as session:
            clear_flow(session=session, telegram_id=user.id)
        await reply(update, texts.ANNOUNCE_CANCELLED)
    else:
        await reply(update, texts.OLD_BUTTON)


async def _submit(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    with session_scope(services.engine) as session:
        mine = {p.id for p in approved_providers_of(session=session, telegram_id=user.id)}
        if data.get("provider") not in mine:
            result = ann.Submission(ann.NOT_FOUND)
        else:
            result = submit_announcement(
                session=session,
                draft=_draft(data),
                provider_id=int(data["provider"]),
                submitted_by=user.id,
                taxonomy=services.search.taxonomy,
                allowed_domains=services.announcement_domains,
            )
        reviewers = [
            m for m in moderators(session=session, admin_ids=services.admin_ids) if m != user.id
        ]
        if result.status in (ann.SUBMITTED, ann.BLOCKED) and result.announcement_id:
            notify(
                session=session,
                chat_ids=reviewers,
                text=texts.review_notice(result.status == ann.BLOCKED, str(data["provider_name"])),
                source_id=result.announcement_id,
                occurrence=result.status,
            )
        if result.status not in (ann.BLOCKED, ann.INVALID):
            clear_flow(session=session, telegram_id=user.id)
    logger.info("An announcement draft was %s", result.status)
    await reply(update, texts.submission(result.status, result.issues, result.audience))
