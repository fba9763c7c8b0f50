"""Alembic migrations shipped inside the package, applied programmatically.

The revision files are found next to this module, frozen or not (PyInstaller ships the
folder as data). Developers add a revision with
``uv run python -m netdesk.storage.migrations revision -m "what changed"``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


if __name__ == "__main__":  # pragma: no cover - developer tool
    from alembic.config import CommandLine

    cli = CommandLine(prog="netdesk-migrations")
    options = cli.parser.parse_args(sys.argv[1:])
    cfg = alembic_config()
    cfg.cmd_opts = options
    cli.run_cmd(cfg, options)
