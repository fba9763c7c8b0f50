"""Names, reasons, notes, tags and file names are text, never markup (issue 19, item 1).

The address book is filled with strings that Qt would render as HTML (bold, a link, an entity,
a font, a table and an image pointing to a file this test writes). Then every view and dialog
is opened and *every* widget is walked generically (findChildren over each top-level window,
message box and dialog): labels, buttons, tooltips, window titles, text edits, actions and
each item view's DisplayRole/ToolTipRole. Wherever a hostile token shows, the whole hostile
string must show literally, i.e. it is plain text or correctly escaped rich text. New widgets
are covered without changing this test.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import wait_preview
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QImage, QTextDocument
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Contact, Email, FollowUp, Interaction, Url
from netdesk.ui.shell.main_window import MainWindow


# ----------------------------------------------------------------------------- the strings
@dataclass(frozen=True)
class Hostile:
    """token -> the whole hostile string that contains it (tokens are lower case, so that
    case-folding of tags cannot hide them)."""

    probe: Path
    payloads: dict[str, str]

    @property
    def name_a(self) -> str:
        return f"Ann {self.payloads['xb1']} {self.payloads['xi6']}"

    @property
    def name_b(self) -> str:
        return f"{self.payloads['xa2']} Bob {self.payloads['xl3']}"


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    probe = tmp_path / "probe.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    assert image.save(str(probe))
    return Hostile(
        probe,
        {
            "xb1": "<b>xb1</b>",
            "xa2": "<a href='file:///etc/passwd'>xa2</a>",
            "xl3": "&lt;xl3&gt;",
            "xf4": "<font color=red>xf4</font>",
            "xt5": "<table><tr><td>xt5</td></tr></table>",
            "xi6": f"xi6<img src='{probe}'>",
            # for file and folder names, which cannot hold "/"
            "xs7": "<s>xs7",
            "xu8": "<u>xu8",
            "xi9": f"xi9<img src={str(probe).replace('/', '&#47;')}>",
        },
    )


# ----------------------------------------------------------------------------- the walker
def shown_text(text: str, fmt: Qt.TextFormat) -> str:
    """What a person sees for ``text`` shown in format ``fmt`` (AutoText decides like Qt)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)
    )
    if fmt == Qt.TextFormat.MarkdownText:
        doc = QTextDocument()
        doc.setMarkdown(text)
        return doc.toPlainText()
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


@dataclass
class Walker:
    hostile: Hostile
    problems: list[str] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    stage: str = ""

    def check(self, where: str, raw: object, fmt: Qt.TextFormat, rendered: bool = False) -> None:
        """``raw`` is shown in format ``fmt``; ``rendered``: it is already what is shown."""
        if not isinstance(raw, str) or not raw:
            return
        shown = shown_text(raw, fmt)
        for token, payload in self.hostile.payloads.items():
            if token not in raw and token not in shown:
                continue
            self.hits[self.stage] = self.hits.get(self.stage, 0) + 1
            # shown as plain text (it may be cut short: "…"), or escaped so that the whole
            # hostile string shows literally
            if (rendered or shown != raw) and payload not in shown:
                self.problems.append(
                    f"[{self.stage}] {where}: {token} shown as {shown[:160]!r} (raw {raw[:160]!r})"
                )

    def model(self, model: QAbstractItemModel | None, where: str, depth: int = 0) -> None:
        if model is None:
            return
        self._rows(model, QModelIndex(), where, depth)

    def _rows(self, model: QAbstractItemModel, parent: QModelIndex, where: str, depth: int) -> None:
        flat = isinstance(model, QAbstractListModel)  # its columnCount is private in PySide
        columns = 1 if flat else min(model.columnCount(parent), 12)
        tree = not isinstance(model, (QAbstractListModel, QAbstractTableModel))
        for row in range(min(model.rowCount(parent), 300)):
            for col in range(columns):
                index = model.index(row, col, parent)
                at = f"{where}[{row},{col}]"
                # item views paint DisplayRole as plain text (our delegates use drawText)
                self.check(at + ".display", index.data(Qt.ItemDataRole.DisplayRole), _PLAIN)
                self.check(at + ".tooltip", index.data(Qt.ItemDataRole.ToolTipRole), _AUTO)
                self.check(at + ".whatsthis", index.data(Qt.ItemDataRole.WhatsThisRole), _AUTO)
                if col == 0 and tree and depth < 2 and model.hasChildren(index):
                    self._rows(model, index, at, depth + 1)

    def action(self, action: QAction, where: str, tooltips: bool) -> None:
        at = f"{where}/action:{action.text()[:30]!r}"
        self.check(at + ".text", action.text(), _PLAIN)
        if tooltips:
            # an action's tooltip (its text unless set) shows only in a menu that shows
            # tooltips; a tool button copies it into its own tooltip, checked as a widget's
            self.check(at + ".tooltip", action.toolTip(), _AUTO)
        self.check(at + ".statustip", action.statusTip(), _PLAIN)
        menu = action.menu()
        if isinstance(menu, QMenu):
            self.widget(menu, at)

    def widget(self, root: QWidget, where: str = "") -> None:
        where = where or type(root).__name__
        for w in [root, *root.findChildren(QWidget)]:
            at = f"{where}/{type(w).__name__}#{w.objectName()}"
            if w.isWindow():
                self.check(at + ".title", w.windowTitle(), _PLAIN)
            self.check(at + ".tooltip", w.toolTip(), _AUTO)
            self.check(at + ".whatsthis", w.whatsThis(), _AUTO)
            self.check(at + ".statustip", w.statusTip(), _PLAIN)
            if isinstance(w, QLabel):
                self.check(at + ".text", w.text(), w.textFormat())
            elif isinstance(w, QAbstractButton):
                self.check(at + ".text", w.text(), _PLAIN)
            elif isinstance(w, QTextEdit):  # may hold HTML: check what it shows
                self.check(at + ".text", w.toPlainText(), _PLAIN, rendered=True)
            elif isinstance(w, QPlainTextEdit):
                self.check(at + ".text", w.toPlainText(), _PLAIN)
            elif isinstance(w, QLineEdit):
                self.check(at + ".text", w.text(), _PLAIN)
            if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
                self.model(w.model(), at + ".model")
            if isinstance(w, QComboBox):
                self.model(w.model(), at + ".items")
            tooltips = isinstance(w, QMenu) and w.toolTipsVisible()
            for a in QWidget.actions(w):  # (some views name an attribute "actions")
                self.action(a, at, tooltips)

    def windows(self) -> None:
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                self.widget(w)

    def message_box(self, box: QMessageBox) -> None:
        self.widget(box, f"QMessageBox({box.windowTitle()!r})")
        self.check("QMessageBox.detail", box.detailedText(), _PLAIN)

    def expect_hits(self, *stages: str) -> None:
        missing = [s for s in stages if not self.hits.get(s)]
        assert not missing, f"the walk never saw a hostile string in {missing}: {self.hits}"


_PLAIN = Qt.TextFormat.PlainText
_AUTO = Qt.TextFormat.AutoText


@pytest.fixture
def walker(hostile: Hostile, monkeypatch: pytest.MonkeyPatch, request: Any) -> Walker:
    """Message boxes and modal dialogs are walked when they would be shown, then answered
    (message boxes with their default button, dialogs rejected)."""
    w = Walker(hostile)
    request.node.expects_error_dialog = True

    def box_exec(box: QMessageBox) -> int:
        w.message_box(box)
        default = box.defaultButton()
        return int(box.standardButton(default)) if default is not None else 0

    def static(icon: QMessageBox.Icon) -> Any:
        # what Qt's static QMessageBox functions do: a QMessageBox(icon, title, text) with the
        # default (automatic) text format, then exec()
        def show(parent: Any, title: str, text: str, buttons: Any = None, default: Any = None):  # type: ignore[no-untyped-def]
            box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
            box.setStandardButtons(buttons or QMessageBox.StandardButton.Ok)
            if default not in (None, QMessageBox.StandardButton.NoButton):
                box.setDefaultButton(default)
            answer = box.exec()
            box.deleteLater()
            return QMessageBox.StandardButton(answer)

        return staticmethod(show)

    def dialog_exec(dialog: QDialog) -> int:
        w.widget(dialog, f"{type(dialog).__name__}(exec)")
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    for name, icon in (
        ("question", QMessageBox.Icon.Question),
        ("information", QMessageBox.Icon.Information),
        ("warning", QMessageBox.Icon.Warning),
        ("critical", QMessageBox.Icon.Critical),
    ):
        monkeypatch.setattr(QMessageBox, name, static(icon))
    monkeypatch.setattr(QDialog, "exec", dialog_exec)
    return w


# ----------------------------------------------------------------------------- the data
@pytest.fixture
def book(ui_ctx: Any, hostile: Hostile) -> dict[str, int]:
    p = hostile.payloads
    services = ui_ctx.services
    ids, change = services.contacts.create_many(
        [
            Contact(
                display_name=hostile.name_a,
                given_name="Ann",
                family_name=f"{p['xb1']} {p['xi6']}",
                organization=p["xt5"],
                title=p["xf4"],
                department=p["xl3"],
                notes=f"Notes {p['xa2']}",
                nickname=p["xl3"],
                met_at=p["xf4"],
                emails=(Email("x?attach=/etc/passwd@example.com"),),
                urls=(Url("javascript:alert(1)"),),
                tags=(f"tag {p['xl3']}", f"t {p['xb1']}"),
                cadence_days=7,
            ),
            Contact(display_name=hostile.name_b, given_name="Bob", family_name=p["xl3"]),
            Contact(given_name="Zoe", family_name="Adams", emails=(Email("zoe@example.com"),)),
        ]
    )
    ui_ctx.bus.publish(change)
    a, b, zoe = ids
    when = datetime.now().replace(second=0, microsecond=0) - timedelta(days=40)
    _iid, change = services.activity.log(
        Interaction(
            occurred_at=when,
            type="meeting",
            summary=f"Met {p['xf4']} {p['xb1']}",
            notes=f"{p['xt5']} {p['xi6']}",
            contact_ids=(a, zoe),
        )
    )
    ui_ctx.bus.publish(change)
    for n in range(5):
        due = date.today() - timedelta(days=1) + timedelta(days=n)
        reason = f"Reason {n} {p['xb1']} {p['xl3']}"
        _fid, change = services.activity.add_follow_up(FollowUp(a, due, reason))
        ui_ctx.bus.publish(change)
    for tag in services.contacts.tags():
        services.activity.set_tag_cadence(tag, 30)
    return {"a": a, "b": b, "zoe": zoe}


def hostile_vcf(tmp_path: Path, hostile: Hostile) -> Path:
    """A vCard file whose name is hostile too (a file name cannot hold "/", an entity can)."""
    p = hostile.payloads
    folder = tmp_path / f"in {p['xs7']} folder"
    folder.mkdir()
    path = folder / f"contacts {p['xu8']} {p['xi9']}.vcf"
    p = hostile.payloads
    cards = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cara {p['xb1']}\r\nN:{p['xb1']};Cara;;;\r\n"
        f"ORG:{p['xt5']}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{hostile.name_a}\r\nEMAIL:zoe@example.com\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n"
    )
    path.write_bytes(cards.encode("utf-8"))
    return path


# ----------------------------------------------------------------------------- the walk
def test_every_view_and_dialog_shows_hostile_text_as_text(
    main_window: MainWindow,
    ui_ctx: Any,
    book: dict[str, int],
    walker: Walker,
    hostile: Hostile,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    window = main_window
    a = book["a"]

    def stage(name: str, action: Callable[[], object] | None = None) -> None:
        walker.stage = name
        if action is not None:
            action()
        QApplication.processEvents()
        walker.windows()

    # the main views
    for key in ("today", "contacts", "timeline", "cards"):
        stage(f"view {key}", lambda key=key: window.show_view(key))

    # Today: the due list and its snooze dialog
    today = window.views["today"]
    rows = today.due_list.due_model.rows
    row = next(n for n, r in enumerate(rows) if r.item is not None and r.item.contact_id == a)
    today.due_list.select_row(row)
    stage("today snooze dialog", today.snooze_pick)
    stage("today menu", lambda: walker.widget(today.item_menu(), "today menu"))

    # Contacts: details, editor, the contact's timeline (follow-ups), each hostile contact
    window.show_view("contacts")
    view = window.views["contacts"]
    for key in ("a", "b"):
        stage(f"contact {key}", lambda key=key: window.open_contact(book[key]))
        qtbot.waitUntil(lambda key=key: view.current_id == book[key])
        walker.widget(view, f"contacts view, contact {key}")
    walker.expect_hits("contact a", "contact b")

    # the timeline's context menu (names of the other people) and its editor dialog
    stage("timeline", lambda: window.show_view("timeline"))
    timeline_list = window.views["timeline"].list
    model = timeline_list.timeline_model
    entry_row, entry = next(
        (r, model.index(r, 0).data(_payload_role()))
        for r in range(model.rowCount())
        if model.index(r, 0).data(_payload_role()) is not None
    )
    menu = timeline_list.build_menu(entry_row, entry)
    stage("timeline menu", lambda: walker.widget(menu, "timeline menu"))
    actions = window.views["timeline"].timeline_actions
    stage("interaction editor", lambda: actions.edit(entry.interaction.id))

    # contact timeline: follow-up dialog, quick log (on contact a: the delete below takes
    # the selection, so wait until it is a's, not still b's from above)
    window.open_contact(a)
    qtbot.waitUntil(lambda: view.current_id == a, timeout=15000)
    contact_timeline = view.timeline
    stage("follow-up dialog", contact_timeline.add_follow_up)
    _close(contact_timeline.follow_up_dialog)
    stage("quick log", lambda: window.log_interaction([a, book["b"]]))

    # delete confirmation and the duplicate warning
    # (selected exactly: selectRow() follows the keyboard modifiers the test platform
    # believes are held, and in a long run an earlier test may have left one down)
    row = view.model.row_of(a)
    assert row is not None
    view.table.selectionModel().select(
        view.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert view.selected_ids() == [a], view.selected_ids()
    stage("delete", view.delete_selected)
    window.open_contact(a)
    editor = view.editor
    editor.emails.rows[0].edit.setText("zoe@example.com")
    stage("duplicate warning", editor.save)
    editor.revert()

    # preferences (tag names), new-contact dialog pre-filled from a hostile card
    prefs: list[QWidget] = []
    stage("preferences", lambda: prefs.append(window.open_preferences()))
    _close(prefs[0])
    draft = ui_ctx.services.contacts.get(book["b"])
    stage("new contact", lambda: window.contacts.new_contact(draft.with_changes(id=None)))
    _close(window.contacts.new_contact_dialog)

    # card entry: pasted text that is not understood, a saved card
    cards = window.views["cards"]
    window.show_view("cards")
    cards.paste_box.setPlainText(
        f"{hostile.name_b}\n{hostile.payloads['xt5']}\n@@ {hostile.payloads['xf4']}"
    )
    stage("card entry", cards.fill_from_paste)

    # import preview of a hostile file name, then the account of the import
    vcf = hostile_vcf(tmp_path, hostile)
    window.interchange.import_files([str(vcf)])
    preview = wait_preview(window, qtbot)
    stage("import preview")
    preview.accept()
    qtbot.waitUntil(lambda: _account(window) is not None, timeout=10000)
    stage("import account")
    _close(_account(window))

    # error messages that quote a file name; the restore dialog with a hostile backup path
    from netdesk.ui.common.errors import show_error
    from netdesk.ui.reliability.feature import RestoreDialog

    err = NetDeskError(f"Cannot read {vcf}", detail=f"while reading {vcf}")
    stage("error box", lambda: show_error(window, f"Import of {vcf.name}", err))
    restore = RestoreDialog(ui_ctx.services.database_path, window)
    restore.add_file(tmp_path / f"backup {hostile.payloads['xu8']}.db")
    stage("restore dialog", lambda: walker.widget(restore, "restore dialog"))
    restore.deleteLater()

    walker.expect_hits(
        "view today",
        "view contacts",
        "view timeline",
        "today snooze dialog",
        "timeline menu",
        "interaction editor",
        "follow-up dialog",
        "quick log",
        "delete",
        "duplicate warning",
        "preferences",
        "new contact",
        "card entry",
        "import preview",
        "import account",
        "error box",
        "restore dialog",
    )
    assert not walker.problems, "\n".join(dict.fromkeys(walker.problems))


def _payload_role() -> int:
    from netdesk.ui.common.roles import Role

    return int(Role.PAYLOAD)


def _account(window: Any) -> QWidget | None:
    from netdesk.ui.interchange.feature import ImportAccountDialog

    for w in QApplication.topLevelWidgets():
        if isinstance(w, ImportAccountDialog) and w.isVisible():
            return w
    return None


def _close(dialog: QWidget | None) -> None:
    if dialog is not None:
        dialog.close()


def test_netdesk_file_with_a_hostile_name_previews_it_showing_the_name(
    qapp: Any,
    qtbot: Any,
    db_path: Path,
    hostile: Hostile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``netdesk FILE`` (app.run_gui with the file) where FILE is named like
    ``contacts<img src=&#47;…>.vcf``: the preview opens and shows the name literally (the
    issue's ``&#47;dev&#47;zero`` made the old preview heading read /dev/zero until the memory
    ran out; here the image is a small file, so the old code survives to fail the test)."""
    from netdesk import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_main_window installs a hook
    logger = logging.getLogger("netdesk")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    vcf = hostile_vcf(tmp_path, hostile)
    seen: dict[str, Any] = {}

    def fake_exec(app: Any) -> int:
        window = next(
            w
            for w in app.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and hasattr(w, "interchange")
        )
        preview = wait_preview(window, qtbot)
        seen["shown"] = [
            shown_text(lab.text(), lab.textFormat()) for lab in preview.findChildren(QLabel)
        ]
        seen["files"] = preview.plan.files
        seen["written"] = window.ctx.services.contacts.count()
        preview.reject()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    try:
        assert app_module.run_gui(db_path, files=[str(vcf)]) == 0
    finally:
        for handler in logger.handlers:
            handler.close()
    assert seen["files"] == (str(vcf),)
    assert seen["written"] == 0
    heading = [text for text in seen["shown"] if "Nothing has been written yet" in text]
    assert len(heading) == 1
    assert vcf.name in heading[0]


def test_item_delegates_paint_plain_text() -> None:
    """The walk above reads every model's DisplayRole as plain text, as QStyledItemDelegate
    and our delegates (QPainter.drawText) paint it. A delegate that lays out HTML
    (QTextDocument, setHtml) would need escaping: the only HTML view is the details pane,
    whose HTML is built with safe_text.escape and checked by the walk as rendered text."""
    repo = Path(__file__).resolve().parents[3]
    found = []
    for path in sorted((repo / "netdesk" / "ui").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            # the details pane lives on the contact page (issue 13), built by details_html
            html_view = "self.details.setHtml(" in line and path.relative_to(repo).as_posix() in (
                "netdesk/ui/contacts/view.py",
                "netdesk/ui/contacts/page.py",
            )
            if ("QTextDocument" in line or "setHtml(" in line) and not html_view:
                found.append(f"{path.relative_to(repo).as_posix()}: {line.strip()}")
    assert not found
