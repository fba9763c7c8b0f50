"""Field validation and normalisation: emails, phones, URLs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from netdesk.core.errors import ValidationError
from netdesk.core.model import Email, Phone, Url
from netdesk.core.phones import valid_e164

# Practical email syntax: one @, a local part without spaces, a domain with a dot-separated
# label structure. Deliberately not the full RFC 5322 grammar (nobody types quoted locals).
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\u00a0-\uffff-]+@"
    r"(?:[A-Za-z0-9\u00a0-\uffff](?:[A-Za-z0-9\u00a0-\uffff-]{0,61}[A-Za-z0-9\u00a0-\uffff])?\.)+"
    r"[A-Za-z\u00a0-\uffff]{2,}$"
)

#: "javascript:x", "mailto:a@b", "https://x" have a scheme; "example.com:8080/x" is a host
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+\-]*:(?!\d)")

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def email_problem(value: str) -> str | None:
    """Why ``value`` is not a usable email address, or None when it is."""
    v = value.strip()
    if not v:
        return "is empty"
    if " " in v:
        return "contains a space"
    if v.count("@") != 1:
        return "needs exactly one @"
    local, _, domain = v.partition("@")
    if not local:
        return "has nothing before the @"
    if ".." in v or local.startswith(".") or local.endswith("."):
        return "has a misplaced dot"
    if "." not in domain:
        return "needs a domain with a dot after the @ (like example.com)"
    if not _EMAIL.match(v):
        return "is not a valid email address"
    return None


def validate_email(email: Email) -> Email:
    problem = email_problem(email.value)
    if problem:
        raise ValidationError("email", f"{email.value!r} {problem}")
    return Email(email.value.strip(), email.label.strip().lower(), email.pref)


def to_e164(value: str, default_region: str | None = "US") -> str | None:
    """E.164 form of a phone number when it is a valid number (of its own country code, or
    else of ``default_region``); None otherwise. For a contact's phones use
    :func:`netdesk.core.phones.phones_with_regions`, which also reads the region from the
    contact's addresses and emails."""
    return valid_e164(value, [default_region] if default_region else [])


def phone_problem(value: str, default_region: str | None = "US") -> str | None:
    text = value.strip()
    if not text:
        return "is empty"
    if not any(ch.isdigit() for ch in text):
        return "has no digits"
    if to_e164(text, default_region) is None:
        return "is not a valid number for its country (kept as typed, without a country code)"
    return None


def normalize_phone(phone: Phone, default_region: str | None = "US") -> Phone:
    """Fill in the E.164 form; a number that cannot be parsed is kept as typed, never dropped."""
    value = phone.value.strip()
    if not value:
        raise ValidationError("phone", "is empty")
    return Phone(value, to_e164(value, default_region), phone.label.strip().lower(), phone.pref)


def format_phone(e164: str | None, value: str) -> str:
    """International formatting for display, falling back to what was typed."""
    if not e164:
        return value
    try:
        parsed = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:  # pragma: no cover
        return value
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_safe_link(url: str) -> bool:
    """Only http, https, mailto and tel links may be opened from contact fields."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_LINK_SCHEMES


def normalize_url(url: Url) -> Url:
    value = url.value.strip()
    if not value:
        raise ValidationError("url", "is empty")
    if not _HAS_SCHEME.match(value):
        value = "https://" + value
    return Url(value, url.label.strip().lower())
