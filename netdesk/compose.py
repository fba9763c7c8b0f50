"""The composition root: all services over one open database, built in one place,
:func:`build_services` (called by the GUI entry netdesk.app, by the CLI and by the self-test).
It knows storage, services, demo data and the settings, and no Qt (import-linter), so the CLI
shares it. The UI receives the
:class:`Services` and never the storage ``Database`` behind it (``_db`` is for the CLI and
tests; tests/unit/ui/test_ui_holds_no_database.py keeps the UI off it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.services.activity import ActivityService
from netdesk.services.backups import BackupService, backup_before_migration
from netdesk.services.cards import CardService
from netdesk.services.contacts import ContactService
from netdesk.services.duplicates import DuplicateService
from netdesk.services.interchange import InterchangeService
from netdesk.services.jobsearch import JobSearchService
from netdesk.settings import Preferences, SettingsStore
from netdesk.storage.db import Database, open_database

if TYPE_CHECKING:
    from netdesk.demo.fill import Progress
    from netdesk.services.sync import SyncService


@dataclass
class Services:
    settings: SettingsStore
    contacts: ContactService
    activity: ActivityService
    preferences: Preferences
    interchange: InterchangeService
    jobsearch: JobSearchService
    duplicates: DuplicateService
    cards: CardService
    backups: BackupService
    #: the open database: for the composition root, the CLI and tests, never the UI
    _db: Database = field(repr=False)
    #: builds the CardDAV sync service on first use (httpx is not loaded at start-up)
    _sync_factory: Callable[[], SyncService] = field(repr=False)

    @cached_property
    def sync(self) -> SyncService:
        """CardDAV sync, built on first use (httpx is not loaded at start-up)."""
        return self._sync_factory()

    @property
    def database_path(self) -> Path:
        """Where the database file is (shown to the user; backups sit beside it)."""
        return self._db.path

    def data_version(self) -> int:
        """A number that changes whenever another process commits to the database."""
        return self._db.data_version()

    def fill_demo(
        self,
        contacts: int,
        interactions: int,
        *,
        seed: int = 2026,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> tuple[int, int]:
        """Add generated demo data in one transaction (:func:`netdesk.demo.fill.fill_demo`)."""
        from netdesk.demo.fill import fill_demo

        return fill_demo(
            self._db,
            contacts,
            interactions,
            seed=seed,
            region=self.preferences.default_region,
            progress=progress,
            should_cancel=should_cancel,
        )

    def set_preferences(self, prefs: Preferences) -> None:
        self.settings.save_preferences(prefs)
        self.preferences = prefs

    def close(self) -> None:
        self._db.close()


def build_services(db_path: Path, settings: SettingsStore) -> Services:
    """Open the database (migrating it, after a backup, when it is older) and build every
    service over it: the one place that does. The GUI (netdesk.app), the CLI and the
    self-test all start here; the UI is handed the result and never the database."""
    db = open_database(Path(db_path), before_migrate=backup_before_migration)
    services: Services

    def region() -> str | None:
        return services.preferences.default_region or None

    def cadence() -> int | None:
        return services.preferences.default_cadence_days

    def sync() -> SyncService:
        from netdesk.services.sync import SyncService  # httpx only when sync is used

        return SyncService(db, region)

    services = Services(
        settings=settings,
        contacts=ContactService(db, region),
        activity=ActivityService(db),
        preferences=settings.preferences(),
        interchange=InterchangeService(db, region),
        jobsearch=JobSearchService(db),
        duplicates=DuplicateService(db, region),
        cards=CardService(db, region, default_cadence=cadence),
        backups=BackupService(db),
        _db=db,
        _sync_factory=sync,
    )
    return services
