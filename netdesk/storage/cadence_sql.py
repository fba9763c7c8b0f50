"""The keep-in-touch rule of :mod:`netdesk.core.cadence`, written once in SQL.

Storage keeps the derived dates in columns (``contacts.last_contacted``, ``cadence_due`` and
``next_touch``, each indexed) so the Today view and the contact list can range-scan them; the
expressions below compute them, and every query that needs a due date (the derived-date
refresh, the Today view, the overdue count, the ORM-free read path of the command line) uses
these and no copy. tests/integration/storage/test_cadence_sql_agrees.py checks them against
:mod:`netdesk.core.cadence` on generated cases.

No SQLAlchemy here: the strings are used by the ORM repositories through ``text()`` and by
:mod:`netdesk.storage.reads` through the standard ``sqlite3`` module. ``contact`` and
``follow_up`` are the table names or aliases the caller's query gives those tables.
"""

from __future__ import annotations


def effective_cadence(contact: str = "c") -> str:
    """core.cadence.effective_cadence: the contact's own cadence, else its tags' shortest."""
    return (
        f"coalesce({contact}.cadence_days, (SELECT min(t.cadence_days) FROM tags t "
        f"JOIN contact_tags ct ON ct.tag_id = t.id WHERE ct.contact_id = {contact}.id))"
    )


def last_contact_day(contact: str = "c") -> str:
    """core.cadence.last_contact_day: the date of the contact's latest interaction."""
    return (
        "(SELECT date(max(ic.occurred_at)) FROM interaction_contacts ic "
        f"WHERE ic.contact_id = {contact}.id)"
    )


def cadence_due(contact: str = "c") -> str:
    """core.cadence.cadence_due over the row's stored ``last_contacted`` (else the day it was
    created), its effective cadence and its ``cadence_snoozed_until``. SQLite's ``date()``
    answers NULL for a negative cadence or a day past 9999-12-31, and ``max()`` with a NULL
    argument is NULL."""
    days = effective_cadence(contact)
    return (
        f"CASE WHEN {days} IS NULL THEN NULL "
        f"ELSE max(date(coalesce({contact}.last_contacted, date({contact}.created_at)), "
        f"'+' || {days} || ' days'), coalesce({contact}.cadence_snoozed_until, '')) END"
    )


def follow_up_due(follow_up: str = "f") -> str:
    """core.cadence.follow_up_due: the day a follow-up was snoozed to, else its own day."""
    return f"coalesce({follow_up}.snoozed_until, {follow_up}.due)"


def earliest_open_follow_up(contact: str = "c") -> str:
    """The earliest :func:`follow_up_due` of the contact's open (not done) follow-ups."""
    return (
        f"(SELECT min({follow_up_due('f')}) FROM follow_ups f "
        f"WHERE f.contact_id = {contact}.id AND f.done_on IS NULL)"
    )


def next_touch(contact: str = "c") -> str:
    """core.cadence.next_touch over the row's stored ``cadence_due``: the earlier of it and
    the earliest open follow-up (either may be missing)."""
    follow_up = earliest_open_follow_up(contact)
    return (
        f"CASE WHEN {follow_up} IS NULL THEN {contact}.cadence_due "
        f"WHEN {contact}.cadence_due IS NULL THEN {follow_up} "
        f"ELSE min({contact}.cadence_due, {follow_up}) END"
    )


def refresh_statements(where: str) -> tuple[str, str, str]:
    """The three UPDATEs that recompute the derived dates of the contacts ``where`` selects,
    in order (the SET expressions of one statement see the row as it was before it)."""
    return (
        f"UPDATE contacts SET last_contacted = {last_contact_day('contacts')} WHERE {where}",
        f"UPDATE contacts SET cadence_due = {cadence_due('contacts')} WHERE {where}",
        f"UPDATE contacts SET next_touch = {next_touch('contacts')} WHERE {where}",
    )
