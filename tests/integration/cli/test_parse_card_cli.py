"""`netdesk parse-card`: card text on stdin, the contact JSON shape (plus what was guessed and
what was not used) on stdout."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli import run
from netdesk.core.model import Contact
from netdesk.formats.jsonshape import contact_to_json

CARD = """Best regards,

Dr. Katharina Lindemann
Leiterin Forschung & Entwicklung
Voss Medizintechnik GmbH
Industriestraße 42
78532 Tuttlingen
Tel.: 07461 96588-210
Mobil: 0170 4432187
k.lindemann@voss-medtech.example.de
"""


def _parse(monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out, err = io.StringIO(), io.StringIO()
    code = run(["parse-card", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_parse_card_prints_the_contact_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _parse(monkeypatch, CARD, "--region", "DE")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == set(contact_to_json(Contact())) | {"guessed", "unparsed"}
    assert (data["prefix"], data["given_name"], data["family_name"]) == (
        "Dr.",
        "Katharina",
        "Lindemann",
    )
    assert data["organization"] == "Voss Medizintechnik GmbH"
    assert data["title"] == "Leiterin Forschung & Entwicklung"
    assert [(p["e164"], p["label"]) for p in data["phones"]] == [
        ("+49746196588210", "work"),
        ("+491704432187", "mobile"),
    ]
    assert data["emails"][0]["value"] == "k.lindemann@voss-medtech.example.de"
    assert data["addresses"][0]["postal_code"] == "78532"
    assert data["id"] is None
    assert "title" in data["guessed"] and "organization" not in data["guessed"]
    assert data["unparsed"] == ["Best regards,"]


def test_region_comes_from_the_preferences(
    monkeypatch: pytest.MonkeyPatch, netdesk_home: Path
) -> None:
    from dataclasses import replace

    from netdesk import paths
    from netdesk.settings import SettingsStore

    store = SettingsStore(paths.config_dir())
    store.save_preferences(replace(store.preferences(), default_region="DE"))
    code, out, _err = _parse(monkeypatch, "Jane Roe\nTel. 030 1234567\n")
    assert code == 0
    assert json.loads(out)["phones"][0]["e164"] == "+49301234567"
    # and no database is created just to parse text
    assert not (netdesk_home / "netdesk.db").exists()


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("", (), "no card text"),
        ("Jane Roe", ("--region", "Germany"), "two-letter region"),
    ],
)
def test_errors_are_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, text: str, args: tuple[str, ...], message: str
) -> None:
    code, out, err = _parse(monkeypatch, text, *args)
    assert code == 1
    assert out == ""
    assert message in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_parse_card_as_a_process(netdesk_home: Path) -> None:
    env = {**os.environ, "NETDESK_HOME": str(netdesk_home), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "netdesk", "parse-card", "--region", "FR"],
        input="Julien Mercier\nDirecteur commercial\nAtelier Lumière SAS\nPort. 06 12 45 78 90\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["organization"] == "Atelier Lumière SAS"
    assert data["phones"][0]["e164"] == "+33612457890"
    assert data["phones"][0]["label"] == "mobile"
