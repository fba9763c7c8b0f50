"""Keep-in-touch and birthday rules at their edges (pure functions, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from netdesk.core.cadence import DUE_HORIZON_DAYS, bucket, cadence_label, next_touch
from netdesk.core.dates import PartialDate, anniversary_in_year, humanize_date


def test_cadence_from_a_leap_day_lands_on_28_february() -> None:
    assert next_touch(date(2024, 2, 29), 365, None, None) == date(2025, 2, 28)


def test_monthly_cadence_crosses_into_a_leap_day() -> None:
    assert next_touch(date(2024, 1, 30), 30, None, None) == date(2024, 2, 29)
    assert next_touch(date(2023, 1, 30), 30, None, None) == date(2023, 3, 1)


def test_contact_without_interactions_counts_from_when_it_was_added() -> None:
    assert next_touch(None, 14, date(2026, 11, 1), None) == date(2026, 11, 15)
    assert next_touch(None, 14, None, None) is None
    assert next_touch(None, None, date(2026, 11, 1), None) is None


def test_earliest_of_cadence_and_follow_up_wins() -> None:
    assert next_touch(date(2026, 1, 1), 91, None, date(2026, 2, 1)) == date(2026, 2, 1)
    assert next_touch(date(2026, 1, 1), 14, None, date(2026, 2, 1)) == date(2026, 1, 15)
    assert next_touch(None, None, None, date(2026, 2, 1)) == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 11, 19), "overdue"),
        (date(2026, 11, 20), "today"),
        (date(2026, 11, 21), "week"),
        (date(2026, 11, 20 + DUE_HORIZON_DAYS), "week"),
        (date(2026, 11, 21 + DUE_HORIZON_DAYS), "later"),
    ],
)
def test_today_buckets_at_their_edges(due: date, expected: str) -> None:
    assert bucket(due, date(2026, 11, 20)) == expected


def test_week_bucket_crosses_a_month_and_a_year() -> None:
    assert bucket(date(2027, 1, 3), date(2026, 12, 28)) == "week"
    assert bucket(date(2027, 1, 5), date(2026, 12, 28)) == "later"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 2, 1), date(2027, 2, 28)),  # common year: celebrated on 28 February
        (date(2027, 2, 28), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # passed: next leap year, on the day itself
        (date(2028, 2, 29), date(2028, 2, 29)),
        (date(2028, 3, 1), date(2029, 2, 28)),
    ],
)
def test_birthday_on_29_february(today: date, expected: date) -> None:
    assert PartialDate(2, 29, 1988).next_occurrence(today) == expected
    assert PartialDate(2, 29, None).next_occurrence(today) == expected


def test_birthdays_without_a_year() -> None:
    bday = PartialDate.parse("--12-30")
    assert bday.year is None
    assert bday.next_occurrence(date(2026, 12, 20)) == date(2026, 12, 30)
    assert bday.next_occurrence(date(2026, 12, 31)) == date(2027, 12, 30)
    assert PartialDate.parse("--0103").next_occurrence(date(2026, 12, 25)) == date(2027, 1, 3)
    # vCard writers use 1604 (and 0000) for "year unknown"
    assert PartialDate.parse("1604-02-29").year is None
    assert PartialDate.parse("--02-29") == PartialDate(2, 29, None)


def test_no_year_birthday_may_be_29_february_but_not_30() -> None:
    with pytest.raises(ValueError):
        PartialDate(2, 30, None)
    with pytest.raises(ValueError):
        PartialDate(2, 29, 2023)


def test_anniversary_in_year() -> None:
    assert anniversary_in_year(2, 29, 2100) == date(2100, 2, 28)  # 2100 is not a leap year
    assert anniversary_in_year(2, 29, 2000) == date(2000, 2, 29)


def test_relative_dates() -> None:
    today = date(2026, 11, 30)
    assert humanize_date(date(2026, 12, 1), today) == "tomorrow"
    assert humanize_date(date(2026, 12, 4), today) == "in 4 days"
    assert humanize_date(date(2026, 11, 24), today) == "6 days ago"
    assert humanize_date(date(2027, 1, 1), today) == "1 Jan 2027"


def test_custom_cadences_are_labelled_in_days() -> None:
    assert cadence_label(91) == "Quarterly"
    assert cadence_label(45) == "Every 45 days"
