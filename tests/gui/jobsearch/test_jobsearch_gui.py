"""The job search in the window, end to end: a search started (and the reconnect offer), helpers
logged, who helped, "I landed", a campaign (recipients chosen, a message edited, mailto URLs
parsed back, interactions logged, cadences reset), resumed without messaging anyone twice;
the interview follow-ups; the referral network."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor

from netdesk.core.jobsearch import JobSearch, Reference
from netdesk.core.model import Contact, Email, Interaction

TODAY = date.today()


def make(services: Any, given: str, family: str = "", **fields: Any) -> int:
    cid, _ = services.contacts.create(
        Contact(
            display_name=f"{given} {family}".strip(), given_name=given, family_name=family, **fields
        )
    )
    return cid


def log(
    services: Any, cid: int | tuple[int, ...], days_ago: int, kind: str, summary: str, **kw: Any
) -> int:
    ids = cid if isinstance(cid, tuple) else (cid,)
    at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).replace(hour=9)
    iid, _ = services.activity.log(Interaction(at, kind, summary, ids, **kw))
    return iid


def parse_mailto(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query)
    return unquote(parts.path), query["subject"][0], query["body"][0]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return urls


def campaign_dialogs() -> list[Any]:
    from PySide6.QtWidgets import QApplication

    from netdesk.ui.jobsearch.campaign import CampaignDialog

    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CampaignDialog) and w.isVisible()
    ]


def select(dialog: Any, cid: int) -> None:
    row = dialog._row_of(cid)
    dialog.message_list.setCurrentRow(row)
    assert dialog.current_cid == cid


def test_a_landed_campaign_end_to_end(
    main_window, ui_ctx, qtbot, opened, no_modal_dialogs, request
) -> None:
    from netdesk.ui.jobsearch.campaign import CampaignDialog
    from netdesk.ui.jobsearch.dialogs import LandedDialog, StartSearchDialog, offer_reconnect

    services = ui_ctx.services
    ann = make(services, "Ann", "O'Neil", emails=(Email("ann.oneil@example.com"),), cadence_days=30)
    bob = make(services, "Björn", "Smith, Jr.", emails=(Email("bjorn@example.org"),))
    cat = make(services, "Cat", "Dunn")  # no email: the text is copied
    old = make(services, "Olga", "Old")
    log(services, old, 400, "call", "Long ago")

    # a search is started; interactions from its start on belong to it
    start = StartSearchDialog(ui_ctx, main_window)
    qtbot.addWidget(start)
    start.name.setText("2026 search")
    start.started.setDate(TODAY - timedelta(days=60))
    start.save()
    search = services.jobsearch.open_search()
    assert search is not None and search.name == "2026 search"
    # ... and offers to tag and reconnect with people not touched in a year
    assert offer_reconnect(ui_ctx, main_window, search.name) == 1
    assert any("not heard from you" in text for text in no_modal_dialogs)
    assert services.contacts.get(old).tags == ("reconnect 2026 search",)
    [reconnect] = campaign_dialogs()
    assert reconnect.template().builtin_key == "just_to_connect"
    assert reconnect.chosen_ids() == [old]
    reconnect.reject()

    # helpers logged during the search
    log(services, ann, 40, "help received", "Reviewed my CV")
    log(services, bob, 30, "advice", "Salary negotiation tips")
    log(services, cat, 20, "interview", "Mock interview")
    log(services, ann, 50, "email", "Newsletter")  # not help
    dan = make(services, "Dan", "Before", emails=(Email("dan@example.com"),))
    log(services, dan, 90, "advice", "Before the search")  # helped, but not in this search

    main_window.show_view("helped")
    view = main_window.views["helped"]
    assert view.scope.currentData() == f"search:{search.id}"
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 3)
    assert {view.proxy.index(r, 0).data() for r in range(3)} == {
        "Ann O'Neil",
        "Björn Smith, Jr.",
        "Cat Dunn",
    }
    assert "3 not thanked yet" in view.count_label.text()
    qtbot.waitUntil(
        lambda: main_window.nav_list.findItems("Who helped  (3)", Qt.MatchFlag.MatchExactly) != []
    )

    # I landed
    landed = LandedDialog(ui_ctx, search, main_window)
    qtbot.addWidget(landed)
    landed.role.setText("Head of Product")
    landed.company.setText("Zürich Analytics AG")
    landed.save()
    done = services.jobsearch.get_search(search.id)
    assert done.landed and done.ended_on == TODAY

    # the campaign: recipients from who helped, the landed template
    dialog = CampaignDialog(ui_ctx, main_window, template_key="landed", search=done)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setCurrentIndex(0)
    assert dialog.helped_scope.currentData() == f"search:{search.id}"  # the landed search
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert sorted(dialog.chosen_ids()) == sorted([ann, bob, cat])
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert dialog.value_edits["new_company"].text() == "Zürich Analytics AG"
    assert "{my_name}" in dialog.template_missing.text()  # flagged before sending
    dialog.value_edits["my_name"].setText("Zoë")
    assert dialog.template_missing.text() == ""
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 2 and dialog.campaign_id is not None

    # Ann: the message is edited by hand, then sent from the mail app
    select(dialog, ann)
    assert "Head of Product at Zürich Analytics AG" in dialog.body.toPlainText()
    dialog.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.body, "PS: coffee & cake soon?")
    qtbot.mouseClick(dialog.open_mail, Qt.MouseButton.LeftButton)
    to, subject, body = parse_mailto(opened[-1])
    assert to == "ann.oneil@example.com"
    assert subject == "Some news, and thank you"
    assert body.endswith("Zoë\r\nPS: coffee & cake soon?")
    assert body.replace("\r\n", "\n") == dialog.body.toPlainText()
    qtbot.mouseClick(dialog.mark_sent_button, Qt.MouseButton.LeftButton)
    timeline = services.activity.timeline_for(ann)
    assert timeline[0].interaction.type == "news shared"
    assert "PS: coffee & cake soon?" in timeline[0].interaction.notes
    assert services.contacts.get(ann).last_contacted == TODAY
    assert services.contacts.get(ann).next_touch == TODAY + timedelta(days=30)  # cadence reset
    # the next unsent message is selected (newest help first: Cat, Björn, Ann; wrapping round)
    assert dialog.current_cid == cat
    select(dialog, bob)
    qtbot.mouseClick(dialog.open_mail, Qt.MouseButton.LeftButton)
    to, _subject, body = parse_mailto(opened[-1])
    assert to == "bjorn@example.org" and body.startswith("Hi Björn,")
    assert "salary negotiation tips" in body
    qtbot.mouseClick(dialog.mark_sent_button, Qt.MouseButton.LeftButton)

    # Cat has no email: no mail link, the text is copied
    assert dialog.current_cid == cat  # the one left
    assert not dialog.open_mail.isEnabled()
    assert "no email address" in dialog.warning.text()
    qtbot.mouseClick(dialog.copy_text, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.body.toPlainText()
    assert dialog.progress.text() == "2 of 3 sent"
    campaign_id = dialog.campaign_id
    dialog.accept()  # left unfinished

    # resumed: those already sent are not offered again
    resumed = CampaignDialog(ui_ctx, main_window, campaign_id=campaign_id)
    qtbot.addWidget(resumed)
    resumed.show()
    assert resumed.pages.currentIndex() == 2
    assert resumed.current_cid == cat  # the first one not sent
    assert resumed.progress.text() == "2 of 3 sent"
    select(resumed, ann)
    assert not resumed.mark_sent_button.isEnabled() and not resumed.open_mail.isEnabled()
    assert "PS: coffee & cake soon?" in resumed.body.toPlainText()  # the edit was kept
    assert "Sent on" in resumed.warning.text()
    before = len(services.activity.timeline_for(ann))
    request.node.expects_error_dialog = True
    resumed.mark_sent()  # even when asked directly, nobody is messaged twice
    assert any("already sent" in text for text in no_modal_dialogs)
    assert len(services.activity.timeline_for(ann)) == before
    select(resumed, cat)
    qtbot.mouseClick(resumed.mark_sent_button, Qt.MouseButton.LeftButton)
    assert resumed.progress.text() == "3 of 3 sent"
    qtbot.mouseClick(resumed.finish_button, Qt.MouseButton.LeftButton)
    assert services.jobsearch.open_campaigns() == []

    # everyone is thanked now
    view.load_now()
    assert "0 not thanked yet" in view.count_label.text()


def test_missing_placeholders_and_long_messages_are_flagged(ui_ctx, qtbot, opened) -> None:
    from netdesk.ui.jobsearch.dialogs import open_campaign_for

    services = ui_ctx.services
    nobody = make(services, "", "", emails=(Email("x@example.com"),), organization="Acme")
    dialog = open_campaign_for(ui_ctx, None, [nobody], "interview_thanks")  # deleted on close
    assert "{first_name}" in dialog.warning.text() and "{my_name}" in dialog.warning.text()
    assert not dialog.mark_sent_button.isEnabled() and not dialog.open_mail.isEnabled()
    dialog.body.setPlainText("Dear Sir or Madam,\n" + "Thank you so much. " * 120)
    dialog.subject.setText("Thank you")
    assert dialog.mark_sent_button.isEnabled()
    assert "Too long for a mail link" in dialog.warning.text()
    assert not dialog.open_mail.isEnabled()  # offered: copy the text instead
    assert dialog.copy_text.isEnabled()
    dialog.body.setPlainText("Dear {frist_name}")
    assert "not a placeholder" in dialog.warning.text()
    assert not dialog.mark_sent_button.isEnabled()
    dialog.reject()


def test_today_opens_the_interview_thank_you_in_one_click(ui_ctx, qtbot, no_modal_dialogs) -> None:
    from netdesk.ui.timeline.quick_log import QuickLogDialog
    from netdesk.ui.today.view import TodayView

    services = ui_ctx.services
    hanna = make(
        services, "Hanna", "Hiring", organization="Acme GmbH", emails=(Email("h@acme.example"),)
    )
    ref = make(services, "Rita", "Ref", emails=(Email("rita@example.com"),))
    sid, _ = services.jobsearch.start_search(JobSearch("2026", TODAY - timedelta(days=5)))
    services.jobsearch.add_reference(Reference(ref, sid, "Acme GmbH — Product lead", "roadmaps"))
    view = TodayView(ui_ctx)
    qtbot.addWidget(view)
    view.show()  # a hidden view reloads only when it is shown
    log_dialog = QuickLogDialog(ui_ctx, [hanna])
    qtbot.addWidget(log_dialog)
    log_dialog.type.setCurrentIndex(log_dialog.type.findData("interview"))
    qtbot.keyClicks(log_dialog.summary, "Second round")
    log_dialog.save()
    # the references for that application are offered a "you may get a call" message
    assert any("may get a call from Acme GmbH" in text for text in no_modal_dialogs)
    heads_up = log_dialog.references_dialog
    assert heads_up is not None
    assert [p.contact_id for p in heads_up.prepared] == [ref]
    assert "interviewed for" in heads_up.body.toPlainText()
    assert "Acme GmbH" in heads_up.body.toPlainText()
    heads_up.reject()
    # the thank-you follow-up on Today: one click opens the interview thank-you
    rows = view.due_list.due_model.rows
    row = next(n for n, r in enumerate(rows) if r.item is not None and r.item.contact_id == hanna)
    view.due_list.select_row(row)
    assert view.write_button.isVisible() or not view.isVisible()
    assert view.write_button.text() == "Write: Interview thank-you…"
    qtbot.mouseClick(view.write_button, Qt.MouseButton.LeftButton)
    message = view.message_dialog  # deleted on close
    assert [p.contact_id for p in message.prepared] == [hanna]
    assert message.body.toPlainText().startswith("Dear Hanna,")
    assert "the team at Acme GmbH" in message.body.toPlainText()
    message.reject()


def test_who_helped_model_passes_the_model_tester(ui_ctx, qtmodeltester) -> None:
    from netdesk.ui.jobsearch.who_helped import WhoHelpedView

    services = ui_ctx.services
    services.jobsearch.start_search(JobSearch("s", TODAY - timedelta(days=30)))
    for n in range(5):
        cid = make(services, f"P{n}", tags=("t",) if n % 2 else ())
        log(services, cid, n + 1, "advice", f"Advice {n}")
    view = WhoHelpedView(ui_ctx)
    view.load_now()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [view.proxy.index(r, 0).data() for r in range(5)] == [f"P{n}" for n in range(5)]
    view.tag.setCurrentIndex(view.tag.findData("t"))
    view.load_now()
    assert view.proxy.rowCount() == 2
    view.deleteLater()


def test_referral_network_view(main_window, ui_ctx, qtbot) -> None:
    services = ui_ctx.services
    root = make(services, "Rosa", "Root")
    kid = make(services, "Kai", "Kid", introduced_by=root)
    other = make(services, "Omar", "Other")
    log(services, (other, kid), 3, "introduction", "Rosa's friend Kai met Omar", introducer_id=kid)
    make(services, "Lonely", "Nobody")
    view_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&View")
    [graph_action] = [a for a in view_menu.actions() if a.text() == "Referral network"]
    assert graph_action.shortcut().toString() == "Ctrl+7"
    graph_action.trigger()
    assert main_window.view_key() == "network"
    view = main_window.views["network"]
    qtbot.waitUntil(lambda: len(view.items) == 3, timeout=5000)
    assert view.status.text() == "3 people · 2 links"
    view.search.setText("omar")
    view.find()
    [match] = view.matches()
    assert match.node.contact_id == other and match.labelled and match.label.isVisible()
    assert match.label.text() == "Omar Other"
    # click a node: its contact opens
    canvas = view.canvas
    point = canvas.mapFromScene(match.centre)
    with qtbot.waitSignal(ui_ctx.nav.open_contact) as opened_signal:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened_signal.args == [other]
    # the user at the centre
    view.me.setChecked(True)
    qtbot.waitUntil(lambda: len(view.items) == 4, timeout=5000)
    me = view.items[view.graph.me]
    assert me.node.name == "You" and me.centre == QPointF(0, 0) and me.labelled
    assert view.status.text() == "3 people · 2 links"


def test_ask_who_else_they_know(main_window, ui_ctx, qtbot) -> None:
    from netdesk.ui.jobsearch.feature import ask_who_else

    services = ui_ctx.services
    cid = make(services, "Mia", "Mentor", emails=(Email("mia@example.com"),))
    dialog = ask_who_else(main_window, [cid])
    assert dialog is not None  # deleted on close
    follow_ups = services.activity.open_follow_ups(cid)
    assert [f.reason for f in follow_ups] == ["Ask who else I should talk to"]
    assert (
        dialog.template().builtin_key == "ask_introduction" or "Who else" in dialog.subject.text()
    )
    assert "Who else do you think I should talk to?" in dialog.body.toPlainText()
    dialog.reject()


def test_templates_are_edited_in_a_dialog(ui_ctx, qtbot) -> None:
    from netdesk.ui.jobsearch.templates import TemplatesDialog

    dialog = TemplatesDialog(ui_ctx)
    qtbot.addWidget(dialog)
    assert dialog.list.count() >= 7 and "(built-in)" in dialog.list.item(0).text()
    assert not dialog.delete_button.isEnabled()  # built-ins are edited, not deleted
    dialog.subject.setText("Big news!")
    dialog.save()
    landed = ui_ctx.services.jobsearch.template_by_key("landed")
    assert landed.subject == "Big news!"
    dialog.restore()
    assert ui_ctx.services.jobsearch.template_by_key("landed").subject != "Big news!"
    dialog.new()
    dialog.name.setText("Coffee?")
    dialog.subject.setText("Coffee, {first_name}?")
    dialog.body.setPlainText("Hi {firstname}")
    assert dialog.save() is None
    assert "{firstname} is not a placeholder" in dialog.error.text()
    dialog.body.setPlainText("Hi {first_name}, coffee next week? {{not a placeholder}}")
    tid = dialog.save()
    assert tid is not None
    assert ui_ctx.services.jobsearch.template(tid).name == "Coffee?"
    assert dialog.delete_button.isEnabled()
    dialog.delete()
    assert "Coffee?" not in [t.name for t in ui_ctx.services.jobsearch.templates()]


def test_references_are_marked_from_the_contacts(ui_ctx, qtbot) -> None:
    from netdesk.ui.jobsearch.dialogs import ReferenceDialog

    services = ui_ctx.services
    sid, _ = services.jobsearch.start_search(JobSearch("2026", TODAY))
    a = make(services, "Ana", "Ref")
    b = make(services, "Ben", "Ref")
    dialog = ReferenceDialog(ui_ctx, [a, b])
    qtbot.addWidget(dialog)
    assert dialog.search.currentData() == sid  # the open search
    dialog.application.setText("Acme — PM")
    dialog.emphasise.setPlainText("launch of the app")
    dialog.save()
    refs = services.jobsearch.references(search_id=sid)
    assert [(r.contact_id, r.application, r.emphasise) for r in refs] == [
        (a, "Acme — PM", "launch of the app"),
        (b, "Acme — PM", "launch of the app"),
    ]
    helpers = services.jobsearch.helped(search_id=sid)
    assert {h.contact_id for h in helpers if h.is_reference} == {a, b}


def test_which_search_an_interaction_belongs_to_is_edited_with_it(ui_ctx, qtbot) -> None:
    from netdesk.ui.timeline.quick_log import QuickLogDialog

    services = ui_ctx.services
    sid, _ = services.jobsearch.start_search(JobSearch("2026", TODAY - timedelta(days=10)))
    cid = make(services, "Ana", "Advice")
    iid = log(services, cid, 2, "advice", "Market advice")
    assert services.jobsearch.searches_of(iid) == [sid]
    dialog = QuickLogDialog(ui_ctx, interaction=services.activity.get(iid))
    qtbot.addWidget(dialog)
    [box] = dialog.search_boxes
    assert box.text() == "2026" and box.isChecked()
    box.setChecked(False)  # it was private advice, not part of the search
    dialog.save()
    assert services.jobsearch.searches_of(iid) == []
    assert services.jobsearch.helped(search_id=sid) == []
    new = QuickLogDialog(ui_ctx, [cid])
    qtbot.addWidget(new)
    assert new.search_boxes == []  # a new interaction joins the open search by itself


def test_someone_messaged_in_another_campaign_is_not_messaged_again_by_accident(
    ui_ctx, qtbot, no_modal_dialogs
) -> None:
    from netdesk.ui.jobsearch.dialogs import open_campaign_for

    services = ui_ctx.services
    cid = make(services, "Ida", "Twice", emails=(Email("ida@example.com"),))
    values = {"my_name": "Zoë"}
    first = open_campaign_for(ui_ctx, None, [cid], "birthday", values)
    first.mark_sent()
    assert first.progress.text() == "1 of 1 sent"
    first.reject()
    second = open_campaign_for(ui_ctx, None, [cid], "birthday", values)
    assert "Already sent this template" in second.warning.text()
    assert "already sent this template" in second.message_list.item(0).text()
    second.mark_sent()  # asked, and the default answer is No
    assert any("Send it again?" in text for text in no_modal_dialogs)
    assert second.progress.text() == "0 of 1 sent"
    birthdays = [e for e in services.activity.timeline_for(cid) if e.interaction.type == "message"]
    assert len(birthdays) == 1
    second.reject()


def test_user_text_in_the_job_search_views_is_shown_as_text(ui_ctx, qtbot) -> None:
    from netdesk.ui.jobsearch.referral_graph import ReferralGraphView
    from netdesk.ui.jobsearch.who_helped import WhoHelpedView

    services = ui_ctx.services
    services.jobsearch.start_search(JobSearch("<b>S</b> & co", TODAY - timedelta(days=9)))
    evil = make(services, "<img src=/dev/zero>", "<b>Bold</b>")
    log(services, evil, 2, "advice", "<i>tips</i> & <a href='x'>link</a>")
    view = WhoHelpedView(ui_ctx)
    qtbot.addWidget(view)
    view.load_now()
    tip = view.proxy.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;tips&lt;/i&gt;" in tip and "<i>" not in tip
    assert view.proxy.index(0, 0).data() == "<img src=/dev/zero> <b>Bold</b>"
    graph = ReferralGraphView(ui_ctx)
    qtbot.addWidget(graph)
    root = make(services, "<u>Root</u>")
    make(services, "Kid", introduced_by=root)
    graph.show_graph(services.jobsearch.referral_graph())
    node = next(i for i in graph.items if i.node.contact_id == root)
    node.set_labelled(True)
    assert node.label.text() == "<u>Root</u>"  # QGraphicsSimpleTextItem: never markup
    view.deleteLater()
