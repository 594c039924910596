"""Admins in chat: /stats shows the funnel (totals only), /staff shows each role its commands
and puts them in that person's menu, never the public one."""

import json

from sqlmodel import select

from catalogue.db import session_scope
from catalogue.learners import create_learner, save_opportunity, set_area, set_interests
from catalogue.models import Opportunity
from catalogue.roles import YOUTH_WORKER, grant_role
from conversations import texts


async def test_the_funnel_for_an_admin(catalogue_bot, engine):
    """Joined, set up, matched, saved, reminded, badge: counts under 5 hidden."""
    with session_scope(engine) as session:
        football = session.exec(
            select(Opportunity).where(Opportunity.catalogue_id == "bn-foot")
        ).one()
        for telegram_id in range(1, 9):
            learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
            if telegram_id <= 6:
                set_interests(session=session, learner=learner, topic_ids=["football"])
                set_area(
                    session=session,
                    learner=learner,
                    name="Brighton",
                    district=None,
                    lat=50.82,
                    lon=-0.14,
                )
            if telegram_id <= 5:
                save_opportunity(session=session, learner=learner, opportunity_id=football.id)
    admin = catalogue_bot.chat(9000)
    stats = await admin.send("/stats")
    assert stats[0].plain.splitlines() == [
        "📊 All learners (totals only; under 5 shows as “fewer than 5”)",
        "Joined: 8",
        "Set up (interests and area): 6",
        "Have something that fits: 6",
        "Saved something: 5",
        "Got a reminder: fewer than 5",
        "Claimed a badge: fewer than 5",
    ]


async def test_staff_help_lists_only_your_commands_and_sets_your_menu(catalogue_bot, engine):
    """A youth worker sees /invite and /stats; the public menu never shows staff commands."""
    with session_scope(engine) as session:
        grant_role(session=session, telegram_id=7000, role=YOUTH_WORKER)
    worker = catalogue_bot.chat(7000)
    shown = await worker.send("/staff")
    assert shown[0].plain.splitlines()[:4] == [
        "🧰 Staff commands",
        "/staff — What staff can do",
        "/invite — Referral links and QR posters",
        "/stats — Numbers (totals only)",
    ]
    assert "/pending" not in shown[0].plain
    menus = {
        key: [c["command"] for c in value] for key, value in catalogue_bot.api.commands.items()
    }
    public = next(v for k, v in menus.items() if json.loads(k.split("|")[0])["type"] == "default")
    mine = next(v for k, v in menus.items() if json.loads(k.split("|")[0]).get("chat_id") == 7000)
    assert not {"invite", "stats", "pending", "staffinvite", "newopportunity"} & set(public)
    assert {"announcements", "report"} <= set(public)
    assert mine[-3:] == ["staff", "invite", "stats"]
    assert texts.STAFF_ONLY not in shown[0].plain
