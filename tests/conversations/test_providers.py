"""Providers in chat: asking to join and being approved, adding an opportunity step by step
with a preview, editing and closing it, reach as totals, and catalogue files."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from catalogue.db import session_scope
from catalogue.learners import create_learner, save_opportunity
from catalogue.models import Delivery, Opportunity, Provider
from catalogue.roles import PROVIDER, grant_role
from conversations import texts
from tests.conversations.conftest import onboard

ADMIN = 9000
MEMBER = 8000


def provider_member(bot, name="Kemptown Youth Club", telegram_id=MEMBER):
    """A member of an approved provider (the catalogue's own, if it has that name)."""
    with session_scope(bot.services.engine) as session:
        provider = session.exec(select(Provider).where(Provider.name == name)).first()
        if provider is None:
            provider = Provider(name=name)
            session.add(provider)
            session.flush()
        grant_role(
            session=session, telegram_id=telegram_id, role=PROVIDER, provider_id=provider.id
        )
    return bot.chat(telegram_id)


def notices(engine, chat_id):
    with Session(engine) as session:
        rows = session.exec(
            select(Delivery).where(Delivery.kind == "notice", Delivery.chat_id == chat_id)
        ).all()
        return [row.payload["text"] for row in rows]


def when(days=60):
    """A date two months from now, as a provider types it."""
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%d")


async def test_an_organisation_asks_to_join_and_an_admin_approves(catalogue_bot, engine):
    """/register -> admins told -> /pending -> approve -> the provider can add opportunities."""
    person = catalogue_bot.chat(8100)
    ask = await person.send("/register")
    assert "What's your organisation called?" in ask[0].plain
    await person.send("Hove Community Kitchen")
    sent = await person.send("Cooking sessions for 16-25s, with a certificate at the end.")
    assert sent[0].plain.startswith(
        "✅ Thanks! I've asked an admin to check Hove Community Kitchen"
    )
    assert notices(engine, ADMIN) == [texts.provider_request_notice("Hove Community Kitchen")]
    waiting = await person.send("/newopportunity")
    assert "waiting for an admin's approval" in waiting[0].plain

    admin = catalogue_bot.chat(ADMIN)
    pending = await admin.send("/pending")
    assert pending[0].plain == "🗂 Waiting: 1 organisation to approve."
    assert "Hove Community Kitchen wants to offer opportunities" in pending[1].plain
    assert "Cooking sessions for 16-25s" in pending[1].plain
    approved = await admin.press(texts.APPROVE)
    assert approved[0].plain == texts.PROVIDER_APPROVED
    assert notices(engine, 8100) == [texts.PROVIDER_APPROVED_NOTICE]
    again = await admin.press(texts.APPROVE, message_id=pending[1].message_id)
    assert again == []
    assert admin.user.toasts[-1].text == texts.ALREADY_DECIDED
    start = await person.send("/newopportunity")
    assert "New opportunity" in start[0].plain


async def test_a_registration_with_contact_details_or_a_taken_name_is_refused(catalogue_bot):
    """Names are screened like announcements; an existing organisation can't be claimed."""
    person = catalogue_bot.chat(8101)
    await person.send("/register")
    bad = await person.send("Call Jo 07700 900123")
    assert bad[0].plain == texts.BAD_ORGANISATION_NAME
    await person.send("Kemptown Youth Club")
    taken = await person.send("Football for everyone")
    assert taken[0].plain.startswith("There's already an organisation with that name")


async def test_a_provider_adds_an_opportunity_with_a_preview_and_an_edit(catalogue_bot):
    """Nine questions, a preview exactly as learners see it, an edit, then it's live."""
    provider = provider_member(catalogue_bot)
    intro = await provider.send("/newopportunity")
    assert intro[1].plain.startswith("1/9 What's it called?")
    await provider.send("Cook Up a Storm")
    phone = await provider.send("Learn five easy meals. Questions? Ring 07700 900123.")
    assert phone[0].plain.startswith("Please take out contact details")
    await provider.send("Learn five easy meals on a budget, then eat them together.")
    topics = await provider.send("cooking")
    assert topics[0].plain == "Got it: Cooking. Right?"
    await provider.press("✅ Yes")
    await provider.send("Budget Chef")
    where = await provider.send("Hove")
    assert where[0].plain.startswith("6/9 When is it?")
    bad_time = await provider.send("next tuesday-ish")
    assert bad_time[0].plain.startswith("I couldn't read that as a date")
    await provider.send(f"{when()} 18:00 to 20:00")
    await provider.press("16-25")
    bad_cost = await provider.send("lots")
    assert bad_cost[0].plain == "Try free, or an amount like £3."
    await provider.send("£3")
    for refused, problem in [
        ("https://bit.ly/cook", "shortener"),
        ("https://wa.me/447700900123", "messaging_link"),
        ("http://kitchen.org", "not_https"),
    ]:
        answer = await provider.send(refused)
        assert answer[0].plain == texts.ISSUE_TEXT[problem]
    preview = await provider.send("https://hovekitchen.example.org/cook")
    assert preview[0].plain.startswith("👀 Preview — this is how learners will see it:")
    assert "Cook Up a Storm" in preview[0].plain
    assert "🏅 Budget Chef" in preview[0].plain
    assert preview[0].labels == [texts.PUBLISH, texts.EDIT, texts.FORM_CANCEL]
    fields = await provider.press(texts.EDIT)
    assert fields[0].labels == list(texts.FORM_FIELDS.values())
    await provider.press("Title")
    edited = await provider.send("Cook Up a Storm: Budget Meals")
    assert "Cook Up a Storm: Budget Meals" in edited[0].plain
    live = await provider.press(texts.PUBLISH)
    assert live[0].plain.startswith("✅ Published: Cook Up a Storm: Budget Meals")

    learner = catalogue_bot.chat(8200)
    await onboard(learner, interests="cooking", place="Hove", age="18-25")
    found = await learner.send("cooking")
    assert any("Cook Up a Storm: Budget Meals" in m.plain for m in found)
    assert catalogue_bot.failed_calls() == []


async def test_a_provider_sees_reach_as_totals_edits_and_closes(catalogue_bot, engine):
    """/myopportunities: saves as a total (under 5 hidden), edit a field, close it."""
    provider = provider_member(catalogue_bot)
    mine = await provider.send("/myopportunities")
    assert "Your opportunities (2 open)" in mine[0].plain
    card = next(m for m in mine if "Five-a-Side Fridays" in m.plain)
    assert "Saved by fewer than 5 learners" in card.plain
    with session_scope(engine) as session:
        football = session.exec(
            select(Opportunity).where(Opportunity.catalogue_id == "bn-foot")
        ).one()
        for telegram_id in range(8300, 8306):
            person = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
            save_opportunity(session=session, learner=person, opportunity_id=football.id)
    mine = await provider.send("/myopportunities")
    card = next(m for m in mine if "Five-a-Side Fridays" in m.plain)
    assert "Saved by 6 learners" in card.plain
    assert "830" not in card.plain  # totals only: no learner is ever named

    preview = await provider.press(texts.EDIT, message_id=card.message_id)
    assert preview[0].plain.startswith("👀 Preview")
    await provider.press(texts.EDIT)
    await provider.press("Cost")
    await provider.send("£2")
    saved = await provider.press(texts.PUBLISH)
    assert saved[0].plain.startswith("✅ Updated: Five-a-Side Fridays")
    with Session(engine) as session:
        row = session.exec(select(Opportunity).where(Opportunity.catalogue_id == "bn-foot")).one()
        assert row.cost == "£2"

    ask = await provider.press(texts.CLOSE, message_id=card.message_id)
    assert ask[0].labels == [texts.CLOSE_YES, texts.CLOSE_NO]
    done = await provider.press(texts.CLOSE_YES)
    assert done[0].plain.startswith("🛑 Closed: Five-a-Side Fridays")
    learner = catalogue_bot.chat(8400)
    await onboard(learner)
    found = await learner.send("football in Brighton")
    assert not any("Five-a-Side Fridays" in m.plain for m in found)


async def test_a_provider_cannot_touch_another_providers_opportunity(catalogue_bot, engine):
    """Button data naming someone else's opportunity is refused (ownership checked)."""
    provider = provider_member(catalogue_bot, name="Seafront Sound Lab")
    with Session(engine) as session:
        football = session.exec(
            select(Opportunity).where(Opportunity.catalogue_id == "bn-foot")
        ).one()
    for action in ("edit", "announce", "closeyes"):
        answer = await provider.deliver(
            provider.user.callback(f"pv:{action}:{football.id}", message_id=1)
        )
        assert answer == []
        assert provider.user.toasts[-1].text == texts.NOT_YOURS
    with Session(engine) as session:
        assert session.get(Opportunity, football.id).status == "published"


HEADER = "id,title,description,provider,tags,badge,location,starts_at,min_age,max_age,cost,url"
KYC = "Kemptown Youth Club"


def csv(*rows, header=True):
    """Catalogue CSV text with these rows (under the header unless `header` is False)."""
    lines = ([HEADER] if header else []) + [",".join(row) for row in rows]
    return "\n".join(lines) + "\n"


async def test_a_provider_imports_their_own_csv_file(catalogue_bot, engine):
    """Their rows go in; a row for another organisation, another's id or with contact details
    stops the whole file."""
    provider = provider_member(catalogue_bot)
    good = csv(
        (
            *("kyc-1", "Basketball Nights", "Shooting hoops", KYC, "basketball", "Hoops Badge"),
            *("Hove", when(), "16", "25", "free", "https://kyc.example.org/1"),
        ),
        (
            *("kyc-2", "Table Tennis", "Ping pong", KYC, "table tennis", "Paddle", "Brighton"),
            *("", "16", "25", "£1", ""),
        ),
    )
    bad = good + csv(
        (
            *("bn-beats", "Take Over", "Not mine", KYC, "music", "Badge", "Brighton", ""),
            *("16", "25", "free", ""),
        ),
        (
            *("kyc-3", "Elsewhere", "Not ours", "Seafront Sound Lab", "music", "Badge"),
            *("Brighton", "", "16", "25", "free", ""),
        ),
        (
            *("kyc-4", "Cooking", "Email jo at gmail dot com", KYC, "cooking", "Badge"),
            *("Hove", "", "16", "25", "free", ""),
        ),
        header=False,
    )
    refused = await provider.deliver(provider.user.document("mine.csv", bad.encode(), "text/csv"))
    report = refused[-1].plain
    assert report.startswith("Nothing imported: 3 problems in 5 rows")
    assert "already used by another organisation" in report
    assert "expected 'Kemptown Youth Club' (your organisation)" in report
    assert "no contact details (email)" in report
    with Session(engine) as session:
        assert (
            session.exec(select(Opportunity).where(Opportunity.catalogue_id == "kyc-1")).first()
            is None
        )
    done = await provider.deliver(provider.user.document("mine.csv", good.encode(), "text/csv"))
    assert done[-1].plain.startswith("✅ Imported: 2 new, 0 updated")
    learner = catalogue_bot.chat(8500)
    await onboard(learner, interests="basketball", place="Hove")
    found = await learner.send("basketball")
    assert any("Basketball Nights" in m.plain for m in found)


async def test_an_admin_imports_any_catalogue_file(catalogue_bot, engine):
    """An admin's file can hold many organisations, as the CLI import does."""
    admin = catalogue_bot.chat(ADMIN)
    text = csv(
        (
            *("new-1", "Climbing Taster", "Boulders", "Brighton Climbing", "climbing"),
            *("Climber", "Brighton", "", "16", "25", "free", ""),
        ),
        (
            *("new-2", "Coding Jam", "Code", "Code Crew", "coding", "Jammer", "online", ""),
            *("16", "25", "free", ""),
        ),
    )
    done = await admin.deliver(admin.user.document("all.csv", text.encode(), "text/csv"))
    assert done[-1].plain.startswith("✅ Imported: 2 new")
    broken = await admin.deliver(admin.user.document("bad.csv", b"\xff\xfe\x00junk", "text/csv"))
    assert broken[-1].plain.startswith("I couldn't read that file")


async def test_a_file_from_an_organisation_waiting_for_approval_imports_nothing(catalogue_bot):
    """Until an admin approves the organisation, its files are not imported."""
    person = catalogue_bot.chat(8150)
    await person.send("/register")
    await person.send("Hove Community Kitchen")
    await person.send("Cooking for 16-25s")
    text = csv(("hck-1", "Cook", "Cook", "Hove Community Kitchen", "cooking", "Chef", "Hove", ""))
    answer = await person.deliver(person.user.document("mine.csv", text.encode(), "text/csv"))
    assert answer[-1].plain.startswith("You're not a member of an approved organisation yet")
