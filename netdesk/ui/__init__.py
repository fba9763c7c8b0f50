"""PySide6 user interface. Talks to services and core only."""
