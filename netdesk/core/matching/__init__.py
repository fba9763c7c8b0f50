"""The one "same person" rule: duplicate scan, pair scores with reasons in words, matching
at the door, and the union of values a merge keeps. Plain Python (rapidfuzz for typos,
phonenumbers for display); used by the duplicates feature (scan, merge, `netdesk
duplicates`), card entry (its duplicate warning and "add to the existing contact"), the
import preview and apply (vCard and CSV, `netdesk import`), and the three-way merge of
edits (:mod:`netdesk.core.merge`, through the same-value rules).

- :mod:`.values` — when two emails, phones, companies, URLs, addresses, tags are the same
- :mod:`.names` — names: nicknames (``netdesk/data/nicknames.tsv``), initials, swaps, typos
- :mod:`.score` — :func:`compare` two profiles: 0-100 and the evidence
- :mod:`.scan` — blocking keys and :func:`find_duplicates` (groups, strongest first)
- :mod:`.door` — a record coming in against known contacts: :class:`~.door.MatchIndex`,
  :func:`~.door.warn_at_the_door`, :func:`~.door.door_reason`
- :mod:`.merge` — :func:`merge_values`, :func:`~.merge.added_values` (the one value union)
  and the per-value :class:`MergeChoices`
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
