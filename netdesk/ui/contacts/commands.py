"""The undo steps for contact edits, and the user actions Delete and Star that push them.

Every contact write goes through a QUndoCommand on ``ctx.undo`` so that Edit → Undo
(Ctrl+Z) reverts it: a delete is a soft delete, and undoing it brings the contact back with
its whole history; undoing a save writes the contact as it was before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QMessageBox, QWidget

from netdesk.core.model import Change, Contact
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import message_box
from netdesk.ui.common.undo import ServiceCommand


# ------------------------------------------------------------------------ undo steps
class _ContactCommand(ServiceCommand):
    """Contact steps: a refused step (the contact was changed elsewhere since, in a way that
    cannot be merged) writes nothing, shows why and is put back on the stack."""


class DeleteContactsCommand(_ContactCommand):
    """Soft delete; undo brings the contacts back with their interactions and follow-ups."""

    def __init__(self, ctx: UiContext, ids: Sequence[int], names: Sequence[str]) -> None:
        what = f"“{names[0]}”" if len(ids) == 1 else f"{len(ids)} contacts"
        super().__init__(ctx, f"Delete {what}", done=False)
        self.ids = list(ids)

    def rows(self) -> int:
        return len(self.ids)

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

    def rows(self) -> int:
        return len(self.before)

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
