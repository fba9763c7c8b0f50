"""The demo writer: what ``fill_demo`` stores for a fixed seed and day, table by table."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from netdesk.core.errors import Cancelled
from netdesk.demo.fill import fill_demo
from netdesk.storage.db import open_database

TODAY = date(2026, 3, 14)
#: The tables fill_demo writes, in a fixed order.
TABLES = (
    "contacts",
    "emails",
    "phones",
    "addresses",
    "urls",
    "tags",
    "contact_tags",
    "interactions",
    "interaction_contacts",
    "follow_ups",
)
#: Columns that depend on the clock of the run (write stamps, and dates derived from the
#: creation stamp) or are storage's own bookkeeping, not what the generator produced.
CLOCK_COLUMNS = frozenset(
    {
        "created_at",
        "updated_at",
        "last_contacted",
        "cadence_due",
        "next_touch",
        "cadence_snoozed_until",
        "sort_name",
        "version",
    }
)
#: Digest of those tables after fill_demo(db, 300, 900, seed=2026, today=TODAY), taken before
#: the generator and the writer moved from services/ into the netdesk.demo package.
SEED_2026_TABLES_DIGEST = "927a08b8f0a9e5090a596e673086f03fd0ec30ca07961394ebcecec3c37ed37f"


def _tables_digest(path: Path) -> str:
    digest = hashlib.sha256()
    con = sqlite3.connect(path)
    try:
        for table in TABLES:
            columns = [
                row[1]
                for row in con.execute(f'PRAGMA table_info("{table}")')
                if row[1] not in CLOCK_COLUMNS
            ]
            listed = ", ".join(columns)
            for row in con.execute(f'SELECT {listed} FROM "{table}" ORDER BY {listed}'):
                digest.update(repr((table, row)).encode())
    finally:
        con.close()
    return digest.hexdigest()


def test_seed_2026_stores_what_it_always_stored(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert fill_demo(db, 300, 900, seed=2026, today=TODAY) == (300, 900)
    finally:
        db.close()
    assert _tables_digest(db_path) == SEED_2026_TABLES_DIGEST


def test_a_cancelled_fill_writes_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(Cancelled):
            fill_demo(db, 50, 100, seed=2026, today=TODAY, should_cancel=lambda: True)
        with db.unit_of_work(write=False) as s:
            assert s.connection().exec_driver_sql("SELECT count(*) FROM contacts").scalar() == 0
    finally:
        db.close()
