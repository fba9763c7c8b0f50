"""Issue 13 on the contacts side: the wheel never changes a value the user is not editing
(defect 1), switching contacts with unsaved edits asks with nothing saved by Enter while the
list keeps the edited contact (defect 2), and the details follow the list after a search
(defect 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from netdesk.core.model import Contact, Email
from netdesk.ui.contacts.editor import ContactEditor
from netdesk.ui.contacts.view import ContactsView
from netdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def book(ui_ctx):  # type: ignore[no-untyped-def]
    ids, change = ui_ctx.services.contacts.create_many(
        [
            Contact(
                given_name="Yara",
                family_name="Yearly",
                cadence_days=365,
                emails=(Email("yara@example.org", "work"),),
            ),
            Contact(given_name="Anna", family_name="Schmidt", organization="Acme Holdings"),
            Contact(given_name="Zoe", family_name="Adams", organization="Zeta"),
        ]
    )
    ui_ctx.bus.publish(change)
    return dict(zip(("yara", "anna", "zoe"), ids, strict=True))


def _view(window: MainWindow, qtbot) -> ContactsView:  # type: ignore[no-untyped-def]
    window.show_view("contacts")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    return view


def _select(view: ContactsView, contact_id: int) -> None:
    row = view.model.row_of(contact_id)
    assert row is not None
    view.table.selectRow(row)


def _wheel(widget: QWidget, steps: int = -3) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_combo_and_spin_boxes_scrolls_the_page(ui_ctx, book, qtbot) -> None:
    editor = ContactEditor(ui_ctx)
    qtbot.addWidget(editor)
    editor.resize(520, 360)
    editor.show()
    editor.load_id(book["yara"])
    editor.given_name.setFocus()
    cadence_before = editor.cadence.value()
    email_label = editor.emails.rows[0].label
    label_before = email_label.currentText()
    editor.scroll.ensureWidgetVisible(editor.cadence)
    bar = editor.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    boxes = [email_label, editor.cadence.combo, editor.cadence.days, editor.birthday.day]
    editor.scroll.verticalScrollBar().setValue(0)
    for box in boxes:
        _wheel(box)
        _wheel(box, 3)
    _wheel(email_label)
    assert editor.cadence.value() == cadence_before == 365
    assert email_label.currentText() == label_before == "work"
    assert not editor.is_dirty()
    assert bar.value() > 0  # the page scrolled instead
    # a focused box still takes the wheel (the user is working in it)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    email_label.setFocus()
    assert email_label.hasFocus()
    _wheel(email_label, -1)
    assert email_label.currentText() != "work"


def test_switching_with_unsaved_edits_keeps_the_list_on_the_edited_contact(
    main_window, ui_ctx, book, qtbot, monkeypatch
) -> None:
    view = _view(main_window, qtbot)
    _select(view, book["zoe"])
    view.editor.title.setText("Chief Explorer")
    seen: list[tuple[list[int], object]] = []

    def enter_on_the_question(box: QMessageBox) -> int:
        seen.append((view.selected_ids(), box.standardButton(box.defaultButton())))
        return int(box.standardButton(box.defaultButton()))  # Enter takes the default

    monkeypatch.setattr(QMessageBox, "exec", enter_on_the_question)
    _select(view, book["anna"])
    [(selected_while_asking, default)] = seen
    assert selected_while_asking == [book["zoe"]]
    assert default == QMessageBox.StandardButton.Cancel
    # Enter answered Cancel: nothing saved, still editing Zoe, the list shows Zoe
    assert ui_ctx.services.contacts.get(book["zoe"]).title == ""
    assert view.current_id == book["zoe"]
    assert view.selected_ids() == [book["zoe"]]
    assert view.editor.title.text() == "Chief Explorer"


def test_after_a_search_the_details_follow_the_results(main_window, book, qtbot) -> None:
    view = _view(main_window, qtbot)
    _select(view, book["zoe"])
    assert view.current_id == book["zoe"] and view.edit_button.isEnabled()
    view.search.setText("Schmidt")
    view.apply_search()
    assert view.model.ids() == [book["anna"]]
    assert view.current_id is None
    assert not view.edit_button.isEnabled()
    assert not view.editor.isEnabled()
    assert not view.page.name.isVisibleTo(view) and "Zoe" not in view.details.toPlainText()
    # a search that still lists the contact keeps it selected and shown
    view.search.clear()
    view.apply_search()
    _select(view, book["anna"])
    view.search.setText("Acme")
    view.apply_search()
    assert view.current_id == book["anna"]
    assert view.selected_ids() == [book["anna"]]


def test_an_overdue_next_touch_reads_overdue_in_red_with_the_exact_date(
    main_window, ui_ctx, qtbot
) -> None:
    from datetime import date, datetime, timedelta

    from netdesk.core.dates import PartialDate, exact_date
    from netdesk.core.model import Interaction
    from netdesk.ui.common.widgets import overdue_color
    from netdesk.ui.contacts.model import ContactTableModel

    cid, change = ui_ctx.services.contacts.create(
        Contact(
            given_name="Olga",
            family_name="Overdue",
            cadence_days=30,
            birthday=PartialDate(10, 14, 1977),
        )
    )
    ui_ctx.services.activity.log(
        Interaction(datetime.now() - timedelta(days=33), "call", "Old call", (cid,))
    )
    ui_ctx.bus.publish(change)
    view = _view(main_window, qtbot)
    column = [k for k, _ in ContactTableModel.COLUMNS].index("next_touch")
    row = view.model.row_of(cid)
    assert row is not None
    index = view.model.index(row, column)
    due = ui_ctx.services.contacts.get(cid).next_touch
    assert due is not None and due < date.today()
    assert index.data(Qt.ItemDataRole.DisplayRole) == "overdue by 3 days"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == exact_date(due)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == overdue_color()
    _select(view, cid)
    text = view.details.toPlainText()
    assert "overdue by 3 days" in text
    assert "14 October 1977 (" in text


def test_the_list_keeps_its_width_after_a_run_without_contacts(ui_ctx, book, qtbot) -> None:
    """Issue 13, defect 9: after a run in which Contacts was never opened, the list came back
    about 135 px wide."""
    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.resize(1440, 900)
    first.show()
    first.show_view("today")
    assert first.close()
    second = MainWindow(ui_ctx)
    qtbot.addWidget(second)
    second.resize(1440, 900)
    second.show()
    view = _view(second, qtbot)
    qtbot.waitUntil(lambda: view.list_stack.width() > 0)
    list_width, side_width = view.splitter.sizes()
    assert list_width >= 0.45 * (list_width + side_width), view.splitter.sizes()
    # and a layout the user made is kept
    view.splitter.setSizes([900, 300])
    assert second.close()
    third = MainWindow(ui_ctx)
    qtbot.addWidget(third)
    third.resize(1440, 900)
    third.show()
    again = _view(third, qtbot)
    qtbot.waitUntil(lambda: again.list_stack.width() > 0)
    assert again.splitter.sizes()[0] > again.splitter.sizes()[1]


def test_editor_fields_labels_and_muted_text_are_readable(main_window, ui_ctx, book, qtbot) -> None:
    """Issue 13, defect 9: email and phone fields were about 85 px wide, the follow-up dialog
    showed a literal "&Due", secondary text was drawn at about 2:1 (#B8B8B8 on white)."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel

    from netdesk.ui.common.widgets import secondary_text_color
    from netdesk.ui.timeline.follow_up import FollowUpDialog

    main_window.resize(1440, 900)
    view = _view(main_window, qtbot)
    _select(view, book["yara"])
    view.edit_current()
    qtbot.waitUntil(lambda: view.editor.emails.rows[0].edit.width() > 0)
    from netdesk.ui.contacts.editor import VALUE_MIN_WIDTH

    assert VALUE_MIN_WIDTH >= 180
    assert view.editor.emails.rows[0].edit.width() >= VALUE_MIN_WIDTH  # was about 85 px
    dialog = FollowUpDialog(ui_ctx, [book["yara"]], main_window)
    qtbot.addWidget(dialog)
    due = next(w for w in dialog.findChildren(QLabel) if w.text() == "&Due")
    assert due.buddy() is dialog.due

    def contrast(a: QColor, b: QColor) -> float:
        def lum(c: QColor) -> float:
            def ch(v: float) -> float:
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

            return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    assert contrast(secondary_text_color(), QColor("white")) >= 4.5
    assert "palette(mid)" not in view.editor.styleSheet()


def test_selected_rows_placeholders_and_dark_styles_stay_readable(qapp) -> None:
    """Issue 13 (contrast >= 4.5:1): Fusion's selection (#308cc6 under white, 3.7:1) and its
    half-transparent placeholder text are made readable; on a dark palette our reds and
    ambers become light ones."""
    from PySide6.QtGui import QColor, QPalette

    from netdesk.ui.common.widgets import contrast_ratio, ensure_readable_palette, themed_style

    before = qapp.palette()
    try:
        pal = QPalette(before)
        pal.setColor(QPalette.ColorRole.Base, QColor("white"))
        pal.setColor(QPalette.ColorRole.Highlight, QColor("#308cc6"))
        pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
        pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(0, 0, 0, 128))
        qapp.setPalette(pal)
        ensure_readable_palette(qapp)
        after = qapp.palette()
        high = after.color(QPalette.ColorRole.Highlight)
        assert contrast_ratio(high, after.color(QPalette.ColorRole.HighlightedText)) >= 4.5
        hint = after.color(QPalette.ColorRole.PlaceholderText)
        assert hint.alpha() == 255
        assert contrast_ratio(hint, after.color(QPalette.ColorRole.Base)) >= 4.5
        dark = QPalette(after)
        dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        qapp.setPalette(dark)
        styled = themed_style(
            "QLabel#fieldError { color: #c0392b; } QLabel { color: palette(mid); }"
        )
        assert "#c0392b" not in styled and "palette(mid)" not in styled
        assert contrast_ratio(QColor("#ff8a80"), QColor("#1e1e1e")) >= 4.5
    finally:
        qapp.setPalette(before)
