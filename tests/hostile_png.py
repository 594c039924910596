"""Hand-built PNGs for hostile-input tests: chunks, iTXt bodies, and pictures never decoded."""

import struct
import zlib

from catalogue.badge_files import PNG_SIGNATURE


def chunk(kind, body):
    """One PNG chunk with a correct length and CRC."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with(*chunks, header=(1, 1)):
    """A PNG of the given size (its pixels are never decoded) with extra chunks before IEND."""
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", *header, 8, 6, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\0\0\0\0\0"))
    return PNG_SIGNATURE + ihdr + idat + b"".join(chunks) + chunk(b"IEND", b"")


def itxt(text, *, keyword=b"openbadgecredential", compressed=False):
    """An iTXt chunk holding `text`, optionally zlib-compressed."""
    body = zlib.compress(text) if compressed else text
    return chunk(b"iTXt", keyword + b"\0" + bytes([int(compressed), 0]) + b"\0\0" + body)
