"""Tables count what they should; the report is self-contained, bilingual and redacted."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from casebook.errors import InvalidInput
from casebook.publish.dataset import Dataset
from casebook.publish.intervals import quantiles, wilson
from casebook.publish.redact import redact
from casebook.publish.report import build_content, render_html, write_report
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, NOT_STATED, STATED, compute_tables


def test_wilson_matches_the_formula_and_edges():
    lo, hi = wilson(10, 20)
    assert (round(lo, 4), round(hi, 4)) == (0.2993, 0.7007)
    assert wilson(0, 10)[0] == 0.0 and 0.27 < wilson(0, 10)[1] < 0.29
    assert wilson(10, 10)[1] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        wilson(3, 2)
    assert quantiles([1, 2, 3, 4]) == [1.75, 2.5, 3.25]


@pytest.mark.parametrize("price,band", [(2000, "le_2000"), (2001, "2001_5000"), (5000, "2001_5000"),
                                        (8000, "5001_8000"), (8001, "gt_8000")])
def test_hrnk_price_bands_edges(price, band, person):
    (t,) = compute_tables(Dataset([person(1, price=price)]), ["price_rmb"])
    assert t.raw(band, ALL) == 1


def test_missing_is_counted_and_n_excludes_it(person):
    rows = [person(i, times_sold=1) for i in range(30)]
    rows += [person(100 + i, times_sold=None) for i in range(12)]
    (t,) = compute_tables(Dataset(rows), ["times_sold"])
    assert t.raw(NOT_STATED, ALL) == 12 and t.raw(STATED, ALL) == 30 and t.raw(ALL, ALL) == 42
    p = t.proportion("1")
    assert p["p"] == 1.0 and p["n"] == 30 and p["base"] == "stated"


def test_by_and_period_split_columns(person):
    rows = [person(i, crossing=1998 + i % 10, origin="Hyesan" if i % 2 else "Musan")
            for i in range(40)]
    (t,) = compute_tables(Dataset(rows), ["pathway"], by="origin_province")
    assert set(t.col_categories) >= {"Ryanggang", "North Hamgyong"}
    assert t.raw(ALL, "Ryanggang") == 20
    (p,) = compute_tables(Dataset(rows), ["pathway"], period="5")
    assert p.col_var == "period:crossing:5" and p.raw(ALL, "1995-1999") == 8
    (r,) = compute_tables(Dataset(rows), ["pathway"], period="2000-2003")
    assert r.raw(ALL, ALL) == 16
    with pytest.raises(InvalidInput):
        compute_tables(Dataset(rows), ["pathway"], by="nonsense")


def test_redaction_removes_names_places_and_exact_dates():
    text = ("My name is Kim Sun-hee. On 3 March 2001 I left Hoeryong with Mr. Jang. "
            "I was sold in Sangjang village near Yanji on 2003-05-14.")
    out = redact(text, ["Kim Sun-hee"])
    for gone in ("Kim", "Sun-hee", "Hoeryong", "Jang", "Sangjang", "Yanji", "March", "05-14"):
        assert gone not in out, (gone, out)
    assert "2001" in out and "2003" in out and "North Hamgyong" in out
    ko = redact("2001년 3월 12일 회령에서 박영희와 건넜다.", ["박영희"], "ko")
    assert "회령" not in ko and "박영희" not in ko and "12일" not in ko


@pytest.fixture(scope="module")
def content():
    return build_content(synthetic_dataset(300, seed=4), quotes=4)


def test_report_html_is_self_contained_and_protected(content):
    page = render_html(content, "en")
    assert page.count("<svg") >= 8
    assert not re.search(r"(src|href)=['\"]?(https?:|//|file:)", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "Methods" in page and "k = 11" in page and "Missing per field" in page
    for q in content.quotes:
        assert not re.search(r"\b(Kim|Park|Lee|Choi|Jang) [A-Z]", q["text"])
        assert "March" not in q["text"]
    for t in content.tables + content.trends:
        for rg in t.row_groups:
            for cg in t.col_groups:
                v = t.value(rg, cg)
                assert v is None or not 0 < t.raw(rg, cg) < 11


def test_report_in_korean_uses_korean_labels(content):
    page = render_html(content, "ko")
    assert "인신매매 경로" in page and "방법" in page and "<html lang='ko'>" in page


@pytest.mark.slow
def test_pdf_is_written(tmp_path):
    out = tmp_path / "r.html"
    written = write_report(synthetic_dataset(120, seed=8), out, lang="ko", pdf=True, quotes=2)
    pdf = written[1].read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_cli_stats_and_report(tmp_path):
    from casebook.cli.main import app

    src = tmp_path / "ds.json"
    src.write_text(synthetic_dataset(150, seed=3).to_json())
    runner = CliRunner()
    res = runner.invoke(app, ["stats", "times_sold", "--publish", "--format", "json",
                              "--dataset-json", str(src)])
    assert res.exit_code == 0, res.output
    (table,) = json.loads(res.output)
    assert table["k"] == 11
    assert all(c["count"] is None or c["count"] == 0 or c["count"] >= 11 for c in table["cells"])
    res = runner.invoke(app, ["stats", "--format", "csv", "--dataset-json", str(src)])
    assert res.exit_code == 0 and res.output.startswith("table,row,column")
    res = runner.invoke(app, ["report", "--out", str(tmp_path / "r.html"), "--lang", "ko",
                              "--dataset-json", str(src)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_labels_fit_their_table():
    from casebook.publish.labels import category

    assert category("repatriations", "0") == "never"
    assert category("times_sold", "0") == "never sold"
    assert category("children_in_china", "1") == "one"
    assert category("pathway", "abducted", "ko") != category("pathway", "abducted", "en")


def test_cli_epsilon_spends_the_budget_file(tmp_path):
    from casebook.cli.main import app

    src = tmp_path / "ds.json"
    src.write_text(synthetic_dataset(120, seed=6).to_json())
    budget = tmp_path / "budget.json"
    runner = CliRunner()
    args = ["stats", "pathway", "--dataset-json", str(src), "--budget-file", str(budget)]
    first = runner.invoke(app, args + ["--epsilon", "1.5"])
    assert first.exit_code == 0, first.output
    assert "differentially private" in first.output
    assert json.loads(budget.read_text())["releases"][0]["epsilon"] == 1.5
    second = runner.invoke(app, args + ["--epsilon", "1.0"])
    from casebook.errors import DisclosureRisk

    assert second.exit_code != 0
    assert isinstance(second.exception, DisclosureRisk)
    assert len(json.loads(budget.read_text())["releases"]) == 1


def test_quotes_skip_headers_and_interviewer_questions(person):
    from casebook.model.consent import AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION
    from casebook.publish.redact import quote_for

    text = ("Interviewee: Ms. Ryu (pseudonym), born 1980, from Onsong\n\n"
            "[How did you leave?]\n\n"
            "In the spring of 2002 a neighbour offered me work in a restaurant over the river. "
            "Q: Did you believe her? I believed her because we had nothing to eat at home.")
    row = person(1, scopes=[AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION], text=text,
                 names=["Ryu"])
    quote = quote_for(row)
    assert quote.startswith("In the spring of 2002")
    assert "Interviewee" not in quote and "Ryu" not in quote and "Onsong" not in quote
    assert "Did you believe" not in quote and "How did you leave" not in quote


def test_a_broker_named_only_in_a_planned_sale_is_removed_from_quotes(person):
    """A planned (foiled) sale is not counted, but the broker's name in it is still in her
    words: the quote must not carry it (nor after the row goes through its JSON form)."""
    from casebook.model import ACCEPTED, Event, Involvement
    from casebook.model.consent import AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION
    from casebook.model.mood import PLANNED, with_mood
    from casebook.publish.dataset import PersonRow
    from casebook.publish.redact import quote_for

    text = ("In the spring of 2002 a neighbour offered me work in a restaurant over the river. "
            "The broker Pak Yong-nam wanted to sell me to a farmer, but I ran away that night.")
    row = person(1, scopes=[AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION], text=text)
    planned = Event("sale", status=ACCEPTED, attributes=with_mood({}, PLANNED, was_foiled=True),
                    involvements=[Involvement("perpetrator", "broker", who="Pak Yong-nam")])
    row = PersonRow(row.person_id, consent=row.consent, profile=row.profile,
                    events=[*row.events, planned], text_for_quotes=text)
    assert planned not in row.events  # not counted ...
    for r in (row, PersonRow.from_dict(row.to_dict())):
        quote = quote_for(r)
        assert quote and "ran away" in quote  # ... but the sentence is quoted
        assert "Pak Yong-nam" not in quote and "Pak" not in quote
