"""The one "same person" rule: duplicate scan, pair scores with reasons in words, and the
union of values a merge keeps. Plain Python (rapidfuzz for typos, phonenumbers for
display); used by the duplicates feature, card entry and import.

- :mod:`.values` — when two emails, phones, companies, URLs, addresses are the same
- :mod:`.names` — names: nicknames (``netdesk/data/nicknames.tsv``), initials, swaps, typos
- :mod:`.score` — :func:`compare` two profiles: 0-100 and the evidence
- :mod:`.scan` — blocking keys and :func:`find_duplicates` (groups, strongest first)
- :mod:`.merge` — :func:`merge_values` and the per-value :class:`MergeChoices`
"""

from netdesk.core.matching.merge import MergeChoices, apply_choices, merge_values
from netdesk.core.matching.scan import DuplicateGroup, ScanStopped, find_duplicates
from netdesk.core.matching.score import (
    PROPOSE,
    Evidence,
    PairMatch,
    Profile,
    compare,
    make_profile,
    photo_hash,
    profile_of,
)

__all__ = [
    "PROPOSE",
    "DuplicateGroup",
    "Evidence",
    "MergeChoices",
    "PairMatch",
    "Profile",
    "ScanStopped",
    "apply_choices",
    "compare",
    "find_duplicates",
    "make_profile",
    "merge_values",
    "photo_hash",
    "profile_of",
]
