"""The UI receives services, never the storage ``Database``: no module under netdesk/ui reads
a ``db``/``_db`` attribute (``Services._db`` is for the composition root, the CLI and tests)
or names ``Database``. Import-linter keeps storage imports out; this keeps the object out."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[3] / "netdesk" / "ui"
FORBIDDEN_ATTRIBUTES = {"db", "_db"}


def offenders(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"{name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "Database":
            found.append(f"{name}:{node.lineno}: Database")
    return found


def test_no_ui_module_reaches_the_database() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += offenders(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    assert found == []


def test_the_check_sees_a_ui_module_that_does() -> None:
    assert offenders("path = ctx.services.db.path\n", "x.py") == ["x.py:1: .db"]
    assert offenders("version = services._db.data_version()\n", "x.py") == ["x.py:1: ._db"]
    assert offenders("def f(d: Database) -> None: ...\n", "x.py") == ["x.py:1: Database"]
    assert offenders("path = ctx.services.database_path\n", "x.py") == []
