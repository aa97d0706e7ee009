"""Coding-sheet rows: the cells that cannot be read are listed (file, row, column), private
values never printed, and nothing in the row is lost from the testimony text."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput
from casebook.intake.coded import RowReader, Unmapped, code_of, split_values
from casebook.intake.mapping import Column, Mapping, load_mapping, mapping_from_dict
from casebook.intake.sheets import read_sheet
from casebook.intake.spreadsheet import check_columns, prepare_rows


def sheet_of(tmp_path, header: list[str], *rows: list[str], name: str = "log.csv"):
    path = tmp_path / name
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_sheet(path)


def read_one(tmp_path, header, row, columns, fmt="sheet"):
    sheet = sheet_of(tmp_path, header, row)
    return sheet, RowReader(sheet, Mapping(format=fmt, columns=columns)).read(sheet.rows[0])


def test_every_cell_is_in_the_text_and_evidence_points_at_its_own_cell(tmp_path):
    sheet, out = read_one(tmp_path, ["story", "born", "sold"],
                          ["She crossed the river at night", "1981", "2회"],
                          {"story": Column("text"), "born": Column("birth_year"),
                           "sold": Column("times_sold")})
    assert out.text.startswith("She crossed the river at night\n\n[sheet #2]")
    assert "\nborn: 1981" in out.text and "\nsold: 2회" in out.text
    assert out.values["birth_year"] == 1981 and out.values["times_sold"] == 2
    ev = out.evidence["birth_year"]
    assert out.text[ev.start:ev.end] == "1981" == ev.quote
    ev = out.evidence["times_sold"]
    assert out.text[ev.start:ev.end] == "2회"
    assert out.unmapped == []


@pytest.mark.parametrize("header, cell", [("born", "1850"), ("born", "unknown"),
                                           ("month", "13"), ("month", "0")])
def test_numbers_out_of_range_are_listed_with_row_and_column(tmp_path, header, cell):
    target = "birth_year" if header == "born" else "first_crossing_month"
    sheet, out = read_one(tmp_path, ["id", header], ["K-1", cell],
                          {"id": Column("id"), header: Column(target)})
    assert target not in out.values
    [miss] = out.unmapped
    assert miss.where == "log.csv, row 2, column B (" + header + ")"
    assert miss.value == cell and "not a number" in miss.reason
    assert cell in out.text  # kept in the testimony text


def test_a_private_column_value_is_never_printed_in_the_summary(tmp_path):
    # A Chinese province Casebook does not know: the cell may be a village name.
    sheet, out = read_one(tmp_path, ["province", "born"], ["Xiaowangzhuang", "1979"],
                          {"province": Column("province_china"), "born": Column("birth_year")})
    [miss] = out.unmapped
    assert not miss.show
    assert "Xiaowangzhuang" not in miss.line()
    assert "value" not in miss.to_dict()
    assert miss.line().startswith("log.csv, row 2, column A (province): the value ")


def test_unnamed_columns_are_listed_without_their_value(tmp_path):
    sheet, out = read_one(tmp_path, ["story", "phone"], ["text here", "010-1234-5678"],
                          {"story": Column("text")})
    [miss] = out.unmapped
    assert miss.column == "phone" and "mapping does not name" in miss.reason
    assert "010-1234-5678" not in miss.line()


def test_a_drop_column_never_reaches_the_text(tmp_path):
    sheet, out = read_one(tmp_path, ["story", "real name"], ["text here", "Kim Real"],
                          {"story": Column("text"), "real name": Column("drop")})
    assert "Kim Real" not in out.text
    assert out.dropped == ["real name"]
    assert out.unmapped == []


def test_meta_fields_sex_language_and_interview_date(tmp_path):
    columns = {"sex": Column("sex"), "lang": Column("language"), "date": Column("interview_date")}
    _, good = read_one(tmp_path, ["sex", "lang", "date"], ["여", "한국어", "2019년 5월"], columns)
    assert good.meta == {"sex": "female", "language": "ko", "interview_date": "2019-5"}
    _, bad = read_one(tmp_path, ["sex", "lang", "date"], ["?", "Klingon", "last spring"], columns)
    reasons = {u.column: u.reason for u in bad.unmapped}
    assert reasons == {"sex": "is not female or male", "lang": "is not en or ko",
                       "date": "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"}
    assert all(u.show for u in bad.unmapped)  # none of these can be a name or a place
    assert bad.meta == {}


def test_consent_cell_with_an_unknown_scope_lists_it_and_keeps_the_known_one(tmp_path):
    _, out = read_one(tmp_path, ["consent"], ["aggregate_statistics; tell everyone"],
                      {"consent": Column("consent")})
    assert out.meta["consent"] == ["aggregate_statistics"]
    [miss] = out.unmapped
    assert miss.value == "tell everyone" and "not a consent scope" in miss.reason


def test_consent_share_with_an_organisation_by_its_scope(tmp_path):
    _, out = read_one(tmp_path, ["consent"], ["share_with:Bridge"],
                      {"consent": Column("consent")})
    assert out.meta["consent"] == ["share_with:Bridge"]


def test_vocab_values_from_the_mapping_table_and_an_undecided_value(tmp_path):
    col = Column("exploitation", {"강제결혼": "forced_marriage", "식당 일": ""})
    _, out = read_one(tmp_path, ["착취"], ["강제결혼; 식당 일; 강제결혼"], {"착취": col})
    assert out.values["exploitation"] == ["forced_marriage"]  # once, though written twice
    [miss] = out.unmapped
    assert miss.value == "식당 일" and "exploitation code" in miss.reason
    ev = out.evidence["exploitation=forced_marriage"]
    assert out.text[ev.start:ev.end] == "강제결혼"


def test_a_column_separator_overrides_the_mapping_default():
    mapping = Mapping(split="/", columns={"a": Column("exploitation", split="+")})
    assert mapping.separator("a") == "+"
    assert mapping.separator("b") == "/"
    assert Mapping(format="uwazi").separator("x") == "|"
    assert Mapping().separator("x") == ";"
    assert split_values(" a ; ;b;", ";") == ["a", "b"]
    assert split_values(" only ", "") == ["only"]


def test_code_of_prefers_the_mapping_and_treats_empty_as_undecided():
    col = Column("exploitation", {"x": "forced_marriage", "y": ""})
    assert code_of("x", col) == "forced_marriage"
    assert code_of("y", col) is None
    assert code_of("zzz no such thing zzz", col) is None
    assert code_of("anything", Column("surname")) is None  # no vocabulary: nothing to match


def test_amounts_without_a_currency_are_listed_not_guessed(tmp_path):
    _, out = read_one(tmp_path, ["price"], ["5000"], {"price": Column("sale_amount")})
    assert "sales" not in out.values
    [miss] = out.unmapped
    assert miss.value == "5000" and "no currency" in miss.reason


def test_bare_amounts_take_the_mapping_currency_and_bad_pieces_are_listed(tmp_path):
    col = Column("sale_amount", currency="CNY")
    _, out = read_one(tmp_path, ["price"], ["5000 / lots"], {"price": col})
    assert [(s["amount"], s["currency"]) for s in out.values["sales"]] == [(5000.0, "CNY")]
    assert [u.value for u in out.unmapped] == ["lots"]


def test_a_malformed_sales_cell_is_listed_and_a_good_one_read(tmp_path):
    _, out = read_one(tmp_path, ["sales"], ["3000 RMB; 1999 | some money"],
                      {"sales": Column("sales")})
    [sale] = out.values["sales"]
    assert sale["amount"] == 3000.0 and sale["year"] == 1999
    [miss] = out.unmapped
    assert miss.value == "some money" and "amount currency" in miss.reason


def test_an_unknown_currency_column_is_listed(tmp_path):
    _, out = read_one(tmp_path, ["cur"], ["seashells"], {"cur": Column("sale_currency")})
    assert [u.reason for u in out.unmapped] == ["is not a currency"]


def test_uwazi_geolocation_is_never_shown(tmp_path):
    _, out = read_one(tmp_path, ["where_geolocation"], ["42.9;129.5"],
                      {"where_geolocation": Column("origin_nk")}, fmt="uwazi")
    [miss] = out.unmapped
    assert not miss.show and "geolocation" in miss.reason and "129.5" not in miss.line()


def test_unknown_crossing_river_is_listed(tmp_path):
    _, out = read_one(tmp_path, ["river"], ["Mississippi"], {"river": Column("crossing_river")})
    assert "crossing_river" not in out.values
    assert out.unmapped[0].reason == "is not a known crossing river"
    _, ok = read_one(tmp_path, ["river"], ["두만강"], {"river": Column("crossing_river")})
    assert ok.values["crossing_river"] and ok.unmapped == []


def test_first_crossing_date_sets_year_and_month_or_is_listed(tmp_path):
    col = {"crossed": Column("first_crossing_date")}
    _, out = read_one(tmp_path, ["crossed"], ["1998년 3월"], col)
    assert (out.values["first_crossing_year"], out.values["first_crossing_month"]) == (1998, 3)
    _, bad = read_one(tmp_path, ["crossed"], ["after the flood"], col)
    assert "first_crossing_year" not in bad.values
    assert "not a year" in bad.unmapped[0].reason


def test_unmapped_line_and_dict_show_the_value_only_when_allowed():
    shown = Unmapped("f.csv, row 3", "c", "abc", "is odd")
    hidden = Unmapped("f.csv, row 3", "c", "abc", "is odd", show=False)
    assert shown.line() == "f.csv, row 3: 'abc' is odd"
    assert hidden.line() == "f.csv, row 3: the value is odd"
    assert shown.to_dict()["value"] == "abc" and "value" not in hidden.to_dict()


def test_a_mapping_made_for_another_sheet_stops_naming_the_missing_columns(tmp_path):
    sheet = sheet_of(tmp_path, ["story", "born"], ["text", "1980"])
    mapping = Mapping(columns={"story": Column("text"), "출생": Column("birth_year")})
    with pytest.raises(InvalidInput) as exc:
        check_columns(sheet, mapping)
    msg = str(exc.value)
    assert "log.csv" in msg and "출생" in msg and "--plan" in msg and "\n" not in msg
    with pytest.raises(InvalidInput):
        prepare_rows(sheet, mapping)


def test_a_bad_interview_date_in_meta_names_the_row(tmp_path):
    sheet = sheet_of(tmp_path, ["story", "when"], ["A long story of hers", "2019"])
    mapping = Mapping(columns={"story": Column("text"), "when": Column("interview_date")})
    [p] = prepare_rows(sheet, mapping)
    assert p.testimony.interview_date.year == 2019
    assert p.testimony.file_name == "log.csv#2"
    # The row's own date wins over a default, so a bad default is harmless here...
    [p] = prepare_rows(sheet, mapping, defaults={"interview_date": "2019-13"})
    assert p.testimony.interview_date.month is None
    sheet2 = sheet_of(tmp_path, ["story"], ["A long story of hers"], name="other.csv")
    with pytest.raises(InvalidInput) as exc:
        prepare_rows(sheet2, Mapping(columns={"story": Column("text")}),
                     defaults={"interview_date": "2019-13"})
    assert str(exc.value).startswith("other.csv, row 2: ")
    assert "A long story" not in str(exc.value)


def test_prepared_rows_without_consent_have_no_scopes_and_language_is_detected(tmp_path):
    sheet = sheet_of(tmp_path, ["story"], ["그녀는 밤에 강을 건넜다고 말했다"])
    [p] = prepare_rows(sheet, Mapping(columns={"story": Column("text")}))
    assert p.testimony.language == "ko"
    assert not p.testimony.consent.active_scopes()
    assert p.person.pseudonym.startswith("Survivor ")


def test_mapping_problems_are_all_reported_in_one_message(tmp_path):
    with pytest.raises(InvalidInput) as exc:
        mapping_from_dict({"format": "excel", "language": "fr", "columns": {
            "a": {"to": "nonsense"}, "b": 7, "c": {"to": "exploitation",
                                                   "values": {"x": "not_a_code"}}}})
    msg = str(exc.value)
    for part in ("'excel'", "'fr'", "unknown target 'nonsense'", "column 'b'", "'not_a_code'"):
        assert part in msg


def test_load_mapping_names_the_file_on_bad_toml_and_missing_file(tmp_path):
    bad = tmp_path / "m.toml"
    bad.write_text("columns = [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInput, match="m.toml: not valid TOML"):
        load_mapping(bad)
    with pytest.raises(InvalidInput, match="cannot read the mapping"):
        load_mapping(tmp_path / "absent.toml")
    good = tmp_path / "ok.toml"
    good.write_text('sheet = "면담"\n[columns."출생"]\nto = "birth_year"\n', encoding="utf-8")
    m = load_mapping(good)
    assert m.sheet == "면담" and m.columns["출생"].target.number
