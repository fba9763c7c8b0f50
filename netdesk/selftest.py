"""``netdesk --selftest``: an end-to-end check of an installed (frozen) or development NetDesk.

In a throw-away folder it creates a database, migrates it, writes and reads a contact, imports
a small vCard (in this process and in worker processes), exports it again, and opens the main
window offscreen. One line per step with its time; ``selftest: ok`` and exit code 0 when all
passed, otherwise a message on stderr and exit code 1. The user's own data is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

#: A small vCard file: two cards, non-ASCII names, a folded line, a phone without country code.
SAMPLE_VCARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Müller;Jürgen;;Dr.;\r\n"
    "FN:Dr. Jürgen Müller\r\n"
    "ORG:Kessler Logistik GmbH;Einkauf\r\n"
    "TITLE:Leiter Beschaffung\r\n"
    "EMAIL;TYPE=INTERNET,WORK:j.mueller@example.com\r\n"
    "TEL;TYPE=CELL:0171 9876543\r\n"
    "NOTE:Met at the Hannover fair\\, hall 27. Wants the catalogue before the next ye\r\n"
    " ar.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Øvergaard;Åsa;;;\r\n"
    "FN:Åsa Øvergaard\r\n"
    "EMAIL:asa@example.org\r\n"
    "BDAY:--05-02\r\n"
    "END:VCARD\r\n"
).encode()
SAMPLE_NAMES = {"Dr. Jürgen Müller", "Åsa Øvergaard"}


class SelftestFailure(Exception):
    """A check did not hold; the message says which."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise SelftestFailure(message)


class _Run:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step = "start"
        self.started = time.perf_counter()

    def say(self, text: str) -> None:
        self.out.write(f"selftest: {text}\n")
        self.out.flush()

    @contextmanager
    def timed(self, step: str) -> Iterator[list[str]]:
        """Run one step; the body appends what it found to the yielded list."""
        self.step = step
        notes: list[str] = []
        t0 = time.perf_counter()
        yield notes
        self.say(f"{step:<14} {time.perf_counter() - t0:7.3f} s  {'; '.join(notes)}".rstrip())


def _stream(stream: TextIO | None) -> TextIO:
    # A windowed app on Windows has no stdout/stderr; the exit code still tells.
    return stream if stream is not None else open(os.devnull, "w")


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_selftest(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step; returns the process exit code (0 ok, 1 failed)."""
    out = _stream(out or sys.stdout)
    err = _stream(err or sys.stderr)
    run = _Run(out)
    try:
        _run_steps(run)
    except Exception as exc:
        message = str(exc) if isinstance(exc, SelftestFailure) else f"{type(exc).__name__}: {exc}"
        err.write(f"selftest: FAILED in step '{run.step}': {message}\n")
        if not isinstance(exc, SelftestFailure):
            err.write("".join(traceback.format_exception(exc)))
        err.flush()
        return 1
    run.say(f"ok ({time.perf_counter() - run.started:.2f} s)")
    return 0


def _run_steps(run: _Run) -> None:
    from netdesk import __version__, paths

    frozen = bool(getattr(sys, "frozen", False))
    with run.timed("environment") as notes:
        notes.append(f"NetDesk {__version__}")
        notes.append(f"Python {sys.version.split()[0]} on {sys.platform}")
        notes.append("frozen" if frozen else "from source")
        if not os.environ.get("NETDESK_HOME"):
            # Where the installed app keeps its data: the per-user data dir, never beside
            # the program (which may be read-only and is replaced by every update).
            data = paths.data_dir().resolve()
            program = Path(sys.executable).resolve().parent
            notes.append(f"user data dir {data}")
            if frozen:
                check(
                    program != data and program not in data.parents,
                    f"the data dir {data} lies inside the program folder {program}",
                )

    with (
        tempfile.TemporaryDirectory(prefix="netdesk-selftest-", ignore_cleanup_errors=True) as tmp,
        _environment(NETDESK_HOME=tmp),
    ):
        _data_steps(run, Path(tmp))


def _data_steps(run: _Run, home: Path) -> None:
    from netdesk import paths
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    db_path = paths.default_db_path()
    check(home in db_path.parents, f"NETDESK_HOME was not honoured (database at {db_path})")
    with run.timed("migrate") as notes:
        from netdesk.storage import migrations
        from netdesk.storage.db import inspect_file

        head = migrations.head_revision()
        services = Services.open(db_path, SettingsStore(paths.config_dir()))
        revision = inspect_file(db_path)
        check(revision == head, f"database at revision {revision}, expected {head}")
        where = migrations.MIGRATIONS_DIR
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle:
            check(Path(bundle) in where.parents, f"migrations found outside the bundle: {where}")
        notes.append(f"{len(migrations.known_revisions())} revision(s) from {where}")
        notes.append(f"head {head}")
    try:
        _contact_steps(run, services)
        _vcard_steps(run, services, home)
        _window_step(run, services)
        _binding_step(run)
        _scan_step(run)
    finally:
        services.close()


def _contact_steps(run: _Run, services: Any) -> None:
    from netdesk.core.model import Contact, Email, Phone

    with run.timed("contact") as notes:
        draft = Contact(
            display_name="Zoë Ångström-Selftest",
            given_name="Zoë",
            family_name="Ångström-Selftest",
            organization="NetDesk Selbsttest GmbH",
            emails=(Email("zoe@example.com", "work"),),
            phones=(Phone("+49 30 1234567", label="work"),),
            tags=("selftest",),
        )
        contact_id, _change = services.contacts.create(draft)
        back = services.contacts.get(contact_id)
        check(back.display_name == draft.display_name, f"read back {back.display_name!r}")
        check(back.emails and back.emails[0].value == "zoe@example.com", "e-mail not kept")
        check(back.phones and back.phones[0].e164 == "+49301234567", "phone not normalised")
        found = services.contacts.list_ids(search="angstrom selbst")
        check(found == [contact_id], f"search for 'angstrom selbst' found {found}")
        notes.append(f"id {contact_id} written, read back and found by folded search")


def _vcard_steps(run: _Run, services: Any, home: Path) -> None:
    from netdesk.vcard import iter_vcards_parallel, read_vcards

    with run.timed("vcard import") as notes:
        sample = home / "selftest.vcf"
        sample.write_bytes(SAMPLE_VCARD)
        before = services.contacts.count()
        report = services.interchange.import_files([sample])
        ids = list(report.created_ids)
        check(
            report.cards == 2 and report.imported == 2 and not report.unreadable,
            f"import: {report.summary()}",
        )
        check(services.contacts.count() == before + 2, "imported contacts not counted")
        names = set(services.contacts.names(ids).values())
        check(names == SAMPLE_NAMES, f"imported names {sorted(names)}")
        muller = services.contacts.list_ids(search="muller")
        check(len(muller) == 1 and muller[0] in ids, f"search 'muller' found {muller}")
        notes.append(report.summary())

    with run.timed("vcard export") as notes:
        exported = home / "export.vcf"
        services.interchange.export_to_file(exported, ids, "4.0")
        again = read_vcards(exported.read_bytes(), exported.name, "DE")
        back = {r.contact.display_name for r in again if r.contact is not None}
        check(back == SAMPLE_NAMES, f"exported file reads back as {sorted(back)}")
        plan = services.interchange.preview([exported])
        check(plan.matches == 2, f"re-import preview: {plan.matches} of 2 cards match")
        notes.append(f"{exported.stat().st_size} bytes of vCard 4.0; both cards match on re-import")

    with run.timed("vcard workers") as notes:
        # Large imports parse cards in spawned worker processes: in a frozen app that only
        # works when the entry point calls multiprocessing.freeze_support().
        parallel = list(
            iter_vcards_parallel(SAMPLE_VCARD, "s.vcf", "DE", workers=2, chunk=1, min_cards=1)
        )
        names = {r.contact.display_name for r in parallel if r.contact is not None}
        check(names == SAMPLE_NAMES, f"worker processes read {sorted(names)}")
        notes.append("2 cards parsed in 2 worker processes")


def _window_step(run: _Run, services: Any) -> None:
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with run.timed("window") as notes:
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        from netdesk.ui.shell.application import build_context, create_application
        from netdesk.ui.shell.main_window import MainWindow
        from netdesk.ui.shell.startup import FirstPaint

        app = create_application()
        check(not QApplication.windowIcon().isNull(), "the app icon files were not found")
        ctx = build_context(services)
        try:
            window = MainWindow(ctx)
            watcher = FirstPaint(window, lambda _t: None)
            window.show()
            deadline = QDeadlineTimer(10_000)
            while watcher.painted_at is None and not deadline.hasExpired():
                app.processEvents()
            check(watcher.painted_at is not None, "the main window was not painted within 10 s")
            image = window.grab().toImage()
            check(not image.isNull() and image.width() > 100, "the window could not be drawn")
            # anti-aliased text and icons give dozens of shades; a blank window one or two
            colours = {
                image.pixel(x, y)
                for y in range(0, image.height(), 5)
                for x in range(0, image.width(), 5)
            }
            check(len(colours) > 12, f"the drawn window is blank ({len(colours)} colours)")
            notes.append(f"{app.platformName()} platform, {image.width()}x{image.height()} px")
            notes.append(f"{len(colours)} colours")
            notes.append(f"{len(QApplication.windowIcon().availableSizes())} icon sizes")
            window.close()
            app.processEvents()
        finally:
            ctx.worker.shutdown()


#: void Qt calls the binding check makes; PySide6 6.12.0 on Python 3.11 loses one reference
#: to None on each and aborts the interpreter after a few tens of thousands of them
BINDING_CALLS = 20_000


def _binding_step(run: _Run) -> None:
    """The Qt binding keeps Python's reference counts: a build that bundles a defective
    PySide6/Python pair fails here instead of crashing a user's session after minutes."""
    with run.timed("qt binding") as notes:
        import PySide6
        from PySide6.QtWidgets import QLabel

        label = QLabel()
        if sys.version_info >= (3, 12):
            notes.append(f"PySide6 {PySide6.__version__}; None is immortal on this Python")
        before = sys.getrefcount(None)
        for n in range(BINDING_CALLS):
            label.setText(str(n))
            label.setEnabled(n % 2 == 0)
        after = sys.getrefcount(None)
        check(
            sys.version_info >= (3, 12) or after >= before,
            f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} lost "
            f"{before - after} references to None in {2 * BINDING_CALLS} Qt calls: this pair "
            "crashes after minutes of use; build with the versions in uv.lock",
        )
        label.deleteLater()
        notes.append(f"PySide6 {PySide6.__version__}: {2 * BINDING_CALLS} calls, None kept")


def _scan_step(run: _Run) -> None:
    """Read a business card drawn here with the bundled OCR engine and models (offline)."""
    with run.timed("scan card") as notes:
        from PySide6.QtCore import QBuffer, QIODevice, QPointF
        from PySide6.QtGui import QColor, QFont, QImage, QPainter

        from netdesk.scan import read_card_image

        image = QImage(1050, 600, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        for y, px, text in (
            (130, 52, "Ada Lovelace"),
            (190, 28, "Head of Analytics"),
            (420, 28, "+44 20 7946 0958"),
            (470, 28, "ada.lovelace@example.org"),
        ):
            font = QFont("DejaVu Sans")
            font.setPixelSize(px)
            painter.setFont(font)
            painter.drawText(QPointF(70, y), text)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        started = time.perf_counter()
        result = read_card_image(bytes(buffer.data()), region="GB")
        emails = [e.value for e in result.contact.emails]
        check(emails == ["ada.lovelace@example.org"], f"the scanned card gave emails {emails}")
        phones = [p.e164 for p in result.contact.phones]
        check(phones == ["+442079460958"], f"the scanned card gave phones {phones}")
        notes.append(f"first scan {time.perf_counter() - started:.1f} s (engine load included)")
        notes.append(f"{len(result.lines)} lines read")
