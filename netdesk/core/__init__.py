"""The NetDesk domain in plain Python: frozen dataclasses, value rules, errors.

Nothing here imports Qt, SQLAlchemy or vobject.
"""
