"""Telegram's HTML subset. A port of tdlib's parse_html (td/telegram/MessageEntity.cpp), which
the Bot API server uses, so byte offsets and wording match Telegram's 400 answers."""

import re

from bot.local_api.records import JSONDict


class HtmlParseError(ValueError):
    """Telegram would answer 400 "can't parse entities: <message>"."""


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_SPACES = frozenset(b" \t\r\n\v\f\x00")  # tdlib's is_space() includes NUL, its end marker


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int] | None:
    """Decode `&...;` at data[pos] like tdlib: (code point, next position) or None."""

    def at(i: int) -> int:
        return data[i] if i < len(data) else 0

    end = pos + 1
    code = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF":
                code = code * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while ord("0") <= at(end) <= ord("9"):
                code = code * 10 + at(end) - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        name = data[pos + 1 : end]
        named = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}.get(name)
        if named is None:
            return None
        code = ord(named)
    if at(end) == ord(";"):
        end += 1
    return code, end


def _checked_link(url: str) -> str | None:
    """The URL Telegram would keep for a text_link, or None (tdlib drops bad links silently)."""
    url = url.strip()
    if not url:
        return None
    scheme, _, rest = url.partition(":")
    if not rest or "/" in scheme or "." in scheme:
        return f"http://{url}"
    if scheme.lower() in {"http", "https", "tg", "ton"}:
        return url
    return None


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram's HTML subset: (plain text, Bot API entities) or HtmlParseError.

    Mirrors tdlib. With `strict` (the default) it also refuses what Telegram silently keeps
    as literal text: a bare `&` and named entities other than lt/gt/amp/quot, because they
    mean a dynamic value was not passed through `html.escape`.
    """
    data = text.encode("utf-8", "surrogatepass")
    size = len(data)

    def at(i: int) -> int:
        return data[i] if i < size else 0

    out = bytearray()
    entities: list[JSONDict] = []
    utf16 = 0
    # Open tags: (name, argument, UTF-16 offset where the entity starts, byte offset in out).
    stack: list[tuple[str, str, int, int]] = []
    i = 0
    while i < size:
        c = data[i]
        if c == ord("&"):
            decoded = _decode_html_entity(data, i)
            if decoded is not None:
                code, i = decoded
                utf16 += 2 if code > 0xFFFF else 1
                out += chr(code).encode("utf-8", "surrogatepass")
                continue
            if strict:
                name = re.match(rb"&[A-Za-z]+;?", data[i:])
                if name:
                    raise HtmlParseError(
                        f'Unsupported HTML entity "{name.group().decode()}" at byte offset {i}'
                    )
                raise HtmlParseError(f'Unescaped "&" at byte offset {i}')
        if c != ord("<"):
            if c & 0xC0 != 0x80:  # first byte of a UTF-8 sequence
                utf16 += 2 if c >= 0xF0 else 1
            out.append(c)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != ord("/"):
            while at(i) not in _SPACES and at(i) != ord(">"):
                i += 1
            if at(i) == 0:
                raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in _HTML_TAGS:
                raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != ord(">"):
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if at(i) == ord(">"):
                    break
                attr_begin = i
                while at(i) not in _SPACES and at(i) not in b"=>":
                    i += 1
                attr = data[attr_begin:i].decode("utf-8", "replace")
                if not attr:
                    raise HtmlParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if tag == "blockquote" and attr == "expandable" and at(i) != ord("="):
                    argument = "expandable"  # the one value-less attribute Telegram allows
                    continue
                if at(i) != ord("="):
                    raise HtmlParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while at(i) != 0 and at(i) in _SPACES:
                    i += 1
                if at(i) == 0:
                    raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                value = bytearray()
                if at(i) not in b"'\"":
                    token_begin = i
                    while chr(at(i)).isascii() and (chr(at(i)).isalnum() or at(i) in b".-"):
                        i += 1
                    value += data[token_begin:i].lower()
                    if at(i) not in _SPACES and at(i) != ord(">"):
                        raise HtmlParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    while at(i) != quote and at(i) != 0:
                        if at(i) == ord("&"):
                            decoded = _decode_html_entity(data, i)
                            if decoded is not None:
                                code, i = decoded
                                value += chr(code).encode("utf-8", "surrogatepass")
                                continue
                        value.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                if at(i) == 0:
                    raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
                text_value = value.decode("utf-8", "replace")
                if tag == "a" and attr == "href":
                    argument = text_value
                elif tag == "code" and attr == "class" and text_value.startswith("language-"):
                    argument = text_value[len("language-") :]
                elif tag == "span" and attr == "class" and text_value.startswith("tg-"):
                    argument = text_value[len("tg-") :]
                elif tag == "tg-emoji" and attr == "emoji-id":
                    argument = text_value
            if tag == "span" and argument != "spoiler":
                raise HtmlParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            stack.append((tag, argument, utf16, len(out)))
            i += 1  # past '>'
            continue

        # An end tag.
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        while at(i) not in _SPACES and at(i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while at(i) in _SPACES and at(i) != 0:
            i += 1
        if at(i) != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, out_begin = stack.pop()
        if end_tag and end_tag != tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_tag}>"'
            )
        length = utf16 - offset
        if length > 0:
            entity = _html_entity(tag, argument, offset, length, bytes(out[out_begin:]))
            if entity is not None:
                entities.append(entity)
        i += 1  # past '>'
    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    try:
        plain = out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units"
        ) from exc
    _merge_pre_code(entities)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, entities


def _html_entity(
    tag: str, argument: str, offset: int, length: int, inner: bytes
) -> JSONDict | None:
    """The Bot API MessageEntity for one closed tag (None when Telegram drops it)."""
    if tag in _SIMPLE_ENTITY or tag == "span":
        return {"type": _SIMPLE_ENTITY.get(tag, "spoiler"), "offset": offset, "length": length}
    if tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        return {
            "type": "custom_emoji",
            "offset": offset,
            "length": length,
            "custom_emoji_id": argument,
        }
    if tag == "a":
        url = _checked_link(argument or inner.decode("utf-8", "replace"))
        if url is None:
            return None
        return {"type": "text_link", "offset": offset, "length": length, "url": url}
    if tag == "code":
        entity: JSONDict = {"type": "code", "offset": offset, "length": length}
        if argument:
            entity["language"] = argument  # becomes a pre's language if a <pre> wraps it
        return entity
    if tag == "pre":
        return {"type": "pre", "offset": offset, "length": length}
    if tag == "blockquote":
        kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
        return {"type": kind, "offset": offset, "length": length}
    return None


def _merge_pre_code(entities: list[JSONDict]) -> None:
    """`<pre><code class="language-x">` is one pre entity with a language (as in tdlib)."""
    for index, entity in enumerate(list(entities)):
        if entity["type"] != "pre":
            continue
        for other in entities[:index]:
            same_span = (other["offset"], other["length"]) == (entity["offset"], entity["length"])
            if other["type"] == "code" and same_span and "language" in other:
                entity["language"] = other["language"]
                entities.remove(other)
                break
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2
