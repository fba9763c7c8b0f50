"""Core value rules: dates, folding, phone digits, validation, cadence."""

from __future__ import annotations

from datetime import date

import pytest

from netdesk.core.cadence import bucket, cadence_label, next_touch
from netdesk.core.dates import PartialDate, humanize_date
from netdesk.core.model import Contact, Email, derive_display_name
from netdesk.core.text import fold, normalize_query_digits, phone_search_tokens
from netdesk.core.validation import email_problem, is_safe_link, to_e164


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1971-05-02", PartialDate(5, 2, 1971)),
        ("19710502", PartialDate(5, 2, 1971)),
        ("--05-02", PartialDate(5, 2, None)),
        ("--0502", PartialDate(5, 2, None)),
        ("1604-05-02", PartialDate(5, 2, None)),  # Apple's "no year" marker
        ("2000-02-29", PartialDate(2, 29, 2000)),
    ],
)
def test_partial_date_parse(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize("text", ["2001-02-29", "--13-01", "--02-30", "hello", ""])
def test_partial_date_rejects_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_no_year_feb_29_is_allowed_and_falls_on_28th_in_common_years() -> None:
    leap_day = PartialDate(2, 29, None)
    assert leap_day.iso() == "--02-29"
    assert leap_day.next_occurrence(date(2027, 1, 10)) == date(2027, 2, 28)
    assert leap_day.next_occurrence(date(2028, 1, 10)) == date(2028, 2, 29)
    assert leap_day.next_occurrence(date(2027, 3, 1)) == date(2028, 2, 29)


def test_birthday_next_occurrence_wraps_the_year() -> None:
    assert PartialDate(1, 3).next_occurrence(date(2026, 12, 28)) == date(2027, 1, 3)
    assert PartialDate(12, 28).next_occurrence(date(2026, 12, 28)) == date(2026, 12, 28)


def test_humanize_date() -> None:
    today = date(2026, 11, 22)
    assert humanize_date(today, today) == "today"
    assert humanize_date(date(2026, 11, 23), today) == "tomorrow"
    assert humanize_date(date(2026, 11, 19), today) == "3 days ago"
    assert humanize_date(date(2026, 11, 24), today) == "in 2 days"
    assert humanize_date(date(2026, 12, 24), today) == "Thu 24 Dec"
    assert humanize_date(date(2025, 12, 24), today) == "24 Dec 2025"


def test_fold_strips_accents_and_case() -> None:
    assert fold("Müller") == "muller"
    assert fold("Straße") == "strasse"
    assert fold("ŁUKASZ Øster") == "lukasz oster"
    assert fold("Zoë José") == "zoe jose"


def test_phone_tokens_cover_typed_international_and_national_forms() -> None:
    tokens = phone_search_tokens("0171 9876543", "+491719876543")
    assert {"01719876543", "1719876543", "491719876543"} <= set(tokens)
    assert normalize_query_digits("+49 171") == "49171"
    assert normalize_query_digits("0049171") == "49171"
    assert normalize_query_digits("0171") == "171"


@pytest.mark.parametrize(
    "good", ["a@example.com", "first.last+tag@sub.example.co.uk", "jürgen@müller.de"]
)
def test_valid_emails(good: str) -> None:
    assert email_problem(good) is None


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("", "empty"),
        ("no-at.example.com", "exactly one @"),
        ("a@@example.com", "exactly one @"),
        ("a b@example.com", "space"),
        ("a@localhost", "domain with a dot"),
        ("a..b@example.com", "dot"),
    ],
)
def test_invalid_emails_say_why(bad: str, reason: str) -> None:
    problem = email_problem(bad)
    assert problem is not None and reason in problem


def test_e164() -> None:
    assert to_e164("+49 171 9876543") == "+491719876543"
    assert to_e164("0171 9876543", "DE") == "+491719876543"
    assert to_e164("(415) 555-0134", "US") == "+14155550134"
    assert to_e164("not a number") is None


def test_safe_links() -> None:
    for ok in ("https://example.com", "http://x.org", "mailto:a@b.c", "tel:+4912345"):
        assert is_safe_link(ok)
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x", "data:text/html,hi"):
        assert not is_safe_link(bad)


def test_display_name_derivation() -> None:
    assert derive_display_name(Contact(given_name="Ada", family_name="Lovelace")) == "Ada Lovelace"
    assert derive_display_name(Contact(organization="Acme GmbH")) == "Acme GmbH"
    assert derive_display_name(Contact(emails=(Email("x@example.com"),))) == "x@example.com"
    assert derive_display_name(Contact()) == "(no name)"
    assert (
        derive_display_name(Contact(prefix="Dr.", given_name="A", family_name="B", suffix="PhD"))
        == "Dr. A B, PhD"
    )


def test_next_touch_rules() -> None:
    last = date(2026, 1, 31)
    assert next_touch(last, 30, None, None) == date(2026, 3, 2)
    assert next_touch(None, 30, date(2026, 2, 1), None) == date(2026, 3, 3)
    assert next_touch(last, None, None, None) is None
    assert next_touch(last, 30, None, date(2026, 2, 10)) == date(2026, 2, 10)
    assert next_touch(None, None, None, date(2026, 2, 10)) == date(2026, 2, 10)


def test_buckets_and_labels() -> None:
    today = date(2026, 11, 22)
    assert bucket(date(2026, 11, 21), today) == "overdue"
    assert bucket(today, today) == "today"
    assert bucket(date(2026, 11, 29), today) == "week"
    assert bucket(date(2026, 11, 30), today) == "later"
    assert cadence_label(91) == "Quarterly"
    assert cadence_label(10) == "Every 10 days"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("www.example.com", "https://www.example.com"),
        ("linkedin.com/in/jane", "https://linkedin.com/in/jane"),
        ("example.com:8080/x", "https://example.com:8080/x"),
        ("localhost:8080", "https://localhost:8080"),
        ("https://x.org", "https://x.org"),
        ("mailto:a@b.co", "mailto:a@b.co"),
        # a foreign scheme is kept as typed (and never opened), not turned into https://
        ("javascript:alert(1)", "javascript:alert(1)"),
    ],
)
def test_url_normalisation_adds_https_only_to_bare_hosts(typed: str, stored: str) -> None:
    from netdesk.core.model import Url
    from netdesk.core.validation import normalize_url

    assert normalize_url(Url(typed)).value == stored
    assert is_safe_link(stored) == (not stored.startswith("javascript"))
