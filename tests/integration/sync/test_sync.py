"""CardDAV sync against a real Radicale server on 127.0.0.1 (and a fault-injecting proxy)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from dav_server import PASSWORD, USER, FaultProxy, Radicale, run_radicale

from netdesk.compose import Services, build_services
from netdesk.core.model import Contact, Email, Phone, Photo
from netdesk.services.sync import MassDeletion, SyncReport
from netdesk.settings import SettingsStore
from netdesk.sync import dav

# Radicale and the proxy are real processes/threads; keep every test quick.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def card(uid: str, given: str, family: str, email: str = "", extra: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    if uid:
        lines.append(f"UID:{uid}")
    lines += [f"FN:{given} {family}", f"N:{family};{given};;;"]
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{email}")
    if extra:
        lines.append(extra)
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with run_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture
def radicale(radicale_server: Radicale, request: pytest.FixtureRequest) -> Radicale:
    """A fresh, empty address book on the shared server, one per test."""
    import re

    return radicale_server.new_book(re.sub(r"\W+", "-", request.node.name)[-60:])


@pytest.fixture
def proxy(radicale: Radicale) -> Iterator[FaultProxy]:
    p = FaultProxy(radicale.url)
    p.start()
    yield p
    p.stop()


def open_services(path: Path) -> Services:
    return build_services(path, SettingsStore(path.parent / f"{path.stem}-config"))


@pytest.fixture
def local(tmp_path: Path, proxy: FaultProxy, radicale: Radicale) -> Iterator[Services]:
    svc = open_services(tmp_path / "local.db")
    svc.sync.add_account(proxy.url + radicale.book, USER, PASSWORD)
    yield svc
    svc.close()


def run(svc: Services, **kw: object) -> SyncReport:
    return svc.sync.run(password=PASSWORD, **kw)  # type: ignore[arg-type]


def counts(r: SyncReport) -> dict[str, object]:
    return {k: v for k, v in r.as_json().items() if v}


def names(svc: Services) -> list[str]:
    return sorted(c.name for c in svc.contacts.get_many(svc.contacts.list_ids()))


def add(svc: Services, given: str, family: str, email: str = "") -> int:
    emails = (Email(email),) if email else ()
    cid, _ = svc.contacts.create(Contact(given_name=given, family_name=family, emails=emails))
    return cid


def status_rows(svc: Services) -> int:
    with svc._db.engine.connect() as c:
        return int(c.exec_driver_sql("SELECT count(*) FROM sync_status").scalar_one())


# ------------------------------------------------------------------------- both ways
def test_first_sync_both_ways_then_nothing(local: Services, radicale: Radicale) -> None:
    add(local, "Jürgen", "Müller", "j@example.com")
    add(local, "Zoë", "Ødegård")
    radicale.put("a.vcf", card("a", "Ana", "Lima", "ana@example.org"))
    radicale.put("b.vcf", card("b", "Bo", "Chen"))
    assert counts(run(local)) == {"uploaded": 2, "downloaded": 2}
    assert names(local) == ["Ana Lima", "Bo Chen", "Jürgen Müller", "Zoë Ødegård"]
    assert len(radicale.names()) == 4
    assert counts(run(local)) == {}  # Radicale rewrote our cards: no update loop
    assert counts(run(local)) == {}


def test_edits_on_each_side(local: Services, radicale: Radicale) -> None:
    cid = add(local, "Jürgen", "Müller", "j@example.com")
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    c = local.contacts.get(cid)
    local.contacts.save(c.with_changes(title="Leiter Einkauf"))
    assert counts(run(local)) == {"updated_remote": 1}
    assert any("TITLE:Leiter Einkauf" in v for v in radicale.cards().values())
    radicale.put("a.vcf", card("a", "Ana", "Lima", "ana.new@example.org"))
    assert counts(run(local)) == {"updated_local": 1}
    ana = next(c for c in local.contacts.get_many(local.contacts.list_ids()) if c.uid == "a")
    assert [e.value for e in ana.emails] == ["ana.new@example.org"]
    assert counts(run(local)) == {}


def test_deletes_both_ways(local: Services, radicale: Radicale) -> None:
    cid = add(local, "Jürgen", "Müller")
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    radicale.put("c.vcf", card("c", "Cy", "Dee"))
    run(local)
    local.contacts.delete([cid])
    assert counts(run(local)) == {"deleted_remote": 1}
    assert radicale.names() == ["a.vcf", "c.vcf"]
    radicale.delete("a.vcf")
    assert counts(run(local)) == {"deleted_local": 1}
    assert names(local) == ["Cy Dee"]
    assert status_rows(local) == 1
    # the last card deleted on the server looks like a wipe: only a confirmed run follows it
    radicale.delete("c.vcf")
    with pytest.raises(MassDeletion, match="lists no cards"):
        run(local)
    assert names(local) == ["Cy Dee"]
    assert counts(run(local, confirm_deletions=True)) == {"deleted_local": 1}
    assert status_rows(local) == 0


def test_an_edit_wins_over_a_delete_both_ways(local: Services, radicale: Radicale) -> None:
    cid = add(local, "Jürgen", "Müller")
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    # deleted here, edited there: it comes back
    ana = next(c for c in local.contacts.get_many(local.contacts.list_ids()) if c.uid == "a")
    assert ana.id is not None
    local.contacts.delete([ana.id])
    radicale.put("a.vcf", card("a", "Ana", "Lima", "new@example.org"))
    # edited here, deleted there: it goes back up
    local.contacts.save(local.contacts.get(cid).with_changes(title="CEO"))
    [mine] = [n for n in radicale.names() if n != "a.vcf"]
    radicale.delete(mine)
    r = run(local)
    assert counts(r) == {"downloaded": 1, "uploaded": 1}
    assert names(local) == ["Ana Lima", "Jürgen Müller"]
    assert len(radicale.names()) == 2
    assert counts(run(local)) == {}


def test_same_edit_on_both_sides_is_no_conflict(local: Services, radicale: Radicale) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    ana = local.contacts.get_many(local.contacts.list_ids())[0]
    local.contacts.save(ana.with_changes(emails=(Email("same@example.org"),)))
    radicale.put("a.vcf", card("a", "Ana", "Lima", "same@example.org"))
    r = run(local)
    assert r.conflicts == 0 and counts(r) == {}
    assert local.sync.conflicts() == []
    assert counts(run(local)) == {}


def test_a_real_conflict_keeps_both_versions(local: Services, radicale: Radicale) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    ana = local.contacts.get_many(local.contacts.list_ids())[0]
    local.contacts.save(ana.with_changes(title="Mine"))
    radicale.put("a.vcf", card("a", "Ana", "Lima", extra="TITLE:Theirs"))
    assert counts(run(local)) == {"conflicts": 1}
    assert local.contacts.get(ana.id).title == "Theirs"  # type: ignore[arg-type]
    [conflict] = local.sync.conflicts()
    assert "TITLE:Mine" in conflict.local_vcard and "Theirs" in conflict.remote_vcard
    # the user picks theirs... no: mine; the next sync uploads it
    local.sync.resolve_conflict(conflict.id, keep="mine")
    assert local.contacts.get(ana.id).title == "Mine"  # type: ignore[arg-type]
    assert local.sync.conflicts() == []
    assert counts(run(local)) == {"updated_remote": 1}
    assert "TITLE:Mine" in radicale.get("a.vcf")


# ------------------------------------------------------------------------- ETags and hrefs
def test_stale_etag_on_update_does_not_overwrite(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    ana = local.contacts.get_many(local.contacts.list_ids())[0]
    local.contacts.save(ana.with_changes(title="Mine"))

    def change_first(method: str, path: str) -> None:
        if method == "PUT":
            proxy.before_forward = None
            radicale.put("a.vcf", card("a", "Ana", "Lima", extra="TITLE:Theirs"))

    proxy.before_forward = change_first
    r = run(local)
    assert r.conflicts == 1  # the server's change was not overwritten
    assert "Theirs" in radicale.get("a.vcf")
    assert local.sync.conflicts()[0].local_vcard.count("TITLE:Mine") == 1


def test_retried_create_whose_answer_was_lost(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    add(local, "Jürgen", "Müller", "j@example.com")
    proxy.fail("lose_answer", "PUT", times=1)  # the card is stored, the client hears 502
    r = run(local)
    assert r.errors == [] and r.conflicts == 0
    assert len(radicale.names()) == 1
    assert counts(run(local)) == {}
    assert len(radicale.names()) == 1 and len(names(local)) == 1


def test_server_rewriting_a_card_is_no_change(local: Services, radicale: Radicale) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima", "ana@example.org", extra="NOTE:hi"))
    run(local)
    # the server rewrites: other order, lower-case names, a REV, other folding
    rewritten = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nnote:hi\r\nemail;type=INTERNET:ana@example.org\r\n"
        "n:Lima;Ana;;;\r\nfn:Ana Lima\r\nREV:2026-12-03T10:00:00Z\r\nuid:a\r\nEND:VCARD\r\n"
    )
    radicale.put("a.vcf", rewritten)
    assert counts(run(local)) == {}
    assert counts(run(local)) == {}


def test_server_changing_the_href_makes_no_duplicate(local: Services, radicale: Radicale) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    radicale.delete("a.vcf")
    radicale.put("moved-a.vcf", card("a", "Ana", "Lima"))
    assert counts(run(local)) == {}
    assert names(local) == ["Ana Lima"]
    local.contacts.save(
        local.contacts.get_many(local.contacts.list_ids())[0].with_changes(title="CTO")
    )
    assert counts(run(local)) == {"updated_remote": 1}
    assert radicale.names() == ["moved-a.vcf"]


def test_duplicate_uids_and_cards_without_uid(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    radicale.put("one.vcf", card("same", "Ana", "Lima"))
    radicale.put("bo.vcf", card("bo-uid", "Bo", "Chen"))
    # Radicale refuses a second card with the same UID; other servers keep it: put it in the
    # store behind Radicale's back. Bo's card reaches NetDesk without its UID.
    radicale.store_file("two.vcf", card("same", "Ana", "Lima-Twin"))
    proxy.fail("strip_uid", "REPORT", arg="bo-uid")
    r = run(local)
    assert r.downloaded == 3 and r.uploaded == 0
    assert names(local) == ["Ana Lima", "Ana Lima-Twin", "Bo Chen"]
    assert counts(run(local)) == {}
    assert counts(run(local)) == {}
    assert sorted(radicale.names()) == ["bo.vcf", "one.vcf", "two.vcf"]
    twin = next(
        c for c in local.contacts.get_many(local.contacts.list_ids()) if c.name == "Ana Lima-Twin"
    )
    local.contacts.save(twin.with_changes(title="Chef"))
    assert counts(run(local)) == {"updated_remote": 1}
    assert "TITLE:Chef" in radicale.get("two.vcf") and "TITLE" not in radicale.get("one.vcf")


def test_expired_sync_token_lists_everything_without_duplicates(
    local: Services, radicale: Radicale
) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    account = local.sync.account()
    assert account.sync_token  # Radicale supports sync-collection
    with local._db.engine.begin() as c:
        c.exec_driver_sql("UPDATE sync_accounts SET sync_token = 'http://radicale.org/ns/sync/x'")
    radicale.put("b.vcf", card("b", "Bo", "Chen"))
    assert counts(run(local)) == {"downloaded": 1}
    assert names(local) == ["Ana Lima", "Bo Chen"]


def test_delta_listing_sees_changes_and_deletes(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    radicale.put("b.vcf", card("b", "Bo", "Chen"))
    run(local)
    proxy.requests.clear()
    radicale.delete("b.vcf")
    radicale.put("a.vcf", card("a", "Ana", "Lima", "x@example.org"))
    assert counts(run(local)) == {"updated_local": 1, "deleted_local": 1}
    assert ("REPORT", radicale.book) in proxy.requests
    assert ("PROPFIND", radicale.book) not in proxy.requests[1:]


# ------------------------------------------------------------------------- never a wipe
@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("down", dav.DavUnavailable),
        ("status:401", dav.DavAuthError),
        ("status:500", dav.DavUnavailable),
        ("html", dav.DavProtocolError),
        ("truncate", dav.DavProtocolError),
    ],
)
def test_broken_server_answers_change_nothing(
    local: Services, radicale: Radicale, proxy: FaultProxy, kind: str, error: type
) -> None:
    for i in range(8):
        add(local, f"Person{i}", "Here")
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    run(local)
    before = (names(local), radicale.names(), status_rows(local))
    local.sync.client_factory = lambda u, n, p: dav.CardDavClient(
        u, n, p, retries=1, sleep=lambda s: None
    )
    proxy.fail(kind, "PROPFIND", "REPORT")
    with pytest.raises(error):
        run(local)
    assert (names(local), radicale.names(), status_rows(local)) == before
    assert "Stopped" in local.sync.account().last_result


def test_server_down_entirely(local: Services, proxy: FaultProxy) -> None:
    add(local, "Ana", "Lima")
    proxy.stop()
    local.sync.client_factory = lambda u, n, p: dav.CardDavClient(
        u, n, p, retries=1, sleep=lambda s: None, timeout=2
    )
    with pytest.raises(dav.DavUnavailable, match="cannot be reached"):
        run(local)
    assert names(local) == ["Ana Lima"]


def test_503_with_retry_after_is_waited_for(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    waits: list[float] = []
    local.sync.client_factory = lambda u, n, p: dav.CardDavClient(u, n, p, sleep=waits.append)
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    proxy.fail("status:503", "PROPFIND", times=2, retry_after="7")
    assert counts(run(local)) == {"downloaded": 1}
    assert waits == [7.0, 7.0]


def test_empty_listing_after_earlier_syncs_stops(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    add(local, "Bo", "Chen")
    run(local)
    with local._db.engine.begin() as c:  # force a full listing
        c.exec_driver_sql("UPDATE sync_accounts SET sync_token = ''")
    proxy.fail("empty", "PROPFIND")
    with pytest.raises(MassDeletion, match="lists no cards"):
        run(local)
    assert names(local) == ["Ana Lima", "Bo Chen"]


def test_mass_deletion_needs_confirmation(local: Services, radicale: Radicale) -> None:
    ids = [add(local, f"P{i}", "Here") for i in range(20)]
    run(local)
    local.contacts.delete(ids[:8])
    with pytest.raises(MassDeletion) as err:
        run(local)
    assert err.value.remote == 8
    assert len(radicale.names()) == 20
    dry = run(local, dry_run=True, confirm_deletions=True)
    assert dry.deleted_remote == 8 and len(radicale.names()) == 20
    assert run(local, confirm_deletions=True).deleted_remote == 8
    assert len(radicale.names()) == 12


def test_new_empty_database_never_deletes_server_cards(
    tmp_path: Path, local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    for i in range(7):
        add(local, f"P{i}", "Here")
    run(local)
    fresh = open_services(tmp_path / "fresh.db")
    fresh.sync.add_account(proxy.url + radicale.book, USER, PASSWORD)
    r = run(fresh)
    assert counts(r) == {"downloaded": 7}
    assert len(radicale.names()) == 7
    fresh.close()


def test_restored_backup_never_deletes_server_cards(
    tmp_path: Path, local: Services, radicale: Radicale
) -> None:
    add(local, "Ana", "Lima")
    run(local)
    backup = tmp_path / "b.db"
    from netdesk.services.backups import backup_database

    backup_database(local.database_path, backup)
    for i in range(6):
        add(local, f"Later{i}", "Added")
    run(local)  # 7 on the server now
    local.close()
    os.replace(backup, local.database_path)
    restored = open_services(local.database_path)
    r = run(restored)
    assert counts(r) == {"downloaded": 6}
    assert len(radicale.names()) == 7
    restored.close()


def test_rejected_card_stays_local_and_the_rest_goes_on(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    add(local, "Ana", "Lima")
    add(local, "Bo", "Chen")
    proxy.fail("status:413", "PUT", times=1)
    r = run(local)
    assert r.uploaded == 1 and len(r.errors) == 1 and "refused" in r.errors[0]
    assert len(radicale.names()) == 1
    account = local.sync.account()
    assert len(local.sync.rejected(account.id)) == 1
    assert counts(run(local)) == {"uploaded": 1}
    assert local.sync.rejected(account.id) == set()


def test_interrupted_first_sync_resumes(
    local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    for i in range(6):
        add(local, f"P{i}", "Here")
    local.sync.client_factory = lambda u, n, p: dav.CardDavClient(
        u, n, p, retries=0, sleep=lambda s: None
    )
    seen = {"puts": 0}

    def die_after_three(method: str, path: str) -> None:
        if method == "PUT":
            seen["puts"] += 1
            if seen["puts"] == 4:
                proxy.fail("down", "PUT")

    proxy.before_forward = die_after_three
    with pytest.raises(dav.DavUnavailable):
        run(local)
    assert len(radicale.names()) == 4  # the fourth PUT went through, the fifth did not
    proxy.reset()
    assert counts(run(local)) == {"uploaded": 2}
    assert len(radicale.names()) == 6 and len(names(local)) == 6


def test_kill_between_server_write_and_status_write_converges(
    tmp_path: Path, local: Services, radicale: Radicale, proxy: FaultProxy
) -> None:
    add(local, "Ana", "Lima", "ana@example.org")
    db = local.database_path
    local.close()
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from netdesk.services import sync
        from netdesk.compose import Services
        from netdesk.compose import build_services
        from netdesk.settings import SettingsStore

        def status_then_die(self, *a, **k):
            os.kill(os.getpid(), signal.SIGKILL)  # the PUT succeeded; the status is not written
        sync._Run._status = status_then_die
        db = Path({str(db)!r})
        svc = build_services(db, SettingsStore(db.parent / f"{{db.stem}}-config"))
        svc.sync.run(password={PASSWORD!r})
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).parents[3],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert len(radicale.names()) == 1
    again = open_services(db)
    r = run(again)
    assert counts(r) == {}  # same content both sides: remembered, not duplicated
    assert len(radicale.names()) == 1 and names(again) == ["Ana Lima"]
    again.close()


# ------------------------------------------------------------------------- two databases
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_two_databases_converge_with_photos_and_non_ascii(
    tmp_path: Path, radicale: Radicale, proxy: FaultProxy, version: str
) -> None:
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
    a = open_services(tmp_path / "a.db")
    b = open_services(tmp_path / "b.db")
    for svc in (a, b):
        svc.sync.add_account(proxy.url + radicale.book, USER, PASSWORD, version=version)
    for i in range(40):
        a.contacts.create(
            Contact(
                given_name=f"Żaneta{i}",
                family_name="Šťastná",
                organization="Ünïcødé GmbH",
                emails=(Email(f"z{i}@example.org"),),
                phones=(Phone("+49 171 9876543"),),
                photo=Photo(jpeg, "image/jpeg") if i % 2 else None,
                notes="Zeile 1\nZeile 2; mit Komma, und Doppelpunkt:",
            )
        )
    b.contacts.create(Contact(given_name="Only", family_name="InB"))
    assert run(a).uploaded == 40
    assert counts(run(b)) == {"downloaded": 40, "uploaded": 1}
    assert counts(run(a)) == {"downloaded": 1}
    # an edit in b reaches a
    z = next(
        c
        for c in b.contacts.get_many(b.contacts.list_ids(), with_photo=True)
        if c.given_name == "Żaneta3"
    )
    b.contacts.save(z.with_changes(title="Geschäftsführerin"))
    run(b)
    run(a)

    def shape(svc: Services) -> list[tuple[object, ...]]:
        return sorted(
            (
                c.uid,
                c.name,
                c.title,
                c.organization,
                c.notes,
                tuple(e.value for e in c.emails),
                tuple(p.e164 for p in c.phones),
                c.photo.data if c.photo else None,
            )
            for c in svc.contacts.get_many(svc.contacts.list_ids(), with_photo=True)
        )

    assert shape(a) == shape(b)
    assert len(shape(a)) == 41
    for svc in (a, b):
        assert counts(run(svc)) == {}
        svc.close()


def test_dry_run_changes_nothing(local: Services, radicale: Radicale) -> None:
    add(local, "Ana", "Lima")
    radicale.put("b.vcf", card("b", "Bo", "Chen"))
    r = run(local, dry_run=True)
    assert counts(r) == {"uploaded": 1, "downloaded": 1}
    assert radicale.names() == ["b.vcf"] and names(local) == ["Ana Lima"]
    assert status_rows(local) == 0


def test_cli_account_add_and_sync_json(
    tmp_path: Path, radicale: Radicale, proxy: FaultProxy
) -> None:
    import json

    env = {**os.environ, "NETDESK_DAV_PASSWORD": PASSWORD}
    db = tmp_path / "cli.db"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "netdesk", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    r = cli("account", "add", "--url", proxy.url + radicale.book, "--user", USER)
    assert r.returncode == 0, r.stderr
    assert "added account 1" in r.stderr
    radicale.put("a.vcf", card("a", "Ana", "Lima"))
    r = cli("sync", "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "uploaded": 0,
        "downloaded": 1,
        "updated_local": 0,
        "updated_remote": 0,
        "deleted_local": 0,
        "deleted_remote": 0,
        "conflicts": 0,
        "errors": [],
    }
    assert json.loads(cli("sync", "--json").stdout)["downloaded"] == 1
    proxy.fail("html", "PROPFIND", "REPORT")
    r = cli("sync", "--json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert out["deleted_local"] == 0 and "web page" in out["errors"][0]
    assert "Traceback" not in r.stderr
    proxy.reset()
    wrong = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(db), "sync", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NETDESK_DAV_PASSWORD": "wrong"},
    )
    assert wrong.returncode == 1 and "password" in json.loads(wrong.stdout)["errors"][0]


def test_discovery_from_the_server_address(radicale_server: Radicale, tmp_path: Path) -> None:
    """/.well-known/carddav, current-user-principal and addressbook-home-set lead from the
    bare server address to the user's address books."""
    books = dav.CardDavClient(radicale_server.url, USER, PASSWORD).discover()
    assert radicale_server.book_url in [b.url for b in books]
    with pytest.raises(dav.DavAuthError):
        dav.CardDavClient(radicale_server.url + "/alice/", USER, "wrong").list_refs(
            radicale_server.book_url
        )
