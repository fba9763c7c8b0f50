"""Every undo step derives from the one base, netdesk.ui.common.undo.ServiceCommand: no other UI
module names QUndoCommand."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[3] / "netdesk" / "ui"


def names_qundocommand(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id == "QUndoCommand":
            return True
        if isinstance(node, ast.alias) and node.name == "QUndoCommand":
            return True
        if isinstance(node, ast.Attribute) and node.attr == "QUndoCommand":
            return True
    return False


def test_only_the_base_subclasses_qundocommand() -> None:
    found = [
        str(path.relative_to(UI))
        for path in sorted(UI.rglob("*.py"))
        if path.name != "undo.py" and names_qundocommand(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_sees_a_second_base() -> None:
    assert names_qundocommand("from PySide6.QtGui import QUndoCommand\n")
    assert names_qundocommand("class C(QtGui.QUndoCommand): ...\n")
    assert not names_qundocommand("from netdesk.ui.common.undo import ServiceCommand\n")
