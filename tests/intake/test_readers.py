"""Importers read real files, and refuse bad ones with an error that names the file."""

from __future__ import annotations

import json
import zipfile

import pytest
from pdf_files import pdf_with_text

from casebook.errors import InvalidInput
from casebook.intake.pipeline import detect_language, parse_consent, parse_interview_date
from casebook.intake.readers import read_file


def test_text_utf8_bom_and_cp949(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes("\ufeff연길에서 팔렸다".encode("utf-8"))
    b = tmp_path / "b.md"
    b.write_bytes("회령에서 왔다".encode("cp949"))
    assert read_file(a)[0].text == "연길에서 팔렸다"
    assert read_file(b)[0].text == "회령에서 왔다"


def test_docx(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("I crossed the Tumen in 1999.")
    doc.add_paragraph("The broker sold me for 3,000 yuan.")
    path = tmp_path / "interview.docx"
    doc.save(path)
    item = read_file(path)[0]
    assert "Tumen" in item.text and "3,000 yuan" in item.text and item.format == "docx"


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_with_text("I was sold in Yanji for 5000 yuan"))
    assert "sold in Yanji" in read_file(path)[0].text


def test_json_and_csv_records(tmp_path):
    j = tmp_path / "records.json"
    j.write_text(json.dumps([{"text": "first", "pseudonym": "A"}, {"text": "second",
                                                                   "pseudonym": "B"}]))
    items = read_file(j)
    assert [i.text for i in items] == ["first", "second"] and items[1].metadata["pseudonym"] == "B"
    c = tmp_path / "records.csv"
    c.write_text("pseudonym,text,consent\nC,third,aggregate_statistics\n")
    assert read_file(c)[0].metadata == {"pseudonym": "C", "consent": "aggregate_statistics"}


@pytest.mark.parametrize("name,data,message", [
    ("binary.txt", b"\x00\x01\x02\x03" * 10, "binary"),
    ("empty.txt", b"   \n", "no text"),
    ("bad.docx", b"PK\x03\x04 not really a zip", "docx"),
    ("bad.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("bad.json", b"{not json", "JSON"),
    ("notext.json", b'[{"pseudonym": "A"}]', "'text'"),
    ("list.json", b"[1, 2]", "objects"),
    ("notext.csv", b"a,b\n1,2\n", "'text'"),
    ("latin.txt", bytes([0xff, 0xfe, 0x41]), "ignored"),
])
def test_bad_files_name_themselves(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    if message == "ignored":  # a UTF-16 BOM with an odd byte: still decoded or refused cleanly
        try:
            read_file(path)
        except InvalidInput as exc:
            assert name in str(exc)
        return
    with pytest.raises(InvalidInput) as err:
        read_file(path)
    assert name in str(err.value) and message.lower() in str(err.value).lower()


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\x00" * (120 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(InvalidInput, match="zip bomb"):
        read_file(path)


def test_unsupported_type(tmp_path):
    p = tmp_path / "photo.jpg"
    p.write_bytes(b"\xff\xd8")
    with pytest.raises(InvalidInput, match="photo.jpg"):
        read_file(p)


def test_language_consent_and_date_parsing():
    assert detect_language("저는 연길에서 팔렸습니다 (Yanji)") == "ko"
    assert detect_language("I was sold in Yanji (연길)") == "en"
    consent = parse_consent({"aggregate_statistics": True, "legal_proceedings": False,
                             "share_with": ["Bridge of Light"]})
    assert consent.active_scopes() == ["aggregate_statistics", "share_with:Bridge of Light"]
    assert parse_consent("aggregate_statistics;anonymous_quotation").allows("anonymous_quotation")
    with pytest.raises(InvalidInput, match="consent"):
        parse_consent(["everything"])
    assert parse_interview_date("2019-05").precision == "month"
    with pytest.raises(InvalidInput, match="interview_date"):
        parse_interview_date("May 2019")
