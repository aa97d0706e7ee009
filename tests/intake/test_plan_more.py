"""A proposed mapping is a TOML file the import reads back as the same mapping, whatever the
headers are called (Korean, quotes, backslashes)."""

from __future__ import annotations

import tomllib

from casebook.intake.mapping import mapping_from_dict
from casebook.intake.plan import mapping_of, propose, render_plan
from casebook.intake.sheets import read_sheet


def test_the_rendered_plan_reads_back_as_the_plan(tmp_path):
    path = tmp_path / "면담.csv"
    path.write_text('구술 내용,출생년도,"the ""odd"" \\ one",착취 유형\n'
                    "그녀는 강을 건넜다,1979,x,강제결혼\n"
                    "She was sold twice,1981,y,강제결혼\n", encoding="utf-8")
    sheet = read_sheet(path)
    plans = propose(sheet)
    assert [p.header for p in plans] == sheet.headers
    text = render_plan(plans, sheet, "sheet", None, path.name)
    assert text.startswith(f"# Mapping for {path.name} proposed")
    back = mapping_from_dict(tomllib.loads(text), path.name)
    expected = mapping_of(plans, sheet, "sheet", None)
    assert {h: c.to for h, c in back.columns.items()} == \
        {h: c.to for h, c in expected.columns.items()}
    assert {h: c.values for h, c in back.columns.items()} == \
        {h: c.values for h, c in expected.columns.items()}
    assert back.split == ";" and back.format == "sheet"
    assert 'the "odd" \\ one' in back.columns


def test_uwazi_plans_split_on_bars_and_name_their_header_row(tmp_path):
    path = tmp_path / "uwazi.csv"
    path.write_text("Export\nTitle,Date\nA,2019\nB,2020\n", encoding="utf-8")
    sheet = read_sheet(path, header_row=2)
    plans = propose(sheet, "uwazi", 2)
    text = render_plan(plans, sheet, "uwazi", 2, path.name)
    back = mapping_from_dict(tomllib.loads(text))
    assert back.format == "uwazi" and back.header_row == 2 and back.split == "|"
    assert set(back.columns) == {"Title", "Date"}
