"""Badge files: baked PNGs (iTXt `openbadgecredential`), JSON credentials and portfolios.

Reading is for files from strangers: sizes are capped before anything is parsed, PNG chunks
are walked without decoding the image (so an image decompression bomb costs nothing), a
compressed iTXt chunk is inflated only up to a limit, JSON nesting is capped before
`json.loads`, and no URL found in a file is ever fetched.
"""

import functools
import json
import math
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from catalogue.credentials import (
    JWT_SHAPE,
    NotABadge,
    Verification,
    is_ob2_assertion,
    read_ob2,
    verify_credential,
    verify_jwt,
)
from catalogue.linked_data import VC_V2

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB3_KEYWORD = b"openbadgecredential"
OB2_KEYWORD = b"openbadges"
MAX_FILE_BYTES = 2 * 1024 * 1024  # Telegram lets bots download 20 MB; a badge is far smaller
MAX_TEXT_BYTES = 256 * 1024  # a credential is a few KB; a portfolio of many fits easily
MAX_CHUNKS = 10_000
MAX_DEPTH = 40
MAX_CREDENTIALS = 50


class BadgeFileError(ValueError):
    """A file that can't be read as a badge; `problem` says why, for a kind answer.

    Problems: too_big, not_a_badge, malformed, online_only.
    """

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class BadgeText:
    """The badge data found in a file: JSON (a credential, assertion or portfolio) or a JWS."""

    text: str
    keyword: str  # the PNG keyword it came from, or "" for a plain file


# --- PNG chunks -------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk of a PNG (type, data) up to IEND, checking lengths and CRCs.

    Raises:
        BadgeFileError: not a PNG, or a chunk is cut short, oversized or corrupt.
    """
    if not data.startswith(PNG_SIGNATURE):
        raise BadgeFileError("not_a_badge", "not a PNG")
    chunks: list[tuple[bytes, bytes]] = []
    position = len(PNG_SIGNATURE)
    while True:
        if position + 8 > len(data) or len(chunks) >= MAX_CHUNKS:
            raise BadgeFileError("malformed", "the PNG ends before IEND")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if length > len(data) or end + 4 > len(data) or not kind.isalpha():
            raise BadgeFileError("malformed", "a PNG chunk is cut short or malformed")
        body = data[position + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise BadgeFileError("malformed", "a PNG chunk is corrupt (CRC)")
        chunks.append((kind, body))
        position = end + 4
        if kind == b"IEND":
            return chunks


def _inflate(data: bytes) -> bytes:
    """Decompress at most MAX_TEXT_BYTES: a zlib bomb stops at the limit, not in memory."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, MAX_TEXT_BYTES + 1)
    except zlib.error:
        raise BadgeFileError("malformed", "a compressed badge chunk is corrupt") from None
    if len(text) > MAX_TEXT_BYTES or inflater.unconsumed_tail:
        raise BadgeFileError("too_big", "the badge data inflates beyond the limit")
    if not inflater.eof:
        raise BadgeFileError("malformed", "a compressed badge chunk is cut short")
    return text


def _itxt(body: bytes) -> tuple[bytes, str]:
    """(keyword, text) of an iTXt chunk body."""
    keyword, separator, rest = body.partition(b"\0")
    if not separator or len(rest) < 2:
        raise BadgeFileError("malformed", "an iTXt chunk is malformed")
    compressed, method, rest = rest[0], rest[1], rest[2:]
    _language, separator_1, rest = rest.partition(b"\0")
    _translated, separator_2, text = rest.partition(b"\0")
    if not separator_1 or not separator_2 or compressed not in (0, 1):
        raise BadgeFileError("malformed", "an iTXt chunk is malformed")
    if compressed:
        if method != 0:
            raise BadgeFileError("malformed", "an iTXt chunk uses an unknown compression")
        text = _inflate(text)
    try:
        return keyword, text.decode("utf-8")
    except UnicodeDecodeError:
        raise BadgeFileError("malformed", "an iTXt chunk isn't UTF-8") from None


def unbake_png(data: bytes) -> BadgeText:
    """The badge baked into a PNG: OB 3.0 (`openbadgecredential`) or OB 2.0 (`openbadges`).

    Raises:
        BadgeFileError: no badge inside, more than one, or a malformed or oversized chunk.
    """
    found: list[BadgeText] = []
    for kind, body in png_chunks(data):
        if kind == b"iTXt" and body.split(b"\0", 1)[0] in (OB3_KEYWORD, OB2_KEYWORD):
            keyword, text = _itxt(body)
            found.append(BadgeText(text, keyword.decode()))
        elif kind == b"tEXt" and body.partition(b"\0")[0] == OB2_KEYWORD:  # Open Badges 1.x
            found.append(BadgeText(body.partition(b"\0")[2].decode("latin-1"), "openbadges"))
    if not found:
        raise BadgeFileError("not_a_badge", "a PNG with no badge baked into it")
    if len(found) > 1:
        raise BadgeFileError("malformed", "a PNG with more than one badge baked into it")
    return found[0]


def bake_png(image: bytes, credential_text: str) -> bytes:
    """`image` with the credential in an uncompressed `openbadgecredential` iTXt chunk."""
    chunks = [(kind, body) for kind, body in png_chunks(image) if kind != b"IEND"]
    itxt = OB3_KEYWORD + b"\0\0\0\0\0" + credential_text.encode("utf-8")
    return PNG_SIGNATURE + b"".join(
        _chunk(kind, body) for kind, body in [*chunks, (b"iTXt", itxt), (b"IEND", b"")]
    )


# --- a badge picture, drawn here (nothing is fetched) ---------------------------------------

SIZE = 160


def _colour(seed: str) -> tuple[int, int, int]:
    digest = zlib.crc32(seed.encode())
    hue = (digest % 360) / 60.0
    x = int(180 * (1 - abs(hue % 2 - 1)))
    return [
        (180, x, 40), (x, 180, 40), (40, 180, x), (40, x, 180), (x, 40, 180), (180, 40, x)
    ][int(hue) % 6]  # fmt: skip


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def _inside(polygon: list[tuple[float, float]], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


@functools.lru_cache(maxsize=64)
def badge_image(seed: str) -> bytes:
    """A medal-shaped PNG coloured by `seed` (the badge name), the same every time."""
    red, green, blue = _colour(seed)
    pale = (255 - (255 - red) // 6, 255 - (255 - green) // 6, 255 - (255 - blue) // 6, 255)
    centre, outer, ring = SIZE / 2, SIZE / 2 - 4, SIZE / 2 - 16
    star = _star(centre, centre, ring - 10, (ring - 10) * 0.45)
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)  # filter: none
        for x in range(SIZE):
            distance = math.hypot(x + 0.5 - centre, y + 0.5 - centre)
            if distance > outer:
                pixel = (0, 0, 0, 0)
            elif distance > ring:
                pixel = (red, green, blue, 255)
            elif _inside(star, x + 0.5, y + 0.5):
                pixel = (255, 214, 64, 255)
            else:
                pixel = pale
            rows.extend(pixel)
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )


# --- reading any badge file -----------------------------------------------------------------


def _depth(text: str) -> int:
    """How deeply JSON text nests, counted without parsing it (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise BadgeFileError("malformed", "a JSON object repeats a key")
    return dict(pairs)


def parse_json(text: str) -> Any:
    """Parse JSON from a stranger: size and nesting capped, repeated keys refused."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise BadgeFileError("too_big", "the JSON is too big")
    if _depth(text) > MAX_DEPTH:
        raise BadgeFileError("malformed", "the JSON is nested too deeply")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError):
        raise BadgeFileError("malformed", "the JSON is malformed") from None


def badge_text(data: bytes) -> BadgeText:
    """The badge data in a file: baked into a PNG, or the file's own text (JSON or a JWS).

    Raises:
        BadgeFileError: too big, not a badge, or malformed.
    """
    if len(data) > MAX_FILE_BYTES:
        raise BadgeFileError("too_big", "the file is too big")
    if data.startswith(PNG_SIGNATURE):
        return unbake_png(data)
    if len(data) > MAX_TEXT_BYTES:
        raise BadgeFileError("too_big", "the file is too big for a badge")
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise BadgeFileError("not_a_badge", "neither a PNG nor text") from None
    if not text.startswith("{") and not JWT_SHAPE.match(text):
        raise BadgeFileError("not_a_badge", "text that is neither JSON nor a JWS")
    return BadgeText(text, "")


def credentials_in(found: BadgeText) -> list[dict[str, Any] | str]:
    """The credentials in badge data: one (a JSON object or a JWS), or each in a portfolio."""
    text = found.text.strip()
    if JWT_SHAPE.match(text):
        return [text]
    if text.lower().startswith(("http:", "https:", "ftp:", "file:", "gopher:", "//")):
        # A hosted badge (Open Badges 1.x/2.0) is only a link: learnbot never follows links
        # found in files (they could point anywhere, including inside our own network).
        raise BadgeFileError("online_only", "the badge is only a link to a website")
    document = parse_json(text)
    if not isinstance(document, dict):
        raise BadgeFileError("not_a_badge", "JSON that isn't an object")
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    if "VerifiablePresentation" not in types:
        return [document]
    inner = document.get("verifiableCredential")
    inner = inner if isinstance(inner, list) else [inner] if inner is not None else []
    if len(inner) > MAX_CREDENTIALS:
        raise BadgeFileError("too_big", "a portfolio with too many badges")
    credentials: list[dict[str, Any] | str] = []
    for item in inner:
        if isinstance(item, dict) and item.get("type") == "EnvelopedVerifiableCredential":
            token = item.get("id")
            prefix = "data:application/vc+jwt,"
            if isinstance(token, str) and token.startswith(prefix):
                credentials.append(token.removeprefix(prefix))
        elif isinstance(item, dict | str):
            credentials.append(item)
    return credentials


def check_badge_file(
    data: bytes, *, trusted_dids: frozenset[str], now: datetime
) -> list[tuple[Verification, dict[str, Any]]]:
    """Every badge in a file, with what checking it offline found, and the form to keep it in.

    Canonicalising JSON-LD is CPU work (bounded): the bot calls this in a worker thread.

    Raises:
        BadgeFileError: the file is too big, malformed, or holds no badge.
    """
    found = badge_text(data)
    checked: list[tuple[Verification, dict[str, Any]]] = []
    for credential in credentials_in(found):
        try:
            if isinstance(credential, str):
                verification = verify_jwt(credential, now=now, trusted_dids=trusted_dids)
                stored: dict[str, Any] = {
                    "@context": VC_V2,
                    "id": f"data:application/vc+jwt,{credential}",
                    "type": "EnvelopedVerifiableCredential",
                }
            elif is_ob2_assertion(credential):
                verification, stored = read_ob2(credential), credential
            else:
                verification = verify_credential(credential, now=now, trusted_dids=trusted_dids)
                stored = credential
        except NotABadge:
            continue
        checked.append((verification, stored))
    if not checked:
        raise BadgeFileError("not_a_badge", "no Open Badge in the file")
    return checked
