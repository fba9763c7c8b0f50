"""Alembic environment: runs on the connection handed over by netdesk.storage.migrations."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from netdesk.storage.schema import FTS_TABLES, Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name and name.startswith(FTS_TABLES))


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from the command line
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:"
        with create_engine(url).connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
