"""Links built from validated parts only: mailto (RFC 6068), tel (RFC 3966), http and https.

A contact's email, phone or web address comes from files other people wrote. Pasted into a
URL as it is, ``x?attach=/etc/passwd@example.com`` or ``a@b.com?cc=…`` hands the mail client
headers nobody typed, and ``javascript:``, ``file:`` or ``data:`` addresses open whatever they
point to. Every link NetDesk opens is built here, from parts that are checked and
percent-encoded, or refused with an ``UnsafeLinkError`` that says why.

- ``mailto_url(addresses, subject=None, body=None)``: addresses checked one by one and
  percent-encoded as RFC 6068 asks (``?``, ``&``, ``%``, ``#``, ``/`` … inside an address are
  encoded, so they cannot start header fields); subject and body percent-encoded UTF-8, line
  breaks of the body as ``%0D%0A``, none in the subject.
- ``tel_url(number)``: E.164 (``+`` and digits) or digits only, after dropping visual separators.
- ``web_url(url)``: http and https only, with a host, no spaces, no control characters.
- ``field_link(value)``: the link for a contact's URL field (a bare host gets https://).
- ``checked_url(url)``: re-checks any link string just before it is opened, rebuilding it from
  its parsed parts; only mailto with subject/body, tel, http and https pass.

To open a link from the GUI:
``netdesk.ui.common.links.open_link(mailto_url(to, subject, body), parent)``
(it runs ``checked_url`` again and refuses with a plain message).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from netdesk.core.errors import NetDeskError
from netdesk.core.validation import email_problem

__all__ = [
    "UnsafeLinkError",
    "checked_url",
    "field_link",
    "mailto_url",
    "tel_url",
    "web_url",
]

#: RFC 5321: a forward-path holds at most 256 octets, so an address at most 254 characters
MAX_ADDRESS = 254
#: a web address longer than this is not one anybody typed
MAX_WEB_URL = 8192
#: any link, a mailto with a long body included: about the longest command line Windows hands
#: to the mail program
MAX_URL = 32_000
#: RFC 6068 "some-delims" minus "," (which separates addresses): may stay unencoded in an address
_ADDRESS_SAFE = "!$'()*+;:@"
#: visual separators people write in phone numbers (RFC 3966 allows - . ( ) only; spaces and
#: slashes are dropped before the check)
_PHONE_SEPARATORS = re.compile(r"[ \-./()\u00a0]")
_PHONE = re.compile(r"\+?[0-9]{1,20}", re.ASCII)
_E164 = re.compile(r"\+[1-9][0-9]{1,14}", re.ASCII)
#: a scheme at the start ("example.com:8080/x" is a host with a port, not a scheme)
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:(?!\d)")
#: the schemes a contact's web-address field may link to
FIELD_SCHEMES = ("http", "https", "mailto", "tel")
#: header fields a mailto link may carry when it is re-checked before opening
_MAILTO_FIELDS = ("subject", "body")
#: general categories never allowed anywhere in a link: controls, format characters (bidi
#: overrides, zero-width), line/paragraph separators, private use, surrogates, unassigned
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


class UnsafeLinkError(NetDeskError):
    """A value that NetDesk will not turn into a link (the message says why)."""


def _bad_character(text: str, *, spaces: bool) -> str | None:
    """The first character of ``text`` that may not appear in a link part, or None."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in _BAD_CATEGORIES or (not spaces and category == "Zs"):
            return ch
    return None


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name.lower()})" if name else "")


def _checked_address(address: str) -> str:
    value = address.strip(" ")
    if not value:
        raise UnsafeLinkError("An email address is empty.")
    if len(value) > MAX_ADDRESS:
        raise UnsafeLinkError(f"An email address is longer than {MAX_ADDRESS} characters.")
    bad = _bad_character(value, spaces=False)
    if bad is not None:
        raise UnsafeLinkError(f"The email address contains {_describe(bad)}.")
    if any(ch in value for ch in ',"\\<>[]'):
        raise UnsafeLinkError(f"“{value}” is not a plain email address.")
    problem = email_problem(value)
    if problem:
        raise UnsafeLinkError(f"“{value}” {problem}.")
    return value


def _header_value(value: str, *, body: bool) -> str:
    bad = _bad_character(value.replace("\r", "").replace("\n", "").replace("\t", ""), spaces=True)
    if bad is not None:
        raise UnsafeLinkError(f"The message text contains {_describe(bad)}.")
    if body:
        # RFC 6068 section 5: line breaks in the body are written %0D%0A
        text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    else:
        # a header is one line: a line break would start another header field
        text = " ".join(value.replace("\t", " ").splitlines())
    return quote(text, safe="", encoding="utf-8")


def mailto_url(
    addresses: str | Iterable[str], subject: str | None = None, body: str | None = None
) -> str:
    """A ``mailto:`` URL to these addresses, with an optional subject and body (RFC 6068).

    Each address must be one plain address (``name@example.com``; international characters
    allowed); it is percent-encoded so that ``?``, ``&``, ``%`` or ``#`` inside it stay part of
    the address. Raises UnsafeLinkError when an address is not usable.
    """
    items = [addresses] if isinstance(addresses, str) else list(addresses)
    if not items:
        raise UnsafeLinkError("There is no email address to write to.")
    to = ",".join(quote(_checked_address(a), safe=_ADDRESS_SAFE) for a in items)
    fields = []
    if subject:
        fields.append("subject=" + _header_value(subject, body=False))
    if body:
        fields.append("body=" + _header_value(body, body=True))
    return f"mailto:{to}" + ("?" + "&".join(fields) if fields else "")


def tel_url(number: str) -> str:
    """A ``tel:`` URL for an E.164 number (``+4917112345678``) or a number of digits only.

    Spaces, hyphens, dots, slashes and brackets are dropped; anything else (letters, ``;``,
    ``,``, ``*``, ``#``, other scripts' digits) is refused.
    """
    text = _PHONE_SEPARATORS.sub("", number)
    if text.lower().startswith("tel:"):
        text = _PHONE_SEPARATORS.sub("", text[4:])
    if not _PHONE.fullmatch(text) or not any(ch.isdigit() for ch in text):
        raise UnsafeLinkError(f"“{number}” is not a phone number that can be dialled.")
    return f"tel:{text}"


def web_url(url: str) -> str:
    """``url`` when it is an http or https address with a host, else UnsafeLinkError."""
    value = url.strip(" ")
    if not value:
        raise UnsafeLinkError("The web address is empty.")
    if len(value) > MAX_WEB_URL:
        raise UnsafeLinkError(f"The web address is longer than {MAX_WEB_URL:,} characters.")
    bad = _bad_character(value, spaces=False)
    if bad is not None:
        raise UnsafeLinkError(f"The web address contains {_describe(bad)}.")
    if "\\" in value:
        raise UnsafeLinkError("The web address contains a backslash.")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as err:
        raise UnsafeLinkError(f"“{value}” is not a web address ({err}).") from err
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "without http or https"
        raise UnsafeLinkError(f"Only http and https addresses are opened, not one {shown}.")
    if not host or not value[len(parts.scheme) + 1 :].startswith("//"):
        raise UnsafeLinkError(f"“{value}” has no host name.")
    if "@" in parts.netloc:
        raise UnsafeLinkError(f"“{value}” carries a user name before the host; not opened.")
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))


def _mailto_from_string(url: str, *, headers: bool) -> str:
    rest = url.split(":", 1)[1]
    to, _, query = rest.partition("?")
    if query and not headers:
        raise UnsafeLinkError("An email link from a contact field may not carry header fields.")
    addresses = [unquote(a, errors="strict") for a in to.split(",")] if to else []
    values: dict[str, str] = {}
    for field in query.split("&") if query else []:
        name, eq, value = field.partition("=")
        key = unquote(name).lower()
        if not eq or key not in _MAILTO_FIELDS or key in values:
            raise UnsafeLinkError(
                f"Email links may carry a subject and a body only, not “{unquote(name)}”."
            )
        values[key] = unquote(value, errors="strict")
    return mailto_url(addresses, values.get("subject"), values.get("body"))


def _checked_text(url: str) -> str:
    value = url.strip(" ")
    if len(value) > MAX_URL:
        raise UnsafeLinkError(f"The link is longer than {MAX_URL:,} characters.")
    return value


def _scheme(value: str) -> str:
    match = _HAS_SCHEME.match(value)
    return match.group(0)[:-1].lower() if match else ""


def checked_url(url: str) -> str:
    """``url`` rebuilt from its checked parts, or UnsafeLinkError: the last check before a link
    is opened. mailto links may carry a subject and a body; tel, http and https are accepted."""
    value = _checked_text(url)
    scheme = _scheme(value)
    try:
        if scheme == "mailto":
            return _mailto_from_string(value, headers=True)
        if scheme == "tel":
            return tel_url(unquote(value[4:], errors="strict"))
    except UnicodeDecodeError as err:
        raise UnsafeLinkError("The link is not valid UTF-8.") from err
    return web_url(value)


def field_link(value: str) -> str:
    """The link for a contact's web-address field, or UnsafeLinkError.

    A bare host (``example.com/x``) means https; ``mailto:`` and ``tel:`` values become links to
    the address or number alone (header fields such as ``?attach=`` or ``?cc=`` are refused).
    """
    text = _checked_text(value)
    scheme = _scheme(text)
    if not scheme:
        return web_url("https://" + text)
    if scheme not in FIELD_SCHEMES:
        raise UnsafeLinkError(
            f"only http, https, mailto and tel links can be opened, not {scheme}:"
        )
    try:
        if scheme == "mailto":
            return _mailto_from_string(text, headers=False)
        if scheme == "tel":
            return tel_url(unquote(text[4:], errors="strict"))
    except UnicodeDecodeError as err:
        raise UnsafeLinkError("The link is not valid UTF-8.") from err
    return web_url(text)
