"""Phone numbers through ``phonenumbers.PhoneNumberMatcher``, with the kind read from the
label words around them (``M:``, ``Tel``, ``Fax``, ``Handy``, ``Portable``, ``Móvil``...)."""

from __future__ import annotations

import re

import phonenumbers

from netdesk.core.cardparse.lines import Segment, is_leftover_label
from netdesk.core.model import Phone
from netdesk.core.text import fold
from netdesk.core.validation import to_e164

_PHONE_LABELS: dict[str, str] = {}


for _label, _label_words in {
    "mobile": "m mob mobile mobil mobiel mobiele cell cel cellular cellphone handy portable port "
    "móvil movil móvel celular cellulare gsm natel kom komórka cep c hp 携帯 手机 핸드폰 휴대폰 "
    "mobiili matkapuhelin mobiltelefon dd κ κιν κινητο κινητό",
    "fax": "f fax telefax fx ファックス 传真 팩스 faks telefaks φαξ",
    "work": "t tel telephone telefon telefono teléfono téléphone tél tlf tlph phone ph p o office "
    "direct d dir work w fixe bureau büro puh puhelin toll tollfree secretary switchboard "
    "zentrale durchwahl main standard dt 電話 电话 전화 tfn telf direkte direkt did ddi τ τηλ "
    "τηλεφωνο",
    "home": "h home privat domicile casa thuis",
}.items():
    for _w in _label_words.split():
        _PHONE_LABELS[fold(_w)] = _label


# A Brazilian postcode (CEP) is never a phone number ("01310-100").
_CEP = re.compile(r"\d{5}-\d{3}")


def phone_label(words: str) -> str | None:
    """The phone kind named by ``words`` ("Mob.", "Tel:", "(c)"), None when not a label."""
    tokens = [t for t in re.split(r"[\s:./()\[\]|,;-]+", fold(words)) if t]
    if not tokens:
        return ""
    for t in tokens:
        if t in _PHONE_LABELS:
            return _PHONE_LABELS[t]
    if any(t.startswith(("mobil", "cell", "handy", "portab")) for t in tokens):
        return "mobile"
    if any(t.startswith(("tele", "phon", "offic")) for t in tokens):
        return "work"
    return None


def _fix_legacy_formats(text: str) -> str:
    """Rewrite number styles phonenumbers no longer reads: the 00 international prefix where
    the default region uses another one, and Mexico's abolished mobile '1' after +52."""
    text = re.sub(r"(?<![\d+])(?<![\d)]\s)(?<![\d)][\s.-]\s)00(?=[1-9])", "+", text)
    return re.sub(r"\+52[\s.-]*1[\s.-]+(?=\d{2,3}[\s.-]?\d)", "+52 ", text)


def take_phones(seg: Segment, region: str | None, out: list[Phone]) -> None:
    text = _fix_legacy_formats(seg.text)
    matches = list(
        phonenumbers.PhoneNumberMatcher(
            text, region or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE
        )
    )
    if not matches:
        # "+49 ..." numbers parse without a region even when the inferred one is wrong.
        matches = list(
            phonenumbers.PhoneNumberMatcher(text, "ZZ", leniency=phonenumbers.Leniency.POSSIBLE)
        )
    matches = [
        m
        for m in matches
        if len(str(m.number.national_number)) >= 6
        and sum(ch.isdigit() for ch in m.raw_string) >= 7
        and not _CEP.fullmatch(m.raw_string.strip())
    ]
    if not matches:
        _take_unplaced_phone(seg, out)
        return
    # Pieces of text between the numbers: each number's label is just before it or, for the
    # "212.555.0107 tel" style, just after it.
    pieces: list[str] = []
    pos = 0
    for m in matches:
        pieces.append(text[pos : m.start])
        pos = m.end
    pieces.append(text[pos:])
    labels: list[str | None] = [phone_label(p) for p in pieces]
    if any(lab is None and not is_leftover_label(p) for lab, p in zip(labels, pieces, strict=True)):
        return  # numbers inside prose ("Registered charity no. 1234567"): not a phone line
    for i, m in enumerate(matches):
        before, after = labels[i], labels[i + 1]
        label = before or (after if i == len(matches) - 1 or not before else "") or ""
        if not before and after and i == len(matches) - 1:
            label = after
        raw = m.raw_string.strip()
        value = _original_span(seg.text, raw)
        e164: str | None = to_e164(raw, region) or phonenumbers.format_number(
            m.number, phonenumbers.PhoneNumberFormat.E164
        )
        if raw.startswith("0") and m.number.country_code == 1:
            e164 = None  # a trunk-prefix number read in a North American region: placed wrongly
        if all((p.e164 or p.value) != (e164 or value) for p in out):
            out.append(Phone(value, e164, label))
    seg.used = True


_LABELLED_NUMBER = re.compile(
    r"^(?P<label>[^\W\d_][^\d+()]{0,15}?)\s*[:.]?\s*(?P<number>[+(]?\d[\d\s().\-/]{5,}\d)$"
)


def _take_unplaced_phone(seg: Segment, out: list[Phone]) -> None:
    """A labelled number phonenumbers cannot place in a country (no region known): keep it as
    written, without E.164, rather than losing it."""
    m = _LABELLED_NUMBER.match(seg.text)
    if not m or sum(ch.isdigit() for ch in m["number"]) < 6:
        return
    label = phone_label(m["label"])
    if not label:
        return
    out.append(Phone(m["number"], None, label))
    seg.used = True


def _original_span(original: str, raw: str) -> str:
    """``raw`` as it was written in ``original`` (undoing :func:`_fix_legacy_formats`)."""
    if raw in original:
        return raw
    digits = re.sub(r"\D", "", raw)
    for m in re.finditer(r"[+(\d][\d\s().\-/]*\d", original):
        d = re.sub(r"\D", "", m.group(0))
        if d.endswith(digits[-7:]):
            return m.group(0)
    return raw
