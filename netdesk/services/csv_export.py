"""Export contacts to CSV: read them from the database in batches (progress, cancel), then
write them with the CSV codec :mod:`netdesk.formats.csv.write`. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from netdesk.core.errors import NetDeskError
from netdesk.formats.csv.write import write_csv
from netdesk.formats.jsonshape import contact_to_json
from netdesk.services.contacts import ContactService

BATCH = 500

Progress = Callable[[int, int], None]


class ExportCancelled(NetDeskError):
    def __init__(self) -> None:
        super().__init__("Export cancelled; no file was written.")


def export_csv(
    contacts: ContactService,
    dest: Path,
    *,
    tag: str | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Export every contact (or those with ``tag``) to ``dest``; returns how many."""
    ids = contacts.list_ids("", tag)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), BATCH):
        if should_cancel is not None and should_cancel():
            raise ExportCancelled()
        rows += [contact_to_json(c) for c in contacts.get_many(ids[start : start + BATCH])]
        if progress is not None:
            progress(len(rows), len(ids))
    write_csv(rows, dest)
    return len(rows)
