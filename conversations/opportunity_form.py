"""/newopportunity: a guided conversation (title, description, topics, badge, where, when,
ages, cost, link), then a preview to edit before publishing. Editing an existing opportunity
starts at the preview. Each answer is checked as a catalogue file row would be.
"""

import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from catalogue.catalogue_file import Problem
from catalogue.db import session_scope
from catalogue.learners import clear_flow, get_flow, set_flow
from catalogue.matching import uk_now
from catalogue.opportunities import OpportunityView
from catalogue.providers import (
    MAX_BADGE,
    MAX_DESCRIPTION,
    MAX_TITLE,
    approved_providers_of,
    form_from_view,
    opportunity_tags,
    parse_ages,
    parse_cost,
    parse_when,
    providers_of,
    publish_opportunity,
    text_field_problem,
    url_problem,
)
from catalogue.roles import PROVIDER
from conversations import callback_data as cd
from conversations import texts
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.replies import answer_button, reply
from conversations.staff_ui import button, keyboard, typed_text

logger = logging.getLogger(__name__)

FLOW = "opportunity"
STEPS = ("title", "description", "topics", "badge", "where", "when", "ages", "cost", "link")
AGE_CHOICES = ("16-25", "16-17", "18-25")
MAX_TOPICS = 5
EMPTY_FORM = {
    "title": "",
    "description": "",
    "tags": "",
    "badge": "",
    "skills": "",
    "location": "",
    "latitude": "",
    "longitude": "",
    "starts_at": "",
    "ends_at": "",
    "min_age": "16",
    "max_age": "25",
    "cost": "free",
    "url": "",
}


def _prompt(step: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question for a step, with its shortcut buttons."""
    shortcuts = {
        "where": [button(texts.ONLINE_ONLY, cd.FORM, "online")],
        "when": [button(texts.FORM_ONGOING, cd.FORM, "ongoing")],
        "ages": [button(band, cd.FORM, "ages", band) for band in AGE_CHOICES],
        "cost": [button(texts.FORM_FREE, cd.FORM, "free")],
        "link": [button(texts.FORM_NO_LINK, cd.FORM, "nolink")],
    }
    row = shortcuts.get(step)
    return texts.FORM_QUESTIONS[step], keyboard(row) if row else None


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


async def _ask(update: Update, context: BotContext, step: str, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    _save(context, user.id, step, data)
    text, markup = _prompt(step)
    await reply(update, text, reply_markup=markup)


async def _next(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    """Move on: back to the preview when editing one field, else to the next question."""
    step = data["step"]
    if data.get("back") or step == STEPS[-1]:
        await _show_preview(update, context, data)
        return
    await _ask(update, context, STEPS[STEPS.index(step) + 1], data)


def _preview_view(data: dict[str, Any], context: BotContext) -> OpportunityView:
    form = data["form"]
    tz = context.services.timezone

    def moment(value: str) -> datetime | None:
        return datetime.fromisoformat(value).replace(tzinfo=tz) if value else None

    def number(value: str) -> float | None:
        return float(value) if value else None

    return OpportunityView(
        id=0,
        catalogue_id="",
        title=form["title"],
        description=form["description"],
        provider=str(data.get("provider_name", "")),
        badge=form["badge"],
        skills=(),
        location=form["location"],
        latitude=number(form["latitude"]),
        longitude=number(form["longitude"]),
        starts_at=moment(form["starts_at"]),
        ends_at=moment(form["ends_at"]),
        min_age=int(form["min_age"]) if form["min_age"] else None,
        max_age=int(form["max_age"]) if form["max_age"] else None,
        cost=form["cost"],
        url=form["url"],
        status="published",
    )


async def _show_preview(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    data = {**data, "back": False}
    _save(context, user.id, "preview", data)
    view = _preview_view(data, context)
    await reply(
        update,
        texts.opportunity_preview(view, context.services.timezone, editing=bool(data.get("id"))),
        reply_markup=keyboard(
            [
                button(texts.PUBLISH, cd.FORM, "publish"),
                button(texts.EDIT, cd.FORM, "edit"),
                button(texts.FORM_CANCEL, cd.FORM, "cancel"),
            ]
        ),
    )


@staff_only(PROVIDER)
async def start_new_opportunity(update: Update, context: BotContext) -> None:
    """Starts the guided conversation for a new opportunity."""
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        mine = providers_of(session=session, telegram_id=user.id)
    approved = [p for p in mine if p.approved and p.id is not None]
    if not approved:
        await reply(update, texts.not_approved_yet([p.name for p in mine]))
        return
    if len(approved) > 1:
        await reply(
            update,
            texts.WHICH_ORGANISATION,
            reply_markup=keyboard(*[[button(p.name, cd.FORM, "org", p.id)] for p in approved]),
        )
        return
    provider = approved[0]
    await _begin(update, context, provider.id, provider.name)


async def _begin(update: Update, context: BotContext, provider_id: int | None, name: str) -> None:
    data = {"provider": provider_id, "provider_name": name, "form": dict(EMPTY_FORM)}
    await reply(update, texts.NEW_OPPORTUNITY_INTRO)
    await _ask(update, context, STEPS[0], data)


async def start_editing(update: Update, context: BotContext, view: OpportunityView) -> None:
    """Opens an existing opportunity (ownership already checked) at the preview."""
    user = update.effective_user
    assert user is not None
    taxonomy = context.services.search.taxonomy
    with session_scope(context.services.engine) as session:
        tags = opportunity_tags(session=session, opportunity_id=view.id)
        providers = approved_providers_of(session=session, telegram_id=user.id)
    provider = next(p for p in providers if p.name == view.provider)
    topics = list(dict.fromkeys(t for tag in tags for t in taxonomy.tag_topics(tag)))
    data = {
        "provider": provider.id,
        "provider_name": provider.name,
        "id": view.catalogue_id,
        "topics": topics,
        "form": form_from_view(view, tags=tags, timezone=context.services.timezone),
    }
    await _show_preview(update, context, data)


def _set(data: dict[str, Any], **fields: str) -> dict[str, Any]:
    return {**data, "form": {**data["form"], **fields}}


@staff_only(PROVIDER)
async def receive_form_text(update: Update, context: BotContext) -> None:
    """Takes the answer to the current question, or says kindly what to fix."""
    user = update.effective_user
    assert user is not None
    data = _flow(context, user.id)
    if data is None:
        return
    text = typed_text(update)
    step = data["step"]
    services = context.services
    if step in ("title", "description", "badge"):
        low, high = {"title": (3, MAX_TITLE), "description": (10, MAX_DESCRIPTION)}.get(
            step, (3, MAX_BADGE)
        )
        problem = text_field_problem(text, low=low, high=high)
        if problem:
            await reply(update, texts.form_problem(step, problem, low, high))
            return
        await _next(
            update,
            context,
            _set(data, **{step: " ".join(text.split()) if step != "description" else text}),
        )
    elif step == "topics":
        understood = services.search.taxonomy.understand(text)
        topics = list(dict.fromkeys(hit.topic.id for hit in understood.topics))[:MAX_TOPICS]
        if not topics:
            await reply(update, texts.FORM_TOPICS_NOT_UNDERSTOOD)
            return
        _save(context, user.id, "topics", {**data, "topics": topics})
        names = [services.search.taxonomy.topic(t).name for t in topics]
        await reply(
            update,
            texts.confirm_interests(names),
            reply_markup=keyboard(
                [
                    button(texts.CONFIRM_YES, cd.FORM, "topics", "yes"),
                    button(texts.CONFIRM_CHANGE, cd.FORM, "topics", "change"),
                ]
            ),
        )
    elif step == "where":
        problem = text_field_problem(text, low=2, high=200)
        place = None if problem else services.search.gazetteer.locate(text)
        if place is None:
            await reply(update, texts.FORM_PLACE_NOT_FOUND)
            return
        await _next(
            update,
            context,
            _set(
                data,
                location=" ".join(text.split()),
                latitude=str(place.lat),
                longitude=str(place.lon),
            ),
        )
    elif step == "when":
        when = parse_when(text, now=uk_now())
        if when is None:
            await reply(update, texts.FORM_BAD_WHEN)
            return
        start, end = when
        await _next(
            update,
            context,
            _set(
                data,
                starts_at=start.isoformat(timespec="minutes"),
                ends_at=end.isoformat(timespec="minutes") if end else "",
            ),
        )
    elif step == "ages":
        ages = parse_ages(text)
        if ages is None:
            await reply(update, texts.FORM_BAD_AGES)
            return
        low_age, high_age = ages
        await _next(
            update,
            context,
            _set(data, min_age=str(low_age), max_age="" if high_age is None else str(high_age)),
        )
    elif step == "cost":
        cost = parse_cost(text)
        if cost is None:
            await reply(update, texts.FORM_BAD_COST)
            return
        await _next(update, context, _set(data, cost=cost))
    elif step == "link":
        problem = url_problem(text)
        if problem:
            await reply(update, texts.link_refused(problem))
            return
        await _next(update, context, _set(data, url=text))
    else:
        await reply(update, texts.USE_THE_BUTTONS)


@staff_only(PROVIDER)
async def act_on_form(update: Update, context: BotContext) -> None:
    """The form's buttons: shortcuts for an answer, edit a field, publish, cancel."""
    user, press = update.effective_user, cd.pressed(update)
    assert user is not None
    if press is None:
        return
    if press.action == "org":
        with session_scope(context.services.engine) as session:
            mine = approved_providers_of(session=session, telegram_id=user.id)
        chosen = next((p for p in mine if p.id == press.number), None)
        if chosen is None:
            await answer_button(update, texts.OLD_BUTTON)
            return
        await answer_button(update)
        await _begin(update, context, chosen.id, chosen.name)
        return
    data = _flow(context, user.id)
    step = data["step"] if data else None
    shortcut_step = {
        "online": "where",
        "ongoing": "when",
        "ages": "ages",
        "free": "cost",
        "nolink": "link",
        "topics": "topics",
    }.get(press.action)
    if data is None or (shortcut_step is not None and step != shortcut_step):
        await answer_button(update, texts.OLD_BUTTON)
        return
    await answer_button(update)
    if press.action == "online":
        await _next(update, context, _set(data, location="online", latitude="", longitude=""))
    elif press.action == "ongoing":
        await _next(update, context, _set(data, starts_at="", ends_at=""))
    elif press.action == "ages" and press.arg in AGE_CHOICES:
        low, high = press.arg.split("-")
        await _next(update, context, _set(data, min_age=low, max_age=high))
    elif press.action == "free":
        await _next(update, context, _set(data, cost="free"))
    elif press.action == "nolink":
        await _next(update, context, _set(data, url=""))
    elif press.action == "topics" and press.arg == "yes" and data.get("topics"):
        taxonomy = context.services.search.taxonomy
        names = ";".join(taxonomy.topic(t).name for t in data["topics"] if t in taxonomy)
        await _next(update, context, _set(data, tags=names))
    elif press.action == "topics":
        await _ask(update, context, "topics", data)
    elif press.action == "edit" and step == "preview":
        await reply(
            update,
            texts.WHICH_FIELD,
            reply_markup=keyboard(
                *[
                    [button(texts.FORM_FIELDS[s], cd.FORM, "field", s) for s in STEPS[i : i + 3]]
                    for i in range(0, len(STEPS), 3)
                ]
            ),
        )
    elif press.action == "field" and press.arg in STEPS and step in ("preview", "edit"):
        await _ask(update, context, press.arg, {**data, "back": True})
    elif press.action == "publish" and step == "preview":
        await _publish(update, context, data)
    elif press.action == "cancel":
        with session_scope(context.services.engine) as session:
            clear_flow(session=session, telegram_id=user.id)
        await reply(update, texts.FORM_CANCELLED)
    else:
        await reply(update, texts.OLD_BUTTON)


async def _publish(update: Update, context: BotContext, data: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    with session_scope(services.engine) as session:
        provider = next(
            (
                p
                for p in approved_providers_of(session=session, telegram_id=user.id)
                if p.id == data.get("provider")
            ),
            None,
        )
        view: OpportunityView | None = None
        problems: list[Problem] = []
        if provider is not None:
            view, problems = publish_opportunity(
                session=session,
                provider=provider,
                form=data["form"],
                timezone=services.timezone,
                catalogue_id=data.get("id"),
            )
        if view is not None:
            clear_flow(session=session, telegram_id=user.id)
    if provider is None:
        await reply(update, texts.NOT_YOURS)
        return
    if view is None:
        logger.info("A provider's form failed its checks: %s", [p.field for p in problems])
        await reply(update, texts.form_not_published([str(p) for p in problems]))
        return
    services.search.refresh()
    await reply(update, texts.published(view.title, updated=bool(data.get("id"))))
