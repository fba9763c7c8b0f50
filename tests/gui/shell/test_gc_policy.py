"""The one garbage-collection policy (netdesk.ui.shell.gc_policy): collections happen on the GUI
thread only (never on a worker), nothing below the UI touches ``gc``, and the policy does what
its docstring says during and after long tasks (counted, not timed)."""

from __future__ import annotations

import ast
import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import wait_preview
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

import netdesk
from netdesk.ui.common.tasks import ProgressRunner
from netdesk.ui.common.worker import TaskControl
from netdesk.ui.shell import gc_policy


def test_automatic_collection_is_off_and_the_gui_timer_collects(ui_ctx, qapp, qtbot) -> None:
    collector = gc_policy.install(qapp)
    assert gc_policy.install(qapp) is collector  # idempotent
    assert ui_ctx.gc_policy is collector  # the shell hands it to the features
    assert not gc.isenabled()
    assert collector.timer.isActive()

    class Cycle:
        pass

    collected_on: list[str] = []

    def note(phase: str, info: dict) -> None:
        if phase == "stop" and info.get("collected"):
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        for _ in range(gc.get_threshold()[0] * 3):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        del a, b
        done = threading.Event()
        # allocate a lot on the worker thread: with automatic collection it would collect there
        ui_ctx.worker.submit(
            lambda _control: [object() for _ in range(200_000)] and None,
            on_success=lambda _r: done.set(),
        )
        qtbot.waitUntil(done.is_set, timeout=5000)
        qtbot.waitUntil(lambda: bool(collected_on), timeout=3000)
    finally:
        gc.callbacks.remove(note)
    assert set(collected_on) == {threading.main_thread().name}


class Recorder:
    """Every collection, as (thread name, generation)."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, int]] = []

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            self.runs.append((threading.current_thread().name, info["generation"]))


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    gc.callbacks.append(rec)
    yield rec
    gc.callbacks.remove(rec)


def _cards(n: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n"
        f"EMAIL:person{i}@example.com\r\nTEL:+49 30 {1000000 + i}\r\nORG:Firm {i % 17}\r\n"
        f"NOTE:card {i}\r\nEND:VCARD\r\n"
        for i in range(n)
    )


def test_no_collection_on_a_worker_thread_during_an_import_preview(
    main_window: Any, qtbot: Any, tmp_path: Path, recorder: Recorder, monkeypatch: Any
) -> None:
    path = tmp_path / "people.vcf"
    path.write_text(_cards(400), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(path)], ""))
    main_window.interchange.import_action.trigger()  # File > Import…, through the worker
    preview = wait_preview(main_window, qtbot)
    assert preview.plan.total == 400
    gui = threading.main_thread().name
    assert [run for run in recorder.runs if run[0] != gui] == []
    assert not gc.isenabled()  # nothing switched automatic collection back on


# --------------------------------------------------------------------- who touches gc

SHELL_POLICY = Path(gc_policy.__file__).resolve()


def _imports_gc(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "gc" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "gc":
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and any(isinstance(a, ast.Constant) and a.value == "gc" for a in node.args)
        ):
            return True
    return False


def test_only_the_shell_policy_imports_gc() -> None:
    """Services, storage, formats, the CLI: none of them pauses, freezes or runs the
    collector; the shell's policy arranges it around long tasks."""
    package = Path(netdesk.__file__).resolve().parent
    users = sorted(
        p.relative_to(package).as_posix() for p in package.rglob("*.py") if _imports_gc(p)
    )
    assert users == [SHELL_POLICY.relative_to(package).as_posix()]


def test_the_gc_import_check_finds_a_service_that_imports_gc(tmp_path: Path) -> None:
    bad = tmp_path / "service.py"
    bad.write_text("import os, gc\n\ndef work():\n    gc.disable()\n", encoding="utf-8")
    assert _imports_gc(bad)
    bad.write_text("from gc import freeze\n", encoding="utf-8")
    assert _imports_gc(bad)
    bad.write_text("import gzip\ngcount = 1\n", encoding="utf-8")
    assert not _imports_gc(bad)


# --------------------------------------------------------------- the policy's behaviour


@pytest.fixture
def policy(qapp: Any) -> Iterator[gc_policy.GuiThreadGarbageCollector]:
    """A policy of its own (not the application's), driven tick by tick."""
    owner = QObject()
    collector = gc_policy.GuiThreadGarbageCollector(owner)
    collector.timer.stop()
    gc.unfreeze()  # a test that ran the real shell left its start-up freeze behind
    gc.collect()
    yield collector
    gc.unfreeze()  # the next test starts with nothing frozen
    collector.setParent(None)


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def _cycles(n: int) -> list[Node]:
    out = []
    for _ in range(n):
        a, b = Node(), Node()
        a.other, b.other = b, a
        out.append(a)
    return out


def test_nothing_is_collected_while_a_long_task_runs(policy: Any, recorder: Recorder) -> None:
    policy.long_task_started()
    _cycles(gc.get_threshold()[0] * 2)  # garbage a tick would collect
    assert gc_policy.due_generation() >= 0
    assert policy.collect() == 0
    assert policy.collect() == 0
    assert recorder.runs == []
    assert policy.stats["deferred"] == 2
    policy.long_task_finished()  # little is left: nothing to freeze
    assert policy.stats["froze_result"] == 0 and gc.get_freeze_count() == 0
    assert policy.collect() >= gc.get_threshold()[0] * 2 * 2  # idle again: collected
    assert len(recorder.runs) == 1 and recorder.runs[0][0] == threading.main_thread().name


def test_without_the_start_up_freeze_a_big_result_is_not_frozen(
    policy: Any, recorder: Recorder
) -> None:
    policy.long_task_started()
    result = [[i] for i in range(gc_policy.YOUNG_LIMIT * 2)]
    policy.long_task_finished()
    assert policy.stats["froze_result"] == 0 and gc.get_freeze_count() == 0
    assert recorder.runs == []
    del result


def test_a_big_result_is_frozen_not_scanned_and_handed_back_once_let_go(
    policy: Any, recorder: Recorder
) -> None:
    policy.startup_finished()
    frozen_at_start = gc.get_freeze_count()
    policy.long_task_started()
    result = [[i] for i in range(gc_policy.YOUNG_LIMIT * 2)]  # a plan, alive and young
    policy.long_task_finished()
    assert policy.stats["froze_result"] == 1
    assert gc.get_freeze_count() >= frozen_at_start + len(result)
    assert gc.get_count()[0] < gc.get_threshold()[0]  # nothing young is left to scan
    assert recorder.runs == []  # frozen without a collection
    policy.collect()
    assert policy.stats["compacted"] == 0  # still held: stays frozen
    del result  # the GUI lets the plan go
    policy.collect()
    assert policy.stats["compacted"] == 1
    assert len(recorder.runs) == 1 and recorder.runs[0][1] == 2  # one full collection
    assert gc.get_freeze_count() < frozen_at_start + gc_policy.YOUNG_LIMIT  # plan gone


def test_compaction_frees_cycles_frozen_with_a_result_and_keeps_start_up_frozen(
    policy: Any, recorder: Recorder
) -> None:
    policy.startup_finished()
    assert policy.stats["froze_startup"] == 1
    frozen_at_start = gc.get_freeze_count()
    assert frozen_at_start > 0
    policy.long_task_started()
    result = [[i] for i in range(gc_policy.YOUNG_LIMIT * 2)]
    garbage = _cycles(100)  # cycles the task dropped before it ended
    probe = weakref.ref(garbage[0])
    garbage.clear()
    policy.long_task_finished()
    assert policy.stats["froze_result"] == 1
    policy.collect()
    assert probe() is not None  # frozen with the result: not collected while it is held
    del result  # the GUI lets the plan go: the next tick compacts
    policy.collect()
    assert policy.stats["compacted"] == 1
    assert probe() is None
    assert gc.get_freeze_count() >= frozen_at_start * 0.9  # start-up frozen again


def test_compaction_is_refused_during_a_long_task(policy: Any, recorder: Recorder) -> None:
    policy.long_task_started()
    result = [[i] for i in range(10)]
    gc.freeze()
    assert policy.compact() == 0
    assert gc.get_freeze_count() > 0 and policy.stats["compacted"] == 0
    assert recorder.runs == []
    del result


def test_the_progress_runner_tells_the_policy(
    ui_ctx: Any, qtbot: Any, request: Any, no_modal_dialogs: list[str]
) -> None:
    request.node.expects_error_dialog = True
    parent = QWidget()
    qtbot.addWidget(parent)
    policy = ui_ctx.gc_policy
    go_on = threading.Event()
    results: list[object] = []

    def work(_control: TaskControl) -> int:
        go_on.wait(10)
        return 1

    def fail(_control: TaskControl) -> int:
        raise KeyError("no")

    ProgressRunner(parent, ui_ctx, "Reading contacts", work, results.append, "cards")
    assert policy.long_tasks == 1
    go_on.set()
    qtbot.waitUntil(lambda: results == [1], timeout=5000)
    assert policy.long_tasks == 0
    ProgressRunner(parent, ui_ctx, "Reading contacts", fail, results.append, "cards")
    assert policy.long_tasks == 1
    qtbot.waitUntil(lambda: bool(no_modal_dialogs), timeout=5000)  # the error is shown
    assert policy.long_tasks == 0


def test_the_duplicates_scan_tells_the_policy(main_window: Any, ui_ctx: Any, qtbot: Any) -> None:
    duplicates = main_window.views["duplicates"]
    qtbot.waitUntil(lambda: duplicates.scan_task is None, timeout=10000)  # the start-up scan
    policy = ui_ctx.gc_policy
    assert policy.long_tasks == 0
    duplicates.scan()
    assert policy.long_tasks == 1  # on its own thread: nothing collected meanwhile
    qtbot.waitUntil(lambda: duplicates.scan_task is None, timeout=10000)
    assert policy.long_tasks == 0
