"""Badges from another issuer, made with openbadgeslib: an implementation independent of
learnbot's, used to check learnbot's credentials and to bring badges "from elsewhere"."""

from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openbadgeslib import baking
from openbadgeslib.ob3.credential import Achievement, Issuer, OpenBadgeCredential
from openbadgeslib.ob3.did import did_key_from_pem
from openbadgeslib.ob3.ldp import OB3LdpSigner, OB3LdpVerifier
from openbadgeslib.ob3.signer import OB3Signer

from catalogue.badge_files import badge_image

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PRIVATE_PEM = KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
)
PUBLIC_PEM = KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)
DID = did_key_from_pem(PUBLIC_PEM)


def credential(
    name="Coding Basics",
    *,
    issuer_name="Code Crew",
    issuer_id=DID,
    tags=("Digital skills", "Problem solving"),
    valid_until=None,
):
    """An OB 3.0 credential another issuer made (openbadgeslib's object, not yet signed)."""
    return OpenBadgeCredential(
        issuer=Issuer(id=issuer_id, name=issuer_name),
        recipient_id="urn:uuid:5b0c1e0c-5d1c-4c73-9a4e-2f7d3c1b9a10",
        achievement=Achievement(
            id="urn:uuid:0d7e0a58-6b11-4d0e-8a1f-3f0e1d2c3b4a",
            name=name,
            description=f"{name}, from {issuer_name}.",
            criteria_narrative="Finished the course.",
            tags=list(tags),
        ),
        issuance_date=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        expiration_date=valid_until,
    )


def signed_document(**kwargs):
    """An OB 3.0 credential with an eddsa-rdfc-2022 proof, signed by openbadgeslib."""
    return OB3LdpSigner(PRIVATE_PEM).sign(credential(**kwargs))


def signed_jwt(**kwargs):
    """An OB 3.0 VC-JWT (EdDSA, key in the header), signed by openbadgeslib."""
    return OB3Signer(PRIVATE_PEM, algorithm="EdDSA").sign(credential(**kwargs))


def baked_png(text):
    """A badge picture with `text` baked in by openbadgeslib (iTXt openbadgecredential)."""
    return baking.bake_png(badge_image("elsewhere"), text, keyword=baking.ITXT_KEYWORD_OB3)


def unbaked(png):
    """The credential text openbadgeslib finds in a baked PNG."""
    return baking.extract_png(png, keyword=baking.ITXT_KEYWORD_OB3)


def verify_independently(document, issuer_did):
    """Check a credential with openbadgeslib, anchored to the issuer's did:key."""
    return OB3LdpVerifier.for_issuer_did(issuer_did).verify(document)
