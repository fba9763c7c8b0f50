"""The one undo-command base: every step on ``ctx.undo`` is a :class:`ServiceCommand`.

A command is one service call each way: :meth:`~ServiceCommand.apply` (redo) and
:meth:`~ServiceCommand.revert` (undo) call services only and return what changed (a
``Change``, a ``(value, Change)`` pair, or an object with a ``change`` attribute). The base
publishes that change on the bus, runs :meth:`~ServiceCommand.applied` on the GUI thread for
what the view keeps (a list entry, a status line), and deals with a refused step the same way
for everyone:

* ``done=True``: the write happened before the push (so a refused save never lands on the
  stack, and its error shows where the user typed); the first ``redo()`` does nothing.
* a step the service refuses (``NetDeskError``: the item was changed elsewhere in a way that
  cannot be merged, or is gone) wrote nothing. With ``refusal = PUT_BACK`` (the default) the
  reason is shown and the stack's index is put back over the command, so the stack says what
  the database holds and the step can be tried again later; with ``refusal = OBSOLETE`` the
  command leaves the stack.
* a step that touches more than one row (:meth:`~ServiceCommand.rows` above
  ``WORKER_THRESHOLD``: starring five contacts, deleting a selection, an import) runs on the
  database worker (:meth:`~ServiceCommand.on_worker`), so the window stays responsive; its
  change is published when it comes back. A one-row step runs on the spot (one short
  transaction), so that what the user sees right after Ctrl+Z is already the database's
  state.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QWidget

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Change
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.worker import Task, TaskControl


class Refusal(Enum):
    PUT_BACK = "put back"  # the stack's index goes back over the command; it stays
    OBSOLETE = "obsolete"  # the command leaves the stack


def change_of(result: object) -> Change | None:
    """The Change in what a service call returned: a Change, ``(value, Change)``, or an
    object with a ``change`` attribute; None when the step changed no data."""
    if result is None or isinstance(result, Change):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Change):
        return result[-1]
    change = getattr(result, "change", None)
    if isinstance(change, Change):
        return change
    raise TypeError(f"an undo step returned {type(result).__name__}, not what changed")


class ServiceCommand(QUndoCommand):
    """Base of every undo step (see the module docstring)."""

    #: what a refused step does to the stack
    refusal = Refusal.PUT_BACK
    #: the errors that mean "refused, nothing written" (others are bugs: they propagate)
    refusable: tuple[type[BaseException], ...] = (NetDeskError,)
    #: a step touching more rows than this runs on the database worker
    WORKER_THRESHOLD = 1

    def __init__(self, ctx: UiContext, text: str, *, done: bool) -> None:
        super().__init__(text)
        self.ctx = ctx
        #: the next redo() or undo() does nothing: the write happened before the push, or a
        #: refused step is being put back on the stack
        self._skip = done
        #: the worker task of the last step run there (tests wait on it)
        self.task: Task | None = None

    # ------------------------------------------------------------- for subclasses
    def apply(self) -> Any:
        """Redo: one service call; returns what changed."""
        raise NotImplementedError

    def revert(self) -> Any:
        """Undo: one service call; returns what changed."""
        raise NotImplementedError

    def applied(self, forward: bool, result: Any) -> None:
        """On the GUI thread after a step succeeded, before its change is published: keep
        what the view holds in step (``result`` is what apply() or revert() returned)."""

    def rows(self) -> int:
        """How many contacts (or other rows) a step touches."""
        return 1

    def on_worker(self, forward: bool) -> bool:
        """True: this step runs on the database worker."""
        return self.rows() > self.WORKER_THRESHOLD

    def submit(
        self,
        work: Callable[[TaskControl], Any],
        forward: bool,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException, str], None],
    ) -> Task:
        """Run a step on the worker (a subclass may show progress instead)."""
        return self.ctx.worker.submit(
            work, on_success=on_success, on_error=on_failure, name=self.text()
        )

    def refusal_title(self, forward: bool) -> str:
        if self.refusal is Refusal.OBSOLETE:
            return f"Could not {self.text().lower()}"
        verb = "redo" if forward else "undo"
        return f"Could not {verb} “{self.text()}”"

    def refusal_parent(self) -> QWidget | None:
        return QApplication.activeWindow() if self.refusal is Refusal.PUT_BACK else None

    # ---------------------------------------------------------------- the steps
    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._step(forward=True)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        step = self.apply if forward else self.revert
        if self.on_worker(forward):
            self.task = self.submit(
                lambda _control: step(),
                forward,
                lambda result: self._finish(forward, result),
                lambda err, details: self._refused(forward, err, details),
            )
            return
        try:
            result = step()
        except self.refusable as err:  # nothing was written
            self._refused_during_step(forward, err)
            return
        self._finish(forward, result)

    def _finish(self, forward: bool, result: Any) -> None:
        self.applied(forward, result)
        change = change_of(result)
        if change is not None:
            self.ctx.bus.publish(change)

    def _refused_during_step(self, forward: bool, err: BaseException) -> None:
        if self.refusal is Refusal.OBSOLETE:
            self.setObsolete(True)  # the stack drops it once this redo()/undo() returns
            show_error(self.refusal_parent(), self.refusal_title(forward), err)
            return
        # the stack is inside redo()/undo(): move its index once it has returned
        QTimer.singleShot(0, lambda: self._refused(forward, err, ""))

    def _refused(self, forward: bool, err: BaseException, details: str) -> None:
        """A step that wrote nothing, reported outside the stack's redo()/undo()."""
        if self.refusal is Refusal.PUT_BACK:
            self.put_back(forward)
        else:
            self.setObsolete(True)
        self.show_refusal(forward, err, details)

    def show_refusal(self, forward: bool, err: BaseException, details: str) -> None:
        show_error(self.refusal_parent(), self.refusal_title(forward), err, details)

    def put_back(self, forward: bool) -> None:
        """The step was refused: move the stack's index back over this command without
        running it, so the stack says what the database holds."""
        self._skip = True
        if forward:
            self.ctx.undo.undo()
        else:
            self.ctx.undo.redo()
