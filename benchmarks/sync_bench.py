"""CardDAV sync speed against a real Radicale server on 127.0.0.1.

    uv run python benchmarks/sync_bench.py [--cards 2000] [--version 3.0]

Measures, with 2,000 cards (every other one with a photo, non-ASCII names and notes):
  1. first sync, upload: a database with N contacts, an empty address book;
  2. first sync, download: a second, empty database on the same address book;
  3. a 10-card delta: 10 cards changed on the server, synced into the first database
     (sync-collection REPORT, multiget of the 10);
  4. a 10-contact delta the other way: 10 local edits uploaded;
  5. a sync with nothing to do.
Radicale itself runs in another process on the same two cores: the figures include its work.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from dav_server import PASSWORD, USER, run_radicale

from netdesk.compose import Services, build_services
from netdesk.core.model import Contact, Email, Phone, Photo
from netdesk.settings import SettingsStore

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000") + bytes(2000) + b"\xff\xd9"


def open_services(path: Path) -> Services:
    return build_services(path, SettingsStore(path.parent / f"{path.stem}-config"))


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label:<44} {took:7.2f} s   {result.summary()}")  # type: ignore[attr-defined]
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=2000)
    ap.add_argument("--version", choices=("3.0", "4.0"), default="3.0")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="netdesk-sync-bench-"))
    with run_radicale(tmp / "radicale") as server:
        a = open_services(tmp / "a.db")
        contacts = [
            Contact(
                given_name=f"Żaneta{i}",
                family_name=f"Šťastná-{i}",
                organization="Ünïcødé Logistik GmbH",
                title="Leiterin Einkauf",
                emails=(Email(f"z{i}@example.org"),),
                phones=(Phone(f"+49 171 {1000000 + i}"),),
                notes="Getroffen auf der Messe; sprach über Lieferketten.\nZweite Zeile.",
                photo=Photo(JPEG, "image/jpeg") if i % 2 else None,
            )
            for i in range(args.cards)
        ]
        a.contacts.create_many(contacts)
        for svc in (a,):
            svc.sync.add_account(server.book_url, USER, PASSWORD, version=args.version)
        print(f"{args.cards:,} cards, vCard {args.version}, Radicale on 127.0.0.1")
        timed("1. first sync, upload", lambda: a.sync.run(password=PASSWORD))
        b = open_services(tmp / "b.db")
        b.sync.add_account(server.book_url, USER, PASSWORD, version=args.version)
        timed("2. first sync, download (empty database)", lambda: b.sync.run(password=PASSWORD))
        for i in range(10):
            name = next(n for n in server.names() if n)  # any ten cards
            text = server.get(name)
            server.put(name, text.replace("END:VCARD", f"NOTE:changed {i}\r\nEND:VCARD"))
        # the ten changes above may hit the same card: change ten distinct ones
        for name in server.names()[10:20]:
            text = server.get(name)
            server.put(name, text.replace("TITLE:", "TITLE:Neue "))
        timed("3. delta from the server (10 cards changed)", lambda: a.sync.run(password=PASSWORD))
        ids = a.contacts.list_ids()[:10]
        for c in a.contacts.get_many(ids, with_photo=True):
            a.contacts.save(c.with_changes(nickname="edited"))
        timed("4. delta to the server (10 contacts edited)", lambda: a.sync.run(password=PASSWORD))
        timed("5. nothing to do", lambda: a.sync.run(password=PASSWORD))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {rss:.0f} MB")
        a.close()
        b.close()


if __name__ == "__main__":
    main()
