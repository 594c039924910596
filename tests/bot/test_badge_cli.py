"""`learnbot badge`: codes with QR files, revocation, and verifying exported badge files."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import zxingcpp
from PIL import Image

from bot.cli import main
from catalogue.badges import EVERYTHING, SINGLE, claim_badge, create_claim_codes, find_opportunity
from catalogue.credentials import BadgeIssuer
from catalogue.db import session_scope
from catalogue.learners import create_learner
from catalogue.models import Award
from catalogue.portfolio import baked_badge, portfolio_document
from tests import elsewhere
from tests.conftest import make_row

BOT = "learnbot_local_bot"


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path, add_opportunities):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LEARNBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    monkeypatch.delenv("LEARNBOT_BOT_USERNAME", raising=False)
    add_opportunities(
        make_row("bn-foot", "Five-a-Side Fridays"),
        make_row("bn-keeper", "Goalkeeping", skills=("Teamwork", "Confidence")),
    )
    return tmp_path


def award_badges(engine, data_dir, telegram_id=4242):
    """A learner who claimed both badges; returns their learner row."""
    issuer = BadgeIssuer.in_data_dir(data_dir).issuer()
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        learner = create_learner(session=session, telegram_id=telegram_id, age_band="18-25")
        for reference in ("bn-foot", "bn-keeper"):
            opportunity = find_opportunity(session=session, reference=reference)
            [code] = create_claim_codes(
                session=session,
                opportunity=opportunity,
                scope=EVERYTHING,
                created_by=0,
                kind=SINGLE,
                now=now,
            )
            claim_badge(
                session=session, learner=learner, code_text=code.code, issuer=issuer, now=now
            )
        return learner


def export(engine, learner, path):
    with session_scope(engine) as session:
        path.write_text(json.dumps(portfolio_document(session=session, learner=learner)))
    return path


def test_codes_print_links_and_write_qr_files(cli_env, capsys):
    """A session code by default; --single N codes; --out writes a scannable PNG per code."""
    assert main(["badge", "codes", "--opportunity", "bn-foot", "--bot", BOT]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Session code for Five-a-Side Fridays (bn-foot): works until ")
    assert "for up to 30 people." in out
    assert f"https://t.me/{BOT}?start=c-" in out
    folder = cli_env / "qr"
    args = ["badge", "codes", "--opportunity", "bn-keeper", "--single", "3", "--bot", BOT]
    assert main([*args, "--out", str(folder)]) == 0
    assert "3 single-use codes for Goalkeeping (bn-keeper):" in capsys.readouterr().out
    with (folder / "codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    png = (folder / f"{rows[0]['code']}.png").read_bytes()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert decoded == [rows[0]["link"]]


def test_codes_need_the_bot_username(cli_env, capsys):
    """Without --bot (or LEARNBOT_BOT_USERNAME) the links can't be made: a clear error."""
    assert main(["badge", "codes", "--opportunity", "bn-foot"]) == 2
    assert "--bot" in capsys.readouterr().err
    assert main(["badge", "codes", "--opportunity", "nope", "--bot", BOT]) == 1


def test_verify_a_portfolio_export(cli_env, engine, capsys):
    """An exported portfolio verifies: signature, tampering, expiry and revocation each shown."""
    path = export(engine, award_badges(engine, cli_env), cli_env / "portfolio.json")
    assert main(["badge", "verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 2 badges" in out
    assert "1. Five-a-Side Fridays Badge" in out
    assert "   signature:  valid (eddsa-rdfc-2022, signed by did:key:z6Mk" in out
    assert "   tampering:  none: the content is exactly what was signed" in out
    assert "   expiry:     no expiry date" in out
    assert "   revocation: not revoked (checked in this learnbot's database: award 1)" in out
    assert out.count("   result:     VALID: the signature checks out") == 2


def test_verify_catches_tampering_and_revocation(cli_env, engine, capsys):
    """A changed badge is TAMPERED; a revoked one is REVOKED; both exit 1."""
    learner = award_badges(engine, cli_env)
    path = export(engine, learner, cli_env / "portfolio.json")
    document = json.loads(path.read_text())
    document["verifiableCredential"][0]["credentialSubject"]["achievement"]["name"] = "Captain"
    tampered = cli_env / "tampered.json"
    tampered.write_text(json.dumps(document))
    assert main(["badge", "verify", str(tampered)]) == 1
    out = capsys.readouterr().out
    assert "TAMPERED: the content differs from what was signed" in out
    assert "result:     INVALID: it has been changed since it was signed" in out
    assert main(["badge", "revoke", "1", "--reason", "the code was shared online"]) == 0
    assert capsys.readouterr().out == (
        "Revoked award 1 (Five-a-Side Fridays Badge): the code was shared online\n"
    )
    assert main(["badge", "verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "revocation: REVOKED on " in out
    assert "result:     REVOKED: revoked on " in out
    assert main(["badge", "revoke", "99", "--reason", "x"]) == 1


def test_verify_a_baked_png_and_a_badge_from_elsewhere(cli_env, engine, capsys):
    """A baked PNG verifies; a badge another issuer signed verifies, revocation unknowable."""
    learner = award_badges(engine, cli_env)
    with session_scope(engine) as session:
        png = baked_badge(session.get(Award, 1))
    (cli_env / "badge.png").write_bytes(png)
    assert main(["badge", "verify", str(cli_env / "badge.png")]) == 0
    assert "result:     VALID" in capsys.readouterr().out
    (cli_env / "coding.json").write_text(json.dumps(elsewhere.signed_document()))
    assert main(["badge", "verify", str(cli_env / "coding.json")]) == 0
    out = capsys.readouterr().out
    assert "issuer:     Code Crew (did:key:" in out
    assert "revocation: not checked: only the issuer's own records can say" in out
    assert learner.id is not None


def test_verify_without_the_database_says_what_it_cannot_know(
    cli_env, engine, capsys, monkeypatch
):
    """Offline (no database), the signature is still checked and revocation is 'not checked'."""
    path = export(engine, award_badges(engine, cli_env), cli_env / "portfolio.json")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{cli_env / 'elsewhere' / 'none.sqlite3'}")
    assert main(["badge", "verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "revocation: not checked: this learnbot's database isn't available here" in out
    assert not (cli_env / "elsewhere").exists()


def test_verify_refuses_what_is_not_a_badge(cli_env, capsys):
    """A missing file or a non-badge exits 2 with one line."""
    assert main(["badge", "verify", str(cli_env / "missing.png")]) == 2
    (cli_env / "notes.txt").write_text("hello")
    assert main(["badge", "verify", str(cli_env / "notes.txt")]) == 2
    assert "not_a_badge" not in capsys.readouterr().err
