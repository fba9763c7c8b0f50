"""The OCR engine: RapidOCR on onnxruntime with the models that ship inside its wheel.

Loaded once per process, on first use, by the thread that reads (a lock guards the loading).
The model files are named explicitly, so RapidOCR never looks for (or downloads) anything
else; onnxruntime's telemetry is switched off before it is imported.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

_lock = threading.Lock()
_engine: Any = None


@dataclass(frozen=True, slots=True)
class RawBox:
    """One detected text box with what the recogniser made of it (text may be empty)."""

    text: str
    score: float
    box: tuple[tuple[float, float], ...]
    upside_down: bool = False  # the angle classifier turned this box by 180 degrees


class EngineError(RuntimeError):
    pass


def models_dir() -> Path:
    """The folder of the models bundled in the rapidocr package."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise EngineError("the OCR engine (rapidocr) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def model_paths() -> dict[str, Path]:
    root = models_dir()
    paths = {"det": root / DET_MODEL, "rec": root / REC_MODEL, "cls": root / CLS_MODEL}
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        raise EngineError(f"the OCR models are missing: {', '.join(missing)}")
    return paths


def is_loaded() -> bool:
    return _engine is not None


def get_engine() -> Any:
    """The process-wide RapidOCR instance, created on first call."""
    global _engine
    if _engine is not None:
        return _engine
    with _lock:
        if _engine is None:
            os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
            paths = model_paths()
            import logging

            from rapidocr import RapidOCR

            engine = RapidOCR(
                params={
                    "Global.log_level": "warning",
                    "Global.text_score": 0.0,
                    "Global.use_vertical_padding": False,
                    "Det.model_path": str(paths["det"]),
                    "Rec.model_path": str(paths["rec"]),
                    "Cls.model_path": str(paths["cls"]),
                }
            )
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            # load all three sessions now (RapidOCR would load them on the first image)
            engine._load_det_model()
            engine._load_cls_model()
            engine._load_rec_model()
            _engine = engine
    return _engine


def recognise(img: Any) -> list[RawBox]:
    """Every detected text box of a BGR image with its recognised text and score, the boxes
    the recogniser could make nothing of included (text ""), in the image's coordinates."""
    engine = get_engine()
    op_record: dict[str, Any] = {"preprocess": {"ratio_h": 1.0, "ratio_w": 1.0}}
    det, cls, rec, _crops = engine.run_ocr_steps(img, op_record)
    if det.boxes is None or len(det.boxes) == 0:
        return []
    txts = list(rec.txts) if rec.txts is not None else [""] * len(det.boxes)
    scores = list(rec.scores) if rec.scores is not None else [0.0] * len(det.boxes)
    angles = [str(a[0]) for a in cls.cls_res] if cls.cls_res else ["0"] * len(det.boxes)
    out = []
    for box, text, score, angle in zip(det.boxes, txts, scores, angles, strict=False):
        corners = tuple((float(x), float(y)) for x, y in box)
        out.append(RawBox(str(text).strip(), float(score), corners, angle == "180"))
    return out
