"""Card entry: type in a stack of business cards quickly, from the keyboard.

The capture session (event, date met, tags, follow-up rule) sits on top and is stamped on every
card. The form follows the order a card is read; Ctrl+Enter saves (contact + "Met at" interaction
+ follow-up, one transaction in :class:`netdesk.services.cards.CardService`), clears the form and
puts the cursor back on the name. Smart paste fills the form from a card's or a signature's text
and highlights what it guessed. Matches with existing contacts are shown beside the form while
typing. Every save is on the undo stack (Ctrl+Z takes the card back, Ctrl+Shift+Z brings it
back); the list of this session's cards can load a card back into the form or remove it.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QEvent, QIODevice, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QImageReader, QKeyEvent, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cardparse import ParsedCard, parse_card_text
from netdesk.core.errors import NetDeskError, StaleContactError, ValidationError
from netdesk.core.model import Address, Change, Contact, Email, Phone, Photo, Url
from netdesk.core.validation import email_problem, phone_problem
from netdesk.services.cards import CaptureInfo, CardRecord, CardRemoval, CardService
from netdesk.settings import CaptureSession
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import plain_label
from netdesk.ui.common.widgets import add_save_shortcuts, guard_wheel, themed_style

FOLLOW_UP_RULES: tuple[tuple[str, int | None], ...] = (
    ("Follow up in 2 days", 2),
    ("Follow up in 1 week", 7),
    ("Follow up in 2 weeks", 14),
    ("Follow up in 1 month", 30),
    ("No follow-up", None),
)
#: largest side of a stored card image, in pixels
CARD_IMAGE_MAX_SIDE = 1600
#: how long after the last keystroke the half-typed card is written as a draft
DRAFT_DELAY_MS = 400
#: QImageReader allocation limit in MB: a decompression bomb is refused, not decoded
IMAGE_ALLOCATION_LIMIT_MB = 256

STYLE = """
QLineEdit[guessed="true"], QPlainTextEdit[guessed="true"] { background: #fff3b0; color: #1a1a1a; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 1px solid #c0392b; }
QLabel#fieldError { color: #c0392b; }
QFrame#duplicateBanner { background: #fdebd0; border: 1px solid #e59866; border-radius: 4px; }
QFrame#duplicateBanner QLabel { color: #1a1a1a; }
QLabel#unparsed { color: palette(mid); }
"""

_NAME_FIELDS = ("prefix", "given_name", "additional_names", "family_name", "suffix", "nickname")


def split_name(text: str) -> tuple[str, str]:
    """'Jane Q. Doe' -> ('Jane Q.', 'Doe'); a single word is a given name."""
    parts = text.split()
    if len(parts) <= 1:
        return text.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


def _split_list(text: str, seps: str = r"[,;]") -> list[str]:
    return [p.strip() for p in re.split(seps, text) if p.strip()]


def jpeg_from_file(path: str, max_side: int = CARD_IMAGE_MAX_SIDE) -> Photo:
    """Read an image file, scaled down to ``max_side`` pixels, as JPEG bytes.
    Raises ValidationError when the file is not a readable picture."""
    reader = QImageReader(path)
    reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > max_side or size.height() > max_side):
        reader.setScaledSize(
            size.scaled(QSize(max_side, max_side), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        raise ValidationError("card image", f"cannot read the picture ({reader.errorString()})")
    if image.width() > max_side or image.height() > max_side:  # size was unknown up front
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    buffer.close()
    return Photo(bytes(data.data()), "image/jpeg")


@dataclass
class _Entry:
    """One line of the session list."""

    record: CardRecord
    label: str
    removed: bool = False


# ------------------------------------------------------------------------------ undo commands
class _CardCommand(QUndoCommand):
    """Done before the push (so errors show in the form); the first redo does nothing."""

    def __init__(self, view: CardEntryView, key: int, text: str) -> None:
        super().__init__(text)
        self.view = view
        self.key = key
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Any) -> None:
        try:
            change = step()
        except NetDeskError as err:
            self.setObsolete(True)
            show_error(None, f"Could not {self.text().lower()}", err)
            return
        self.view.ctx.bus.publish(change)

    def do(self) -> Change:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> Change:  # pragma: no cover - overridden
        raise NotImplementedError


class ClearFormCommand(QUndoCommand):
    """Esc on a half-typed card: the form is cleared; Ctrl+Z puts the text back."""

    def __init__(self, view: CardEntryView, texts: dict[str, str]) -> None:
        super().__init__("Clear the card form")
        self.view = view
        self.texts = dict(texts)

    def redo(self) -> None:
        self.view.clear_form()

    def undo(self) -> None:
        self.view.restore_texts(self.texts)


class SaveCardCommand(_CardCommand):
    """Undo takes the card back (contact soft-deleted, its interaction and follow-up gone);
    redo writes it again."""

    removal: CardRemoval | None = None

    def do(self) -> Change:
        assert self.removal is not None
        record, change = self.view.cards.restore_card(self.removal)
        self.view.entry_restored(self.key, record)
        return change

    def revert(self) -> Change:
        entry = self.view.entries[self.key]
        self.removal, change = self.view.cards.remove_card(entry.record)
        self.view.entry_removed(self.key)
        return change


class RemoveCardCommand(SaveCardCommand):
    """The list's Remove: the reverse of a save."""

    def do(self) -> Change:
        return SaveCardCommand.revert(self)

    def revert(self) -> Change:
        return SaveCardCommand.do(self)


class EditCardCommand(_CardCommand):
    def __init__(
        self,
        view: CardEntryView,
        key: int,
        before: tuple[Contact, str],
        after: tuple[Contact, str],
    ) -> None:
        super().__init__(view, key, "Edit card")
        self.before = before
        self.after = after

    def _apply(self, state: tuple[Contact, str], base: Contact) -> Change:
        """Write one side of the edit as a change from the other side (``base``), merged
        into the contact as it is now: what was written to it elsewhere since stays, and a
        field changed both here and elsewhere refuses the step (StaleContactError)."""
        entry = self.view.entries[self.key]
        record, change = self.view.cards.update_card(
            entry.record, state[0], state[1], base=replace(base, version=0)
        )
        self.view.entry_updated(self.key, record)
        return change

    def do(self) -> Change:
        return self._apply(self.after, self.before[0])

    def revert(self) -> Change:
        return self._apply(self.before, self.after[0])


# ------------------------------------------------------------------------------------ the view
class CardEntryView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards = CardService.for_services(ctx.services)
        self.entries: dict[int, _Entry] = {}
        self._next_key = 1
        self._editing: int | None = None  # entry key of the card loaded back into the form
        self._edit_base: Contact | None = None
        self._filling = False
        self._name_parts: tuple[str, dict[str, str]] | None = None
        self._address: tuple[str, Address] | None = None
        self._phone_meta: dict[str, Phone] = {}
        self._pending_images: dict[str, Photo] = {}
        self._matches: list[tuple[int, str]] = []
        #: the "changed elsewhere" dialog while it is open (tests answer it)
        self.conflict_dialog: QDialog | None = None
        self.draft_restored = False
        self.setStyleSheet(themed_style(STYLE))

        self._build_session()
        self._build_form()
        self._build_side()

        body = QHBoxLayout()
        side = QWidget()
        side.setLayout(self.side)
        side.setMaximumWidth(340)
        self.side.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.form_scroll, 3)
        from netdesk.ui.scan.queue import ScanQueuePanel

        self.scan_queue = ScanQueuePanel(self)  # hidden while empty; reads nothing until used
        self.scan_queue.setMaximumWidth(360)
        self.scan_button = QPushButton("Scan card photos…")
        self.scan_button.setToolTip(
            "Read photos of business cards on this computer (nothing is sent anywhere); "
            "you can also drop photos or a folder here"
        )
        self.scan_button.clicked.connect(self.scan_queue.choose_photos)
        self.side.insertWidget(0, self.scan_button)
        self.setAcceptDrops(True)
        body.addWidget(self.scan_queue, 2)
        body.addWidget(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.session_box)
        layout.addLayout(body, 1)

        add_save_shortcuts(
            self, self.save_card, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        for key, slot in (
            ("Ctrl+Shift+V", self.paste_and_fill),
            ("Escape", self.escape),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(250)
        self._dup_timer.timeout.connect(self.check_duplicates)
        self._set_tab_order()
        guard_wheel(self)
        for w in (*self.fields.values(), self.event_name, self.session_tags, self.paste_box):
            w.installEventFilter(self)
        # the card being typed is kept as a draft: restored after a quit, a crash or a relaunch
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        for w in self.fields.values():
            signal = w.textChanged  # type: ignore[attr-defined]
            signal.connect(lambda *_a: self._draft_timer.start())
        self.restore_draft()

    # ---------------------------------------------------------------- the draft
    def form_texts(self) -> dict[str, str]:
        """What is typed in the form, by field key (empty fields left out)."""
        out: dict[str, str] = {}
        for key, w in self.fields.items():
            text = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()  # type: ignore[attr-defined]
            if text.strip():
                out[key] = text
        return out

    def restore_texts(self, texts: dict[str, str]) -> None:
        self._filling = True
        try:
            for key, text in texts.items():
                if key in self.fields:
                    self._set_text(self.fields[key], text)
        finally:
            self._filling = False
        self._name_parts = None
        self._address = None
        self._dup_timer.start()
        self.name.setFocus()

    def save_draft(self) -> None:
        """Remember the half-typed card (not an edit of a saved one: that is in the database)."""
        self._draft_timer.stop()
        # a scanned card in the form is no draft: its photo stays queued and is read again
        scanned = self.scan_queue.current is not None
        texts = {} if self._editing is not None or scanned else self.form_texts()
        settings = self.ctx.services.settings
        state = settings.ui_state()
        if state.card_draft != texts:
            with contextlib.suppress(OSError):  # a convenience; never in the way of typing
                settings.save_ui_state(replace(state, card_draft=texts))

    def restore_draft(self) -> None:
        texts = self.ctx.services.settings.ui_state().card_draft
        if texts:
            self.restore_texts({k: str(v) for k, v in texts.items()})
            self.error.setText("")
            self.ctx.nav.status.emit("The card you were typing is back; Esc clears it")
            self.draft_restored = True

    def hideEvent(self, event: Any) -> None:
        """Closing the window (or leaving card entry) writes the draft at once."""
        if self._draft_timer.isActive():
            self.save_draft()
        super().hideEvent(event)

    def escape(self) -> None:
        """Esc: end an edit of a saved card; otherwise clear the half-typed card (Ctrl+Z
        brings it back)."""
        if self._editing is not None:
            self.cancel_edit()
            return
        texts = self.form_texts()
        if not texts:
            return
        self.ctx.undo.push(ClearFormCommand(self, texts))
        self.save_draft()
        self.ctx.nav.status.emit("Form cleared — Ctrl+Z brings the card back")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Shift+Z in a field with nothing of its own to undo (the form was just
        cleared after a save) go to the application's undo stack: they take the last card
        back, or bring it back."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo):
                own = self._own_undo(watched, redo=False)
            elif event.matches(QKeySequence.StandardKey.Redo):
                own = self._own_undo(watched, redo=True)
            else:
                return super().eventFilter(watched, event)
            if not own:
                event.ignore()
                return True  # not delivered to the field, not accepted: the shortcut runs
        return super().eventFilter(watched, event)

    @staticmethod
    def _own_undo(w: QObject, *, redo: bool) -> bool:
        if isinstance(w, QLineEdit):
            return w.isRedoAvailable() if redo else w.isUndoAvailable()
        if isinstance(w, QPlainTextEdit):
            doc = w.document()
            return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
        return False

    # ---------------------------------------------------------------- building
    def _build_session(self) -> None:
        session = self.ctx.services.preferences.capture
        self.event_name = QLineEdit(session.event)
        self.event_name.setPlaceholderText("e.g. Expo Berlin 2026")
        self.met_on = QDateEdit(
            QDate.fromString(session.met_on, "yyyy-MM-dd")
            if session.met_on
            else QDate.currentDate()
        )
        self.met_on.setCalendarPopup(True)
        self.met_on.setDisplayFormat("yyyy-MM-dd")
        self.session_tags = QLineEdit(", ".join(session.tags))
        self.session_tags.setPlaceholderText("tags, comma separated")
        self.follow_rule = QComboBox()
        for label, days in FOLLOW_UP_RULES:
            self.follow_rule.addItem(label, days)
        index = self.follow_rule.findData(session.follow_up_days)
        if index < 0 and session.follow_up_days is not None:
            self.follow_rule.addItem(
                f"Follow up in {session.follow_up_days} days", session.follow_up_days
            )
            index = self.follow_rule.count() - 1
        self.follow_rule.setCurrentIndex(max(0, index))
        self.session_box = QGroupBox("Capture session — stamped on every card, remembered")
        grid = QGridLayout(self.session_box)
        for col, (label, w) in enumerate((("Even&t", self.event_name), ("&Date met", self.met_on))):
            lab = QLabel(label)
            lab.setBuddy(w)
            grid.addWidget(lab, 0, col * 2)
            grid.addWidget(w, 0, col * 2 + 1)
        lab = QLabel("Ta&gs")
        lab.setBuddy(self.session_tags)
        grid.addWidget(lab, 1, 0)
        grid.addWidget(self.session_tags, 1, 1)
        lab = QLabel("Follow-&up")
        lab.setBuddy(self.follow_rule)
        grid.addWidget(lab, 1, 2)
        grid.addWidget(self.follow_rule, 1, 3)
        grid.setColumnStretch(1, 2)
        for w in (self.event_name, self.session_tags):
            w.editingFinished.connect(self.remember_session)
        self.met_on.dateChanged.connect(lambda _d: self.remember_session())
        self.follow_rule.currentIndexChanged.connect(lambda _i: self.remember_session())

    def _build_form(self) -> None:
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.company = QLineEdit()
        self.department = QLineEdit()
        self.emails = QLineEdit()
        self.emails.setPlaceholderText("several: separate with commas")
        self.mobile = QLineEdit()
        self.work_phone = QLineEdit()
        self.fax = QLineEdit()
        self.other_phone = QLineEdit()
        for w in (self.mobile, self.work_phone, self.other_phone):
            w.setPlaceholderText("several: separate with ;")
        self.website = QLineEdit()
        self.website.setPlaceholderText("website, LinkedIn… separate with commas")
        self.address = QLineEdit()
        self.address.setPlaceholderText("street, postcode city, country")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What you talked about")
        self.note.setFixedHeight(54)
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "title": self.title,
            "organization": self.company,
            "department": self.department,
            "email": self.emails,
            "mobile": self.mobile,
            "work": self.work_phone,
            "fax": self.fax,
            "other": self.other_phone,
            "url": self.website,
            "address": self.address,
            "note": self.note,
        }
        self.field_errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for label, key in (
            ("&Name", "name"),
            ("T&itle", "title"),
            ("Compan&y", "organization"),
            ("De&partment", "department"),
            ("E&mail", "email"),
            ("M&obile", "mobile"),
            ("&Work phone", "work"),
            ("Fa&x", "fax"),
            ("Othe&r phone", "other"),
            ("Web&site", "url"),
            ("&Address", "address"),
            ("Talked a&bout", "note"),
        ):
            w = self.fields[key]
            err = plain_label()  # the reason may quote the field
            err.setObjectName("fieldError")
            err.setWordWrap(True)
            err.hide()
            self.field_errors[key] = err
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(w)
            cell.addWidget(err)
            lab = QLabel(label)
            lab.setBuddy(w)
            form.addRow(lab, cell)
            if isinstance(w, QLineEdit):
                w.textEdited.connect(lambda _t, k=key: self._field_edited(k))
            else:
                self.note.textChanged.connect(lambda k=key: self._field_edited(k))
        for w in (
            self.name,
            self.company,
            self.emails,
            self.mobile,
            self.work_phone,
            self.other_phone,
        ):
            w.textChanged.connect(lambda _t: self._dup_timer.start())

        self.front_button = QPushButton("Front image…")
        self.back_button = QPushButton("Back image…")
        self.front_button.setToolTip("Attach a photo or scan of the card's front")
        self.back_button.setToolTip("Attach a photo or scan of the card's back (optional)")
        self.front_button.clicked.connect(lambda: self.choose_image("card_front"))
        self.back_button.clicked.connect(lambda: self.choose_image("card_back"))
        self.images_label = QLabel("No card image")
        self.images_label.setWordWrap(True)
        images = QHBoxLayout()
        images.addWidget(self.front_button)
        images.addWidget(self.back_button)
        images.addStretch(1)

        self.error = plain_label()  # may quote a name
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("Save card  (Ctrl+Enter)")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save_card)
        self.cancel_button = QPushButton("Cancel edit  (Esc)")
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.cancel_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        inner = QWidget()
        left = QVBoxLayout(inner)
        left.setContentsMargins(0, 0, 6, 0)
        left.addLayout(form)
        left.addLayout(images)
        left.addWidget(self.images_label)
        left.addLayout(buttons)
        left.addStretch(1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(inner)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _build_side(self) -> None:
        # smart paste
        self.paste_box = QPlainTextEdit()
        self.paste_box.setTabChangesFocus(True)
        self.paste_box.setPlaceholderText(
            "Smart paste: paste the text of a card or an email signature here, then Fill form "
            "(Ctrl+Shift+V pastes the clipboard and fills at once)"
        )
        self.paste_box.setFixedHeight(74)
        self.fill_button = QPushButton("Fi&ll form")
        self.fill_button.setToolTip("Fill the form from the pasted text (Ctrl+Shift+V)")
        self.fill_button.clicked.connect(self.fill_from_paste)
        self.unparsed_label = plain_label()  # lines of the pasted card
        self.unparsed_label.setObjectName("unparsed")
        self.unparsed_label.setWordWrap(True)
        self.unparsed_label.hide()
        paste_row = QHBoxLayout()
        paste_row.addWidget(self.unparsed_label, 1)
        paste_row.addStretch(0)
        paste_row.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignTop)

        # duplicate banner
        self.dup_banner = QFrame()
        self.dup_banner.setObjectName("duplicateBanner")
        self.dup_text = QLabel()
        self.dup_text.setWordWrap(True)
        self.dup_text.setTextFormat(Qt.TextFormat.PlainText)
        self.open_existing_button = QPushButton("Open existing")
        self.add_anyway_button = QPushButton("Add anyway")
        self.merge_button = QPushButton("Add this card to existing")
        self.merge_button.setToolTip(
            "Add this card's new emails, phones, websites, address and tags to the existing "
            "contact (nothing there is overwritten) and log the meeting with it"
        )
        self.add_anyway_button.setToolTip("Save this card as a new contact (Ctrl+Enter)")
        self.open_existing_button.clicked.connect(self.open_existing)
        self.add_anyway_button.clicked.connect(lambda: self.save_card(as_new=True))
        self.merge_button.clicked.connect(self.merge_into_existing)
        banner = QVBoxLayout(self.dup_banner)
        banner.addWidget(self.dup_text)
        brow = QGridLayout()
        brow.addWidget(self.open_existing_button, 0, 0)
        brow.addWidget(self.add_anyway_button, 0, 1)
        brow.addWidget(self.merge_button, 1, 0, 1, 2)
        banner.addLayout(brow)
        self.dup_banner.hide()

        # session list
        self.entered_label = QLabel("Cards entered in this session: 0")
        self.entered = QListWidget()
        self.entered.setUniformItemSizes(True)
        self.entered.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entered.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entered.itemActivated.connect(lambda _i: self.edit_selected())
        self.entered.currentRowChanged.connect(lambda _r: self._update_list_buttons())
        self.edit_button = QPushButton("Edit")
        self.edit_button.setToolTip(
            "Load the card back into the form; saving updates the contact (Enter in the list)"
        )
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(
            "Take the card back: the contact, its 'met at' entry and its follow-up (Ctrl+Z undoes)"
        )
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.edit_button)
        list_buttons.addWidget(self.remove_button)
        list_buttons.addStretch(1)
        self.empty_hint = QLabel(
            "Type the first card on the left, or paste its text above. Ctrl+Enter saves it and "
            "clears the form for the next one."
        )
        self.empty_hint.setWordWrap(True)

        self.side = QVBoxLayout()
        self.side.addWidget(self.paste_box)
        self.side.addLayout(paste_row)
        self.side.addWidget(self.dup_banner)
        self.side.addWidget(self.entered_label)
        self.side.addWidget(self.empty_hint)
        self.side.addWidget(self.entered, 1)
        self.side.addLayout(list_buttons)
        self._update_list_buttons()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.event_name,
            self.met_on,
            self.session_tags,
            self.follow_rule,
            self.name,
            self.title,
            self.company,
            self.department,
            self.emails,
            self.mobile,
            self.work_phone,
            self.fax,
            self.other_phone,
            self.website,
            self.address,
            self.note,
            self.front_button,
            self.back_button,
            self.cancel_button,
            self.save_button,
            self.paste_box,
            self.fill_button,
            self.open_existing_button,
            self.add_anyway_button,
            self.merge_button,
            self.entered,
            self.edit_button,
            self.remove_button,
        ]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)

    # ----------------------------------------------------------------- session
    def session(self) -> CaptureSession:
        day = self.met_on.date().toPython()
        assert isinstance(day, date)
        return CaptureSession(
            event=self.event_name.text().strip(),
            met_on="" if day == date.today() else day.isoformat(),
            tags=tuple(_split_list(self.session_tags.text(), r",")),
            follow_up_days=self.follow_rule.currentData(),
        )

    def capture_info(self) -> CaptureInfo:
        s = self.session()
        day = self.met_on.date().toPython()
        assert isinstance(day, date)
        return CaptureInfo(event=s.event, met_on=day, follow_up_days=s.follow_up_days, tags=s.tags)

    def remember_session(self) -> None:
        prefs = self.ctx.services.preferences
        session = self.session()
        if session != prefs.capture:
            self.ctx.services.set_preferences(replace(prefs, capture=session))

    # ------------------------------------------------------------ highlighting
    @staticmethod
    def _set_flag(w: QWidget, name: str, on: bool) -> None:
        if bool(w.property(name)) == on:
            return
        w.setProperty(name, on)
        w.style().unpolish(w)
        w.style().polish(w)

    def is_guessed(self, key: str) -> bool:
        return bool(self.fields[key].property("guessed"))

    def _field_edited(self, key: str) -> None:
        if self._filling:
            return
        w = self.fields[key]
        self._set_flag(w, "guessed", False)
        self._set_flag(w, "invalid", False)
        self.field_errors[key].hide()

    def mark_error(self, key: str, message: str) -> None:
        w = self.fields[key]
        self._set_flag(w, "invalid", True)
        label = self.field_errors[key]
        label.setText(message)
        label.show()

    def clear_errors(self) -> None:
        for key, w in self.fields.items():
            self._set_flag(w, "invalid", False)
            self.field_errors[key].hide()
        self.error.clear()

    # -------------------------------------------------------------- the form
    def _set_text(self, w: QWidget, text: str) -> None:
        if isinstance(w, QLineEdit):
            w.setText(text)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(text)

    def clear_form(self) -> None:
        self._filling = True
        try:
            for w in self.fields.values():
                self._set_text(w, "")
                self._set_flag(w, "guessed", False)
        finally:
            self._filling = False
        self.clear_errors()
        self._name_parts = None
        self._address = None
        self._phone_meta = {}
        self._pending_images = {}
        self._update_images_label()
        self._show_matches([])
        self.name.setFocus()

    def fill_form(
        self, contact: Contact, guessed: frozenset[str] = frozenset(), note: str = ""
    ) -> None:
        """Put a contact's fields into the form; fields named in ``guessed`` are highlighted."""
        self._filling = True
        try:
            name = " ".join(
                p
                for p in (
                    contact.prefix,
                    contact.given_name,
                    contact.additional_names,
                    contact.family_name,
                )
                if p
            )
            if contact.suffix:
                name = f"{name}, {contact.suffix}" if name else contact.suffix
            self._name_parts = (name, {f: getattr(contact, f) for f in _NAME_FIELDS})
            by_label: dict[str, list[Phone]] = {"mobile": [], "work": [], "fax": [], "other": []}
            for p in contact.phones:
                by_label[p.label if p.label in ("mobile", "work", "fax") else "other"].append(p)
            self._phone_meta = {p.value: p for p in contact.phones}
            address = contact.addresses[0] if contact.addresses else None
            address_text = address.one_line() if address else ""
            self._address = (address_text, address) if address else None
            values = {
                "name": name,
                "title": contact.title,
                "organization": contact.organization,
                "department": contact.department,
                "email": ", ".join(e.value for e in contact.emails),
                "mobile": "; ".join(p.value for p in by_label["mobile"]),
                "work": "; ".join(p.value for p in by_label["work"]),
                "fax": "; ".join(p.value for p in by_label["fax"]),
                "other": "; ".join(p.value for p in by_label["other"]),
                "url": ", ".join(u.value for u in contact.urls),
                "address": address_text,
                "note": note,
            }
            for key, value in values.items():
                self._set_text(self.fields[key], value)
            highlight = {
                "name": any(f in guessed for f in _NAME_FIELDS),
                "title": "title" in guessed,
                "organization": "organization" in guessed,
                "department": "department" in guessed,
                "address": "addresses" in guessed,
            }
            for key, w in self.fields.items():
                self._set_flag(w, "guessed", bool(highlight.get(key)) and bool(values[key]))
        finally:
            self._filling = False
        self.clear_errors()
        self._dup_timer.start()

    def _region(self) -> str | None:
        return self.ctx.services.preferences.default_region or None

    def _name_from_form(self) -> dict[str, str]:
        text = " ".join(self.name.text().split())
        if self._name_parts is not None and self._name_parts[0] == text:
            return dict(self._name_parts[1])
        empty = {f: "" for f in _NAME_FIELDS}
        if not text:
            return empty
        parsed = parse_card_text(text, self._region()).contact
        if parsed.given_name and parsed.family_name:
            return {f: getattr(parsed, f) for f in _NAME_FIELDS}
        given, family = split_name(text)
        return {**empty, "given_name": given, "family_name": family}

    def _address_from_form(self) -> tuple[Address, ...]:
        text = " ".join(self.address.text().split())
        if not text:
            return ()
        if self._address is not None and self._address[0] == text:
            return (self._address[1],)
        parsed = parse_card_text(text, self._region()).contact.addresses
        if parsed and (parsed[0].locality or parsed[0].postal_code):
            return (replace(parsed[0], label="work"),)
        return (Address(street=text, label="work"),)

    def _phones_from_form(self) -> tuple[Phone, ...]:
        out: list[Phone] = []
        for w, label in (
            (self.mobile, "mobile"),
            (self.work_phone, "work"),
            (self.fax, "fax"),
            (self.other_phone, ""),
        ):
            for value in _split_list(w.text()):
                known = self._phone_meta.get(value)
                same_slot = known is not None and (
                    known.label == label
                    or (not label and known.label not in ("mobile", "work", "fax"))
                )
                out.append(known if known is not None and same_slot else Phone(value, label=label))
        return tuple(out)

    def contact_from_form(self) -> Contact:
        """The card as typed (without the capture session, which the service stamps)."""
        emails = tuple(
            Email(v, "work", n == 0)
            for n, v in enumerate(_split_list(self.emails.text(), r"[,;\s]+"))
        )
        urls = tuple(Url(v, "work") for v in _split_list(self.website.text(), r"[,;\s]+"))
        base = self._edit_base or Contact()
        if self._edit_base is not None:
            # keep labels and preferences of values that were not changed
            old_emails = {e.value.lower(): e for e in base.emails}
            emails = tuple(old_emails.get(e.value.lower(), e) for e in emails)
            old_urls = {u.value.lower(): u for u in base.urls}
            urls = tuple(old_urls.get(u.value.lower(), u) for u in urls)
        return replace(
            base,
            display_name="",
            **self._name_from_form(),
            title=self.title.text().strip(),
            organization=self.company.text().strip(),
            department=self.department.text().strip(),
            emails=emails,
            phones=self._phones_from_form(),
            urls=urls,
            addresses=self._address_from_form(),
        )

    def validate_form(self, contact: Contact) -> bool:
        """Mark every problem next to its field; True when the card can be saved."""
        self.clear_errors()
        ok = True
        if not (
            contact.given_name or contact.family_name or contact.organization or contact.emails
        ):
            self.mark_error("name", "Type at least a name, a company or an email address.")
            ok = False
        bad = [e.value for e in contact.emails if email_problem(e.value)]
        if bad:
            self.mark_error("email", f"Not an email address: {', '.join(bad)}")
            ok = False
        region = self._region()
        for key, w in (
            ("mobile", self.mobile),
            ("work", self.work_phone),
            ("fax", self.fax),
            ("other", self.other_phone),
        ):
            problems = [
                f"{v} {p}"
                for v in _split_list(w.text())
                if (p := phone_problem(v, region)) == "has no digits"
            ]
            if problems:
                self.mark_error(key, "; ".join(problems))
                ok = False
        if not ok:
            self.error.setText("Please check the marked fields.")
        return ok

    def _show_validation_error(self, err: ValidationError) -> None:
        key = {
            "email": "email",
            "emails": "email",
            "phone": "work",
            "url": "url",
            "photo": "name",
            "card image": "name",
        }.get(err.field, "name")
        self.mark_error(key, err.reason)
        self.error.setText(err.message)

    # ------------------------------------------------------------------ saving
    def save_card(self, *, as_new: bool = False) -> None:
        """Ctrl+Enter: save the card (or the edited card) and get ready for the next one.
        When the card matches a contact already in NetDesk, Ctrl+Enter saves nothing until the
        user chose one of the duplicate warning's actions (``as_new`` is "Add anyway")."""
        if self._editing is not None:
            self._save_edit()
            return
        contact = self.contact_from_form()
        if not self.validate_form(contact):
            self._focus_first_error()
            return
        if not as_new:
            if self._dup_timer.isActive():  # typed just now: check before saving
                self._dup_timer.stop()
                self.check_duplicates()
            if self._matches:
                self.ask_duplicate_action()
                return
        try:
            record, change = self.cards.save_card(
                contact, self.capture_info(), self.note.toPlainText(), self._pending_images
            )
        except NetDeskError as err:
            if isinstance(err, ValidationError):
                self._show_validation_error(err)
            else:
                show_error(self, "Could not save the card", err)
            return
        self._after_save(record, change, contact, merged=False)

    def merge_into_existing(self) -> None:
        if not self._matches:
            return
        existing_id = self._matches[0][0]
        contact = self.contact_from_form()
        if not self.validate_form(contact):
            self._focus_first_error()
            return
        try:
            record, change = self.cards.merge_card(
                existing_id,
                contact,
                self.capture_info(),
                self.note.toPlainText(),
                self._pending_images,
            )
        except NetDeskError as err:
            if isinstance(err, ValidationError):
                self._show_validation_error(err)
            else:
                show_error(self, "Could not add the card to the existing contact", err)
            return
        self._after_save(record, change, contact, merged=True)

    def _after_save(
        self, record: CardRecord, change: Change, contact: Contact, *, merged: bool
    ) -> None:
        self.remember_session()
        name = self.ctx.services.contacts.names([record.contact_id]).get(record.contact_id, "")
        org = contact.organization
        label = name + (f" — {org}" if org and org != name else "")
        if merged:
            label += "  (added to existing)"
        key = self._next_key
        self._next_key += 1
        self.entries[key] = _Entry(record, label)
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.entered.insertItem(0, item)
        self._update_count()
        command = SaveCardCommand(self, key, f"Save card {name}")
        self.ctx.undo.push(command)
        self.ctx.bus.publish(change)
        verb = "Added card details to" if merged else "Saved"
        self.ctx.nav.status.emit(f"{verb} {name} — Ctrl+Z takes it back")
        self.clear_form()
        self.save_draft()
        self.scan_queue.card_saved()  # a scanned card leaves the queue; the next comes up

    def _save_edit(self) -> None:
        assert self._editing is not None
        key = self._editing
        entry = self.entries[key]
        contact = self.contact_from_form()
        if not self.validate_form(contact):
            self._focus_first_error()
            return
        before_contact = self._edit_base
        assert before_contact is not None
        before_note = self.cards.note_of(entry.record)
        note = self.note.toPlainText()
        try:
            saved = self._update_merging(entry.record, contact, note, before_contact)
            if saved is None:
                return
            record, change = saved
            for side, img in self._pending_images.items():
                change2 = self.ctx.services.contacts.set_card_image(record.contact_id, side, img)
                self.ctx.bus.publish(change2)
        except NetDeskError as err:
            if isinstance(err, ValidationError):
                self._show_validation_error(err)
            else:
                show_error(self, "Could not save the card", err)
            return
        # the edit as typed (before any merge): undo and redo apply just this change
        after = self.ctx.services.contacts.prepare(replace(contact, id=record.contact_id))
        self.ctx.undo.push(EditCardCommand(self, key, (before_contact, before_note), (after, note)))
        self.entry_updated(key, record)
        self.ctx.bus.publish(change)
        self.ctx.nav.status.emit("Card updated — Ctrl+Z undoes the edit")
        self._end_edit()

    def _update_merging(
        self, record: CardRecord, contact: Contact, note: str, base: Contact
    ) -> tuple[CardRecord, Change] | None:
        """Save the edited card. When its contact changed elsewhere since the card was
        loaded into the form, the edit is merged in; fields both sides changed are put to
        the user first (None: they cancelled, nothing written)."""
        for _attempt in range(5):
            try:
                return self.cards.update_card(record, contact, note, base=base)
            except StaleContactError as err:
                if err.current is None or err.merge is None:
                    raise
                from netdesk.ui.common.conflict import ConflictDialog

                dialog = ConflictDialog(err.current.name, err.merge.conflicts, parent=self)
                self.conflict_dialog = dialog
                try:
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        self.error.setText(f"Not saved: {err.current.name} was changed elsewhere.")
                        return None
                    contact, base = err.merge.resolve(dialog.choices()), err.current
                finally:
                    self.conflict_dialog = None
                    dialog.deleteLater()
        raise NetDeskError("The contact keeps changing elsewhere; nothing was saved.")

    def _focus_first_error(self) -> None:
        for w in self.fields.values():
            if w.property("invalid"):
                w.setFocus()
                return

    # ------------------------------------------------------------ the list
    def _item_for(self, key: int) -> QListWidgetItem | None:
        for n in range(self.entered.count()):
            item = self.entered.item(n)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def _update_count(self) -> None:
        alive = sum(1 for e in self.entries.values() if not e.removed)
        self.entered_label.setText(f"Cards entered in this session: {alive}")
        self.empty_hint.setVisible(alive == 0)
        self._update_list_buttons()

    def _update_list_buttons(self) -> None:
        has = self.entered.currentItem() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def entry_removed(self, key: int) -> None:
        self.entries[key].removed = True
        item = self._item_for(key)
        if item is not None:
            self.entered.takeItem(self.entered.row(item))
        if self._editing == key:
            self._end_edit()
        self._update_count()

    def entry_restored(self, key: int, record: CardRecord) -> None:
        entry = self.entries[key]
        entry.record = record
        entry.removed = False
        if self._item_for(key) is None:
            # back at its place: the list is newest first
            row = sum(1 for k, e in self.entries.items() if k > key and not e.removed)
            item = QListWidgetItem(entry.label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.entered.insertItem(row, item)
        self._update_count()

    def entry_updated(self, key: int, record: CardRecord) -> None:
        entry = self.entries[key]
        entry.record = record
        summary = self.ctx.services.contacts.summaries([record.contact_id]).get(record.contact_id)
        if summary is not None:
            org = summary.organization
            name = summary.display_name
            entry.label = name + (f" — {org}" if org and org != name else "")
            item = self._item_for(key)
            if item is not None:
                item.setText(entry.label)

    def selected_key(self) -> int | None:
        item = self.entered.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def edit_selected(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        entry = self.entries[key]
        contact = self.ctx.services.contacts.get(entry.record.contact_id)
        note = self.cards.note_of(entry.record)
        self.clear_form()
        self._editing = key
        self._edit_base = contact
        self.fill_form(contact, frozenset(), note)
        self.save_button.setText("Update card  (Ctrl+Enter)")
        self.cancel_button.show()
        self.name.setFocus()
        self.name.selectAll()

    def cancel_edit(self) -> None:
        if self._editing is None:
            return
        self._end_edit()

    def _end_edit(self) -> None:
        self._editing = None
        self._edit_base = None
        self.save_button.setText("Save card  (Ctrl+Enter)")
        self.cancel_button.hide()
        self.clear_form()

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        command = RemoveCardCommand(self, key, f"Remove card {self.entries[key].label}")
        command._pushed = True  # push() calls redo(): that is the removal itself
        try:
            self.ctx.undo.push(command)
        except NetDeskError as err:  # pragma: no cover - shown by the command
            show_error(self, "Could not remove the card", err)

    # ------------------------------------------------------------ smart paste
    def paste_and_fill(self) -> None:
        text = QApplication.clipboard().text()
        if text.strip():
            self.paste_box.setPlainText(text)
        self.fill_from_paste()

    def fill_from_paste(self) -> ParsedCard | None:
        text = self.paste_box.toPlainText()
        if not text.strip():
            self.paste_box.setFocus()
            return None
        parsed = parse_card_text(text, self._region())
        self.fill_form(parsed.contact, parsed.guessed, self.note.toPlainText())
        if parsed.unparsed:
            self.unparsed_label.setText("Not used: " + " · ".join(parsed.unparsed))
            self.unparsed_label.show()
        else:
            self.unparsed_label.hide()
        self.ctx.nav.status.emit("Form filled from the pasted text — check the yellow fields")
        self.name.setFocus()
        return parsed

    # ------------------------------------------------------------ duplicates
    def check_duplicates(self) -> None:
        contact = self.contact_from_form()
        if not (contact.emails or contact.phones or (contact.given_name and contact.family_name)):
            self._show_matches([])
            return
        exclude = None
        if self._editing is not None:
            exclude = self.entries[self._editing].record.contact_id
        matches = self.ctx.services.contacts.find_matches(
            replace(contact, phones=tuple(p for p in contact.phones if p.value.strip())), exclude
        )
        self._show_matches(matches)

    def _show_matches(self, matches: list[tuple[int, str]]) -> None:
        self._matches = matches
        if not matches:
            self.dup_banner.hide()
            return
        names = self.ctx.services.contacts.summaries([m[0] for m in matches[:3]])
        lines = []
        for cid, reason in matches[:3]:
            s = names.get(cid)
            if s is None:
                continue
            who = s.display_name + (f" ({s.organization})" if s.organization else "")
            lines.append(f"{who} — {reason}")
        more = f"\n…and {len(matches) - 3} more" if len(matches) > 3 else ""
        self.dup_text.setText("Already in NetDesk:\n" + "\n".join(lines) + more)
        self.merge_button.setEnabled(self._editing is None)
        self.dup_banner.show()

    def ask_duplicate_action(self) -> str:
        """Which of the duplicate warning's three actions to take; nothing is saved while
        the user has not chosen one (Esc, or closing the question, saves nothing)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Already in NetDesk")
        box.setText(self.dup_text.text())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("What should this card do?")
        merge = box.addButton("Add to the &existing contact", QMessageBox.ButtonRole.AcceptRole)
        merge.setEnabled(self.merge_button.isEnabled())
        new = box.addButton("Save as a &new contact", QMessageBox.ButtonRole.AcceptRole)
        show = box.addButton("&Open the existing one", QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton("Keep typing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is merge:
            self.merge_into_existing()
            return "merge"
        if clicked is new:
            self.save_card(as_new=True)
            return "new"
        if clicked is show:
            self.open_existing()
            return "open"
        self.ctx.nav.status.emit("Not saved: choose what to do with the duplicate")
        return ""

    def open_existing(self) -> None:
        if self._matches:
            self.ctx.nav.open_contact.emit(self._matches[0][0])

    # ------------------------------------------------------------ card images
    def choose_image(self, side: str) -> None:
        which = "front" if side == "card_front" else "back"
        path, _filter = QFileDialog.getOpenFileName(
            self,
            f"Picture of the card's {which}",
            "",
            "Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff)",
        )
        if path:
            self.attach_image(side, path)

    def attach_image(self, side: str, path: str) -> bool:
        try:
            photo = jpeg_from_file(path)
        except ValidationError as err:
            self.error.setText(err.message)
            return False
        self._pending_images[side] = photo
        self._update_images_label()
        return True

    def _update_images_label(self) -> None:
        parts = [
            f"{'front' if side == 'card_front' else 'back'} {len(img.data) // 1024} kB"
            for side, img in sorted(
                self._pending_images.items(), key=lambda kv: kv[0] != "card_front"
            )
        ]
        self.images_label.setText("Card image: " + ", ".join(parts) if parts else "No card image")

    def on_activated(self) -> None:
        self.name.setFocus()

    # ------------------------------------------------------- scanning card photos
    @staticmethod
    def _dropped_photos(event: Any) -> list[str]:
        from netdesk.ui.scan.queue import is_image

        found: list[str] = []
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return found
        for url in mime.urls():
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.is_dir():
                found += sorted(str(p) for p in path.iterdir() if p.is_file() and is_image(p))
            elif is_image(path):
                found.append(str(path))
        return found

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped_photos(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:
        photos = self._dropped_photos(event)
        if not photos:
            event.ignore()
            return
        event.acceptProposedAction()
        n = self.scan_queue.add_files(photos)
        self.ctx.nav.status.emit(f"Reading {n} card{'s' if n != 1 else ''} on this computer…")
