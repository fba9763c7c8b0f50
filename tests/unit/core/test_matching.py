"""The "same person" rule (netdesk.core.matching): evidence, scores, reasons, blocking,
groups, and the union of values a merge keeps."""

from __future__ import annotations

import pytest

from netdesk.core.dates import PartialDate
from netdesk.core.matching import (
    MergeChoices,
    apply_choices,
    compare,
    find_duplicates,
    make_profile,
    merge_values,
    profile_of,
)
from netdesk.core.matching.names import canonical, parse_name, skeleton
from netdesk.core.matching.scan import blocking_keys, shared_values
from netdesk.core.matching.values import email_key, is_role_address, org_key
from netdesk.core.model import Contact, Email, Phone, Photo

P = make_profile


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rob.Smith+news@googlemail.com", "robsmith@gmail.com"),
        ("ANNA@Example.COM", "anna@example.com"),
        ("j.doe+crm@outlook.com", "j.doe@outlook.com"),
    ],
)
def test_email_keys_fold_case_gmail_dots_plus_tags(a: str, b: str) -> None:
    assert email_key(a) == email_key(b)


def test_dots_matter_outside_gmail() -> None:
    assert email_key("j.doe@acme.com") != email_key("jdoe@acme.com")


def test_role_addresses() -> None:
    assert is_role_address(email_key("Info@acme.com"))
    assert is_role_address(email_key("careers@acme.com"))
    assert is_role_address(email_key("sales@acme.com"))
    assert not is_role_address(email_key("robert.smith@acme.com"))


def test_nicknames_come_from_the_shipped_table() -> None:
    assert "robert" in canonical("bob")
    assert "elizabeth" in canonical("liz")
    assert canonical("zyx") == frozenset({"zyx"})


def test_names_parse_from_display_lines() -> None:
    n = parse_name(display="Smith, Robert")
    assert (n.given, n.family) == ("robert", "smith")
    n = parse_name(display="Dr. Jürgen Müller")
    assert (n.given, n.family) == ("jurgen", "muller")
    assert parse_name(display="info@acme.com").empty
    assert skeleton("smith") == skeleton("smyth") == skeleton("smtih")


def _score(a: dict[str, object], b: dict[str, object]) -> tuple[int, tuple[str, ...]]:
    m = compare(P(1, **a), P(2, **b))  # type: ignore[arg-type]
    return m.score, m.reasons


def test_nickname_and_company_are_proposed_with_reasons() -> None:
    score, reasons = _score(
        {"given": "Bob", "family": "Smith", "organization": "Acme Inc."},
        {"given": "Robert", "family": "Smith", "organization": "ACME"},
    )
    assert score >= 50
    assert "names match: Bob Smith ≈ Robert Smith" in reasons
    assert "same company ACME" in reasons


def test_phone_compared_in_e164_and_shown_international() -> None:
    score, reasons = _score(
        {"given": "Liz", "family": "Taylor", "phones": [("07700 900123", "+447700900123")]},
        {"given": "Elizabeth", "family": "Taylor", "phones": [("+447700900123", "+447700900123")]},
    )
    assert score >= 75
    assert reasons[0] == "same phone +44 7700 900123"


def test_swapped_names_and_gmail_variants() -> None:
    score, reasons = _score(
        {"display": "Smith Robert", "emails": ["Rob.Smith+x@googlemail.com"]},
        {"given": "Robert", "family": "Smith", "emails": ["robsmith@gmail.com"]},
    )
    assert score >= 80
    assert any("swapped" in r for r in reasons)


def test_initials_typos_and_accents() -> None:
    assert (
        _score(
            {"given": "J.", "family": "Smith", "organization": "Acme"},
            {"given": "John", "family": "Smith", "organization": "Acme"},
        )[0]
        >= 40
    )
    score, reasons = _score(
        {"given": "Robert", "family": "Smtih", "organization": "Acme"},
        {"given": "Robert", "family": "Smith", "organization": "Acme"},
    )
    assert score >= 50 and "similar names: Robert Smtih ≈ Robert Smith" in reasons
    score, reasons = _score(
        {"given": "Jürgen", "family": "Müller", "organization": "Kessler GmbH"},
        {"given": "Jurgen", "family": "Muller", "organization": "Kessler"},
    )
    assert score >= 60 and reasons[0] == "same name: Jurgen Muller"


def test_weak_evidence_is_never_enough_alone() -> None:
    # a role address and a switchboard shared by two different people
    score, reasons = _score(
        {
            "given": "Alice",
            "family": "Jones",
            "organization": "Acme",
            "emails": ["info@acme.com"],
            "phones": [("+1 212 555 0100", "+12125550100")],
        },
        {
            "given": "Bob",
            "family": "Brown",
            "organization": "Acme",
            "emails": ["info@acme.com"],
            "phones": [("+1 212 555 0100", "+12125550100")],
        },
    )
    assert score < 50
    assert "different names: Alice Jones ≠ Bob Brown" in reasons
    # without names the role address and company still do not make a duplicate
    score, _ = _score(
        {"organization": "Acme", "emails": ["info@acme.com"]},
        {"organization": "Acme", "emails": ["info@acme.com"]},
    )
    assert score < 50


def test_switchboard_numbers_are_found_and_weak() -> None:
    board = ("+1 212 555 0100", "+12125550100")
    people = [
        P(1, given="Alice", family="Jones", phones=[board]),
        P(2, given="Bob", family="Brown", phones=[board]),
        P(3, given="Carol", family="White", phones=[board]),
    ]
    assert "+12125550100" in shared_values(people)
    m = compare(
        P(4, given="Dan", family="Green", phones=[board]),
        P(5, display="D. Green", phones=[board]),
        shared_values(people),
    )
    assert "shared number +1 212-555-0100 (several people)" in m.reasons
    assert m.score < 50


def test_different_birthdays_outweigh_a_same_name() -> None:
    a = {"given": "Anna", "family": "Berg", "organization": "X", "birthday": "1980-01-02"}
    same = {**a, "birthday": "1980-01-02"}
    other = {**a, "birthday": "1975-07-09"}
    assert _score(a, same)[0] > _score(a, other)[0]
    assert _score(a, other)[0] < 50


def test_same_photo_counts() -> None:
    c1 = Contact(id=1, given_name="Ann", family_name="Lee", photo=Photo(b"\x89PNG same"))
    c2 = Contact(id=2, given_name="Ann", family_name="Lee", photo=Photo(b"\x89PNG same"))
    assert "same photo" in compare(profile_of(c1), profile_of(c2)).reasons


def test_org_keys_drop_legal_forms() -> None:
    assert org_key("ACME, Inc.") == org_key("Acme") == "acme"


@pytest.mark.parametrize(
    "variant",
    [
        {"given": "Bob", "family": "Smith"},
        {"display": "Smith, Robert"},
        {"given": "Smith", "family": "Robert"},
        {"given": "R.", "family": "Smith"},
        {"given": "Robert", "family": "Smtih"},
        {"given": "Robret", "family": "Smith"},
    ],
)
def test_blocking_keys_bring_name_variants_together(variant: dict[str, str]) -> None:
    base = P(1, given="Robert", family="Smith")
    assert blocking_keys(base) & blocking_keys(P(2, **variant))  # type: ignore[arg-type]


def test_scan_groups_three_and_never_proposes_rejected_pairs() -> None:
    profiles = [
        P(1, given="Bob", family="Smith", emails=["bob@acme.com"], organization="Acme"),
        P(2, given="Robert", family="Smith", emails=["bob@acme.com"], phones=[("+15550001", None)]),
        P(3, display="Smith, Robert", phones=[("+15550001", None)]),
        P(4, given="Alice", family="Jones", emails=["info@acme.com"]),
        P(5, given="Carl", family="Brown", emails=["info@acme.com"]),
    ]
    groups = find_duplicates(profiles)
    assert [g.ids for g in groups] == [(1, 2, 3)]
    assert groups[0].score >= 50
    assert groups[0].reasons[0].startswith("same email")
    # "not the same person" for 1 and 2: they are never joined, not even through 3
    groups = find_duplicates(profiles, rejected=[(2, 1)])
    assert all(not {1, 2} <= set(g.ids) for g in groups)
    assert [g.ids for g in groups] == [(2, 3)]


def test_scan_reports_progress_and_can_stop() -> None:
    from netdesk.core.matching import ScanStopped

    profiles = [P(i, given="Ann", family="Lee", emails=[f"a{i % 3}@x.org"]) for i in range(20)]
    seen: list[tuple[int, int]] = []
    find_duplicates(profiles, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(ScanStopped):
        find_duplicates(profiles, should_stop=lambda: True)


def test_merge_keeps_the_union_of_values() -> None:
    a = Contact(
        id=1,
        given_name="Bob",
        family_name="Smith",
        title="",
        emails=(Email("bob@acme.com", "work", True),),
        phones=(Phone("+44 7700 900123", "+447700900123"),),
        tags=("acme",),
        notes="Met at fair.",
    )
    b = Contact(
        id=2,
        given_name="Robert",
        family_name="Smith",
        title="CTO",
        emails=(Email("BOB@acme.com"), Email("rob@gmail.com", "home", True)),
        phones=(Phone("07700 900123", "+447700900123"),),
        tags=("ACME", "golf"),
        notes="Plays golf.",
        birthday=PartialDate(5, 2, 1971),
        starred=True,
    )
    m = merge_values(a, [b])
    assert [e.value for e in m.emails] == ["bob@acme.com", "rob@gmail.com"]
    assert [e.pref for e in m.emails] == [True, False]
    assert len(m.phones) == 1
    assert m.tags == ("acme", "golf")
    assert m.title == "CTO" and m.birthday == PartialDate(5, 2, 1971) and m.starred
    assert m.notes == "Met at fair.\n\nPlays golf."
    assert m.given_name == "Bob"
    picked = apply_choices(
        m,
        {1: a, 2: b},
        MergeChoices(fields={"given_name": 2}, dropped={"emails": frozenset({1})}),
    )
    assert picked.given_name == "Robert"
    assert [e.value for e in picked.emails] == ["bob@acme.com"]


def test_merge_never_makes_a_contact_its_own_introducer() -> None:
    a = Contact(id=1, given_name="A", introduced_by=2)
    b = Contact(id=2, given_name="A", introduced_by=7)
    assert merge_values(a, [b]).introduced_by == 7
