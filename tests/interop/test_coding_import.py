"""Bar: an .xlsx coding sheet with Korean headers imports, via the --plan mapping, into
reviewable facts (on SQLCipher and PostgreSQL), all rows or none."""

from __future__ import annotations

import pytest
from interop.sheet_files import KOREAN_HEADERS, KOREAN_ROWS, write_xlsx

from casebook.errors import InvalidInput
from casebook.extract.profile import profile
from casebook.intake.mapping import Column, load_mapping
from casebook.intake.plan import propose, render_plan
from casebook.intake.sheets import read_sheet
from casebook.intake.spreadsheet import import_sheet


def planned(tmp_path, **kw):
    path = write_xlsx(tmp_path / "coding.xlsx", **kw)
    sheet = read_sheet(path)
    out = tmp_path / "coding.mapping.toml"
    out.write_text(render_plan(propose(sheet), sheet, "sheet", None, path.name), encoding="utf-8")
    return path, load_mapping(out)


def accept_all(book, tid):
    for item in [*book.facts.record(tid).facts, *book.facts.record(tid).events]:
        book.facts.set_status(item.id, "accepted")


def test_korean_coding_sheet_becomes_reviewable_facts(book, tmp_path):
    path, mapping = planned(tmp_path)
    summary = import_sheet(book, path, mapping)
    assert summary.rows == 4 and len(summary.added) == 4 and summary.facts > 20
    first = summary.added[0]
    record = book.facts.record(first)
    assert record.facts and all(f.status == "suggested" and f.source == "coding_sheet"
                                for f in [*record.facts, *record.events])
    assert book.count()["facts_accepted"] == 0  # nothing counts before review
    text = book.testimonies.get(first).text
    for f in [*record.facts, *record.events]:  # every fact points at its cell
        assert f.evidence is not None and text[f.evidence.start:f.evidence.end] == f.evidence.quote
    accept_all(book, first)
    got = profile(book.facts.record(first, ["accepted"]))
    assert got["birth_year"] == 1979 and got["origin_nk"] == "회령"
    assert (got["first_crossing_year"], got["first_crossing_month"]) == (1998, 3)
    assert got["exploitation"] == ["forced_marriage"] and got["repatriated"] == 1
    assert got["sales"] == [{"amount": 4000.0, "currency": "RMB", "year": None,
                             "buyer": "korean_chinese", "purpose": None}]
    assert got["hukou_or_id"] == "none"
    t = book.testimonies.get(first)
    assert t.language == "ko" and t.consent.active_scopes() == ["aggregate_statistics",
                                                                 "anonymous_quotation"]
    person = book.persons.get(t.person_id)
    assert (person.pseudonym, person.sex, person.birth_year) == ("진달래", "female", 1979)


def test_unmapped_values_are_listed_with_file_sheet_row_column_and_kept(book, tmp_path):
    path, mapping = planned(tmp_path)
    summary = import_sheet(book, path, mapping)
    lines = [u.line() for u in summary.unmapped]
    assert any("coding.xlsx, sheet '면담 기록', row 6, column G (착취 유형)" in x and "식당 일" in x
               for x in lines)
    t = book.testimonies.get(summary.added[3])
    assert "착취 유형: 식당 일" in t.text  # kept in the record
    assert t.provenance["unmapped"][0]["value"] == "식당 일"
    assert summary.without_consent == [5]  # HN-003 gave no consent: counted, reported
    assert summary.dropped_columns == ["실명"]


def test_dropped_columns_never_reach_the_store(book, tmp_path):
    path, mapping = planned(tmp_path)
    summary = import_sheet(book, path, mapping)
    for tid, row in zip(summary.added, KOREAN_ROWS):
        t = book.testimonies.get(tid)
        assert row[11] not in t.text and "실명" not in t.text
        assert row[11] not in str(t.provenance)


def test_reimport_is_recognised_row_by_row(book, tmp_path):
    path, mapping = planned(tmp_path)
    import_sheet(book, path, mapping)
    again = import_sheet(book, path, mapping)
    assert again.added == [] and again.duplicates == [3, 4, 5, 6]
    assert book.count()["testimonies"] == 4


def test_a_mapping_for_another_sheet_imports_nothing(sqlite_book, tmp_path):
    _path, mapping = planned(tmp_path)
    other = write_xlsx(tmp_path / "other.xlsx", headers=["번호", *KOREAN_HEADERS[1:]])
    with pytest.raises(InvalidInput) as e:
        import_sheet(sqlite_book, other, mapping)
    assert "other.xlsx" in str(e.value) and "사례번호" in str(e.value)
    assert sqlite_book.count()["testimonies"] == 0


def test_a_bad_row_stops_the_whole_import_naming_the_row(sqlite_book, tmp_path):
    _, mapping = planned(tmp_path)
    mapping.columns["면담일"] = Column("interview_date")
    sheet_rows = [[*r, "2019-13-45"] if n == 1 else [*r, "2019-05"]
                  for n, r in enumerate(KOREAN_ROWS)]
    path = write_xlsx(tmp_path / "coding2.xlsx", headers=[*KOREAN_HEADERS, "면담일"],
                      rows=sheet_rows)
    with pytest.raises(InvalidInput) as e:
        import_sheet(sqlite_book, path, mapping)
    assert "coding2.xlsx, sheet '면담 기록', row 4" in str(e.value)
    assert sqlite_book.count()["testimonies"] == 0


def test_bad_numbers_are_listed_not_guessed(sqlite_book, tmp_path):
    rows = [list(r) for r in KOREAN_ROWS]
    rows[0][3] = "모름"
    path, mapping = planned(tmp_path, rows=rows)
    summary = import_sheet(sqlite_book, path, mapping)
    assert any(u.column == "출생년도" and u.value == "모름" for u in summary.unmapped)
    assert profile(sqlite_book.facts.record(summary.added[0]))["birth_year"] is None


def test_values_of_unnamed_or_place_columns_are_never_printed(sqlite_book, tmp_path):
    path, mapping = planned(tmp_path)
    del mapping.columns["가명"]  # a column the mapping does not name: could hold anything
    mapping.columns["고향"] = Column("province_china")  # places are never printed
    summary = import_sheet(sqlite_book, path, mapping)
    unnamed = [u for u in summary.unmapped if u.column == "가명"]
    places = [u for u in summary.unmapped if u.column == "고향"]
    assert len(unnamed) == 4 and len(places) == 4
    for u in unnamed + places:
        assert u.value not in u.line() and "value" not in u.to_dict()
    assert "진달래" in sqlite_book.testimonies.get(summary.added[0]).text  # kept, not shown
