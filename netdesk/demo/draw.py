"""Random draws for the generators: a seeded ``Rng`` with cheap picks, '#'/'?' patterns
filled with digits and letters, phone numbers typed the way people type them, weighted
choices. Standard library only."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TypeVar

DEFAULT_SEED = 2026
_T = TypeVar("_T")

_DIGITS = "0123456789"
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # UK postcode inward letters (no C, I, K, M, O, V)


class Rng(random.Random):
    """``random.Random`` with cheaper picks: one ``random()`` call each instead of
    ``_randbelow``'s loop. The bias is far below 2**-40 for the sizes used here."""

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def range(self, start: int, stop: int | None = None) -> int:
        """Like ``randrange(start, stop)``."""
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))


@cache
def _compile_pattern(pattern: str) -> tuple[str, int]:
    """A '#' pattern as a str.format template with one field per digit."""
    template = pattern.replace("{", "{{").replace("}", "}}").replace("#", "{}")
    return template, pattern.count("#")


def fill(pattern: str, rng: Rng) -> str:
    """Replace '#' with random digits and '?' with random capital letters."""
    if "?" in pattern:
        pick = rng.pick
        return "".join(
            pick(_DIGITS) if ch == "#" else pick(_LETTERS) if ch == "?" else ch for ch in pattern
        )
    template, n = _compile_pattern(pattern)
    if not n:
        return pattern
    return template.format(*f"{rng.range(10**n):0{n}d}")


def _us_style(number: str, rng: Rng) -> str:
    """Retype a '+1 AAA EEE NNNN' number the way Americans write it."""
    d = "".join(ch for ch in number if ch.isdigit())[1:]
    a, e, n = d[:3], d[3:6], d[6:]
    style = rng.range(5)
    if style == 0:
        return f"({a}) {e}-{n}"
    if style == 1:
        return f"{a}-{e}-{n}"
    if style == 2:
        return f"{a}.{e}.{n}"
    if style == 3:
        return f"+1 {a}-{e}-{n}"
    return number


def phone_number(pattern: str, rng: Rng) -> str:
    # the first free digit is never 0 (no trunk prefix or leading zero in a subscriber number)
    first = pattern.find("#")
    if first >= 0:
        pattern = f"{pattern[:first]}{rng.range(1, 10)}{pattern[first + 1 :]}"
    number = fill(pattern, rng)
    if number.startswith("+1 "):
        return _us_style(number, rng)
    return number


def weighted_index(cum: Sequence[float], rng: Rng) -> int:
    return bisect(cum, rng.random() * cum[-1])


def cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total = 0.0
    out: list[float] = []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def resolve_today(today: date | None) -> date:
    return today if today is not None else date.today()


def check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative (got {value})")
