"""The published report: one self-contained HTML file (charts inline), optionally a PDF.

Everything in it comes from tables that passed disclosure control together (so a number
hidden in one table is hidden in all), from quotes that passed consent and redaction, and from
a methods section that says what was counted and what was hidden.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

from casebook.errors import DisclosureRisk, InvalidInput
from casebook.publish import charts, labels
from casebook.publish.dataset import Dataset
from casebook.publish.disclosure import DEFAULT_K, protect
from casebook.publish.privacy import release
from casebook.publish.redact import select_quotes
from casebook.publish.tables import (
    ALL,
    NOT_STATED,
    STATED,
    TABLE_NAMES,
    Classified,
    Period,
    Table,
    compute_table,
    no_gc,
    restrict,
)

CHARTED = ("pathway", "exploitation", "times_sold", "price_rmb", "age_first_sale",
           "origin_province", "repatriations", "crossing_to_sale")
TREND_TABLES = ("price_rmb", "price_usd")

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: counter(page); font-size: 8pt; color: #777; } }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Noto Sans", "DejaVu Sans", sans-serif;
  color: #222; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45;
  font-size: 10.5pt; }
h1 { font-size: 18pt; line-height: 1.25; margin-bottom: .2rem; }
h2 { font-size: 13.5pt; border-bottom: 2px solid #2f5d8a; padding-bottom: .15rem;
  margin-top: 1.6rem; break-after: avoid; }
h3 { font-size: 11pt; margin: 1rem 0 .3rem; break-after: avoid; }
.meta { color: #555; font-size: 9.5pt; }
figure { margin: .6rem 0 1rem; break-inside: avoid; }
figure svg { width: 84%; height: auto; }
figcaption { font-size: 8.5pt; color: #555; }
table { border-collapse: collapse; margin: .3rem 0 1rem; font-size: 9pt; break-inside: avoid; }
th, td { padding: .15rem .55rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 1.5px solid #444; }
tr.agg td { color: #555; font-style: italic; }
td.hidden { color: #999; font-style: italic; }
.summary { background: #f3f6f9; padding: .6rem 1rem; border-left: 4px solid #2f5d8a; }
blockquote { margin: .6rem 0; padding: .4rem .9rem; border-left: 3px solid #bbb; color: #333;
  font-style: italic; break-inside: avoid; }
.block { break-inside: avoid; }
"""


@dataclass
class ReportContent:
    """What the report shows, already protected: the HTML is only its rendering."""

    tables: list[Table]
    trends: list[Table]
    quotes: list[dict]
    n_counted: int | None
    k: int
    rounding: int | None
    period: Period | None
    epsilon: float | None = None
    as_of: dt.date = field(default_factory=dt.date.today)


def build_content(ds: Dataset, period: str | None = None, k: int = DEFAULT_K,
                  rounding: int | None = None, epsilon: float | None = None, ledger=None,
                  quotes: int = 5, trend_width: int = 5) -> ReportContent:
    """Compute and protect every table of the report together (or release them with noise)."""
    p = Period.parse(period)
    if p is not None and p.width:
        trend_width, p = p.width, None  # a width here means the trend periods
    cl = Classified(restrict(ds, p))
    if len(cl.ds) < k:
        raise DisclosureRisk(f"only {len(cl.ds)} persons consent to statistics; a report "
                             f"needs at least k={k}")
    tables = [compute_table(cl, name) for name in TABLE_NAMES]
    trends = [compute_table(cl, name, period=Period(width=trend_width)) for name in TREND_TABLES]
    if epsilon is not None:
        if ledger is None:
            raise InvalidInput("--epsilon needs the casebook's privacy budget ledger")
        release(tables + trends, epsilon, ledger, f"report ({len(tables + trends)} tables)", k)
    else:
        protect(tables + trends, k=k, rounding=rounding)
    scope = restrict(ds, p)
    return ReportContent(tables, trends, select_quotes(scope, quotes) if quotes else [],
                         tables[0].value(ALL), k, rounding, p, epsilon, ds.as_of or dt.date.today())


def _e(s: object) -> str:
    return html.escape(str(s))


def _fmt_count(t: Table, rg: str, cg: str = ALL) -> str:
    v = t.value(rg, cg)
    return "—" if v is None else f"{v:,}"


def table_html(t: Table, lang: str) -> str:
    L = lambda key: labels.text(key, lang)
    head = (f"<tr><th>{L('category')}</th><th>{L('count')}</th><th>{L('share')}</th>"
            f"<th>{L('ci')}</th></tr>")
    body = []
    for rg in t.row_categories + (NOT_STATED, STATED, ALL):
        if rg in t.row_categories and t.raw(rg, ALL) == 0:
            continue
        v = t.value(rg)
        p = t.proportion(rg) if rg != NOT_STATED else None
        cls = ' class="agg"' if rg in (NOT_STATED, STATED, ALL) else ""
        if v is None:
            cells = f'<td class="hidden">{L("suppressed")}</td><td></td><td></td>'
        elif p:
            cells = (f"<td>{v:,}</td><td>{100 * p['p']:.0f}%</td>"
                     f"<td>{100 * p['lo']:.0f}–{100 * p['hi']:.0f}%</td>")
        else:
            cells = f"<td>{v:,}</td><td></td><td></td>"
        body.append(f"<tr{cls}><td>{_e(labels.category(t.name, rg, lang))}</td>{cells}</tr>")
    extra = ""
    if t.summary.get(ALL):
        s = t.summary[ALL]
        extra = (f"<p class='meta'>{L('median')}: {s['median']:,.0f} ({s['q1']:,.0f}–"
                 f"{s['q3']:,.0f}) {_e(s['unit'])}</p>")
    return (f"<div class='block'><h3>{_e(labels.title(t.name, lang))}</h3><table><thead>{head}"
            f"</thead><tbody>{''.join(body)}</tbody></table>{extra}</div>")


def _missing_rows(content: ReportContent, lang: str) -> str:
    rows = []
    for t in content.tables:
        v = t.value(NOT_STATED)
        n = t.value(ALL)
        share = f"{100 * v / n:.0f}%" if v is not None and n else ""
        rows.append(f"<tr><td>{_e(labels.title(t.name, lang))}</td>"
                    f"<td>{'—' if v is None else f'{v:,}'}</td><td>{share}</td></tr>")
    return (f"<table><thead><tr><th></th><th>{labels.category('', NOT_STATED, lang)}</th>"
            f"<th>%</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _methods(content: ReportContent, lang: str) -> str:
    hidden = sum(len(t.suppressed) for t in content.tables + content.trends)
    primary = sum(len(t.primary) for t in content.tables + content.trends)
    k = content.k
    if lang == "ko":
        parts = [
            f"<p><b>집계 대상.</b> {content.as_of.isoformat()} 기준으로 통계 이용(aggregate "
            "statistics)에 동의한 사람만 집계했습니다. 동의를 철회한 사람은 모든 표와 그림에서 "
            "제외됩니다. 검토자가 승인한 사실만 사용했습니다. 단위는 사람이며, 한 사람은 각 표에서 "
            "한 범주에만 속합니다(여러 경로가 언급되면 정해진 우선순위의 첫 번째). 가격은 "
            "첫 매매 가격(명목 위안, 또는 당해 연도 미화)입니다.</p>",
            f"<p><b>공개 통제.</b> {k}명 미만의 칸은 공개하지 않았습니다(1차 비공개 {primary}칸). "
            "행·열 합계나 다른 표의 합계로부터 역산되지 않도록 추가 칸도 비공개로 했습니다"
            f"(전체 비공개 {hidden}칸). 모든 표와 변수를 공유하는 표 쌍에 대해 선형계획법으로 "
            f"각 비공개 칸이 가질 수 있는 범위를 계산해 그 폭이 {k} 이상임을 확인했습니다. "
            "날짜는 연도로, 장소는 도·성 단위로 묶었습니다.</p>",
            "<p><b>불확실성.</b> 비율 옆의 구간은 95% 윌슨 신뢰구간입니다. 이 증언들은 무작위 "
            "표본이 아니므로 구간은 표본 크기만 반영합니다.</p>",
        ]
    else:
        parts = [
            f"<p><b>What was counted.</b> Only persons whose consent covered aggregate statistics "
            f"on {content.as_of.isoformat()} are counted; anyone who withdrew that consent is "
            "absent from every table and figure. Only facts a reviewer accepted are used. The "
            "unit is the person, and each person falls in exactly one category of each table "
            "(when several pathways or forms of exploitation are stated, the first in a fixed "
            "order of precedence is used). Prices are those of her first sale, in nominal RMB "
            "or in US dollars of the year of the sale.</p>",
            f"<p><b>Disclosure control.</b> No cell counting fewer than {k} persons is shown "
            f"({primary} cells hidden for that reason). Further cells were hidden so that no "
            "hidden number can be worked back from row, column or grand totals, in one table "
            f"or across tables ({hidden} hidden cells in all). This was checked by solving, for "
            "every table and every pair of tables sharing a variable, the smallest and largest "
            f"value each hidden cell could take: every range is at least {k} wide. Dates are "
            "reduced to years and places to provinces before counting.</p>",
            "<p><b>Uncertainty.</b> Intervals are 95% Wilson score intervals for the share. "
            "These testimonies are not a random sample of all women trafficked; the intervals "
            "reflect sample size only.</p>",
        ]
    if content.rounding:
        parts.append(f"<p>Counts are rounded to multiples of {content.rounding}.</p>")
    if content.epsilon is not None:  # noise replaces the suppression audit described above
        acc = content.tables[0].noise["accuracy95"] if content.tables[0].noise else 0
        parts[1] = f"<p>{labels.text('dp_note', lang, eps=content.epsilon, acc=round(acc))} " \
                   f"{labels.text('dp_hidden', lang, k=k)}</p>"
    parts.append(f"<h3>{labels.text('missing', lang)}</h3>{_missing_rows(content, lang)}")
    return "".join(parts)


def _summary(content: ReportContent, lang: str) -> str:
    items = []
    for t in content.tables:
        if t.name not in ("pathway", "times_sold", "price_rmb", "repatriations"):
            continue
        best = [(p, c) for c in t.row_categories
                if (p := t.proportion(c)) is not None and p["p"] > 0]
        if not best:
            continue
        p, c = max(best, key=lambda x: x[0]["p"])
        items.append(f"<li>{_e(labels.title(t.name, lang))}: <b>"
                     f"{_e(labels.category(t.name, c, lang))}</b> {100 * p['p']:.0f}% "
                     f"({100 * p['lo']:.0f}–{100 * p['hi']:.0f}%, n = {p['n']})</li>")
    n = content.n_counted
    head = f"{labels.text('persons_counted', lang)}: <b>{'—' if n is None else n}</b>"
    return f"<div class='summary'><p>{head}</p><ul>{''.join(items)}</ul></div>"


def render_html(content: ReportContent, lang: str = "en") -> str:
    if lang not in ("en", "ko"):
        raise InvalidInput(f"--lang {lang}: use en or ko")
    figs = []
    by_name = {t.name: t for t in content.tables}
    skipped = []
    for name in CHARTED:
        if not any((by_name[name].proportion(c) or {"p": 0})["p"] > 0
                   for c in by_name[name].row_categories):
            skipped.append(labels.title(name, lang))
            continue
        note = _e(labels.text("suppressed_note", lang, k=content.k))
        figs.append(f"<figure>{charts.bar_chart(by_name[name], lang)}<figcaption>"
                    f"{note}</figcaption></figure>")
        if name == "price_rmb":
            for trend in content.trends:
                svg = charts.price_trend_chart(trend, lang)
                if svg:
                    figs.append(f"<figure>{svg}</figure>")
    if skipped:
        figs.append(f"<p class='meta'>{_e(labels.text('all_hidden', lang, k=content.k))}: "
                    f"{_e(', '.join(skipped))}</p>")
    quotes = "".join(f"<blockquote lang='{_e(q['language'])}'>{_e(q['text'])}</blockquote>"
                     for q in content.quotes) or f"<p>{labels.text('no_quotes', lang)}</p>"
    tables = "".join(table_html(t, lang) for t in content.tables)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{_e(labels.text('title', lang))}</title><style>{CSS}</style></head><body>"
        f"<h1>{_e(labels.text('title', lang))}</h1>"
        f"<p class='meta'>{content.as_of.isoformat()} · k = {content.k}</p>"
        f"{_summary(content, lang)}"
        f"<h2>{labels.text('figures', lang)}</h2>{''.join(figs)}"
        f"<h2>{labels.text('quotes', lang)}</h2>{quotes}"
        f"<h2>{labels.text('tables', lang)}</h2>{tables}"
        f"<h2>{labels.text('methods', lang)}</h2>{_methods(content, lang)}"
        "</body></html>"
    )


def write_report(ds: Dataset, out: Path, lang: str = "en", pdf: bool = False,
                 **options) -> list[Path]:
    """Write the HTML report (and its PDF beside it); returns the files written."""
    with no_gc():
        content = build_content(ds, **options)
    page = render_html(content, lang)
    from casebook.files import write_atomic

    write_atomic(out, page.encode("utf-8"), overwrite=True)
    written = [out]
    if pdf:
        import weasyprint  # heavy (~1 s to import): only when a PDF is asked for
        pdf_path = out.with_suffix(".pdf")
        write_atomic(pdf_path, weasyprint.HTML(string=page).write_pdf(), overwrite=True)
        written.append(pdf_path)
    return written
