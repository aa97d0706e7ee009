"""CTDC's k-anonymisation of victim-level rows: generalise, then redact until every class has k.

The rule (``exchange/data/ctdc.toml``): identifying exact values are generalised first (no
birth date, an age band instead of an age, years instead of dates); then every record whose
combination of values is shared by fewer than ``k`` records has its columns redacted one by
one, most identifying first, until its combination is shared by ``k``. A record that is still
alone with everything redacted is left out. The report says what was redacted and dropped.
"""

from __future__ import annotations

import functools
import secrets
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources


@functools.cache
def ctdc_rules() -> dict:
    return tomllib.loads(resources.files("casebook.exchange.data").joinpath("ctdc.toml")
                         .read_text(encoding="utf-8"))


@dataclass
class KReport:
    k: int
    records_in: int = 0
    records_out: int = 0
    redacted: dict[str, int] = field(default_factory=dict)  # column → cells redacted

    def to_dict(self) -> dict:
        return {"k": self.k, "records_in": self.records_in, "records_out": self.records_out,
                "left_out": self.records_in - self.records_out, "redacted_cells": self.redacted}


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    for lo, hi, label in ctdc_rules()["age_bands"]:
        if lo <= age <= hi:
            return str(label)
    return ""


def generalise(row: dict[str, str], age: int | None) -> dict[str, str]:
    """The row without exact identifying values (ages become CTDC's ageBroad bands)."""
    rules = ctdc_rules()
    out = {c: v for c, v in row.items() if c not in rules["drop"]}
    out[rules["age_column"]] = age_band(age)
    for c in rules["date_to_year"]:
        if out.get(c):
            out[c] = out[c][:4]
    return out


def k_anonymise(rows: list[dict[str, str]], columns: list[str], k: int | None = None,
                ) -> tuple[list[dict[str, str]], KReport]:
    """Rows (generalised already) whose every combination of ``columns`` occurs >= k times."""
    rules = ctdc_rules()
    k = int(k or rules["k"])
    order = [c for c in rules["suppress_order"] if c in columns]
    redacted = str(rules["redacted"])
    report = KReport(k, records_in=len(rows))
    work = [dict(r) for r in rows]
    level = [0] * len(work)

    def key(r: dict[str, str]) -> tuple[str, ...]:
        return tuple(r.get(c, "") for c in columns)

    while True:
        counts = Counter(key(r) for r in work)
        small = [i for i, r in enumerate(work) if counts[key(r)] < k]
        moved = False
        for i in small:
            if level[i] < len(order):
                column = order[level[i]]
                if work[i].get(column, "") != redacted:
                    work[i][column] = redacted
                    report.redacted[column] = report.redacted.get(column, 0) + 1
                level[i] += 1
                moved = True
        if not moved:
            break
    counts = Counter(key(r) for r in work)
    kept = [r for r in work if counts[key(r)] >= k]
    secrets.SystemRandom().shuffle(kept)  # row order must not tell which record is which
    report.records_out = len(kept)
    return kept, report
