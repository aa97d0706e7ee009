"""--plan: a mapping proposed from Korean and English headers and sample values."""

from __future__ import annotations

import pytest
from interop.sheet_files import KOREAN_ROWS, write_csv, write_xlsx

from casebook.errors import InvalidInput
from casebook.intake.mapping import load_mapping, mapping_from_dict
from casebook.intake.plan import propose, render_plan, target_of_header
from casebook.intake.sheets import read_sheet

ENGLISH_HEADERS = ["Case no", "Pseudonym", "Gender", "Year of birth", "Hometown", "Crossing date",
                   "Type of exploitation", "Buyer ethnicity", "Price (RMB)", "Times repatriated",
                   "Hukou", "Real name", "Consent", "Interview notes"]


def plans_of(path):
    sheet = read_sheet(path)
    return sheet, {p.header: p for p in propose(sheet)}


@pytest.mark.parametrize("headers", [None, ENGLISH_HEADERS], ids=["korean", "english"])
def test_headers_in_korean_and_english_find_their_targets(tmp_path, headers):
    kw = {"headers": headers} if headers else {}
    sheet, plans = plans_of(write_xlsx(tmp_path / "c.xlsx", **kw))
    got = [plans[h].to for h in sheet.headers]
    assert got == ["id", "pseudonym", "sex", "birth_year", "origin_nk", "first_crossing_date",
                   "exploitation", "buyer", "sale_amount", "repatriated", "hukou_or_id", "drop",
                   "consent", "text"]


def test_values_map_to_codes_through_labels_and_synonyms(tmp_path):
    _, plans = plans_of(write_xlsx(tmp_path / "c.xlsx"))
    buyer = plans["구매자 민족"].values
    assert buyer == {"조선족": "korean_chinese", "한족": "han_chinese", "KC": "korean_chinese",
                     "Korean-Chinese": "korean_chinese"}
    assert plans["착취 유형"].values["식당 일"] == ""  # undecided, for the user
    assert plans["착취 유형"].values["화상채팅"] == "cybersex"
    assert plans["성별"].values == {"여": "female", "여성": "female", "F": "female"}
    assert plans["동의"].values["통계"] == "aggregate_statistics"
    assert plans["매매 가격(위안)"].currency == "RMB" and plans["매매 가격(위안)"].split is None


def test_a_header_that_says_nothing_is_judged_by_its_values(tmp_path):
    rows = [[r[6], r[7], r[13] or "아주 긴 이야기가 이어진다. " * 6] for r in KOREAN_ROWS]
    _, plans = plans_of(write_xlsx(tmp_path / "c.xlsx", headers=["A", "B", "C"], rows=rows,
                                   title=None))
    assert plans["A"].to == "exploitation" and "exploitation labels" in plans["A"].why
    # 조선족 / KC name a buyer and a broker alike: the plan asks instead of guessing
    assert plans["B"].to == "ignore" and "buyer" in plans["B"].why
    assert plans["C"].to == "text"


def test_the_written_plan_loads_back_and_holds_no_free_text_or_names(tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx")
    sheet = read_sheet(path)
    text = render_plan(propose(sheet), sheet, "sheet", None, path.name)
    out = tmp_path / "m.toml"
    out.write_text(text, encoding="utf-8")
    mapping = load_mapping(out)
    assert mapping.sheet == "면담 기록" and mapping.columns["실명"].to == "drop"
    assert mapping.columns["구매자 민족"].values["KC"] == "korean_chinese"
    for row in KOREAN_ROWS:
        assert row[11] not in text  # the real names of the dropped column
        if row[13]:
            assert row[13] not in text  # no testimony text
    assert "# UNMAPPED: one of forced_marriage" in text


def test_a_mapping_with_a_wrong_code_or_target_names_every_problem():
    with pytest.raises(InvalidInput) as e:
        mapping_from_dict({"columns": {"가": {"to": "nonsense"},
                                       "나": {"to": "buyer", "values": {"x": "martian"}}}})
    msg = str(e.value)
    assert "'가'" in msg and "nonsense" in msg and "martian" in msg and "korean_chinese" in msg


def test_header_words():
    assert target_of_header("출생 연도") == "birth_year"
    assert target_of_header("Birth Year") == "birth_year"
    assert target_of_header("연락처(휴대폰)") == "drop"
    assert target_of_header("???") is None


def test_plan_from_csv_matches_xlsx(tmp_path):
    _, a = plans_of(write_xlsx(tmp_path / "c.xlsx"))
    _, b = plans_of(write_csv(tmp_path / "c.csv"))
    assert {h: p.to for h, p in a.items()} == {h: p.to for h, p in b.items()}


def test_names_in_a_column_that_looks_coded_never_reach_the_mapping_file(tmp_path):
    # a "broker" column holding the brokers' names, not codes: nothing of it is copied
    names = ["장○철", "Mr. Jang", "왕 사장", "조선족"]
    rows = [[r[0], name] for r, name in zip(KOREAN_ROWS, names)]
    path = write_xlsx(tmp_path / "c.xlsx", headers=["사례번호", "브로커"], rows=rows, title=None)
    sheet = read_sheet(path)
    plans = {p.header: p for p in propose(sheet)}
    assert plans["브로커"].to == "recruiter_relation"
    text = render_plan(list(plans.values()), sheet, "sheet", None, path.name)
    for name in ("장○철", "Mr. Jang", "왕 사장"):
        assert name not in text
    assert "values are not copied here" in text
