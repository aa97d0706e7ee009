"""``casebook stats`` and ``casebook report``: statistics and the published report.

Both read a :class:`~casebook.publish.dataset.Dataset` through :func:`opened`, the one place
that knows where the rows come from: the store's ``statistics`` read (consent applied there;
during development a JSON file given with the hidden ``--dataset-json`` option), and where the
privacy budget is kept (inside the casebook; a JSON file with ``--budget-file``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from casebook.cli.common import DbOption, PassphraseFileOption, open_casebook
from casebook.errors import InvalidInput
from casebook.publish.dataset import Dataset, dataset_of

BUDGET_KEY = "privacy_budget"  # the meta key of the casebook's differential-privacy ledger


@dataclass
class DatasetSource:
    """Where a command's rows come from."""

    db: str | None = None
    passphrase_file: Path | None = None
    dataset_json: Path | None = None
    budget_file: Path | None = None
    reviewed_only: bool = False  # only testimonies whose review was closed


@contextmanager
def opened(src: DatasetSource, with_text: bool = True) -> Iterator[tuple[Dataset, Any]]:
    """The rows and the privacy budget's store, the casebook open meanwhile and closed after;
    ``with_text`` only when quotes are wanted (reports). The store is None with
    ``--dataset-json`` and no ``--budget-file``."""
    budget = JsonFileBudgetStore(src.budget_file) if src.budget_file is not None else None
    if src.dataset_json is not None:
        try:
            text = src.dataset_json.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"{src.dataset_json}: cannot read ({exc.strerror})") from None
        yield Dataset.from_json(text, str(src.dataset_json)), budget
        return
    with open_casebook(src.db, src.passphrase_file) as book:
        rows = book.read_for("statistics", with_text=with_text, purpose="report quotation",
                             reviewed_only=src.reviewed_only)
        yield dataset_of(rows), budget or book.meta.entry(BUDGET_KEY)


def _ledger(budget: Any) -> Any:
    from casebook.publish.privacy import PrivacyLedger

    if budget is None:
        raise InvalidInput("--epsilon with --dataset-json needs --budget-file FILE")
    return PrivacyLedger(budget)


class JsonFileBudgetStore:
    """Development ledger: epsilons and release descriptions only, no testimony data."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> dict:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def save(self, ledger: dict) -> None:
        self.path.write_text(json.dumps(ledger, indent=2))


def _format_tables(tables, fmt: str) -> str:
    from casebook.publish import labels
    from casebook.publish.tables import ALL

    if fmt == "json":
        return json.dumps([t.to_dict() for t in tables], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["table", "row", "column", "count", "share", "ci95_low", "ci95_high", "n",
                    "suppressed"])
        for t in tables:
            for c in t.to_dict()["cells"]:
                ci = c.get("ci95") or ["", ""]
                w.writerow([t.name, c["row"], c["col"], "" if c["count"] is None else c["count"],
                            c.get("share", ""), ci[0], ci[1], c.get("n", ""), c["suppressed"]])
        return buf.getvalue()
    if fmt != "table":
        raise InvalidInput(f"--format {fmt}: use table, csv or json")
    lines = []
    for t in tables:
        lines.append(f"\n{labels.title(t.name)}" + (f"  (by {t.col_var})" if t.col_var else ""))
        cols = t.col_groups
        header = ["category"] + [labels.category(t.col_var or "", c) for c in cols]
        if t.col_var is None:
            header = ["category", "persons", "share", "95% interval"]
        rows = [header]
        for rg in t.row_groups:
            if t.col_var is None:
                v, p = t.value(rg), t.proportion(rg)
                rows.append([labels.category(t.name, rg), "hidden" if v is None else str(v),
                             f"{100 * p['p']:.1f}%" if p else "",
                             f"{100 * p['lo']:.1f}–{100 * p['hi']:.1f}%" if p else ""])
            else:
                rows.append([labels.category(t.name, rg)] + [
                    "hidden" if t.value(rg, c) is None else str(t.value(rg, c)) for c in cols])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            lines.append("  " + "  ".join(x.ljust(w) if i == 0 else x.rjust(w)
                                          for i, (x, w) in enumerate(zip(r, widths))))
        if t.noise:
            lines.append(
                f"  differentially private: epsilon {t.noise['epsilon']:.3g} for this table,"
                         f" noise within ±{t.noise['accuracy95']:.0f} 95% of the time")
        s = t.summary.get(ALL)
        if s:
            lines.append(f"  median {s['median']:,.0f} (quartiles {s['q1']:,.0f}–{s['q3']:,.0f})"
                         f" {s['unit']}")
    return "\n".join(lines).lstrip("\n") + "\n"


RECOMMENDED_K = 11  # CTDC's threshold


def check_release(k: int, rounding: int | None, epsilon: float | None) -> None:
    """Refuse release parameters that would publish single persons or nonsense; warn below 11."""
    import math

    from casebook.errors import BadArgument

    if k < 2:
        raise BadArgument(f"--k {k}: must be at least 2 (k = 1 publishes single persons); "
                          f"{RECOMMENDED_K} is recommended")
    if rounding is not None and rounding < 1:
        raise BadArgument(f"--round {rounding}: must be a positive base (e.g. 5)")
    if epsilon is not None and not (math.isfinite(epsilon) and 0 < epsilon <= 10):
        raise BadArgument(f"--epsilon {epsilon}: must be above 0 and at most 10")
    if k < RECOMMENDED_K:
        sys.stderr.write(f"warning: --k {k} is below the recommended {RECOMMENDED_K} (CTDC): "
                         "cells this small can point at a person; do not publish them\n")


def register(app: typer.Typer) -> None:
    @app.command("stats")
    def stats_command(
        table: str | None = typer.Argument(None, help="One table (default: all). "
                                              "See docs/statistics.md for the list."),
        by: str | None = typer.Option(None, "--by", help="Split by another field."),
        period: str | None = typer.Option(None, "--period",
                                             help="Width in years (5) or a range (2000-2009)."),
        fmt: str = typer.Option("table", "--format", help="table | csv | json"),
        publish: bool = typer.Option(False, "--publish",
                                     help="Apply disclosure control (k, suppression)."),
        k: int = typer.Option(11, "--k", help="Minimum persons per published cell."),
        rounding: int | None = typer.Option(None, "--round",
                                               help="Round published counts to this base."),
        epsilon: float | None = typer.Option(None, "--epsilon", help="Differentially "
                                                "private release spending this much budget."),
        reviewed_only: bool = typer.Option(
            False, "--reviewed-only", help="Count only testimonies whose review was closed "
            "(`casebook review ID --done`)."),
        db: DbOption = None, passphrase_file: PassphraseFileOption = None,
        dataset_json: Path | None = typer.Option(None, "--dataset-json", hidden=True),
        budget_file: Path | None = typer.Option(None, "--budget-file", hidden=True),
    ) -> None:
        """Counts, shares with 95% Wilson intervals, and missing values, per table."""
        from casebook.publish.disclosure import protect
        from casebook.publish.tables import TABLE_NAMES, compute_tables

        if publish or epsilon is not None:
            check_release(k, rounding, epsilon)
        src = DatasetSource(db, passphrase_file, dataset_json, budget_file, reviewed_only)
        names = [table] if table else list(TABLE_NAMES)
        if by and table is None:
            names = [n for n in names if n != by]
        with opened(src, with_text=False) as (ds, budget):
            tables = compute_tables(ds, names, by=by, period=period)
            if epsilon is not None:
                from casebook.publish.privacy import release

                release(tables, epsilon, _ledger(budget),
                        f"stats {' '.join(names)} by={by} period={period}", k)
            elif publish:
                protect(tables, k=k, rounding=rounding)
            else:
                sys.stderr.write("exact counts, no disclosure control: for the team only "
                                 "(use --publish for anything shared)\n")
        sys.stdout.write(_format_tables(tables, fmt))

    @app.command("report")
    def report_command(
        out: Path = typer.Option(..., "--out", help="HTML file to write (PDF beside it)."),
        pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF (WeasyPrint)."),
        lang: str = typer.Option("en", "--lang", help="en | ko: language of the report."),
        period: str | None = typer.Option(None, "--period",
                                             help="Range (2000-2009) or trend width (5)."),
        k: int = typer.Option(11, "--k", help="Minimum persons per published cell."),
        rounding: int | None = typer.Option(None, "--round", help="Round counts."),
        epsilon: float | None = typer.Option(None, "--epsilon", help="DP release."),
        quotes: int = typer.Option(5, "--quotes", help="Number of redacted quotes (0: none)."),
        reviewed_only: bool = typer.Option(
            False, "--reviewed-only", help="Count only testimonies whose review was closed "
            "(`casebook review ID --done`)."),
        db: DbOption = None, passphrase_file: PassphraseFileOption = None,
        dataset_json: Path | None = typer.Option(None, "--dataset-json", hidden=True),
        budget_file: Path | None = typer.Option(None, "--budget-file", hidden=True),
        force: bool = typer.Option(False, "--force", help="Replace existing output files "
                                   "(never the casebook or its key)."),
    ) -> None:
        """A self-contained HTML report (optionally PDF) that passed disclosure control."""
        from casebook.files import check_output
        from casebook.publish.report import write_report

        check_release(k, rounding, epsilon)
        check_output(out, force=force)
        if pdf:
            check_output(out.with_suffix(".pdf"), force=force)

        src = DatasetSource(db, passphrase_file, dataset_json, budget_file, reviewed_only)
        with opened(src, with_text=quotes > 0) as (ds, budget):
            ledger = _ledger(budget) if epsilon is not None else None
            written = write_report(ds, out, lang=lang, pdf=pdf, period=period, k=k,
                                   rounding=rounding, epsilon=epsilon, ledger=ledger,
                                   quotes=quotes)
        for path in written:
            sys.stdout.write(f"wrote {path}\n")
