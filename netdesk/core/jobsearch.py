"""The job search, start to landing: searches, references, who helped, campaigns.

Plain frozen dataclasses and the rules about them; no Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

#: Interactions that count as help (with meetings during a search).
HELP_TYPES: tuple[str, ...] = (
    "help received",
    "introduction",
    "advice",
    "reference",
    "interview",
)
#: Meetings count as help only while a search is open (or in the period asked for).
MEETING_TYPES: tuple[str, ...] = ("meeting",)
#: Interactions that say the user thanked someone. Sharing the news with someone who helped
#: is how the landed message thanks them, so it counts.
THANKS_TYPES: tuple[str, ...] = ("thank-you sent", "news shared")


@dataclass(frozen=True, slots=True)
class JobSearch:
    name: str
    started_on: date
    target_roles: str = ""
    landed_role: str = ""
    landed_company: str = ""
    #: the first day in the new role
    landed_start: date | None = None
    #: the day the search was closed (landed or given up); None while it is open
    ended_on: date | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def landed(self) -> bool:
        return bool(self.landed_role or self.landed_company)


@dataclass(frozen=True, slots=True)
class Reference:
    """A contact who vouches for the user, for a search or one application."""

    contact_id: int
    search_id: int | None = None
    #: the application ("Acme GmbH — Product Manager"); "" means the whole search
    application: str = ""
    emphasise: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class HelpEntry:
    day: date
    type: str
    summary: str
    interaction_id: int | None = None


@dataclass(frozen=True, slots=True)
class Helper:
    """One line of the who-helped view (and of ``netdesk helped --json``)."""

    contact_id: int
    display_name: str
    organization: str
    tags: tuple[str, ...]
    #: newest first
    helped: tuple[HelpEntry, ...]
    last_thanked: date | None
    is_reference: bool = False

    @property
    def last_helped(self) -> date:
        return self.helped[0].day

    @property
    def thanked(self) -> bool:
        """Thanked on or after the newest help."""
        return self.last_thanked is not None and self.last_thanked >= self.last_helped

    def how_they_helped(self, limit: int = 3) -> str:
        """A phrase for the {how_they_helped} placeholder: the summaries of the newest helps."""
        parts: list[str] = []
        for entry in self.helped:
            text = " ".join(entry.summary.split()).rstrip(".")
            if text and text.casefold() not in {p.casefold() for p in parts}:
                parts.append(text[:1].lower() + text[1:] if _lower_ok(text) else text)
            if len(parts) == limit:
                break
        if not parts:
            return ""
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def _lower_ok(text: str) -> bool:
    """Lower-case the first letter of a summary used mid-sentence, unless it looks like a
    name or an acronym ("CV review" stays, "Reviewed my CV" becomes "reviewed my CV")."""
    first = text.split(" ", 1)[0]
    return len(first) > 1 and first[0].isupper() and first[1:].islower()


@dataclass(frozen=True, slots=True)
class CampaignRecipient:
    contact_id: int
    display_name: str = ""
    email: str = ""
    #: the message as the user edited it; None while it is the template's rendering
    subject: str | None = None
    body: str | None = None
    sent_at: datetime | None = None
    interaction_id: int | None = None
    id: int | None = None

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    template_id: int | None
    #: the interaction type logged for each message sent
    log_type: str
    search_id: int | None = None
    #: values set for the whole campaign ({my_news}, {my_name}, ...)
    values: tuple[tuple[str, str], ...] = ()
    recipients: tuple[CampaignRecipient, ...] = ()
    created_at: datetime | None = None
    finished_at: datetime | None = None
    id: int | None = None

    @property
    def sent_count(self) -> int:
        return sum(1 for r in self.recipients if r.sent)

    @property
    def open_count(self) -> int:
        return len(self.recipients) - self.sent_count
