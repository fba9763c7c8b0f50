"""The Preferences page (issue 13): default phone region, date style, default cadence, the
follow-up rule after a card and the interaction types, each taking effect."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from netdesk.core.dates import set_date_style
from netdesk.core.model import Contact, Phone
from netdesk.ui.shell.main_window import MainWindow
from netdesk.ui.shell.preferences import ActivityPreferencesDialog
from netdesk.ui.timeline.feature import open_preferences


@pytest.fixture(autouse=True)
def relative_dates() -> Iterator[None]:
    yield
    set_date_style("relative")


def test_preferences_take_effect(main_window: MainWindow, ui_ctx, qtbot) -> None:
    dialog = open_preferences(main_window)
    assert isinstance(dialog, ActivityPreferencesDialog)
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == [
        "General",
        "Timeline and keep in touch",
    ]
    dialog.region.setCurrentIndex(dialog.region.findData("FR"))
    assert dialog.region.currentText() == "FR — France"
    dialog.date_style.setCurrentIndex(dialog.date_style.findData("iso"))
    dialog.cadence.set_days(30)
    dialog.follow_rule.setCurrentIndex(dialog.follow_rule.findData(7))
    dialog._add_type_item("coffee")
    dialog.save()
    assert not dialog.isVisible()
    prefs = ui_ctx.services.preferences
    assert prefs.default_region == "FR"
    assert prefs.date_format == "iso"
    assert prefs.default_cadence_days == 30
    assert prefs.capture.follow_up_days == 7
    assert "coffee" in prefs.interaction_types
    # remembered for the next start
    stored = ui_ctx.services.settings.preferences()
    assert (stored.default_region, stored.date_format) == ("FR", "iso")
    # the region reads national numbers that nothing else places
    cid, _ = ui_ctx.services.contacts.create(
        Contact(given_name="Luc", phones=(Phone("06 12 34 56 78"),))
    )
    assert ui_ctx.services.contacts.get(cid).phones[0].e164 == "+33612345678"
    # dates in the ISO style
    from netdesk.core.dates import humanize_date

    assert (
        humanize_date(date.today() - timedelta(days=2), date.today())
        == (date.today() - timedelta(days=2)).isoformat()
    )
    # card entry follows the rule; a new contact gets the cadence
    cards = main_window.views["cards"]
    assert cards.follow_rule.currentData() == 7
    cards.name.setText("Card Person")
    cards.save_card()
    [entry] = cards.entries.values()
    assert ui_ctx.services.contacts.get(entry.record.contact_id).cadence_days == 30
    assert ui_ctx.services.activity.open_follow_ups(entry.record.contact_id)[0].due == (
        cards.met_on.date().toPython() + timedelta(days=7)
    )
    from netdesk.ui.contacts.editor import NewContactDialog

    new = NewContactDialog(ui_ctx, main_window)
    qtbot.addWidget(new)
    assert new.editor.cadence.value() == 30
    assert not new.editor.is_dirty()
