"""The NetDesk domain in plain Python: frozen dataclasses (``model``), value rules
(``validation``, ``phones``, ``dates``, ``text``), the rules written once and used everywhere
(``cadence``, ``matching`` for the "same person" rule, ``merge``, ``templates``, ``links``,
``jobsearch``), the card parser (``cardparse``) and the errors every layer raises (``errors``).

May import: the standard library, ``phonenumbers``, ``rapidfuzz`` and ``netdesk.resources``
(data files). Never Qt, SQLAlchemy, Alembic, vobject or any other NetDesk package
(import-linter contract): every layer builds on core, core builds on nothing of ours.
"""
