"""What a learner is interested in: the topic taxonomy and reading free text into topics.

Learners type "footy", "makin beats", "sparky" or "something with animals"; opportunities are
tagged "football", "music production", "electrician", "animal care". Matching both sides to the
same canonical topics (with aliases for slang and fuzzy matching for typos) is what makes short,
slangy queries work; scanning item text with a fuzzy scorer does not (see design/matching.md).
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process, utils

# A fuzzy match must score at least this (rapidfuzz 0-100 `fuzz.ratio`, after normalising case,
# punctuation and sound-alike spellings). 84 lets one wrong, missing or doubled letter through
# in a word of six or more letters ("photograpy", "guitarr") but not a different word
# ("local" vs "vocal" scores 80).
FUZZY_CUTOFF = 84.0
# One edit in a word of four or five letters already scores 86-89 ("lose" vs "loss"), so short
# words must be closer.
SHORT_FUZZY_CUTOFF = 90.0
SHORT_WORD_CHARS = 5
# Words shorter than this are only matched exactly: "gym" is one edit from far too many words.
MIN_FUZZY_CHARS = 4
# Matching longer runs of words fuzzily costs more and finds little; longer aliases are still
# matched exactly.
MAX_FUZZY_WORDS = 3
# Only the start of very long messages is read, so hostile input stays cheap.
MAX_TEXT_CHARS = 600
MAX_UNRECOGNISED = 12

# Phrases that mean "online only". Checked after topics so "selling online" stays a topic.
ONLINE_PHRASES = frozenset(
    {
        "online",
        "on line",
        "remote",
        "remotely",
        "virtual",
        "virtually",
        "from home",
        "at home",
        "from my house",
        "from my bedroom",
        "over zoom",
        "on zoom",
        "video call",
        "on teams",
    }
)

# Filler left over once topics are found: never reported as unrecognised, never fuzzy-matched
# (fuzzy matching "looking" would find "cooking").
_STOPWORDS_TEXT = """
    a about above across after again age aged all also am an and any anything anywhere are
    area around as at available b be been before begin beginner beginners being best better
    bit both but by c can close club clubs could course courses currently d day days did
    different do does doing done e each easy either else enjoy etc evening evenings every
    everything f fan find finding for free from fun g get gets getting give go going gonna good
    got gotta great group groups h hang have having he hello help helping her here hey hi him
    his hobbies hobby how i id idk ie if im in info information interest interested interests
    into intro introduction is it its j just k keen kind know l learn learning learnt lesson
    lessons level like liking ll local locally look looking lot lots love loving luv m maybe
    me meet mine more morning mornings most much my n near nearby need needs new newbie next
    nice night nights no nor not now o of off ok okay old on one only onto or other others our
    out over p people perhaps person place places please pls plz plus programme programmes
    project projects q r re really s see session sessions should show smth so some someone
    something somewhere soon sort start starting sth stuff summat t take taking teen teenager
    teens tell than thank thanks that the them then there these they thing things think this
    those thx time tips to today tomorrow tonight too training try trying type types u uh
    uk um under up ur us v ve very w wanna want wanting wants was way ways we week weekend
    weekends weekly what whatever when where which who why will with without workshop
    workshops would x y yeah yes yo you young your yr yrs z
    monday tuesday wednesday thursday friday saturday sunday
    activity activities opportunity opportunities advice support ideas scheme schemes
    sumthing somethin smthn summit anythin stuf feel feeling felt make makes made become
    becoming bored boring year years olds tournament tournaments competition competitions
    team teams join joining register keeping skill skills
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_ONLINE_WORDS = frozenset(word for phrase in ONLINE_PHRASES for word in phrase.split())
_SKIN_TONES_AND_SELECTORS = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_PHRASE_BREAKS = re.compile(r"[,;:|/+!?.()\[\]{}\"\n\r\t…–—•·]+")
_COMBINING_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_REPEATED_LETTERS = re.compile(r"([a-z])\1+")
_FINAL_Y = re.compile(r"y\b")
_PHONETIC_FOLDS = (("ph", "f"), ("ck", "k"), ("z", "s"))


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Fuzzy-matching choices of one word count, sorted by length."""

    keys: list[str]
    topics: list[str]
    lengths: list[int]


@dataclass(frozen=True, slots=True)
class Topic:
    """One canonical interest, with the words learners and providers use for it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    broader: tuple[str, ...]
    related: tuple[str, ...] = ()
    emoji: tuple[str, ...] = ()
    query_aliases: tuple[str, ...] = ()  # read in learners' messages, never used for tagging
    acronyms: tuple[str, ...] = ()  # "IT": only when typed in capitals


@dataclass(frozen=True, slots=True)
class TopicHit:
    """A topic found in a learner's words, keeping the word they used ("footy" -> Football).

    `score` is 1.0 for an exact alias or emoji and the fuzzy similarity (0-1) for a typo.
    """

    topic: Topic
    term: str
    score: float


@dataclass(frozen=True, slots=True)
class Understanding:
    """What the matcher understood from a message, to show back so the learner can fix it."""

    topics: tuple[TopicHit, ...]
    online_only: bool
    unrecognised: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces: how aliases and queries are compared."""
    if not text.isascii():
        text = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(utils.default_process(text.replace("&", " and ")).split())


@functools.lru_cache(maxsize=65536)
def sound_alike(key: str) -> str:
    """Fold spellings that sound the same ("fotografy" and "photography" both -> "fotografi")."""
    for old, new in _PHONETIC_FOLDS:
        key = key.replace(old, new)
    return _FINAL_Y.sub("i", _REPEATED_LETTERS.sub(r"\1", key))


def _clean_emoji(text: str) -> str:
    return _SKIN_TONES_AND_SELECTORS.sub("", text)


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) in {"So", "Sk", "Cf", "Cs", "Co", "Cn"}


class Taxonomy:
    """The topics, their aliases and hierarchy, and the lookups built from them."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        """Index the topics; raises ValueError if the taxonomy is inconsistent."""
        self.topics: dict[str, Topic] = {}
        for topic in topics:
            if topic.id in self.topics:
                raise ValueError(f"topic {topic.id!r} is defined twice")
            self.topics[topic.id] = topic
        self._check_references()
        self._narrower = self._narrower_map()
        self._check_no_cycles()
        self._descendants = {topic_id: self._walk_down(topic_id) for topic_id in self.topics}
        self._relations = self._relations_map()
        self._exact, self._sound = self._alias_maps()
        self._query_only = frozenset(
            normalise(alias) for t in self.topics.values() for alias in t.query_aliases
        )
        self._emoji = {_clean_emoji(e): t.id for t in self.topics.values() for e in t.emoji}
        self._emoji_max = max((len(e) for e in self._emoji), default=1)
        self._acronyms = {a: t.id for t in self.topics.values() for a in t.acronyms}
        self._acronym_pattern = (
            re.compile(r"\b(" + "|".join(map(re.escape, sorted(self._acronyms))) + r")\b")
            if self._acronyms
            else None
        )
        self._max_words = max(len(key.split()) for key in self._exact)
        self._multiword_starts = frozenset(k.split()[0] for k in self._exact if " " in k)
        self._sound_multiword_starts = frozenset(k.split()[0] for k in self._sound if " " in k)
        self._display = {t.id: normalise(t.name) for t in self.topics.values()}
        self._vocabulary = self._fuzzy_vocabulary()
        self._fuzzy_cached = functools.lru_cache(maxsize=8192)(self._fuzzy_uncached)
        # Keyed on the raw text, so repeated tags, titles and badges skip normalising too.
        self._tag_cached = functools.lru_cache(maxsize=16384)(self._tag_topics_uncached)
        self._mentions_cached = functools.lru_cache(maxsize=16384)(self._mentions_uncached)

    @classmethod
    def load(cls, path: Path | None = None) -> Taxonomy:
        """Read a taxonomy TOML file (the packaged `data/interests.toml` by default)."""
        if path is None:
            text = resources.files("catalogue").joinpath("data/interests.toml").read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        topics = []
        for entry in data.get("topic", []):
            topics.append(
                Topic(
                    id=str(entry["id"]),
                    name=str(entry["name"]),
                    aliases=tuple(str(a) for a in entry.get("aliases", [])),
                    broader=tuple(str(b) for b in entry.get("broader", [])),
                    related=tuple(str(r) for r in entry.get("related", [])),
                    emoji=tuple(str(e) for e in entry.get("emoji", [])),
                    query_aliases=tuple(str(a) for a in entry.get("query_aliases", [])),
                    acronyms=tuple(str(a) for a in entry.get("acronyms", [])),
                )
            )
        return cls(topics)

    # --- consistency -------------------------------------------------------------------------

    def _check_references(self) -> None:
        for topic in self.topics.values():
            for other in (*topic.broader, *topic.related):
                if other not in self.topics:
                    raise ValueError(f"topic {topic.id!r} refers to unknown topic {other!r}")
                if other == topic.id:
                    raise ValueError(f"topic {topic.id!r} refers to itself")

    def _narrower_map(self) -> dict[str, tuple[str, ...]]:
        children: dict[str, list[str]] = {topic_id: [] for topic_id in self.topics}
        for topic in self.topics.values():
            for parent in topic.broader:
                children[parent].append(topic.id)
        return {topic_id: tuple(kids) for topic_id, kids in children.items()}

    def _walk_down(self, topic_id: str) -> frozenset[str]:
        found: set[str] = set()
        stack = list(self._narrower[topic_id])
        while stack:
            child = stack.pop()
            if child not in found:
                found.add(child)
                stack.extend(self._narrower[child])
        return frozenset(found)

    def _relations_map(self) -> dict[str, tuple[str, ...]]:
        both: dict[str, list[str]] = {topic_id: [] for topic_id in self.topics}
        for topic in self.topics.values():
            for other in topic.related:
                for a, b in ((topic.id, other), (other, topic.id)):
                    if b not in both[a]:
                        both[a].append(b)
        return {topic_id: tuple(ids) for topic_id, ids in both.items()}

    def _check_no_cycles(self) -> None:
        state: dict[str, int] = {}

        def visit(topic_id: str, trail: tuple[str, ...]) -> None:
            if state.get(topic_id) == 2:
                return
            if state.get(topic_id) == 1:
                raise ValueError("broader topics form a loop: " + " -> ".join((*trail, topic_id)))
            state[topic_id] = 1
            for parent in self.topics[topic_id].broader:
                visit(parent, (*trail, topic_id))
            state[topic_id] = 2

        for topic_id in self.topics:
            visit(topic_id, ())

    def _alias_maps(self) -> tuple[dict[str, str], dict[str, str]]:
        exact: dict[str, str] = {}
        for topic in self.topics.values():
            names = (topic.id.replace("-", " "), topic.name, *topic.aliases, *topic.query_aliases)
            for alias in names:
                key = normalise(alias)
                if not key:
                    continue
                owner = exact.setdefault(key, topic.id)
                if owner != topic.id:
                    raise ValueError(f"alias {alias!r} is used by {owner!r} and {topic.id!r}")
        sound: dict[str, str] = {}
        ambiguous: set[str] = set()
        for key, topic_id in exact.items():
            folded = sound_alike(key)
            if sound.setdefault(folded, topic_id) != topic_id:
                ambiguous.add(folded)
        for folded in ambiguous:
            del sound[folded]
        return exact, sound

    # --- lookups -----------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of topics."""
        return len(self.topics)

    def __iter__(self) -> Iterator[Topic]:
        """Topics in file order."""
        return iter(self.topics.values())

    def __contains__(self, topic_id: object) -> bool:
        """Whether a topic id exists."""
        return topic_id in self.topics

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id (KeyError if unknown)."""
        return self.topics[topic_id]

    def clear_caches(self) -> None:
        """Forget cached fuzzy and phrase lookups (benchmarks measure cold lookups with it)."""
        self._fuzzy_cached.cache_clear()
        self._tag_cached.cache_clear()
        self._mentions_cached.cache_clear()
        sound_alike.cache_clear()

    def said_as_named(self, term: str, topic_id: str) -> bool:
        """Whether the learner's term is just the topic's name ("football" for Football)."""
        return term == self._display[topic_id] or term == topic_id

    def narrower(self, topic_id: str) -> tuple[str, ...]:
        """Ids of the topics directly under this one."""
        return self._narrower[topic_id]

    def descendants(self, topic_id: str) -> frozenset[str]:
        """Ids of every topic under this one, at any depth (not the topic itself)."""
        return self._descendants[topic_id]

    def close_relations(self, topic_id: str) -> tuple[str, ...]:
        """Ids of topics listed as related to this one, in either direction."""
        return self._relations[topic_id]

    def related_topics(self, topic: Topic) -> tuple[Topic, ...]:
        """Topics to offer alongside or instead of `topic`: broader, related, then narrower."""
        seen = {topic.id}
        ordered: list[Topic] = []
        for topic_id in (*topic.broader, *self._relations[topic.id], *self._narrower[topic.id]):
            if topic_id not in seen:
                seen.add(topic_id)
                ordered.append(self.topics[topic_id])
        return tuple(ordered)

    def umbrella_topics(self) -> tuple[Topic, ...]:
        """Top-level topics ("Sport", "Music", ...), to suggest when nothing was understood."""
        return tuple(t for t in self.topics.values() if not t.broader and self._narrower[t.id])

    def _exact_or_sound_alike(self, key: str) -> str | None:
        topic_id = self._exact.get(key)
        if topic_id is None and len(key) >= MIN_FUZZY_CHARS:
            topic_id = self._sound.get(sound_alike(key))
        return topic_id

    def lookup(self, term: str) -> TopicHit | None:
        """Resolve one word or phrase to a topic: exact alias first, then fuzzy."""
        key = normalise(term)
        if not key:
            return None
        topic_id = self._exact_or_sound_alike(key)
        if topic_id is not None:
            return TopicHit(self.topics[topic_id], key, 1.0)
        found = self._fuzzy_cached(key)
        if found is None:
            return None
        return TopicHit(self.topics[found[0]], key, found[1])

    def _fuzzy_vocabulary(self) -> dict[int, _Vocabulary]:
        """Sound-alike alias keys grouped by word count and sorted by length.

        A misspelt two-word phrase is only compared with two-word aliases, and only with those
        whose length could reach the cutoff at all: a fifth of the comparisons.
        """
        folded: dict[str, str] = {}
        for key, topic_id in sorted(self._exact.items()):
            folded.setdefault(sound_alike(key), topic_id)
        groups: dict[int, list[tuple[str, str]]] = {}
        for key, topic_id in folded.items():
            groups.setdefault(key.count(" ") + 1, []).append((key, topic_id))
        vocabulary = {}
        for words, entries in groups.items():
            entries.sort(key=lambda entry: (len(entry[0]), entry[0]))
            vocabulary[words] = _Vocabulary(
                keys=[key for key, _ in entries],
                topics=[topic_id for _, topic_id in entries],
                lengths=[len(key) for key, _ in entries],
            )
        return vocabulary

    def _fuzzy_uncached(self, key: str) -> tuple[str, float] | None:
        if len(key.replace(" ", "")) < MIN_FUZZY_CHARS:
            return None
        folded = sound_alike(key)
        vocabulary = self._vocabulary.get(folded.count(" ") + 1)
        if vocabulary is None:
            return None
        # fuzz.ratio >= c needs 2*min(len)/(len_a+len_b) >= c/100, which bounds the lengths.
        ratio = FUZZY_CUTOFF / 100
        shortest = int(len(folded) * ratio / (2 - ratio))
        longest = int(len(folded) * (2 - ratio) / ratio) + 1
        lo = bisect.bisect_left(vocabulary.lengths, shortest)
        hi = bisect.bisect_left(vocabulary.lengths, longest + 1)
        if lo >= hi:
            return None
        # Both sides already went through `normalise` (utils.default_process plus accent and
        # sound-alike folding), so no processor here: it would redo ~1,000 choices per call.
        best = process.extractOne(
            folded,
            vocabulary.keys[lo:hi],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
        )
        if best is None:
            return None
        _, score, index = best
        if len(folded) <= SHORT_WORD_CHARS and score < SHORT_FUZZY_CUTOFF:
            return None
        return vocabulary.topics[lo + index], round(score / 100, 3)

    # --- reading a learner's message ---------------------------------------------------------

    def understand(self, text: str) -> Understanding:
        """Read free text into topics, an online-only flag and the words not understood.

        Splits at punctuation and emoji, finds the longest exact alias phrases first ("5 a
        side", "spitting bars", "painting and decorating"), then fuzzy-matches what is left
        except filler words ("i love", "pls", "near me").
        """
        text = _clean_emoji(text[:MAX_TEXT_CHARS])
        hits: dict[str, TopicHit] = {}
        text = self._expand_acronyms(text)
        phrases, emoji_hits = self._split_phrases(text)
        online_only = False
        unrecognised: list[str] = []
        for phrase in phrases:
            tokens = normalise(phrase).split()
            if not tokens:
                continue
            used = [False] * len(tokens)
            # Longest phrases first; a misspelt phrase ("musik producton") before its parts.
            found = list(self._exact_spans(tokens, used, min_words=2))
            online_only |= _take_online(tokens, used)
            found += self._fuzzy_spans(tokens, used, min_words=2)
            found += self._exact_spans(tokens, used, min_words=1)
            found += self._fuzzy_spans(tokens, used, min_words=1)
            for hit in sorted(found, key=lambda h: tokens.index(h.term.split()[0])):
                _keep_best(hits, hit)
            for token, done in zip(tokens, used, strict=True):
                if done or token in STOPWORDS or token.isdigit() or token in unrecognised:
                    continue
                if len(unrecognised) < MAX_UNRECOGNISED:
                    unrecognised.append(token)
        for emoji, topic_id in emoji_hits:  # after words, so "cupcakes 🧁" reads "cupcakes"
            _keep_best(hits, TopicHit(self.topics[topic_id], emoji, 1.0))
        return Understanding(tuple(hits.values()), online_only, tuple(unrecognised))

    def _expand_acronyms(self, text: str) -> str:
        """Capitalised acronyms that are also words ("IT", "PE") read as their topic's name.

        Skipped when a longer message is all capitals: then "IT" is just "it" shouted.
        """
        if self._acronym_pattern is None or (text.isupper() and len(text.split()) > 2):
            return text
        return self._acronym_pattern.sub(
            lambda m: self.topics[self._acronyms[m.group(1)]].name, text
        )

    def _split_phrases(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """Phrases between punctuation and emoji, plus the topics the emoji stood for."""
        found: list[tuple[str, str]] = []
        if not text.isascii() and any(ord(ch) >= 0x2000 for ch in text):
            pieces: list[str] = []
            i = 0
            while i < len(text):
                for width in range(min(self._emoji_max, len(text) - i), 0, -1):
                    topic_id = self._emoji.get(text[i : i + width])
                    if topic_id is not None:
                        found.append((text[i : i + width], topic_id))
                        pieces.append(",")
                        i += width
                        break
                else:
                    pieces.append("," if _is_symbol(text[i]) else text[i])
                    i += 1
            text = "".join(pieces)
        return [p for p in _PHRASE_BREAKS.split(text) if p.strip()], found

    def _exact_spans(
        self, tokens: list[str], used: list[bool], *, min_words: int
    ) -> Iterator[TopicHit]:
        folded = [sound_alike(token) for token in tokens]  # folding works word by word
        for width in range(min(self._max_words, len(tokens)), min_words - 1, -1):
            for start in range(len(tokens) - width + 1):
                if any(used[start : start + width]):
                    continue
                first = tokens[start]
                if width == 1:
                    if first in STOPWORDS:
                        continue
                elif first not in self._multiword_starts and (
                    folded[start] not in self._sound_multiword_starts
                ):
                    continue
                key = " ".join(tokens[start : start + width])
                topic_id = self._exact.get(key)
                if topic_id is None and len(key) >= MIN_FUZZY_CHARS:
                    topic_id = self._sound.get(" ".join(folded[start : start + width]))
                if topic_id is not None:
                    used[start : start + width] = [True] * width
                    yield TopicHit(self.topics[topic_id], key, 1.0)

    def _fuzzy_spans(
        self, tokens: list[str], used: list[bool], *, min_words: int
    ) -> Iterator[TopicHit]:
        content = [
            i
            for i, token in enumerate(tokens)
            if not used[i] and token not in STOPWORDS and not token.isdigit()
        ]
        runs: list[list[int]] = []
        for i in content:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            for width in range(min(MAX_FUZZY_WORDS, len(run)), min_words - 1, -1):
                for start in range(len(run) - width + 1):
                    span = run[start : start + width]
                    if any(used[i] for i in span):
                        continue
                    if width > 1 and all(self._exact_or_sound_alike(tokens[i]) for i in span):
                        continue  # words that each mean something: keep them apart
                    key = " ".join(tokens[i] for i in span)
                    found = self._fuzzy_cached(key)
                    if found is not None:
                        for i in span:
                            used[i] = True
                        yield TopicHit(self.topics[found[0]], key, found[1])

    # --- reading an opportunity --------------------------------------------------------------

    def tag_topics(self, tag: str) -> tuple[str, ...]:
        """Topic ids for one provider tag: the whole tag if it is an alias, else its phrases."""
        return self._tag_cached(tag)

    def _tag_topics_uncached(self, tag: str) -> tuple[str, ...]:
        key = normalise(tag)
        if not key or key in self._query_only:
            return ()
        topic_id = self._exact_or_sound_alike(key)
        if topic_id is not None:
            return (topic_id,)
        found = self._fuzzy_cached(key)
        if found is not None and found[1] >= 0.9:
            return (found[0],)
        return self._phrase_topics(key, phrases_only=False)

    def mentions(self, text: str, *, phrases_only: bool = False) -> tuple[str, ...]:
        """Topic ids whose aliases appear word for word in a title, badge or description.

        With `phrases_only`, only aliases of two or more words count ("first aid", "five a
        side"): single words in running text ("scratch", "software") mislead too often.
        """
        return self._mentions_cached(text, phrases_only)

    def _mentions_uncached(self, text: str, phrases_only: bool) -> tuple[str, ...]:
        return self._phrase_topics(normalise(text), phrases_only=phrases_only)

    def _phrase_topics(self, key: str, *, phrases_only: bool) -> tuple[str, ...]:
        tokens = key.split()
        found: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            width = 1
            if token in self._multiword_starts:
                for width in range(min(self._max_words, len(tokens) - i), 0, -1):
                    if " ".join(tokens[i : i + width]) in self._exact:
                        break
            phrase = " ".join(tokens[i : i + width])
            topic_id = None if phrase in self._query_only else self._exact.get(phrase)
            single = width == 1
            if topic_id is not None and not (single and (phrases_only or token in STOPWORDS)):
                if topic_id not in found:
                    found.append(topic_id)
                i += width
            else:
                i += 1
        return tuple(found)


def _keep_best(hits: dict[str, TopicHit], hit: TopicHit) -> None:
    current = hits.get(hit.topic.id)
    if current is None or hit.score > current.score:
        hits[hit.topic.id] = hit


def _take_online(tokens: list[str], used: list[bool]) -> bool:
    """Mark "online", "from home" and the like as understood; true if any was there."""
    if not _ONLINE_WORDS.intersection(tokens):
        return False
    found = False
    for width in (3, 2, 1):
        for start in range(len(tokens) - width + 1):
            span = range(start, start + width)
            if any(used[i] for i in span):
                continue
            if " ".join(tokens[start : start + width]) in ONLINE_PHRASES:
                for i in span:
                    used[i] = True
                found = True
    return found


@functools.cache
def default_taxonomy() -> Taxonomy:
    """The packaged taxonomy, loaded once per process."""
    return Taxonomy.load()


def understand(text: str, taxonomy: Taxonomy | None = None) -> Understanding:
    """Read a learner's message with the default taxonomy (or the one given)."""
    return (taxonomy or default_taxonomy()).understand(text)


def related_topics(topic: Topic, taxonomy: Taxonomy | None = None) -> tuple[Topic, ...]:
    """Broader, related and narrower topics of `topic` in the default taxonomy."""
    return (taxonomy or default_taxonomy()).related_topics(topic)
