"""PySide6 user interface. Talks to services and core only (and to demo for the demo fill,
through ``Services.fill_demo``); never storage, SQLAlchemy, Alembic or vobject (import-linter
contract): the UI receives services, never the database.

One package per feature; the shell composes them. Where to look:

- ``shell/``: the application (``application``: QApplication, logging, start-up, GC policy
  ``gc_policy``, single instance, files opened from the OS) and the main window
  (``main_window``: navigation, base menus, Preferences…). ``MainWindow._build_features``
  constructs every feature object below with plain imports and keeps a typed reference to
  each (``window.contacts``, ``window.interchange``, ``window.sync``…).
- ``common/``: what every feature uses: ``context.UiContext`` (services, change bus, undo
  stack, worker, navigator), ``host.FeatureHost`` (the window as a feature sees it),
  ``worker``/``tasks`` (work off the GUI thread, progress dialogs), ``errors``,
  ``safe_text``, ``widgets``, ``palette``, ``roles``, ``links``, ``drops``, ``file_menu``
  and the shared ``conflict`` dialog.
- ``contacts/``: the contact list (``view``, ``model``), the contact page, the editor, the
  undo steps (``commands``) and the Contact menu (``contact_menu.ContactsFeature``).
- ``cards/``: card entry. ``scan/``: its queue of scanned card images.
- ``today/``: the Today view and its snooze dialog.
- ``timeline/``: the timeline, a contact's timeline, quick log, follow-ups, the activity
  undo steps (``activity_actions``) and Contact → Add follow-up / File → Export calendar.
- ``interchange/``: import (vCard, CSV, preview, undo) and vCard export.
- ``reliability/``: backups, restore, CSV export, recovery of a damaged database.
- ``jobsearch/``: Who helped, the referral network, campaigns, templates, references.
- ``duplicates/``: the duplicates view and merge panel.
- ``sync/``: CardDAV sync in the window.

Import rule (an import-linter contract in pyproject.toml): shell over the features over
common; features do not import each other, except contacts and today over timeline and
jobsearch (which use each other), and cards over scan.
"""
