"""Errors that cross layers. Each carries a message meant for a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netdesk.core.merge import ContactMerge, FieldConflict
    from netdesk.core.model import Contact


class NetDeskError(Exception):
    """Base for every error NetDesk reports to a user (CLI message or GUI dialog)."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ValidationError(NetDeskError):
    """Input that cannot be stored as it is; ``field`` names what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFoundError(NetDeskError):
    pass


class DatabaseError(NetDeskError):
    """The database file cannot be used; the file has been left untouched."""


class DatabaseNewerError(DatabaseError):
    pass


class DatabaseCorruptError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    pass


class DatabaseUnwritableError(DatabaseError):
    pass


class DatabaseFolderUnsafeError(DatabaseError):
    """The database's folder can be written by other users, who could plant files in it."""


class Cancelled(NetDeskError):
    """A long operation (import, demo fill, duplicate scan) stopped because the user asked;
    its transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was written.")


class ImportFileError(NetDeskError):
    """A whole file could not be read (missing, unreadable, not a vCard)."""


class StaleContactError(NetDeskError):
    """A write was based on a copy of a contact that has changed since it was read (an
    import merged into it, another window or a script saved it). ``current`` is the contact
    as it is now (None when it was deleted); ``conflicts`` the fields both sides changed
    differently, when a merge was tried (and ``merge`` that merge). Nothing was written."""

    def __init__(
        self,
        message: str,
        *,
        current: Contact | None = None,
        conflicts: tuple[FieldConflict, ...] = (),
        merge: ContactMerge | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, detail=detail)
        self.current = current
        self.conflicts = conflicts
        #: the merge that found the conflicts: ``merge.resolve(choices)`` is the edit to
        #: save over ``current`` once the user has chosen
        self.merge = merge


class StaleItemError(NetDeskError):
    """An action on something shown earlier (a Today item, an undo step) no longer applies:
    it was changed or removed meanwhile. Nothing was written."""
