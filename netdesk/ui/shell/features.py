"""Features that plug into the main window (menus, actions, drop targets, dialogs).

Each module here has ``install(window: MainWindow) -> None``; the window calls them in the
order of INSTALLERS once its views and base menus exist. Adding a feature = one new module
plus one line below.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

#: dotted module names of the features, installed in this order
INSTALLERS: list[str] = [
    "netdesk.ui.timeline.feature",
    "netdesk.ui.interchange.feature",
    "netdesk.ui.contacts.feature",
    "netdesk.ui.reliability.feature",
    "netdesk.ui.jobsearch.feature",
    "netdesk.ui.sync.feature",
]


def install_all(window: Any) -> None:
    for name in INSTALLERS:
        module = import_module(name)
        installer: Callable[[Any], None] = module.install
        installer(window)
