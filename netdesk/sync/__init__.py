"""CardDAV sync: a small typed client over httpx (:mod:`netdesk.sync.dav`) and the
two-way sync algorithm with its safety rules (:mod:`netdesk.sync.engine`).

No Qt and no storage here: the engine works on plain snapshots of both sides and on a
status mapping it is handed; :mod:`netdesk.services.sync` ties it to the database.
May import: core and httpx (import-linter contract).
"""
