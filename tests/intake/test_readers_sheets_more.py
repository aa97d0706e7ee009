"""Readers and sheets on real files: records keep their metadata, a bad record is named by its
number and never quoted, and sheets are read as a spreadsheet user counts rows and columns."""

from __future__ import annotations

import json

import openpyxl
import pytest

from casebook.errors import InvalidInput
from casebook.intake.readers import decode_text, expand_paths, read_file
from casebook.intake.sheets import read_sheet, sheet_names

SECRET = "The broker Jang took her to the farm at Yanji and she waited for the night train."


def test_jsonl_records_keep_their_metadata_and_are_numbered(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [{"text": SECRET, "pseudonym": "A", "language": "en"},
            {"text": "두 번째 이야기입니다.", "pseudonym": "B", "empty": ""}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n",
                    encoding="utf-8")
    items = read_file(path)
    assert [i.file_name for i in items] == ["batch.jsonl#1", "batch.jsonl#2"]
    assert items[0].metadata == {"pseudonym": "A", "language": "en"}
    assert items[1].metadata == {"pseudonym": "B"}  # empty values are not metadata
    assert all(i.format == "json" for i in items)


def test_a_json_object_with_a_testimonies_list_is_read(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"testimonies": [{"text": SECRET}, {"text": SECRET + " Again"}]}),
                    encoding="utf-8")
    assert len(read_file(path)) == 2
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": SECRET, "organisation": "Hanul"}), encoding="utf-8")
    [item] = read_file(single)
    assert item.metadata == {"organisation": "Hanul"}


def test_a_record_without_text_is_named_by_number_and_no_other_record_is_quoted(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"text": SECRET}, {"text": "   "}]), encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        read_file(path)
    msg = str(exc.value)
    assert "mixed.json" in msg and "record 2" in msg
    assert "broker" not in msg and "Jang" not in msg


def test_an_empty_list_of_records_is_refused(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InvalidInput, match="none.json: no records found"):
        read_file(path)


def test_deeply_nested_json_is_refused_in_one_line(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        read_file(path)
    assert "deep.json" in str(exc.value) and "\n" not in str(exc.value)


def test_a_folder_is_not_a_file_and_folders_expand_to_readable_files(tmp_path):
    folder = tmp_path / "batch.txt"  # a folder whose name looks like a file
    folder.mkdir()
    with pytest.raises(InvalidInput, match="not a regular file"):
        read_file(folder)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.TXT").write_text("x", encoding="utf-8")
    (tmp_path / "in" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "in" / "voice.m4a").write_bytes(b"\x00\x00")  # audio: not a testimony file
    (tmp_path / "in" / "sub").mkdir()
    (tmp_path / "in" / "sub" / "c.pdf").write_bytes(b"%PDF")
    found = [p.relative_to(tmp_path / "in").as_posix() for p in expand_paths([tmp_path / "in"])]
    assert found == ["a.md", "b.TXT", "sub/c.pdf"]
    given = tmp_path / "voice.m4a"  # a file given by name is kept, to be refused by name
    assert expand_paths([given]) == [given]


def test_utf16_with_bom_and_nul_characters(tmp_path):
    assert decode_text("증언 text".encode("utf-16"), "x.txt") == "증언 text"
    with pytest.raises(InvalidInput, match="x.txt: the text contains NUL"):
        decode_text(b"a\x00b", "x.txt")


def test_an_unknown_legacy_encoding_is_refused_by_name_not_guessed(tmp_path):
    data = ("これは日本語のテキストです。" * 20).encode("shift_jis")
    with pytest.raises(InvalidInput) as exc:
        decode_text(data, "jp.txt")
    assert "jp.txt" in str(exc.value) and "UTF-8" in str(exc.value)


def test_tsv_sheet_and_header_row_given_by_the_user(tmp_path):
    path = tmp_path / "log.tsv"
    path.write_text("Field report 2019\n\nid\tborn\tnote\nK-1\t1979\tx\n\nK-2\t1981\t\n",
                    encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.headers == ["id", "born", "note"]
    assert [r.number for r in sheet.rows] == [4, 6]  # blank rows are skipped, numbers kept
    assert sheet.rows[1].cells == {"id": "K-2", "born": "1981"}
    assert sheet_names(path) == [""]
    with pytest.raises(InvalidInput, match=r"log.tsv: no header row 99 \(the sheet has 6 rows\)"):
        read_sheet(path, header_row=99)


def test_a_wider_data_row_gets_lettered_headers_and_samples_count_values(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n1,x,extra\n2,x\n3,y\n", encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.headers == ["a", "b", "column C"]
    assert sheet.samples("b") == ["x", "y"]
    assert sheet.where(2, "column C") == "wide.csv, row 2, column C (column C)"
    assert sheet.where(2, "no such") == "wide.csv, row 2"


def test_not_a_spreadsheet_suffix_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="notes.txt: not a spreadsheet"):
        read_sheet(path)


def test_an_xlsx_with_a_missing_sheet_lists_the_sheets_it_has(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "면담 기록"
    wb.active.append(["id", "born"])
    wb.active.append(["K-1", 1979.0])
    wb.create_sheet("요약")
    path = tmp_path / "book.xlsx"
    wb.save(path)
    assert sheet_names(path) == ["면담 기록", "요약"]
    sheet = read_sheet(path)
    assert sheet.name == "면담 기록" and sheet.rows[0].cells["born"] == "1979"
    with pytest.raises(InvalidInput) as exc:
        read_sheet(path, sheet="Sheet9")
    assert "'Sheet9'" in str(exc.value) and "면담 기록, 요약" in str(exc.value)
