"""How single cells are read: numbers, dates, consent, prices, Uwazi labels, mapping checks."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput
from casebook.exchange import uwazi
from casebook.exchange.htcds import merge_profiles
from casebook.exchange.kanon import generalise
from casebook.intake.coded import RowReader, _number, _year_month
from casebook.intake.mapping import Column, Mapping, mapping_from_dict
from casebook.intake.sheets import Row, Sheet


@pytest.mark.parametrize("cell, expected", [
    ("3", 3), ("3회", 3), ("1,200", 1200), ("1982년", 1982), ("three", 3), ("두 번", 2),
    ("twice", 2), ("모름", None), ("", None)])
def test_numbers_as_coding_sheets_write_them(cell, expected):
    assert _number(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("1998-03", (1998, 3)), ("1998.3", (1998, 3)), ("1998년 3월", (1998, 3)),
    ("2004", (2004, None)), ("2004-13", (2004, None)), ("spring", (None, None))])
def test_crossing_dates(cell, expected):
    assert _year_month(cell) == expected


def read(cells: dict[str, str], columns: dict[str, Column], fmt: str = "sheet"):
    sheet = Sheet("t.csv", "", list(cells), [Row(2, cells)])
    return RowReader(sheet, Mapping(format=fmt, columns=columns)).read(sheet.rows[0])


def test_a_yes_no_consent_column_grants_the_scope_its_mapping_names():
    col = Column("consent", {"yes": "aggregate_statistics;anonymous_quotation"})
    assert read({"동의": "O"}, {"동의": col}).meta["consent"] == ["aggregate_statistics",
                                                                "anonymous_quotation"]
    assert read({"동의": "X"}, {"동의": col}).meta["consent"] == []


def test_consent_scopes_by_name_label_and_uwazi_group():
    row = read({"c": "통계; share_with:Bridge of Light"}, {"c": Column("consent")})
    assert row.meta["consent"] == ["aggregate_statistics", "share_with:Bridge of Light"]
    row = read({"c": "Share with an organisation::Hanul|Anonymous quotation"},
               {"c": Column("consent")}, "uwazi")
    assert row.meta["consent"] == ["share_with:Hanul", "anonymous_quotation"]
    bad = read({"c": "maybe"}, {"c": Column("consent")})
    assert bad.unmapped[0].value == "maybe" and "consent scope" in bad.unmapped[0].reason


def test_prices_with_their_currency_several_in_a_cell_and_bare_ones():
    row = read({"p": "3,000 위안; RMB 5000", "b": "KC"},
               {"p": Column("sale_amount"), "b": Column("buyer")})
    assert [(s["amount"], s["currency"], s["buyer"]) for s in row.values["sales"]] == \
        [(3000.0, "RMB", "korean_chinese"), (5000.0, "RMB", None)]
    assert row.evidence["sales.1"].quote == "RMB 5000"
    bare = read({"p": "4000"}, {"p": Column("sale_amount")})
    assert "sales" not in bare.values and "has no currency" in bare.unmapped[0].reason
    priced = read({"p": "4000"}, {"p": Column("sale_amount", currency="USD")})
    assert priced.values["sales"][0]["currency"] == "USD"


def test_a_sale_without_a_price_is_still_a_sale():
    row = read({"b": "한족"}, {"b": Column("buyer")})
    assert row.values["sales"] == [{"amount": None, "currency": None, "year": None,
                                    "buyer": "han_chinese", "purpose": None}]


def test_casebooks_own_sales_cell():
    row = read({"s": "3000 RMB; 1999; korean_chinese; marriage | 200 USD; ; Han Chinese"},
               {"s": Column("sales")}, "uwazi")
    assert row.values["sales"] == [
        {"amount": 3000.0, "currency": "RMB", "year": 1999, "buyer": "korean_chinese",
         "purpose": "marriage"},
        {"amount": 200.0, "currency": "USD", "year": None, "buyer": "han_chinese",
         "purpose": None}]


def test_two_language_columns_name_one_key_once():
    row = read({"E__en": "Forced marriage|Sexual exploitation::Cybersex",
                "E__ko": "강제 결혼|성착취::화상 채팅 성착취"},
               {"E__en": Column("exploitation"), "E__ko": Column("exploitation")}, "uwazi")
    assert row.values["exploitation"] == ["forced_marriage", "cybersex"]


def test_places_are_normalised_or_listed_without_their_value():
    row = read({"p": "흑룡강성", "o": "함경북도 회령군"},
               {"p": Column("province_china"), "o": Column("origin_nk")})
    assert row.values == {"province_china": "Heilongjiang", "origin_nk": "회령"}
    odd = read({"p": "어딘가"}, {"p": Column("province_china")})
    assert odd.unmapped and "어딘가" not in odd.unmapped[0].line()


def test_mapping_checks_format_language_currency_and_accepts_shorthand():
    with pytest.raises(InvalidInput) as e:
        mapping_from_dict({"format": "xml", "language": "fr",
                           "columns": {"p": {"to": "sale_amount", "currency": "doubloons"},
                                       "n": {"values": {}}}})
    for word in ("xml", "fr", "doubloons", "'n'"):
        assert word in str(e.value)
    m = mapping_from_dict({"format": "uwazi", "columns": {"출생년도": "birth_year"}})
    assert m.columns["출생년도"].to == "birth_year" and m.separator("출생년도") == "|"


def test_uwazi_labels_headers_and_builtin_mapping():
    assert uwazi.label("exploitation", "cybersex", "en") == \
        "Sexual exploitation::Cybersex (webcam) exploitation"
    assert uwazi.label("Sex", "female", "ko") == "여성"
    assert uwazi.base_header("Exploitation__ko") == "Exploitation"
    assert uwazi.base_header("Origin_geolocation") == "Origin_geolocation"
    mapping = uwazi.builtin_mapping(["Title", "Casebook ID", "Exploitation__en", "Extra"])
    assert {h: c.to for h, c in mapping.columns.items()} == {
        "Title": "pseudonym", "Casebook ID": "id", "Exploitation__en": "exploitation"}


def test_generalise_replaces_exact_age_and_dates():
    row = generalise({"prs_Birthdate": "1980", "vic_AgeWhenTrafficked": "19",
                      "hte_Date": "1999-04", "prs_Gender": "Feminine"}, 19)
    assert row == {"hte_Date": "1999", "prs_Gender": "Feminine", "ageBroad": "18--20"}


def test_several_testimonies_of_one_woman_merge():
    merged = merge_profiles([
        {"birth_year": None, "exploitation": ["forced_marriage"], "repatriated": 1},
        {"birth_year": 1980, "exploitation": ["prostitution", "forced_marriage"],
         "repatriated": 2}])
    assert merged == {"birth_year": 1980, "exploitation": ["forced_marriage", "prostitution"],
                      "repatriated": 2}
