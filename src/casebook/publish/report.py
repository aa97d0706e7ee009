"""The published report: one self-contained HTML file (charts inline), optionally a PDF.

Everything in it comes from tables that passed disclosure control together (so a number
hidden in one table is hidden in all), from quotes that passed consent and redaction, and from
a methods section that says what was counted and what was hidden.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casebook.errors import InvalidInput
from casebook.publish import charts, fonts, labels
from casebook.publish.dataset import Dataset
from casebook.publish.disclosure import DEFAULT_K
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
from casebook.publish.withheld import choose_grouping, explain, shares_basis
from casebook.vocab.money import rate_table

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
figure svg, figure img.chart { width: 84%; height: auto; }
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
p.note { font-size: 8.5pt; color: #555; margin: .1rem 0 .25rem; max-width: 46rem; }
p.notice { background: #fff6e0; border-left: 4px solid #c98a00; padding: .4rem .8rem; }
table.wide { font-size: 8pt; width: 100%; }
table.wide th { white-space: normal; vertical-align: bottom; }
table.wide td { white-space: nowrap; padding: .12rem .35rem; }
code.opt { white-space: nowrap; font-size: .95em; }
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
    synthetic: bool = False  # some persons counted are synthetic (the demo)
    too_few: bool = False  # fewer than k persons: every number withheld, explained
    extra: list[Table] = field(default_factory=list)  # protected with the tables (the flows)

    def table(self, name: str) -> Table:
        """The published version of a table (fine, or its coarser groups)."""
        return next(t for t in self.tables if t.name.split("~")[0] == name)


def build_content(ds: Dataset, period: str | None = None, k: int = DEFAULT_K,
                  rounding: int | None = None, epsilon: float | None = None, ledger=None,
                  quotes: int = 5, trend_width: int = 5, grouping: str = "auto",
                  extra: Callable[[Dataset], list[Table]] | None = None) -> ReportContent:
    """Compute and protect every table of the report together (or release them with noise).

    Never a dead end: with fewer than k consenting persons every number is withheld and the
    report says why and what would release them, instead of refusing to exist.

    ``extra`` builds more tables from the persons counted (the web's route flows); they are
    protected in the same pass as the report's tables, in the grouping the page shows, and come
    back in ``content.extra`` (empty when too few persons are counted).
    """
    p = Period.parse(period)
    if p is not None and p.width:
        trend_width, p = p.width, None  # a width here means the trend periods
    cl = Classified(restrict(ds, p))
    too_few = len(cl.ds) < k
    tables = [compute_table(cl, name) for name in TABLE_NAMES]
    trends = [compute_table(cl, name, period=Period(width=trend_width)) for name in TREND_TABLES]
    more = list(extra(cl.ds)) if extra is not None and not too_few else []
    if epsilon is not None:
        if ledger is None:
            raise InvalidInput("--epsilon needs the casebook's privacy budget ledger")
        everything = tables + trends + more
        release(everything, epsilon, ledger, f"report ({len(everything)} tables)", k)
    else:
        published = choose_grouping(tables + trends + more, k=k, rounding=rounding,
                                    grouping=grouping)
        n, m = len(tables), len(trends)
        tables, trends, more = published[:n], published[n:n + m], published[n + m:]
    scope = restrict(ds, p)
    chosen = select_quotes(scope, quotes) if quotes and not too_few else []
    return ReportContent(tables, trends, chosen, tables[0].value(ALL), k, rounding, p, epsilon,
                         ds.as_of or dt.date.today(), any(r.synthetic for r in cl.ds),
                         too_few, more)


def _e(s: object) -> str:
    return html.escape(str(s))


def _note(text: str) -> str:
    """Escaped note text whose command-line options ("--grouping fine") never break apart."""
    return re.sub(r"(--[a-z][a-z-]*(?: (?:fine|coarse|auto|\d+))?)",
                  r"<code class='opt'>\1</code>", _e(text))


def _pct(p: dict) -> str:
    return f"{100 * p['p']:.0f}%"


def _ci(p: dict) -> str:
    return f"{100 * p['lo']:.0f}–{100 * p['hi']:.0f}%"


def table_notes(t: Table, lang: str, options: bool = True) -> list[str]:
    """The lines under a table: denominator, missing, what is withheld and why, rate source
    (``options``: name the command-line options that release more; not on a web page)."""
    notes = [shares_basis(t, lang)]
    withheld = explain(t, lang, options=options)
    if withheld:
        notes.append(withheld)
    if t.name.split("~")[0] == "price_usd":
        notes.append(rate_table().citation(lang))
    return notes


def table_html(t: Table, lang: str, options: bool = True) -> str:
    L = lambda key: labels.text(key, lang)
    head = (f"<tr><th>{L('category')}</th><th>{L('count')}</th><th>{L('share')}</th>"
            f"<th>{L('ci')}</th></tr>")
    body = []
    for rg in t.row_categories + (NOT_STATED, STATED, ALL):
        if rg in t.row_categories and t.raw(rg, ALL) == 0:
            continue
        v = t.value(rg)
        p = t.proportion(rg)
        cls = ' class="agg"' if rg in (NOT_STATED, STATED, ALL) else ""
        if v is None:
            cells = f'<td class="hidden">{L("suppressed")}</td><td></td><td></td>'
        elif p:
            cells = f"<td>{v:,}</td><td>{_pct(p)}</td><td>{_ci(p)}</td>"
        else:
            cells = f"<td>{v:,}</td><td></td><td></td>"
        body.append(f"<tr{cls}><td>{_e(labels.category(t.name, rg, lang))}</td>{cells}</tr>")
    extra = ""
    if t.summary.get(ALL):
        s = t.summary[ALL]
        extra = (f"<p class='meta'>{L('median')}: {s['median']:,.0f} ({s['q1']:,.0f}–"
                 f"{s['q3']:,.0f}) {_e(labels.unit(s['unit'], lang))}</p>")
    notes = "".join(f"<p class='note'>{_note(n)}</p>" for n in table_notes(t, lang, options))
    return (f"<div class='block'><h3>{_e(labels.title(t.name, lang))}</h3><table><thead>{head}"
            f"</thead><tbody>{''.join(body)}</tbody></table>{extra}{notes}</div>")


def _money(s: dict | None, key: str) -> str:
    return "—" if s is None or key not in s else f"{s[key]:,.0f}"


def price_table_html(content: ReportContent, lang: str) -> str:
    """Price at first sale by period, as the seed reports tabulate it: medians with their
    intervals and quartiles, in RMB and in US dollars of the sale's year."""
    L = lambda key: labels.text(key, lang)
    rmb = next(t for t in content.trends if t.name == "price_rmb")
    usd = next(t for t in content.trends if t.name == "price_usd")
    head = "".join(f"<th>{L(c)}</th>" for c in ("col_period", "col_priced", "col_median_rmb",
                                               "col_iqr_rmb", "col_median_usd", "col_iqr_usd"))
    rows = []
    for col in rmb.col_categories + (ALL,):
        if rmb.raw(STATED, col) == 0 and usd.raw(STATED, col) == 0:
            continue
        r, u = rmb.summary.get(col), usd.summary.get(col)
        n = rmb.value(STATED, col)
        label = labels.category("", ALL, lang) if col == ALL else col
        med_r = (f"{_money(r, 'median')} ({_money(r, 'median_lo')}–{_money(r, 'median_hi')})"
                 if r else "—")
        med_u = (f"{_money(u, 'median')} ({_money(u, 'median_lo')}–{_money(u, 'median_hi')})"
                 if u else "—")
        iqr_r = f"{_money(r, 'q1')}–{_money(r, 'q3')}" if r else "—"
        iqr_u = f"{_money(u, 'q1')}–{_money(u, 'q3')}" if u else "—"
        cls = ' class="agg"' if col == ALL else ""
        rows.append(f"<tr{cls}><td>{_e(label)}</td>"
                    f"<td>{L('suppressed') if n is None else f'{n:,}'}</td><td>{med_r}</td>"
                    f"<td>{iqr_r}</td><td>{med_u}</td><td>{iqr_u}</td></tr>")
    notes = [labels.text("price_note", lang, k=content.k), rate_table().citation(lang)]
    if any(rmb.value(STATED, c) is None for c in rmb.col_categories):
        notes.append(labels.text("price_hidden", lang, k=content.k))
    return (f"<div class='block'><h3>{_e(L('price_by_period'))}</h3><table class='wide'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + "".join(f"<p class='note'>{_note(n)}</p>" for n in notes) + "</div>")


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
    parts.append(f"<p><b>{labels.text('rates', lang)}.</b> "
                 f"{_e(rate_table().citation(lang))}</p>")
    parts.append(f"<h3>{labels.text('missing', lang)}</h3>{_missing_rows(content, lang)}")
    return "".join(parts)


def _summary(content: ReportContent, lang: str) -> str:
    items = []
    for t in content.tables:
        if t.name.split("~")[0] not in ("pathway", "times_sold", "price_rmb", "repatriations"):
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


def _caption(t: Table, lang: str, options: bool = True) -> str:
    """Denominator, missing count, interval and what is withheld, under every chart."""
    n_stated, n_all, missing = t.value(STATED), t.value(ALL), t.value(NOT_STATED)
    parts = [labels.text("shares_of_answered", lang, n=n_stated) if n_stated is not None else
             labels.text("shares_of_all", lang, n="—" if n_all is None else f"{n_all:,}")]
    parts.append(labels.text("not_stated_n", lang,
                             n=labels.text("suppressed", lang) if missing is None
                             else f"{missing:,}"))
    parts.append(labels.text("bars_ci", lang))
    text = "; ".join(parts) + "."
    withheld = explain(t, lang, options=options)
    return text + (" " + withheld if withheld else "")


def render_html(content: ReportContent, lang: str = "en", options: bool = True,
                charts_as: str = "svg") -> str:
    """The report page; ``options``: name the command-line options that would release more
    (the CLI's report), or say it in words only (a report downloaded from the web);
    ``charts_as``: ``svg`` for the HTML report, ``png`` for the page a PDF is made from."""
    if lang not in ("en", "ko"):
        raise InvalidInput(f"--lang {lang}: use en or ko")
    if lang == "ko":
        fonts.require_hangul()  # refuse a report whose Korean labels would be empty boxes
    figs = []
    skipped = []
    for name in CHARTED:
        t = content.table(name)
        if not any((t.proportion(c) or {"p": 0})["p"] > 0 for c in t.row_categories):
            skipped.append(labels.title(name, lang))
            continue
        figs.append(f"<figure>{charts.bar_chart(t, lang, charts_as)}<figcaption>"
                    f"{_note(_caption(t, lang, options))}</figcaption></figure>")
        if name == "price_rmb":
            for trend in content.trends:
                svg = charts.price_trend_chart(trend, lang, charts_as)
                if svg:
                    figs.append(f"<figure>{svg}<figcaption>"
                                f"{_e(labels.text('price_note', lang, k=content.k))}"
                                "</figcaption></figure>")
    if skipped:
        figs.append(f"<p class='meta'>{_e(labels.text('all_hidden', lang, k=content.k))}: "
                    f"{_e(', '.join(skipped))}</p>")
    quotes = "".join(f"<blockquote lang='{_e(q['language'])}'>{_e(q['text'])}</blockquote>"
                     for q in content.quotes) or f"<p>{labels.text('no_quotes', lang)}</p>"
    tables = price_table_html(content, lang) + "".join(table_html(t, lang, options)
                                                        for t in content.tables)
    notices = ""
    if content.too_few:
        notices += f"<p class='notice'>{_e(labels.text('too_few', lang, k=content.k))}</p>"
    if content.synthetic:
        notices += f"<p class='notice'>{_e(labels.text('synthetic', lang))}</p>"
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{_e(labels.text('title', lang))}</title><style>{CSS}</style></head><body>"
        f"<h1>{_e(labels.text('title', lang))}</h1>"
        f"<p class='meta'>{content.as_of.isoformat()} · k = {content.k}</p>{notices}"
        f"{_summary(content, lang)}"
        f"<h2>{labels.text('figures', lang)}</h2>{''.join(figs)}"
        f"<h2>{labels.text('quotes', lang)}</h2>{quotes}"
        f"<h2>{labels.text('tables', lang)}</h2>{tables}"
        f"<h2>{labels.text('methods', lang)}</h2>{_methods(content, lang)}"
        "</body></html>"
    )


def write_pdf(page: str) -> bytes:
    """The PDF of a rendered report; refused when it has Korean text and no Hangul font."""
    if fonts.has_hangul(page):
        fonts.require_hangul()
    import weasyprint  # heavy (~1 s to import): only when a PDF is asked for

    return weasyprint.HTML(string=page).write_pdf()


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
        pdf_path = out.with_suffix(".pdf")
        printed = render_html(content, lang, charts_as="png")
        write_atomic(pdf_path, write_pdf(printed), overwrite=True)
        written.append(pdf_path)
    return written
