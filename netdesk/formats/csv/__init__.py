"""CSV: reading any contact spreadsheet (``read``) and writing NetDesk's own (``write``)."""
