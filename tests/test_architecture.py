"""The layers import one way: catalogue <- conversations <- bot."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> dict[Path, set[str]]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[path] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("catalogue", {"telegram", "conversations", "bot"}), ("conversations", {"bot"})],
)
def test_layers_import_only_downwards(package, forbidden):
    """The domain never knows about Telegram, and flows never reach into the runtime."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(names & forbidden)
        for path, names in imported_modules(package).items()
        if names & forbidden
    }
    assert offenders == {}


def test_sql_lives_only_in_the_catalogue():
    """Handlers call store functions; they never build queries themselves."""
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("conversations", "bot")
        for path in (ROOT / package).rglob("*.py")
        if "select(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
