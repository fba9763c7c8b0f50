"""Issue 19 item 4 (terminal) and item 8 (odd files) on the command line.

Human-readable output never carries a control character from user or file data (an escape
sequence in a name would retitle or clear the terminal); odd files are refused with one
plain message instead of a traceback or a hang; every dropped line is in the account.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netdesk.cli import run
from netdesk.core.text import for_terminal

#: what must never reach a terminal raw: ESC sequences (title, clear screen, colour), BEL,
#: CR (overwrites the line), backspace, the 8-bit CSI, NEL, line separators, bidi overrides
HOSTILE = (
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x1b[31mred",
    "\x07",
    "ok\rFAKE",
    "\x08\x08",
    "\x9b2J",
    "\x85",
    "\u2028",
    "\u202egpj.exe",
    "\u2066isolate\u2069",
    "\x00",
    "\x7f",
)
#: characters that must not appear in human output of hostile data
RAW = {ch for text in HOSTILE for ch in text if not ch.isalnum() and ch not in "[];.?H "}


def cli(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = run(["--db", str(db), *args], out, err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def raw_controls(text: str) -> set[str]:
    return {ch for ch in text if ch in RAW}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Jürgen Müller 中文 ✓", "Jürgen Müller 中文 ✓"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("a\rb\nc\td", "a\\rb\\nc\\td"),
        ("\u202egpj.exe", "\\u202egpj.exe"),
        ("x\x85y\u2028z\u2029", "x\\x85y\\u2028z\\u2029"),
        ("\x9b2J\x00\x7f", "\\x9b2J\\x00\\x7f"),
        ("\u200d\u200c", "\u200d\u200c"),  # joiners are part of real names (emoji, Persian)
    ],
)
def test_for_terminal(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def test_list_due_and_import_show_control_characters_escaped(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    people = [
        {
            "display_name": f"Name{n} {text}",
            "organization": f"Org {text}",
            "title": f"T {text}",
            "cadence_days": 30,
        }
        for n, text in enumerate(HOSTILE)
    ]
    code, _, err = cli(db, "add", "--json", "-", stdin=json.dumps(people))
    assert code == 0, err
    for n in range(1, len(HOSTILE) + 1):
        code, _, err = cli(
            db, "log", "--contact", str(n), "--type", "call", "--date", "2026-01-01",
            "--summary", "x",
        )  # fmt: skip
        assert code == 0, err
    code, out, err = cli(db, "list")
    assert code == 0 and not raw_controls(out + err)
    assert "\\x1b]0;pwned\\x07" in out and "\\u202egpj.exe" in out and "ok\\rFAKE" in out
    assert len(out.splitlines()) == len(HOSTILE)  # one line per contact, none split
    code, out, err = cli(db, "due", "--today", "2026-12-01")
    assert code == 0 and not raw_controls(out + err)
    assert len(out.splitlines()) == len(HOSTILE) and "\\x1b[2J" in out
    # JSON is escaped by the JSON writer: control characters are \u escapes there
    code, out, _ = cli(db, "list", "--json")
    assert json.loads(out)[0]["display_name"] == f"Name0 {HOSTILE[0]}"
    assert "\x1b" not in out  # written as \u001b


def test_import_account_and_errors_show_file_names_escaped(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    folder = tmp_path / "in"
    folder.mkdir()
    name = "evil\x1b]0;pwned\x07\u202efcv.vcf"
    path = folder / name
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\x1b[2JB\r\nEMAIL:a@example.com\r\n"
        b"BDAY:soon\r\nEND:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n"
    )
    code, out, err = cli(db, "import", str(path))
    assert code == 0, err
    assert not raw_controls(out + err)
    assert "evil\\x1b]0;pwned\\x07\\u202efcv.vcf" in out
    assert "  unreadable: " in out and "  warning: " in out
    code, out, err = cli(db, "list")
    assert "A\\x1b[2JB" in out and not raw_controls(out)
    # an error that names a file
    code, out, err = cli(db, "import", str(folder / "missing\x1b[2J\u202e.vcf"))
    assert code == 1 and "missing\\x1b[2J\\u202e.vcf" in err and not raw_controls(err)
    code, out, err = cli(db, "export-csv", str(tmp_path / "nowhere\x07" / "x.csv"))
    assert code == 1 and "nowhere\\x07" in err and not raw_controls(err)


# --------------------------------------------------------------------------- odd files


def _limit_memory() -> None:  # in the child: a regression fails instead of eating the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_dev_zero_is_refused_with_one_line(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    proc = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(tmp_path / "d.db"), "import", "/dev/zero",
         "--json"],
        capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory, check=False,
        env={**os.environ, "NETDESK_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert proc.returncode == 1
    # --json always answers (issue 15): the file is refused, with the reason
    assert json.loads(proc.stdout)["refused"] == [
        {
            "file": "/dev/zero",
            "reason": "Cannot import /dev/zero: it is a device, pipe or socket, not a file. "
            "Nothing was imported.",
        }
    ]
    assert proc.stderr == (
        "netdesk: Cannot import /dev/zero: it is a device, pipe or socket, not a file. "
        "Nothing was imported.\n"
    )


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(
        target=lambda: result.append(cli(tmp_path / "d.db", "import", str(fifo)))
    )
    worker.daemon = True
    worker.start()
    worker.join(30)
    if worker.is_alive():  # the old code waits for a writer forever: give it one
        with fifo.open("wb"):
            pass
        worker.join(10)
        pytest.fail("importing a FIFO waited for a writer")
    code, _, err = result[0]
    assert code == 1 and "it is a device, pipe or socket, not a file" in err


def test_a_folder_and_a_file_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    code, _, err = cli(tmp_path / "d.db", "import", str(tmp_path))
    assert code == 1 and "it is a folder, not a file" in err and "Traceback" not in err
    big = tmp_path / "big.vcf"
    with big.open("wb") as fh:  # sparse: 300 MB that take no disk space
        fh.write(b"BEGIN:VCARD\r\nFN:Big\r\nEND:VCARD\r\n")
        fh.truncate(300 * 1024 * 1024)
    code, _, err = cli(tmp_path / "d.db", "import", str(big), "--json")
    assert code == 1
    assert "larger than 256 MB, more than one file may be; split it" in err


def test_a_utf16_card_appended_to_an_8bit_file_is_read_and_counted(tmp_path: Path) -> None:
    eight_bit = b"".join(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\xfcller;J\xfcrgen%d\r\nFN:J\xfcrgen%d M\xfcller\r\n"
        b"TEL;CELL:+49 171 98765%02d\r\nEND:VCARD\r\n" % (n, n, n)
        for n in range(4)
    )
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        wide = (
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ødegård\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n"
        )
        path = tmp_path / f"{codec}.vcf"
        path.write_bytes(eight_bit + wide.encode(codec))
        code, out, err = cli(tmp_path / f"{codec}.db", "import", str(path), "--json")
        assert code == 0, err
        data = json.loads(out)
        assert (data["cards"], data["imported"], data["unreadable"]) == (5, 5, []), codec
        code, out, _ = cli(tmp_path / f"{codec}.db", "list", "--json")
        names = sorted(c["display_name"] for c in json.loads(out))
        assert names == ["Jürgen0 Müller", "Jürgen1 Müller", "Jürgen2 Müller", "Jürgen3 Müller",
                         "Zoë Ødegård"], codec  # fmt: skip


def test_every_dropped_line_is_in_the_json_account(tmp_path: Path) -> None:
    path = tmp_path / "odd.vcf"
    path.write_bytes(
        b"stray line before any card\r\n"  # 1
        b"BEGIN:VCARD\r\n"  # 2
        b"VERSION:3.0\r\n"  # 3
        b"FN:Ann\r\n"  # 4
        b"# a comment\r\n"  # 5
        b"JUNK\r\n"  # 6
        b"EMAIL:ann@example.com\r\n"  # 7
        b"END:VCARD\r\n"  # 8
        b"between cards\r\n"  # 9
        b"and another\r\n"  # 10
        b"BEGIN:VCARD\r\n"  # 11
        b"FN:Bob\r\n"  # 12
        b"BDAY:not a date\r\n"  # 13
        b"END:VCARD\r\n"  # 14
        b"after the last card\r\n"  # 15
    )
    code, out, err = cli(tmp_path / "d.db", "import", str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {
        "cards", "imported", "merged", "skipped", "unreadable", "warnings",
        "values_kept", "conflicts",
    }  # fmt: skip
    got = [(w["card"], w["line"], w["reason"]) for w in data["warnings"]]
    assert all(w["file"] == str(path) for w in data["warnings"])
    assert got == [
        (1, 1, "a line outside any card was ignored"),
        (1, 5, "comment line ignored"),
        (1, 6, "'JUNK' has no ':' and was skipped"),
        (2, 9, "lines 9–10: 2 lines outside any card were ignored"),
        (2, 13, "BDAY 'not a date' is not a date NetDesk understands ('not a date' is not "
                "a date (expected YYYY-MM-DD or --MM-DD)); kept as is"),
        (2, 15, "a line outside any card was ignored"),
    ]  # fmt: skip


def test_add_json_refuses_a_device_and_a_fifo(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo") or not Path("/dev/zero").exists():
        pytest.skip("no FIFOs or /dev/zero here")
    fifo = tmp_path / "people.json"
    os.mkfifo(fifo)
    for source in (str(fifo), "/dev/zero"):
        # in a child with a memory limit and a timeout: the old code read /dev/zero until it
        # ran out of memory and waited on the FIFO forever
        proc = subprocess.run(
            [sys.executable, "-m", "netdesk", "--db", str(tmp_path / "d.db"), "add", "--json",
             source],
            capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory, check=False,
            env={**os.environ, "NETDESK_HOME": str(tmp_path / "home")},
        )  # fmt: skip
        assert (proc.returncode, proc.stdout) == (1, "")
        assert proc.stderr == f"netdesk: cannot read {source}: it is not a file\n"
