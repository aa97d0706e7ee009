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
