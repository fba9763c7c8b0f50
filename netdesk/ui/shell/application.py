"""QApplication set-up and the GUI's start and end."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QApplication

from netdesk import __version__, paths
from netdesk.core.errors import NetDeskError
from netdesk.ui.common.bus import ChangeBus
from netdesk.ui.common.context import Navigator, UiContext
from netdesk.ui.common.errors import install_excepthook, startup_error_box
from netdesk.ui.common.worker import DbWorker
from netdesk.ui.shell.startup import REPORT_ENV, FirstPaint, report_startup

if TYPE_CHECKING:
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore
    from netdesk.ui.shell.file_open import FileOpener
    from netdesk.ui.shell.main_window import MainWindow


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A log file only its owner can read (it may name contacts and files), whatever the
    umask; rotation's new files too."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a file left by an older version
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging() -> None:
    folder = paths.log_dir()
    try:
        paths.make_private_dir(folder)
        if os.name == "posix":  # a folder left by an older version
            os.chmod(folder, 0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(
            folder / "netdesk.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("netdesk")
    root.setLevel(logging.INFO)
    if not root.handlers:
        root.addHandler(handler)


def app_icon() -> QIcon:
    from netdesk.resources import resource_path

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource_path(f"icons/netdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("NetDesk")
    app.setOrganizationName("NetDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("netdesk")
    from netdesk.ui.common.palette import ensure_readable_palette

    ensure_readable_palette(app)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def show_startup_error(err: NetDeskError) -> None:
    startup_error_box(err).exec()


#: how long start-up waits for the opening window to be drawn before it goes on regardless
FIRST_PAINT_WAIT_MS = 300


def show_opening_window(app: QApplication, settings: SettingsStore) -> MainWindow:
    """Put the main window on screen at once ("Opening your contacts…", at its remembered
    size) and let it paint, before the database layer is imported and the file opened; the
    caller then builds the real content into it with :func:`run_main_window`."""
    from netdesk.ui.shell.main_window import MainWindow

    window = MainWindow(settings=settings)
    if os.environ.get(REPORT_ENV):
        report_startup(window, "first window painted")
    window.show()
    loop = QEventLoop()
    watcher = FirstPaint(window, lambda _painted_at: loop.quit())
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, loop.quit)  # minimised or never exposed: go on
    loop.exec()
    window.removeEventFilter(watcher)
    return window


def build_context(services: Services) -> UiContext:
    from netdesk.core.dates import set_date_style
    from netdesk.ui.shell import gc_policy

    app = QApplication.instance()
    policy = gc_policy.install(app) if app is not None else None
    set_date_style(services.preferences.date_format)
    return UiContext(
        services=services,
        bus=ChangeBus(),
        undo=QUndoStack(),
        worker=DbWorker(),
        nav=Navigator(),
        gc_policy=policy,
    )


def run_main_window(
    app: QApplication,
    services: Services,
    *,
    demo: bool = False,
    instance: object = None,
    window: MainWindow | None = None,
    opener: FileOpener | None = None,
) -> int:
    """``instance``: the SingleInstance listening for later launches on this database;
    ``window``: the opening window from :func:`show_opening_window`, to build into;
    ``opener``: files to open (queued so far and still to come) in the import preview."""
    from netdesk.ui.reliability.feature import schedule_automatic_backup
    from netdesk.ui.shell.main_window import MainWindow
    from netdesk.ui.shell.single_instance import SingleInstance, bring_to_front

    setup_logging()
    install_excepthook()
    ctx = build_context(services)
    report = bool(os.environ.get(REPORT_ENV))
    if window is None:
        window = MainWindow(ctx)
        if report:
            report_startup(window, "first window painted")
    else:
        window.attach(ctx)
    if report:
        report_startup(window, "ready", quit_after=True)
        window.update()
    window.show()
    if isinstance(instance, SingleInstance):
        instance.activation_requested.connect(lambda: bring_to_front(window))
    if opener is not None:
        opener.attach(window, ctx.nav.import_files.emit)
    schedule_automatic_backup(window)  # at most once a day, on the worker
    from netdesk.ui.shell import gc_policy

    # what start-up built lives as long as the window: frozen once the event loop runs
    QTimer.singleShot(0, gc_policy.install(app).startup_finished)
    if demo and services.contacts.count() == 0:
        window.load_demo()
    try:
        return app.exec()
    finally:
        ctx.worker.shutdown()
