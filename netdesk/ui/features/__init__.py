"""Features that plug into the main window (menus, actions, drop targets, dialogs).

Each module here has ``install(window: MainWindow) -> None``; the window calls them in the
order of INSTALLERS once its views and base menus exist. Adding a feature = one new module
plus one line below.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

#: dotted module names under netdesk.ui.features, installed in this order
INSTALLERS: list[str] = ["activity", "interchange", "contacts", "reliability", "jobsearch", "sync"]


def install_all(window: Any) -> None:
    for name in INSTALLERS:
        module = import_module(f"netdesk.ui.features.{name}")
        installer: Callable[[Any], None] = module.install
        installer(window)
