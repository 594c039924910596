"""List F: badge files from strangers. Size limits, malformed and oversized chunks,
decompression bombs, deep JSON, hosted badges and unknown contexts: each refused or marked
unverifiable, quickly, and nothing is ever fetched."""

import json
import socket
import time
import zlib
from datetime import UTC, datetime

import pytest

from catalogue.badge_files import (
    BadgeFileError,
    badge_image,
    bake_png,
    check_badge_file,
    credentials_in,
    unbake_png,
)
from catalogue.credentials import INVALID, UNVERIFIABLE, VERIFIED, verify_credential
from catalogue.linked_data import TooComplex, UnknownContext, canonical_nquads
from tests import elsewhere
from tests.hostile_png import chunk, itxt, png_with

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to open a connection or resolve a name."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def problem(data):
    with pytest.raises(BadgeFileError) as raised:
        check_badge_file(data, trusted_dids=frozenset(), now=NOW)
    return raised.value.problem


def test_a_file_over_the_limit_is_refused_unread():
    """10 MB is refused on its size alone."""
    assert problem(b"{" + b" " * 10_000_000 + b"}") == "too_big"


@pytest.mark.parametrize(
    "data",
    [b"hello there", b"%PDF-1.4 a cv", b"\xff\xd8\xff\xe0 a jpeg", b"[1, 2, 3]", b"{}"],
    ids=["text", "pdf", "jpeg", "json list", "empty object"],
)
def test_files_that_are_not_badges_say_so(data):
    """Text, other formats and JSON without a badge are 'not a badge', not errors."""
    assert problem(data) == "not_a_badge"


def test_a_png_without_a_badge_is_not_a_badge():
    """An ordinary picture has nothing baked into it."""
    assert problem(badge_image("plain")) == "not_a_badge"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda png: png[:-20],  # cut short
        lambda png: png[:40] + bytes([png[40] ^ 0xFF]) + png[41:],  # a flipped byte: bad CRC
        lambda png: png[:8] + b"\xff\xff\xff\xf0" + png[12:],  # a chunk claiming 4 GB
    ],
    ids=["truncated", "crc", "huge length"],
)
def test_corrupt_pngs_are_malformed(mangle):
    """Truncated chunks, bad CRCs and impossible lengths are caught, not crashed on."""
    png = bake_png(badge_image("x"), json.dumps(elsewhere.signed_document()))
    assert problem(mangle(png)) == "malformed"


@pytest.mark.parametrize(
    "body",
    [
        b"openbadgecredential",  # no separator at all
        b"openbadgecredential\0\x02\0\0\0{}",  # compression flag 2
        b"openbadgecredential\0\x01\x07\0\0xyz",  # unknown compression method
        b"openbadgecredential\0\x01\0\0\0not zlib",  # flagged compressed, isn't
        b"openbadgecredential\0\0\0\0\0\xff\xfe{}",  # not UTF-8
        b"openbadgecredential\0\0\0\0",  # no translated-keyword separator
    ],
)
def test_malformed_itxt_chunks_are_refused_kindly(body):
    """Every malformed iTXt shape is a 'malformed' answer."""
    assert problem(png_with(chunk(b"iTXt", body))) == "malformed"


def test_a_decompression_bomb_stops_at_the_limit():
    """20 MB of zeros squeezed into a small compressed iTXt stops at 256 KB, fast."""
    bomb = png_with(itxt(b"\0" * 20_000_000, compressed=True))
    assert len(bomb) < 100_000
    started = time.perf_counter()
    assert problem(bomb) == "too_big"
    assert time.perf_counter() - started < 1.0


def test_an_image_bomb_is_never_decoded():
    """A 60,000 x 60,000 PNG costs nothing: only chunks are read, never pixels."""
    credential = json.dumps(elsewhere.signed_document()).encode()
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 5_000_000))
    huge = png_with(pixels, itxt(credential), header=(60_000, 60_000))
    started = time.perf_counter()
    assert credentials_in(unbake_png(huge)) == [json.loads(credential)]
    assert time.perf_counter() - started < 1.0


def test_two_badges_in_one_png_are_refused():
    """Two openbadgecredential chunks: which one is the badge? Neither."""
    text = json.dumps(elsewhere.signed_document()).encode()
    assert problem(png_with(itxt(text), itxt(text))) == "malformed"


def test_deep_and_repeated_key_json_is_malformed():
    """10,000-deep JSON and objects with a repeated key never reach the parser's recursion."""
    assert problem(b'{"a": ' * 10_000 + b"1" + b"}" * 10_000) == "malformed"
    assert problem(b'{"name": "a", "name": "b"}') == "malformed"


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1/assertion.json",
        "http://[::1]/assertion.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/badge",
        "file:///etc/passwd",
        "gopher://127.0.0.1:25/",
        "https://badges.example.org/assertions/1",
    ],
)
def test_hosted_badges_are_only_links_and_never_fetched(no_network, link):
    """An OB 1.x/2.0 baked link (SSRF bait or not) is answered without opening it."""
    baked_itxt = png_with(itxt(link.encode(), keyword=b"openbadges"))
    baked_text = png_with(chunk(b"tEXt", b"openbadges\0" + link.encode()))
    assert problem(baked_itxt) == "online_only"
    assert problem(baked_text) == "online_only"


def test_credentials_pointing_inwards_are_checked_offline_only(no_network):
    """Unbundled contexts, inline contexts and web issuers make a badge unverifiable, unfetched."""
    document = elsewhere.signed_document()
    unknown = {**document, "@context": [*document["@context"], "http://169.254.169.254/ctx"]}
    inline = {**document, "@context": [*document["@context"], {"name": "http://evil/name"}]}
    web = {
        **document,
        "issuer": {**document["issuer"], "id": "did:web:127.0.0.1"},
        "proof": {**document["proof"], "verificationMethod": "did:web:127.0.0.1#key-1"},
    }
    https = {
        **document,
        "proof": {**document["proof"], "verificationMethod": "https://10.0.0.1/keys/1"},
    }
    for hostile in (unknown, inline, web, https):
        assert verify_credential(hostile, now=NOW).status == UNVERIFIABLE
    assert verify_credential(document, now=NOW).status == VERIFIED
    with pytest.raises(UnknownContext):
        canonical_nquads({"@context": "http://127.0.0.1/context.jsonld", "name": "x"})


def test_a_poison_graph_fails_fast():
    """Look-alike blank nodes that would take RDFC-1.0 hours are refused in milliseconds."""
    knows = "https://example.org/knows"
    nodes = [
        {"@id": f"_:b{i}", knows: [{"@id": f"_:b{j}"} for j in range(12) if j != i]}
        for i in range(12)
    ]
    started = time.perf_counter()
    with pytest.raises(TooComplex):
        canonical_nquads({"@context": "https://www.w3.org/ns/credentials/v2", "@graph": nodes})
    document = elsewhere.signed_document()
    poisoned = {**document, "evidence": nodes}
    assert verify_credential(poisoned, now=NOW).status == INVALID
    assert time.perf_counter() - started < 2.0


def test_a_wide_document_fails_fast():
    """A 240 KB badge with 25,000 skills (JSON-LD expansion is quadratic) is refused at once."""
    document = elsewhere.signed_document()
    document["credentialSubject"]["achievement"]["tag"] = [f"s{i}" for i in range(25_000)]
    data = json.dumps(document).encode()
    assert 200_000 < len(data) < 256 * 1024
    started = time.perf_counter()
    [(result, _)] = check_badge_file(data, trusted_dids=frozenset(), now=NOW)
    assert (result.status, result.reason) == (INVALID, "it is too complex to check")
    assert time.perf_counter() - started < 1.0
