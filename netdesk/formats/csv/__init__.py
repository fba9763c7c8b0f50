"""CSV: reading any contact spreadsheet and writing NetDesk's own.

- :mod:`.columns`: what a header names, the fields a column may be mapped to;
- :mod:`.values`: cell values (dates, multi-value cells, labels, tags);
- :mod:`.layout`: encoding, delimiter and header row found together; what the preview shows;
- :mod:`.read`: rows into contacts (``iter_csv``, ``read_csv``);
- :mod:`.write`: JSON-shaped contacts into NetDesk's CSV export.

Knows no database (the import and export use cases are in ``netdesk.services``). No Qt.
"""

from netdesk.formats.csv.columns import FIELDS, field_title, header_signature, parse_mapping
from netdesk.formats.csv.layout import (
    CSV_SUFFIXES,
    VCARD_SUFFIXES,
    ColumnInfo,
    CsvLayout,
    CsvOptions,
    decode_csv,
    inspect_csv,
    is_csv,
    record_word,
    records_word,
)
from netdesk.formats.csv.read import iter_csv, read_csv
from netdesk.formats.csv.values import parse_csv_date

__all__ = [
    "CSV_SUFFIXES",
    "FIELDS",
    "VCARD_SUFFIXES",
    "ColumnInfo",
    "CsvLayout",
    "CsvOptions",
    "decode_csv",
    "field_title",
    "header_signature",
    "inspect_csv",
    "is_csv",
    "iter_csv",
    "parse_csv_date",
    "parse_mapping",
    "read_csv",
    "record_word",
    "records_word",
]
