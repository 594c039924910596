"""A small catalogue every learner-journey test starts from."""

from datetime import datetime

import pytest

from tests.conftest import make_row

CATALOGUE = (
    make_row("bn-foot", "Five-a-Side Fridays"),
    make_row(
        "bn-beats",
        "Make Beats on a Laptop",
        tags=("music", "music production"),
        provider="Seafront Sound Lab",
        location="London Road, Brighton",
        latitude=50.8330,
        longitude=-0.1370,
        starts_at=datetime(2027, 5, 3, 18, 0),
        ends_at=datetime(2027, 5, 3, 20, 0),
        cost="£3",
        skills=("Creativity", "Digital skills"),
    ),
    make_row(
        "ol-code",
        "Code Club Online",
        tags=("coding", "technology"),
        provider="Code Crew",
        location="online",
        latitude=None,
        longitude=None,
        skills=("Digital skills",),
    ),
    make_row(
        "pl-surf",
        "Surf Lifesaving Taster",
        tags=("surfing", "watersports"),
        provider="Plymouth Surf Club",
        location="Tinside, Plymouth",
        latitude=50.3640,
        longitude=-4.1420,
    ),
    make_row(
        "bn-old",
        "Last Summer's Football Camp",
        starts_at=datetime(2025, 7, 1, 10, 0),
        ends_at=datetime(2025, 7, 5, 16, 0),
    ),
)


@pytest.fixture
async def catalogue_bot(bot):
    """The bot with the small catalogue loaded."""
    bot.add(*CATALOGUE)
    return bot


async def onboard(chat, *, interests="footy", place="Brighton", age="16-17"):
    """Walk a learner through onboarding: age, consent, interests, place."""
    await chat.send("/start")
    await chat.press(age)
    await chat.press("Yes, that's OK")
    await chat.send(interests)
    await chat.press("✅ Yes")
    return await chat.send(place)
