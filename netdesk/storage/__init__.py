"""SQLite through SQLAlchemy 2: the rows (``schema``), the field-to-column mapping
(``mapping``), opening, pragmas and the unit of work (``db``), repositories per concern
(``contacts``, ``activity``, ``jobsearch``, ``duplicates``, ``interchange``, ``sync``), bulk
writes (``bulk``) and the Alembic migrations shipped inside the package (``migrations``).

ORM rows never leave here: callers get core dataclasses. Repositories never commit; the unit
of work does. May import: core, ``netdesk.paths``, the sync engine's status type, SQLAlchemy and
Alembic. Never services, cli, app, ui, Qt or demo (import-linter contracts).
"""
