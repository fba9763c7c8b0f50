"""One date style everywhere (issue 13, defect 10): netdesk.core.dates is the one module that
turns dates into words; an overdue date says so; birthdays read as people say them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from netdesk.core.dates import (
    PartialDate,
    birthday_text,
    due_text,
    exact_date,
    humanize_date,
    set_date_style,
    short_date,
)

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.fixture(autouse=True)
def relative_style() -> Iterator[None]:
    set_date_style("relative")
    yield
    set_date_style("relative")


def test_relative_near_weekday_within_the_year_year_otherwise() -> None:
    assert humanize_date(TODAY, TODAY) == "today"
    assert humanize_date(date(2026, 12, 6), TODAY) == "in 3 days"
    assert humanize_date(date(2026, 11, 30), TODAY) == "3 days ago"
    assert humanize_date(date(2026, 11, 24), TODAY) == "Tue 24 Nov"
    assert humanize_date(date(2025, 11, 24), TODAY) == "24 Nov 2025"
    assert short_date(date(2026, 1, 5), TODAY) == "Mon 5 Jan"
    assert exact_date(date(2026, 11, 24)) == "Tuesday 24 November 2026"


def test_an_overdue_date_is_never_shown_like_one_to_come() -> None:
    assert due_text(date(2026, 12, 10), TODAY) == "Thu 10 Dec"
    assert due_text(TODAY, TODAY) == "today"
    assert due_text(date(2026, 12, 2), TODAY) == "overdue since yesterday"
    assert due_text(date(2026, 11, 30), TODAY) == "overdue by 3 days"
    assert due_text(date(2026, 11, 24), TODAY) == "overdue since Tue 24 Nov"
    assert due_text(date(2025, 10, 1), TODAY) == "overdue since 1 Oct 2025"


def test_birthdays_with_and_without_a_year() -> None:
    assert birthday_text(PartialDate(10, 14), TODAY) == "14 October"
    assert birthday_text(PartialDate(10, 14, 1977), TODAY) == "14 October 1977 (49)"
    assert birthday_text(PartialDate(12, 24, 1977), TODAY) == "24 December 1977 (48)"


def test_the_iso_style_preference() -> None:
    set_date_style("iso")
    assert humanize_date(date(2026, 11, 24), TODAY) == "2026-11-24"
    assert birthday_text(PartialDate(10, 14), TODAY) == "--10-14"
