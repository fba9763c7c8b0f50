"""Editing an interaction (the quick-log form, filled in); saving is undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from netdesk.core.errors import NetDeskError
from netdesk.core.model import Interaction
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.errors import show_error
from netdesk.ui.timeline.quick_log import QuickLogDialog


class InteractionEditDialog(QuickLogDialog):
    def __init__(
        self, ctx: UiContext, interaction: Interaction, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, None, parent, interaction=interaction)


def open_editor(ctx: UiContext, interaction_id: int, parent: QWidget | None) -> QDialog | None:
    """Build the editor for an interaction (the caller shows or execs it); None (after an
    error message) when it no longer exists."""
    try:
        interaction = ctx.services.activity.get(interaction_id)
    except NetDeskError as err:
        show_error(parent, "Could not open the interaction", err)
        return None
    return InteractionEditDialog(ctx, interaction, parent)
