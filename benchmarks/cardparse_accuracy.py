"""Field-level accuracy of the smart-paste card parser over the hand-written corpus.

Run with
``uv run python benchmarks/cardparse_accuracy.py [-v] [--set main|holdout|fresh|all]``.

Three corpora are reported: ``tests/data/cards`` (the main corpus the parser was developed on),
``tests/data/cards_holdout`` (cards written before the parser saw them, since tuned on) and
``tests/data/cards_fresh`` (40 cards written without reading the parser and committed before its
first run; see its README). A set's figures are an honest estimate of accuracy on new cards only
until the parser is tuned on it. The exit code is non-zero when the main corpus misses a target
(the unit tests assert those); the other sets are reported against the same targets but never
fail the run.

Scoring (per field, summed over all cards in a corpus):

* list fields (emails, phones by E.164, URLs without scheme/trailing slash): each expected item
  found is one correct; each expected item missing and each spurious item is one wrong;
* scalar fields: one correct or one wrong per card, exact match after whitespace
  normalisation; cards where both the expected and the parsed value are empty are not counted
  (agreeing on "nothing" is no evidence);
* phone labels are scored over the phones that were found;
* address parts are scalar fields on the first address.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "cards"
HOLDOUT = ROOT / "tests" / "data" / "cards_holdout"
FRESH = ROOT / "tests" / "data" / "cards_fresh"
SETS = ("main", "holdout", "fresh", "all")

if str(ROOT) not in sys.path:  # running as a script from a checkout
    sys.path.insert(0, str(ROOT))

from netdesk.core.cardparse import ParsedCard, parse_card_text  # noqa: E402

SCALAR_FIELDS = (
    "given_name",
    "family_name",
    "prefix",
    "suffix",
    "title",
    "organization",
    "department",
)
ADDRESS_PARTS = ("street", "postal_code", "locality", "region", "country")
#: Minimum accuracy per field; the unit tests assert these.
TARGETS = {
    "emails": 0.95,
    "phones": 0.95,
    "urls": 0.95,
    "given_name": 0.85,
    "family_name": 0.85,
    "title": 0.85,
    "organization": 0.85,
}


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.correct + self.wrong

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


def _ws(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _url_key(value: str) -> str:
    return re.sub(r"^[a-z]+://", "", value.strip().lower()).rstrip("/")


def _score_list(score: Score, card: str, expected: list[str], actual: list[str]) -> None:
    exp, act = set(expected), set(actual)
    score.correct += len(exp & act)
    score.wrong += len(exp - act) + len(act - exp)
    for item in sorted(exp - act):
        score.misses.append(f"{card}: missing {item}")
    for item in sorted(act - exp):
        score.misses.append(f"{card}: spurious {item}")


def _score_scalar(score: Score, card: str, expected: str, actual: str) -> None:
    exp, act = _ws(expected), _ws(actual)
    if not exp and not act:
        return
    if exp == act:
        score.correct += 1
    else:
        score.wrong += 1
        score.misses.append(f"{card}: expected {exp!r}, got {act!r}")


def _expected_phone_key(e164: str, actual: Any) -> str:
    """An expected number phonenumbers calls invalid (fictional ranges such as +44 7700 900…)
    is stored as written, without an E.164 form: it counts as found when a phone without E.164
    ends with its national digits."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.is_valid_number(number):
        return e164
    national = str(number.national_number)
    for p in actual:
        if p.e164 is None and "".join(ch for ch in p.value if ch.isdigit()).endswith(national):
            return str(p.value)
    return e164


def score_card(
    name: str, expected: dict[str, Any], parsed: ParsedCard, scores: dict[str, Score]
) -> None:
    c = parsed.contact
    _score_list(
        scores["emails"],
        name,
        [e.lower() for e in expected.get("emails", [])],
        [e.value.lower() for e in c.emails],
    )
    act_phones = {p.e164 or p.value: p.label for p in c.phones}
    exp_phones = {
        _expected_phone_key(p["e164"], c.phones): p.get("label", "")
        for p in expected.get("phones", [])
    }
    _score_list(scores["phones"], name, list(exp_phones), list(act_phones))
    for e164, label in exp_phones.items():
        if e164 in act_phones:
            _score_scalar(
                scores["phone labels"], f"{name} {e164}", label or "-", act_phones[e164] or "-"
            )
    _score_list(
        scores["urls"],
        name,
        [_url_key(u) for u in expected.get("urls", [])],
        [_url_key(u.value) for u in c.urls],
    )
    for f in SCALAR_FIELDS:
        _score_scalar(scores[f], name, expected.get(f, ""), getattr(c, f))
    exp_addr = (expected.get("addresses") or [{}])[0]
    act_addr = c.addresses[0] if c.addresses else None
    for part in ADDRESS_PARTS:
        actual = getattr(act_addr, part) if act_addr else ""
        _score_scalar(scores[f"address.{part}"], name, exp_addr.get(part, ""), actual)


def evaluate(corpus: Path = CORPUS, default_region: str | None = "US") -> dict[str, Score]:
    keys = ["emails", "phones", "phone labels", "urls", *SCALAR_FIELDS]
    keys += [f"address.{p}" for p in ADDRESS_PARTS]
    scores = {k: Score() for k in keys}
    for txt in sorted(corpus.glob("*.txt")):
        expected = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        parsed = parse_card_text(txt.read_text(encoding="utf-8"), default_region)
        score_card(txt.stem, expected, parsed, scores)
    return scores


def report(corpus: Path, verbose: bool, *, enforce: bool) -> bool:
    """Print the table for one corpus; True when every target is met."""
    scores = evaluate(corpus)
    cards = len(list(corpus.glob("*.txt")))
    print(f"Card parser accuracy over {cards} cards in {corpus.relative_to(ROOT)}")
    print(f"{'field':<22}{'correct':>8}{'wrong':>7}{'accuracy':>10}{'target':>8}")
    ok_all = True
    for key, s in scores.items():
        target = TARGETS.get(key)
        mark = ""
        if target is not None:
            ok = s.accuracy >= target
            ok_all &= ok
            mark = f"{target:>7.0%}" + ("" if ok else (" FAIL" if enforce else " below"))
        print(f"{key:<22}{s.correct:>8}{s.wrong:>7}{s.accuracy:>10.1%} {mark}")
        if verbose:
            for miss in s.misses:
                print(f"    {miss}")
    return ok_all


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    which = "all"
    if "--set" in argv:
        which = argv[argv.index("--set") + 1]
    if which not in SETS:
        print("--set must be " + ", ".join(SETS[:-1]) + " or all", file=sys.stderr)
        return 2
    failed = False
    if which in ("main", "all"):
        failed |= not report(CORPUS, verbose, enforce=True)
    if which == "all":
        print()
    if which in ("holdout", "all"):
        report(HOLDOUT, verbose, enforce=False)
    if which == "all":
        print()
    if which in ("fresh", "all"):
        report(FRESH, verbose, enforce=False)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
