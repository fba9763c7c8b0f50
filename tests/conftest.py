"""Hermetic test set-up: offscreen Qt, a private NETDESK_HOME per test, and a migrated
template database copied for each test (so migrations run once per session)."""

from __future__ import annotations

import gc
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("LANG", "C.UTF-8")
os.environ.setdefault("LC_ALL", "C.UTF-8")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The suite is deterministic: Hypothesis explores the same examples on every run, so CI never
# turns red by chance. NETDESK_HYPOTHESIS=explore searches new examples instead.
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(
    "explore" if os.environ.get("NETDESK_HYPOTHESIS") == "explore" else "deterministic"
)

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "vcards"


@pytest.fixture(autouse=True, scope="session")
def automatic_gc_off() -> Iterator[None]:
    """Automatic cyclic collection stays off for the whole session, as it is in the app
    (netdesk.ui.shell.gc_policy): run from inside a Qt destructor, a collection that destroys
    another QObject deadlocks on Qt's signal-slot lock. Seen again on 2026-12-03 with
    PySide6 6.11.3 (py-spy --native: QObject::~QObject -> shiboken -> gc_collect_main ->
    QObject::~QObject -> QBasicMutex::lockInternal) once this fixture had been dropped: the
    lost None references of 6.12.0 were not the only cause of the hangs."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_garbage_between_tests(
    automatic_gc_off: None, request: pytest.FixtureRequest
) -> Iterator[None]:
    """After each test and its fixtures: collect what the automatic collector would have,
    at a point where no destructor is running. After a test that used Qt, everything: Qt
    garbage left in the oldest generation was otherwise collected by the next full
    collection wherever it happened (Hypothesis runs one when its first test starts), and
    one such collection in the middle of a later test crashed a worker."""
    yield
    from netdesk.ui.shell.gc_policy import collect_due

    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    else:
        collect_due()


@pytest.fixture(autouse=True)
def netdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NETDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from netdesk.storage.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db_path(template_db: Path, netdesk_home: Path) -> Path:
    path = netdesk_home / "netdesk.db"
    shutil.copyfile(template_db, path)
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def services(db_path: Path, netdesk_home: Path) -> Iterator[object]:
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    svc = Services.open(db_path, SettingsStore(netdesk_home / "config"))
    # Tests are deterministic whatever the machine's locale says.
    from dataclasses import replace

    svc.set_preferences(replace(svc.preferences, default_region="DE"))
    yield svc
    svc.close()


@pytest.fixture
def ui_ctx(services: object, qapp: object) -> Iterator[object]:
    from netdesk.ui.shell.application import build_context

    ctx = build_context(services)  # type: ignore[arg-type]  # automatic GC off, as in the app
    yield ctx
    ctx.worker.shutdown()
    from netdesk.ui.shell.gc_policy import GuiThreadGarbageCollector

    # The next test starts without the GUI's collector; collect_garbage_between_tests runs.
    for collector in qapp.findChildren(GuiThreadGarbageCollector):  # type: ignore[attr-defined]
        collector.timer.stop()
        collector.setParent(None)


@pytest.fixture
def main_window(ui_ctx: object, qtbot: object) -> Iterator[object]:
    from netdesk.ui.shell.main_window import MainWindow

    window = MainWindow(ui_ctx)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    yield window


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal dialog nobody answers would hang the suite: message boxes are recorded and
    answered with their default button; a test that expects one reads ``no_modal_dialogs``.
    An error dialog fails the test with its text unless the test asked for dialogs."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return []
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        text = f"{box.windowTitle()}: {box.text()}\n{box.detailedText()}"
        shown.append(text)
        if box.icon() in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical) and not getattr(
            request.node, "expects_error_dialog", False
        ):
            raise UnexpectedDialog(text)
        default = box.defaultButton()
        return int(box.standardButton(default)) if default is not None else 0

    def fake_static(kind: str):  # type: ignore[no-untyped-def]
        def answer(parent, title, text, buttons=None, default=None):  # type: ignore[no-untyped-def]
            shown.append(f"{kind} {title}: {text}")
            if default not in (None, QMessageBox.StandardButton.NoButton):
                return default
            return QMessageBox.StandardButton.Ok

        return staticmethod(answer)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, fake_static(kind))
    return shown
