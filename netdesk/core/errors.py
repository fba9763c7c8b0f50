"""Errors that cross layers. Each carries a message meant for a person."""

from __future__ import annotations


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


class ImportFileError(NetDeskError):
    """A whole file could not be read (missing, unreadable, not a vCard)."""
