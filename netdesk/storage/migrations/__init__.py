"""Alembic migrations shipped inside the package, applied programmatically.

The revision files are found next to this module, frozen or not (PyInstaller ships the
folder as data). Developers add a revision with
``uv run python -m netdesk.storage.migrations revision -m "what changed"``.

Opening an up-to-date database does not import Alembic at all (it costs about 0.15 s of
start-up): the revision ids are read from the files; Alembic is loaded only to upgrade.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent

_REVISION = re.compile(r"""^revision(?:\s*:\s*str)?\s*=\s*['"]([^'"]+)['"]""", re.M)
_DOWN = re.compile(r"""^down_revision(?:\s*:[^=]*)?=\s*(?:None|['"]([^'"]+)['"])""", re.M)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    return cfg


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the revision files without importing Alembic."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            raise RuntimeError(f"migration {path.name} has no readable revision identifiers")
        graph[rev.group(1)] = down.group(1)
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(revision_graph())


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    """Upgrade on an engine (a connection of its own), or on a connection inside the caller's
    transaction (which then commits or rolls back the whole upgrade)."""
    from alembic import command
    from sqlalchemy.engine import Connection

    cfg = alembic_config()
    if isinstance(bind, Connection):
        cfg.attributes["connection"] = bind
        command.upgrade(cfg, revision)
        return
    with bind.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


if __name__ == "__main__":  # pragma: no cover - developer tool
    from alembic.config import CommandLine

    cli = CommandLine(prog="netdesk-migrations")
    options = cli.parser.parse_args(sys.argv[1:])
    cfg = alembic_config()
    cfg.cmd_opts = options
    cli.run_cmd(cfg, options)
