"""`netdesk FILE.vcf ...`: without a command, files open in the window (made absolute at
once); every command still parses as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netdesk import app, cli

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n"


@pytest.fixture
def gui_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``netdesk`` would open the window with (the window itself is not started)."""
    calls: list[dict[str, Any]] = []

    def fake_run_gui(db_path: object, *, demo: bool = False, files: Any = ()) -> int:
        calls.append({"db": Path(str(db_path)), "demo": demo, "files": list(files)})
        return 0

    monkeypatch.setattr(app, "run_gui", fake_run_gui)
    return calls


def test_files_without_a_command_open_in_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gui_calls: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert app.main(["a.vcf", "Jürgen Müller.vcf", "sub/c.vcard"]) == 0
    assert gui_calls[-1]["files"] == [
        str(tmp_path / "a.vcf"),
        str(tmp_path / "Jürgen Müller.vcf"),
        str(tmp_path / "sub" / "c.vcard"),
    ]
    assert all(os.path.isabs(f) for f in gui_calls[-1]["files"])
    assert gui_calls[-1]["demo"] is False


def test_global_options_before_and_between_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gui_calls: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "other.db"
    assert app.main(["--db", str(db), "a.vcf"]) == 0
    assert gui_calls[-1] == {"db": db, "demo": False, "files": [str(tmp_path / "a.vcf")]}
    assert app.main(["--demo", "a.vcf", "b.vcf"]) == 0
    assert gui_calls[-1]["demo"] is True
    assert gui_calls[-1]["db"].name == "demo.db"
    assert gui_calls[-1]["files"] == [str(tmp_path / "a.vcf"), str(tmp_path / "b.vcf")]
    assert app.main([f"--db={db}", "a.vcf", "--demo", "b.vcf"]) == 0
    assert gui_calls[-1] == {
        "db": db,
        "demo": True,
        "files": [str(tmp_path / "a.vcf"), str(tmp_path / "b.vcf")],
    }


def test_an_extensionless_file_that_exists_opens_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gui_calls: list[dict[str, Any]]
) -> None:
    (tmp_path / "contacts").write_text(CARD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert app.main(["contacts"]) == 0
    assert gui_calls[-1]["files"] == [str(tmp_path / "contacts")]


def test_no_files_and_no_command_opens_the_window_as_before(
    gui_calls: list[dict[str, Any]],
) -> None:
    assert app.main([]) == 0
    assert gui_calls == [{"db": gui_calls[0]["db"], "demo": False, "files": []}]


def test_the_process_serial_number_of_older_macos_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gui_calls: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert app.main(["-psn_0_1234567"]) == 0
    assert gui_calls[-1]["files"] == []
    assert app.main(["-psn_0_1234567", "a.vcf"]) == 0
    assert gui_calls[-1]["files"] == [str(tmp_path / "a.vcf")]


def test_commands_parse_exactly_as_before(tmp_path: Path) -> None:
    args = cli.parse_args(["import", "x.vcf", "--json"])
    assert (args.verb, args.files, args.json, args.open_files) == (
        "import",
        [Path("x.vcf")],
        True,
        [],
    )
    args = cli.parse_args(["--db", "d.db", "list", "--json", "--search", "a.vcf"])
    assert (args.verb, args.db, args.search) == ("list", Path("d.db"), "a.vcf")
    args = cli.parse_args(["--db", "d.db", "export", "out.vcf", "--version", "4.0"])
    assert (args.verb, args.file, args.version) == ("export", Path("out.vcf"), "4.0")
    for argv in (["import", "a.vcf"], ["--db", "x.db", "list"], ["restore", "b.db", "--yes"]):
        old = cli.build_parser().parse_args(argv)
        new = cli.parse_args(argv)
        assert vars(new) == {**vars(old), "open_files": []}


def test_the_import_command_still_imports_headless(
    tmp_path: Path, gui_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "anna.vcf"
    card.write_text(CARD, encoding="utf-8")
    db = tmp_path / "x.db"
    assert app.main(["--db", str(db), "import", str(card), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 1
    assert gui_calls == []  # no window


def test_a_mistyped_command_is_still_an_invalid_command(
    gui_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.main(["lsit"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "invalid choice: 'lsit'" in err and "Traceback" not in err
    assert gui_calls == []


def test_an_unknown_option_with_files_is_a_usage_error(
    gui_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.main(["--frobnicate", "a.vcf"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "unrecognized arguments: --frobnicate" in err and "Traceback" not in err
    assert gui_calls == []


def test_help_shows_the_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "usage: netdesk [-h] [--version] [--db PATH] [--demo] [--selftest] [FILE.vcf ...]\n"
        "       netdesk [--db PATH] COMMAND ...\n"
    )
    assert "open in its import preview" in " ".join(out.split())
    assert app.main(["import", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: netdesk import [-h]")


def test_the_verbs_only_entry_point_still_wants_a_command(tmp_path: Path) -> None:
    import io

    err = io.StringIO()
    assert cli.run(["--db", str(tmp_path / "x.db"), "a.vcf"], io.StringIO(), err) == 2
    assert "invalid choice: 'a.vcf'" in err.getvalue()


def test_a_missing_file_from_the_shell_reaches_the_window_without_a_traceback(
    tmp_path: Path, netdesk_home: Path
) -> None:
    """The real entry point, a missing file, and a NetDesk already running on the database
    that receives it (here: a listener that records what it is handed): exit 0, no output,
    the path absolute. The window then says "Cannot read …" (tests/gui/shell/test_file_open.py)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from netdesk.ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "first = SingleInstance(Path(sys.argv[1]))\n"
        "assert first.listen()\n"
        "first.open_requested.connect(lambda files: (print(repr(files), flush=True), app.quit()))\n"
        "print('listening', flush=True)\n"
        "QTimer.singleShot(20000, app.quit)\n"
        "app.exec()\n"
    )
    db = tmp_path / "netdesk.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NETDESK_HOME=str(netdesk_home))
    with subprocess.Popen(
        [sys.executable, "-c", script, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as first:
        assert first.stdout is not None
        assert first.stdout.readline() == "listening\n"
        second = subprocess.run(
            [sys.executable, "-m", "netdesk", "--db", str(db), "nowhere/missing.vcf"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        out, err = first.communicate(timeout=30)
    assert second.returncode == 0, second.stderr
    assert second.stdout == "" and "Traceback" not in second.stderr
    assert first.returncode == 0, err
    assert out.strip() == repr([str(tmp_path / "nowhere" / "missing.vcf")])
