"""The contact editor driven through its widgets: every field, labelled lists, validation
markers, photo, duplicates, undo, keyboard."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from helpers import rich_contact, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact, Email, Phone, Url
from netdesk.ui.contacts.editor import PHOTO_MAX_PX, ContactEditor, load_photo


@pytest.fixture
def editor(ui_ctx, qtbot):  # type: ignore[no-untyped-def]
    widget = ContactEditor(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(620, 900)
    widget.show()
    return widget


@pytest.fixture
def muller(ui_ctx) -> int:  # type: ignore[no-untyped-def]
    cid, change = ui_ctx.services.contacts.create(rich_contact())
    ui_ctx.bus.publish(change)
    return cid


def test_loads_every_field_and_saves_edits(editor, ui_ctx, muller, qtbot) -> None:
    services = ui_ctx.services.contacts
    editor.load_id(muller)
    assert editor.heading.text() == "Dr. Jürgen Müller"
    assert editor.family_name.text() == "Müller"
    assert [r.edit.text() for r in editor.emails.rows] == [
        "j.mueller@example.com",
        "jm@example.org",
    ]
    assert editor.emails.rows[0].pref.isChecked()
    assert editor.addresses.rows[0].locality.text() == "Hannover"
    assert editor.birthday.raw() == (2, 5, "1971")
    assert editor.tags.text() == "hannover-2026, logistics"
    assert editor.cadence.value() == 91 or editor.cadence.value() == 90
    assert not editor.is_dirty()

    editor.title.clear()
    type_text(editor.title, "Geschäftsführer")
    editor.nickname.setText("Jürgi")
    # emails: add one, move it to the top, remove the old second one
    row = editor.emails.add_row_and_focus()
    assert row.edit.hasFocus()
    type_text(row.edit, "juergen@kessler.example")
    qtbot.mouseClick(row.up, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row.up, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.emails.rows[2].remove, Qt.MouseButton.LeftButton)
    # phones: swap the two
    qtbot.mouseClick(editor.phones.rows[0].down, Qt.MouseButton.LeftButton)
    # urls: remove the only one; addresses: change the city
    qtbot.mouseClick(editor.urls.rows[0].remove, Qt.MouseButton.LeftButton)
    editor.addresses.rows[0].locality.setText("Hamburg")
    editor.birthday.year.clear()  # birthday without the year
    editor.anniversary.day.setValue(14)
    editor.anniversary.month.setCurrentIndex(6)
    editor.anniversary.year.setText("2001")
    editor.met_on.setText("2026-04-21")
    editor.tags.setText("logistics, hamburg")
    editor.cadence.combo.setCurrentIndex(editor.cadence.combo.findData(editor.cadence.CUSTOM))
    editor.cadence.days.setValue(45)
    editor.notes.setPlainText("Now in Hamburg.")
    editor.starred.setChecked(True)
    assert editor.is_dirty()
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = services.get(muller)
    assert saved.title == "Geschäftsführer"
    assert saved.nickname == "Jürgi"
    assert [e.value for e in saved.emails] == ["juergen@kessler.example", "j.mueller@example.com"]
    assert [p.value for p in saved.phones] == ["0511 123456", "+49 171 9876543"]
    assert saved.phones[0].e164 == "+49511123456"
    assert saved.urls == ()
    assert saved.addresses[0].locality == "Hamburg"
    assert saved.birthday == PartialDate(5, 2, None)
    assert saved.anniversary == PartialDate(6, 14, 2001)
    assert saved.met_on is not None and saved.met_on.isoformat() == "2026-04-21"
    assert saved.tags == ("hamburg", "logistics")
    assert saved.cadence_days == 45
    assert saved.notes == "Now in Hamburg."
    assert saved.starred
    assert not editor.is_dirty()
    assert editor.status.text() == "Saved."

    ui_ctx.undo.undo()  # Ctrl+Z restores the contact as it was
    before = services.get(muller)
    assert before.title == "Leiter Beschaffung"
    assert len(before.emails) == 2 and before.urls == rich_contact().urls
    assert before.birthday == PartialDate(5, 2, 1971)
    ui_ctx.undo.redo()
    assert services.get(muller).title == "Geschäftsführer"


def test_invalid_email_is_marked_and_kept_not_saved(editor, ui_ctx, muller, qtbot) -> None:
    editor.load_id(muller)
    email = editor.emails.rows[0]
    email.edit.setText("j.mueller@example")
    email.edit.editingFinished.emit()
    assert email.marker.isVisibleTo(editor)
    assert "domain with a dot" in email.marker.text()
    assert email.edit.property("problem") == "error"
    assert editor.save() is False
    assert email.edit.text() == "j.mueller@example"  # never thrown away
    assert "Not saved" in editor.status.text()
    assert ui_ctx.services.contacts.get(muller).emails[0].value == "j.mueller@example.com"
    email.edit.setText("j.mueller@example.de")
    assert editor.save() is True
    assert not email.marker.isVisibleTo(editor)
    assert ui_ctx.services.contacts.get(muller).emails[0].value == "j.mueller@example.de"


def test_phones_parse_with_the_default_region_and_show_formatted(editor, ui_ctx) -> None:
    editor.load(None)
    editor.given_name.setText("Petra")
    phone = editor.phones.rows[0]
    phone.edit.setText("0171 2345678")
    editor.check()
    assert phone.formatted.text() == "→ +49 171 2345678"  # region DE in the tests
    extra = editor.phones.add_row()
    extra.edit.setText("+49 1")
    problems = editor.check()
    assert [p[2] for p in problems] == [False]  # a warning: kept as typed
    assert "kept as typed" in extra.marker.text() and "region DE" in extra.marker.text()
    assert extra.edit.property("problem") == "warning"
    assert editor.save() is True
    cid = ui_ctx.services.contacts.list_ids("petra")[0]
    phones = ui_ctx.services.contacts.get(cid).phones
    assert [(p.value, p.e164) for p in phones] == [
        ("0171 2345678", "+491712345678"),
        ("+49 1", None),
    ]


def test_dates_are_checked_with_reasons(editor, ui_ctx, muller) -> None:
    editor.load_id(muller)
    editor.birthday.day.setValue(30)
    editor.birthday.month.setCurrentIndex(2)
    editor.birthday.year.clear()
    editor.met_on.setText("21.04.2026")
    problems = editor.check()
    reasons = [p[1] for p in problems]
    assert any("does not exist in month 2" in r for r in reasons)
    assert any("YYYY-MM-DD" in r for r in reasons)
    assert editor.markers["birthday"].isVisibleTo(editor)
    assert editor.save() is False
    editor.birthday.day.setValue(29)  # 29 February without a year is a real birthday
    editor.met_on.setText("2026-04-21")
    assert editor.save() is True
    assert ui_ctx.services.contacts.get(muller).birthday == PartialDate(2, 29, None)
    editor.birthday.month.setCurrentIndex(0)
    assert editor.save() is False
    assert "day and a month" in editor.markers["birthday"].text()


def test_photo_from_a_file_is_scaled_and_capped(
    editor, ui_ctx, muller, qtbot, tmp_path: Path, monkeypatch
) -> None:
    big = QImage(2400, 1200, QImage.Format.Format_RGB32)
    big.fill(QColor("#2a6f97"))
    path = tmp_path / "big.png"
    assert big.save(str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    editor.load_id(muller)
    qtbot.mouseClick(editor.photo_choose, Qt.MouseButton.LeftButton)
    assert editor.is_dirty()
    assert editor.save()
    photo = ui_ctx.services.contacts.get(muller).photo
    assert photo is not None and photo.mime == "image/jpeg"
    stored = QImage.fromData(photo.data)
    assert (stored.width(), stored.height()) == (PHOTO_MAX_PX, PHOTO_MAX_PX // 2)
    assert not editor.photo_label.pixmap().isNull()
    qtbot.mouseClick(editor.photo_remove, Qt.MouseButton.LeftButton)
    assert editor.save()
    assert ui_ctx.services.contacts.get(muller).photo is None


def test_unreadable_photo_is_reported_next_to_the_field(editor, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-picture.jpg"
    bad.write_bytes(b"this is text, not an image")
    assert editor.set_photo_file(str(bad)) is False
    assert "could not be read" in editor.photo_marker.text()
    assert not editor.is_dirty()


def test_transparent_photo_is_kept_as_png(tmp_path: Path, qapp) -> None:
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    path = tmp_path / "t.png"
    image.save(str(path))
    photo = load_photo(str(path))
    assert photo.mime == "image/png"
    assert QImage.fromData(photo.data).size().width() == 40  # never scaled up


def test_duplicate_email_warns_and_offers_to_open_the_other(
    editor, ui_ctx, muller, request, monkeypatch, no_modal_dialogs
) -> None:
    request.node.expects_error_dialog = True
    editor.load(None)
    editor.given_name.setText("Jürgen")
    editor.family_name.setText("M.")
    editor.emails.rows[0].edit.setText("J.Mueller@example.com")
    assert editor.save() is False  # the default answer keeps editing
    assert "Possible duplicate" in no_modal_dialogs[-1]
    assert "Dr. Jürgen Müller: same email" in no_modal_dialogs[-1]
    assert ui_ctx.services.contacts.count() == 1
    opened: list[int] = []
    editor.open_contact_requested.connect(opened.append)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Open)
    assert editor.save() is False
    assert opened == [muller]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    assert editor.save() is True
    assert ui_ctx.services.contacts.count() == 2


def test_duplicate_phone_in_another_format_is_found(
    editor, ui_ctx, muller, request, no_modal_dialogs
) -> None:
    request.node.expects_error_dialog = True
    editor.load(None)
    editor.organization.setText("Other GmbH")
    editor.phones.rows[0].edit.setText("0171 987 65 43")
    assert editor.save() is False
    assert "same phone" in no_modal_dialogs[-1]


def test_empty_new_contact_is_not_saved(editor, ui_ctx) -> None:
    editor.load(None)
    assert editor.save() is False
    assert "Give the contact a name" in editor.markers["display_name"].text()
    assert ui_ctx.services.contacts.count() == 0


def test_escape_discards_the_edit(editor, ui_ctx, muller, qtbot) -> None:
    editor.load_id(muller)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.title.setFocus()
    editor.title.selectAll()
    type_text(editor.title, "Typo")
    assert editor.is_dirty()
    qtbot.keyClick(editor.title, Qt.Key.Key_Escape)
    assert editor.title.text() == "Leiter Beschaffung"
    assert not editor.is_dirty()
    assert ui_ctx.services.contacts.get(muller).title == "Leiter Beschaffung"


def test_tags_complete_after_the_last_comma(editor, ui_ctx, muller) -> None:
    editor.load(None)
    editor.show()
    editor.activateWindow()
    editor.tags.setFocus()  # entering the field loads the tags there are now
    completer = editor.tag_completer
    assert set(completer.model().stringList()) == {"hannover-2026", "logistics"}
    editor.tags.setText("vip, log")
    assert completer.splitPath(editor.tags.text()) == ["log"]
    index = completer.model().index(completer.model().stringList().index("logistics"), 0)
    assert completer.pathFromIndex(index) == "vip, logistics, "


def test_introduced_by_is_picked_from_existing_contacts(editor, ui_ctx, muller) -> None:
    editor.load(None)
    editor.given_name.setText("Nina")
    picker = editor.introduced_by
    picker.edit.setText("mül")
    picker._edited("mül")
    assert picker.problem() is not None  # typed but not picked yet
    assert editor.save() is False
    picker.suggest()
    labels = picker.completer.model().stringList()
    assert labels == ["Dr. Jürgen Müller (Kessler Logistik GmbH)"]
    picker.choose_label(labels[0])
    assert picker.contact_id() == muller
    assert editor.save() is True
    nina = ui_ctx.services.contacts.list_ids("nina")[0]
    assert ui_ctx.services.contacts.get(nina).introduced_by == muller


def test_urls_get_a_scheme_and_unsafe_ones_are_flagged(editor, ui_ctx, muller) -> None:
    editor.load_id(muller)
    row = editor.urls.rows[0]
    row.edit.setText("www.kessler.example")
    assert row.open.isEnabled()
    editor.urls.add_row(Url("ftp://files.kessler.example", "other"))
    problems = editor.check()
    assert any("only http, https, mailto and tel" in p[1] for p in problems)
    assert editor.save() is True
    urls = ui_ctx.services.contacts.get(muller).urls
    assert [u.value for u in urls] == ["https://www.kessler.example", "ftp://files.kessler.example"]
    assert not editor.urls.rows[1].open.isEnabled()


def test_tab_order_follows_the_visual_order(editor, qtbot) -> None:
    editor.load(
        Contact(
            given_name="A",
            emails=(Email("a@example.com"), Email("b@example.com")),
            phones=(Phone("+49 171 1234567"),),
            urls=(Url("https://example.com"),),
        )
    )
    editor.emails.add_row_and_focus()  # rows added later join the order where they appear
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.display_name.setFocus()
    expected = [w for w in editor.focus_order() if w.isVisibleTo(editor) and w.isEnabled()]
    visited: list[QWidget] = []
    for _ in range(len(expected)):
        widget = QApplication.focusWidget()
        assert widget is not None
        visited.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert visited == expected
    # and the order is the order on screen: sections top to bottom (the photo buttons sit
    # in the right-hand column beside the names)
    body = editor.scroll.widget()
    # (Revert and Save are last, in the fixed bar below the scrolling form)
    assert expected[-2:] == [editor.revert_button, editor.save_button] or expected[-1] in (
        editor.revert_button,
        editor.save_button,
    )
    fixed = (editor.photo_choose, editor.photo_remove, editor.revert_button, editor.save_button)
    left = [w for w in expected if w not in fixed]
    tops = [w.mapTo(body, w.rect().topLeft()).y() for w in left]
    bad = [(a, b) for a, b in pairwise(zip(left, tops, strict=True)) if b[1] < a[1] - 2]
    assert not bad, [
        (
            a[0].objectName() or type(a[0]).__name__,
            b[0].objectName() or type(b[0]).__name__,
            a[1],
            b[1],
        )
        for a, b in bad
    ]
