"""The case dashboard for outside the organisation: active cases by status, stage on the route,
risk level and overdue follow-up, under the disclosure control of every published number.

Each active case is one woman, so the four one-way tables count persons of one population and
share one total; ``disclosure.protect`` suppresses every cell below k and whatever would give
one away by subtraction. Inside the organisation the dashboard shows exact counts; this is
what may leave it (a donor report, a network meeting).
"""

from __future__ import annotations

from casebook.publish.disclosure import DEFAULT_K, protect
from casebook.publish.tables import ALL, NOT_STATED, STATED, Table
from casebook.vocab import load

CLOSED = "closed"
TABLES = (("case_status", "status"), ("case_stage", "stage"), ("case_risk", "risk"),
          ("case_overdue", "overdue"))


def caseload_tables(counts: dict[str, dict[str, int]]) -> list[Table]:
    """One-way tables of the active cases from ``book.cases.counts()``."""
    status = {k: v for k, v in counts.get("status", {}).items() if k != CLOSED}
    total = sum(status.values())
    late = int(counts.get("overdue", {}).get("cases", 0))
    sources = {
        "status": status, "stage": counts.get("stage", {}), "risk": counts.get("risk", {}),
        "overdue": {"yes": late, "no": total - late},
    }
    out = []
    for vocabulary, key in TABLES:
        categories = (("yes", "no") if key == "overdue" else
                      tuple(c for c in load(vocabulary).codes() if c != CLOSED))
        values = sources[key]
        cells = {(c, ALL): int(values.get(c, 0)) for c in categories}
        cells[(NOT_STATED, ALL)] = int(values.get(NOT_STATED, 0))
        if sum(cells.values()) != total:
            raise RuntimeError(f"case counts disagree on the total in {key}")
        out.append(Table(name=vocabulary, row_var=vocabulary, row_categories=categories,
                         counts=cells))
    return out


def published(counts: dict[str, dict[str, int]], k: int = DEFAULT_K,
              rounding: int | None = None) -> list[Table]:
    """The tables with disclosure control applied (suppressed cells read ``None``)."""
    return protect(caseload_tables(counts), k=k, rounding=rounding)


def as_rows(tables: list[Table]) -> list[dict[str, object]]:
    """What may be printed or written: table, category, published count (None: suppressed)."""
    rows: list[dict[str, object]] = []
    for t in tables:
        for rg in (*t.row_categories, NOT_STATED, STATED, ALL):
            rows.append({"table": t.name, "category": rg, "count": t.value(rg),
                         "suppressed": (rg, ALL) in t.suppressed})
    return rows
