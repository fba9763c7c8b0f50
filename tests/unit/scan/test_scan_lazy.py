"""The OCR engine costs nothing until a photo is read: importing the app, its window, the card
entry view, the CLI and the scan package itself loads none of rapidocr, onnxruntime, OpenCV
or numpy; and its models ship inside the installed package (nothing is downloaded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from netdesk.scan import engine

HEAVY = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL")


def test_importing_the_app_and_the_scan_package_loads_no_engine() -> None:
    code = (
        "import sys, json\n"
        "import netdesk.app, netdesk.cli, netdesk.scan\n"
        "import netdesk.ui.shell.main_window, netdesk.ui.cards.view\n"
        "from netdesk.scan import engine_loaded\n"
        f"heavy = {HEAVY!r}\n"
        "mods = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(json.dumps({'mods': mods, 'loaded': engine_loaded()}))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"mods": [], "loaded": False}


def test_the_models_ship_inside_the_installed_package() -> None:
    paths = engine.model_paths()
    assert {p.name for p in paths.values()} == {
        engine.DET_MODEL,
        engine.REC_MODEL,
        engine.CLS_MODEL,
    }
    for p in paths.values():
        assert p.stat().st_size > 100_000
        assert "site-packages" in p.parts or "rapidocr" in p.parts
