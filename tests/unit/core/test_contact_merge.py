"""The three-way merge of a contact edit (netdesk.core.merge): fields only one side changed
take that side, list fields merge entry by entry, both sides changing a field differently
is a conflict for the user; properties checked with hypothesis."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdesk.core.dates import PartialDate
from netdesk.core.merge import (
    LIST_FIELDS,
    MINE,
    SCALAR_FIELDS,
    THEIRS,
    merge_contact_edits,
    merge_lists,
    same_content,
)
from netdesk.core.model import Address, Contact, Email, Phone, Url

BASE = Contact(
    id=7,
    display_name="Anna Berg",
    given_name="Anna",
    family_name="Berg",
    organization="Acme",
    title="Engineer",
    emails=(Email("anna@acme.example", "work", True),),
    phones=(Phone("+49 30 1234567", "+49301234567", "work"),),
    tags=("client",),
    notes="Met at PyCon",
    version=3,
)


def test_the_issue_scenario_title_mine_email_and_phone_theirs() -> None:
    mine = replace(BASE, title="CTO")
    theirs = replace(
        BASE,
        emails=(*BASE.emails, Email("anna@home.example", "home")),
        phones=(*BASE.phones, Phone("+49 171 5550000", "+491715550000", "mobile")),
        version=4,
    )
    result = merge_contact_edits(BASE, mine, theirs)
    assert result.clean
    assert result.merged.title == "CTO"
    assert [e.value for e in result.merged.emails] == ["anna@acme.example", "anna@home.example"]
    assert [p.value for p in result.merged.phones] == ["+49 30 1234567", "+49 171 5550000"]
    assert result.merged.version == 4  # the version the merge is written against


def test_a_field_both_changed_differently_is_a_conflict_until_chosen() -> None:
    mine = replace(BASE, title="CTO", notes="Met at PyCon; likes chess")
    theirs = replace(BASE, title="VP Engineering", organization="Acme GmbH", version=9)
    result = merge_contact_edits(BASE, mine, theirs)
    assert [(c.field, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("title", "Engineer", "CTO", "VP Engineering")
    ]
    assert result.conflicts[0].label == "Title"
    # cleanly merged fields are there already; the conflict waits for a choice
    assert result.merged.notes == "Met at PyCon; likes chess"
    assert result.merged.organization == "Acme GmbH"
    assert result.resolve({"title": MINE}).title == "CTO"
    assert result.resolve({"title": THEIRS}).title == "VP Engineering"
    with pytest.raises(ValueError, match="title"):
        result.resolve({})


def test_both_making_the_same_change_is_no_conflict() -> None:
    mine = replace(BASE, title="CTO", birthday=PartialDate(5, 4))
    theirs = replace(BASE, title="CTO", birthday=PartialDate(5, 4))
    result = merge_contact_edits(BASE, mine, theirs)
    assert result.clean and result.merged.title == "CTO"


def test_removed_on_one_side_goes_unless_changed_on_the_other() -> None:
    base = replace(
        BASE,
        emails=(Email("a@x.example", "work"), Email("b@x.example", "home")),
        urls=(Url("https://anna.example", "home"),),
    )
    # I removed b@ and the website; they relabelled b@ (a change) and left the website alone
    mine = replace(base, emails=(Email("a@x.example", "work"),), urls=())
    theirs = replace(base, emails=(Email("a@x.example", "work"), Email("b@x.example", "private")))
    merged = merge_contact_edits(base, mine, theirs).merged
    assert merged.emails == (Email("a@x.example", "work"), Email("b@x.example", "private"))
    assert merged.urls == ()


def test_removed_on_both_sides_stays_removed_and_additions_on_both_are_kept() -> None:
    base = replace(BASE, tags=("client", "berlin"))
    mine = replace(base, tags=("client", "python"))
    theirs = replace(base, tags=("client", "conference"))
    assert merge_contact_edits(base, mine, theirs).merged.tags == (
        "client",
        "conference",
        "python",
    )


def test_entries_match_case_blind_and_phones_by_digits() -> None:
    base = replace(BASE, emails=(), phones=())
    mine = replace(base, emails=(Email("Anna@Acme.example"),), phones=(Phone("030 1234"),))
    theirs = replace(
        base, emails=(Email("anna@acme.example"),), phones=(Phone("030-1234", None, "work"),)
    )
    merged = merge_contact_edits(base, mine, theirs).merged
    assert len(merged.emails) == 1 and len(merged.phones) == 1
    # both added the same entry differently written: the user's typing wins
    assert merged.emails[0].value == "Anna@Acme.example"


def test_my_reordering_is_kept_and_their_new_entries_are_appended() -> None:
    a, b, c = (Address(street=s, locality="Berlin") for s in ("A 1", "B 2", "C 3"))
    base = replace(BASE, addresses=(a, b))
    mine = replace(base, addresses=(b, a))
    theirs = replace(base, addresses=(a, b, c))
    assert merge_contact_edits(base, mine, theirs).merged.addresses == (b, a, c)


def test_only_one_preferred_email_survives_and_it_is_mine() -> None:
    base = replace(BASE, emails=(Email("a@x.example"), Email("b@x.example")))
    mine = replace(base, emails=(Email("a@x.example", pref=True), Email("b@x.example")))
    theirs = replace(base, emails=(Email("a@x.example"), Email("b@x.example", pref=True)))
    merged = merge_contact_edits(base, mine, theirs).merged
    assert [e.pref for e in merged.emails] == [True, False]


def test_stamps_derived_dates_and_version_come_from_theirs() -> None:
    from datetime import date, datetime

    theirs = replace(
        BASE,
        last_contacted=date(2026, 1, 2),
        next_touch=date(2026, 2, 3),
        updated_at=datetime(2026, 1, 2, 3, 4, 5),
        version=11,
    )
    merged = merge_contact_edits(BASE, replace(BASE, title="CTO"), theirs).merged
    assert (merged.last_contacted, merged.next_touch, merged.updated_at, merged.version) == (
        theirs.last_contacted,
        theirs.next_touch,
        theirs.updated_at,
        11,
    )


def test_the_version_is_bookkeeping_not_content() -> None:
    assert replace(BASE, version=1) == replace(BASE, version=2)
    assert same_content(replace(BASE, version=1, updated_at=None), BASE)


# ------------------------------------------------------------------- properties
_words = st.sampled_from(["", "Anna", "Ben", "Acme", "CTO", "Berlin", "x"])
_emails = st.lists(
    st.builds(
        Email,
        st.sampled_from(["a@x.example", "b@x.example", "c@x.example", "d@x.example"]),
        st.sampled_from(["", "work", "home"]),
        st.booleans(),
    ),
    max_size=4,
)
_phones = st.lists(
    st.builds(
        Phone,
        st.sampled_from(["+49 30 1111", "+49 30 2222", "0171 3333", "0171 4444"]),
        st.none(),
        st.sampled_from(["", "mobile", "work"]),
    ),
    max_size=4,
)
_tags = st.lists(st.sampled_from(["client", "friend", "berlin", "python"]), max_size=4, unique=True)
_urls = st.lists(
    st.builds(Url, st.sampled_from(["https://a.example", "b.example", "https://c.example/"])),
    max_size=3,
)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        id=1,
        display_name=draw(_words),
        given_name=draw(_words),
        organization=draw(_words),
        title=draw(_words),
        notes=draw(_words),
        cadence_days=draw(st.none() | st.sampled_from([7, 30])),
        starred=draw(st.booleans()),
        emails=tuple(draw(_emails)),
        phones=tuple(draw(_phones)),
        urls=tuple(draw(_urls)),
        tags=tuple(draw(_tags)),
    )


@settings(max_examples=300, deadline=None)
@given(contacts(), contacts())
def test_property_one_sided_changes_are_taken_whole(base: Contact, other: Contact) -> None:
    # nothing changed on my side: theirs, exactly; nothing on theirs: mine, exactly
    only_theirs = merge_contact_edits(base, base, other)
    assert only_theirs.clean and only_theirs.merged == other
    only_mine = merge_contact_edits(base, other, base)
    assert only_mine.clean and only_mine.merged == other
    same = merge_contact_edits(base, other, other)
    assert same.clean and same.merged == other


@settings(max_examples=300, deadline=None)
@given(contacts(), contacts(), contacts())
def test_property_no_change_of_either_side_is_lost(
    base: Contact, mine: Contact, theirs: Contact
) -> None:
    result = merge_contact_edits(base, mine, theirs)
    conflicting = {c.field for c in result.conflicts}
    for name in SCALAR_FIELDS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        got = getattr(result.merged, name)
        if m != b and t == b:
            assert got == m, name
        elif t != b and m == b:
            assert got == t, name
        elif m != b and t != b and m != t:
            assert name in conflicting
        else:
            assert name not in conflicting
    # conflicts are the same whichever side is called mine
    assert {c.field for c in merge_contact_edits(base, theirs, mine).conflicts} == conflicting
    # every value either side added to a list is in the merge
    for name, key in (
        ("emails", lambda e: e.value.casefold()),
        ("tags", str.casefold),
        ("urls", lambda u: u.value),
    ):
        have = {key(v) for v in getattr(result.merged, name)}
        before = {key(v) for v in getattr(base, name)}
        for side in (mine, theirs):
            added = {key(v) for v in getattr(side, name)} - before
            assert added <= have, (name, added, have)
    # a value both removed stays removed; a value both kept unchanged stays
    for name in ("tags",):
        b_, m_, t_ = (set(getattr(x, name)) for x in (base, mine, theirs))
        got_ = set(getattr(result.merged, name))
        assert not ((b_ - m_) & (b_ - t_) & got_)
        assert (b_ & m_ & t_) <= got_
    assert sum(e.pref for e in result.merged.emails) <= max(
        1, sum(e.pref for e in mine.emails), sum(e.pref for e in theirs.emails)
    )


@given(_tags, _tags, _tags)
def test_property_list_merge_of_unchanged_side(base: list[str], a: list[str], b: list[str]) -> None:
    assert merge_lists(base, base, a, str.casefold) == tuple(a)
    assert merge_lists(base, a, base, str.casefold) == tuple(a)


def test_every_editable_field_is_merged() -> None:
    from dataclasses import fields

    bookkeeping = {"id", "last_contacted", "next_touch", "created_at", "updated_at", "version"}
    names = {f.name for f in fields(Contact)} - bookkeeping
    assert names == set(SCALAR_FIELDS) | set(LIST_FIELDS)
