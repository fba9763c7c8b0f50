"""Links from validated parts only (issue 19, item 3): mailto (RFC 6068), tel, http/https."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from netdesk.core.links import (
    UnsafeLinkError,
    checked_url,
    field_link,
    mailto_url,
    tel_url,
    web_url,
)

REPO = Path(__file__).resolve().parents[3]


def parse_mailto(url: str) -> tuple[list[str], dict[str, list[str]]]:
    """What a mail client reads from a mailto URL (RFC 6068): the addresses and the fields."""
    assert url.startswith("mailto:")
    to, _, query = url[len("mailto:") :].partition("?")
    return [unquote(a) for a in to.split(",")], parse_qs(query, keep_blank_values=True)


# ------------------------------------------------------------------------------ mailto
@pytest.mark.parametrize(
    "address",
    [
        "x?attach=/etc/passwd@example.com",
        "a&cc=evil@example.com",
        "100%25@example.com",
        "a#frag@example.com",
        "a/b=c@example.com",
        "o'brien@example.com",
        "jürgen@müller.example",
        "名前@例え.jp",
    ],
)
def test_characters_that_are_legal_in_an_address_stay_in_the_address(address: str) -> None:
    url = mailto_url(address)
    addresses, fields = parse_mailto(url)
    assert addresses == [address]
    assert fields == {}  # nothing in the address became a header field
    assert not re.search(r"[?&#%](?![0-9A-F]{2})", url[len("mailto:") :])
    assert url.isascii()


@pytest.mark.parametrize(
    "address",
    [
        "x@y?attach=/etc/passwd",  # the example: no domain with a dot
        "a@example.com?cc=evil@example.com",
        "a@example.com&bcc=evil@example.com",
        "a@example.com%0Acc:evil@example.com",
        "a@example.com\r\nBcc: evil@example.com",
        "a@example.com\nBcc: evil@example.com",
        "a@example.com\x00",
        "a\u2028b@example.com",  # line separator
        "a\u0085b@example.com",  # NEL
        "a\u202eb@example.com",  # right-to-left override
        "a\u200bb@example.com",  # zero-width space
        "a b@example.com",
        "a,b@example.com",
        '"a"@example.com',
        "<a@example.com>",
        "Jane <a@example.com>",
        "",
        "@example.com",
        "a@@example.com",
        "a" * 250 + "@example.com",
    ],
)
def test_hostile_addresses_are_refused(address: str) -> None:
    with pytest.raises(UnsafeLinkError):
        mailto_url(address)


def test_subject_and_body_are_percent_encoded_as_rfc_6068_asks() -> None:
    subject = "Hello & bye? 100% #1 = ünï"
    body = "Line 1\nLine 2\r\nLine 3\rLine 4 &attach=/etc/passwd"
    url = mailto_url(["a@example.com", "b@example.org"], subject, body)
    addresses, fields = parse_mailto(url)
    assert addresses == ["a@example.com", "b@example.org"]
    assert fields == {
        "subject": [subject],
        "body": ["Line 1\r\nLine 2\r\nLine 3\r\nLine 4 &attach=/etc/passwd"],
    }
    assert "%0D%0A" in url and "+" not in url and " " not in url and url.isascii()


def test_a_line_break_cannot_start_another_header_in_the_subject() -> None:
    url = mailto_url("a@example.com", "Hi\r\nBcc: evil@example.com\nX: y")
    _to, fields = parse_mailto(url)
    assert fields == {"subject": ["Hi Bcc: evil@example.com X: y"]}


@pytest.mark.parametrize("text", ["x\x00y", "x\u202ey", "x\u2028y", "x\x1b]0;title\x07"])
def test_control_and_format_characters_in_subject_or_body_are_refused(text: str) -> None:
    with pytest.raises(UnsafeLinkError):
        mailto_url("a@example.com", subject=text)
    with pytest.raises(UnsafeLinkError):
        mailto_url("a@example.com", body=text)


def test_a_long_body_fits_and_an_endless_one_is_refused() -> None:
    letter = "Dear Ada,\n\n" + "I enjoyed our talk about the analytical engine. " * 120
    url = mailto_url("ada@example.com", "Following up", letter)
    assert checked_url(url) == url
    with pytest.raises(UnsafeLinkError, match="longer than"):
        checked_url(mailto_url("ada@example.com", body="x" * 40_000))


def test_no_address_is_refused() -> None:
    with pytest.raises(UnsafeLinkError):
        mailto_url([])


# ------------------------------------------------------------------------------ tel
@pytest.mark.parametrize(
    ("number", "url"),
    [
        ("+49 171 9876543", "tel:+491719876543"),
        ("+1 (415) 555-0134", "tel:+14155550134"),
        ("0511/123456", "tel:0511123456"),
        ("0511.123.456", "tel:0511123456"),
        ("tel:+4912345", "tel:+4912345"),
    ],
)
def test_phone_numbers_become_tel_links_of_digits(number: str, url: str) -> None:
    assert tel_url(number) == url


@pytest.mark.parametrize(
    "number",
    [
        "+49;ext=1",
        "+49,123",
        "*31#0171",
        "123?x=1",
        "+49 171\n1234",
        "+49\t171",
        "٠١٢٣٤٥",  # other scripts' digits
        "javascript:alert(1)",
        "+",
        "",
        "1" * 25,
        "+49%0A171",
    ],
)
def test_anything_but_digits_is_refused_for_tel(number: str) -> None:
    with pytest.raises(UnsafeLinkError):
        tel_url(number)


# ------------------------------------------------------------------------------ web
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com", "https://example.com"),
        ("HTTP://Example.com/a?b=1#c", "http://Example.com/a?b=1#c"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://bücher.example/ü", "https://bücher.example/ü"),
    ],
)
def test_http_and_https_addresses_pass(url: str, expected: str) -> None:
    assert web_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "file:///etc/passwd",
        "file://host/share",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com",
        "smb://host/share",
        "mailto:a@example.com",
        "https:example.com",
        "https:/example.com",
        "https://",
        "//example.com",
        "https://user:pw@example.com",
        "https://bank.example@evil.example",
        "https://example.com/a b",
        "https://example.com/\nx",
        "https://example.com/\u202e",
        "https:\\\\example.com",
        "https://example.com:99999",
        "https://" + "a" * 9000 + ".com",
    ],
)
def test_other_schemes_and_odd_addresses_are_refused(url: str) -> None:
    with pytest.raises(UnsafeLinkError):
        web_url(url)


# ------------------------------------------------------------------------------ fields
@pytest.mark.parametrize(
    ("value", "link"),
    [
        ("example.com/x", "https://example.com/x"),
        ("example.com:8080/x", "https://example.com:8080/x"),
        ("https://example.com", "https://example.com"),
        ("mailto:a@example.com", "mailto:a@example.com"),
        ("tel:+4912345", "tel:+4912345"),
    ],
)
def test_a_url_field_links_to_http_https_mailto_or_tel(value: str, link: str) -> None:
    assert field_link(value) == link


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "mailto:a@example.com?attach=/etc/passwd",
        "mailto:a@example.com?cc=evil@example.com",
        "mailto:a@example.com?subject=x",
        "mailto:x@y?attach=/etc/passwd",
        "mailto:a@example.com%0D%0ABcc:%20evil@example.com",
        "tel:+49;ext=1",
        "ftp://example.com",
    ],
)
def test_a_url_field_never_links_with_headers_or_other_schemes(value: str) -> None:
    with pytest.raises(UnsafeLinkError):
        field_link(value)


# ------------------------------------------------------------------------------ re-check
def test_the_last_check_keeps_subject_and_body_and_rebuilds_the_link() -> None:
    built = mailto_url("x?y@example.com", "Intro & hello", "Dear X,\n\nbest")
    assert checked_url(built) == built
    assert checked_url("tel:+49%20171") == "tel:+49171"
    assert checked_url("https://example.com/x") == "https://example.com/x"


@pytest.mark.parametrize(
    "url",
    [
        "mailto:a@example.com?attach=/etc/passwd",
        "mailto:a@example.com?cc=evil@example.com",
        "mailto:a@example.com?bcc=evil@example.com",
        "mailto:a@example.com?to=evil@example.com",
        "mailto:a@example.com?subject=a&subject=b",
        "mailto:a@example.com?subject=x%0D%0A&body=y%00",
        "mailto:a@example.com%0A",
        "mailto:%FF@example.com",
        "mailto:?body=x",
        "tel:+49%0A171",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:,x",
    ],
)
def test_the_last_check_refuses_what_was_not_built_from_valid_parts(url: str) -> None:
    with pytest.raises(UnsafeLinkError):
        checked_url(url)


def test_a_refusal_says_why_in_plain_words() -> None:
    with pytest.raises(UnsafeLinkError, match="subject and a body only, not “attach”"):
        checked_url("mailto:a@example.com?attach=/etc/passwd")
    with pytest.raises(UnsafeLinkError, match="not one javascript:"):
        checked_url("javascript:alert(1)")


def test_a_link_built_here_parses_back_to_its_parts() -> None:
    url = mailto_url("a+tag@example.com", "Re: 50% off?", "a=b&c=d")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "a+tag@example.com"
    assert parse_qs(parts.query) == {"subject": ["Re: 50% off?"], "body": ["a=b&c=d"]}


def test_only_the_link_helper_opens_urls() -> None:
    """Every place that opens a link goes through netdesk.ui.common.links.open_link; no label or
    browser opens links by itself."""
    offenders = []
    for path in sorted((REPO / "netdesk").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(REPO).as_posix()
        if "openUrl(" in text and rel != "netdesk/ui/common/links.py":
            offenders.append(f"{rel}: QDesktopServices.openUrl")
        for call in ("setOpenExternalLinks(True)", "setOpenLinks(True)", "webbrowser."):
            if call in text:
                offenders.append(f"{rel}: {call}")
    assert not offenders
