"""Composition root: parse args -> paths -> database -> services -> Qt.

The only module that knows every layer. ``python -m netdesk`` and the ``netdesk`` console
script call :func:`main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from netdesk import cli

    try:
        args = cli.build_parser().parse_args(args_list)
    except cli.UsageError as e:
        sys.stderr.write(f"{e}\n")
        return cli.EXIT_USAGE
    except SystemExit as e:  # --help / --version printed their text
        return e.code if isinstance(e.code, int) else 0
    if args.verb:
        return cli.run(args_list)
    if args.selftest:
        from netdesk.selftest import run_selftest

        return run_selftest()
    return run_gui(cli.resolve_db(args), demo=args.demo)


def run_gui(db_path: object, *, demo: bool = False) -> int:
    from pathlib import Path

    from netdesk import paths
    from netdesk.core.errors import DatabaseCorruptError, NetDeskError
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore
    from netdesk.ui.application import create_application, run_main_window, show_startup_error
    from netdesk.ui.single_instance import SingleInstance

    app = create_application()
    path = Path(str(db_path))
    instance = SingleInstance(path)
    if instance.activate_running():
        return 0  # NetDesk already has this database open: its window came to the front
    instance.listen()
    settings = SettingsStore(paths.config_dir())
    try:
        try:
            services = Services.open(path, settings)
        except DatabaseCorruptError as err:
            from netdesk.ui.features.reliability import recover_damaged_database

            if not recover_damaged_database(path, err):
                return 1
            services = Services.open(path, settings)
    except NetDeskError as err:
        show_startup_error(err)
        return 1
    try:
        return run_main_window(app, services, demo=demo, instance=instance)
    finally:
        services.close()
        instance.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
