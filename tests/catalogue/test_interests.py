"""The interests taxonomy and reading what learners type."""

import time
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.interests import Taxonomy, default_taxonomy, normalise, understand


def raw_topics() -> list[dict[str, object]]:
    text = resources.files("catalogue").joinpath("data/interests.toml").read_text("utf-8")
    topics: list[dict[str, object]] = tomllib.loads(text)["topic"]
    return topics


def topic_ids(text: str) -> list[str]:
    return [hit.topic.id for hit in understand(text).topics]


def test_taxonomy_loads_with_enough_topics():
    """The packaged taxonomy loads and covers at least 150 topics."""
    taxonomy = Taxonomy.load()
    assert len(taxonomy) >= 150
    assert default_taxonomy() is default_taxonomy()


def test_no_alias_points_to_two_topics():
    """Every word a learner might type means one topic only."""
    owner: dict[str, str] = {}
    for topic in raw_topics():
        words = [topic["id"], topic["name"], *topic["aliases"], *topic.get("query_aliases", [])]
        for word in words:
            key = normalise(str(word).replace("-", " ") if word == topic["id"] else str(word))
            assert owner.setdefault(key, str(topic["id"])) == topic["id"], (word, owner[key])


def test_no_emoji_points_to_two_topics():
    """Every emoji means one topic only."""
    seen: dict[str, str] = {}
    for topic in raw_topics():
        for emoji in topic.get("emoji", []):
            assert seen.setdefault(str(emoji), str(topic["id"])) == topic["id"], emoji


def test_every_broader_and_related_id_exists():
    """Parent and related links never point at a missing topic."""
    ids = {topic["id"] for topic in raw_topics()}
    for topic in raw_topics():
        for other in [*topic["broader"], *topic.get("related", [])]:
            assert other in ids, (topic["id"], other)


def test_broader_links_have_no_cycles():
    """Following parents always ends at a top-level topic."""
    parents = {str(t["id"]): [str(p) for p in t["broader"]] for t in raw_topics()}

    def depth(topic_id: str, trail: tuple[str, ...]) -> int:
        assert topic_id not in trail, trail
        return 1 + max((depth(p, (*trail, topic_id)) for p in parents[topic_id]), default=0)

    for topic_id in parents:
        assert depth(topic_id, ()) < 10


def test_every_topic_name_finds_its_topic():
    """Typing a topic's own name finds that topic."""
    taxonomy = default_taxonomy()
    for topic in taxonomy:
        hit = taxonomy.lookup(topic.name)
        assert hit is not None
        assert hit.topic.id == topic.id


def test_umbrella_topics_exist_for_vague_interests():
    """Vague interests like "sport" or "something creative" have a topic with things under it."""
    taxonomy = default_taxonomy()
    for text, topic_id in [
        ("sport", "sport"),
        ("music", "music"),
        ("art", "art"),
        ("tech", "tech"),
        ("outdoors", "outdoors"),
        ("animals", "animals"),
        ("careers", "careers"),
        ("something creative", "creative"),
    ]:
        assert topic_ids(text) == [topic_id]
        assert taxonomy.descendants(topic_id)


@pytest.mark.parametrize(
    ("text", "topic_id"),
    [
        ("footy", "football"),
        ("footie", "football"),
        ("5 a side", "five-a-side"),
        ("hoops", "basketball"),
        ("sparky", "electrician"),
        ("bricky", "bricklaying"),
        ("spitting bars", "rap"),
        ("dofe", "dofe"),
        ("makin beats", "music-production"),
        ("producing music on my laptop", "music-production"),
        ("fotografy", "photography"),
        ("photgraphy", "photography"),
        ("gitar", "guitar"),
        ("voluntering", "volunteering"),
        ("swimmming", "swimming"),
        ("musik producton", "music-production"),
        ("⚽", "football"),
        ("🎸", "guitar"),
        ("💪🏽", "fitness"),
        ("something with animals", "animals"),
        ("help with my cv", "cv"),
    ],
)
def test_slang_typos_and_emoji_resolve(text, topic_id):
    """Slang, typos, emoji and natural phrasing find the topic the learner meant."""
    assert topic_ids(text) == [topic_id]


def test_the_learners_word_is_kept():
    """What the learner typed is kept, so replies can say "footy → Football"."""
    (hit,) = understand("footy").topics
    assert hit.term == "footy"
    assert hit.topic.name == "Football"
    assert hit.score == 1.0


def test_typos_score_below_exact_matches():
    """A typo is matched with a lower confidence than an exact word."""
    (hit,) = understand("photgraphy").topics
    assert 0.8 <= hit.score < 1.0


def test_several_interests_at_once():
    """A message with several interests finds each of them."""
    assert topic_ids("i love footy, guitar & cooking pls") == ["football", "guitar", "cooking"]
    assert topic_ids("bars and beats") == ["rap", "music-production"]
    assert topic_ids("drawing or painting + 📷") == ["drawing", "painting", "photography"]


def test_phrases_with_and_stay_whole():
    """Topics whose names contain "and" are not split apart."""
    assert topic_ids("painting and decorating") == ["painting-decorating"]
    assert topic_ids("arts & crafts") == ["crafts"]


def test_filler_words_are_ignored():
    """Filler like "i love", "pls", "near me" is neither a topic nor reported as unknown."""
    understood = understand("i love animals pls near me")
    assert [hit.topic.id for hit in understood.topics] == ["animals"]
    assert understood.unrecognised == ()


def test_unknown_words_are_reported():
    """Words that match nothing are reported so the bot can ask about them."""
    understood = understand("football and zzkqx")
    assert [hit.topic.id for hit in understood.topics] == ["football"]
    assert understood.unrecognised == ("zzkqx",)


def test_short_words_are_not_guessed():
    """Words under four letters are matched exactly or not at all."""
    assert topic_ids("gim") == []
    assert topic_ids("dj") == ["dj"]


def test_common_words_are_not_mistaken_for_topics():
    """Everyday words close to a topic name ("looking", "make") are not matched."""
    assert topic_ids("looking for something to do") == []
    assert topic_ids("i want to make new friends") == ["making-friends"]


def test_capitalised_acronyms_that_are_also_words():
    """ "IT" or "PE" in capitals means the subject; "it" in a sentence means nothing."""
    assert topic_ids("IT") == ["tech"]
    assert topic_ids("football and IT") == ["football", "tech"]
    assert topic_ids("PE") == ["sport"]
    assert topic_ids("i want to do it") == []
    assert topic_ids("I WANT TO DO IT") == []


def test_online_only_when_asked():
    """Saying "online" or "from home" asks for online opportunities only."""
    assert understand("coding online").online_only
    assert understand("learn a language from home").online_only
    assert not understand("coding").online_only


def test_online_inside_a_topic_is_not_a_request():
    """ "Selling online" is a topic, not a request for online-only results."""
    understood = understand("selling online")
    assert [hit.topic.id for hit in understood.topics] == ["ecommerce"]
    assert not understood.online_only


def test_learner_only_aliases_do_not_tag_opportunities():
    """A learner saying "carer" means young carers; a "Pony Carer" badge does not."""
    taxonomy = default_taxonomy()
    assert topic_ids("carer") == ["young-carers"]
    assert taxonomy.mentions("Pony Carer") == ("horses",)
    assert taxonomy.tag_topics("carer") == ()


def test_tags_resolve_through_aliases():
    """Provider tags in their own words map to canonical topics."""
    taxonomy = default_taxonomy()
    assert taxonomy.tag_topics("Five-a-side") == ("five-a-side",)
    assert taxonomy.tag_topics("beat making") == ("music-production",)
    assert taxonomy.tag_topics("film photography") == ("photography",)


def test_related_topics_include_broader_related_and_narrower():
    """Related topics to offer include the parent, close cousins and children."""
    taxonomy = default_taxonomy()
    football = [t.id for t in taxonomy.related_topics(taxonomy.topic("football"))]
    assert "sport" in football
    assert "five-a-side" in football
    hacking = [t.id for t in taxonomy.related_topics(taxonomy.topic("cyber-security"))]
    assert "coding" in hacking


def test_inconsistent_taxonomy_is_rejected(tmp_path: Path):
    """A pull request that reuses an alias or makes a loop fails to load, saying why."""
    shared = tmp_path / "shared.toml"
    shared.write_text(
        '[[topic]]\nid = "a"\nname = "A"\naliases = ["x"]\nbroader = []\n'
        '[[topic]]\nid = "b"\nname = "B"\naliases = ["X"]\nbroader = []\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="alias"):
        Taxonomy.load(shared)
    loop = tmp_path / "loop.toml"
    loop.write_text(
        '[[topic]]\nid = "a"\nname = "A"\naliases = []\nbroader = ["b"]\n'
        '[[topic]]\nid = "b"\nname = "B"\naliases = []\nbroader = ["a"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="loop"):
        Taxonomy.load(loop)
    missing = tmp_path / "missing.toml"
    missing.write_text(
        '[[topic]]\nid = "a"\nname = "A"\naliases = []\nbroader = ["nope"]\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown"):
        Taxonomy.load(missing)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x" * 4096,
        "football " * 500,
        "z̵̢̧̛̗̻a̸̡̛̹l̷̢̛g̶̨̛o̷̢̧ ̸f̶o̵o̸t̶y̸",
        "\u202efooty\u202c",
        "\n" * 500,
        "🤷" * 1000,
        "\x00\x01\x02",
        "💻" * 2048,
    ],
)
def test_hostile_input_returns_quickly(text):
    """Empty, huge, zalgo, right-to-left or control-character messages answer at once."""
    started = time.perf_counter()
    understood = understand(text)
    assert time.perf_counter() - started < 0.5
    assert len(understood.unrecognised) <= 12


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=600))
def test_any_text_is_understood_without_error(text):
    """Whatever a learner sends, reading it never fails and stays quick."""
    started = time.perf_counter()
    understood = understand(text)
    assert time.perf_counter() - started < 0.5
    assert all(0.0 < hit.score <= 1.0 for hit in understood.topics)
    assert len({hit.topic.id for hit in understood.topics}) == len(understood.topics)
