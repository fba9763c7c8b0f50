"""Issue 11, item 2, for card entry: "Add to existing" merges into the contact as it is at
that moment, and taking the card back (Undo), bringing it back (Redo) or editing it later
keeps what was written to that contact elsewhere meanwhile (an import, the contact editor);
a field changed on both sides is asked about or refused, never overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables

from netdesk.core.errors import StaleContactError
from netdesk.core.merge import MINE
from netdesk.core.model import Contact, Email, Phone
from netdesk.services.cards import CaptureInfo
from netdesk.ui.cards.view import CardEntryView

EVENT = "Expo Berlin 2026"
IMPORTED = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hannah Schulz\r\nN:Schulz;Hannah;;;\r\n"
    "EMAIL:hannah.schulz@kessler.example.de\r\nEMAIL:hannah@home.example\r\n"
    "TEL;TYPE=HOME:+49 30 7654321\r\nEND:VCARD\r\n"
)


@pytest.fixture
def hannah(ui_ctx: Any) -> int:
    cid, _ = ui_ctx.services.contacts.create(
        Contact(
            given_name="Hannah",
            family_name="Schulz",
            organization="Kessler Beratung GmbH",
            title="Partner",
            emails=(Email("hannah.schulz@kessler.example.de", "work", True),),
        )
    )
    return int(cid)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "hannah.vcf"
    path.write_bytes(IMPORTED.encode())
    return path


def card_view(ui_ctx: Any, qtbot: Any) -> CardEntryView:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.event_name.setText(EVENT)
    return view


def fill_matching_card(view: CardEntryView, qtbot: Any) -> None:
    view.name.setText("Hannah Schulz")
    view.emails.setText("hannah.schulz@kessler.example.de, hs@private.example.org")
    view.mobile.setText("+49 171 9876543")
    qtbot.waitUntil(lambda: view.dup_banner.isVisible())


def test_add_to_existing_after_an_import_changed_the_contact_keeps_both(
    ui_ctx: Any, qtbot: Any, hannah: int, vcf: Path
) -> None:
    services = ui_ctx.services
    view = card_view(ui_ctx, qtbot)
    fill_matching_card(view, qtbot)  # the match was found before the import
    assert services.interchange.import_files([vcf]).merged == 1
    view.merge_button.click()
    c = services.contacts.get(hannah)
    assert [e.value for e in c.emails] == [
        "hannah.schulz@kessler.example.de",
        "hannah@home.example",
        "hs@private.example.org",
    ]
    assert {p.e164 for p in c.phones} == {"+49307654321", "+491719876543"}


def test_undo_of_an_added_card_keeps_what_an_import_added_since(
    ui_ctx: Any, qtbot: Any, hannah: int, vcf: Path
) -> None:
    services = ui_ctx.services
    view = card_view(ui_ctx, qtbot)
    fill_matching_card(view, qtbot)
    view.merge_button.click()
    assert services.interchange.import_files([vcf]).merged == 1
    ui_ctx.undo.undo()  # take the card back
    c = services.contacts.get(hannah)
    # the card's email and mobile are gone; the import's email and phone stay
    assert [e.value for e in c.emails] == [
        "hannah.schulz@kessler.example.de",
        "hannah@home.example",
    ]
    assert [p.e164 for p in c.phones] == ["+49307654321"]
    assert services.activity.timeline_for(hannah) == []
    ui_ctx.undo.redo()  # and bring it back: on top of the contact as it is
    c = services.contacts.get(hannah)
    assert {e.value for e in c.emails} == {
        "hannah.schulz@kessler.example.de",
        "hannah@home.example",
        "hs@private.example.org",
    }
    assert {p.e164 for p in c.phones} == {"+49307654321", "+491719876543"}
    ui_ctx.undo.undo()
    assert {p.e164 for p in services.contacts.get(hannah).phones} == {"+49307654321"}


def test_undo_of_an_added_card_is_refused_when_the_same_field_changed_since(
    ui_ctx: Any, qtbot: Any, hannah: int, db_path: Path, request: Any, no_modal_dialogs: Any
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services
    c = services.contacts.get(hannah)
    services.contacts.save(c.with_changes(title=""), base=c)  # the card will fill it
    view = card_view(ui_ctx, qtbot)
    fill_matching_card(view, qtbot)
    view.title.setText("Managing Partner")
    view.merge_button.click()
    assert services.contacts.get(hannah).title == "Managing Partner"
    now = services.contacts.get(hannah)
    services.contacts.save(now.with_changes(title="Senior Partner"), base=now)  # elsewhere
    state = dump_tables(db_path)
    ui_ctx.undo.undo()
    assert dump_tables(db_path) == state  # nothing taken back, not even the interaction
    assert "Hannah Schulz was changed elsewhere after the card was added" in no_modal_dialogs[-1]
    assert "Title" in no_modal_dialogs[-1]
    assert services.contacts.get(hannah).title == "Senior Partner"


def test_editing_a_card_after_the_contact_changed_elsewhere_merges_or_asks(
    ui_ctx: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from netdesk.ui.common.conflict import ConflictDialog

    services = ui_ctx.services
    view = card_view(ui_ctx, qtbot)
    view.name.setText("Ada Lovelace")
    view.save_card()
    ada = services.contacts.list_ids()[0]
    view.entered.setCurrentRow(0)
    view.edit_selected()
    view.company.setText("Analytical Engines Ltd")
    view.title.setText("Countess")
    # meanwhile, in the contact editor: a phone added, the title set
    now = services.contacts.get(ada)
    services.contacts.save(
        now.with_changes(phones=(Phone("+44 20 7946 0000"),), title="Mathematician"), base=now
    )
    asked: list[list[str]] = []

    def keep_mine(dialog: ConflictDialog) -> int:
        asked.append([c.field for c in dialog.conflicts])
        assert services.contacts.get(ada).title == "Mathematician"  # nothing written yet
        dialog.choose("title", MINE)
        return int(ConflictDialog.DialogCode.Accepted)

    monkeypatch.setattr(ConflictDialog, "exec", keep_mine)
    view.save_card()
    assert asked == [["title"]]
    c = services.contacts.get(ada)
    assert (c.organization, c.title) == ("Analytical Engines Ltd", "Countess")
    assert [p.e164 for p in c.phones] == ["+442079460000"]  # kept
    # undo of the card edit takes back only the edit
    ui_ctx.undo.undo()
    c = services.contacts.get(ada)
    assert c.organization == ""
    assert [p.e164 for p in c.phones] == ["+442079460000"]


def test_the_service_merge_card_reads_and_writes_in_one_transaction(
    ui_ctx: Any, hannah: int
) -> None:
    from datetime import date

    from netdesk.services.cards import CardService

    cards = CardService.for_services(ui_ctx.services)
    before = ui_ctx.services.contacts.get(hannah)
    record, _ = cards.merge_card(
        hannah,
        Contact(given_name="Hannah", family_name="Schulz", emails=(Email("new@x.example"),)),
        CaptureInfo(EVENT, date.today()),
    )
    assert record.merged_before == before
    assert record.merged_written is not None
    assert record.merged_written.version > before.version
    # a copy read before the card can no longer be written blindly
    with pytest.raises(StaleContactError):
        ui_ctx.services.contacts.save(before.with_changes(title="X"))
