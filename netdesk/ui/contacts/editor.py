"""The contact editor: a panel beside the contact list, and a dialog for new contacts.

Every field of :class:`netdesk.core.model.Contact` can be edited; labelled emails, phones,
addresses and URLs are lists of rows that can be added, removed and reordered. Problems are
shown next to the field with the reason (netdesk.core.validation) and nothing typed is ever
dropped silently: an invalid email stops the save and stays in its field; a phone number
phonenumbers cannot read is kept as typed, with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.cadence import CADENCE_PRESETS
from netdesk.core.dates import PartialDate
from netdesk.core.errors import NetDeskError, StaleContactError, ValidationError
from netdesk.core.links import UnsafeLinkError, field_link
from netdesk.core.merge import FieldConflict
from netdesk.core.model import Address, Change, Contact, Email, Phone, Photo, Url
from netdesk.core.phones import region_for_contact
from netdesk.core.validation import (
    email_problem,
    format_phone,
    phone_problem,
    to_e164,
)
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.links import open_link
from netdesk.ui.common.safe_text import (
    ask,
    message_box,
    no_mnemonic,
    plain_label,
    plain_tooltip,
    set_plain_tooltip,
)
from netdesk.ui.common.widgets import add_save_shortcuts, guard_wheel, themed_style

#: pictures are scaled to fit this box before they are stored
PHOTO_MAX_PX = 512
#: refuse to decode images that would need more memory than this (decompression bombs)
IMAGE_ALLOCATION_LIMIT_MB = 128
PHOTO_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---------------------------------------------------------------------------- helpers
def set_problem(
    widget: QWidget, marker: QLabel, problem: str | None, *, blocking: bool = True
) -> None:
    """Show (or clear) the reason next to a field, and mark the field itself."""
    state = "" if not problem else ("error" if blocking else "warning")
    if widget.property("problem") != state:
        widget.setProperty("problem", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    if marker.text() != (problem or ""):
        marker.setText(problem or "")
    if marker.property("problem") != state:
        marker.setProperty("problem", state)
        marker.style().unpolish(marker)
        marker.style().polish(marker)
    marker.setVisible(bool(problem))
    if widget.toolTip() != plain_tooltip(problem or ""):
        set_plain_tooltip(widget, problem or "")


def _marker() -> QLabel:
    label = plain_label()  # the reason may quote what was typed
    label.setObjectName("problemMarker")
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


#: email, phone and web fields are never squeezed below this (issue 13: they were ~85 px)
VALUE_MIN_WIDTH = 180

STYLE = """
QLineEdit[problem="error"], QComboBox[problem="error"], QSpinBox[problem="error"],
QPlainTextEdit[problem="error"] { border: 1px solid #c62828; }
QLineEdit[problem="warning"] { border: 1px solid #b26a00; }
QLabel#problemMarker[problem="error"] { color: #c62828; }
QLabel#problemMarker[problem="warning"] { color: #8a5a00; }
QLabel#hint { color: palette(mid); }
"""


def load_photo(path: str, max_px: int = PHOTO_MAX_PX) -> Photo:
    """Read a picture file, scaled down to fit ``max_px`` (never up), as JPEG (or PNG when it
    has transparency). Raises ValidationError with the reason when it cannot be read."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    size = reader.size()
    if size.isValid() and (size.width() > max_px or size.height() > max_px):
        reader.setScaledSize(size.scaled(max_px, max_px, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ValidationError("photo", f"could not be read: {reader.errorString()}")
    if image.width() > max_px or image.height() > max_px:  # formats that ignore setScaledSize
        image = image.scaled(
            max_px,
            max_px,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return encode_image(image)


def encode_image(image: QImage) -> Photo:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.hasAlphaChannel():
        image.save(buffer, "PNG")
        mime = "image/png"
    else:
        image.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPEG", 88)
        mime = "image/jpeg"
    buffer.close()
    return Photo(bytes(data.data()), mime)


def photo_pixmap(photo: Photo | None, size: int) -> QPixmap:
    """The photo scaled to fit ``size``. Decoded through a reader with an allocation limit,
    asked for the scaled size up front (JPEG decodes straight to it), so that an imported
    photo whose header lies about its size cannot take the window's memory."""
    if photo is None or not photo.data:
        return QPixmap()
    data = QByteArray(photo.data)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    full = reader.size()
    if full.isValid() and (full.width() > 2 * size or full.height() > 2 * size):
        reader.setScaledSize(full.scaled(2 * size, 2 * size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(image).scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


# ------------------------------------------------------------------ small field widgets
class PartialDateEdit(QWidget):
    """Day, month and an optional year: a birthday with or without the year."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QSpinBox()
        self.day.setRange(0, 31)
        self.day.setSpecialValueText("day")
        self.day.setAccessibleName("day")
        self.month = QComboBox()
        self.month.addItem("month", 0)
        for n, name in enumerate(MONTHS, start=1):
            self.month.addItem(name, n)
        self.month.setAccessibleName("month")
        self.year = QLineEdit()
        self.year.setPlaceholderText("year (optional)")
        self.year.setMaxLength(4)
        self.year.setFixedWidth(110)
        self.year.setAccessibleName("year")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.month, 1)
        row.addWidget(self.year)
        self.day.valueChanged.connect(self.changed)
        self.month.currentIndexChanged.connect(self.changed)
        self.year.textChanged.connect(self.changed)

    def focus_widgets(self) -> list[QWidget]:
        return [self.day, self.month, self.year]

    def set_value(self, value: PartialDate | None) -> None:
        self.day.setValue(value.day if value else 0)
        self.month.setCurrentIndex(value.month if value else 0)
        self.year.setText(str(value.year) if value and value.year else "")

    def raw(self) -> tuple[int, int, str]:
        return (self.day.value(), self.month.currentIndex(), self.year.text().strip())

    def value(self) -> PartialDate | None:
        """The date, None when nothing is filled in; ValueError with a reason otherwise."""
        day, month, year = self.raw()
        if not day and not month and not year:
            return None
        if not day or not month:
            raise ValueError("needs both a day and a month (the year is optional)")
        if year and not (year.isdigit() and len(year) == 4):
            raise ValueError(f"year {year!r} should have four digits, or be left empty")
        return PartialDate(month, day, int(year) if year else None)


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = [t.strip() for t in text.split(",")[:-1] if t.strip()]
        return ", ".join([*head, str(index.data())]) + ", "


class IntroducerPicker(QWidget):
    """Pick one existing contact by typing part of the name; empty means nobody."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = ctx.services.contacts
        self._id: int | None = None
        self._name = ""
        self._labels: dict[str, int] = {}
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type a name to pick a contact")
        self.edit.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.edit.setCompleter(self.completer)
        self.exclude_id: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.suggest)
        self.edit.textEdited.connect(self._edited)
        self.completer.activated.connect(self.choose_label)

    def _edited(self, text: str) -> None:
        if self._id is not None and text != self._name:
            self._id = None
        self._timer.start()
        self.changed.emit()

    def suggest(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        if not text:
            self._model.setStringList([])
            return
        ids = [i for i in self._service.list_ids(text)[:20] if i != self.exclude_id]
        summaries = self._service.summaries(ids)
        self._labels.clear()
        for cid in ids:
            s = summaries[cid]
            label = s.display_name + (f" ({s.organization})" if s.organization else "")
            if label in self._labels:
                label = f"{label} #{cid}"
            self._labels[label] = cid
        self._model.setStringList(list(self._labels))
        if self._labels and self.edit.hasFocus():
            self.completer.complete()

    def choose_label(self, label: str) -> None:
        cid = self._labels.get(label)
        if cid is not None:
            self.set_contact(cid, self._service.names([cid]).get(cid, label))

    def set_contact(self, contact_id: int | None, name: str = "") -> None:
        self._id = contact_id
        if contact_id is not None and not name:
            name = self._service.names([contact_id]).get(contact_id, f"#{contact_id}")
        self._name = name if contact_id is not None else ""
        self.edit.setText(self._name)
        self.changed.emit()

    def contact_id(self) -> int | None:
        return self._id

    def problem(self) -> str | None:
        if self.edit.text().strip() and self._id is None:
            return "pick a contact from the suggestions, or clear the field"
        return None


class CadenceEdit(QWidget):
    """Keep-in-touch cadence: presets plus any number of days."""

    changed = Signal()
    CUSTOM = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        for label, days in CADENCE_PRESETS:
            self.combo.addItem("No reminder" if days is None else label, days or 0)
        self.combo.addItem("Every … days", self.CUSTOM)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(" days")
        self.days.setValue(60)
        self.days.setVisible(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.days)
        self.combo.currentIndexChanged.connect(self._combo_changed)
        self.days.valueChanged.connect(self.changed)

    def _combo_changed(self) -> None:
        self.days.setVisible(self.combo.currentData() == self.CUSTOM)
        self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        return [self.combo, self.days]

    def set_value(self, days: int | None) -> None:
        index = self.combo.findData(days or 0)
        if days and index < 0:
            index = self.combo.findData(self.CUSTOM)
            self.days.setValue(days)
        self.combo.setCurrentIndex(max(0, index))
        self.days.setVisible(self.combo.currentData() == self.CUSTOM)

    def value(self) -> int | None:
        data = self.combo.currentData()
        if data == self.CUSTOM:
            return self.days.value()
        return int(data) or None


# --------------------------------------------------------------- labelled value rows
class ValueRow(QFrame):
    """One labelled value (an email, a phone, an address, a URL) with move/remove buttons."""

    changed = Signal()
    LABELS: tuple[str, ...] = ("work", "home", "other")
    PLACEHOLDER = ""

    def __init__(self, editor: MultiValueEditor) -> None:
        super().__init__()
        self.editor = editor
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.addItems(list(self.LABELS))
        self.label.setFixedWidth(96)
        self.label.setAccessibleName("label")
        self.marker = _marker()
        self.up = self._tool("↑", "Move up")
        self.down = self._tool("↓", "Move down")
        self.remove = self._tool("✕", "Remove")
        self.up.clicked.connect(lambda: editor.move_row(self, -1))
        self.down.clicked.connect(lambda: editor.move_row(self, 1))
        self.remove.clicked.connect(lambda: editor.remove_row(self))
        self.label.currentTextChanged.connect(self.changed)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(2)

    def _tool(self, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return b

    def _place(self, inputs: Sequence[QWidget], extra: Sequence[QWidget] = ()) -> None:
        self.grid.addWidget(self.label, 0, 0)
        box = QHBoxLayout()
        box.setSpacing(4)
        for w in inputs:
            box.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
        for w in extra:
            box.addWidget(w)
        for b in (self.up, self.down, self.remove):
            box.addWidget(b)
        self.grid.addLayout(box, 0, 1)
        self.grid.addWidget(self.marker, 1, 1)
        self.grid.setColumnStretch(1, 1)

    def label_text(self) -> str:
        return self.label.currentText().strip()

    def set_label(self, text: str) -> None:
        if text and self.label.findText(text) < 0:
            self.label.addItem(text)
        self.label.setCurrentText(text or self.LABELS[0])

    # subclasses
    def inputs(self) -> list[QWidget]:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        return [self.label, *self.inputs(), self.up, self.down, self.remove]

    def raw(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def is_blank(self) -> bool:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def check(self) -> tuple[str | None, bool]:
        """(problem, blocking) for this row, shown next to it."""
        return None, False

    def main_input(self) -> QWidget:
        return self.inputs()[0]


class PreferredTextRow(ValueRow):
    """A labelled text value with a "preferred" box (emails, phones)."""

    PLACEHOLDER = ""
    ACCESSIBLE_NAME = ""

    def __init__(self, editor: MultiValueEditor) -> None:
        super().__init__(editor)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(VALUE_MIN_WIDTH)  # an address or number must fit
        self.edit.setPlaceholderText(self.PLACEHOLDER)
        self.edit.setAccessibleName(self.ACCESSIBLE_NAME)
        self.pref = QCheckBox("preferred")
        self._place([self.edit, self.pref])
        self.edit.textChanged.connect(self.changed)
        self.pref.toggled.connect(self.changed)
        self.edit.editingFinished.connect(self.editor.check)

    def inputs(self) -> list[QWidget]:
        return [self.edit, self.pref]

    def raw(self) -> tuple[Any, ...]:
        return (self.label_text(), self.edit.text(), self.pref.isChecked())

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


class EmailValueRow(PreferredTextRow):
    LABELS = ("work", "home", "other")
    PLACEHOLDER = "name@example.com"
    ACCESSIBLE_NAME = "email"

    def value(self) -> Email:
        return Email(self.edit.text().strip(), self.label_text().lower(), self.pref.isChecked())

    def set_value(self, value: Email) -> None:
        self.set_label(value.label)
        self.edit.setText(value.value)
        self.pref.setChecked(value.pref)

    def check(self) -> tuple[str | None, bool]:
        if self.is_blank():
            return None, False
        problem = email_problem(self.edit.text())
        return (f"This email {problem}." if problem else None), True


class PhoneValueRow(PreferredTextRow):
    LABELS = ("mobile", "work", "home", "fax", "other")
    PLACEHOLDER = "+49 171 1234567"
    ACCESSIBLE_NAME = "phone"

    def __init__(self, editor: MultiValueEditor) -> None:
        super().__init__(editor)
        self.formatted = plain_label()
        self.formatted.setObjectName("hint")
        self.formatted.setVisible(False)
        self.grid.addWidget(self.formatted, 2, 1)

    def value(self) -> Phone:
        text = self.edit.text().strip()
        return Phone(text, None, self.label_text().lower(), self.pref.isChecked())

    def set_value(self, value: Phone) -> None:
        self.set_label(value.label)
        self.edit.setText(value.value)
        self.pref.setChecked(value.pref)

    def check(self) -> tuple[str | None, bool]:
        problem, blocking = self._check_number()
        self.formatted.setVisible(bool(self.formatted.text()))
        return problem, blocking

    def _check_number(self) -> tuple[str | None, bool]:
        self.formatted.clear()
        if self.is_blank():
            return None, False
        region = self.editor.region()
        problem = phone_problem(self.edit.text(), region)
        if problem:
            where = f" (default region {region})" if region else ""
            return f"This number {problem}{where}.", False
        e164 = to_e164(self.edit.text(), region)
        shown = format_phone(e164, self.edit.text())
        if shown != self.edit.text().strip():
            self.formatted.setText(f"→ {shown}")
        return None, False


class UrlValueRow(ValueRow):
    LABELS = ("work", "home", "profile", "blog", "other")

    def __init__(self, editor: MultiValueEditor) -> None:
        super().__init__(editor)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(VALUE_MIN_WIDTH)
        self.edit.setPlaceholderText("https://…")
        self.edit.setAccessibleName("web address")
        self.open = QToolButton()
        self.open.setText("Open")
        self.open.setToolTip("Open in the browser (http, https, mailto and tel links only)")
        self.open.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._place([self.edit], [self.open])
        self.edit.textChanged.connect(self.changed)
        self.edit.textChanged.connect(self._update_open)
        self.open.clicked.connect(self.open_link)
        self._update_open()

    def inputs(self) -> list[QWidget]:
        return [self.edit]

    def focus_widgets(self) -> list[QWidget]:
        return [self.label, self.edit, self.open, self.up, self.down, self.remove]

    def link(self) -> str | None:
        """The link this field opens (checked by netdesk.core.links), or None."""
        try:
            return field_link(self.edit.text().strip())
        except UnsafeLinkError:
            return None

    def _update_open(self) -> None:
        self.open.setEnabled(bool(self.edit.text().strip()) and self.link() is not None)

    def open_link(self) -> bool:
        link = self.link()
        if link is None:
            return False
        return open_link(link, self)

    def raw(self) -> tuple[Any, ...]:
        return (self.label_text(), self.edit.text())

    def is_blank(self) -> bool:
        return not self.edit.text().strip()

    def value(self) -> Url:
        return Url(self.edit.text().strip(), self.label_text().lower())

    def set_value(self, value: Url) -> None:
        self.set_label(value.label)
        self.edit.setText(value.value)

    def check(self) -> tuple[str | None, bool]:
        if self.is_blank():
            return None, False
        if " " in self.edit.text().strip():
            return "A web address cannot contain spaces.", True
        try:
            field_link(self.edit.text().strip())
        except UnsafeLinkError as err:
            return f"Kept, but it is not opened as a link: {err.message}", False
        return None, False


class AddressValueRow(ValueRow):
    LABELS = ("work", "home", "other")

    def __init__(self, editor: MultiValueEditor) -> None:
        super().__init__(editor)
        self.street = QLineEdit()
        self.street.setPlaceholderText("street")
        self.postal_code = QLineEdit()
        self.postal_code.setPlaceholderText("postcode")
        self.postal_code.setFixedWidth(90)
        self.locality = QLineEdit()
        self.locality.setPlaceholderText("city")
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("region")
        self.country = QLineEdit()
        self.country.setPlaceholderText("country")
        for name, w in (
            ("street", self.street),
            ("postcode", self.postal_code),
            ("city", self.locality),
            ("region", self.region_edit),
            ("country", self.country),
        ):
            w.setAccessibleName(name)
            w.textChanged.connect(self.changed)
        self._place([self.street])
        second = QHBoxLayout()
        second.setSpacing(4)
        second.addWidget(self.postal_code)
        second.addWidget(self.locality, 2)
        self.grid.addLayout(second, 1, 1)
        third = QHBoxLayout()
        third.setSpacing(4)
        third.addWidget(self.region_edit, 1)
        third.addWidget(self.country, 1)
        self.grid.addLayout(third, 2, 1)
        self.grid.addWidget(self.marker, 3, 1)

    def _fields(self) -> list[QLineEdit]:
        return [self.street, self.postal_code, self.locality, self.region_edit, self.country]

    def inputs(self) -> list[QWidget]:
        return [self.street]

    def focus_widgets(self) -> list[QWidget]:
        return [self.label, self.street, self.up, self.down, self.remove, *self._fields()[1:]]

    def raw(self) -> tuple[Any, ...]:
        return (self.label_text(), *(w.text() for w in self._fields()))

    def is_blank(self) -> bool:
        return not any(w.text().strip() for w in self._fields())

    def value(self) -> Address:
        return Address(
            self.street.text().strip(),
            self.locality.text().strip(),
            self.region_edit.text().strip(),
            self.postal_code.text().strip(),
            self.country.text().strip(),
            self.label_text().lower(),
        )

    def set_value(self, value: Address) -> None:
        self.set_label(value.label)
        self.street.setText(value.street)
        self.postal_code.setText(value.postal_code)
        self.locality.setText(value.locality)
        self.region_edit.setText(value.region)
        self.country.setText(value.country)


class MultiValueEditor(QWidget):
    """A list of labelled rows of one kind, with Add; rows can be moved and removed."""

    changed = Signal()
    structure_changed = Signal()

    def __init__(
        self,
        row_type: type[ValueRow],
        add_text: str,
        region: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row_type = row_type
        self.region = region
        self.rows: list[ValueRow] = []
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row_and_focus)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows_layout)
        layout.addLayout(bottom)

    def add_row(self, value: Any = None) -> ValueRow:
        row = self.row_type(self)
        if value is not None:
            row.set_value(value)
        row.changed.connect(self.changed)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        guard_wheel(row)
        row.show()  # at once, not from the event loop (the layout would queue it)
        self._update_buttons()
        return row

    def add_row_and_focus(self) -> ValueRow:
        row = self.add_row()
        self.structure_changed.emit()
        self.changed.emit()
        row.main_input().setFocus()
        return row

    def remove_row(self, row: ValueRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_buttons()
        self.structure_changed.emit()
        self.changed.emit()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].main_input().setFocus()
        else:
            self.add_button.setFocus()

    def move_row(self, row: ValueRow, delta: int) -> None:
        index = self.rows.index(row)
        target = index + delta
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self.rows_layout.removeWidget(row)
        self.rows_layout.insertWidget(target, row)
        self._update_buttons()
        self.structure_changed.emit()
        self.changed.emit()
        button = row.up if delta < 0 else row.down
        (button if button.isEnabled() else row.main_input()).setFocus()

    def _update_buttons(self) -> None:
        for n, row in enumerate(self.rows):
            row.up.setEnabled(n > 0)
            row.down.setEnabled(n < len(self.rows) - 1)

    def set_values(self, values: Sequence[Any]) -> None:
        """Show these values; existing row widgets are reused (loading a contact is fast)."""
        for row in self.rows[len(values) :]:
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        del self.rows[len(values) :]
        for row, value in zip(self.rows, values, strict=False):
            row.set_value(value)
        for value in values[len(self.rows) :]:
            self.add_row(value)
        self._update_buttons()

    def raw(self) -> tuple[Any, ...]:
        return tuple(r.raw() for r in self.rows if not r.is_blank())

    def values(self) -> tuple[Any, ...]:
        return tuple(r.value() for r in self.rows if not r.is_blank())

    def check(self) -> list[tuple[QWidget, str, bool]]:
        problems = []
        for row in self.rows:
            problem, blocking = row.check()
            set_problem(row.main_input(), row.marker, problem, blocking=blocking)
            if problem:
                problems.append((row.main_input(), problem, blocking))
        return problems

    def focus_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for row in self.rows:
            out += row.focus_widgets()
        out.append(self.add_button)
        return out


# --------------------------------------------------------------------------- the editor
class ContactEditor(QWidget):
    """Edit one contact (or a new one). ``saved(id)`` after a successful save."""

    saved = Signal(int)
    dirty_changed = Signal(bool)
    open_contact_requested = Signal(int)
    cancelled = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setStyleSheet(themed_style(STYLE))
        self._original: Contact = Contact()
        self._baseline: tuple[Any, ...] = ()
        self._dirty = False
        self._loading = False
        self._photo: Photo | None = None
        self.markers: dict[str, QLabel] = {}
        #: the "changed elsewhere" dialog while it is open (tests answer it)
        self.conflict_dialog: QDialog | None = None

        def region() -> str | None:
            """The region national numbers are read in: the phone rule of
            netdesk.core.phones over the addresses and emails as typed now."""
            default = ctx.services.preferences.default_region or None
            if not hasattr(self, "urls"):  # still building the form
                return default
            try:
                addresses = tuple(self.addresses.values())
                emails = tuple(self.emails.values())
            except (ValueError, TypeError):
                return default
            return region_for_contact(Contact(addresses=addresses, emails=emails), default)

        self.region = region

        # ---- widgets, created in visual order
        self.heading = plain_label()  # the contact's name
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(QSize(96, 96))
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo_choose = QPushButton("Choose photo…")
        self.photo_remove = QPushButton("Remove photo")
        for b in (self.photo_choose, self.photo_remove):
            b.setAutoDefault(False)
        self.photo_marker = _marker()
        self.starred = QCheckBox("★ Starred")

        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText("shown name (made from the name parts if empty)")
        self.prefix = QLineEdit()
        self.given_name = QLineEdit()
        self.additional_names = QLineEdit()
        self.family_name = QLineEdit()
        self.suffix = QLineEdit()
        self.nickname = QLineEdit()
        self.organization = QLineEdit()
        self.department = QLineEdit()
        self.title = QLineEdit()
        self.emails = MultiValueEditor(EmailValueRow, "Add email", region)
        self.phones = MultiValueEditor(PhoneValueRow, "Add phone", region)
        self.addresses = MultiValueEditor(AddressValueRow, "Add address", region)
        self.urls = MultiValueEditor(UrlValueRow, "Add web address", region)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma-separated, e.g. hannover-2026, logistics")
        self._tag_model = QStringListModel(self)
        self.tag_completer = TagCompleter(self._tag_model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(self.tag_completer)
        self.tags.installEventFilter(self)  # the tag list is refreshed when the field is entered
        self.cadence = CadenceEdit()
        self.introduced_by = IntroducerPicker(ctx)
        self.met_at = QLineEdit()
        self.met_at.setPlaceholderText("where you met")
        self.met_on = QLineEdit()
        self.met_on.setPlaceholderText("YYYY-MM-DD")
        self.birthday = PartialDateEdit()
        self.anniversary = PartialDateEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save (Ctrl+S, Ctrl+Enter)")
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Discard the changes (Esc)")
        for b in (self.save_button, self.revert_button):
            b.setAutoDefault(False)
        self.status = plain_label()  # may quote a field's value
        self.status.setObjectName("hint")

        for name, w in (
            ("display_name", self.display_name),
            ("prefix", self.prefix),
            ("given_name", self.given_name),
            ("additional_names", self.additional_names),
            ("family_name", self.family_name),
            ("suffix", self.suffix),
            ("nickname", self.nickname),
            ("organization", self.organization),
            ("department", self.department),
            ("title", self.title),
            ("tags", self.tags),
            ("met_at", self.met_at),
            ("met_on", self.met_on),
        ):
            w.setObjectName(name)
            w.textChanged.connect(self._on_edit)
        for name in ("display_name", "met_on", "introduced_by", "birthday", "anniversary"):
            self.markers[name] = _marker()

        # ---- layout
        top = QHBoxLayout()
        photo_col = QVBoxLayout()
        photo_col.addWidget(self.photo_label)
        photo_col.addWidget(self.photo_choose)
        photo_col.addWidget(self.photo_remove)
        photo_col.addWidget(self.photo_marker)
        photo_col.addStretch(1)
        names = QFormLayout()
        names.addRow(self.heading)
        names.addRow("Shown as", self._with_marker(self.display_name, "display_name"))
        names.addRow("Prefix", self.prefix)
        names.addRow("Given name", self.given_name)
        names.addRow("Middle names", self.additional_names)
        names.addRow("Family name", self.family_name)
        names.addRow("Suffix", self.suffix)
        names.addRow("Nickname", self.nickname)
        names.addRow("", self.starred)
        top.addLayout(names, 1)
        top.addLayout(photo_col)

        work = QFormLayout()
        work.addRow("Organisation", self.organization)
        work.addRow("Department", self.department)
        work.addRow("Title", self.title)

        network = QFormLayout()
        network.addRow("Tags", self.tags)
        network.addRow("Keep in touch", self.cadence)
        network.addRow("Introduced by", self._with_marker(self.introduced_by, "introduced_by"))
        network.addRow("Met at", self.met_at)
        network.addRow("Met on", self._with_marker(self.met_on, "met_on"))
        network.addRow("Birthday", self._with_marker(self.birthday, "birthday"))
        network.addRow("Anniversary", self._with_marker(self.anniversary, "anniversary"))

        body = QWidget()
        col = QVBoxLayout(body)
        col.addLayout(top)
        col.addWidget(self._group("Work", work))
        col.addWidget(self._group("Emails", self.emails))
        col.addWidget(self._group("Phones", self.phones))
        col.addWidget(self._group("Addresses", self.addresses))
        col.addWidget(self._group("Web", self.urls))
        col.addWidget(self._group("Network", network))
        notes_box = QVBoxLayout()
        notes_box.addWidget(self.notes)
        col.addWidget(self._group("Notes", notes_box))
        col.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        guard_wheel(body)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

        # ---- behaviour
        for multi in (self.emails, self.phones, self.addresses, self.urls):
            multi.changed.connect(self._on_edit)
            multi.structure_changed.connect(self.fix_tab_order)
        for w in (self.birthday, self.anniversary, self.cadence, self.introduced_by):
            w.changed.connect(self._on_edit)
        self.starred.toggled.connect(self._on_edit)
        self.notes.textChanged.connect(self._on_edit)
        self.photo_choose.clicked.connect(self.choose_photo)
        self.photo_remove.clicked.connect(self.remove_photo)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.met_on.editingFinished.connect(self.check)
        add_save_shortcuts(
            self,
            self.save,
            extra=("Ctrl+S",),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.esc_shortcut = QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.cancel,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.load(None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.tags and event.type() == QEvent.Type.FocusIn:
            self.refresh_tag_list()
        return False

    def refresh_tag_list(self) -> None:
        self._tag_model.setStringList(self.ctx.services.contacts.tags())

    # ------------------------------------------------------------------ layout helpers
    def _with_marker(self, widget: QWidget, name: str) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(self.markers[name])
        return box

    def _group(self, title: str, content: QWidget | Any) -> QGroupBox:
        box = QGroupBox(title)
        if isinstance(content, QWidget):
            inner = QVBoxLayout(box)
            inner.setContentsMargins(6, 6, 6, 6)
            inner.addWidget(content)
        else:
            box.setLayout(content)
        return box

    def focus_order(self) -> list[QWidget]:
        """Every focusable field, in the order it appears on screen (top to bottom)."""
        order: list[QWidget] = [
            self.display_name,
            self.prefix,
            self.given_name,
            self.additional_names,
            self.family_name,
            self.suffix,
            self.nickname,
            self.starred,
            self.photo_choose,
            self.photo_remove,
            self.organization,
            self.department,
            self.title,
        ]
        for multi in (self.emails, self.phones, self.addresses, self.urls):
            order += multi.focus_widgets()
        order += [self.tags, *self.cadence.focus_widgets(), self.introduced_by.edit, self.met_at]
        order += [self.met_on, *self.birthday.focus_widgets(), *self.anniversary.focus_widgets()]
        order += [self.notes, self.revert_button, self.save_button]
        return order

    def fix_tab_order(self) -> None:
        order = self.focus_order()
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

    # ---------------------------------------------------------------------- loading
    @property
    def contact_id(self) -> int | None:
        return self._original.id

    def is_dirty(self) -> bool:
        return self._dirty

    def load(self, contact: Contact | None) -> None:
        """Show ``contact`` (None: an empty form for a new contact). Discards edits."""
        c = contact or Contact(cadence_days=self.ctx.services.preferences.default_cadence_days)
        if c.id is None and c.cadence_days is None:  # a new contact: the preferred cadence
            c = c.with_changes(cadence_days=self.ctx.services.preferences.default_cadence_days)
        self._loading = True
        try:
            self._original = c
            self.heading.setText(c.name if c.id is not None else "New contact")
            self.display_name.setText(c.display_name)
            self.prefix.setText(c.prefix)
            self.given_name.setText(c.given_name)
            self.additional_names.setText(c.additional_names)
            self.family_name.setText(c.family_name)
            self.suffix.setText(c.suffix)
            self.nickname.setText(c.nickname)
            self.organization.setText(c.organization)
            self.department.setText(c.department)
            self.title.setText(c.title)
            self.emails.set_values(c.emails or (Email(""),))
            self.phones.set_values(c.phones or (Phone(""),))
            self.addresses.set_values(c.addresses)
            self.urls.set_values(c.urls)
            self.tags.setText(", ".join(c.tags))
            self.cadence.set_value(c.cadence_days)
            self.introduced_by.exclude_id = c.id
            self.introduced_by.set_contact(c.introduced_by)
            self.met_at.setText(c.met_at)
            self.met_on.setText(c.met_on.isoformat() if c.met_on else "")
            self.birthday.set_value(c.birthday)
            self.anniversary.set_value(c.anniversary)
            self.notes.setPlainText(c.notes)
            self.starred.setChecked(c.starred)
            self._set_photo(c.photo)
        finally:
            self._loading = False
        self.check()
        self.fix_tab_order()
        self._baseline = self.raw_state()
        self._set_dirty(False)
        self.status.clear()

    def load_id(self, contact_id: int | None) -> None:
        self.load(None if contact_id is None else self.ctx.services.contacts.get(contact_id))

    def raw_state(self) -> tuple[Any, ...]:
        """Everything the user can change, as typed (for the unsaved-changes check)."""
        return (
            tuple(
                w.text()
                for w in (
                    self.display_name,
                    self.prefix,
                    self.given_name,
                    self.additional_names,
                    self.family_name,
                    self.suffix,
                    self.nickname,
                    self.organization,
                    self.department,
                    self.title,
                    self.met_at,
                    self.met_on,
                )
            ),
            tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            self.emails.raw(),
            self.phones.raw(),
            self.addresses.raw(),
            self.urls.raw(),
            self.cadence.value(),
            (self.introduced_by.contact_id(), self.introduced_by.edit.text()),
            self.birthday.raw(),
            self.anniversary.raw(),
            self.notes.toPlainText(),
            self.starred.isChecked(),
            self._photo,
        )

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._set_dirty(self.raw_state() != self._baseline)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty or self._original.id is None)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ----------------------------------------------------------------------- photo
    def _set_photo(self, photo: Photo | None) -> None:
        self._photo = photo
        pixmap = photo_pixmap(photo, 96)
        if pixmap.isNull():
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("no photo" if photo is None else "unreadable\nphoto")
        else:
            self.photo_label.setPixmap(pixmap)
        self.photo_remove.setEnabled(photo is not None)

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a photo", "", PHOTO_FILTER)
        if path:
            self.set_photo_file(path)

    def set_photo_file(self, path: str) -> bool:
        try:
            photo = load_photo(path)
        except ValidationError as err:
            set_problem(self.photo_label, self.photo_marker, f"The photo {err.reason}.")
            return False
        set_problem(self.photo_label, self.photo_marker, None)
        self._set_photo(photo)
        self._on_edit()
        return True

    def remove_photo(self) -> None:
        self._set_photo(None)
        self._on_edit()

    # ------------------------------------------------------------------ validation
    def check(self) -> list[tuple[QWidget, str, bool]]:
        """Mark every problem next to its field; returns (widget, reason, blocking)."""
        problems: list[tuple[QWidget, str, bool]] = []

        def mark(name: str, widget: QWidget, problem: str | None, blocking: bool = True) -> None:
            set_problem(widget, self.markers[name], problem, blocking=blocking)
            if problem:
                problems.append((widget, problem, blocking))

        for multi in (self.emails, self.phones, self.addresses, self.urls):
            problems += multi.check()
        met_on = self.met_on.text().strip()
        met_problem = None
        if met_on:
            try:
                date.fromisoformat(met_on)
            except ValueError:
                met_problem = f"{met_on!r} is not a date in the form YYYY-MM-DD"
        mark("met_on", self.met_on, met_problem)
        for name, edit in (("birthday", self.birthday), ("anniversary", self.anniversary)):
            try:
                edit.value()
                mark(name, edit.day, None)
            except ValueError as err:
                mark(name, edit.day, f"The date {err}.")
        mark("introduced_by", self.introduced_by.edit, self.introduced_by.problem())
        mark("display_name", self.display_name, None)
        return problems

    def contact(self) -> Contact:
        """The contact as the form describes it (call check() first for problems)."""
        met_on = self.met_on.text().strip()
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        return self._original.with_changes(
            display_name=self.display_name.text().strip(),
            prefix=self.prefix.text().strip(),
            given_name=self.given_name.text().strip(),
            additional_names=self.additional_names.text().strip(),
            family_name=self.family_name.text().strip(),
            suffix=self.suffix.text().strip(),
            nickname=self.nickname.text().strip(),
            organization=self.organization.text().strip(),
            department=self.department.text().strip(),
            title=self.title.text().strip(),
            emails=self.emails.values(),
            phones=self.phones.values(),
            addresses=self.addresses.values(),
            urls=self.urls.values(),
            tags=tags,
            cadence_days=self.cadence.value(),
            introduced_by=self.introduced_by.contact_id(),
            met_at=self.met_at.text().strip(),
            met_on=date.fromisoformat(met_on) if met_on else None,
            birthday=self.birthday.value(),
            anniversary=self.anniversary.value(),
            notes=self.notes.toPlainText().strip(),
            starred=self.starred.isChecked(),
            photo=self._photo,
        )

    def _is_empty_new(self, c: Contact) -> bool:
        return c.id is None and not any(
            (
                c.display_name,
                c.given_name,
                c.family_name,
                c.nickname,
                c.organization,
                c.emails,
                c.phones,
            )
        )

    # ------------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Validate, warn about duplicates, write, push an undo step. False if not saved."""
        problems = self.check()
        blocking = [p for p in problems if p[2]]
        if blocking:
            widget, reason, _ = blocking[0]
            self._reveal(widget)
            widget.setFocus()
            self.status.setText(
                f"Not saved: {len(blocking)} field{'s' if len(blocking) != 1 else ''} "
                f"need{'s' if len(blocking) == 1 else ''} attention. {reason}"
            )
            return False
        c = self.contact()
        if self._is_empty_new(c):
            set_problem(
                self.display_name,
                self.markers["display_name"],
                "Give the contact a name, an organisation, an email or a phone number.",
            )
            self.display_name.setFocus()
            self.status.setText("Not saved: the contact is empty.")
            return False
        if not self.confirm_duplicates(c):
            return False
        from netdesk.ui.contacts.feature import CreateContactCommand, SaveContactCommand

        services = self.ctx.services.contacts
        stored: Contact | None = None
        before = self._original
        try:
            if c.id is None:
                cid, change = services.create(c)
                self.ctx.undo.push(CreateContactCommand(self.ctx, cid, c.name))
            else:
                edit = services.prepare(c)
                saved = self._save_merging(edit, before)
                if saved is None:
                    return False
                stored, change = saved
                cid = c.id
                self.ctx.undo.push(SaveContactCommand(self.ctx, before, edit))
        except ValidationError as err:
            self._show_service_problem(err)
            return False
        except NetDeskError as err:
            from netdesk.ui.common.errors import show_error

            show_error(self, "The contact was not saved", err)
            return False
        merged = stored is not None and stored.version > before.version + 1
        self.load(stored) if stored is not None else self.load_id(cid)
        self.status.setText("Saved.")
        if merged:  # the contact changed elsewhere meanwhile: both sets of changes kept
            self.ctx.nav.status.emit(
                f"Saved {self._original.name}, together with changes made to it elsewhere."
            )
        else:
            self.ctx.nav.status.emit(f"Saved {self._original.name}.")
        self.ctx.bus.publish(change)
        self.saved.emit(cid)
        return True

    def _save_merging(self, edit: Contact, base: Contact) -> tuple[Contact, Change] | None:
        """Write ``edit`` (of ``base``, the contact as loaded). When the contact changed
        elsewhere meanwhile the service merges field by field; fields both sides changed are
        put to the user, and nothing is written until they choose (None: they cancelled)."""
        services = self.ctx.services.contacts
        for _attempt in range(5):
            try:
                return services.save_contact(edit, base=base)
            except StaleContactError as err:
                if err.current is None or err.merge is None:
                    raise
                choices = self.ask_conflicts(err.current, err.merge.conflicts)
                if choices is None:
                    self.status.setText(
                        f"Not saved: {err.current.name} was changed elsewhere; "
                        "your changes are still here."
                    )
                    return None
                # the user's choices are now an edit of the contact as it is now
                edit, base = err.merge.resolve(choices), err.current
        raise NetDeskError(
            f"{base.name} keeps changing elsewhere; nothing was saved. Try again in a moment."
        )

    def ask_conflicts(
        self, current: Contact, conflicts: Sequence[FieldConflict]
    ) -> dict[str, str] | None:
        """Which side to keep for each field both changed ("mine"/"theirs"); None: cancel."""
        from netdesk.ui.common.conflict import ConflictDialog

        people = [
            v for c in conflicts if c.field == "introduced_by" for v in (c.mine, c.theirs) if v
        ]
        names = self.ctx.services.contacts.names(people) if people else {}
        dialog = ConflictDialog(current.name, conflicts, names, self)
        self.conflict_dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choices()
        finally:
            self.conflict_dialog = None
            dialog.deleteLater()

    def _show_service_problem(self, err: ValidationError) -> None:
        targets: dict[str, QWidget] = {
            "cadence_days": self.cadence.combo,
            "introduced_by": self.introduced_by.edit,
            "photo": self.photo_label,
        }
        widget = targets.get(err.field, self.display_name)
        marker = (
            self.photo_marker
            if err.field == "photo"
            else self.markers.get(err.field, self.markers["display_name"])
        )
        set_problem(widget, marker, f"{err.field}: {err.reason}")
        self.status.setText(f"Not saved: {err.field} {err.reason}")
        widget.setFocus()

    def duplicate_matches(self, c: Contact) -> list[tuple[int, str]]:
        """Other contacts that already have one of this contact's emails or phones."""
        matches = self.ctx.services.contacts.find_matches(c, exclude_id=c.id)
        return [(i, r) for i, r in matches if r.startswith(("same email", "same phone"))]

    def confirm_duplicates(self, c: Contact) -> bool:
        matches = self.duplicate_matches(c)
        if not matches:
            return True
        names = self.ctx.services.contacts.names([i for i, _ in matches])
        lines = "".join(f"\n• {names.get(i, f'#{i}')}: {reason}" for i, reason in matches)
        box = message_box(
            self,
            QMessageBox.Icon.Warning,
            "Possible duplicate",
            f"Another contact already has this email or phone:{lines}\n\n"
            "Save anyway, or open that contact instead?",
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Open
            | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Save).setText("Save anyway")
        box.button(QMessageBox.StandardButton.Open).setText(
            no_mnemonic(f"Open {names.get(matches[0][0], 'that contact')}")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return True
        if answer == QMessageBox.StandardButton.Open:
            self.open_contact_requested.emit(matches[0][0])
        return False

    def revert(self) -> None:
        self.load_id(self._original.id) if self._original.id is not None else self.load(None)
        self.status.setText("Changes discarded.")

    def cancel(self) -> None:
        """Esc: discard the edit."""
        if self._dirty:
            self.revert()
        self.cancelled.emit()

    def ask_keep_changes(self) -> bool:
        """Before the form is replaced or closed: True when it is fine to go on (saved, or
        the user chose to discard); False to stay."""
        if not self._dirty:
            return True
        name = self._original.name if self._original.id is not None else "the new contact"
        # Cancel is the default: Enter on the question never saves nor discards anything.
        answer = ask(
            self,
            "Unsaved changes",
            f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    def _reveal(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 20, 40)


# --------------------------------------------------------------------- new-contact dialog
class NewContactDialog(QDialog):
    """The editor in a dialog, for a new contact (optionally pre-filled)."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, draft: Contact | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New contact")
        self.editor = ContactEditor(ctx, self)
        self.editor.revert_button.hide()
        self.editor.save_button.hide()
        if draft is not None:
            self.editor.load(draft.with_changes(id=None))
            self.editor._baseline = ()  # a pre-filled draft counts as unsaved input
            self.editor._on_edit()
        self.created_id: int | None = None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = buttons
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.editor.saved.connect(self._saved)
        # Esc asks before throwing away what was typed (the panel's Esc reverts instead)
        self.editor.esc_shortcut.activated.disconnect()
        self.editor.esc_shortcut.activated.connect(self.reject)
        self.resize(560, 640)
        order = self.editor.focus_order()[:-2]
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(order[-1], save)
        QWidget.setTabOrder(save, cancel)
        QTimer.singleShot(0, self.editor.given_name.setFocus)

    def save(self) -> bool:
        return self.editor.save()

    def _saved(self, contact_id: int) -> None:
        self.created_id = contact_id
        self.accept()

    def reject(self) -> None:
        if self.editor.is_dirty():
            answer = QMessageBox.question(
                self,
                "Unsaved contact",
                "Discard the new contact?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
