"""Contacts to CSV for spreadsheets: the contact JSON shape flattened into columns.

Scalar keys become one column each (``display_name``, ``birthday``, ...); lists of objects
become numbered columns (``emails.1.value``, ``emails.1.label``, ``emails.1.pref``,
``emails.2.value``, ...) as many as the contact with the most of them needs, up to
:data:`MAX_LIST_COLUMNS` per list; a contact with more (one card with 100,000 emails would
otherwise make 300,000 columns for every row) has the rest in one ``emails.more`` cell, a JSON
array of the same objects, so nothing is lost and the file reads back. ``tags`` is one cell,
tags separated by ``"; "``.

Every cell that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return) gets a leading apostrophe (the OWASP rule against CSV injection), so a
contact named ``=HYPERLINK(...)`` stays text. The file is UTF-8 with a byte-order mark
(Excel reads it as UTF-8) and is written under a temporary name, then renamed: a failed or
cancelled export never leaves half a file. Knows no database: the export use case is
:func:`netdesk.services.csv_export.export_csv`.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from netdesk.core.errors import NetDeskError
from netdesk.core.fields import ITEM_FIELDS, JSON_FIELDS, Kind
from netdesk.paths import open_private

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: list fields of the JSON shape and the keys of their objects, in column order
LIST_FIELDS: dict[str, tuple[str, ...]] = {str(f.json): f.parts for f in ITEM_FIELDS}
#: the cells holding a list of tags
TAG_COLUMNS = frozenset(str(f.json) for f in JSON_FIELDS if f.kind is Kind.TAGS)
TAG_SEPARATOR = "; "
#: numbered column groups per list field; the rest of a longer list goes in ``<field>.more``
MAX_LIST_COLUMNS = 10
MORE = "more"


def neutralise(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The header for these JSON-shaped contacts (list columns sized to the longest list)."""
    widest = dict.fromkeys(LIST_FIELDS, 0)
    keys: list[str] | None = None
    for row in rows:
        if keys is None:
            keys = list(row)
        for field in LIST_FIELDS:
            widest[field] = max(widest[field], len(row.get(field) or []))
    if keys is None:
        keys = [str(f.json) for f in JSON_FIELDS]
    header: list[str] = []
    for key in keys:
        if key in LIST_FIELDS:
            for n in range(1, min(widest[key], MAX_LIST_COLUMNS) + 1):
                header += [f"{key}.{n}.{sub}" for sub in LIST_FIELDS[key]]
            if widest[key] > MAX_LIST_COLUMNS:
                header.append(f"{key}.{MORE}")
        else:
            header.append(key)
    return header


def flatten(row: dict[str, Any], header: Sequence[str]) -> list[str]:
    out: list[str] = []
    for col in header:
        field, _, rest = col.partition(".")
        if rest == MORE:
            extra = (row.get(field) or [])[MAX_LIST_COLUMNS:]
            out.append(json.dumps(extra, ensure_ascii=False) if extra else "")
        elif "." in col:
            field, index, sub = col.split(".")
            items = row.get(field) or []
            n = int(index) - 1
            out.append(_cell(items[n].get(sub)) if n < len(items) else "")
        elif col in TAG_COLUMNS:
            out.append(neutralise(TAG_SEPARATOR.join(row.get(col) or [])))
        else:
            out.append(_cell(row.get(col)))
    return out


def write_csv(rows: Sequence[dict[str, Any]], dest: Path) -> None:
    """Write JSON-shaped contacts to ``dest`` (atomically)."""
    header = columns(rows)
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.partial")
    try:
        with os.fdopen(open_private(tmp), "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow(flatten(row, header))
        os.replace(tmp, dest)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise NetDeskError(
            f"Could not write {dest}: {err.strerror or err}.", detail=str(err)
        ) from err
