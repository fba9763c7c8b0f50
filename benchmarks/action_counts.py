"""Database work per user action: write transactions, change notices and SELECT reads.

Run with ``uv run python benchmarks/action_counts.py`` (offscreen; about half a minute).

A private temporary database is filled with the demo generator (``fill_demo``: 300 contacts,
1,500 interactions, seed 2026), the real main window is built over it exactly as the app
builds it (services, UI context, ``MainWindow``), and four user actions are done the way a
person does them, through the real widgets:

* **card save (2 images)**: in card entry a card is saved, loaded back into the form (the
  session list's Edit), given a front and a back image, its company changed, and saved again
  with Ctrl+Enter (``CardEntryView.save_card``): the counted action is that second save;
* **star 5**: five rows selected in the contact list, then Ctrl+D (the Star action);
* **editor save**: one contact open in the list's editor, its title changed, then Save (the
  button Ctrl+S stands for);
* **F5**: the main window's refresh (``refresh_all``) while the contact list is shown.

Counted from the moment the action starts until the event loop and the database worker are
idle again (so the views' refreshes after the change notice are included), with SQLAlchemy
engine events on every engine: ``begin`` (inserted before NetDesk's own listener, which reads
and drops the "write" flag a unit of work sets) tells write transactions from read ones;
``before_cursor_execute`` counts the SELECT statements; change notices are the emissions of
the UI's change bus. "read tx" are read units of work (one service read call each); the last
two columns count what happened before the action's first change notice, i.e. without the
views' refreshes that the notice triggers (F5 is nothing but such refreshes).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # running as a script from a checkout
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Counts:
    writes: int = 0  # write transactions (units of work opened for writing)
    reads: int = 0  # SELECT statements
    read_transactions: int = 0
    notices: int = 0  # change notices published on the UI's bus
    #: reads done by the action itself: before its first change notice (the views refresh
    #: after it)
    action_read_transactions: int = 0
    action_reads: int = 0
    statements: list[str] = field(default_factory=list)


class Counter:
    """Counts database work on every SQLAlchemy engine while ``active``."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.counts = Counts()
        self.active = False
        # inserted before NetDesk's own "begin" listener, which reads and drops the flag
        event.listen(Engine, "begin", self._begin, insert=True)
        event.listen(Engine, "before_cursor_execute", self._execute)

    def _begin(self, conn: Any) -> None:
        if not self.active:
            return
        if conn.info.get("begin_immediate", False):
            self.counts.writes += 1
        else:
            self.counts.read_transactions += 1

    def _execute(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not self.active:
            return
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head in ("SELECT", "WITH"):
            self.counts.reads += 1
            self.counts.statements.append(" ".join(statement.split())[:120])

    def notice(self, _change: object) -> None:
        if self.active:
            if self.counts.notices == 0:
                self.counts.action_reads = self.counts.reads
                self.counts.action_read_transactions = self.counts.read_transactions
            self.counts.notices += 1

    def measure(self, action: Callable[[], None], settle: Callable[[], None]) -> Counts:
        self.counts = Counts()
        self.active = True
        try:
            action()
            settle()
        finally:
            self.active = False
        return self.counts


def build(tmp: Path) -> tuple[Any, Any, Any]:
    """The demo database, the services and the main window, as the app builds them."""
    os.environ["NETDESK_HOME"] = str(tmp / "home")
    (tmp / "home").mkdir()
    from PySide6.QtWidgets import QApplication

    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore
    from netdesk.ui.shell.application import build_context, create_application
    from netdesk.ui.shell.main_window import MainWindow

    app = create_application([])
    assert isinstance(app, QApplication)
    db_path = tmp / "home" / "netdesk.db"
    services = build_services(db_path, SettingsStore(tmp / "home" / "config"))
    services.fill_demo(300, 1500)
    ctx = build_context(services)
    window = MainWindow(ctx)
    window.resize(1180, 760)
    window.show()
    return app, ctx, window


def settle_for(app: Any, ctx: Any) -> Callable[[], None]:
    def settle() -> None:
        deadline = time.monotonic() + 10
        quiet = 0
        while time.monotonic() < deadline:
            app.processEvents()
            if ctx.worker.idle():
                quiet += 1
                if quiet >= 20:  # timers of 0-250 ms (debounces) have had their turn
                    return
            else:
                quiet = 0
            time.sleep(0.02)

    return settle


def picture(path: Path, colour: str) -> str:
    from PySide6.QtGui import QColor, QImage

    image = QImage(1200, 700, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return str(path)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    counter = Counter()
    with tempfile.TemporaryDirectory(prefix="netdesk-actions-") as folder:
        tmp = Path(folder)
        app, ctx, window = build(tmp)
        publish = ctx.bus.publish

        def counted_publish(change: object) -> None:
            counter.notice(change)  # before the views' slots run
            publish(change)

        ctx.bus.publish = counted_publish
        settle = settle_for(app, ctx)
        settle()
        rows: list[tuple[str, Counts]] = []

        # (a) card entry: update a saved card, adding two images
        window.show_view("cards")
        settle()
        cards = window.views["cards"]
        cards.event_name.setText("Bench Summit")
        cards.name.setText("Ada Benchmark")
        cards.save_card()
        settle()
        cards.entered.setCurrentRow(0)
        cards.edit_selected()
        assert cards.attach_image("card_front", picture(tmp / "front.png", "#3366aa"))
        assert cards.attach_image("card_back", picture(tmp / "back.png", "#aa6633"))
        cards.company.setText("Analytical Engines Ltd")
        settle()
        rows.append(("card save (update, 2 images)", counter.measure(cards.save_card, settle)))

        # (b) contact list: select five rows, Ctrl+D
        window.show_view("contacts")
        settle()
        view = window.views["contacts"]
        table = view.table
        table.clearSelection()
        selection = table.selectionModel()
        from PySide6.QtCore import QItemSelectionModel

        for row in range(5):
            selection.select(
                view.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        settle()
        assert len(view.selected_ids()) == 5
        table.setFocus()
        star = window.contacts.star_action
        rows.append(("star 5 contacts", counter.measure(star.trigger, settle)))

        # (c) contact editor: change one field, Ctrl+S
        table.clearSelection()
        table.selectRow(7)
        settle()
        editor = view.editor
        view.side.setCurrentWidget(editor)
        settle()
        window.activateWindow()
        editor.title.setFocus()
        editor.title.setText("Chief Benchmark Officer")
        settle()
        assert editor.is_dirty() and view.current_id is not None

        def editor_save() -> None:
            editor.save_button.click()  # what Ctrl+S triggers too

        rows.append(("editor save (one field)", counter.measure(editor_save, settle)))
        saved = ctx.services.contacts.get(view.current_id)
        assert saved.title == "Chief Benchmark Officer", saved.title

        # (d) F5 on the contact list
        def f5() -> None:
            QTest.keyClick(window, Qt.Key.Key_F5)

        rows.append(("F5 (refresh, contact list)", counter.measure(f5, settle)))

        print(
            f"{'action':30} {'write tx':>8} {'notices':>7} {'read tx':>7} {'SELECTs':>7}"
            f"   {'before the notice: read tx':>35} {'SELECTs':>7}"
        )
        for name, c in rows:
            print(
                f"{name:30} {c.writes:8} {c.notices:7} {c.read_transactions:7} {c.reads:7}"
                f"   {c.action_read_transactions:35} {c.action_reads:7}"
            )
        if "-v" in sys.argv:
            for name, c in rows:
                print(f"\n{name}:")
                for s in c.statements:
                    print(f"  {s}")
        window.close()
        ctx.worker.shutdown()
        ctx.services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
