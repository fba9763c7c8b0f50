"""Emails (also ``name [at] domain [dot] com``), URLs and bare domains, with a label for
social profiles."""

from __future__ import annotations

import re

from netdesk.core.cardparse.lines import Segment, clean, is_leftover_label
from netdesk.core.model import Email, Url
from netdesk.core.validation import email_problem, normalize_url

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.!#$%&'*+/=?^`{|}~-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])", re.UNICODE
)


_OBF_AT = re.compile(r"\s*[\[({<]\s*(?:at|@|ät)\s*[\])}>]\s*|\s+(?:\[at\]|\(at\))\s+", re.I)


_OBF_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|punkt|point|punto)\s*[\])}>]\s*", re.IGNORECASE)


_URL_RE = re.compile(r"(?<![\w@.])(?:https?://|www\.)[^\s<>|,;\"']+", re.IGNORECASE)


_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|info|biz|edu|gov|io|dev|app|ai|co|me|tv|eu|xyz|online|site|tech|studio"
    r"|design|shop|store|cloud|digital|agency|law|[a-z]{2})"
    r"(?:/[^\s<>|,;\"']*)?(?![\w@-])"
)


_SOCIAL = (
    ("linkedin.com", "linkedin"),
    ("twitter.com", "twitter"),
    ("x.com", "twitter"),
    ("github.com", "github"),
    ("gitlab.com", "gitlab"),
    ("instagram.com", "instagram"),
    ("facebook.com", "facebook"),
    ("xing.com", "xing"),
    ("youtube.com", "youtube"),
    ("mastodon.social", "mastodon"),
    ("bsky.app", "bluesky"),
    ("behance.net", "behance"),
    ("dribbble.com", "dribbble"),
)


def _deobfuscate(text: str) -> str:
    if not re.search(r"[\[({<]\s*(?:at|@|ät)\s*[\])}>]", text, re.IGNORECASE):
        return text
    return _OBF_DOT.sub(".", _OBF_AT.sub("@", text))


def take_emails(seg: Segment, out: list[Email]) -> None:
    text = _deobfuscate(seg.text)
    found = [m for m in _EMAIL_RE.finditer(text) if email_problem(m.group(0)) is None]
    if not found:
        return
    for m in found:
        value = m.group(0).strip(".")
        if all(e.value.lower() != value.lower() for e in out):
            out.append(Email(value))
    rest = _EMAIL_RE.sub(" ", text)
    rest = re.sub(
        r"^\s*(?:e-?mail|mail|courriel|correo|posta|sähköposti|e)\s*[:.]?", "", rest, flags=re.I
    )
    seg.text = clean(rest)
    if is_leftover_label(seg.text):
        seg.used = True


def _url_label(value: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower()).split("/", 1)[0]
    for domain, label in _SOCIAL:
        if host == domain or host.endswith("." + domain):
            return label
    return ""


def take_urls(seg: Segment, out: list[Url]) -> None:
    text = seg.text
    found = [m.group(0) for m in _URL_RE.finditer(text)]
    rest = _URL_RE.sub(" ", text)
    found += [m.group(0) for m in _BARE_DOMAIN.finditer(rest)]
    rest = _BARE_DOMAIN.sub(" ", rest)
    if not found:
        return
    for raw in found:
        value = raw.rstrip(".)")
        url = normalize_url(Url(value, _url_label(value)))
        if all(u.value.lower() != url.value.lower() for u in out):
            out.append(url)
    rest = re.sub(
        r"^\s*(?:web(?:site)?|internet|homepage|site|url|w|www)\s*[:.]?", "", rest, flags=re.I
    )
    seg.text = clean(rest)
    if is_leftover_label(seg.text):
        seg.used = True
