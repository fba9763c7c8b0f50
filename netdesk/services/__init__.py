"""Use cases, one method per user action: contacts, activity (interactions and follow-ups),
card entry, interchange (import and export), duplicates, job search, calendar, backups and
sync. Each action opens one unit of work and returns what changed (a ``Change``) for the
views to refresh from. ``container.Services`` holds them all.

May import: core, storage, vcard (and the other file formats), sync and the settings. Never
cli, app, ui, Qt or demo (import-linter contracts): everything here runs headless — from the
CLI, from tests, from a sync daemon.
"""
