"""Issue 11, item 2: an edit open in the window never erases what was saved meanwhile.

A contact is open in the editor; an import (the command line in another process, or the
service) merges a new email and phone into it; saving the editor keeps them and the edit.
A field changed on both sides is put to the user, and nothing is written until they choose.
Undo of an older edit takes back only that edit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import dump_tables

from netdesk.core.merge import MINE, THEIRS
from netdesk.core.model import Change, Contact, Email, Phone
from netdesk.ui.contacts.view import ContactsView

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nN:Berg;Anna;;;\r\nORG:Acme\r\n"
    "EMAIL;TYPE=WORK:anna@acme.example\r\nEMAIL;TYPE=HOME:anna@home.example\r\n"
    "TEL;TYPE=CELL:+49 171 5550000\r\nEND:VCARD\r\n"
)


@pytest.fixture
def anna(ui_ctx: Any) -> int:
    cid, _ = ui_ctx.services.contacts.create(
        Contact(
            given_name="Anna",
            family_name="Berg",
            organization="Acme",
            title="Engineer",
            emails=(Email("anna@acme.example", "work"),),
        )
    )
    return int(cid)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    path = tmp_path / "anna.vcf"
    path.write_bytes(CARD.encode())
    return path


def open_in_editor(window: Any, qtbot: Any, contact_id: int) -> ContactsView:
    window.ctx.bus.publish(Change(contacts=frozenset({contact_id})))  # created behind its back
    window.show_view("contacts")
    view = window.views["contacts"]
    assert isinstance(view, ContactsView)
    qtbot.waitUntil(lambda: view.model.row_of(contact_id) is not None)
    row = view.model.row_of(contact_id)
    assert row is not None
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.editor.contact_id == contact_id)
    return view


def test_import_on_the_command_line_while_editing_keeps_both(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, vcf: Path, db_path: Path
) -> None:
    """The issue's scenario: the CLI, in another process, merges an email and a phone into
    the contact open in the editor; saving the editor's title keeps them."""
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.selectAll()
    qtbot.keyClicks(view.editor.title, "CTO")
    assert view.editor.is_dirty()
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(db_path), "import", str(vcf)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "merged" in result.stdout
    said: list[str] = []
    ui_ctx.nav.status.connect(said.append)
    view.editor.save_button.click()
    assert said == ["Saved Anna Berg, together with changes made to it elsewhere."]
    saved = ui_ctx.services.contacts.get(anna)
    assert saved.title == "CTO"
    assert [e.value for e in saved.emails] == ["anna@acme.example", "anna@home.example"]
    assert [p.e164 for p in saved.phones] == ["+491715550000"]
    assert view.editor.conflict_dialog is None and not view.editor.is_dirty()
    # the form shows what was stored, merged
    assert [e.value for e in view.editor.emails.values()] == [
        "anna@acme.example",
        "anna@home.example",
    ]


def test_import_in_the_window_while_editing_keeps_both(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, vcf: Path
) -> None:
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    view.editor.notes.setPlainText("Met at PyCon")
    report = ui_ctx.services.interchange.import_files([vcf])
    assert report.merged == 1
    main_window.ctx.bus.publish(report.change)  # as the import feature does
    assert view.editor.is_dirty()  # the edit is not thrown away by the refresh
    assert "merge" in view.editor.status.text()
    assert view.editor.save()
    saved = ui_ctx.services.contacts.get(anna)
    assert (saved.title, saved.notes) == ("CTO", "Met at PyCon")
    assert {e.value for e in saved.emails} == {"anna@acme.example", "anna@home.example"}
    assert [p.e164 for p in saved.phones] == ["+491715550000"]


def test_a_field_changed_on_both_sides_asks_and_writes_nothing_until_answered(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, db_path: Path, monkeypatch: Any
) -> None:
    from netdesk.ui.common.conflict import ConflictDialog

    services = ui_ctx.services.contacts
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    view.editor.department.setText("Research")
    # meanwhile, elsewhere: the title changed too, and a phone was added
    other = services.get(anna)
    services.save(
        other.with_changes(title="VP Engineering", phones=(Phone("+49 30 1234567"),)), base=other
    )
    state = dump_tables(db_path)
    seen: list[dict[str, Any]] = []

    def cancel(dialog: ConflictDialog) -> int:
        seen.append({"fields": [c.field for c in dialog.conflicts], "db": dump_tables(db_path)})
        return int(ConflictDialog.DialogCode.Rejected)

    monkeypatch.setattr(ConflictDialog, "exec", cancel)
    assert not view.editor.save()
    assert seen == [{"fields": ["title"], "db": state}]  # asked before anything was written
    assert dump_tables(db_path) == state  # cancelled: nothing written
    assert view.editor.is_dirty() and view.editor.title.text() == "CTO"
    assert "changed elsewhere" in view.editor.status.text()

    def keep_mine(dialog: ConflictDialog) -> int:
        texts = {b.text() for b in dialog.buttons.values()}
        assert texts == {"CTO", "VP Engineering"}
        assert dump_tables(db_path) == state
        dialog.choose("title", MINE)
        return int(ConflictDialog.DialogCode.Accepted)

    monkeypatch.setattr(ConflictDialog, "exec", keep_mine)
    assert view.editor.save()
    saved = services.get(anna)
    assert (saved.title, saved.department) == ("CTO", "Research")
    assert [p.value for p in saved.phones] == ["+49 30 1234567"]


def test_choosing_theirs_in_the_dialog_keeps_their_value(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, monkeypatch: Any
) -> None:
    from netdesk.ui.common.conflict import ConflictDialog

    services = ui_ctx.services.contacts
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    view.editor.organization.setText("Acme Research")
    other = services.get(anna)
    services.save(other.with_changes(title="VP Engineering"), base=other)

    def keep_theirs(dialog: ConflictDialog) -> int:
        dialog.choose("title", THEIRS)
        return int(ConflictDialog.DialogCode.Accepted)

    monkeypatch.setattr(ConflictDialog, "exec", keep_theirs)
    assert view.editor.save()
    saved = services.get(anna)
    assert (saved.title, saved.organization) == ("VP Engineering", "Acme Research")


def test_the_conflict_dialog_shows_user_data_as_plain_text(qapp: Any) -> None:
    from netdesk.core.merge import FieldConflict
    from netdesk.ui.common.conflict import ConflictDialog

    dialog = ConflictDialog(
        "<b>Anna</b>", [FieldConflict("title", "", "<i>CTO</i> & co", "VP")], parent=None
    )
    labels = [w for w in dialog.findChildren(type(dialog.buttons[("title", MINE)]))]
    assert {b.text() for b in labels} == {"<i>CTO</i> && co", "VP"}  # & shown, not a shortcut
    assert dialog.buttons[("title", MINE)].toolTip() != "<i>CTO</i> & co"  # escaped
    assert dialog.choices() == {"title": MINE}
    dialog.deleteLater()


def test_a_contact_deleted_elsewhere_is_not_saved_back(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, request: Any, no_modal_dialogs: Any
) -> None:
    request.node.expects_error_dialog = True
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    ui_ctx.services.contacts.delete([anna])  # another window, not through this view
    assert not view.editor.save()
    assert any("was deleted elsewhere" in t for t in no_modal_dialogs)
    assert ui_ctx.services.contacts.count() == 0


def test_undo_of_an_older_edit_keeps_a_later_change_made_elsewhere(
    main_window: Any, ui_ctx: Any, qtbot: Any, anna: int, vcf: Path
) -> None:
    services = ui_ctx.services
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    assert view.editor.save()
    # later, an import merges an email and a phone into the contact
    report = services.interchange.import_files([vcf])
    assert report.merged == 1
    ui_ctx.undo.undo()  # the edit of the title
    c = services.contacts.get(anna)
    assert c.title == "Engineer"
    assert {e.value for e in c.emails} == {"anna@acme.example", "anna@home.example"}
    assert len(c.phones) == 1
    ui_ctx.undo.redo()
    c = services.contacts.get(anna)
    assert c.title == "CTO" and len(c.emails) == 2 and len(c.phones) == 1


def test_undo_is_refused_naming_the_contact_when_the_same_field_changed_since(
    main_window: Any,
    ui_ctx: Any,
    qtbot: Any,
    anna: int,
    db_path: Path,
    request: Any,
    no_modal_dialogs: Any,
) -> None:
    request.node.expects_error_dialog = True
    services = ui_ctx.services.contacts
    view = open_in_editor(main_window, qtbot, anna)
    view.editor.title.setText("CTO")
    assert view.editor.save()
    index = ui_ctx.undo.index()
    now = services.get(anna)
    services.save(now.with_changes(title="Board member"), base=now)  # a script, say
    state = dump_tables(db_path)
    ui_ctx.undo.undo()
    qtbot.waitUntil(lambda: any("Could not undo" in t for t in no_modal_dialogs))
    message = next(t for t in no_modal_dialogs if "Could not undo" in t)
    assert "Anna Berg was changed elsewhere after this edit" in message
    assert "Title" in message
    assert dump_tables(db_path) == state  # nothing written
    assert services.get(anna).title == "Board member"
    assert ui_ctx.undo.index() == index  # the edit is still there to undo
    assert ui_ctx.undo.canUndo()
