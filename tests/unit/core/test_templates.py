"""The template renderer and mailto builder: missing values flagged, never rendered as a gap;
names with quotes, commas, non-ASCII and newlines; escaped braces; RFC 6068 encoding."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from netdesk.core.errors import ValidationError
from netdesk.core.templates import (
    BUILTIN_TEMPLATES,
    MAILTO_LIMIT,
    PLACEHOLDERS,
    MessageTemplate,
    build_mailto,
    builtin_template,
    builtin_templates,
    check_edited,
    escape,
    log_type_for,
    mailto_fits,
    placeholders_in,
    render,
    render_message,
)


def parse_mailto(url: str) -> tuple[list[str], dict[str, str]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    to = [unquote(a) for a in parts.path.split(",")] if parts.path else []
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return to, query


def test_every_placeholder_is_filled() -> None:
    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    text = " ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    out = render(text, values)
    assert out.ok
    assert out.text == " ".join(f"<{name}>" for name in PLACEHOLDERS)


def test_missing_value_is_reported_and_kept_visible_never_a_gap() -> None:
    out = render("Hi {first_name}, congrats on {company}!", {"first_name": "Ann", "company": ""})
    assert out.missing == ("company",)
    assert out.text == "Hi Ann, congrats on {company}!"
    out = render("Hi {first_name}", {})
    assert out.missing == ("first_name",) and out.text == "Hi {first_name}"
    out = render("Hi {first_name}", {"first_name": "   \n "})
    assert out.missing == ("first_name",)
    assert not out.ok


def test_unknown_placeholder_is_reported_not_dropped() -> None:
    out = render("Dear {frist_name}", {"first_name": "Ann"})
    assert out.unknown == ("frist_name",) and out.missing == ()
    assert out.text == "Dear {frist_name}"


def test_literal_braces_are_escaped_by_doubling() -> None:
    out = render("Set {{x}} to {first_name}; }} and {{", {"first_name": "Bo"})
    assert out.ok and out.text == "Set {x} to Bo; } and {"
    assert render(escape("a {first_name} b"), {"first_name": "X"}).text == "a {first_name} b"
    # a brace that starts no placeholder stays as it is
    assert render("a { b } c {1x}", {}).text == "a { b } c {1x}"


@pytest.mark.parametrize(
    "name",
    [
        'Anne "Nan" O\'Brien',
        "Smith, Jr.",
        "Jürgen Müller",
        "Zoë Ångström-Łukasiewicz",
        "李小龍",
        "{company}",
        "100%",
    ],
)
def test_awkward_names_are_inserted_as_they_are_and_never_expanded(name: str) -> None:
    out = render("Dear {first_name}, at {company}", {"first_name": name, "company": "Acme"})
    assert out.ok
    assert out.text == f"Dear {name}, at Acme"


def test_newlines_in_a_name_become_spaces_but_help_may_span_lines() -> None:
    values = {"first_name": "Anna\nMaria", "how_they_helped": "the intro\nand the CV review"}
    out = render("Hi {first_name}\nThanks for {how_they_helped}", values)
    assert out.text == "Hi Anna Maria\nThanks for the intro\nand the CV review"
    subject = render("Thanks, {first_name}\n", values, one_line=True)
    assert subject.text == "Thanks, Anna Maria"


def test_message_collects_missing_from_subject_and_body_once() -> None:
    t = MessageTemplate("t", "News from {my_name}", "{my_news} — {my_name}")
    m = render_message(t, {"my_name": ""})
    assert m.missing == ("my_name", "my_news") and not m.ready
    edited = check_edited("Hi", "still {my_news} here and {oops}")
    assert edited.missing == ("my_news",) and edited.unknown == ("oops",)
    assert check_edited("Hi", "all written").ready


def test_builtins_cover_the_issue_and_use_only_known_placeholders() -> None:
    keys = {key for key, *_ in BUILTIN_TEMPLATES}
    assert {
        "landed",
        "interview_thanks",
        "just_to_connect",
        "birthday",
        "congratulations",
        "holiday",
        "ask_introduction",
    } <= keys
    for t in builtin_templates():
        assert t.problems() == [], t.name
        assert set(placeholders_in(t.subject + t.body)) <= set(PLACEHOLDERS)
    landed = builtin_template("landed")
    assert {"new_role", "new_company", "how_they_helped"} <= set(placeholders_in(landed.body))
    assert log_type_for(landed) == "news shared"
    assert log_type_for(builtin_template("interview_thanks")) == "thank-you sent"
    assert log_type_for(MessageTemplate("Thank you, mentors", "", "x")) == "thank-you sent"
    assert MessageTemplate("", "", "{nope}").problems() == [
        "the template needs a name",
        "{nope} is not a placeholder NetDesk knows",
    ]


def test_mailto_round_trips_through_a_url_parser() -> None:
    subject = 'Thanks & news: 100% "great" — Grüße?'
    body = "Hi Zoë,\n\nline two & more = fun #1\r\nlast + line"
    url = build_mailto(["zoe.o'neil+jobs@example.com"], subject, body)
    assert " " not in url and "\n" not in url
    to, query = parse_mailto(url)
    assert to == ["zoe.o'neil+jobs@example.com"]
    assert query["subject"] == subject
    # line breaks are CRLF in the URL (RFC 6068)
    assert query["body"] == "Hi Zoë,\r\n\r\nline two & more = fun #1\r\nlast + line"
    assert "%0D%0A" in url


def test_mailto_with_several_addresses_and_no_body() -> None:
    url = build_mailto(["a@example.com", "b@example.org"], "", "")
    assert url == "mailto:a@example.com,b@example.org"


@pytest.mark.parametrize(
    "address",
    [
        "no-at-sign",
        "two@@example.com",
        "evil@example.com?cc=boss@example.com",
        "a@example.com\r\nBcc: x@example.com",
        "Anna <anna@example.com>",
        "a,b@example.com",
        "",
    ],
)
def test_mailto_refuses_bad_addresses(address: str) -> None:
    with pytest.raises(ValidationError):
        build_mailto([address], "s", "b")


def test_long_bodies_do_not_fit_a_mailto() -> None:
    short = build_mailto(["a@example.com"], "s", "x" * 100)
    assert mailto_fits(short)
    long = build_mailto(["a@example.com"], "s", "ü" * 400)  # 6 characters each when encoded
    assert len(long) > MAILTO_LIMIT and not mailto_fits(long)
