"""Undoable interaction and follow-up actions shared by the Today view, the timelines and
the dialogs.

Each action is done first (so a validation error can be shown where the user typed) and
then pushed on ``ctx.undo`` as a :class:`netdesk.ui.common.undo.ServiceCommand` whose first ``redo``
does nothing. Every write's
Change is published on ``ctx.bus``.

Ids: Undo of a delete logs the interaction again under its old id when that id is still
free (it always is unless the database hands it out again in between, which SQLite does
only for the highest id); the commands follow the id the service returns either way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QWidget

from netdesk.core.dates import short_date
from netdesk.core.errors import NetDeskError, NotFoundError, StaleItemError
from netdesk.core.model import Change, DueItem, FollowUp, Interaction
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.common.undo import Refusal, ServiceCommand


class _ActivityCommand(ServiceCommand):
    """Interaction and follow-up steps, done before the push; a refused step (the item was
    changed or deleted elsewhere since) shows why and leaves the stack."""

    refusal = Refusal.OBSOLETE

    def __init__(self, ctx: UiContext, text: str) -> None:
        super().__init__(ctx, text, done=True)


class LogInteractionCommand(_ActivityCommand):
    def __init__(self, ctx: UiContext, interaction: Interaction) -> None:
        super().__init__(ctx, f"Log {interaction.type}")
        self.interaction = interaction

    def apply(self) -> Change:
        iid, change = self.ctx.services.activity.log(self.interaction)
        self.interaction = replace(self.interaction, id=iid)
        return change

    def revert(self) -> Change:
        assert self.interaction.id is not None
        _before, change = self.ctx.services.activity.delete(
            self.interaction.id, expected=self.interaction
        )
        return change


class EditInteractionCommand(_ActivityCommand):
    def __init__(self, ctx: UiContext, before: Interaction, after: Interaction) -> None:
        super().__init__(ctx, f"Edit {after.type}")
        self.before, self.after = before, after

    # each step checks the interaction is still as the other step left it
    def apply(self) -> Change:
        return self.ctx.services.activity.update(self.after, expected=self.before)

    def revert(self) -> Change:
        return self.ctx.services.activity.update(self.before, expected=self.after)


class DeleteInteractionCommand(_ActivityCommand):
    def __init__(self, ctx: UiContext, deleted: Interaction) -> None:
        super().__init__(ctx, f"Delete {deleted.type}")
        self.deleted = deleted

    def apply(self) -> Change:
        assert self.deleted.id is not None
        _before, change = self.ctx.services.activity.delete(self.deleted.id, expected=self.deleted)
        return change

    def revert(self) -> Change:
        iid, change = self.ctx.services.activity.log(self.deleted)
        self.deleted = replace(self.deleted, id=iid)
        return change


class AddFollowUpsCommand(_ActivityCommand):
    """Follow-ups added together (one per contact chosen): one step, one write each way."""

    def __init__(self, ctx: UiContext, follow_ups: list[FollowUp]) -> None:
        n = len(follow_ups)
        super().__init__(ctx, "Add follow-up" if n == 1 else f"Add {n} follow-ups")
        self.follow_ups = follow_ups

    def rows(self) -> int:
        return len(self.follow_ups)

    def apply(self) -> Change:
        ids, change = self.ctx.services.activity.add_follow_ups(self.follow_ups)
        self.follow_ups = [replace(f, id=fid) for f, fid in zip(self.follow_ups, ids, strict=True)]
        return change

    def revert(self) -> Change:
        return self.ctx.services.activity.delete_follow_ups(self.follow_ups)


class FollowUpStateCommand(_ActivityCommand):
    """Mark done or snooze a follow-up; Undo puts back its previous state."""

    def __init__(
        self,
        ctx: UiContext,
        text: str,
        before: FollowUp,
        done_on: date | None,
        snoozed_until: date | None,
    ) -> None:
        super().__init__(ctx, text)
        self.before = before
        self.done_on, self.snoozed_until = done_on, snoozed_until

    @property
    def after(self) -> FollowUp:
        """The follow-up as this command leaves it."""
        if self.done_on is not None:
            return replace(self.before, done_on=self.done_on, snoozed_until=None)
        return replace(self.before, done_on=None, snoozed_until=self.snoozed_until)

    # Each step checks that the follow-up is still as the other step left it: one changed
    # elsewhere since (the command line, another window) is not written over.
    def apply(self) -> Change:
        assert self.before.id is not None
        activity = self.ctx.services.activity
        if self.done_on is not None:
            return activity.mark_done(self.before.id, self.done_on, expected=self.before)
        return activity.reopen(self.before.id, self.snoozed_until, expected=self.before)

    def revert(self) -> Change:
        assert self.before.id is not None
        activity = self.ctx.services.activity
        if self.before.done_on is not None:
            return activity.mark_done(self.before.id, self.before.done_on, expected=self.after)
        return activity.reopen(self.before.id, self.before.snoozed_until, expected=self.after)


class CadenceSnoozeCommand(_ActivityCommand):
    def __init__(
        self, ctx: UiContext, text: str, contact_id: int, before: date | None, after: date | None
    ) -> None:
        super().__init__(ctx, text)
        self.contact_id, self.before, self.after = contact_id, before, after

    def apply(self) -> Change:
        return self.ctx.services.activity.snooze_cadence(
            self.contact_id, self.after, expected_snooze=(self.before,)
        )

    def revert(self) -> Change:
        return self.ctx.services.activity.snooze_cadence(
            self.contact_id, self.before, expected_snooze=(self.after,)
        )


# ------------------------------------------------------------------- actions
def log_interaction(ctx: UiContext, interaction: Interaction) -> int:
    """Log (raises NetDeskError on invalid input), publish, make undoable; returns the id."""
    iid, change = ctx.services.activity.log(interaction)
    logged = replace(interaction, id=iid)
    ctx.undo.push(LogInteractionCommand(ctx, logged))
    ctx.bus.publish(change)
    return iid


def update_interaction(ctx: UiContext, before: Interaction, after: Interaction) -> None:
    change = ctx.services.activity.update(after)
    ctx.undo.push(EditInteractionCommand(ctx, before, after))
    ctx.bus.publish(change)


def delete_interaction(ctx: UiContext, interaction_id: int, parent: QWidget | None) -> bool:
    try:
        deleted, change = ctx.services.activity.delete(interaction_id)
    except NetDeskError as err:
        show_error(parent, "Could not delete the interaction", err)
        return False
    ctx.undo.push(DeleteInteractionCommand(ctx, deleted))
    ctx.bus.publish(change)
    summary = deleted.summary or deleted.type
    ctx.nav.status.emit(f"Deleted {deleted.type} “{summary}” — Ctrl+Z brings it back")
    return True


def add_follow_up(ctx: UiContext, follow_up: FollowUp) -> int:
    [fid] = add_follow_ups(ctx, [follow_up])
    return fid


def add_follow_ups(ctx: UiContext, follow_ups: list[FollowUp]) -> list[int]:
    """Add follow-ups in one write (all or none; NetDeskError on invalid input), as one
    undo step; returns their ids."""
    ids, change = ctx.services.activity.add_follow_ups(follow_ups)
    added = [replace(f, id=fid) for f, fid in zip(follow_ups, ids, strict=True)]
    ctx.undo.push(AddFollowUpsCommand(ctx, added))
    ctx.bus.publish(change)
    return ids


def mark_done(ctx: UiContext, item: DueItem, today: date, parent: QWidget | None) -> bool:
    """A follow-up is closed; a keep-in-touch reminder comes back one cadence from today
    (log an interaction instead to record what happened)."""
    activity = ctx.services.activity
    try:
        if item.follow_up_id is not None:
            before = _follow_up_as_shown(ctx, item)
            change = activity.mark_done(item.follow_up_id, today, expected=before)
            ctx.undo.push(FollowUpStateCommand(ctx, "Mark follow-up done", before, today, None))
        elif item.reason == "cadence":
            previous, change = activity.mark_cadence_done(item.contact_id, today, due_on=item.due)
            after = activity.cadence_state(item.contact_id).snoozed_until
            ctx.undo.push(
                CadenceSnoozeCommand(
                    ctx, "Mark keep-in-touch done", item.contact_id, previous, after
                )
            )
        else:
            return False
    except NetDeskError as err:
        _refused(ctx, item, parent, "Could not mark it done", err)
        return False
    ctx.bus.publish(change)
    ctx.nav.status.emit(f"Done: {item.display_name}")
    return True


def snooze(ctx: UiContext, item: DueItem, until: date, parent: QWidget | None) -> bool:
    activity = ctx.services.activity
    try:
        if item.follow_up_id is not None:
            before = _follow_up_as_shown(ctx, item)
            change = activity.snooze(item.follow_up_id, until, expected=before)
            ctx.undo.push(FollowUpStateCommand(ctx, "Snooze follow-up", before, None, until))
        elif item.reason == "cadence":
            previous = activity.cadence_state(item.contact_id).snoozed_until
            change = activity.snooze_cadence(
                item.contact_id, until, due_on=item.due, expected_snooze=(previous,)
            )
            ctx.undo.push(
                CadenceSnoozeCommand(ctx, "Snooze keep-in-touch", item.contact_id, previous, until)
            )
        else:
            return False
    except NetDeskError as err:
        _refused(ctx, item, parent, "Could not snooze", err)
        return False
    ctx.bus.publish(change)
    ctx.nav.status.emit(f"Snoozed {item.display_name} until {short_date(until, date.today())}")
    return True


def _follow_up_as_shown(ctx: UiContext, item: DueItem) -> FollowUp:
    """The follow-up of a Today item, checked to be still what the item shows (open, due
    that day); StaleItemError when it was done, snoozed, moved or deleted elsewhere since the
    list was drawn. The service checks again in the writing transaction."""
    assert item.follow_up_id is not None
    try:
        now = ctx.services.activity.get_follow_up(item.follow_up_id)
    except NotFoundError:
        raise StaleItemError(
            f"The follow-up for {item.display_name} was deleted elsewhere; nothing was changed."
        ) from None
    if now.done_on is not None or now.effective_due != item.due:
        state = (
            f"it was marked done on {now.done_on:%d %b %Y}"
            if now.done_on is not None
            else f"it is due on {now.effective_due:%d %b %Y} now"
        )
        raise StaleItemError(
            f"The follow-up “{now.reason}” for {item.display_name} was changed elsewhere: "
            f"{state}. Nothing was changed."
        )
    return now


def _refused(
    ctx: UiContext, item: DueItem, parent: QWidget | None, title: str, err: NetDeskError
) -> None:
    """Say why; when the item changed elsewhere, the views show it as it is now."""
    show_error(parent, title, err)
    if isinstance(err, StaleItemError | NotFoundError):
        ctx.bus.publish(
            Change(
                contacts=frozenset({item.contact_id}),
                follow_ups=frozenset({item.follow_up_id} if item.follow_up_id else ()),
            )
        )
