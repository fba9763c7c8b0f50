"""Lines and segments: cleaning whitespace, marking noise (quoted replies, reply headers,
sign-offs, device lines, legal footers, prose), the separators that split a line into
segments, and what is left over for ``ParsedCard.unparsed``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_CLOSING = re.compile(
    r"""^(?:
        (?:best|kind|warm|warmest|many|with\ best|with\ kind|kindest|all\ the\ best)?\s*regards
        | regards | cheers | thanks(?:\ again|\ and\ regards|\ a\ lot|\ so\ much)? | thank\ you
        | many\ thanks | best(?:\ wishes)? | all\ the\ best | sincerely | yours\ sincerely
        | yours\ truly | yours | respectfully | br | kr | mfg | lg | vg
        | mit\ freundlichen\ gr(?:ü|ue|u)(?:ß|ss)en | freundliche\ gr(?:ü|ue)(?:ß|ss)e
        | (?:viele|beste|liebe|herzliche|schöne)\ gr(?:ü|ue)(?:ß|ss)e | gruß | gruss
        | (?:bien\ )?cordialement | bien\ à\ vous | (?:meilleures\ )?salutations
        | (?:cordiali|distinti)\ saluti | saluti | un\ saludo | saludos(?:\ cordiales)?
        | atentamente | un\ abrazo | met\ vriendelijke\ groet(?:en)? | vriendelijke\ groet(?:en)?
        | groeten | mvg | med\ vänliga\ hälsningar | mvh | med\ venlig\ hilsen
        | ystävällisin\ terveisin | pozdrawiam | s\ pozdravem | atenciosamente | abraços
        | cumprimentos | saygılarımla | よろしくお願いいたします | よろしくお願いします
    )\s*[,.!:;]*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


_DEVICE = re.compile(
    r"^(?:sent\s+(?:from|via|with)\s|envoyé\s+de\s|von\s+meinem\s|enviado\s+desde\s"
    r"|inviato\s+da\s|verzonden\s+(?:vanaf|met)\s|get\s+outlook\s+for\s|skickat\s+från\s)",
    re.IGNORECASE,
)


_REPLY_SEPARATOR = re.compile(
    r"^(?:-{2,}\s*(?:original\s+message|forwarded\s+message|ursprüngliche\s+nachricht"
    r"|weitergeleitete\s+nachricht|message\s+d'origine|mensaje\s+original|messaggio\s+originale"
    r"|oorspronkelijk\s+bericht|originalmeddelande)\s*-*|_{5,}|-{5,})\s*$",
    re.IGNORECASE,
)


_REPLY_INTRO = re.compile(
    r"^(?:on|am|le|el|op|il|em|den|w\s+dniu)\b.{5,}"
    r"(?:wrote|schrieb|a\s+écrit|escribió|schreef|ha\s+scritto|escreveu|skrev|napisał)\b.*:\s*$",
    re.IGNORECASE,
)


_HEADER_FROM = re.compile(r"^(?:from|von|de|da|van|från)\s*:\s*\S", re.IGNORECASE)


_HEADER_NEXT = re.compile(
    r"^(?:sent|gesendet|to|an|subject|betreff|date|datum|envoyé|objet|à|cc|onderwerp|aan)\s*:",
    re.IGNORECASE,
)


_SIG_DELIMITER = re.compile(r"^-{2,3}\s*$|^—\s*$")


_LEGAL = re.compile(
    r"confidential|vertraulich|confidenci|riservat|vertrouwelijk|privileged|intended\s+recipient"
    r"|destinatari|destinataire|geadresseerde|amtsgericht|registergericht|\bhrb\b|\bhra\b"
    r"|sitz\s+der\s+gesellschaft|^vorstand\s*:|aufsichtsrat|^geschäftsführer(?:in)?\s*:"
    r"|^(?:managing\s+)?directors?\s*:|registered\s+(?:office|in|charity|number|company)"
    r"|company\s+(?:no|number|registration)|\bvat\b|ust-?id|steuernummer|\bsiret\b|\brcs\b"
    r"|\bkvk\b|p\.?\s?iva|consider\s+the\s+environment|before\s+printing|think\s+before",
    re.IGNORECASE,
)


@dataclass
class Segment:
    line: int
    text: str
    used: bool = False


@dataclass
class Line:
    index: int
    text: str
    noise: bool = False
    segments: list[Segment] = field(default_factory=list)

    @property
    def free(self) -> bool:
        return not self.noise and bool(self.segments) and not any(s.used for s in self.segments)


SEPARATORS = re.compile(
    r"\s+[|•·]\s+|\s*\|\s*|\t+|\s+[—–]\s+|\s{3,}|(?<=[^\W\d_])\s+-\s+(?=[^\W\d_])"
)


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def mark_noise(lines: list[Line]) -> None:
    n = len(lines)
    cut = n
    for i, ln in enumerate(lines):
        t = ln.text
        if _REPLY_SEPARATOR.match(t) or _REPLY_INTRO.match(t):
            cut = i
            break
        if _HEADER_FROM.match(t) and any(_HEADER_NEXT.match(x.text) for x in lines[i + 1 : i + 4]):
            cut = i
            break
    for ln in lines[cut:]:
        ln.noise = True
    for ln in lines[:cut]:
        t = ln.text
        if (
            t.startswith(">")
            or _DEVICE.match(t)
            or _LEGAL.search(t)
            or _CLOSING.match(t)
            or _SIG_DELIMITER.match(t)
            or _is_prose(t)
        ):
            ln.noise = True
    # Body text above a sign-off ("Best regards,") or a signature delimiter ("-- "), when
    # something other than noise follows it.
    for i, ln in enumerate(lines[:cut]):
        is_marker = bool(_SIG_DELIMITER.match(ln.text) or _CLOSING.match(ln.text))
        if is_marker and any(not x.noise for x in lines[i + 1 : cut]):
            for x in lines[:i]:
                x.noise = True
            break


def _is_prose(text: str) -> bool:
    """A sentence of ordinary words (a disclaimer, a line of the message), not a field."""
    if re.search(r"\s[|·•]\s|@|https?://", text):
        return False
    words = [w for w in text.split() if w.isalpha()]
    return len(words) >= 10 and sum(w[0].islower() for w in words) >= len(words) / 2


_LABEL_LEFTOVER = re.compile(r"^[\W_]*(?:[^\W\d_][\w.\-]*[\s:.\-]*){0,2}[\W_]*$")


def is_leftover_label(rest: str) -> bool:
    rest = rest.strip(" \t:;,.|/<>()[]-–—·•")
    return not rest or (len(rest) <= 16 and bool(_LABEL_LEFTOVER.match(rest)))


def unparsed_lines(lines: Iterable[Line]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if ln.noise or not ln.segments or not any(s.used for s in ln.segments):
            out.append(ln.text)
        else:
            out.extend(s.text for s in ln.segments if not s.used and s.text.strip())
    return out
