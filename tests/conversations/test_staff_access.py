"""Every staff command, button, file and typed step refuses a learner, found from the handler
map itself, so a staff handler added later without `staff_only` fails here."""

import itertools
import re

import pytest
from sqlmodel import Session, func, select
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler

from catalogue.db import session_scope
from catalogue.learners import create_learner, set_area, set_flow, set_interests
from catalogue.models import (
    Announcement,
    Delivery,
    Opportunity,
    Provider,
    Referral,
    StaffInvite,
    StaffRole,
)
from catalogue.roles import MODERATOR, PROVIDER, YOUTH_WORKER, grant_role
from conversations import COMMANDS, build_handlers, texts
from conversations import callback_data as cd
from conversations.access import allowed_roles
from conversations.staff import TEXT_FLOWS

user_ids = itertools.count(61_000)
STAFF_NAMESPACES = (cd.YOUTH, cd.PROVIDER, cd.FORM, cd.ANNOUNCE, cd.MODERATE, cd.ADMIN)
PUBLIC_UNLISTED = {"register"}  # organisations asking to join: open to anyone, not in the menu
STAFF_TABLES = (Referral, StaffInvite, StaffRole, Announcement, Provider, Opportunity, Delivery)


def handlers():
    return [handler for group in build_handlers().values() for handler in group]


def guarded(kind):
    return [h for h in handlers() if isinstance(h, kind) and allowed_roles(h.callback)]


STAFF_COMMANDS = sorted((name, h.callback) for h in guarded(CommandHandler) for name in h.commands)
STAFF_BUTTONS = sorted((h.pattern.pattern, h.callback) for h in guarded(CallbackQueryHandler))
STAFF_FILES = guarded(MessageHandler)
STAFF_STEPS = sorted(
    (flow, receiver) for flow, receiver in TEXT_FLOWS.items() if allowed_roles(receiver)
)


def learner(bot, *, onboarded=True):
    chat = bot.chat(next(user_ids))
    if onboarded:
        with session_scope(bot.services.engine) as session:
            person = create_learner(session=session, telegram_id=chat.user.id, age_band="16-17")
            set_interests(session=session, learner=person, topic_ids=["football"])
            set_area(
                session=session, learner=person, name="Brighton", district=None, lat=50.8, lon=-0.1
            )
    return chat


def staff_rows(bot):
    with Session(bot.services.engine) as session:
        return {
            t.__name__: session.exec(select(func.count()).select_from(t)).one()
            for t in STAFF_TABLES
        }


def test_the_map_has_every_staff_entry_point():
    """The commands, namespaces, files and steps below are all there, each guarded."""
    assert {name for name, _ in STAFF_COMMANDS} >= {
        "staff",
        "invite",
        "stats",
        "newopportunity",
        "myopportunities",
        "pending",
        "staffinvite",
    }
    assert {re.match(r"\^(\w+):", p)[1] for p, _ in STAFF_BUTTONS} >= set(STAFF_NAMESPACES)
    assert len(STAFF_FILES) >= 1
    assert {flow for flow, _ in STAFF_STEPS} == set(TEXT_FLOWS) - {"register"}


def test_no_command_outside_the_learner_menu_is_left_unguarded():
    """A command learners aren't offered is a staff command, and must be wrapped."""
    public = {name for name, _ in COMMANDS} | PUBLIC_UNLISTED
    unguarded = [
        name
        for h in handlers()
        if isinstance(h, CommandHandler) and not allowed_roles(h.callback)
        for name in h.commands
        if name not in public
    ]
    assert unguarded == []


def test_every_staff_namespace_is_guarded():
    """Each staff button namespace has exactly one handler, and it checks the role."""
    for namespace in STAFF_NAMESPACES:
        matching = [
            h
            for h in handlers()
            if isinstance(h, CallbackQueryHandler)
            and h.pattern
            and h.pattern.pattern == cd.pattern(namespace)
        ]
        assert len(matching) == 1, namespace
        assert allowed_roles(matching[0].callback), namespace


@pytest.mark.parametrize("onboarded", [True, False], ids=["learner", "newcomer"])
@pytest.mark.parametrize(
    ("command", "callback"), STAFF_COMMANDS, ids=[c for c, _ in STAFF_COMMANDS]
)
async def test_a_learner_is_refused_every_staff_command(bot, command, callback, onboarded):
    """/invite, /pending, /newopportunity and the rest: the same kind refusal, nothing done."""
    chat = learner(bot, onboarded=onboarded)
    before = staff_rows(bot)
    answer = await chat.send(f"/{command}")
    assert [m.plain for m in answer] == [texts.STAFF_ONLY]
    assert staff_rows(bot) == before
    assert bot.failed_calls() == []


@pytest.mark.parametrize(("pattern", "callback"), STAFF_BUTTONS, ids=[p for p, _ in STAFF_BUTTONS])
async def test_a_learner_is_refused_every_staff_button(bot, pattern, callback):
    """Button data a learner forges for a staff namespace gets a refusal toast, nothing more."""
    chat = learner(bot)
    namespace = re.match(r"\^(\w+):", pattern)[1]
    before = staff_rows(bot)
    for data in (f"{namespace}:approve:1", f"{namespace}:publish", f"{namespace}:close:1"):
        answer = await chat.deliver(chat.user.callback(data, message_id=1))
        assert answer == []
        assert chat.user.toasts[-1].text == texts.STAFF_ONLY_TOAST
    assert staff_rows(bot) == before


async def test_a_learner_is_refused_a_catalogue_file(bot):
    """A CSV sent by a learner imports nothing."""
    chat = learner(bot)
    csv = b"id,title,provider,badge,location\nx1,Free Stuff,Me,Badge,online\n"
    answer = await chat.deliver(chat.user.document("catalogue.csv", csv, "text/csv"))
    assert [m.plain for m in answer] == [texts.STAFF_ONLY]
    with Session(bot.services.engine) as session:
        assert session.exec(select(Opportunity)).all() == []


@pytest.mark.parametrize(("flow", "receiver"), STAFF_STEPS, ids=[f for f, _ in STAFF_STEPS])
async def test_a_learner_stuck_in_a_staff_step_is_refused(bot, flow, receiver):
    """Even with a forged flow state, typed text reaches no staff step."""
    chat = learner(bot)
    with session_scope(bot.services.engine) as session:
        set_flow(
            session=session,
            telegram_id=chat.user.id,
            flow=flow,
            step="label",
            data={"provider": 1, "opportunity": 1, "announcement": 1, "form": {}},
        )
    before = staff_rows(bot)
    answer = await chat.send("Year 12 at Varndean")
    assert [m.plain for m in answer] == [texts.STAFF_ONLY]
    assert staff_rows(bot) == before


@pytest.mark.parametrize(
    ("role", "refused"),
    [
        (YOUTH_WORKER, ["/pending", "/newopportunity", "/myopportunities", "/staffinvite"]),
        (PROVIDER, ["/invite", "/stats", "/pending", "/staffinvite"]),
        (MODERATOR, ["/invite", "/newopportunity", "/staffinvite"]),
    ],
)
async def test_each_role_reaches_only_its_own_commands(bot, role, refused):
    """A youth worker can't moderate, a provider can't make referral links, and so on."""
    chat = bot.chat(next(user_ids))
    with session_scope(bot.services.engine) as session:
        provider = Provider(name=f"Club {chat.user.id}")
        session.add(provider)
        session.flush()
        grant_role(
            session=session,
            telegram_id=chat.user.id,
            role=role,
            provider_id=provider.id if role == PROVIDER else None,
        )
    for command in refused:
        answer = await chat.send(command)
        assert [m.plain for m in answer] == [texts.STAFF_ONLY], command
