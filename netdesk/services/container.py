"""All services over one open database, built by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.services.activity import ActivityService
from netdesk.services.backups import backup_before_migration
from netdesk.services.contacts import ContactService
from netdesk.services.duplicates import DuplicateService
from netdesk.services.interchange import InterchangeService
from netdesk.services.jobsearch import JobSearchService
from netdesk.settings import Preferences, SettingsStore
from netdesk.storage.db import Database, open_database

if TYPE_CHECKING:
    from netdesk.services.sync import SyncService


@dataclass
class Services:
    db: Database
    settings: SettingsStore
    contacts: ContactService
    activity: ActivityService
    preferences: Preferences
    interchange: InterchangeService
    jobsearch: JobSearchService
    duplicates: DuplicateService

    @classmethod
    def open(cls, db_path: Path, settings: SettingsStore) -> Services:
        db = open_database(db_path, before_migrate=backup_before_migration)
        services: Services
        prefs = settings.preferences()

        def region() -> str | None:
            return services.preferences.default_region or None

        services = cls(
            db=db,
            settings=settings,
            contacts=ContactService(db, region),
            activity=ActivityService(db),
            preferences=prefs,
            interchange=InterchangeService(db, region),
            jobsearch=JobSearchService(db),
            duplicates=DuplicateService(db, region),
        )
        return services

    @cached_property
    def sync(self) -> SyncService:
        """CardDAV sync, built on first use (httpx is not loaded at start-up)."""
        from netdesk.services.sync import SyncService

        return SyncService(self.db, lambda: self.preferences.default_region or None)

    def set_preferences(self, prefs: Preferences) -> None:
        self.settings.save_preferences(prefs)
        self.preferences = prefs

    def close(self) -> None:
        self.db.close()
