"""Everything vobject: decode vCard bytes, split and read cards, write cards.

No Qt, no SQLAlchemy; imports only ``netdesk.core`` of ours.
"""

from netdesk.vcard.reader import CardResult, iter_vcards_parallel, read_vcards
from netdesk.vcard.writer import write_vcards

__all__ = ["CardResult", "iter_vcards_parallel", "read_vcards", "write_vcards"]
