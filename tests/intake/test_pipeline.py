"""Intake: what a file says about its testimony, consent as data, and importing into a casebook."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

from casebook.errors import InvalidInput
from casebook.intake.pipeline import (
    describe,
    detect_language,
    import_paths,
    parse_consent,
    parse_interview_date,
)
from casebook.intake.readers import ImportItem, decode_text, expand_paths, read_file
from casebook.model import Record

KO = "저는 1998년에 회령에서 두만강을 건넜어요. 연길에서 팔렸습니다."
EN = "I crossed the Tumen in 1998 and was sold in Yanji."


@pytest.mark.parametrize("text,lang", [
    (KO, "ko"), (EN, "en"), ("", "en"), ("1998 2003 !!!", "en"),
    ("Interview notes (면담): 저는 회령에서 왔어요 and then", "ko"),
    ("Mostly English with one word 연길 inside a long sentence about the journey.", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("value,scopes", [
    (None, []), ("", []),
    ("aggregate_statistics; legal_proceedings", ["aggregate_statistics", "legal_proceedings"]),
    ("aggregate_statistics|anonymous_quotation", ["aggregate_statistics", "anonymous_quotation"]),
    (["legal_proceedings"], ["legal_proceedings"]),
    ({"aggregate_statistics": True, "anonymous_quotation": "no", "legal_proceedings": "yes",
      "share_with": ["Bridge", "Hanul"]},
     ["aggregate_statistics", "legal_proceedings", "share_with:Bridge", "share_with:Hanul"]),
])
def test_parse_consent_forms(value, scopes):
    assert parse_consent(value, dt.date(2020, 1, 1)).active_scopes(dt.date(2020, 1, 2)) == scopes


@pytest.mark.parametrize("value,message", [
    ("everything", "unknown consent scope"), (42, "cannot read int"),
    (["aggregate_statistics", "share_with:"], "unknown consent scope"),
])
def test_parse_consent_refuses(value, message):
    with pytest.raises(InvalidInput, match=message):
        parse_consent(value)


@pytest.mark.parametrize("value,expected", [
    ("2019", (2019, None, None)), ("2019-05", (2019, 5, None)), ("2019-05-14", (2019, 5, 14)),
    (" 2019-5 ", (2019, 5, None)), (2019, (2019, None, None)),
])
def test_parse_interview_date(value, expected):
    d = parse_interview_date(value)
    assert (d.year, d.month, d.day) == expected
    assert parse_interview_date(None) is None and parse_interview_date("") is None


@pytest.mark.parametrize("value", ["May 2019", "2019/05", "2019-13", "2019-02-30", "19"])
def test_parse_interview_date_refuses(value):
    with pytest.raises(InvalidInput, match="interview_date"):
        parse_interview_date(value)


def test_describe_file_metadata_wins_over_defaults():
    item = ImportItem(KO, "a.json#1", {"pseudonym": "Ms. Oh", "organisation": "Bridge",
                                       "birth_year": "1980", "consent": "legal_proceedings"})
    t, p = describe(item, {"organisation": "Hanul", "consent": ["aggregate_statistics"]})
    assert (p.pseudonym, p.birth_year, p.organisation) == ("Ms. Oh", 1980, "Bridge")
    assert t.organisation == "Bridge" and t.language == "ko" and p.languages == ["ko"]
    assert t.consent.active_scopes() == ["legal_proceedings"]
    assert t.provenance["format"] == "txt" and t.provenance["file"] == "a.json#1"


def test_describe_without_metadata_gives_a_pseudonym_never_a_name():
    t, p = describe(ImportItem(EN, "story.txt"))
    assert p.pseudonym.startswith("Survivor ") and len(p.pseudonym) == len("Survivor ") + 6
    assert p.pseudonym == describe(ImportItem(EN, "other.txt"))[1].pseudonym  # from the text
    assert t.consent.active_scopes() == [] and t.language == "en"


def test_describe_reads_consent_flags_of_a_spreadsheet_row():
    item = ImportItem(EN, "sheet.csv#2", {"aggregate_statistics": "yes",
                                          "anonymous_quotation": "no", "legal_proceedings": "1"})
    t, _ = describe(item)
    assert t.consent.active_scopes() == ["aggregate_statistics", "legal_proceedings"]


def test_describe_stores_decomposed_hangul_composed():
    import unicodedata

    t, _ = describe(ImportItem(unicodedata.normalize("NFD", KO), "mac-paste.txt"))
    assert t.text == KO and t.language == "ko"
    assert t.sha256 == describe(ImportItem(KO, "same.txt"))[0].sha256  # one story, one hash


def test_describe_refuses_a_bad_birth_year():
    with pytest.raises(InvalidInput, match="birth_year"):
        describe(ImportItem(EN, "x.txt", {"birth_year": "nineteen eighty"}))


def test_decode_text_encodings():
    assert decode_text(KO.encode("cp949"), "old.txt") == KO
    assert decode_text(KO.encode("utf-16"), "wide.txt") == KO
    assert decode_text("\ufeff".encode() + EN.encode(), "bom.txt") == EN
    with pytest.raises(InvalidInput, match="binary|NUL"):
        decode_text(b"\x00\x01\x02binary", "blob.txt")


def test_read_docx_with_a_table(tmp_path):
    document = docx.Document()
    document.add_paragraph(EN)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "year"
    table.rows[0].cells[1].text = "1998"
    path = tmp_path / "interview.docx"
    document.save(path)
    [item] = read_file(path)
    assert EN in item.text and "year | 1998" in item.text and item.format == "docx"


def test_expand_paths_keeps_files_and_sorts_folders(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "b/1.md", "b/skip.exe", "b/3.PDF", "top.json"):
        (tmp_path / name).write_bytes(b"x")
    found = expand_paths([tmp_path / "b", tmp_path / "top.json"])
    assert [p.name for p in found] == ["1.md", "2.txt", "3.PDF", "top.json"]


def test_records_without_text_are_named(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps([{"text": EN}, {"pseudonym": "no text"}]), encoding="utf-8")
    with pytest.raises(InvalidInput, match="record 2 has no 'text'"):
        read_file(path)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no records"):
        read_file(path)
    path.write_text('{"testimonies": [{"text": "one"}, {"text": "two"}]}', encoding="utf-8")
    assert [i.text for i in read_file(path)] == ["one", "two"]


def test_import_paths_keeps_going_after_a_bad_file(sqlite_book, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    records = tmp_path / "many.csv"
    records.write_text("text,pseudonym,consent\n"
                       f"\"{KO}\",Ms. Oh,aggregate_statistics\n"
                       "\"Second testimony from the sheet.\",Ms. Ri,\n", encoding="utf-8")
    seen = []
    calls = []

    def extractor(text: str, lang: str) -> Record:
        calls.append(lang)
        return Record()

    result = import_paths(sqlite_book, [good, bad, records],
                          defaults={"organisation": "Hanul"}, extractor=extractor,
                          progress=seen.append)
    assert len(result.added) == 3 and result.duplicates == []
    assert [f for f, _ in result.failed] == [str(bad)]
    assert "bad.pdf" in result.failed[0][1]
    assert sorted(calls) == ["en", "en", "ko"] and len(seen) == 3
    summaries = sqlite_book.testimonies.all()
    assert {s.organisation for s in summaries} == {"Hanul"}
    names = sorted(s.pseudonym for s in summaries)
    assert names[:2] == ["Ms. Oh", "Ms. Ri"] and names[2].startswith("Survivor ")
    again = import_paths(sqlite_book, [good], extractor=None)
    assert again.added == [] and again.duplicates == [good.name]
