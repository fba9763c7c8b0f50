"""Issue 13, defect 9 (import feedback): a progress dialog is on screen within a moment even
before the work reports anything (a 10,000-card file being read), a step without a known total
still shows a count ("Comparing with your contacts: 3,412 cards"), and the label is never
clipped."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel, QWidget

from netdesk.ui.common.tasks import ProgressRunner
from netdesk.ui.common.worker import TaskControl


def test_progress_shows_early_counts_and_is_not_clipped(ui_ctx, qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(800, 600)
    parent.show()
    started = threading.Event()
    go_on = threading.Event()
    counted = threading.Event()
    results: list[object] = []

    def work(control: TaskControl) -> int:
        started.set()
        go_on.wait(10)  # reading a big file: no progress reported yet
        control.report(3412, 0, "Comparing with your contacts")
        counted.wait(10)
        return 1

    runner = ProgressRunner(parent, ui_ctx, "Reading contacts", work, results.append, "cards")
    assert started.wait(5)
    qtbot.waitUntil(runner.isVisible, timeout=2000)  # before any progress came in
    go_on.set()
    label = runner.findChild(QLabel)
    assert label is not None
    qtbot.waitUntil(lambda: "3,412" in label.text(), timeout=5000)
    assert label.text() == "Comparing with your contacts: 3,412 cards"
    assert label.sizeHint().width() <= label.width()
    counted.set()
    qtbot.waitUntil(lambda: results == [1], timeout=5000)
    assert not runner.isVisible()
