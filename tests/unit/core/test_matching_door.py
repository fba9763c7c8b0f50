"""Matching at the door (netdesk.core.matching.door) and its pre-filter."""

from __future__ import annotations

from netdesk.core.matching import make_profile
from netdesk.core.matching.door import MatchIndex
from netdesk.core.matching.scan import blocking_keys, may_block_with
from netdesk.core.matching.score import profile_name
from netdesk.core.matching.values import email_key, org_key, phone_key_of

KNOWN = [
    dict(given="Robert", family="Smith", organization="Acme", emails=["rob@acme.com"]),
    dict(given="Liz", family="Taylor", phones=[("+44 7700 900123", "+447700900123")]),
    dict(display="Smith, Jon"),
    dict(display="Initech", organization="Initech"),
    dict(given="Anna", organization="Globex"),
]
CARDS = [
    dict(given="Bob", family="Smtih"),  # nickname and a typo
    dict(given="Elizabeth", family="Taylor"),
    dict(given="Jon", family="Smith"),
    dict(display="Initech", organization="Initech Inc."),
    dict(given="Anna", organization="Globex GmbH"),
    dict(given="X", family="Y", emails=["ROB@acme.com"]),
    dict(given="Q", family="Z", phones=[("07700 900123", "+447700900123")]),
]


def _fits(known: dict[str, object], wanted: set[str]) -> bool:
    return may_block_with(
        profile_name(
            str(known.get("given", "")),
            str(known.get("family", "")),
            "",
            str(known.get("display", "")),
            "",
            str(known.get("organization", "")),
        ),
        org_key(str(known.get("organization", ""))),
        [email_key(e) for e in known.get("emails", [])],  # type: ignore[attr-defined]
        [k for v, e in known.get("phones", []) if (k := phone_key_of(v, e))],  # type: ignore[attr-defined]
        wanted,
    )


def test_the_pre_filter_never_drops_a_contact_that_shares_a_blocking_key() -> None:
    for n, known in enumerate(KNOWN):
        keys = blocking_keys(make_profile(n, **known))  # type: ignore[arg-type]
        for card in CARDS:
            wanted = blocking_keys(make_profile(-1, **card))  # type: ignore[arg-type]
            if keys & wanted:
                assert _fits(known, wanted), (known, card)
    # and it does leave out who shares nothing
    wanted = blocking_keys(make_profile(-1, given="Zoe", family="Quist"))
    assert not any(_fits(k, wanted) for k in KNOWN)


def test_the_index_finds_the_person_and_learns_switchboards() -> None:
    index = MatchIndex()
    index.add_all(
        (n, make_profile(n, **k))  # type: ignore[arg-type]
        for n, k in enumerate(KNOWN)
    )
    found = index.match(make_profile(-1, given="Bob", family="Smith", organization="ACME Ltd"))
    assert found is not None and found.ref == 0
    assert found.reason == "names match: Robert Smith ≈ Bob Smith; same company ACME Ltd"
    # Liz's mobile on a card with another name: not Liz, and from now on a shared number
    other = make_profile(
        -2, given="Tom", family="Hardy", phones=[("+44 7700 900123", "+447700900123")]
    )
    assert index.match(other) is None
    index.add("tom", other)
    assert "+447700900123" in index.shared
    liz = make_profile(
        -3, given="Liz", family="Taylor", phones=[("+44 7700 900123", "+447700900123")]
    )
    m = index.match(liz)
    assert m is not None and m.ref == 1
    assert "shared number +44 7700 900123 (several people)" in m.reason


def test_an_import_merges_on_a_shared_identifier_never_on_looks_alone() -> None:
    from netdesk.core.matching.door import merge_on_import, warn_at_the_door

    index = MatchIndex()
    index.add_all(
        [
            (
                1,
                make_profile(
                    1,
                    given="Vcard3x12",
                    family="Batch",
                    organization="Atomic GmbH",
                    emails=["v3.12@example.com"],
                    phones=[("+49 172 0030012", "+491720030012")],
                ),
            ),
            (2, make_profile(2, given="Robert", family="Smith", emails=["rob@acme.com"])),
        ]
    )
    # a colleague whose name differs by a character, with an email and phone of her own:
    # card entry may warn (a person judges), an import does not merge on its own
    look_alike = make_profile(
        -1,
        given="Vcard3x13",
        family="Batch",
        organization="Atomic GmbH",
        emails=["v3.13@example.com"],
        phones=[("+49 172 0030013", "+491720030013")],
    )
    found = index.compare_all(look_alike)
    assert index.best(found) is not None  # card entry warns
    assert not merge_on_import(found[0].match, index.profile(found[0].ref), look_alike)
    # the same email is the same person, whatever the name says
    same_email = make_profile(-1, given="Bob", family="Smith", emails=["ROB@acme.com"])
    hit = index.best(index.compare_all(same_email))
    assert hit is not None and hit.ref == 2
    assert merge_on_import(hit.match, index.profile(2), same_email)
    assert warn_at_the_door(hit.match) and "rob@acme.com" in hit.reason.lower()
