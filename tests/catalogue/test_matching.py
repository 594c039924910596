"""Ranking opportunities for a learner: hard rules, ordering, reasons, and the eval."""

import random
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.catalogue_file import CatalogueRow
from catalogue.evaluation import EvalQuery, evaluate_matching, read_queries
from catalogue.interests import default_taxonomy
from catalogue.matching import Listing, MatchIndex, Query, distance_km, listing_from_row

NOW = datetime(2027, 1, 10, 12, 0)
BRIGHTON = (50.8284, -0.1395)
HOVE = (50.8279, -0.1688)  # 2 km
LEWES = (50.8739, 0.0088)  # 11 km
WORTHING = (50.8179, -0.3729)  # 16.5 km
EASTBOURNE = (50.7687, 0.2845)  # 31 km
MANCHESTER = (53.4808, -2.2426)


def make(listing_id: str, tags: tuple[str, ...], where: tuple[float, float] | None, **extra):
    values = {
        "id": listing_id,
        "title": f"{tags[0].title()} session",
        "description": "A friendly weekly session.",
        "provider": "Youth Hub",
        "tags": tags,
        "badge": "Taking Part",
        "skills": ("Teamwork",),
        "lat": None if where is None else where[0],
        "lon": None if where is None else where[1],
        "starts_at": None,
        "ends_at": None,
        "min_age": None,
        "max_age": None,
        "cost": "free",
        "url": f"https://example.org/{listing_id}",
    }
    values.update(extra)
    return Listing(**values)


def index_of(*listings: Listing) -> MatchIndex:
    return MatchIndex.build(listings, default_taxonomy())


def search(index: MatchIndex, text: str, where=BRIGHTON, **extra):
    lat, lon = (None, None) if where is None else where
    return index.search(Query(text, lat=lat, lon=lon, now=NOW, **extra))


def ids(result) -> list[str]:
    return [match.listing.id for match in result.matches]


def test_finished_items_are_never_returned():
    """Something that has already ended is never offered."""
    index = index_of(
        make("old", ("football",), HOVE, ends_at=NOW - timedelta(days=1)),
        make("today", ("football",), HOVE, ends_at=NOW.replace(hour=23, minute=59)),
        make("later", ("football",), HOVE, starts_at=NOW + timedelta(days=30)),
    )
    assert sorted(ids(search(index, "football"))) == ["later", "today"]


def test_items_outside_the_learners_age_are_never_returned():
    """An 18+ activity is hidden from a 17-year-old but shown at 19 or when age is unknown."""
    index = index_of(
        make("adults", ("boxing",), HOVE, min_age=18),
        make("young", ("boxing",), HOVE, max_age=18),
    )
    assert ids(search(index, "boxing", age=17)) == ["young"]
    assert ids(search(index, "boxing", age=19)) == ["adults"]
    assert sorted(ids(search(index, "boxing"))) == ["adults", "young"]


def test_in_person_items_beyond_the_radius_are_never_returned():
    """In-person activities further than the radius are left out; online ones stay."""
    index = index_of(
        make("lewes", ("football",), LEWES),
        make("eastbourne", ("football",), EASTBOURNE),
        make("manchester", ("football",), MANCHESTER),
        make("online", ("football",), None),
    )
    assert ids(search(index, "football")) == ["lewes", "online"]
    assert ids(search(index, "football", radius_km=10)) == ["online"]


def test_nearby_in_person_comes_before_online():
    """With a place given, something nearby ranks above the same thing online."""
    index = index_of(make("online", ("guitar",), None), make("hove", ("guitar",), HOVE))
    assert ids(search(index, "guitar")) == ["hove", "online"]


def test_without_a_place_online_comes_first_but_in_person_is_listed():
    """Without a place, online activities come first and in-person ones follow."""
    index = index_of(make("hove", ("guitar",), HOVE), make("online", ("guitar",), None))
    result = search(index, "guitar", where=None)
    assert ids(result) == ["online", "hove"]
    assert "in person" in result.matches[1].reasons


def test_exact_topic_nearby_beats_further_away_online_and_related():
    """Exactly what was asked nearby first, then online or 15-30 km, then related topics."""
    index = index_of(
        make("sport-near", ("sport",), HOVE),
        make("worthing", ("basketball",), WORTHING),
        make("online", ("basketball",), None),
        make("near", ("basketball",), HOVE),
        make("netball-near", ("netball",), HOVE),
    )
    order = ids(search(index, "basketball"))
    assert order[0] == "near"
    assert set(order[1:3]) == {"worthing", "online"}
    assert order[3:] == ["sport-near"]
    assert "netball-near" not in order  # a sibling topic is not a match


def test_related_topics_answer_when_nothing_exact_is_near():
    """Asking for hacking still finds a coding club when no cyber security club is near."""
    index = index_of(
        make("coding", ("coding",), HOVE),
        make("cyber-far", ("cyber security",), MANCHESTER),
    )
    result = search(index, "hacking")
    assert ids(result) == ["coding"]
    assert result.matches[0].reasons[0] == "hacking → Coding (related)"


def test_umbrella_interests_find_everything_under_them():
    """A vague interest like "something with animals" finds dogs, horses and farms."""
    index = index_of(
        make("dogs", ("dog walking",), HOVE),
        make("horses", ("horse care",), LEWES),
        make("coding", ("coding",), HOVE),
    )
    assert sorted(ids(search(index, "something with animals"))) == ["dogs", "horses"]


def test_several_interests_are_each_near_the_top():
    """Asking for two things shows both near the top, not ten of the first."""
    football = [make(f"football-{i}", ("football",), HOVE) for i in range(6)]
    index = index_of(*football, make("guitar", ("guitar",), LEWES))
    top = ids(search(index, "footy and guitar"))[:3]
    assert "guitar" in top
    assert any(listing_id.startswith("football") for listing_id in top)


def test_listings_matching_several_interests_rank_first():
    """Something covering everything asked for beats something covering part of it."""
    index = index_of(
        make("both", ("volunteering", "conservation"), LEWES),
        make("one", ("volunteering",), HOVE),
    )
    assert ids(search(index, "nature volunteering"))[0] == "both"


def test_nothing_fits_gives_no_matches_and_alternatives():
    """When nothing fits, no weak padding is shown, only related topics to try."""
    index = index_of(
        make("dj-finished", ("dj",), HOVE, ends_at=NOW - timedelta(days=3)),
        make("dj-far", ("dj",), MANCHESTER),
        make("ukulele", ("music", "ukulele"), HOVE),
    )
    result = search(index, "dj lessons")
    assert result.nothing_fits
    assert result.matches == ()
    assert "music" in [topic.id for topic in result.alternatives]
    assert result.alternatives[0].id == "music"  # available nearby, so offered first


def test_nothing_understood_offers_broad_topics():
    """Gibberish gives no matches and suggests broad topics that have something nearby."""
    index = index_of(make("football", ("football",), HOVE))
    result = search(index, "qwzx")
    assert result.nothing_fits
    assert result.matches == ()
    assert [topic.id for topic in result.alternatives] == ["sport"]
    assert result.understood.unrecognised == ("qwzx",)


def test_online_only_requests_get_only_online_items():
    """Saying "online" means only online activities, even with a place given."""
    index = index_of(make("hove", ("coding",), HOVE), make("web", ("coding",), None))
    result = search(index, "learn to code online")
    assert result.understood.online_only
    assert ids(result) == ["web"]


def test_reasons_carry_the_learners_word_and_the_facts():
    """Each result says what matched in the learner's words, where, when and how much."""
    index = index_of(
        make(
            "match",
            ("football",),
            HOVE,
            starts_at=datetime(2027, 5, 3, 18, 0),
            ends_at=datetime(2027, 6, 1, 20, 0),
            min_age=16,
            max_age=18,
        ),
        make("paid", ("football",), None, cost="£5"),
    )
    first, second = search(index, "footy").matches
    assert first.reasons == (
        "footy → Football",
        "2.1 km away",
        "starts 3 May",
        "free",
        "ages 16-18",
    )
    assert second.reasons == ("footy → Football", "online", "ongoing", "£5")
    assert first.distance_km == pytest.approx(distance_km(*BRIGHTON, *HOVE), abs=0.01)
    assert second.distance_km is None


def test_typing_the_topic_name_gives_a_plain_reason():
    """Typing "football" is explained as "Football", not "football → Football"."""
    index = index_of(make("a", ("football",), HOVE))
    assert search(index, "football").matches[0].reasons[0] == "Football"


def test_confirmed_topics_are_used_instead_of_text():
    """Topics chosen during onboarding search without any text."""
    index = index_of(make("a", ("football",), HOVE), make("b", ("guitar",), HOVE))
    result = index.search(Query("", lat=BRIGHTON[0], lon=BRIGHTON[1], now=NOW, topics=("guitar",)))
    assert ids(result) == ["b"]


def test_scores_are_ordered_bounded_and_ties_broken_by_id():
    """Results come best first with scores in [0, 1], and the order never changes by chance."""
    twins = [make(f"twin-{i}", ("football",), None) for i in range(8)]
    shuffled = twins[:]
    random.Random(4).shuffle(shuffled)
    first = search(index_of(*twins), "football", where=None)
    second = search(index_of(*shuffled), "football", where=None)
    assert ids(first) == ids(second) == [f"twin-{i}" for i in range(8)]
    scores = [match.score for match in first.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)


def test_limit_caps_the_number_of_results():
    """No more results than asked for are returned."""
    index = index_of(*[make(f"f{i}", ("football",), HOVE) for i in range(20)])
    assert len(search(index, "football", limit=5).matches) == 5
    assert len(search(index, "football").matches) == 10


def test_a_rare_fitting_item_is_found_in_a_large_catalogue():
    """One suitable activity among thousands that are finished or for adults is still found."""
    finished = [
        make(f"old-{i:04d}", ("football",), None, ends_at=NOW - timedelta(days=1 + i % 50))
        for i in range(3000)
    ]
    adults = [make(f"adult-{i:04d}", ("football",), HOVE, min_age=18) for i in range(3000)]
    index = index_of(
        *finished,
        *adults,
        make("online-ok", ("football",), None, starts_at=NOW + timedelta(days=400)),
        make("hove-ok", ("football",), LEWES, max_age=17),
    )
    assert ids(search(index, "football", age=16)) == ["hove-ok", "online-ok"]


def test_broken_coordinates_do_not_break_search():
    """A listing or learner with impossible coordinates never crashes a search."""
    index = index_of(
        make("broken", ("football",), (float("nan"), 0.0)),
        make("fine", ("football",), HOVE),
    )
    assert len(index) == 1
    assert ids(search(index, "football", where=(float("nan"), float("inf")))) == ["fine"]


def test_an_empty_catalogue_finds_nothing():
    """Searching before anything is published answers "nothing fits" without failing."""
    result = search(index_of(), "football")
    assert result.nothing_fits
    assert result.matches == ()
    assert len(index_of()) == 0


def test_rows_without_coordinates_are_placed_by_location():
    """A catalogue row with only a town is placed through the gazetteer."""
    row = CatalogueRow(
        id="r1",
        title="Orienteering",
        description="",
        provider="P",
        tags=("orienteering",),
        badge="B",
        skills=(),
        location="Saltash",
        latitude=None,
        longitude=None,
        starts_at=None,
        ends_at=None,
        min_age=None,
        max_age=None,
        cost="free",
        url="https://example.org/r1",
    )
    listing = listing_from_row(row, locate=lambda text: (50.41, -4.21) if text else None)
    assert (listing.lat, listing.lon) == (50.41, -4.21)
    assert not listing.online
    online = listing_from_row(replace(row, location="online"), locate=lambda text: None)
    assert online.online
    with pytest.raises(ValueError, match="Saltash"):
        listing_from_row(row, locate=lambda text: None)


def test_eval_scores_a_perfect_ranking_and_counts_no_match_answers(tmp_path: Path):
    """The offline eval reports nDCG, recall, rule breaks and answered no-match queries."""
    queries_file = tmp_path / "queries.csv"
    queries_file.write_text(
        "id,text,place,age,relevant,notes\n"
        "q1,footy,Brighton,17,near:2 online:1,slang\n"
        "q2,ice hockey,Brighton,,,absent topic\n",
        encoding="utf-8",
    )
    queries = read_queries(queries_file)
    assert queries[0] == EvalQuery(
        "q1", "footy", "Brighton", 17, (("near", 2), ("online", 1)), "slang"
    )
    listings = [
        make("near", ("football",), HOVE),
        make("online", ("football",), None),
        make("old", ("football",), HOVE, ends_at=NOW - timedelta(days=9)),
    ]
    report = evaluate_matching(listings, queries, locate=lambda place: BRIGHTON, now=NOW)
    assert report.ndcg_at_10 == pytest.approx(1.0)
    assert report.recall_at_10 == 1.0
    assert report.errors == 0
    assert (report.no_match_queries, report.no_match_answered) == (1, 0)
    assert "nDCG@10" in report.format()


TOPIC_TAGS = ["football", "guitar", "coding", "dance", "cooking", "sport", "music", "dogs"]
PLACES = [BRIGHTON, HOVE, LEWES, WORTHING, EASTBOURNE, MANCHESTER, None]


@st.composite
def catalogues(draw):
    count = draw(st.integers(min_value=0, max_value=25))
    listings = []
    for i in range(count):
        tags = tuple(draw(st.lists(st.sampled_from(TOPIC_TAGS), min_size=1, max_size=3)))
        where = draw(st.sampled_from(PLACES))
        if where is not None:
            where = (where[0] + draw(st.floats(-0.3, 0.3)), where[1] + draw(st.floats(-0.3, 0.3)))
        start = draw(st.none() | st.integers(-400, 400).map(lambda d: NOW + timedelta(days=d)))
        end = None
        if draw(st.booleans()):
            end = (start or NOW) + timedelta(days=draw(st.integers(-300, 300)))
        low = draw(st.none() | st.integers(10, 20))
        high = draw(st.none() | st.integers(16, 30))
        listings.append(
            make(f"l{i}", tags, where, starts_at=start, ends_at=end, min_age=low, max_age=high)
        )
    return listings


@settings(max_examples=150, deadline=None, database=None)
@given(
    catalogues(),
    st.lists(
        st.sampled_from([*TOPIC_TAGS, "footy", "online", "music production", "zz"]), max_size=3
    ),
    st.sampled_from(PLACES),
    st.none() | st.integers(10, 30),
    st.floats(min_value=1, max_value=60),
)
def test_results_never_break_the_hard_rules(listings, words, place, age, radius):
    """Whatever the catalogue and query, no result is finished, age-excluded or too far."""
    index = MatchIndex.build(listings, default_taxonomy())
    lat, lon = (None, None) if place is None else place
    result = index.search(
        Query(" and ".join(words), lat=lat, lon=lon, radius_km=radius, age=age, now=NOW)
    )
    assert result.nothing_fits == (result.matches == ())
    seen = set()
    for match in result.matches:
        listing = match.listing
        assert listing.id not in seen
        seen.add(listing.id)
        assert listing.ends_at is None or listing.ends_at >= NOW
        if age is not None:
            assert listing.min_age is None or listing.min_age <= age
            assert listing.max_age is None or listing.max_age >= age
        if place is not None and not listing.online:
            assert distance_km(*place, listing.lat, listing.lon) <= radius + 1e-6
        if result.understood.online_only:
            assert listing.online
        assert 0.0 <= match.score <= 1.0
    scores = [match.score for match in result.matches]
    if len(result.understood.topics) == 1:  # several interests put each one's best first
        assert scores == sorted(scores, reverse=True)
    assert len(result.matches) <= 10
