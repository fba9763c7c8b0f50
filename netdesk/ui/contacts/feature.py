"""Contact menu (New contact, Delete, Star) and the undo steps for contact edits.

Every contact write goes through a QUndoCommand on ``ctx.undo`` so that Edit → Undo
(Ctrl+Z) reverts it: a delete is a soft delete, and undoing it brings the contact back with
its whole history; undoing a save writes the contact as it was before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Change, Contact
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.safe_text import message_box


# ------------------------------------------------------------------------ undo steps
class _ContactCommand(QUndoCommand):
    """Base: the first redo() is skipped when the write already happened (saves run before
    they are pushed, so that a refused save never lands on the stack).

    A step the service refuses (the contact was changed elsewhere since, in a way that
    cannot be merged) writes nothing: the reason is shown and the stack's index is put back
    over this command, so the stack says what the database holds."""

    def __init__(self, ctx: UiContext, text: str, *, done: bool) -> None:
        super().__init__(text)
        self.ctx = ctx
        #: the next redo() or undo() does nothing: the write happened before the push, or a
        #: refused step is being put back on the stack
        self._skip = done

    def _publish(self, change: Change) -> None:
        self.ctx.bus.publish(change)

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._step(self.apply, forward=True)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._step(self.revert, forward=False)

    def _step(self, step: Callable[[], Change], *, forward: bool) -> None:
        try:
            change = step()
        except NetDeskError as err:  # nothing was written
            failure = err
            QTimer.singleShot(0, lambda: self._refused(forward, failure))
            return
        self._publish(change)

    def _refused(self, forward: bool, err: NetDeskError) -> None:
        self._skip = True
        if forward:
            self.ctx.undo.undo()
        else:
            self.ctx.undo.redo()
        verb = "redo" if forward else "undo"
        show_error(QApplication.activeWindow(), f"Could not {verb} “{self.text()}”", err)

    def apply(self) -> Change:
        raise NotImplementedError

    def revert(self) -> Change:
        raise NotImplementedError


class DeleteContactsCommand(_ContactCommand):
    """Soft delete; undo brings the contacts back with their interactions and follow-ups."""

    def __init__(self, ctx: UiContext, ids: Sequence[int], names: Sequence[str]) -> None:
        what = f"“{names[0]}”" if len(ids) == 1 else f"{len(ids)} contacts"
        super().__init__(ctx, f"Delete {what}", done=False)
        self.ids = list(ids)

    def apply(self) -> Change:
        return self.ctx.services.contacts.delete(self.ids)

    def revert(self) -> Change:
        return self.ctx.services.contacts.undelete(self.ids)


class CreateContactCommand(_ContactCommand):
    def __init__(self, ctx: UiContext, contact_id: int, name: str) -> None:
        super().__init__(ctx, f"New contact “{name}”", done=True)
        self.contact_id = contact_id

    def apply(self) -> Change:
        return self.ctx.services.contacts.undelete([self.contact_id])

    def revert(self) -> Change:
        return self.ctx.services.contacts.delete([self.contact_id])


class SaveContactCommand(_ContactCommand):
    """A saved edit: ``before`` is the contact as the edit started from it, ``after`` the
    edit (photo included). Undo takes back only what this edit changed, field by field, from
    the contact as it is now; redo applies the edit again the same way. What others wrote to
    the contact since (an import's new email, a script's title) is kept; when they changed a
    field this edit changed too, the step is refused with the contact's name and the
    fields, and nothing is written."""

    def __init__(self, ctx: UiContext, before: Contact, after: Contact) -> None:
        super().__init__(ctx, f"Edit “{after.name}”", done=True)
        self.before = before
        self.after = after

    def apply(self) -> Change:
        # base without a version: always merged with the contact as it is now
        return self.ctx.services.contacts.save(
            self.after, base=replace(self.before, version=0), doing="after this edit was undone"
        )

    def revert(self) -> Change:
        return self.ctx.services.contacts.save(
            self.before, base=replace(self.after, version=0), doing="after this edit"
        )


class StarContactsCommand(_ContactCommand):
    def __init__(self, ctx: UiContext, states: dict[int, bool], starred: bool) -> None:
        verb = "Star" if starred else "Unstar"
        n = len(states)
        super().__init__(ctx, f"{verb} {n} contact{'s' if n != 1 else ''}", done=False)
        self.before = dict(states)
        self.starred = starred

    def _set(self, values: dict[int, bool], expected: dict[int, bool] | None) -> Change:
        """Star or unstar; on undo and redo only the contacts still as this command left
        them (one starred or unstarred elsewhere since keeps that)."""
        return self.ctx.services.contacts.set_starred_many(values, expected=expected)

    def apply(self) -> Change:
        return self._set({cid: self.starred for cid in self.before}, self.before)

    def revert(self) -> Change:
        return self._set(self.before, {cid: self.starred for cid in self.before})


# ---------------------------------------------------------------------- user actions
def delete_contacts(ctx: UiContext, parent: QWidget | None, ids: Sequence[int]) -> bool:
    """Ask, then soft-delete (undoable). True when deleted."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return False
    names = ctx.services.contacts.names(ids)
    shown = [names.get(i, f"#{i}") for i in ids]
    what = f"“{shown[0]}”" if len(ids) == 1 else f"{len(ids):,} contacts"
    title = "Delete contact" if len(ids) == 1 else "Delete contacts"
    box = message_box(parent, QMessageBox.Icon.Question, title, f"Delete {what}?")
    box.setInformativeText(
        "Their interactions and follow-ups are kept with them; Edit → Undo (Ctrl+Z) brings "
        "them back."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    ctx.undo.push(DeleteContactsCommand(ctx, ids, shown))
    ctx.nav.status.emit(f"Deleted {what}. Undo with Ctrl+Z.")
    return True


def toggle_star(ctx: UiContext, ids: Sequence[int]) -> None:
    """Star the contacts, or unstar them when all are starred already (undoable)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    summaries = ctx.services.contacts.summaries(ids)
    states = {i: summaries[i].starred for i in ids if i in summaries}
    if not states:
        return
    starred = not all(states.values())
    ctx.undo.push(StarContactsCommand(ctx, states, starred))


def new_contact(window: Any, draft: Contact | None = None) -> Any:
    """Open the new-contact dialog (non-blocking); the view selects the contact once saved."""
    from netdesk.ui.contacts.editor import NewContactDialog

    dialog = NewContactDialog(window.ctx, window, draft)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = window.views.get("contacts")

    def created(_result: int) -> None:
        if dialog.created_id is not None:
            window.open_contact(dialog.created_id)

    dialog.finished.connect(created)
    # "Open that contact" from the duplicate warning: show it behind the dialog, whose
    # typing is kept until the user saves or discards it
    dialog.editor.open_contact_requested.connect(window.open_contact)
    window.new_contact_dialog = dialog
    dialog.open()
    if view is not None:
        view.last_dialog = dialog
    return dialog


def install(window: Any) -> None:
    """Contact menu entries; Delete and Star act on the contacts view's selection."""
    from netdesk.ui.contacts.view import BENCH_ENV, ContactsView

    ctx: UiContext = window.ctx
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    menu = window.contact_menu
    first = menu.actions()[0] if menu.actions() else None

    new_action = QAction("&New contact…", window)
    new_action.setShortcut(QKeySequence.StandardKey.New)
    new_action.setToolTip("New contact (Ctrl+N)")
    new_action.triggered.connect(lambda: new_contact(window))
    window.addAction(new_action)

    # Delete and Star only make sense on the list: their shortcuts live on the contacts view
    # so that Delete in a text field, or in another view, keeps its usual meaning.
    delete_action = QAction("&Delete contact", view)
    delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    delete_action.triggered.connect(view.delete_selected)
    view.table.addAction(delete_action)

    star_action = QAction("&Star / unstar", view)
    star_action.setShortcut(QKeySequence("Ctrl+D"))
    star_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    star_action.triggered.connect(lambda: toggle_star(ctx, view.selected_ids()))
    view.addAction(star_action)

    menu.insertAction(first, new_action)  # type: ignore[arg-type]
    menu.insertAction(first, delete_action)  # type: ignore[arg-type]
    menu.insertAction(first, star_action)  # type: ignore[arg-type]
    if first is not None:
        menu.insertSeparator(first)

    def update_enabled() -> None:
        has = bool(view.selected_ids()) and window.view_key() == "contacts"
        delete_action.setEnabled(has)
        star_action.setEnabled(has)

    menu.aboutToShow.connect(update_enabled)
    view.table.selectionModel().selectionChanged.connect(lambda *_: update_enabled())
    view.model.modelReset.connect(update_enabled)
    window.nav_list.currentRowChanged.connect(lambda *_: update_enabled())
    ctx.nav.new_contact.connect(lambda: new_contact(window))
    window.contact_actions = {"new": new_action, "delete": delete_action, "star": star_action}
    view.install_window_hooks(window)
    update_enabled()
    if os.environ.get(BENCH_ENV) == "1":  # benchmarks/contacts_bench.py: open on the list
        QTimer.singleShot(0, lambda: window.show_view("contacts"))
