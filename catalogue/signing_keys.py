"""The badge-signing key and the `did:key` identifiers Open Badges 3.0 credentials name.

learnbot signs every credential with one Ed25519 key per deployment. The key is created on
first use and kept outside the repository, in `<data dir>/keys/` (directory 0700, file 0600);
the issuer is identified by the key itself as a `did:key`, so a credential can be checked
offline with nothing but the file. Keys of other issuers are read from `did:key`, `did:jwk`
or a JWK, never fetched.
"""

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

logger = logging.getLogger(__name__)

KEY_FILE = "issuer-ed25519.pem"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: i for i, char in enumerate(_B58)}
# Multicodec prefixes (unsigned varints) for public keys inside a did:key.
ED25519_CODEC = b"\xed\x01"
P256_CODEC = b"\x80\x24"
MAX_DID_LENGTH = 200

PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey


def b58encode(data: bytes) -> str:
    """Base58 (bitcoin alphabet), as multibase 'z' values use."""
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = _B58[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def b58decode(text: str) -> bytes:
    """Decode base58; raises ValueError on anything that isn't."""
    if not text or len(text) > MAX_DID_LENGTH:
        raise ValueError("base58 value of the wrong length")
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise ValueError("not base58")
        number = number * 58 + _B58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url (JOSE); raises ValueError on anything else."""
    if any(char not in _B64URL for char in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def ed25519_did(public_key: Ed25519PublicKey) -> str:
    """The did:key naming an Ed25519 public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "did:key:z" + b58encode(ED25519_CODEC + raw)


def key_from_did(did: str) -> PublicKey:
    """The public key a did:key (Ed25519 or P-256) or did:jwk names.

    Raises ValueError for any other DID: resolving it would mean going online.
    """
    did = did.split("#", 1)[0]
    if len(did) > 2000:
        raise ValueError("DID too long")
    if did.startswith("did:jwk:"):
        try:
            jwk = json.loads(b64url_decode(did.removeprefix("did:jwk:")))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("malformed did:jwk") from None
        return key_from_jwk(jwk)
    if not did.startswith("did:key:z"):
        raise ValueError("only did:key and did:jwk can be read offline")
    data = b58decode(did.removeprefix("did:key:z"))
    if data.startswith(ED25519_CODEC) and len(data) == 34:
        return Ed25519PublicKey.from_public_bytes(data[2:])
    if data.startswith(P256_CODEC) and len(data) == 35:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), data[2:])
    raise ValueError("a did:key of a kind learnbot can't read")


def key_from_jwk(jwk: object) -> PublicKey:
    """The public key in a JWK (Ed25519 OKP or P-256 EC); raises ValueError otherwise."""
    if not isinstance(jwk, dict):
        raise ValueError("a JWK must be an object")
    try:
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
            return Ed25519PublicKey.from_public_bytes(b64url_decode(str(jwk["x"])))
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
            x = int.from_bytes(b64url_decode(str(jwk["x"])), "big")
            y = int.from_bytes(b64url_decode(str(jwk["y"])), "big")
            return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    except (KeyError, ValueError) as error:
        raise ValueError(f"malformed JWK: {error}") from None
    raise ValueError("a JWK of a kind learnbot can't read")


def same_key(a: PublicKey, b: PublicKey) -> bool:
    """Whether two public keys are the same key."""
    encoding, form = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return a.public_bytes(encoding, form) == b.public_bytes(encoding, form)


@dataclass(frozen=True, slots=True)
class SigningKey:
    """This learnbot's Ed25519 badge-signing key and the identifiers derived from it."""

    private_key: Ed25519PrivateKey

    @property
    def did(self) -> str:
        """The issuer's did:key."""
        return ed25519_did(self.private_key.public_key())

    @property
    def verification_method(self) -> str:
        """The proof's verificationMethod: the did:key with its key as the fragment."""
        did = self.did
        return f"{did}#{did.removeprefix('did:key:')}"

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of `data`."""
        return self.private_key.sign(data)

    def _secret(self, purpose: bytes) -> bytes:
        raw = self.private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return hmac.new(raw, b"learnbot " + purpose, hashlib.sha256).digest()

    def pseudonym(self, kind: str, value: int | str) -> str:
        """A stable `urn:uuid` for a learner, badge or provider that reveals nothing about it.

        An HMAC keyed by the signing key: nobody without the key can link it back to a
        Telegram id, and it stays the same for every badge the same learner earns here.
        """
        digest = hmac.new(self._secret(b"pseudonyms"), f"{kind}:{value}".encode(), "sha256")
        return f"urn:uuid:{uuid.UUID(bytes=digest.digest()[:16], version=4)}"


class IssuerKeys:
    """Where the signing key lives: one PEM file, created on first use, readable by us only."""

    def __init__(self, keys_dir: Path) -> None:
        self.keys_dir = keys_dir
        self._lock = threading.Lock()
        self._key: SigningKey | None = None

    @property
    def path(self) -> Path:
        """The key file."""
        return self.keys_dir / KEY_FILE

    def load(self) -> SigningKey | None:
        """The key if it exists; never creates one (verifying must not mint an issuer)."""
        if self._key is not None:
            return self._key
        try:
            pem = self.path.read_bytes()
        except FileNotFoundError:
            return None
        private = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError(f"{self.path} does not hold an Ed25519 private key")
        self._key = SigningKey(private)
        return self._key

    def load_or_create(self) -> SigningKey:
        """The key, created (0600, atomically) the first time a badge is signed."""
        with self._lock:
            key = self.load()
            if key is not None:
                return key
            self.keys_dir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.keys_dir, 0o700)
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            temporary = self.keys_dir / f".{KEY_FILE}.{os.getpid()}.tmp"
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(pem)
                    handle.flush()
                    os.fsync(handle.fileno())
                # link() fails if another process created the key meanwhile: theirs wins.
                with contextlib.suppress(FileExistsError):
                    os.link(temporary, self.path)
            finally:
                temporary.unlink(missing_ok=True)
            key = self.load()
            assert key is not None
            logger.warning(
                "Created a new badge-signing key in %s (issuer %s): back it up and keep it "
                "secret; every instance of this bot needs the same file",
                self.path,
                key.did,
            )
            return key
