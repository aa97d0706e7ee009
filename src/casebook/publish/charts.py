"""Charts of protected tables as inline SVG: only published numbers are ever drawn.

Glyphs are stored as outlines (``svg.fonttype = path``) so the report needs no font to show
Korean labels; the font used to draw them is Noto Sans CJK KR from Debian's fonts-noto-cjk.
For a PDF the same charts are drawn as PNG images (``fmt="png"``, 200 dpi): WeasyPrint styles
and paints every node of an inline SVG, which made a report PDF take several seconds longer.
"""

from __future__ import annotations

import base64
import io
import warnings

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

from casebook.errors import InvalidInput
from casebook.publish import fonts, labels
from casebook.publish.tables import ALL, NOT_STATED, Table

INK, BAR, HIDDEN = "#222222", "#2f5d8a", "#9a9a9a"
BAND_COLOURS = ["#d8e6f2", "#9ec3e0", "#5b9bd5", "#2f5d8a", "#17324d", "#cccccc"]


def _font() -> str:
    """The Hangul font registered from its file (fonts.py); the default sans when there is
    none, which :func:`_svg` turns into an error as soon as a label needs Hangul."""
    return fonts.register() or "DejaVu Sans"


FORMATS = ("svg", "png")
PNG_DPI = 200


def _svg(fig: Figure, fmt: str = "svg", title: str = "") -> str:
    """The figure as inline SVG, or (``png``) as an <img> carrying a PNG at its printed size."""
    if fmt not in FORMATS:
        raise ValueError(f"chart format {fmt!r}: use svg or png")
    buf: io.StringIO | io.BytesIO = io.StringIO() if fmt == "svg" else io.BytesIO()
    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "casebook"}):
        warnings.simplefilter("always")
        fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=PNG_DPI,
                    metadata={"Date": None} if fmt == "svg" else {"Software": None})
    missing = [w for w in caught if "missing from font" in str(w.message)]
    if missing:  # empty boxes instead of words: refuse rather than publish them
        raise InvalidInput(fonts.MISSING)
    if isinstance(buf, io.BytesIO):  # sized by the report's CSS, as the SVG is
        return (f"<img class='chart' alt='{html_attr(title)}' "
                f"src='data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}'>")
    text = buf.getvalue()
    return text[text.index("<svg"):]


def html_attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=9)


def bar_chart(t: Table, lang: str = "en", fmt: str = "svg") -> str:
    """Share of persons per category with 95% Wilson intervals; hidden cells are named."""
    rows = [c for c in t.row_categories + (NOT_STATED,)
            if (v := t.value(c)) is None or v > 0]
    fig = Figure(figsize=(6.4, 0.42 * len(rows) + 1.1))
    ax = fig.add_subplot()
    font = _font()
    names = [labels.category(t.name, c, lang) for c in rows]
    y = list(range(len(rows)))[::-1]
    for yi, code in zip(y, rows):
        p = t.proportion(code)
        if p is None:
            ax.text(1, yi, labels.text("suppressed", lang), va="center", ha="left",
                    color=HIDDEN, fontsize=9, family=font, style="italic")
            continue
        colour = HIDDEN if code == NOT_STATED else BAR
        ax.barh(yi, 100 * p["p"], color=colour, height=0.62)
        ax.errorbar(100 * p["p"], yi, xerr=[[100 * (p["p"] - p["lo"])], [100 * (p["hi"] - p["p"])]],
                    fmt="none", ecolor=INK, elinewidth=0.8, capsize=2.5)
        ax.text(100 * p["hi"] + 1.2, yi, f"{100 * p['p']:.0f}%  ({t.value(code)})", va="center",
                fontsize=8.5, color=INK, family=font)
    ax.set_yticks(y, names, family=font)
    top = max([100 * (t.proportion(c) or {"hi": 0})["hi"] for c in rows] + [10])
    ax.set_xlim(0, min(100, top + 18) if top < 82 else 118)
    ax.set_xlabel(labels.text("share_axis", lang), family=font, fontsize=9, color=INK)
    n = t.value(ALL)
    ax.set_title(f"{labels.title(t.name, lang)}  (N = {n if n is not None else '—'})",
                 loc="left", fontsize=11, family=font, color=INK, pad=12)
    _style(ax)
    return _svg(fig, fmt, labels.title(t.name, lang))


def price_trend_chart(t: Table, lang: str = "en", fmt: str = "svg") -> str | None:
    """Median and quartiles of the first-sale price per period (only periods with >= k prices)."""
    cols = [c for c in t.col_categories if c in t.summary]
    if not cols:
        return None
    font = _font()
    fig = Figure(figsize=(6.4, 3.2))
    ax = fig.add_subplot()
    xs = list(range(len(cols)))
    med = [t.summary[c]["median"] for c in cols]
    q1 = [t.summary[c]["q1"] for c in cols]
    q3 = [t.summary[c]["q3"] for c in cols]
    ax.fill_between(xs, q1, q3, color=BAND_COLOURS[1], alpha=0.7, linewidth=0)
    ax.plot(xs, med, color=BAR, marker="o", linewidth=2)
    for x, m in zip(xs, med):
        ax.annotate(f"{m:,.0f}", (x, m), textcoords="offset points", xytext=(0, 7),
                    ha="center", fontsize=8, color=INK)
    ax.set_xticks(xs, cols, family=font)
    unit = "RMB" if t.name == "price_rmb" else "USD"
    ax.set_ylabel(f"{labels.text('median', lang)}, {unit}", family=font, fontsize=9)
    ax.set_ylim(bottom=0)
    ax.set_title(labels.title(t.name, lang), loc="left", fontsize=11, family=font, color=INK)
    _style(ax)
    return _svg(fig, fmt, labels.title(t.name, lang))
