"""QApplication set-up and the GUI's start and end."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys

from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QApplication

from netdesk import __version__, paths
from netdesk.core.errors import NetDeskError
from netdesk.services.container import Services
from netdesk.ui.bus import ChangeBus
from netdesk.ui.context import Navigator, UiContext
from netdesk.ui.errors import install_excepthook, startup_error_box
from netdesk.ui.worker import DbWorker


def setup_logging() -> None:
    folder = paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
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
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def show_startup_error(err: NetDeskError) -> None:
    startup_error_box(err).exec()


def build_context(services: Services) -> UiContext:
    from netdesk.ui import gc_policy

    app = QApplication.instance()
    if app is not None:
        gc_policy.install(app)
    return UiContext(
        services=services,
        bus=ChangeBus(),
        undo=QUndoStack(),
        worker=DbWorker(),
        nav=Navigator(),
    )


def run_main_window(
    app: QApplication, services: Services, *, demo: bool = False, instance: object = None
) -> int:
    """``instance``: the SingleInstance listening for later launches on this database."""
    from netdesk.ui.features.reliability import schedule_automatic_backup
    from netdesk.ui.main_window import MainWindow
    from netdesk.ui.single_instance import SingleInstance, bring_to_front

    setup_logging()
    install_excepthook()
    ctx = build_context(services)
    window = MainWindow(ctx)
    if os.environ.get("NETDESK_REPORT_STARTUP"):
        from netdesk.ui.startup import report_startup_and_quit

        report_startup_and_quit(window, app)
    window.show()
    if isinstance(instance, SingleInstance):
        instance.activation_requested.connect(lambda: bring_to_front(window))
    schedule_automatic_backup(window)  # at most once a day, on the worker
    if demo and services.contacts.count() == 0:
        window.load_demo()
    try:
        return app.exec()
    finally:
        ctx.worker.shutdown()
