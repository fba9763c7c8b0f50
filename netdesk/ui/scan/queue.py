"""The scan queue of card entry: card photos dropped (or a folder chosen) are read one after
another on a reader thread of their own (OCR takes seconds; it must never hold up a save on
the database worker); the form shows the first card read, with its photo beside the fields;
Ctrl+Enter saves it as usual and the next card comes up. Skip puts a card at the end of the
queue; the queue's files survive a restart (a small JSON file in the data folder).

The OCR engine is imported by the reader thread on the first photo, never before.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk import paths
from netdesk.core.model import Photo
from netdesk.ui.common.safe_text import plain_label
from netdesk.ui.common.worker import DbWorker, Task, TaskControl

if TYPE_CHECKING:
    from netdesk.scan import ScanResult
    from netdesk.ui.cards.view import CardEntryView

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"})
QUEUE_FILE = "scan-queue.json"
#: a photo whose name ends like this is the back of the card named just before it
BACK_MARKERS = ("back", "rueckseite", "verso", "reverso")

STATE_TEXT = {
    "waiting": "waiting",
    "reading": "reading…",
    "ready": "ready",
    "failed": "could not be read",
}


def _text_of(w: QWidget) -> str:
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    return ""


def is_image(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def _is_back(path: str) -> bool:
    stem = Path(path).stem.lower().rstrip("0123456789 _-")
    return stem.endswith(BACK_MARKERS)


def group_sides(files: list[str]) -> list[tuple[str, ...]]:
    """Photos in order, a back (``card7-back.jpg``) joined to the front before it."""
    groups: list[tuple[str, ...]] = []
    for f in files:
        if groups and len(groups[-1]) == 1 and _is_back(f) and not _is_back(groups[-1][0]):
            groups[-1] = (groups[-1][0], f)
        else:
            groups.append((f,))
    return groups


@dataclass
class QueueItem:
    files: tuple[str, ...]
    state: str = "waiting"
    result: ScanResult | None = None
    error: str = ""

    @property
    def label(self) -> str:
        names = " + ".join(Path(f).name for f in self.files)
        who = ""
        if self.result is not None:
            who = self.result.contact.display_name or "(no name read)"
            who = f" — {who}"
        return f"{names}{who}  [{STATE_TEXT.get(self.state, self.state)}]"


def _read(files: tuple[str, ...], region: str | None, control: TaskControl) -> ScanResult:
    from netdesk.scan import read_card

    if control.cancelled:
        raise CancelledRead
    return read_card(list(files), region=region)


class CancelledRead(Exception):
    pass


class ScanQueuePanel(QFrame):
    """Beside the card form: the queue, the photo of the card in the form, what to check."""

    def __init__(self, view: CardEntryView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("scanQueue")
        self.items: list[QueueItem] = []
        self.current: QueueItem | None = None
        self._reader: DbWorker | None = None
        self._task: Task | None = None
        self._reading: QueueItem | None = None
        self.paused = False

        self.title = QLabel("Scan queue")
        self.title.setObjectName("scanQueueTitle")
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setMinimumHeight(160)
        self.warnings = plain_label()
        self.warnings.setObjectName("scanWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.itemActivated.connect(self._activated)
        self.add_button = QPushButton("Add photos…")
        self.add_button.clicked.connect(self.choose_photos)
        self.folder_button = QPushButton("Add folder…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Put this card at the end of the queue and show the next one")
        self.skip_button.clicked.connect(self.skip)
        self.cancel_button = QPushButton("Stop reading")
        self.cancel_button.setToolTip("Stop after the card being read; the rest stays queued")
        self.cancel_button.clicked.connect(self.toggle_reading)
        self.clear_button = QPushButton("Clear queue")
        self.clear_button.clicked.connect(self.clear)

        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.folder_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.photo)
        layout.addWidget(self.warnings)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        layout.addLayout(top)
        self._load()
        self._refresh()

    # ------------------------------------------------------------ persistence
    @staticmethod
    def queue_path() -> Path:
        return paths.data_dir() / QUEUE_FILE

    def _save(self) -> None:
        data = [list(it.files) for it in self.items]
        path = self.queue_path()
        try:
            if not data:
                path.unlink(missing_ok=True)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": 1, "cards": data}), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as err:
            self.view.ctx.nav.status.emit(f"The scan queue could not be saved: {err}")

    def _load(self) -> None:
        try:
            data = json.loads(self.queue_path().read_text(encoding="utf-8"))
            cards = data["cards"] if isinstance(data, dict) else []
        except (OSError, ValueError, KeyError):
            return
        for files in cards:
            if (
                isinstance(files, list)
                and files
                and all(isinstance(f, str) and Path(f).is_file() for f in files)
            ):
                self.items.append(QueueItem(tuple(files)))
        if self.items:
            self._pump()

    # ------------------------------------------------------------ adding
    def add_files(self, files: list[str]) -> int:
        """Queue card photos (a back named ``…back`` joins the front before it); returns how
        many cards were queued."""
        known = {f for it in self.items for f in it.files}
        images = [str(Path(f)) for f in files if is_image(f) and str(Path(f)) not in known]
        groups = group_sides(images)
        self.items += [QueueItem(g) for g in groups]
        self._save()
        self._refresh()
        self._pump()
        return len(groups)

    def add_folder(self, folder: str | Path) -> int:
        files = sorted(str(p) for p in Path(folder).iterdir() if p.is_file() and is_image(p))
        return self.add_files(files)

    def choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Card photos", "", "Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)"
        )
        if files:
            self.add_files(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of card photos")
        if folder:
            self.add_folder(folder)

    # ------------------------------------------------------------ reading
    def _pump(self) -> None:
        if self._task is not None or self.paused:
            self._refresh()
            return
        item = next((it for it in self.items if it.state == "waiting"), None)
        if item is None:
            self._refresh()
            return
        if self._reader is None:
            self._reader = DbWorker(self, thread_name="netdesk-scan")
            app = QCoreApplication.instance()
            if app is not None:  # quitting stops reading (after the card being read)
                app.aboutToQuit.connect(self._quit)
        item.state = "reading"
        self._reading = item
        region = self.view._region()
        files = item.files
        self._task = self._reader.submit(
            lambda control: _read(files, region, control),
            on_success=self._read_done,
            on_error=self._read_failed,
            name="scan card",
        )
        self._refresh()

    def _read_done(self, result: ScanResult) -> None:
        item, self._reading, self._task = self._reading, None, None
        if item is not None and item in self.items:
            item.state = "ready"
            item.result = result
            if self.current is None and not self._form_busy() and self._first_pending() is item:
                self.show_item(item)
        self._pump()

    def _read_failed(self, err: BaseException, _details: str) -> None:
        item, self._reading, self._task = self._reading, None, None
        if item is not None and item in self.items:
            if isinstance(err, CancelledRead):
                item.state = "waiting"
            else:
                item.state = "failed"
                item.error = str(err) or type(err).__name__
                if self.current is None and not self._form_busy():
                    self._show_next()  # the card after it may be read already
        self._pump()

    def _form_busy(self) -> bool:
        """Whether the user is typing a card by hand (then a scanned card waits)."""
        v = self.view
        return v._editing is not None or any(
            _text_of(w).strip() for k, w in v.fields.items() if k != "note"
        )

    def toggle_reading(self) -> None:
        self.paused = not self.paused
        if self.paused and self._task is not None:
            self._task.cancel()
        self._pump()

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop reading: waits (up to ``timeout``) for the card being read."""
        self.paused = True
        if self._task is not None:
            self._task.cancel()
        if self._reader is not None:
            self._reader.shutdown(timeout=timeout)
            self._reader = None

    def _quit(self) -> None:
        self.shutdown(timeout=5.0)

    # ------------------------------------------------------------ the form
    def show_item(self, item: QueueItem) -> None:
        result = item.result
        if result is None:
            return
        v = self.view
        v.clear_form()
        v.fill_form(result.contact, result.review_fields)
        for key, fields in (("email", "emails"), ("url", "urls")):
            if fields in result.low_confidence_fields and _text_of(v.fields[key]):
                v._set_flag(v.fields[key], "guessed", True)
        if "phones" in result.low_confidence_fields:
            for key in ("mobile", "work", "fax", "other"):
                if _text_of(v.fields[key]):
                    v._set_flag(v.fields[key], "guessed", True)
        sides = ("card_front", "card_back")
        v._pending_images = {
            side: Photo(data, "image/jpeg")
            for side, data in zip(sides, result.images, strict=False)
        }
        v._update_images_label()
        self.current = item
        pix = QPixmap()
        if result.images and pix.loadFromData(result.images[0]):
            self.photo.setPixmap(
                pix.scaled(
                    320,
                    200,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        notes = list(result.warnings)
        if result.unparsed:
            notes.append("Not used: " + " · ".join(result.unparsed))
        self.warnings.setText("\n".join(notes))
        self.warnings.setVisible(bool(notes))
        self._refresh()
        v.name.setFocus()

    def card_saved(self) -> None:
        """The card in the form was saved: it leaves the queue and the next one comes up."""
        if self.current is not None:
            if self.current in self.items:
                self.items.remove(self.current)
            self.current = None
            self._save()
        self._show_next()  # also after a card typed by hand, while scanned ones waited

    def _first_pending(self) -> QueueItem | None:
        """The card that comes next, in queue order (cards that could not be read stay in the
        list for the user, but are passed over)."""
        return next((it for it in self.items if it.state != "failed"), None)

    def _show_next(self) -> None:
        nxt = self._first_pending()
        if nxt is not None and nxt.state == "ready":
            self.show_item(nxt)
        else:
            self.photo.clear()
            self.warnings.hide()
            self._refresh()

    def skip(self) -> None:
        """Put the card in the form at the end of the queue and show the next one."""
        item = self.current
        if item is None:
            return
        self.items.remove(item)
        self.items.append(item)
        self.current = None
        self.view.clear_form()
        self._save()
        self._show_next()  # the next card in order, as soon as it is read

    def clear(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.items = [it for it in self.items if it is self._reading]
        if self.current is not None:
            self.current = None
            self.view.clear_form()
        self.photo.clear()
        self.warnings.hide()
        self._save()
        self._refresh()

    def _activated(self, row_item: QListWidgetItem) -> None:
        index = self.list.row(row_item)
        if 0 <= index < len(self.items) and self.items[index].state == "ready":
            self.show_item(self.items[index])

    # ------------------------------------------------------------ display
    def _refresh(self) -> None:
        self.setVisible(bool(self.items))
        self.list.clear()
        for it in self.items:
            row = QListWidgetItem(it.label + ("  ◀ in the form" if it is self.current else ""))
            row.setToolTip("\n".join(it.files) + (f"\n{it.error}" if it.error else ""))
            self.list.addItem(row)
        total = len(self.items)
        read = sum(1 for it in self.items if it.state in ("ready", "failed"))
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(read)
        if self._reading is not None:
            n = self.items.index(self._reading) + 1 if self._reading in self.items else read + 1
            self.progress.setFormat(f"Reading card {n} of {total}…")
        elif self.paused and any(it.state == "waiting" for it in self.items):
            self.progress.setFormat(f"Stopped: {read} of {total} read")
        else:
            self.progress.setFormat(f"{read} of {total} read")
        self.cancel_button.setText("Resume reading" if self.paused else "Stop reading")
        self.skip_button.setEnabled(self.current is not None and len(self.items) > 1)
        self.title.setText(f"Scan queue — {total} card{'s' if total != 1 else ''}")

    def status(self) -> dict[str, Any]:
        return {it.files[0]: it.state for it in self.items}
