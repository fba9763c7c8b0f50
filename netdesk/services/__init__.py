"""Use cases over one open database; no Qt.

* Built in one place: :func:`netdesk.compose.build_services` opens the database
  and builds every service (the GUI's composition root netdesk.app, the CLI and the self-test
  call it). The UI is handed the :class:`~netdesk.compose.Services` and never the
  storage ``Database``.
* One method per user action: it validates first, writes in ONE unit of work (one write
  transaction, all or nothing) and returns what changed, a :class:`netdesk.core.model.Change`
  (alone, or beside what the caller needs: a new id, a record for Undo). The UI publishes that
  Change on its bus and each view decides whether to refresh; an undo step
  (:class:`netdesk.ui.common.undo.ServiceCommand`) is one such call each way.
  tests/integration/services/test_one_write_per_action.py counts the transactions.

May import: core, storage, vcard, formats, sync and the settings. Never cli, app, ui or Qt
(import-linter contracts), and never demo data (the composition root, netdesk.compose, hands
the demo writer the database). Everything here runs headless: from the CLI, from tests, from a sync
daemon.
"""
