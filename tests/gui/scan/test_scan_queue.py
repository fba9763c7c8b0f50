"""The scan queue in card entry: five card photos dropped on the view are read in the
background, one after another, and saved by keyboard (Ctrl+Enter) as five contacts with the
capture session's event, tags and follow-up and their card images; skip and come back; the
queue survives a restart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import scancards as sc
from helpers import drag_files
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from netdesk.ui.cards.view import CardEntryView
from netdesk.ui.scan.queue import ScanQueuePanel, group_sides

EVENT = "Expo Berlin 2026"
READ_TIMEOUT = 240_000  # ms: five OCR reads on a busy 2-core machine


def _card_files(tmp_path: Path, count: int) -> dict[str, sc.CardSpec]:
    out = {}
    for spec in sc.CARDS[:count]:
        path = tmp_path / f"{spec.key}.png"
        path.write_bytes(sc.card_images(spec, photographed=False)[0])
        out[str(path)] = spec
    return out


def test_five_dropped_photos_become_five_contacts_by_keyboard(
    ui_ctx: Any, qtbot: Any, tmp_path: Path, ocr_engine: Any
) -> None:
    files = _card_files(tmp_path, 5)
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    queue = view.scan_queue
    try:
        assert not queue.isVisible()  # nothing queued: no panel
        view.event_name.setText(EVENT)
        view.event_name.editingFinished.emit()
        view.session_tags.setText("expo, scanned")
        view.session_tags.editingFinished.emit()
        entered, dropped = drag_files(view, [Path(f) for f in files])
        assert entered and dropped
        assert queue.isVisible() and len(queue.items) == 5
        assert json.loads(queue.queue_path().read_text())["cards"] == [[f] for f in files]

        # skip the first card once a second one is read; it comes back at the end
        qtbot.waitUntil(
            lambda: sum(it.state == "ready" for it in queue.items) >= 2, timeout=READ_TIMEOUT
        )
        first = queue.current
        assert first is not None and first.files[0] == next(iter(files))
        assert view.name.text() == files[first.files[0]].name
        assert queue.photo.pixmap() is not None and not queue.photo.pixmap().isNull()
        qtbot.mouseClick(queue.skip_button, Qt.MouseButton.LeftButton)
        assert queue.current is not first and queue.items[-1] is first

        saved: list[str] = []
        for n in range(5):
            qtbot.waitUntil(
                lambda: queue.current is not None and view.name.text() != "",
                timeout=READ_TIMEOUT,
            )
            current = queue.current
            assert current is not None
            spec = files[current.files[0]]
            assert view.name.text() == spec.name, n
            assert view.emails.text() == spec.email
            view.name.setFocus()
            QTest.keyClick(
                QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            )
            assert view.error.text() == "", view.error.text()
            saved.append(spec.key)
        assert sorted(saved) == sorted(s.key for s in files.values())
        assert saved[-1] == files[first.files[0]].key  # the skipped card came back last
        assert queue.items == [] and not queue.isVisible()
        assert not queue.queue_path().exists()

        contacts = ui_ctx.services.contacts
        ids = contacts.list_ids()
        assert len(ids) == 5
        by_email = {}
        for cid in ids:
            c = contacts.get(cid)
            by_email[c.emails[0].value] = c
            assert c.met_at == EVENT
            assert {"expo", "scanned"} <= set(c.tags)
            assert ui_ctx.services.activity.open_follow_ups(cid)
            assert set(contacts.card_images(cid)) == {"card_front"}
        for spec in files.values():
            c = by_email[spec.email]
            assert (c.given_name, c.family_name, c.organization) == (
                spec.given,
                spec.family,
                spec.org,
            )
    finally:
        queue.shutdown()


def test_the_queue_survives_a_restart_and_reading_can_be_stopped(
    ui_ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    files = list(_card_files(tmp_path, 2))
    back = tmp_path / "us-centered-back.png"
    back.write_bytes(Path(files[1]).read_bytes())
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    queue = view.scan_queue
    queue.toggle_reading()  # stopped: nothing is read
    assert queue.paused and queue.cancel_button.text() == "Resume reading"
    assert queue.add_files([*files, str(back), str(tmp_path / "notes.txt")]) == 2
    assert [it.files for it in queue.items] == [(files[0],), (files[1], str(back))]
    assert [it.state for it in queue.items] == ["waiting", "waiting"]
    assert queue.progress.format() == "Stopped: 0 of 2 read"
    view.deleteLater()

    again = CardEntryView(ui_ctx)
    qtbot.addWidget(again)
    restored = again.scan_queue
    try:
        assert [it.files for it in restored.items] == [(files[0],), (files[1], str(back))]
    finally:
        restored.shutdown()


def test_backs_join_the_front_before_them() -> None:
    assert group_sides(["a.jpg", "a-back.jpg", "b.jpg", "c.jpg", "c_back2.png", "d-back.jpg"]) == [
        ("a.jpg", "a-back.jpg"),
        ("b.jpg",),
        ("c.jpg", "c_back2.png"),
        ("d-back.jpg",),
    ]
    assert ScanQueuePanel.queue_path().name == "scan-queue.json"


def test_a_card_typed_by_hand_is_not_overwritten_by_a_scanned_one(
    ui_ctx: Any, qtbot: Any, tmp_path: Path, ocr_engine: Any
) -> None:
    [photo] = _card_files(tmp_path, 1)
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    queue = view.scan_queue
    try:
        view.name.setText("Typed Byhand")
        view.emails.setText("typed@example.org")
        queue.add_files([photo])
        qtbot.waitUntil(lambda: queue.items[0].state == "ready", timeout=READ_TIMEOUT)
        assert view.name.text() == "Typed Byhand" and queue.current is None
        view.name.setFocus()
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        assert view.error.text() == ""
        # the typed card was saved; the scanned card comes up now
        assert queue.current is queue.items[0]
        assert view.name.text() == sc.CARDS[0].name
    finally:
        queue.shutdown()


def test_a_scanned_card_in_the_form_is_not_kept_as_a_draft(ui_ctx: Any, qtbot: Any) -> None:
    from netdesk.core.model import Contact, Email
    from netdesk.scan import ScanResult
    from netdesk.ui.scan.queue import QueueItem

    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    queue = view.scan_queue
    scanned = Contact(given_name="Anna", family_name="Roth", emails=(Email("anna@roth.example"),))
    item = QueueItem(("anna.png",), "ready", ScanResult(contact=scanned))
    queue.items.append(item)
    queue.show_item(item)
    assert view.name.text() == "Anna Roth"
    view.save_draft()  # the photo stays queued: after a restart it is read again, not doubled
    assert ui_ctx.services.settings.ui_state().card_draft == {}
    queue.skip()  # the only card: it comes back into the form
    assert queue.current is item
    queue.clear()
    view.name.setText("Typed Byhand")
    view.save_draft()
    assert ui_ctx.services.settings.ui_state().card_draft == {"name": "Typed Byhand"}
