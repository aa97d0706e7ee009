"""Reading coding sheets: real .xlsx (openpyxl), .ods (odfpy) and .csv files, in memory."""

from __future__ import annotations

import os
import tempfile

import pytest
from interop.sheet_files import KOREAN_HEADERS, write_csv, write_ods, write_xlsx

from casebook.errors import InvalidInput
from casebook.intake.sheets import cell_text, column_letter, read_sheet, sheet_names


def test_xlsx_finds_the_header_below_a_title_line_and_numbers_rows_as_excel_does(tmp_path):
    sheet = read_sheet(write_xlsx(tmp_path / "c.xlsx"))
    assert sheet.name == "면담 기록"
    assert sheet.headers == KOREAN_HEADERS
    assert [r.number for r in sheet.rows] == [3, 4, 5, 6]
    first = sheet.rows[0].cells
    assert first["출생년도"] == "1979" and first["가명"] == "진달래"
    assert "매매 가격(위안)" not in sheet.rows[2].cells  # an empty cell is absent, not ""


def test_other_sheets_are_named_and_a_missing_one_is_a_clear_error(tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx")
    assert sheet_names(path) == ["면담 기록", "메모"]
    assert read_sheet(path, "메모", header_row=1).headers == ["이 시트는 무시"]
    with pytest.raises(InvalidInput) as e:
        read_sheet(path, "없는 시트")
    assert "c.xlsx" in str(e.value) and "메모" in str(e.value)


def test_ods_written_by_odfpy_reads_like_the_xlsx(tmp_path):
    ods = read_sheet(write_ods(tmp_path / "c.ods"))
    xlsx = read_sheet(write_xlsx(tmp_path / "c.xlsx", title=None))
    assert ods.headers == xlsx.headers
    assert [r.cells for r in ods.rows] == [r.cells for r in xlsx.rows]


def test_csv_with_semicolons_as_uwazi_allows(tmp_path):
    sheet = read_sheet(write_csv(tmp_path / "c.csv", delimiter=";"))
    assert sheet.headers == KOREAN_HEADERS and sheet.rows[1].cells["호구"] == "가짜"


def test_damaged_workbook_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InvalidInput) as e:
        read_sheet(bad)
    assert "broken.xlsx" in str(e.value) and "\n" not in str(e.value)


def test_duplicate_and_empty_headers_get_names(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("가명,가명,,비고\nA,B,C,D\n", encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.headers == ["가명", "가명 (2)", "column C", "비고"]
    assert sheet.where(2, "column C") == "d.csv, row 2, column C (column C)"


def test_reading_writes_nothing_to_disk(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "c.xlsx")
    write_ods(tmp_path / "c.ods")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = sorted(os.listdir(tmp_path))
    read_sheet(path)
    read_sheet(tmp_path / "c.ods")
    assert os.listdir(scratch) == [] and sorted(os.listdir(tmp_path)) == before


def test_cell_text_and_column_letters():
    import datetime as dt

    assert cell_text(1979.0) == "1979" and cell_text(2.5) == "2.5"
    assert cell_text(dt.datetime(2019, 5, 14)) == "2019-05-14" and cell_text(True) == "true"
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
