"""The package's rooms say what they hold: each top-level package of ``netdesk`` has a module
docstring that names what it may import, and ``netdesk/README.md`` lists every room."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "netdesk"
ROOMS = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def test_the_rooms_are_found() -> None:
    assert {"core", "demo", "services", "storage", "ui", "vcard"} <= set(ROOMS)


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_holds_and_may_import(room: str) -> None:
    source = (PACKAGE / room / "__init__.py").read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source)) or ""
    assert len(doc.split()) >= 15, f"netdesk/{room}/__init__.py: say what the room holds"
    assert "import" in doc.lower(), f"netdesk/{room}/__init__.py: say what it may import"


@pytest.mark.parametrize("room", ROOMS)
def test_the_package_map_lists_each_room(room: str) -> None:
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    assert f"| `{room}/` |" in readme, f"netdesk/README.md: add a row for {room}/"
