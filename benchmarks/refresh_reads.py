"""Database reads the views make after a change notice: F5, and a change to one contact.

    uv run python benchmarks/refresh_reads.py [--contacts 10000] [-v]

The real main window runs offscreen on a private copy of the shared demo database
(``make_data.py``). For each case the notice is published on the window's change bus the way
the app publishes it (F5 is ``MainWindow.refresh_all``; "one contact changed" is what a
service returns after an edit of one contact, ``Change(contacts={id})``), and every SELECT
on every engine is counted (SQLAlchemy ``before_cursor_execute``) from the notice until the
event loop and the database worker are idle again. Each case is measured with the Contacts
view shown and with the Today view shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


class Reads:
    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.on = False
        self.statements: list[str] = []
        self.transactions = 0
        event.listen(Engine, "before_cursor_execute", self._execute)
        event.listen(Engine, "begin", self._begin)

    def _begin(self, _conn: Any) -> None:
        if self.on:
            self.transactions += 1

    def _execute(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        head = statement.lstrip()[:6].upper()
        if self.on and head in ("SELECT", "WITH  ", "WITH"):
            self.statements.append(" ".join(statement.split())[:110])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the statements")
    args = parser.parse_args()
    from make_data import database

    source = database(args.contacts)
    work = Path(tempfile.mkdtemp(prefix="netdesk-reads-"))
    try:
        home = work / "home"
        home.mkdir()
        os.environ["NETDESK_HOME"] = str(home)
        shutil.copyfile(source, home / "netdesk.db")
        run(args, home)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: destroying Qt objects at exit is not measured


def run(args: argparse.Namespace, home: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from netdesk.core.model import Change
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    try:
        from netdesk.ui.shell.application import build_context, create_application
        from netdesk.ui.shell.main_window import MainWindow
    except ImportError:  # before the UI was arranged by feature (to measure "before")
        from netdesk.ui.application import (  # type: ignore[no-redef]
            build_context,
            create_application,
        )
        from netdesk.ui.main_window import MainWindow  # type: ignore[no-redef]

    create_application([])
    services = Services.open(home / "netdesk.db", SettingsStore(home / "config"))
    ctx = build_context(services)
    window = MainWindow(ctx)
    window.resize(1200, 800)
    window.show()
    reads = Reads()

    def settle(seconds: float = 0.5) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or not ctx.worker.idle():
            QCoreApplication.processEvents()
            time.sleep(0.005)

    settle(1.5)
    contact_id = services.contacts.list_ids()[5]
    cases = (
        ("F5", window.refresh_all),
        ("one contact changed", lambda: ctx.bus.publish(Change(contacts=frozenset({contact_id})))),
    )
    print(f"database: {args.contacts:,} contacts; SELECT statements until idle again")
    for view in ("contacts", "today"):
        window.show_view(view)
        settle()
        for name, action in cases:
            reads.statements = []
            reads.transactions = 0
            reads.on = True
            action()
            settle()
            reads.on = False
            print(
                f"{name:<22} with {view:<8} shown: {len(reads.statements):3} reads "
                f"in {reads.transactions:2} read transactions"
            )
            if args.verbose:
                for statement in reads.statements:
                    print(f"    {statement}")


if __name__ == "__main__":
    sys.exit(main())
