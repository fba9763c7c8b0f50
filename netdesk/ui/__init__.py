"""PySide6 user interface: the shell (main window, navigation, task runner, GC policy)
and the features it composes (contacts, cards, today, timeline, interchange, reliability,
job search, duplicates, sync, scan).

May import: services, core, settings, scan and demo (the demo fill). Never storage,
SQLAlchemy, Alembic or vobject (import-linter contract): the UI receives services, never the
database.
"""
