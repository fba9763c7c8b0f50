"""File formats that know no database: CSV (``formats.csv``), iCalendar (``formats.ics``) and
the contact JSON shape (``formats.jsonshape``). Codecs between bytes and core dataclasses;
what reads or writes the database to import or export lives in ``netdesk.services``.
vCard has its own package, ``netdesk.vcard``."""
