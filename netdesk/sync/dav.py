"""A small, typed CardDAV client (RFC 6352) over httpx.

Only what two-way contact sync needs: discovery (``/.well-known/carddav``,
``current-user-principal``, ``addressbook-home-set``), listing hrefs and ETags (PROPFIND
depth 1, or ``sync-collection`` REPORT, RFC 6578), ``addressbook-multiget``, and
conditional PUT and DELETE (``If-Match`` / ``If-None-Match: *``).

Every answer is checked before anything is believed: a listing must be a 207 multistatus
in XML. An HTML page, a truncated or malformed document, a redirect to a login page or an
error status raises :class:`DavError` (with a sentence for a person), so the engine never
mistakes a broken answer for "the server has no cards".
"""

from __future__ import annotations

import email.utils
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from netdesk.core.errors import NetDeskError

if TYPE_CHECKING:  # httpx is imported when a client is made, not at start-up
    import httpx

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
CS = "http://calendarserver.org/ns/"

#: statuses worth waiting for and asking again
_RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: longest wait a Retry-After may ask for before the run gives up for now
MAX_RETRY_WAIT = 60.0
#: hrefs asked for in one addressbook-multiget
MULTIGET_BATCH = 100
#: largest answer believed (a listing of 100,000 cards is far below this)
MAX_RESPONSE_BYTES = 256 * 1024 * 1024


class DavError(NetDeskError):
    """The server could not be used for this request; ``status`` is the HTTP status, if any."""

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.status = status


class DavUnavailable(DavError):
    """Unreachable, timed out, or a server error: try again later."""


class DavAuthError(DavError):
    """401/403 on a listing: the user name, password or rights are wrong."""


class DavProtocolError(DavError):
    """The answer is not CardDAV: an HTML page, malformed or truncated XML, a wrong status."""


class PreconditionFailed(DavError):
    """412: the card changed on the server (If-Match) or already exists (If-None-Match)."""


class CardRejected(DavError):
    """The server refused this one card (400, 403, 413, 415, read-only book)."""


class SyncTokenInvalid(DavError):
    """The sync token expired or is unknown: a full listing is needed."""


@dataclass(frozen=True)
class RemoteRef:
    href: str
    etag: str


@dataclass(frozen=True)
class RemoteCard:
    href: str
    etag: str
    data: str


@dataclass(frozen=True)
class AddressBook:
    url: str
    name: str


def _q(tag: str, ns: str = DAV) -> str:
    return f"{{{ns}}}{tag}"


def normalize_href(base: str, href: str) -> str:
    """The absolute path of ``href`` (relative to ``base``) in one canonical quoting, so that
    ``/a%40b.vcf`` and ``/a@b.vcf`` are the same card."""
    path = urlsplit(urljoin(base, href.strip())).path
    return quote(unquote(path), safe="/@:+!$&'()*,;=~")


def _propfind_body(*props: tuple[str, str]) -> bytes:
    inner = "".join(f'<x{i}:{name} xmlns:x{i}="{ns}"/>' for i, (ns, name) in enumerate(props))
    return (
        f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>{inner}'
        "</d:prop></d:propfind>"
    ).encode()


class CardDavClient:
    """One account on one server. Not thread-safe; one per sync run."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_retry_wait: float = MAX_RETRY_WAIT,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise DavError(f"{url!r} is not a server address: it must start with https://")
        self.url = url if url.endswith("/") else url + "/"
        self._retries = retries
        self._sleep = sleep
        self._max_wait = max_retry_wait
        import httpx

        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, password),
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            transport=transport,
            headers={"User-Agent": "NetDesk CardDAV sync"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CardDavClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # transport ----------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        import httpx

        attempt = 0
        while True:
            attempt += 1
            try:
                resp = self._http.request(method, url, content=body, headers=headers)
            except httpx.TimeoutException as err:
                if attempt <= self._retries:
                    self._sleep(min(2.0**attempt, self._max_wait))
                    continue
                raise DavUnavailable(
                    f"The server {self._host()} did not answer in time.", detail=str(err)
                ) from err
            except httpx.HTTPError as err:
                if attempt <= self._retries:
                    self._sleep(min(2.0**attempt, self._max_wait))
                    continue
                raise DavUnavailable(
                    f"The server {self._host()} cannot be reached: {err}.", detail=repr(err)
                ) from err
            if resp.status_code in _RETRY_STATUSES and attempt <= self._retries:
                wait = self._retry_after(resp, attempt)
                if wait is not None:
                    self._sleep(wait)
                    continue
            if len(resp.content) > MAX_RESPONSE_BYTES:
                raise DavProtocolError(f"The server {self._host()} sent an answer too large.")
            return resp

    def _retry_after(self, resp: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before asking again, or None when the server asks for too long."""
        header = resp.headers.get("Retry-After", "").strip()
        wait = min(2.0**attempt, self._max_wait)
        if header.isdigit():
            wait = float(header)
        elif header:
            try:
                when = email.utils.parsedate_to_datetime(header)
                wait = max(0.0, (when - datetime.now(UTC)).total_seconds())
            except (TypeError, ValueError):
                pass
        return wait if wait <= self._max_wait else None

    def _host(self) -> str:
        return urlsplit(self.url).netloc

    def _check_status(self, resp: httpx.Response, what: str) -> None:
        code = resp.status_code
        if code in (401, 403):
            raise DavAuthError(
                f"The server {self._host()} refused {what} ({code}): check the user name and "
                "password (many servers want an app password).",
                status=code,
            )
        if code >= 500 or code in _RETRY_STATUSES:
            raise DavUnavailable(
                f"The server {self._host()} had a problem with {what} ({code}); nothing was "
                "changed. Try again later.",
                status=code,
            )
        if code == 404:
            raise DavProtocolError(f"{what}: {resp.url} does not exist on the server.", status=404)

    def _multistatus(self, resp: httpx.Response, what: str) -> ET.Element:
        """The parsed 207 document, or an error naming what is wrong with the answer."""
        self._check_status(resp, what)
        ctype = resp.headers.get("Content-Type", "").lower()
        text = resp.content
        if "html" in ctype or text.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise DavProtocolError(
                f"The server {self._host()} answered {what} with a web page, not a CardDAV "
                "listing (a login page or a proxy?); nothing was changed.",
                status=resp.status_code,
            )
        if resp.status_code != 207:
            raise DavProtocolError(
                f"The server {self._host()} answered {what} with status {resp.status_code} "
                "instead of a CardDAV listing; nothing was changed.",
                status=resp.status_code,
            )
        if b"<!DOCTYPE" in text[:4096] or b"<!ENTITY" in text:
            raise DavProtocolError(f"The server {self._host()} sent XML with a DOCTYPE.")
        try:
            root = ET.fromstring(text)
        except ET.ParseError as err:
            raise DavProtocolError(
                f"The server {self._host()} sent a broken answer to {what} ({err}); nothing "
                "was changed.",
                status=resp.status_code,
            ) from err
        if root.tag != _q("multistatus"):
            raise DavProtocolError(
                f"The server {self._host()} answered {what} with {root.tag}, not a multistatus."
            )
        return root

    def _propfind(self, url: str, body: bytes, depth: str, what: str) -> ET.Element:
        resp = self._request(
            "PROPFIND",
            url,
            body=body,
            headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"},
        )
        return self._multistatus(resp, what)

    # discovery ----------------------------------------------------------------------------
    def discover(self) -> list[AddressBook]:
        """The address books this account can sync, found from the URL the user gave (an
        address book, a home set, a principal, or just the server)."""
        books = self._books_at(self.url)
        if books:
            return books
        principal = self._find_href(self.url, "current-user-principal")
        if principal is None:
            principal = self._find_href(
                urljoin(self.url, "/.well-known/carddav"), "current-user-principal"
            )
        homes: list[str] = []
        if principal is not None:
            home = self._find_href(urljoin(self.url, principal), "addressbook-home-set", CARD)
            if home is not None:
                homes.append(urljoin(self.url, home))
        homes.append(self.url)
        for home in homes:
            books = self._books_at(home)
            if books:
                return books
        raise DavProtocolError(
            f"No address book was found at {self.url}: enter the address of the server or of "
            "the address book."
        )

    def _find_href(self, url: str, prop: str, ns: str = DAV) -> str | None:
        try:
            root = self._propfind(url, _propfind_body((ns, prop)), "0", "the account look-up")
        except DavProtocolError:
            return None
        for el in root.iter(_q(prop, ns)):
            href = el.find(_q("href"))
            if href is not None and href.text:
                return href.text.strip()
        return None

    def _books_at(self, url: str) -> list[AddressBook]:
        try:
            root = self._propfind(
                url,
                _propfind_body((DAV, "resourcetype"), (DAV, "displayname")),
                "1",
                "the address book listing",
            )
        except DavProtocolError:
            return []
        books = []
        for resp in root.findall(_q("response")):
            href = resp.findtext(_q("href"))
            rtype = resp.find(f".//{_q('resourcetype')}")
            if not href or rtype is None or rtype.find(_q("addressbook", CARD)) is None:
                continue
            name = (resp.findtext(f".//{_q('displayname')}") or "").strip()
            book = urljoin(url, href.strip())
            books.append(AddressBook(book if book.endswith("/") else book + "/", name or book))
        return books

    # listing ------------------------------------------------------------------------------
    def list_refs(self, book_url: str) -> list[RemoteRef]:
        """Every card's href and ETag (PROPFIND depth 1)."""
        root = self._propfind(
            book_url,
            _propfind_body((DAV, "getetag"), (DAV, "resourcetype"), (DAV, "getcontenttype")),
            "1",
            "the card listing",
        )
        own = normalize_href(book_url, book_url)
        refs = []
        for resp in root.findall(_q("response")):
            href_text = resp.findtext(_q("href"))
            if not href_text:
                raise DavProtocolError("The server's card listing has an entry without an href.")
            href = normalize_href(book_url, href_text)
            if href == own or href.endswith("/"):
                continue
            if not _ok(resp):
                continue
            etag = (resp.findtext(f".//{_q('getetag')}") or "").strip()
            refs.append(RemoteRef(href, etag))
        return refs

    def sync_token(self, book_url: str) -> str | None:
        root = self._propfind(book_url, _propfind_body((DAV, "sync-token")), "0", "sync-token")
        el = root.find(f".//{_q('sync-token')}")
        return el.text.strip() if el is not None and el.text else None

    def sync_collection(self, book_url: str, token: str) -> tuple[list[RemoteRef], list[str], str]:
        """Changes since ``token`` (RFC 6578): changed refs, deleted hrefs, the new token."""
        body = (
            '<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f"<d:sync-token>{_xml_text(token)}</d:sync-token><d:sync-level>1</d:sync-level>"
            "<d:prop><d:getetag/></d:prop></d:sync-collection>"
        ).encode()
        resp = self._request(
            "REPORT",
            book_url,
            body=body,
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        if resp.status_code in (403, 409, 410) and b"valid-sync-token" in resp.content:
            raise SyncTokenInvalid(
                "The server no longer knows the last sync token.", status=resp.status_code
            )
        if resp.status_code in (400, 501):
            raise SyncTokenInvalid(
                "The server does not support sync-collection.", status=resp.status_code
            )
        root = self._multistatus(resp, "the change listing")
        changed: list[RemoteRef] = []
        deleted: list[str] = []
        own = normalize_href(book_url, book_url)
        for r in root.findall(_q("response")):
            href_text = r.findtext(_q("href"))
            if not href_text:
                raise DavProtocolError("The server's change listing has an entry without href.")
            href = normalize_href(book_url, href_text)
            if href == own:
                continue
            status = r.findtext(_q("status")) or ""
            if " 404" in status:
                deleted.append(href)
                continue
            etag = (r.findtext(f".//{_q('getetag')}") or "").strip()
            changed.append(RemoteRef(href, etag))
        new_token = (root.findtext(_q("sync-token")) or "").strip()
        if not new_token:
            raise DavProtocolError("The server's change listing has no new sync token.")
        return changed, deleted, new_token

    def multiget(self, book_url: str, hrefs: Sequence[str]) -> list[RemoteCard]:
        """The cards at ``hrefs`` (addressbook-multiget, in batches); missing ones are left out."""
        out: list[RemoteCard] = []
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            batch = hrefs[start : start + MULTIGET_BATCH]
            items = "".join(f"<d:href>{_xml_text(h)}</d:href>" for h in batch)
            body = (
                '<?xml version="1.0" encoding="utf-8"?>'
                f'<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="{CARD}">'
                f"<d:prop><d:getetag/><c:address-data/></d:prop>{items}"
                "</c:addressbook-multiget>"
            ).encode()
            resp = self._request(
                "REPORT",
                book_url,
                body=body,
                headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
            )
            root = self._multistatus(resp, "the card download")
            for r in root.findall(_q("response")):
                href_text = r.findtext(_q("href"))
                data = r.findtext(f".//{_q('address-data', CARD)}")
                if not href_text or data is None or not _ok(r):
                    continue
                etag = (r.findtext(f".//{_q('getetag')}") or "").strip()
                out.append(RemoteCard(normalize_href(book_url, href_text), etag, data))
        return out

    # writing ------------------------------------------------------------------------------
    def create(self, book_url: str, data: str, uid: str) -> RemoteRef:
        """PUT a new card with ``If-None-Match: *``; its href is derived from the UID."""
        safe = "".join(ch for ch in uid if ch.isalnum() or ch in "-_.") or uuid.uuid4().hex
        href = normalize_href(book_url, safe[:120] + ".vcf")
        etag = self._put(href, data, {"If-None-Match": "*"}, "the new card")
        return RemoteRef(href, etag)

    def update(self, href: str, data: str, etag: str) -> str:
        """PUT over the card at ``href`` only if it still has ``etag``; the new ETag ('' if
        the server did not say)."""
        headers = {"If-Match": etag} if etag else {}
        return self._put(href, data, headers, "the changed card")

    def _put(self, href: str, data: str, headers: dict[str, str], what: str) -> str:
        resp = self._request(
            "PUT",
            urljoin(self.url, href),
            body=data.encode("utf-8"),
            headers={"Content-Type": "text/vcard; charset=utf-8", **headers},
        )
        code = resp.status_code
        if code == 412:
            raise PreconditionFailed(f"{what} changed on the server meanwhile.", status=code)
        if code in (400, 403, 405, 409, 413, 415, 507):
            raise CardRejected(
                f"The server refused {what} ({code} {resp.reason_phrase}).", status=code
            )
        self._check_status(resp, what)
        if code not in (200, 201, 204):
            raise DavProtocolError(f"The server answered {what} with status {code}.", status=code)
        return resp.headers.get("ETag", "").strip()

    def delete(self, href: str, etag: str) -> None:
        headers = {"If-Match": etag} if etag else {}
        resp = self._request("DELETE", urljoin(self.url, href), headers=headers)
        if resp.status_code == 404:
            return  # already gone: the wish is fulfilled
        if resp.status_code == 412:
            raise PreconditionFailed("the card changed on the server meanwhile.", status=412)
        if resp.status_code in (400, 403, 405, 409):
            raise CardRejected(
                f"The server refused to delete {href} ({resp.status_code}).",
                status=resp.status_code,
            )
        self._check_status(resp, "the deletion")
        if resp.status_code not in (200, 202, 204):
            raise DavProtocolError(
                f"The server answered the deletion with status {resp.status_code}.",
                status=resp.status_code,
            )


def _ok(resp: ET.Element) -> bool:
    """Whether a multistatus response's propstat says 200 for what it carries."""
    statuses = [s.text or "" for s in resp.iter(_q("status"))]
    return not statuses or any(" 200" in s for s in statuses)


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
