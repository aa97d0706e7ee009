"""Tornado chart of a scenario's one-at-a-time sensitivity (matplotlib, headless Agg backend)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from casebook.errors import InvalidInput
from casebook.estimate.scenario import ScenarioResult, fmt


def tornado_chart(result: ScenarioResult, path: str | Path) -> Path:
    """Draw one bar per uncertain factor: the result with the factor at its 5th and 95th centile.

    The file holds only model numbers, never case data, so writing it to disk is allowed.
    """
    import matplotlib  # heavy (~1 s to import): only when a chart is drawn

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InvalidInput(f"{path}: chart must be .png, .svg or .pdf")
    rows = list(reversed(result.sensitivity))  # biggest swing on top
    fig, ax = plt.subplots(figsize=(10, 1.8 + 0.8 * max(1, len(rows))), dpi=120)
    centre = result.central
    for i, row in enumerate(rows):
        lo, hi = sorted((row.result_at_low, row.result_at_high))
        ax.barh(i, hi - lo, left=lo, color="#c0504d" if row.basis == "assumption" else "#4f81bd")
        ax.text(hi, i, f"  {fmt(row.low_input)} – {fmt(row.high_input)}", va="center", fontsize=8)
    ax.axvline(centre, color="black", linewidth=1)
    ax.axvspan(result.p05, result.p95, color="grey", alpha=0.15,
               label="90% interval, all factors varied")
    if result.model.headline is not None:
        ax.axvline(result.model.headline, color="black", linestyle="--", linewidth=1,
                   label=f"headline {fmt(result.model.headline)}")
    ax.set_yticks(range(len(rows)))
    labels = [(r.label or r.name) + (" (assumption)" if r.basis == "assumption" else "")
              for r in rows]
    ax.set_yticklabels([textwrap.fill(text, 28) for text in labels], fontsize=9)
    ax.set_xlabel(result.model.unit or "result")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: short(v)))
    ax.set_title(textwrap.fill(result.model.title, 80)
                 + "\nbars: result with one factor at its 5th and 95th"
                 " percentile, the others central (black line)", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot write the chart ({exc})") from exc
    finally:
        plt.close(fig)
    return path


def short(value: float) -> str:
    """Compact axis labels: 1.2bn, 350M, 45k."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def estimates_chart(result, path: str | Path, top: int = 10) -> Path:
    """Estimates of the best models (by BIC) with their profile intervals; the selected one and
    the number observed are marked. Holds only model numbers, never case data."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InvalidInput(f"{path}: chart must be .png, .svg or .pdf")
    rows = [m for m in result.models if m.estimate is not None][:top]
    if not any(m.selected for m in rows):
        rows += [m for m in result.models if m.selected]
    rows = rows[::-1]  # best on top
    fig = Figure(figsize=(7.5, 1.4 + 0.38 * len(rows)), dpi=120)
    ax = fig.add_subplot()
    for i, m in enumerate(rows):
        colour = "#c0504d" if m.selected else "#2f5d8a"
        if m.ci_low is not None and m.ci_high is not None:
            ax.plot([m.ci_low, m.ci_high], [i, i], color=colour, linewidth=2)
        ax.plot([m.estimate], [i], "o", color=colour)
        ax.text(m.estimate, i + 0.22, f"{m.estimate:,.0f}", ha="center", fontsize=7, color=colour)
    ax.axvline(result.n_observed, color="#777777", linestyle=":", linewidth=1)
    ax.text(result.n_observed, len(rows) - 0.4, f" observed {result.n_observed:,}", fontsize=7,
            color="#555555", va="bottom")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{m.hierarchy}  BIC {m.bic:,.1f}" + ("  (selected)" if m.selected else "")
                        for m in rows], fontsize=8)
    ax.set_ylim(-0.7, len(rows) - 0.1)
    ax.set_xlabel("estimated population (dot) with profile-likelihood interval", fontsize=8)
    ax.set_title(f"Multiple systems estimation, {len(result.lists)} lists, method "
                 f"{result.method}: estimates by model", fontsize=9, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot write the chart ({exc.strerror})") from None
    return path
