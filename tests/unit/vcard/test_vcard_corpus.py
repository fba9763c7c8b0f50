"""Every real-world file of ../shared/corpus/vcards read in place, plus named spot checks."""

from __future__ import annotations

import pytest
from vcard_helpers import CORPUS, CORPUS_MISSING, corpus_files, manifest, raw_begin_count

from netdesk.core.dates import PartialDate
from netdesk.core.model import Contact
from netdesk.vcard import CardResult, read_vcards

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)

FILES = corpus_files()


def read(name: str) -> list[CardResult]:
    return read_vcards((CORPUS / name).read_bytes(), name)


def one(name: str, card: int = 1) -> Contact:
    result = read(name)[card - 1]
    assert result.error is None, result.error
    assert result.contact is not None
    return result.contact


def test_the_corpus_is_all_there() -> None:
    listed = {f.name for f in manifest()}
    found = {p.relative_to(CORPUS).as_posix() for p in FILES}
    assert len(found) >= 100
    assert listed == found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_card_is_accounted_for(path) -> None:  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    results = read_vcards(data, path.name)
    assert len(results) == raw_begin_count(data)
    assert [r.card for r in results] == list(range(1, len(results) + 1))
    lines = [r.line for r in results]
    assert lines == sorted(lines)
    for r in results:
        assert r.file == path.name
        assert (r.contact is None) != (r.error is None)
        assert r.error is None or not r.error.startswith("internal error"), r.error


def test_manifest_card_counts_match() -> None:
    for entry in manifest():
        assert len(read(entry.name)) == entry.cards, entry.name


def test_corpus_totals() -> None:
    results = [r for p in FILES for r in read_vcards(p.read_bytes(), p.name)]
    assert len(results) == sum(f.cards for f in manifest()) == 167
    # Every card of the corpus yields a contact; oddities are warnings, not failures.
    assert [r for r in results if r.error] == []


# --------------------------------------------------------------------------- charsets


def test_shift_jis_charset_v21() -> None:
    c = one("aosp-vcard/v21_japanese_1.vcf")
    assert c.display_name == "安藤ロイド"


def test_shift_jis_raw_and_quoted_printable() -> None:
    c = one("aosp-vcard/v21_japanese_2.vcf")
    assert (c.family_name, c.given_name) == ("安藤", "ロイド1")
    street = c.addresses[0].street + c.addresses[0].locality + c.addresses[0].region
    assert (
        "東京都" in street or "渋谷" in street or any("\u3040" <= ch <= "\u9fff" for ch in street)
    )


def test_shift_jis_in_v30_and_several_cards() -> None:
    assert one("aosp-vcard/v30_japanese.vcf").family_name == "伊能"
    names = [r.contact.display_name for r in read("aosp-vcard/v21_multiple_entry.vcf") if r.contact]
    assert names == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]


def test_windows_1252_declared() -> None:
    c = one("roundcube/johndoe.vcf")
    assert c.family_name == "Doë"


def test_windows_1253_greek_hinted_by_one_charset_param() -> None:
    c = one("folkerkinzel/Greek.vcf")
    assert c.display_name == "Βαγγέλης"
    assert c.family_name == "Παπαθανασίου"


def test_windows_1251_ukrainian() -> None:
    c = one("folkerkinzel/Ukrainian.vcf")
    assert c.display_name == "Віталій Володимирович Кличко"


def test_windows_1255_hebrew_without_any_charset() -> None:
    assert one("folkerkinzel/Hebrew.vcf").display_name == "אפרים קישון"


def test_utf16_be_without_bom() -> None:
    c = one("roundcube/utf-16_sample.vcf")
    assert (c.given_name, c.family_name) == ("Ǽgean", "ĽdaMonté")


def test_utf16_le_with_bom_two_cards() -> None:
    results = read("folkerkinzel/v3Utf16Bom.vcf")
    assert [r.contact.display_name for r in results if r.contact] == [
        "Folker Kinzel",
        "KMS Außenstelle",
    ]


def test_quoted_printable_soft_breaks_utf8() -> None:
    c = one("eds/12.vcf")
    assert c.display_name == "Michael Brüning"
    assert c.family_name == "Brüning"
    assert c.addresses[0].street == "Münsterplatz 21"
    assert c.addresses[0].region == "Baden-Württemberg"
    assert c.birthday == PartialDate(12, 29, 1978)


def test_quoted_printable_cjk_with_soft_break() -> None:
    assert one("radicale/vcard-quoted-printable1.vcf").display_name == "黄世勇"
    assert one("pyvobject/radicale_1238_1.vcf").display_name == "测试测试测试测试测试测"


def test_quoted_printable_pieces_separated_by_blank_lines() -> None:
    c = one("folkerkinzel/Cropped_2_1.vcf")
    assert c.notes.startswith("Kommentar ÄÄÄÄÄÄ ää")
    assert "ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ" in c.notes


def test_fold_inside_a_multibyte_character() -> None:
    c = one("kcontacts/vcard9.vcf")
    assert "\ufffd" not in c.display_name + c.family_name
    assert c.display_name.startswith("βγδεαβγδ1")


def test_iso_8859_1_undeclared_and_raw_line_breaks() -> None:
    c = one("tine20/HerrFalkMuenchen.vcf")
    assert c.family_name == "München"
    labels = [x for x in c.extra_vcard if x.startswith("LABEL")]
    assert labels and "Düsseldorf" in labels[-1]


# --------------------------------------------------------------------------- structure


def test_apple_item_groups_and_decorated_labels() -> None:
    c = one("tine20/mac_os_x_addressbook.vcf")
    assert (c.organization, c.department) == ("ORGANI,SATION", "UN;IT")
    assert ("email other", "other") in [(e.value, e.label) for e in c.emails]
    assert any(p.label == "iphone" for p in c.phones)
    # X-ABLabel lines of modelled properties are consumed, not kept twice...
    assert not any(x.startswith(("item1.", "item2.")) for x in c.extra_vcard)
    # ...those of properties NetDesk does not model stay next to them.
    assert "item6.X-AIM:Messenger Other (AIM)" in c.extra_vcard
    assert "item6.X-ABLabel:_$!<Other>!$_" in c.extra_vcard
    assert "item9.X-ABRELATEDNAMES:Assistent?" in c.extra_vcard


def test_custom_x_ablabel_is_the_label() -> None:
    c = one("ezvcard/gmail-single.vcf")
    assert ("555 555 2222", "GRAND_CENTRAL") in [(p.value, p.label) for p in c.phones]


def test_bare_v21_type_markers() -> None:
    c = one("eds/12.vcf")
    assert [(p.value, p.label) for p in c.phones] == [
        ("+491622433834", "cell,work"),
        ("017623384942", "cell,home"),
        ("+4973117546691", "work"),
    ]
    assert c.phones[0].e164 == "+491622433834"


def test_pref_from_type_and_from_pref_param() -> None:
    assert one("ezvcard/John_Doe_IPHONE.vcf").phones[0].pref
    c = one("ezvcard/rfc6350-example.vcf")  # 4.0 PREF=1
    assert [p.pref for p in c.phones] == [True, False]


def test_birthday_without_year() -> None:
    assert one("ezvcard/rfc6350-example.vcf").birthday == PartialDate(2, 3)
    # CardBook/Apple write the year 1604 to mean "no year".
    assert one("radicale/contact4-with-bday-no-year.vcf").birthday == PartialDate(1, 1)


def test_photos_decoded_in_every_encoding() -> None:
    c21 = one("aosp-vcard/v21_blackberry_photo.vcf")  # 2.1 ENCODING=BASE64, folded PNG
    assert c21.photo is not None and c21.photo.mime == "image/png"
    assert c21.photo.data.startswith(b"\x89PNG")
    c30 = one("roundcube/photo.vcf")  # 3.0 ENCODING=b
    assert c30.photo is not None and c30.photo.mime == "image/jpeg"
    c40 = one("khard/photov4.vcf")  # 4.0 data: URI
    assert c40.photo is not None and c40.photo.mime == "image/png"
    bare = one("sabre/issue153.vcf")  # PHOTO;BASE64:
    assert bare.photo is not None and bare.photo.data[:3] == b"\xff\xd8\xff"
    gif = one("syncevolution/vcard21.vcf", 7)
    assert gif.photo is not None and gif.photo.mime == "image/gif"


def test_broken_photo_is_kept_verbatim_with_a_reason() -> None:
    [result] = read("aosp-vcard/v21_malformed_photo.vcf")
    assert result.contact is not None and result.contact.photo is None
    assert any(x.startswith("PHOTO") for x in result.contact.extra_vcard)
    assert any("photo" in w for w in result.warnings)


def test_url_photo_kept_in_extra() -> None:
    c = one("folkerkinzel/v3Ansi.vcf")
    assert c.photo is None
    assert any(x.startswith("PHOTO") and "http" in x for x in c.extra_vcard)


def test_company_only_card_is_named_after_the_company() -> None:
    c = one("kcontacts/vcard4.vcf")  # FN without a colon, empty N
    assert c.display_name == "Ximian, Inc."
    assert c.organization == "Ximian, Inc."


def test_nested_cards_are_separate() -> None:
    results = read("aosp-vcard/v21_nest.vcf")
    assert [(r.card, r.line, r.contact.family_name) for r in results if r.contact] == [
        (1, 1, "parent"),
        (2, 4, "nest1"),
        (3, 8, "nest2"),
    ]
    assert results[0].contact is not None and results[0].contact.phones[0].value == "1"


def test_truncated_card_is_read_with_a_warning() -> None:
    [result] = read("eds/9.vcf")
    assert result.contact is not None and result.contact.display_name == "Frank Dawson"
    assert any("END:VCARD" in w for w in result.warnings)
    assert read("eds/7.vcf") == []  # no BEGIN:VCARD at all: nothing to account for


def test_comment_lines_dropped_but_qp_continuation_kept() -> None:
    [result] = read("aosp-vcard/v21_invalid_comment_line.vcf")
    assert result.contact is not None
    assert result.contact.notes == (
        "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."
    )


def test_line_endings() -> None:
    for name in (
        "l0b0-vcard/line_ending_mac.vcf",
        "l0b0-vcard/line_ending_mixed.vcf",
        "aosp-vcard/v30_ios_613_multiline.vcf",
    ):
        c = one(name)
        assert c.display_name in ("John Doe", "Bob Smith"), name
    ios = one("aosp-vcard/v30_ios_613_multiline.vcf")
    assert ios.photo is not None and ios.photo.mime == "image/jpeg"


def test_unmodelled_properties_kept_verbatim_with_group() -> None:
    c = one("vcard4android/unknown-properties-with-labels.vcf")
    assert "item1.X-Unknown:Unknown Value" in c.extra_vcard or any(
        x.startswith("item1.X-") for x in c.extra_vcard
    )
    assert any("X-ABLabel" in x for x in c.extra_vcard)
    lotus = one("ezvcard/John_Doe_LOTUS_NOTES.vcf")
    names = {x.split(":", 1)[0].split(";", 1)[0].split(".")[-1].upper() for x in lotus.extra_vcard}
    assert {"GEO", "TZ", "LABEL"} <= names


def test_malformed_params_repaired_not_dropped() -> None:
    [result] = read("folkerkinzel/AnsiIssue.vcf")
    assert result.contact is not None
    assert result.contact.addresses[0].street == "Lämmerweg 12"
