"""Every Qt model passes pytest-qt's model tester."""

from __future__ import annotations

from helpers import rich_contact

from netdesk.ui.contacts.model import ContactTableModel


def test_contact_table_model(services, qtmodeltester) -> None:
    services.contacts.create_many(
        [
            rich_contact(given_name=f"Person{n}", display_name="", emails=(), phones=())
            for n in range(30)
        ]
    )
    model = ContactTableModel(services.contacts)
    model.reload()
    assert model.rowCount() == 30
    qtmodeltester.check(model)
    model.set_filter(search="person1")
    assert model.rowCount() == 11
    qtmodeltester.check(model)
    model.sort(1)
    qtmodeltester.check(model)
