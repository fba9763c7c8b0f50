"""The program's entry: parse args -> the CLI verb, the self-test, or paths -> services -> Qt.

The services come from the composition root :func:`netdesk.compose.build_services`, the one
place that opens the database and builds every service. It is a module of its own, free of Qt,
so that the CLI and the self-test (which may not import this module: it knows Qt) build
exactly the same services; the UI receives the services, never the database.

The only module that knows every layer, Qt included. ``python -m netdesk`` and the
``netdesk`` console script call :func:`main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from netdesk.compose import Services
    from netdesk.settings import SettingsStore
    from netdesk.ui.shell.file_open import FileOpener
    from netdesk.ui.shell.single_instance import SingleInstance


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Older macOS adds a process serial number when Finder starts an app: not ours to parse.
    args_list = [a for a in args_list if not a.startswith("-psn_")]
    from netdesk import cli

    try:
        args = cli.parse_args(args_list)
    except cli.UsageError as e:
        sys.stderr.write(f"{e}\n")
        return cli.EXIT_USAGE
    except SystemExit as e:  # --help / --version printed their text
        return e.code if isinstance(e.code, int) else 0
    if args.verb:
        return cli.run(args_list, parsed=args)
    if args.selftest:
        from netdesk.selftest import run_selftest

        return run_selftest()
    return run_gui(cli.resolve_db(args), demo=args.demo, files=args.open_files)


#: how long a second launch keeps trying to reach the first (which may be starting up)
ACTIVATE_WAIT_MS = 5000


def run_gui(db_path: object, *, demo: bool = False, files: Sequence[str] = ()) -> int:
    """``files``: vCard files (absolute paths) to open in the import preview once the window
    has its views."""
    from netdesk.ui.shell.application import create_application
    from netdesk.ui.shell.file_open import FileOpener
    from netdesk.ui.shell.single_instance import SingleInstance, remove_stale

    app = create_application()
    path = Path(str(db_path))
    instance = SingleInstance(path)
    # The lock decides who is first, even for two launches in the same instant; the second
    # hands its files to the first (which may still be setting up its socket) and exits.
    if not instance.listen():
        if instance.activate_running(files=files, connect_ms=ACTIVATE_WAIT_MS):
            return 0  # NetDesk already has this database open: its window came to the front
        if not instance.listen():  # (unless the other one has just quit)
            sys.stderr.write(
                f"netdesk: NetDesk is already running on {path} but does not answer; "
                "close it and try again.\n"
            )
            return 1
    remove_stale()  # sockets and lock files of NetDesks that crashed
    opener = FileOpener(app)  # macOS sends documents as events, even before the window
    opener.open(files)
    instance.open_requested.connect(opener.open)
    try:
        return _run_gui(app, path, instance, opener, demo)
    finally:
        opener.close()


def _run_gui(
    app: QApplication, path: Path, instance: SingleInstance, opener: FileOpener, demo: bool
) -> int:
    """The opening window, then the database, then the views built into the window."""
    from netdesk import paths
    from netdesk.settings import SettingsStore
    from netdesk.ui.shell.application import run_main_window, show_opening_window

    settings = SettingsStore(paths.config_dir())
    # The window is on screen before the database layer (SQLAlchemy) is even imported.
    window = show_opening_window(app, settings)
    services = open_services(path, settings)
    if services is None or not window.isVisible():  # could not open, or closed meanwhile
        window.close()
        instance.close()
        if services is None:
            return 1
        services.close()
        return 0
    try:
        return run_main_window(
            app, services, demo=demo, instance=instance, window=window, opener=opener
        )
    finally:
        services.close()
        instance.close()


def open_services(path: Path, settings: SettingsStore) -> Services | None:
    """Open the database for the GUI; a damaged one offers a backup to restore. None (after a
    message naming the problem) when it cannot be opened."""
    from netdesk.compose import build_services
    from netdesk.core.errors import DatabaseCorruptError, NetDeskError
    from netdesk.ui.shell.application import show_startup_error

    try:
        try:
            return build_services(path, settings)
        except DatabaseCorruptError as err:
            from netdesk.ui.reliability.feature import recover_damaged_database

            if not recover_damaged_database(path, err):
                return None
            return build_services(path, settings)
    except NetDeskError as err:
        show_startup_error(err)
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
