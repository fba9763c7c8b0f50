"""Demo data: deterministic, realistic contacts, interactions and follow-ups.

Used by ``netdesk --demo`` and by the benchmarks, so the generators stream (no giant lists)
and are cheap per item: 100,000 contacts plus 1,000,000 interactions take about 11 s on a
2-core machine, in about 30 MB. The generators use the standard library and core only (no Qt,
no SQLAlchemy).

Determinism: the same ``seed`` and the same ``today`` always give the same output (pass
``today`` explicitly when the output must not change from one day to the next). Each
generator draws from its own random stream, and contact ``n`` does not depend on ``count``,
so ``generate_contacts(10)`` is a prefix of ``generate_contacts(1000)``.

Indexes, not ids: interactions and follow-ups refer to contacts by their 0-based position in
the ``generate_contacts`` output (``contact_ids``, ``introducer_id``, ``contact_id``); the
caller maps those to database ids after inserting the contacts. Contact ``n`` has the uid
``demo-<n>@netdesk``. Contact 0 is the "heavy" contact: a mentor with a long timeline (about
2.5 % of all interactions, so at least 2,000 of 100,000).

Phones are written as people type them (``+49 171 9876543``, ``(415) 555-0134``) with
``e164`` left None for storage to fill in; every one parses with
``netdesk.core.validation.to_e164`` under the default region (US).

Modules: ``vocabulary`` (word lists shared by every country), ``locales`` (names, cities,
streets, phone patterns and companies per country), ``draw`` (seeded random draws),
``people`` (``generate_contacts``), ``timeline`` (``generate_interactions``,
``generate_follow_ups``) and ``fill`` (``fill_demo``: the writer, one transaction through
storage's bulk inserts).

Imports: the generators import the standard library and ``netdesk.core`` only; ``fill`` also
imports ``netdesk.storage``. Used by ``netdesk --demo``, ``netdesk demo`` and the benchmarks:
only cli, app and ui import this package, never core, storage, vcard, formats or services (an
import-linter contract). Nothing is imported here, so ``import netdesk.demo.people`` stays free
of SQLAlchemy.
"""
