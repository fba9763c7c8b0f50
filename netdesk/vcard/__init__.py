"""Everything vobject: decode vCard bytes (BOM, CHARSET, UTF-16), split and read cards
one at a time, write cards, keep unknown properties for the round trip, bound photo sizes.

A file format that knows no database: imports ``netdesk.core`` and vobject only — never
storage, SQLAlchemy, services, cli, app, ui or Qt (import-linter contracts).
"""

from netdesk.vcard.reader import CardResult, iter_vcards_parallel, read_vcards
from netdesk.vcard.writer import write_vcards

__all__ = ["CardResult", "iter_vcards_parallel", "read_vcards", "write_vcards"]
