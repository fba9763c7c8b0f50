"""Message templates: placeholders, the renderer, the built-in templates and ``mailto:`` links.

One rule, used by the GUI's campaign wizard, the CLI and the services:

- A placeholder is written ``{name}``; ``{{`` and ``}}`` write a literal brace. A brace that
  starts no placeholder is kept as it is.
- A known placeholder with no value (missing or only white space) is never rendered as an
  empty gap: its ``{name}`` stays in the text and it is reported in ``missing``.
- An unknown placeholder (``{frist_name}``) is kept as written and reported in ``unknown``.
- Values are inserted once, never expanded again (a name that contains ``{company}`` stays
  literally so).

No Qt, no database: plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from netdesk.core.errors import ValidationError
from netdesk.core.validation import email_problem

#: Every placeholder a template may use, in the order the editor lists them.
PLACEHOLDERS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company",
    "how_they_helped",
    "last_spoke",
    "my_news",
    "new_role",
    "new_company",
    "my_name",
)

#: What each placeholder is filled from (shown as a tooltip and in ``netdesk templates``).
PLACEHOLDER_HELP: dict[str, str] = {
    "first_name": "the contact's given name",
    "last_name": "the contact's family name",
    "company": "the contact's organisation",
    "how_they_helped": "how they helped during the search (from the interactions)",
    "last_spoke": "when you last spoke (from the interactions)",
    "my_news": "your news (set for the campaign)",
    "new_role": "the role you landed (from the job search)",
    "new_company": "the company you joined (from the job search)",
    "my_name": "your name (set once, remembered)",
}

#: placeholders whose value may run over several lines in a body; the others (names, company,
#: dates) are always written on one line
MULTILINE = frozenset({"how_they_helped", "my_news"})

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")

#: A mailto URL longer than this is not opened (some mail clients and OSes cut it off):
#: the user copies the text instead.
MAILTO_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    #: known placeholders without a value, in order of first use
    missing: tuple[str, ...] = ()
    #: placeholders the renderer does not know, in order of first use
    unknown: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unknown


def placeholders_in(text: str) -> tuple[str, ...]:
    """The placeholders a text uses (known or not), in order of first use."""
    seen: dict[str, None] = {}
    for m in _TOKEN.finditer(text):
        if m.group(1):
            seen.setdefault(m.group(1), None)
    return tuple(seen)


def render(text: str, values: Mapping[str, str | None], *, one_line: bool = False) -> Rendered:
    """Fill the placeholders of ``text`` from ``values``. With ``one_line`` (a subject), line
    breaks in values and text become single spaces."""
    missing: dict[str, None] = {}
    unknown: dict[str, None] = {}

    def fill(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1)
        if name not in PLACEHOLDERS:
            unknown.setdefault(name, None)
            return token
        value = values.get(name)
        if value is None or not value.strip():
            missing.setdefault(name, None)
            return token
        if one_line or name not in MULTILINE:
            return " ".join(value.split())
        return value.strip()

    out = _TOKEN.sub(fill, text)
    if one_line:
        out = " ".join(out.split())
    return Rendered(out, tuple(missing), tuple(unknown))


def escape(text: str) -> str:
    """``text`` written so that it renders as itself (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    name: str
    subject: str
    body: str
    #: the built-in this template came from ("" for the user's own)
    builtin_key: str = ""
    id: int | None = None

    def problems(self) -> list[str]:
        """What is wrong with the template itself (not with one recipient's values)."""
        out = []
        if not self.name.strip():
            out.append("the template needs a name")
        if not self.body.strip():
            out.append("the message is empty")
        for name in (*placeholders_in(self.subject), *placeholders_in(self.body)):
            if name not in PLACEHOLDERS:
                out.append(f"{{{name}}} is not a placeholder NetDesk knows")
        return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Message:
    """A template rendered for one recipient."""

    subject: str
    body: str
    missing: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.missing and not self.unknown


def render_message(template: MessageTemplate, values: Mapping[str, str | None]) -> Message:
    subject = render(template.subject, values, one_line=True)
    body = render(template.body, values)
    missing = tuple(dict.fromkeys((*subject.missing, *body.missing)))
    unknown = tuple(dict.fromkeys((*subject.unknown, *body.unknown)))
    return Message(subject.text, body.text, missing, unknown)


def check_edited(subject: str, body: str) -> Message:
    """A message the user edited by hand: placeholders still in it are still missing."""
    found = [*placeholders_in(subject), *placeholders_in(body)]
    missing = tuple(dict.fromkeys(n for n in found if n in PLACEHOLDERS))
    unknown = tuple(dict.fromkeys(n for n in found if n not in PLACEHOLDERS))
    return Message(subject, body, missing, unknown)


# ------------------------------------------------------------------ built-ins
#: (key, name, subject, body, interaction type logged when sent)
BUILTIN_TEMPLATES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "landed",
        "Landed: thanks and an offer to help",
        "Some news, and thank you",
        "Hi {first_name},\n\n"
        "I wanted you to be among the first to know: I have accepted a position as "
        "{new_role} at {new_company}.\n\n"
        "Your help along the way made a real difference ({how_they_helped}), and I have "
        "not forgotten it. Thank you.\n\n"
        "If there is ever anything I can do for you, an introduction, a second pair of "
        "eyes, anything at all, please just ask.\n\n"
        "All the best,\n{my_name}",
        "news shared",
    ),
    (
        "interview_thanks",
        "Interview thank-you",
        "Thank you for your time",
        "Dear {first_name},\n\n"
        "Thank you for taking the time to meet with me. I enjoyed our conversation and "
        "learning more about the team at {company}.\n\n"
        "I am very interested in the role and would be glad to answer any further "
        "questions.\n\n"
        "Best regards,\n{my_name}",
        "thank-you sent",
    ),
    (
        "just_to_connect",
        "Just to connect",
        "Just to connect",
        "Hi {first_name},\n\n"
        "It has been a while since we last spoke ({last_spoke}), and you came to mind. "
        "How are things at {company}?\n\n"
        "No agenda, just wanted to say hello. Here is my news: {my_news}\n\n"
        "Best,\n{my_name}",
        "message",
    ),
    (
        "birthday",
        "Birthday",
        "Happy birthday, {first_name}!",
        "Hi {first_name},\n\nHappy birthday! I hope the year ahead is a great one.\n\n"
        "Best wishes,\n{my_name}",
        "message",
    ),
    (
        "congratulations",
        "Congratulations on a promotion or new job",
        "Congratulations!",
        "Hi {first_name},\n\n"
        "I just saw the news, congratulations! {company} is lucky to have you.\n\n"
        "Let me know if I can help with anything as you settle in.\n\n"
        "Best,\n{my_name}",
        "message",
    ),
    (
        "holiday",
        "Holiday greeting",
        "Season's greetings",
        "Hi {first_name},\n\n"
        "Wishing you and your family a restful holiday season and a happy new year.\n\n"
        "Warm regards,\n{my_name}",
        "message",
    ),
    (
        "ask_introduction",
        "Ask for an introduction",
        "Who else should I talk to?",
        "Hi {first_name},\n\n"
        "Thank you again for your time when we last spoke ({last_spoke}). "
        "I am looking for {my_news}.\n\n"
        "Who else do you think I should talk to? An introduction, or even just a name, "
        "would help me a lot.\n\n"
        "Thanks,\n{my_name}",
        "message",
    ),
    (
        "reference_call",
        "References: you may get a call",
        "You may get a call from {new_company}",
        "Hi {first_name},\n\n"
        "Thank you again for agreeing to be a reference. I have just interviewed for "
        "{new_role} at {new_company}, and they may call you in the next days.\n\n"
        "Thank you!\n{my_name}",
        "message",
    ),
)

#: the interaction type a campaign with this built-in logs per message sent
BUILTIN_LOG_TYPE: dict[str, str] = {key: kind for key, _n, _s, _b, kind in BUILTIN_TEMPLATES}


def builtin_templates() -> list[MessageTemplate]:
    return [
        MessageTemplate(name, subj, body, key) for key, name, subj, body, _k in BUILTIN_TEMPLATES
    ]


def builtin_template(key: str) -> MessageTemplate:
    for t in builtin_templates():
        if t.builtin_key == key:
            return t
    raise KeyError(key)


def log_type_for(template: MessageTemplate) -> str:
    """The interaction a sent message is logged as: "news shared" for the landed message,
    "thank-you sent" for thank-yous (a user's own template with "thank" in its name too),
    else "message"."""
    if template.builtin_key in BUILTIN_LOG_TYPE:
        return BUILTIN_LOG_TYPE[template.builtin_key]
    text = f"{template.name} {template.subject}".casefold()
    if "thank" in text:
        return "thank-you sent"
    if "news" in text or "landed" in text:
        return "news shared"
    return "message"


# -------------------------------------------------------------------- mailto
def mailto_address_problem(address: str) -> str | None:
    """Why ``address`` cannot go into a mailto link, or None."""
    if any(ord(ch) < 32 or ch in '<>,;"\\' for ch in address):
        return "contains a character an address cannot have"
    return email_problem(address)


def build_mailto(to: Sequence[str], subject: str, body: str) -> str:
    """A ``mailto:`` URL per RFC 6068: addresses percent-encoded (``@`` kept), subject and
    body as UTF-8 percent-encoded header values, line breaks as ``%0D%0A``. Raises
    ValidationError for an address that is not valid (nothing is built around a bad one)."""
    cleaned = []
    for address in to:
        problem = mailto_address_problem(address.strip())
        if problem:
            raise ValidationError("email", f"{address!r} {problem}")
        cleaned.append(quote(address.strip(), safe="@"))
    params = []
    if subject:
        params.append("subject=" + quote(" ".join(subject.split()), safe=""))
    if body:
        crlf = "\r\n".join(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        params.append("body=" + quote(crlf, safe=""))
    return "mailto:" + ",".join(cleaned) + ("?" + "&".join(params) if params else "")


def mailto_fits(url: str) -> bool:
    """Whether a mailto URL is short enough to hand to the mail client."""
    return len(url) <= MAILTO_LIMIT


#: follow-up reasons NetDesk writes itself, and the built-in message each one calls for
FOLLOW_UP_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("send a thank-you note for the interview", "interview_thanks"),
    ("ask who else i should talk to", "ask_introduction"),
)


def template_for_due(reason: str, detail: str) -> str | None:
    """The built-in template a Today item calls for (a Today line: reason "follow-up",
    "cadence" or "birthday", and its detail), or None."""
    if reason == "birthday":
        return "birthday"
    if reason == "cadence":
        return "just_to_connect"
    text = detail.strip().casefold()
    for start, key in FOLLOW_UP_TEMPLATES:
        if text.startswith(start):
            return key
    return None
