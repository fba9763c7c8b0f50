"""When two values are "the same" for matching and merging: emails, phones, companies,
URLs and addresses. One rule per kind of value, used by the duplicate scan, the merge, card
entry and import.
"""

from __future__ import annotations

import re
from functools import lru_cache

from netdesk.core.model import Address, Phone, Url
from netdesk.core.text import caseless, digits, fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: mailboxes shared by a team or a company: weak evidence, never enough alone
ROLE_LOCAL_PARTS = _words(
    """
    info contact contacts careers career jobs job sales office hello hi admin support team
    hr press media marketing mail enquiries enquiry inquiries inquiry reception service
    services billing accounts accounting invoices noreply no-reply donotreply webmaster
    help kontakt bureau buero post postmaster mailbox general customerservice orders
    booking bookings events partners partner recruiting recruitment talent feedback legal
    privacy security it biz business welcome frontdesk management secretary sekretariat
    verkauf vertrieb empfang zentrale
    """
)
#: free mail providers: a shared domain there says nothing about a shared company
FREE_MAIL_DOMAINS = _words(
    """
    gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.de yahoo.fr hotmail.com
    hotmail.co.uk hotmail.de hotmail.fr outlook.com outlook.de live.com live.de msn.com
    aol.com icloud.com me.com mac.com gmx.de gmx.net gmx.com web.de t-online.de proton.me
    protonmail.com mail.com yandex.ru mail.ru orange.fr free.fr laposte.net wanadoo.fr
    libero.it qq.com 163.com naver.com fastmail.com zoho.com btinternet.com
    """
)
#: providers where "name+anything@" reaches "name@"
_PLUS_DOMAINS = _words(
    """
    gmail.com outlook.com hotmail.com live.com icloud.com me.com fastmail.com proton.me
    protonmail.com
    """
)
#: company name words that say nothing about which company
_LEGAL_WORDS = _words(
    """
    inc incorporated ltd limited llc llp lp plc gmbh ag kg ohg ug co corp corporation
    company sa sas sarl srl spa bv nv oy ab as aps kk the and und group holding holdings
    intl international
    """
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def email_key(value: str) -> str:
    """An address as its mailbox: lower case; for Gmail without dots in the local part and
    googlemail.com as gmail.com; plus-tags dropped where the provider ignores them."""
    v = value.strip().lower().removeprefix("mailto:")
    local, at, domain = v.rpartition("@")
    if not at:
        return v
    if domain == "googlemail.com":
        domain = "gmail.com"
    if domain in _PLUS_DOMAINS:
        local = local.split("+", 1)[0]
    if domain == "gmail.com":
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_parts(key: str) -> tuple[str, str]:
    local, _, domain = key.rpartition("@")
    return local, domain


@lru_cache(maxsize=65536)
def is_role_address(key: str) -> bool:
    local = email_parts(key)[0]
    base = local.split("+", 1)[0].replace(".", "").replace("_", "").replace("-", "")
    return local in ROLE_LOCAL_PARTS or base in ROLE_LOCAL_PARTS


#: phone numbers with fewer digits than this are not used to match contacts
MIN_PHONE_DIGITS = 6


def tag_key(tag: str) -> str:
    """A tag without case and accents."""
    return fold(tag.strip())


def phone_key(phone: Phone) -> str | None:
    """A phone as one string: its E.164 form, else '#' and its digits (long enough)."""
    return phone_key_of(phone.value, phone.e164)


def phone_key_of(value: str, e164: str | None) -> str | None:
    if e164:
        return e164
    d = digits(value)
    if len(d) >= MIN_PHONE_DIGITS:
        return "#" + d
    return None


def phone_entry_key(phone: Phone) -> str:
    """A phone as one entry of a list, for merging lists: its E.164 form, else its digits,
    else (no digits at all: "ask Jenny") its text without case or spacing. Two phones with
    the same key are :func:`same_phone`."""
    return phone.e164 or digits(phone.value) or caseless(phone.value)


def same_phone(a: Phone, b: Phone) -> bool:
    if a.e164 and b.e164:
        return a.e164 == b.e164
    da, db = digits(a.value), digits(b.value)
    if da or db:
        return da == db
    # No digits at all ("ask Jenny", "Tel Zentrale"): the same text is the same entry.
    return caseless(a.value) == caseless(b.value)


@lru_cache(maxsize=65536)
def org_key(organization: str) -> str:
    """A company name without case, accents, punctuation and legal forms ('ACME, Inc.' ->
    'acme')."""
    words = [w for w in _NON_WORD.split(fold(organization)) if w and w not in _LEGAL_WORDS]
    return " ".join(words)


def url_key(url: Url) -> str:
    """A URL without case, scheme, "www." and trailing slash."""
    v = url.value.strip().lower()
    for prefix in ("https://", "http://"):
        v = v.removeprefix(prefix)
    return v.removeprefix("www.").rstrip("/")


def address_key(a: Address) -> tuple[str, ...]:
    """An address as its folded parts (case, accents and spacing aside)."""
    return tuple(
        " ".join(fold(x).split())
        for x in (a.street, a.locality, a.region, a.postal_code, a.country)
    )
