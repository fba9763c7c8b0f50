"""PySide6 user interface: the shell (application, main window, GC policy, feature
installers), what features share (``common``: context, change bus, worker and task runner,
widgets) and one package per feature (contacts, cards, today, timeline, interchange,
reliability, jobsearch, duplicates, sync, scan).

May import: services, core, settings, scan and demo (the demo fill). Never storage,
SQLAlchemy, Alembic or vobject (import-linter contract): the UI receives services, never the
database.
"""
