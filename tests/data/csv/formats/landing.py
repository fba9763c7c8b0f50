"""Where the values of this folder's files land: for each file, the share of emails, phones,
names, organisations and addresses of ``expected.json`` found in their own fields after
NetDesk reads the file (CSV reader or vCard reader, as an import would)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from netdesk.core.model import Contact
from netdesk.formats.csv import read_csv
from netdesk.vcard import read_vcards

HERE = Path(__file__).resolve().parent
KINDS = ("emails", "phones", "names", "organisations", "addresses")


def expected() -> dict[str, list[dict[str, Any]]]:
    return json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


def read(name: str, region: str = "DE") -> list[Contact | None]:
    data = (HERE / name).read_bytes()
    results = (
        read_vcards(data, name, region) if name.endswith(".vcf") else read_csv(data, name, region)
    )
    return [r.contact for r in results]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def score(name: str) -> dict[str, tuple[int, int]]:
    """kind -> (landed, expected) for one file."""
    out = {k: [0, 0] for k in KINDS}
    contacts = read(name)
    rows = expected()[name]
    for n, want in enumerate(rows):
        got = contacts[n] if n < len(contacts) else None
        emails = {e.value.casefold() for e in got.emails} if got else set()
        phones = {_digits(p.value) for p in got.phones} if got else set()
        for e in want["emails"]:
            out["emails"][1] += 1
            out["emails"][0] += e.casefold() in emails
        for p in want["phones"]:
            out["phones"][1] += 1
            out["phones"][0] += _digits(p) in phones
        out["names"][1] += 2
        if got:
            out["names"][0] += (got.given_name == want["given"]) + (
                got.family_name == want["family"]
            )
        out["organisations"][1] += 1
        out["organisations"][0] += bool(got and got.organization == want["org"])
        for addr in want["addresses"]:
            for key, value in addr.items():
                out["addresses"][1] += 1
                out["addresses"][0] += bool(
                    got and any(getattr(a, key) == value for a in got.addresses)
                )
    return {k: (v[0], v[1]) for k, v in out.items()}
