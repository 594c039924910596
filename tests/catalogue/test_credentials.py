"""Open Badges 3.0 credentials: learnbot's verify with an independent implementation
(openbadgeslib), tampering is caught by both, and badges from elsewhere verify here."""

import base64
import copy
import hashlib
import json
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openbadgeslib.ob3.verifier import OB3VerificationError

from catalogue.badge_files import badge_image, bake_png, unbake_png
from catalogue.credentials import (
    EXPIRED,
    INVALID,
    UNVERIFIABLE,
    VERIFIED,
    Achievement,
    BadgeIssuer,
    build_credential,
    sign_credential,
    verify_credential,
    verify_jwt,
)
from catalogue.linked_data import CONTEXT_FILES, CONTEXTS_DIR
from catalogue.signing_keys import b64url_decode
from tests import elsewhere

NOW = datetime(2026, 1, 10, 15, 30, tzinfo=UTC)  # in the past: openbadgeslib uses the clock
FIVE_A_SIDE = Achievement(
    badge_id=7,
    name="Five-a-Side Regular",
    description="Played five Friday sessions.",
    criteria="Turn up to five sessions and play fair.",
    skills=("Teamwork", "Fitness"),
    provider_id=3,
    provider="Kemptown Youth Club",
)


@pytest.fixture
def issuer(tmp_path):
    return BadgeIssuer.in_data_dir(tmp_path, name="Brighton City of Learning").issuer()


def issue(issuer, telegram_id=4242, **overrides):
    document = build_credential(
        issuer=issuer,
        achievement=overrides.pop("achievement", FIVE_A_SIDE),
        learner_telegram_id=telegram_id,
        issued_at=overrides.pop("issued_at", NOW),
        **overrides,
    )
    return sign_credential(document, issuer.key, created=NOW)


def test_a_learnbot_credential_verifies_with_openbadgeslib(issuer):
    """An independent verifier, anchored to learnbot's did:key, accepts what learnbot signs."""
    credential = issue(issuer)
    checked = elsewhere.verify_independently(credential, issuer.key.did)
    assert checked.name == "Five-a-Side Regular"
    assert checked.issuer.id == issuer.key.did
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    ours = verify_credential(credential, now=NOW, trusted_dids=frozenset({issuer.key.did}))
    assert ours.status == VERIFIED
    assert ours.issued_here
    assert ours.creator == "Kemptown Youth Club"
    assert ours.skills == ("Teamwork", "Fitness")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["credentialSubject"]["achievement"].update(name="Five-a-Side Captain"),
        lambda c: c["credentialSubject"]["achievement"]["tag"].append("Leadership"),
        lambda c: c["credentialSubject"].update(
            id="urn:uuid:00000000-0000-4000-8000-000000000000"
        ),
        lambda c: c["issuer"].update(name="Someone Else"),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c["proof"].update(created="2020-01-01T00:00:00Z"),
    ],
    ids=["badge name", "skills", "learner", "issuer name", "date", "proof date"],
)
def test_a_tampered_credential_fails_both_verifiers(issuer, tamper):
    """Any change after signing is caught here and by openbadgeslib."""
    credential = issue(issuer)
    tampered = copy.deepcopy(credential)
    tamper(tampered)
    with pytest.raises(OB3VerificationError):
        elsewhere.verify_independently(tampered, issuer.key.did)
    result = verify_credential(tampered, now=NOW)
    assert result.status == INVALID
    assert result.tampering.startswith("TAMPERED")


def test_a_credential_signed_by_another_key_is_refused(issuer, tmp_path):
    """Re-signing someone's badge with another key doesn't pass as theirs."""
    credential = issue(issuer)
    other = BadgeIssuer.in_data_dir(tmp_path / "other").issuer()
    forged = sign_credential(
        {key: value for key, value in credential.items() if key != "proof"}, other.key, created=NOW
    )
    assert verify_credential(forged, now=NOW).status == INVALID
    with pytest.raises(OB3VerificationError):
        elsewhere.verify_independently(forged, issuer.key.did)


def test_the_baked_png_carries_the_credential_for_any_reader(issuer):
    """openbadgeslib finds the credential in learnbot's PNG and verifies it."""
    credential = issue(issuer)
    png = bake_png(badge_image("Five-a-Side Regular"), json.dumps(credential))
    text = elsewhere.unbaked(png)
    assert json.loads(text) == credential
    assert elsewhere.verify_independently(text, issuer.key.did).name == "Five-a-Side Regular"
    assert unbake_png(png).keyword == "openbadgecredential"


def test_an_expired_credential_is_reported_expired(issuer):
    """validUntil in the past: learnbot says expired, openbadgeslib refuses it too."""
    credential = issue(
        issuer, valid_until=NOW - timedelta(days=1), issued_at=NOW - timedelta(days=30)
    )
    result = verify_credential(credential, now=NOW)
    assert result.status == EXPIRED
    assert result.expiry == "EXPIRED on 2026-01-09"
    with pytest.raises(OB3VerificationError):
        elsewhere.verify_independently(credential, issuer.key.did)


def test_the_learner_is_named_only_by_a_pseudonym(issuer):
    """The subject is a stable urn:uuid per learner that doesn't contain their Telegram id."""
    first, second = issue(issuer, telegram_id=987654321), issue(issuer, telegram_id=987654321)
    someone_else = issue(issuer, telegram_id=123456789)
    subject = first["credentialSubject"]["id"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", subject)
    assert second["credentialSubject"]["id"] == subject
    assert someone_else["credentialSubject"]["id"] != subject
    assert "987654321" not in json.dumps(first)
    assert first["id"] != second["id"]


def test_the_key_is_made_once_and_kept_private(tmp_path):
    """The key file is created on first use, readable by its owner only, and reused."""
    badges = BadgeIssuer.in_data_dir(tmp_path)
    assert badges.trusted_dids() == frozenset()
    assert not (tmp_path / "keys").exists()
    did = badges.issuer().key.did
    key_file = tmp_path / "keys" / "issuer-ed25519.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert BadgeIssuer.in_data_dir(tmp_path).issuer().key.did == did
    assert BadgeIssuer.in_data_dir(tmp_path).trusted_dids() == frozenset({did})
    assert did.startswith("did:key:z6Mk")


def test_badges_signed_elsewhere_verify_here():
    """Credentials openbadgeslib signs, as Data Integrity or VC-JWT, verify with learnbot."""
    now = datetime(2026, 6, 1, tzinfo=UTC)
    document = verify_credential(elsewhere.signed_document(), now=now)
    assert (document.status, document.name, document.issuer_name) == (
        VERIFIED,
        "Coding Basics",
        "Code Crew",
    )
    assert document.skills == ("Digital skills", "Problem solving")
    jwt = verify_jwt(elsewhere.signed_jwt(), now=now)
    assert (jwt.status, jwt.name) == (VERIFIED, "Coding Basics")


def test_a_jwt_whose_issuer_cannot_be_tied_to_its_key_is_unverifiable():
    """A VC-JWT signed with a header key for an https issuer proves nothing about who signed."""
    token = elsewhere.signed_jwt(issuer_id="https://codecrew.example.org")
    result = verify_jwt(token, now=datetime(2026, 6, 1, tzinfo=UTC))
    assert result.status == UNVERIFIABLE
    assert "can't be confirmed offline" in result.reason


def test_jws_alg_none_and_a_changed_payload_are_invalid():
    """An unsigned JWS (alg none) and one whose payload was edited both fail."""
    token = elsewhere.signed_jwt()
    header, payload, signature = token.split(".")
    unsigned = "eyJhbGciOiJub25lIn0." + payload + "."
    result = verify_jwt(unsigned, now=datetime(2026, 6, 1, tzinfo=UTC))
    assert result.status == INVALID
    assert "alg: none" in result.signature
    claims = json.loads(b64url_decode(payload))
    claims["name"] = "Coding Expert"
    edited = json.dumps(claims).encode()
    forged_payload = base64.urlsafe_b64encode(edited).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    assert verify_jwt(forged, now=datetime(2026, 6, 1, tzinfo=UTC)).status == INVALID


def test_bundled_contexts_are_the_pinned_documents():
    """Each bundled JSON-LD context matches the SHA-256 its README pins."""
    readme = (CONTEXTS_DIR / "README.md").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"\| (\S+\.json) \| ([0-9a-f]{64}) \|", readme))
    assert set(pinned) == set(CONTEXT_FILES.values())
    for name, digest in pinned.items():
        assert hashlib.sha256((CONTEXTS_DIR / name).read_bytes()).hexdigest() == digest
    assert all(Path(CONTEXTS_DIR / name).is_file() for name in CONTEXT_FILES.values())
