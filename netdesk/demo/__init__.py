"""Demo data: realistic generated contacts, interactions and follow-ups.

Used by ``netdesk --demo``, ``netdesk demo`` and the benchmarks. Imports core (and storage, in
the writer only); imported by cli, app and ui only — never by core, storage, vcard, formats or
services (an import-linter contract).
"""
