"""Opaque link tokens (referral and staff-invite links): random, URL-safe, kept only as a hash.

A token is 128 random bits in base64url: 22 characters of `A-Z a-z 0-9 _ -`, so it fits in a
Telegram deep link (safeguarding.md §5). The database keeps a SHA-256 of it, never the token,
so read access to the database does not hand out working links.
"""

import hashlib
import re
import secrets

TOKEN_BYTES = 16  # 128 bits: not realistically guessable
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{22,43}$")


def new_token() -> str:
    """A fresh random token for a link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Whether text has a token's shape (anyone can type `/start anything`)."""
    return bool(TOKEN_SHAPE.match(text))
