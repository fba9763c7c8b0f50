"""Fixtures for the GUI tests that read card photos: the OCR engine is loaded once per test
session (loading it takes seconds on a 2-core machine)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def ocr_engine() -> Any:
    from netdesk.scan import engine

    return engine.get_engine()
