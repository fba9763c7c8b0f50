"""Links in the contact details and the editor are built from checked parts, and every link is
checked again before it is opened (issue 19, item 3)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from netdesk.core.model import Change
from netdesk.ui.contacts.view import ContactsView
from netdesk.ui.shell.main_window import MainWindow


def anchors(doc: QTextDocument) -> list[str]:
    """The href of every link in the document, in order."""
    hrefs: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href and (not hrefs or hrefs[-1] != href):
                hrefs.append(href)
            it += 1
        block = block.next()
    return hrefs


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(QUrl(url)) or True)
    )
    return urls


#: as a downloaded card carries them: the import keeps what it cannot validate (never drops it)
HOSTILE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mal Formed\r\nN:Formed;Mal;;;\r\n"
    "EMAIL:x?attach=/etc/passwd@example.com\r\n"
    "EMAIL:x@y?attach=/etc/passwd\r\n"
    "EMAIL:a@example.com?cc=evil@example.com\r\n"
    "TEL:+49 171 9876543\r\n"
    "TEL:*31#0171\r\n"
    "URL:mailto:a@example.com?attach=/etc/passwd\r\n"
    "URL:javascript:alert(1)\r\n"
    "URL:file:///etc/passwd\r\n"
    "URL:data:text/html,hi\r\n"
    "URL:https://example.com/ok\r\n"
    "END:VCARD\r\n"
)


@pytest.fixture
def hostile_contact(ui_ctx: Any) -> int:
    interchange = ui_ctx.services.interchange
    plan = interchange.preview_data([("mal.vcf", HOSTILE_CARD.encode())])
    report = interchange.apply(plan)
    ui_ctx.bus.publish(Change(everything=True))
    (cid,) = report.created_ids
    return int(cid)


def details_of(window: MainWindow, qtbot: Any, contact_id: int) -> ContactsView:
    window.open_contact(contact_id)
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    qtbot.waitUntil(lambda: view.current_id == contact_id)
    return view


def test_details_link_only_what_can_be_built_from_checked_parts(
    main_window: MainWindow, hostile_contact: int, qtbot: Any, opened: list[QUrl]
) -> None:
    view = details_of(main_window, qtbot, hostile_contact)
    hrefs = anchors(view.details.document())
    assert hrefs == [
        "mailto:x%3Fattach%3D%2Fetc%2Fpasswd@example.com",
        "tel:+491719876543",
        "https://example.com/ok",
    ]
    text = view.details.toPlainText()
    for shown in (
        "x@y?attach=/etc/passwd",
        "a@example.com?cc=evil@example.com",
        "*31#0171",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ):
        assert shown in text  # kept and shown, as text
    for href in hrefs:
        view.details.anchorClicked.emit(QUrl(href))
    assert [u.toString(QUrl.ComponentFormattingOption.FullyEncoded) for u in opened] == hrefs
    mail = opened[0]
    assert mail.scheme() == "mailto" and not mail.hasQuery()
    assert mail.path() == "x?attach=/etc/passwd@example.com"  # the address, not a header


@pytest.mark.parametrize(
    "href",
    [
        "mailto:a@example.com?attach=/etc/passwd",
        "mailto:a@example.com?cc=evil@example.com",
        "mailto:a@example.com%0D%0ABcc:evil@example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "tel:+49;ext=1",
        "smb://host/share",
    ],
)
def test_a_link_that_fails_the_checks_is_not_opened_and_says_why(
    main_window: MainWindow,
    hostile_contact: int,
    qtbot: Any,
    opened: list[QUrl],
    no_modal_dialogs: list[str],
    request: Any,
    href: str,
) -> None:
    request.node.expects_error_dialog = True
    view = details_of(main_window, qtbot, hostile_contact)
    view.details.anchorClicked.emit(QUrl(href))
    assert opened == []
    assert len(no_modal_dialogs) == 1 and no_modal_dialogs[0].startswith("Link not opened")


def test_the_editor_opens_only_checked_links(
    main_window: MainWindow, hostile_contact: int, qtbot: Any, opened: list[QUrl]
) -> None:
    view = details_of(main_window, qtbot, hostile_contact)
    rows = view.editor.urls.rows
    enabled = [row.open.isEnabled() for row in rows]
    assert enabled == [False, False, False, False, True]
    assert [row.open_link() for row in rows] == [False, False, False, False, True]
    assert [u.toString() for u in opened] == ["https://example.com/ok"]
    problems = [row.check()[0] for row in rows]
    assert "header fields" in (problems[0] or "")
    assert "only http, https, mailto and tel" in (problems[1] or "")
    rows[4].edit.setText("mailto:b@example.com")
    assert rows[4].open_link()
    assert opened[-1].toString() == "mailto:b@example.com"
