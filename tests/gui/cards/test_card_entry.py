"""Card entry: twenty cards typed with the keyboard alone, smart paste, duplicates, edit,
undo/redo, card images, and the remembered capture session."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from netdesk.core.model import Contact, Email, Phone
from netdesk.ui.cards.view import CardEntryView
from netdesk.ui.shell.main_window import MainWindow

EVENT = "Expo Berlin 2026"
MET_ON = date(2026, 11, 3)

# name, title, company, department, email, mobile, work, fax, other, website, address, note,
# then the expected (prefix, given, family), phones as (e164, label), address parts
# (street, postal code, locality).
CARDS: list[dict[str, object]] = [
    dict(
        name="Jennifer Whitfield",
        title="Senior Product Manager",
        company="Brightline Analytics, Inc.",
        email="jennifer@brightline.example.com",
        work="+1 415 555 0132",
        mobile="+1 415 555 0187",
        website="www.brightline.example.com",
        note="Wants a demo of the API",
        expect_name=("", "Jennifer", "Whitfield"),
        expect_phones={("+14155550132", "work"), ("+14155550187", "mobile")},
    ),
    dict(
        name="Dr. Jürgen Müller",
        title="Leiter Beschaffung",
        company="Kessler Logistik GmbH",
        department="Einkauf",
        email="j.mueller@kessler.example.de",
        work="0511 123456",
        address="Güterstraße 7, 30159 Hannover",
        note="Pallet tracking pilot in Q1",
        expect_name=("Dr.", "Jürgen", "Müller"),
        expect_phones={("+49511123456", "work")},
        expect_address=("Güterstraße 7", "30159", "Hannover"),
    ),
    dict(
        name="Zoë Hartmann",
        title="Freelance UX Designer",
        email="zoe@hartmann-design.example.de",
        mobile="0151 23456789",
        website="hartmann-design.example.de",
        expect_name=("", "Zoë", "Hartmann"),
        expect_phones={("+4915123456789", "mobile")},
    ),
    dict(
        company="Nordlicht Solar GmbH",
        email="info@nordlicht-solar.example.de",
        work="0431 987654-0",
        address="Am Hafen 3, 24103 Kiel",
        note="Company stand, hall 4",
        expect_name=("", "", ""),
        expect_phones={("+494319876540", "work")},
        expect_address=("Am Hafen 3", "24103", "Kiel"),
    ),
    dict(
        name="Priya Raman",
        title="Principal Data Scientist",
        company="Helix Genomics",
        email="priya.raman@helix.example.com",
        mobile="+1 206 555 0144",
        website="twitter.com/priyaraman",
        expect_name=("", "Priya", "Raman"),
        expect_phones={("+12065550144", "mobile")},
    ),
    dict(
        name="Søren Kierkegaard-Holm",
        title="CTO",
        company="Havbryg ApS",
        email="soren@havbryg.example.dk",
        mobile="+45 20 12 34 56",
        work="+45 33 12 34 56",
        fax="+45 33 12 34 57",
        note="Brewing telemetry; send the case study",
        expect_name=("", "Søren", "Kierkegaard-Holm"),
        expect_phones={("+4520123456", "mobile"), ("+4533123456", "work"), ("+4533123457", "fax")},
    ),
    dict(
        name="Marie Dubois",
        title="Directrice commerciale",
        company="Atelier Lumière SAS",
        email="marie.dubois@atelier-lumiere.example.fr",
        work="+33 4 78 42 15 90",
        address="27 rue de la République, 69002 Lyon",
        expect_name=("", "Marie", "Dubois"),
        expect_phones={("+33478421590", "work")},
        expect_address=("27 rue de la République", "69002", "Lyon"),
    ),
    dict(
        name="Kenji Watanabe",
        title="Senior Manager",
        company="Hoshino Precision Co., Ltd.",
        department="Overseas Sales",
        email="k.watanabe@hoshino.example.co.jp",
        mobile="+81 90 1234 5678",
        expect_name=("", "Kenji", "Watanabe"),
        expect_phones={("+819012345678", "mobile")},
    ),
    dict(
        name="Ana Costa",
        title="Engenheira de Software",
        company="Tejo Digital, Lda.",
        email="ana.costa@tejo.example.pt, ana@costa.example.org",
        other="+351 213 456 789",
        expect_name=("", "Ana", "Costa"),
        expect_phones={("+351213456789", "")},
    ),
    dict(
        name="Tomasz Wiśniewski",
        title="Kierownik Logistyki",
        company="Trans-Pol Sp. z o.o.",
        email="t.wisniewski@transpol.example.pl",
        mobile="+48 601 234 567",
        expect_name=("", "Tomasz", "Wiśniewski"),
        expect_phones={("+48601234567", "mobile")},
    ),
    dict(
        name="Liam O'Connor",
        title="Operations Manager",
        company="Southern Cross Freight Pty Ltd",
        email="liam@scfreight.example.com.au",
        mobile="+61 412 345 678",
        note="Cold chain into Sydney",
        expect_name=("", "Liam", "O'Connor"),
        expect_phones={("+61412345678", "mobile")},
    ),
    dict(
        name="Eleanor Ashworth",
        title="Head of Partnerships",
        company="Kestrel Learning Ltd",
        email="eleanor@kestrel.example.co.uk",
        work="+44 191 496 0457",
        website="linkedin.com/in/eleanor-ashworth",
        expect_name=("", "Eleanor", "Ashworth"),
        expect_phones={("+441914960457", "work")},
    ),
    dict(
        name="Reto Brunner",
        title="Leiter IT",
        company="Stadtwerke Seeland AG",
        email="reto.brunner@sw-seeland.example.ch",
        work="+41 32 123 45 67",
        mobile="+41 79 123 45 67",
        expect_name=("", "Reto", "Brunner"),
        expect_phones={("+41321234567", "work"), ("+41791234567", "mobile")},
    ),
    dict(
        name="Chiara Bianchi",
        title="Responsabile Qualità",
        company="Officine Brambilla S.p.A.",
        email="c.bianchi@brambilla.example.it",
        mobile="+39 347 123 4567",
        expect_name=("", "Chiara", "Bianchi"),
        expect_phones={("+393471234567", "mobile")},
    ),
    dict(
        name="Daniel Okafor",
        title="Solutions Architect",
        company="Tessellate Systems",
        email="daniel.okafor@tessellate.example.com",
        mobile="+1 512 555 0175",
        website="https://github.com/dokafor",
        note="Kubernetes migration; intro to Sam",
        expect_name=("", "Daniel", "Okafor"),
        expect_phones={("+15125550175", "mobile")},
    ),
    dict(
        name="Elif Yıldırım",
        title="Satış Müdürü",
        company="Anadolu Tekstil A.Ş.",
        email="elif@anadolu.example.com.tr",
        work="+90 224 555 12 34",
        expect_name=("", "Elif", "Yıldırım"),
        expect_phones={("+902245551234", "work")},
    ),
    dict(
        name="Ingrid Haugen",
        title="Daglig leder",
        company="Fjordlys Design AS",
        email="ingrid@fjordlys.example.no",
        mobile="+47 412 34 567",
        expect_name=("", "Ingrid", "Haugen"),
        expect_phones={("+4741234567", "mobile")},
    ),
    dict(
        name="Hannah Schulz",
        title="Senior Consultant",
        company="Kessler Beratung GmbH",
        email="hannah.schulz@kessler-beratung.example.de",
        work="+49 89 2345678-0",
        expect_name=("", "Hannah", "Schulz"),
        expect_phones={("+498923456780", "work")},
    ),
    dict(
        name="Mikko Virtanen",
        title="Myyntipäällikkö",
        company="Lapin Puutuote Oy",
        email="mikko.virtanen@lapin.example.fi",
        mobile="+358 40 123 4567",
        expect_name=("", "Mikko", "Virtanen"),
        expect_phones={("+358401234567", "mobile")},
    ),
    dict(
        name="Grace Lin",
        title="VP Engineering",
        company="Lumen Robotics",
        email="grace@lumen.example.com",
        work="+1 650 555 0104",
        fax="+1 650 555 0105",
        note="Hiring two firmware engineers",
        expect_name=("", "Grace", "Lin"),
        expect_phones={("+16505550104", "work"), ("+16505550105", "fax")},
    ),
]
FORM_ORDER = ("name", "title", "company", "department", "email", "mobile", "work", "fax",
              "other", "website", "address", "note")  # fmt: skip


def _type(text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    if text.isascii():
        QTest.keyClicks(widget, text)
    else:
        type_text(widget, text)


def _key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, key, modifiers)


def _ctrl_enter() -> None:
    _key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _open_card_view(window: MainWindow, qtbot) -> CardEntryView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = window.views["cards"]
    assert isinstance(view, CardEntryView)
    assert window.stack.currentWidget() is view
    return view


def test_twenty_cards_with_the_keyboard_alone(main_window: MainWindow, ui_ctx, qtbot) -> None:
    view = _open_card_view(main_window, qtbot)
    assert QApplication.focusWidget() is view.name

    # the capture session, by keyboard: Alt+T jumps to the event, Tab walks on
    QTest.keyClick(main_window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is view.event_name
    _type(EVENT)
    _key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.met_on
    _type(MET_ON.strftime("%Y%m%d"))  # each full section moves on to the next
    _key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.session_tags
    _type("expo-berlin-2026, prospects")
    _key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.follow_rule
    _key(Qt.Key.Key_Down)  # "Follow up in 1 week"
    _key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.name
    assert view.met_on.date().toPython() == MET_ON

    for n, card in enumerate(CARDS):
        assert QApplication.focusWidget() is view.name, n
        for i, key in enumerate(FORM_ORDER):
            if i:
                _key(Qt.Key.Key_Tab)
            value = card.get(key, "")
            if value:
                _type(str(value))
        _ctrl_enter()
        assert view.error.text() == "", (n, view.error.text())
        # cleared for the next card, session kept, cursor on the name
        assert view.name.text() == view.company.text() == view.emails.text() == ""
        assert view.note.toPlainText() == ""
        assert view.event_name.text() == EVENT
        assert QApplication.focusWidget() is view.name
    assert view.entered.count() == 20
    assert view.entered_label.text() == "Cards entered in this session: 20"

    # ------------------------------------------------------------ what was stored
    services = ui_ctx.services
    ids = services.contacts.list_ids()
    assert len(ids) == 20
    contacts = services.contacts.get_many(ids)
    by_email = {c.emails[0].value: c for c in contacts}
    assert set(services.contacts.tags()) == {"expo-berlin-2026", "prospects"}
    for card in CARDS:
        emails = [e.strip() for e in str(card["email"]).split(",")]
        c = by_email[emails[0]]
        prefix, given, family = card["expect_name"]  # type: ignore[misc]
        assert (c.prefix, c.given_name, c.family_name) == (prefix, given, family)
        assert c.title == card.get("title", "")
        assert c.organization == card.get("company", "")
        assert c.department == card.get("department", "")
        assert [e.value for e in c.emails] == emails
        assert {(p.e164, p.label) for p in c.phones} == card["expect_phones"]
        assert [u.value.removeprefix("https://") for u in c.urls] == (
            [str(card["website"]).removeprefix("https://")] if card.get("website") else []
        )
        if "expect_address" in card:
            a = c.addresses[0]
            assert (a.street, a.postal_code, a.locality) == card["expect_address"]
        else:
            assert c.addresses == ()
        assert set(c.tags) == {"expo-berlin-2026", "prospects"}
        assert (c.met_at, c.met_on) == (EVENT, MET_ON)
        assert c.id is not None
        timeline = services.activity.timeline_for(c.id)
        assert len(timeline) == 1
        interaction = timeline[0].interaction
        assert interaction.type == "event"
        assert interaction.summary == f"Met at {EVENT}"
        assert interaction.occurred_at.date() == MET_ON
        assert interaction.notes == card.get("note", "")
        assert interaction.contact_ids == (c.id,)
        follow_ups = services.activity.open_follow_ups(c.id)
        assert [(f.due, f.reason) for f in follow_ups] == [
            (MET_ON + timedelta(days=7), f"Follow up after {EVENT}")
        ]
        assert c.last_contacted == MET_ON

    # ------------------------------------------------------------ undo and redo
    _key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(services.contacts.list_ids()) == 19
    last = by_email["grace@lumen.example.com"]
    assert last.id is not None
    assert services.activity.timeline_for(last.id) == []
    assert services.activity.open_follow_ups(last.id) == []
    assert view.entered.count() == 19
    _key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(services.contacts.list_ids()) == 20
    assert len(services.activity.timeline_for(last.id)) == 1
    assert len(services.activity.open_follow_ups(last.id)) == 1
    assert view.entered.count() == 20
    assert view.entered.item(0).text() == "Grace Lin — Lumen Robotics"


def test_session_is_remembered_between_launches(ui_ctx, qtbot) -> None:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.event_name.setText("Hannover Messe 2026")
    view.event_name.editingFinished.emit()
    view.met_on.setDate(view.met_on.date().addDays(-2))
    view.session_tags.setText("hannover, fair")
    view.session_tags.editingFinished.emit()
    view.follow_rule.setCurrentIndex(view.follow_rule.findData(None))
    again = CardEntryView(ui_ctx)
    qtbot.addWidget(again)
    assert again.event_name.text() == "Hannover Messe 2026"
    assert again.met_on.date().toPython() == date.today() - timedelta(days=2)
    assert again.session_tags.text() == "hannover, fair"
    assert again.follow_rule.currentData() is None
    # and "none" means no follow-up is created
    again.name.setText("Ada Lovelace")
    again.save_card()
    cid = ui_ctx.services.contacts.list_ids()[0]
    assert ui_ctx.services.activity.open_follow_ups(cid) == []
    assert set(ui_ctx.services.contacts.get(cid).tags) == {"hannover", "fair"}


def test_smart_paste_fills_and_highlights_guesses(ui_ctx, qtbot) -> None:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.paste_box.setPlainText(
        "Best regards,\n\nDr. Katharina Lindemann\nLeiterin Forschung & Entwicklung\n"
        "Voss Medizintechnik GmbH\nIndustriestraße 42\n78532 Tuttlingen\n"
        "Tel.: +49 7461 96588-210\nMobil: +49 170 4432187\nFax: +49 7461 96588-299\n"
        "k.lindemann@voss-medtech.example.de\nwww.voss-medtech.example.de\n"
    )
    qtbot.mouseClick(view.fill_button, Qt.MouseButton.LeftButton)
    assert view.name.text() == "Dr. Katharina Lindemann"
    assert view.title.text() == "Leiterin Forschung & Entwicklung"
    assert view.company.text() == "Voss Medizintechnik GmbH"
    assert view.mobile.text() == "+49 170 4432187"
    assert view.work_phone.text() == "+49 7461 96588-210"
    assert view.fax.text() == "+49 7461 96588-299"
    assert view.address.text() == "Industriestraße 42, 78532 Tuttlingen"
    assert view.is_guessed("name") and view.is_guessed("title") and view.is_guessed("address")
    assert not view.is_guessed("organization")  # a company suffix is no guess
    assert not view.is_guessed("email")
    assert "Best regards," in view.unparsed_label.text()
    assert ui_ctx.services.contacts.count() == 0  # nothing is saved without the user saying so
    # the highlight goes when the user edits the field
    view.title.setFocus()
    QTest.keyClicks(view.title, " Medizin")
    assert not view.is_guessed("title")
    assert view.is_guessed("name")
    view.save_card()
    c = ui_ctx.services.contacts.get(ui_ctx.services.contacts.list_ids()[0])
    assert (c.prefix, c.given_name, c.family_name) == ("Dr.", "Katharina", "Lindemann")
    assert c.title == "Leiterin Forschung & Entwicklung Medizin"
    assert (c.addresses[0].street, c.addresses[0].postal_code, c.addresses[0].locality) == (
        "Industriestraße 42",
        "78532",
        "Tuttlingen",
    )
    assert {(p.e164, p.label) for p in c.phones} == {
        ("+49746196588210", "work"),
        ("+491704432187", "mobile"),
        ("+49746196588299", "fax"),
    }


def test_ctrl_shift_v_pastes_the_clipboard_and_fills(ui_ctx, qtbot) -> None:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.name.setFocus()
    QApplication.clipboard().setText(
        "Grace Hopper | Rear Admiral | US Navy | grace@navy.example.mil"
    )
    QTest.keyClick(
        view.name,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert view.name.text() == "Grace Hopper"
    assert view.emails.text() == "grace@navy.example.mil"


def test_validation_errors_are_marked_next_to_fields(ui_ctx, qtbot) -> None:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.save_card()
    assert not view.field_errors["name"].isHidden()
    view.name.setText("Jane Roe")
    view.emails.setText("jane@@example")
    view.mobile.setText("ask at the desk")
    view.save_card()
    assert not view.field_errors["email"].isHidden()
    assert "jane@@example" in view.field_errors["email"].text()
    assert not view.field_errors["mobile"].isHidden()
    assert view.field_errors["name"].isHidden()
    assert ui_ctx.services.contacts.count() == 0
    assert view.name.text() == "Jane Roe"  # nothing typed is lost


def test_duplicates_are_shown_and_can_be_merged(ui_ctx, qtbot) -> None:
    services = ui_ctx.services
    existing_id, _ = services.contacts.create(
        Contact(
            given_name="Hannah",
            family_name="Schulz",
            organization="Kessler Beratung GmbH",
            title="Partner",
            emails=(Email("hannah.schulz@kessler.example.de", "work", True),),
            tags=("clients",),
        )
    )
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.event_name.setText(EVENT)
    view.session_tags.setText("expo")
    view.name.setText("Hannah Schulz")
    view.company.setText("Kessler Beratung GmbH")
    qtbot.waitUntil(lambda: view.dup_banner.isVisible())
    assert "same name: Hannah Schulz; same company Kessler Beratung GmbH" in view.dup_text.text()
    view.name.setText("H. Schulz")
    view.company.clear()
    qtbot.waitUntil(lambda: not view.dup_banner.isVisible())
    view.emails.setText("HANNAH.SCHULZ@kessler.example.de, hs@private.example.org")
    view.title.setText("Managing Partner")
    view.mobile.setText("+49 171 9876543")
    qtbot.waitUntil(lambda: view.dup_banner.isVisible())
    assert "same email" in view.dup_text.text()
    opened: list[int] = []
    ui_ctx.nav.open_contact.connect(opened.append)
    qtbot.mouseClick(view.open_existing_button, Qt.MouseButton.LeftButton)
    assert opened == [existing_id]
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert services.contacts.count() == 1
    c = services.contacts.get(existing_id)
    assert [e.value for e in c.emails] == [
        "hannah.schulz@kessler.example.de",
        "hs@private.example.org",
    ]
    assert c.emails[0].pref and not c.emails[1].pref
    assert [(p.e164, p.label) for p in c.phones] == [("+491719876543", "mobile")]
    assert c.title == "Partner"  # never overwritten
    assert (c.given_name, c.family_name) == ("Hannah", "Schulz")
    assert set(c.tags) == {"clients", "expo"}
    assert [t.interaction.summary for t in services.activity.timeline_for(existing_id)] == [
        f"Met at {EVENT}"
    ]
    assert "added to existing" in view.entered.item(0).text()
    # undo restores the contact as it was
    ui_ctx.undo.undo()
    c = services.contacts.get(existing_id)
    assert [e.value for e in c.emails] == ["hannah.schulz@kessler.example.de"]
    assert c.phones == () and c.tags == ("clients",)
    assert services.activity.timeline_for(existing_id) == []
    assert services.contacts.count() == 1


def test_add_anyway_creates_a_second_contact(ui_ctx, qtbot) -> None:
    ui_ctx.services.contacts.create(
        Contact(given_name="Ana", family_name="Costa", phones=(Phone("+351 213 456 789"),))
    )
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.name.setText("Ana Costa")
    view.other_phone.setText("+351 213 456 789")
    qtbot.waitUntil(lambda: view.dup_banner.isVisible())
    assert "same phone" in view.dup_text.text()
    qtbot.mouseClick(view.add_anyway_button, Qt.MouseButton.LeftButton)
    assert ui_ctx.services.contacts.count() == 2
    assert not view.dup_banner.isVisible()


def test_edit_and_remove_from_the_session_list(ui_ctx, qtbot) -> None:
    services = ui_ctx.services
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    view.event_name.setText(EVENT)
    for name, note in (("Ada Lovelace", "engines"), ("Alan Turing", "codes")):
        view.name.setText(name)
        view.note.setPlainText(note)
        view.save_card()
    assert [view.entered.item(i).text() for i in range(2)] == ["Alan Turing", "Ada Lovelace"]
    ada = next(
        i for i in services.contacts.list_ids() if services.contacts.get(i).given_name == "Ada"
    )

    view.entered.setCurrentRow(1)
    view.edit_selected()
    assert view.name.text() == "Ada Lovelace"
    assert view.note.toPlainText() == "engines"
    view.company.setText("Analytical Engines Ltd")
    view.note.setPlainText("engines and poetry")
    view.save_card()
    assert services.contacts.count() == 2  # updated, not added
    c = services.contacts.get(ada)
    assert c.organization == "Analytical Engines Ltd"
    assert c.met_at == EVENT  # kept from the first save
    assert services.activity.timeline_for(ada)[0].interaction.notes == "engines and poetry"
    assert view.entered.item(1).text() == "Ada Lovelace — Analytical Engines Ltd"
    assert view.save_button.text().startswith("Save card")
    ui_ctx.undo.undo()  # the edit
    assert services.contacts.get(ada).organization == ""
    assert services.activity.timeline_for(ada)[0].interaction.notes == "engines"
    ui_ctx.undo.redo()
    assert services.contacts.get(ada).organization == "Analytical Engines Ltd"

    view.entered.setCurrentRow(1)
    view.remove_selected()
    assert services.contacts.count() == 1
    assert services.activity.timeline_for(ada) == []
    assert view.entered.count() == 1
    ui_ctx.undo.undo()  # the removal
    assert services.contacts.count() == 2
    assert view.entered.count() == 2
    assert view.entered.item(1).text().startswith("Ada Lovelace")


@pytest.mark.parametrize("side", ["card_front", "card_back"])
def test_card_image_is_scaled_and_stored(
    ui_ctx, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, side: str
) -> None:
    picture = tmp_path / "card.png"
    image = QImage(3200, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    assert image.save(str(picture))
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(picture), ""))
    )
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.name.setText("Ada Lovelace")
    button = view.front_button if side == "card_front" else view.back_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "kB" in view.images_label.text()
    view.save_card()
    cid = ui_ctx.services.contacts.list_ids()[0]
    stored = ui_ctx.services.contacts.card_images(cid)
    assert set(stored) == {side}
    back = QImage.fromData(stored[side].data)
    assert stored[side].mime == "image/jpeg"
    assert (back.width(), back.height()) == (1600, 1000)
    assert view.images_label.text() == "No card image"  # cleared for the next card


def test_an_unreadable_image_is_reported(ui_ctx, qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "card.jpg"
    bad.write_bytes(b"not a picture")
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    assert not view.attach_image("card_front", str(bad))
    assert "cannot read the picture" in view.error.text()


def test_tab_order_follows_the_card(ui_ctx, qtbot) -> None:
    view = CardEntryView(ui_ctx)
    qtbot.addWidget(view)
    view.show()
    chain: list[QWidget] = []
    w: QWidget = view.name
    for _ in range(12):
        chain.append(w)
        w = w.nextInFocusChain()
        while not w.focusPolicy() & Qt.FocusPolicy.TabFocus or not w.isVisible():
            w = w.nextInFocusChain()
    assert chain == [
        view.name, view.title, view.company, view.department, view.emails, view.mobile,
        view.work_phone, view.fax, view.other_phone, view.website, view.address, view.note,
    ]  # fmt: skip
