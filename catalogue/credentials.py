"""Open Badges 3.0 credentials: build one for an award, sign it, and check any badge offline.

learnbot's credentials are W3C Verifiable Credentials 2.0 with the OB 3.0 context, secured
with a Data Integrity proof (`eddsa-rdfc-2022`: RDFC-1.0 canonical N-Quads, SHA-256, Ed25519)
by the deployment's did:key. Checking reads what it can from the file alone: the signature
(did:key and did:jwk keys only: nothing is fetched), tampering, and the validity dates.
Revocation lives in learnbot's database (`catalogue.badges`), so only this deployment can
report it; a credential that lists an online status can't be checked offline, and says so.
"""

import hashlib
import json
import logging
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from catalogue.linked_data import OB_V3, VC_V2, TooComplex, UnknownContext, canonical_nquads
from catalogue.signing_keys import (
    IssuerKeys,
    PublicKey,
    SigningKey,
    b58decode,
    b58encode,
    b64url_decode,
    key_from_did,
    key_from_jwk,
    same_key,
)

logger = logging.getLogger(__name__)

CONTEXT = [VC_V2, OB_V3]
DEFAULT_ISSUER_NAME = "learnbot"
CRYPTOSUITE = "eddsa-rdfc-2022"
OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}

VERIFIED = "verified"
EXPIRED = "expired"
REVOKED = "revoked"
INVALID = "invalid"
UNVERIFIABLE = "unverifiable"  # well formed, but nothing here can be checked offline

OB3_DI = "Open Badges 3.0 (Data Integrity proof)"
OB3_JWT = "Open Badges 3.0 (VC-JWT)"
OB2 = "Open Badges 2.0"

MAX_TEXT = 2000
MAX_NAME = 200
MAX_SKILLS = 12
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class NotABadge(ValueError):
    """A document that isn't an Open Badge at all."""


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who signs: this deployment's name (and web address, if configured) and its key."""

    name: str
    key: SigningKey
    url: str | None = None


class BadgeIssuer:
    """This deployment as an issuer: its name, and its key, created when first needed."""

    def __init__(self, keys: IssuerKeys, *, name: str = DEFAULT_ISSUER_NAME) -> None:
        self.keys = keys
        self.name = name

    @classmethod
    def in_data_dir(cls, data_dir: Path, *, name: str = DEFAULT_ISSUER_NAME) -> "BadgeIssuer":
        """The issuer whose key lives in `<data_dir>/keys`."""
        return cls(IssuerKeys(data_dir / "keys"), name=name)

    def issuer(self) -> Issuer:
        """The issuer ready to sign (the key is created on first use)."""
        return Issuer(self.name, self.keys.load_or_create())

    def trusted_dids(self) -> frozenset[str]:
        """This deployment's own did, if it has a key yet (checking never creates one)."""
        key = self.keys.load()
        return frozenset() if key is None else frozenset({key.did})


@dataclass(frozen=True, slots=True)
class Achievement:
    """What the badge is for, as the provider described it."""

    badge_id: int
    name: str
    description: str
    criteria: str
    skills: tuple[str, ...]
    provider_id: int
    provider: str


def _plain(text: str, limit: int = MAX_TEXT) -> str:
    """Text without control characters (N-Quads escape them differently across versions)."""
    return _CONTROL.sub("", text).strip()[:limit]


def timestamp(moment: datetime) -> str:
    """An xsd:dateTime in UTC, to the second, as VCs write them."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_credential(
    *,
    issuer: Issuer,
    achievement: Achievement,
    learner_telegram_id: int,
    issued_at: datetime,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """An unsigned OpenBadgeCredential for one learner, naming them only by a pseudonym."""
    key = issuer.key
    profile: dict[str, Any] = {"id": key.did, "type": ["Profile"], "name": _plain(issuer.name)}
    if issuer.url:
        profile["url"] = issuer.url
    badge: dict[str, Any] = {
        "id": key.pseudonym("badge", achievement.badge_id),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": _plain(achievement.name, MAX_NAME),
        "description": _plain(achievement.description) or _plain(achievement.name, MAX_NAME),
        "criteria": {
            "narrative": _plain(achievement.criteria)
            or f"Took part in {_plain(achievement.name, MAX_NAME)} with "
            f"{_plain(achievement.provider, MAX_NAME)}."
        },
        "creator": {
            "id": key.pseudonym("provider", achievement.provider_id),
            "type": ["Profile"],
            "name": _plain(achievement.provider, MAX_NAME),
        },
    }
    skills = [_plain(skill, 100) for skill in achievement.skills if _plain(skill, 100)]
    if skills:
        badge["tag"] = skills[:MAX_SKILLS]
    credential: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": badge["name"],
        "issuer": profile,
        "validFrom": timestamp(issued_at),
        "credentialSubject": {
            "id": key.pseudonym("learner", learner_telegram_id),
            "type": ["AchievementSubject"],
            "achievement": badge,
        },
    }
    if valid_until is not None:
        credential["validUntil"] = timestamp(valid_until)
    return credential


def _hash_data(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    """vc-di-eddsa hashData: SHA-256 of the proof options, then of the document."""
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    options["@context"] = document["@context"]
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonical_nquads(options).encode()).digest()
        + hashlib.sha256(canonical_nquads(unsecured).encode()).digest()
    )


def sign_credential(
    document: dict[str, Any], key: SigningKey, *, created: datetime
) -> dict[str, Any]:
    """The credential with an embedded `eddsa-rdfc-2022` Data Integrity proof."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": timestamp(created),
        "verificationMethod": key.verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": "z" + b58encode(signature)}}


# --- reading and checking -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verification:
    """What checking one badge found, in words a person can read.

    `status` is one of verified, expired, revoked, invalid, unverifiable; `checks` holds one
    line each for the signature, tampering, expiry and revocation.
    """

    status: str
    reason: str
    format: str
    name: str
    issuer_name: str
    issuer_id: str
    creator: str
    skills: tuple[str, ...]
    credential_id: str | None
    valid_from: datetime | None
    valid_until: datetime | None
    signature: str
    tampering: str
    expiry: str
    revocation: str
    issued_here: bool = False

    @property
    def from_name(self) -> str:
        """Who to show as the badge's source: the provider if named, else the issuer."""
        return self.creator or self.issuer_name or "an unknown issuer"

    def revoked(self, reason: str, when: datetime) -> "Verification":
        """The same result, marked revoked (from learnbot's own records)."""
        return replace(
            self,
            status=REVOKED,
            reason=f"revoked on {when:%d %b %Y}: {reason}",
            revocation=f"REVOKED on {when:%Y-%m-%d} ({reason})",
        )

    def not_revoked(self, how: str) -> "Verification":
        """The same result with what is known about revocation."""
        return replace(self, revocation=how)


def _text(value: object, limit: int = MAX_NAME) -> str:
    return _plain(value, limit) if isinstance(value, str) else ""


def _as_list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _when(value: object) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _profile(value: object) -> tuple[str, str]:
    """(id, name) of an issuer or creator given as an id or a Profile."""
    if isinstance(value, str):
        return value[:MAX_NAME], ""
    if isinstance(value, dict):
        return _text(value.get("id")), _text(value.get("name"))
    return "", ""


def _summary(credential: dict[str, Any], format_: str) -> Verification:
    """The facts a credential states about itself (not yet checked)."""
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer_id, issuer_name = _profile(credential.get("issuer"))
    _, creator = _profile(achievement.get("creator"))
    skills = [_text(tag, 100) for tag in _as_list(achievement.get("tag"))]
    skills += [
        _text(alignment.get("targetName"), 100)
        for alignment in _as_list(achievement.get("alignment"))
        if isinstance(alignment, dict)
    ]
    name = _text(achievement.get("name")) or _text(credential.get("name"))
    return Verification(
        status=UNVERIFIABLE,
        reason="",
        format=format_,
        name=name,
        issuer_name=issuer_name,
        issuer_id=issuer_id,
        creator=creator if creator != issuer_name else "",
        skills=tuple(dict.fromkeys(s for s in skills if s))[:MAX_SKILLS],
        credential_id=_text(credential.get("id")) or None,
        valid_from=_when(credential.get("validFrom") or credential.get("issuanceDate")),
        valid_until=_when(credential.get("validUntil") or credential.get("expirationDate")),
        signature="not checked",
        tampering="not checked",
        expiry="not checked",
        revocation="not checked",
    )


def _is_ob3(document: dict[str, Any]) -> bool:
    types = {t for t in _as_list(document.get("type")) if isinstance(t, str)}
    return "VerifiableCredential" in types and bool(types & OB3_TYPES)


def _dates(result: Verification, now: datetime) -> Verification:
    """Expiry and start date, once the signature has been found good."""
    if result.valid_from is not None and result.valid_from > now:
        return replace(
            result,
            status=INVALID,
            reason="it isn't valid yet",
            expiry=f"not valid until {result.valid_from:%Y-%m-%d}",
        )
    if result.valid_until is not None and result.valid_until < now:
        return replace(
            result,
            status=EXPIRED,
            reason=f"it expired on {result.valid_until:%d %b %Y}",
            expiry=f"EXPIRED on {result.valid_until:%Y-%m-%d}",
        )
    expiry = (
        "no expiry date"
        if result.valid_until is None
        else f"valid until {result.valid_until:%Y-%m-%d}"
    )
    return replace(result, status=VERIFIED, reason="the signature checks out", expiry=expiry)


def _unverifiable(result: Verification, why: str) -> Verification:
    return replace(
        result,
        status=UNVERIFIABLE,
        reason=why,
        signature=f"not checked: {why}",
        tampering="not checked",
        expiry=_stated_expiry(result),
    )


def _invalid(result: Verification, why: str, *, signature: str, tampering: str) -> Verification:
    return replace(result, status=INVALID, reason=why, signature=signature, tampering=tampering)


def _stated_expiry(result: Verification) -> str:
    if result.valid_until is None:
        return "no expiry date stated"
    return f"states it is valid until {result.valid_until:%Y-%m-%d} (unchecked)"


def _online_status(credential: dict[str, Any], result: Verification) -> Verification:
    if credential.get("credentialStatus") is not None:
        return replace(result, revocation="listed online by the issuer: can't be checked offline")
    return result


def verify_credential(
    credential: dict[str, Any], *, now: datetime, trusted_dids: frozenset[str] = frozenset()
) -> Verification:
    """Check an OB 3.0 credential with an embedded Data Integrity proof, offline.

    Raises:
        NotABadge: the document isn't an Open Badges 3.0 credential.
    """
    if not _is_ob3(credential):
        raise NotABadge("not an OpenBadgeCredential")
    result = _online_status(credential, _summary(credential, OB3_DI))
    proofs = _as_list(credential.get("proof"))
    if not proofs:
        return _unverifiable(result, "it has no signature, so anyone could have written it")
    if len(proofs) > 1 or not isinstance(proofs[0], dict):
        return _unverifiable(result, "it carries several proofs, which I can't check offline")
    proof: dict[str, Any] = proofs[0]
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return _unverifiable(result, "it is signed in a way I can't check offline")
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else ""
    signer = method.split("#", 1)[0]
    if not signer.startswith("did:key:"):
        return _unverifiable(result, "checking its signature needs the issuer's website")
    if proof.get("proofPurpose") != "assertionMethod":
        return _invalid(
            result, "its proof isn't for issuing", signature="wrong purpose", tampering="unknown"
        )
    if signer != result.issuer_id:
        return _invalid(
            result,
            "it was signed by someone other than its issuer",
            signature=f"made by {signer[:60]}, not by the issuer",
            tampering="unknown",
        )
    try:
        key = key_from_did(signer)
        signature = _proof_value(proof.get("proofValue"))
    except ValueError as error:
        return _invalid(
            result, "its signature is malformed", signature=str(error), tampering="unknown"
        )
    if not isinstance(key, Ed25519PublicKey):
        return _invalid(
            result,
            "its key doesn't fit its proof",
            signature="not an Ed25519 key",
            tampering="unknown",
        )
    try:
        data = _hash_data(credential, proof)
    except UnknownContext:
        return _unverifiable(result, "it uses definitions I don't have offline")
    except TooComplex as error:
        return _invalid(
            result, "it is too complex to check", signature=str(error), tampering="unknown"
        )
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return _invalid(
            result,
            "it has been changed since it was signed",
            signature="does NOT match",
            tampering="TAMPERED: the content differs from what was signed",
        )
    here = signer in trusted_dids
    result = replace(
        result,
        signature=f"valid ({CRYPTOSUITE}, signed by {signer})"
        + (", this learnbot's key" if here else ""),
        tampering="none: the content is exactly what was signed",
        issued_here=here,
    )
    return _dates(result, now)


def _proof_value(value: object) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("proofValue is not multibase base58")
    signature = b58decode(value[1:])
    if len(signature) != 64:
        raise ValueError("proofValue is not a 64-byte Ed25519 signature")
    return signature


# --- VC-JWT and Open Badges 2.0 -------------------------------------------------------------

JWT_SHAPE = re.compile(r"^[A-Za-z0-9_-]{2,4000}\.[A-Za-z0-9_-]{0,300000}\.[A-Za-z0-9_-]{0,400}$")


def _jose_part(part: str) -> dict[str, Any]:
    value = json.loads(b64url_decode(part))
    if not isinstance(value, dict):
        raise ValueError("a JOSE part must be a JSON object")
    return value


def verify_jwt(
    token: str, *, now: datetime, trusted_dids: frozenset[str] = frozenset()
) -> Verification:
    """Check a compact JWS: an OB 3.0 VC-JWT (EdDSA or ES256) or an OB 2.0 signed badge.

    Raises:
        NotABadge: it isn't a JWS holding an Open Badge.
    """
    if not JWT_SHAPE.match(token):
        raise NotABadge("not a compact JWS")
    encoded_header, encoded_payload, encoded_signature = token.split(".")
    try:
        header = _jose_part(encoded_header)
        payload = _jose_part(encoded_payload)
        signature = b64url_decode(encoded_signature)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise NotABadge("a JWS whose parts aren't JSON") from None
    credential = payload.get("vc") if isinstance(payload.get("vc"), dict) else payload
    assert isinstance(credential, dict)
    if not _is_ob3(credential):
        if is_ob2_assertion(payload):
            return read_ob2(payload, signed=True)
        raise NotABadge("a JWS without an Open Badge inside")
    result = _online_status(credential, _summary(credential, OB3_JWT))
    if not result.issuer_id:
        result = replace(result, issuer_id=_text(payload.get("iss")))
    if isinstance(payload.get("exp"), int) and result.valid_until is None:
        result = replace(result, valid_until=datetime.fromtimestamp(payload["exp"], UTC))
    if isinstance(payload.get("nbf"), int) and result.valid_from is None:
        result = replace(result, valid_from=datetime.fromtimestamp(payload["nbf"], UTC))
    algorithm = header.get("alg")
    if not isinstance(algorithm, str) or algorithm.lower() == "none" or not signature:
        return _invalid(
            result,
            "it isn't signed",
            signature="none (alg: none or empty): anyone could have written it",
            tampering="can't tell: unsigned",
        )
    if algorithm not in ("EdDSA", "ES256"):
        return _unverifiable(result, f"it is signed with {algorithm[:20]}, which I can't check")
    try:
        key, named_by = _jwt_key(header)
    except ValueError as error:
        return _unverifiable(result, f"its key can't be read offline ({error})")
    signed = f"{encoded_header}.{encoded_payload}".encode()
    if not _jws_signature_ok(algorithm, key, signature, signed):
        return _invalid(
            result,
            "it has been changed since it was signed",
            signature="does NOT match",
            tampering="TAMPERED: the content differs from what was signed",
        )
    try:
        issuer_key = key_from_did(result.issuer_id)
    except ValueError:
        return replace(
            _unverifiable(result, "it is signed, but who signed it can't be confirmed offline"),
            signature=f"valid ({algorithm}, key {named_by}), but not tied to the issuer",
            tampering="none: the content is exactly what was signed",
        )
    if not same_key(issuer_key, key):
        return _invalid(
            result,
            "it was signed by someone other than its issuer",
            signature="made with a key that isn't the issuer's",
            tampering="unknown",
        )
    here = result.issuer_id in trusted_dids
    result = replace(
        result,
        signature=f"valid ({algorithm}, signed by {result.issuer_id[:80]})",
        tampering="none: the content is exactly what was signed",
        issued_here=here,
    )
    return _dates(result, now)


def _jwt_key(header: dict[str, Any]) -> tuple[PublicKey, str]:
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith(("did:key:", "did:jwk:")):
        return key_from_did(kid), "named in kid"
    if "jwk" in header:
        return key_from_jwk(header["jwk"]), "embedded in the header"
    raise ValueError("no did:key, did:jwk or jwk")


def _jws_signature_ok(algorithm: str, key: PublicKey, signature: bytes, signed: bytes) -> bool:
    try:
        if algorithm == "EdDSA" and isinstance(key, Ed25519PublicKey):
            key.verify(signature, signed)
            return True
        if algorithm == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                return False
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False


def is_ob2_assertion(document: dict[str, Any]) -> bool:
    """Whether a document looks like an Open Badges 2.0 (or 1.x) assertion."""
    types = {t for t in _as_list(document.get("type")) if isinstance(t, str)}
    return ("Assertion" in types or "recipient" in document) and "badge" in document


def read_ob2(assertion: dict[str, Any], *, signed: bool = False) -> Verification:
    """What an Open Badges 2.0 assertion says; it can't be checked without the issuer's site."""
    badge = assertion.get("badge")
    badge = badge if isinstance(badge, dict) else {}
    issuer_id, issuer_name = _profile(badge.get("issuer"))
    skills = [_text(tag, 100) for tag in _as_list(badge.get("tags"))]
    result = Verification(
        status=UNVERIFIABLE,
        reason="",
        format=OB2,
        name=_text(badge.get("name")),
        issuer_name=issuer_name,
        issuer_id=issuer_id,
        creator="",
        skills=tuple(dict.fromkeys(s for s in skills if s))[:MAX_SKILLS],
        credential_id=_text(assertion.get("id")) or None,
        valid_from=_when(assertion.get("issuedOn")),
        valid_until=_when(assertion.get("expires")),
        signature="not checked",
        tampering="not checked",
        expiry="not checked",
        revocation="not checked: Open Badges 2.0 revocation is published online",
    )
    why = (
        "it is an Open Badges 2.0 badge signed with a key on the issuer's website"
        if signed
        else "it is an Open Badges 2.0 badge hosted on the issuer's website"
    )
    if assertion.get("revoked") is True:
        return replace(
            result,
            status=REVOKED,
            reason="the file itself says it was revoked",
            revocation="REVOKED",
        )
    return _unverifiable(result, why)
