"""``casebook estimate``: population estimates (MSE) and scenario models from the command line."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from casebook.cli.common import DbOption, PassphraseFileOption, open_casebook
from casebook.errors import InvalidInput

estimate_app = typer.Typer(
    help="Estimate the unseen: multiple systems estimation and scenario models with uncertainty.",
    no_args_is_help=True,
)


@estimate_app.command("mse")
def mse_command(
    table: Path | None = typer.Argument(
        None, help="CSV with one 0/1 column per list and a 'count' column."),
    method: str = typer.Option("bic", help="bic | downhill | stepwise | bhs | main | fixed"),
    model: str | None = typer.Option(
        None, help="Fit this model, e.g. '[12,23]' or 'A:B,B:C' (method fixed)."),
    max_order: int | None = typer.Option(
        None, help="Highest interaction order for bic/downhill (default by number of lists)."),
    p_threshold: float | None = typer.Option(None,
                                             help="Stepwise threshold (stepwise 0.02, bhs 0.05)."),
    bootstrap: int = typer.Option(0, "--bootstrap",
                                  help="BCa bootstrap replicates (0: profile interval only)."),
    ntop: int | None = typer.Option(None,
                                    help="BIC bootstrap re-selects among this many best models."),
    seed: int = typer.Option(1234, help="Random seed for the bootstrap."),
    level: float = typer.Option(0.95, help="Confidence level."),
    profile: str = typer.Option("poisson",
                                help="Profile likelihood: poisson | multinomial (Rcapture)."),
    count_column: str = typer.Option("count", help="Name of the count column."),
    models: int = typer.Option(
        10, "--models", help="Models shown (and given a profile interval) in the model table."),
    plot: Path | None = typer.Option(
        None, "--plot", help="Write a chart of the estimates by model (.png/.svg/.pdf)."),
    from_casebook: bool = typer.Option(False, "--from-casebook",
                                       help="Build the table from linked persons in the casebook."),
    lists: str | None = typer.Option(None, "--lists", help="With --from-casebook: the field naming "
                                     "each person's list (organisation or interviewer)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text (the model "
                                 "table lists every model considered)."),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Multiple systems estimation from a list-overlap table.

    Prints the overlap of the lists, the selected model's estimate and interval, the number never
    recorded, the model table (df, deviance, AIC, BIC, estimate and interval per model) and the
    fitted cells with residuals.

    Example: casebook estimate mse uk2013_nrm_6list.csv --method stepwise --json
    From a casebook: casebook estimate mse --from-casebook --lists organisation
    """
    from casebook.errors import EstimationError
    from casebook.estimate.diagnostics import why_no_estimate
    from casebook.estimate.mse import estimate_population
    from casebook.estimate.table import read_table_csv

    if from_casebook:
        if table is not None:
            raise InvalidInput("give either TABLE.csv or --from-casebook, not both")
        if not lists:
            raise InvalidInput(
                "--from-casebook needs --lists FIELD (the organisation or interviewer field)")
        from casebook.estimate.lists import list_memberships
        from casebook.estimate.table import overlap_table

        with open_casebook(db, passphrase_file) as book:
            data = overlap_table(list_memberships(book.read_for("estimation"),
                                                  book.links.decisions("person"), lists))
        if not as_json:
            sys.stderr.write("exact counts of linked persons, no disclosure control: "
                             "for the team only\n")
    elif table is None:
        raise InvalidInput("give a TABLE.csv (or --from-casebook --lists FIELD)")
    else:
        data = read_table_csv(table, count_column=count_column)
    if profile not in ("poisson", "multinomial"):
        raise InvalidInput(f"--profile {profile!r}: choose poisson or multinomial")
    if models < 1:
        raise InvalidInput(f"--models {models}: show at least one model")
    reasons = why_no_estimate(data)
    with _progress(not as_json) as progress:
        try:
            result = estimate_population(
                data, method, model=model, max_order=max_order, p_threshold=p_threshold,
                n_boot=bootstrap, ntop=ntop, seed=seed, level=level, profile=profile,
                interval_models=models, progress=progress,
            )
        except EstimationError as exc:
            if not as_json:
                typer.echo(_overlap_text(data))
            why = "; ".join(reasons) or "see the overlap table"
            raise EstimationError(f"{exc}: {why}") from None
    result.notes.extend(r for r in reasons if r not in result.notes)
    if plot is not None:
        from casebook.estimate.chart import estimates_chart

        estimates_chart(result, plot, top=models)
    if as_json:
        out = result.to_json()
        if from_casebook:
            out["disclosure"] = ("exact counts of linked persons, no disclosure control: "
                                 "for the team only")
        typer.echo(_json_text(out))
        return
    typer.echo(_result_text(result, data, models))
    if plot is not None:
        typer.echo(f"Chart written to {plot}")


def _json_text(out: dict) -> str:
    """Indented JSON with one line per model-table row (a 6-list search considers 32,768)."""
    rows = out.pop("model_table")
    text = json.dumps(out, indent=2, ensure_ascii=False)
    body = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows)
    return text[:-2] + ',\n  "model_table": [\n' + body + "\n  ]\n}"


@contextmanager
def _progress(enabled: bool):
    """A progress bar on stderr for long searches and bootstraps (silent when not a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  "{task.completed:,}/{task.total:,}", TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        tasks: dict[int, TaskID] = {}

        def update(done: int, total: int) -> None:
            if total not in tasks:
                tasks[total] = bar.add_task("fitting models" if total > 50 else "searching",
                                            total=total)
            bar.update(tasks[total], completed=done)
        yield update


def _fmt(x: float | None, spec: str = ",.2f") -> str:
    return "—" if x is None else format(x, spec)


def _short(lists) -> dict[str, str]:
    """Display names: long list names (organisations) become A, B, C… with a legend."""
    if max(len(n) for n in lists) <= 8:
        return {n: n for n in lists}
    return {n: chr(ord("A") + i) if i < 26 else f"L{i + 1}" for i, n in enumerate(lists)}


def _overlap_text(data) -> str:
    from casebook.estimate.diagnostics import overlap

    ov = overlap(data)
    short = _short(ov.lists)
    names = [short[n] for n in ov.lists]
    legend = ", ".join(n if short[n] == n else f"{short[n]} = {n}" for n in ov.lists)
    w = max(6, *(len(n) for n in names)) + 1
    lines = [f"Lists ({len(names)}): {legend}; people observed: {ov.n_observed:,} "
             f"({ov.on_several:,} on more than one list)",
             "Overlap (people on both lists; the diagonal is each list's size):",
             "  " + " " * w + "".join(n.rjust(w) for n in names)]
    full = list(ov.lists)
    for i, a in enumerate(full):
        cells = []
        for j, b in enumerate(full):
            if j < i:
                cells.append(" " * w)
            elif j == i:
                cells.append(f"{ov.sizes[a]:,}".rjust(w))
            else:
                cells.append(f"{ov.pairs[(a, b)]:,}".rjust(w))
        lines.append("  " + short[a].ljust(w) + "".join(cells))
    return "\n".join(lines)


def _result_text(result, data, shown: int) -> str:
    from casebook.estimate.diagnostics import history_label

    lines = [_overlap_text(data), ""]
    short = _short(result.lists)

    def names(terms: list[str]) -> str:
        return ", ".join(":".join(short[x] for x in t.split(":")) for t in terms)

    search = ""
    if result.ranking is not None:
        search = (f" ({result.ranking.searched}, {result.ranking.n_candidates:,} models, "
                  f"maximum order {result.ranking.max_order})")
    lines.append(f"Method: {result.method}{search}")
    lines.append(f"Selected model: {result.hierarchy}"
                 + (f" = main effects + {names(result.terms)}" if result.terms
                    else " (main effects only)"))
    lines.append(f"Estimated population: {result.estimate:,.1f}")
    unseen = result.unseen
    if result.ci_low is not None:
        lines.append(f"Interval: {result.ci_low:,.0f} – {result.ci_high:,.0f} ({result.ci_type})")
        lines.append(f"Estimated never recorded: {unseen['estimate']:,.1f} "
                     f"(interval {unseen['ci_low']:,.0f} – {unseen['ci_high']:,.0f})")
    else:
        lines.append(f"Estimated never recorded: {unseen['estimate']:,.1f}")
    for note in result.notes:
        lines.append(f"Note: {note}")
    with_estimate = [m for m in result.models if m.estimate is not None]
    rows = with_estimate[:shown]
    if not any(m.selected for m in rows):
        rows += [m for m in result.models if m.selected]
    lines += ["", f"Model table ({len(result.models):,} models considered, "
              f"{len(with_estimate):,} with an estimate; best BIC first; * = selected; "
              f"interval: profile likelihood):"]
    table = [["", "model", "terms", "k", "df", "deviance", "AIC", "BIC", "estimate", "interval"]]
    for m in rows:
        iv = "" if m.ci_low is None else f"{m.ci_low:,.0f} – {m.ci_high:,.0f}"
        table.append(["*" if m.selected else "", m.hierarchy, names(m.terms) or "(main)",
                      str(m.n_params), str(m.df), _fmt(m.deviance), _fmt(m.aic), _fmt(m.bic),
                      _fmt(m.estimate, ",.1f"), iv])
    lines += _columns(table)
    excluded = [m for m in result.models if m.estimate is None]
    if excluded:
        lines.append(f"  {len(excluded):,} more considered without an estimate, e.g. "
                     + "; ".join(f"{m.hierarchy} ({m.status_text})" for m in excluded[:3]))
    if len(with_estimate) > len(rows):
        lines.append(f"  {len(with_estimate) - len(rows):,} more with an estimate: --models N "
                     "shows more, --json lists them all")
    lines += ["", f"Fitted cells under {result.hierarchy} (observed vs fitted people per history):"]
    cells = [["history", "observed", "fitted", "Pearson res.", "deviance res."]]
    labels = tuple(short[n] for n in result.lists)
    for c in result.fitted:
        if c.observed is None:
            cells.append([history_label(c.history, labels), "—", f"{c.fitted:,.2f}",
                          "never recorded", ""])
        else:
            cells.append([history_label(c.history, labels), f"{c.observed:,}",
                          f"{c.fitted:,.2f}", f"{c.pearson:+.2f}", f"{c.deviance:+.2f}"])
    lines += _columns(cells)
    return "\n".join(lines)


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    text_cols = {1, 2} if rows[0][1] == "model" else {0}
    return ["  " + "  ".join(c.ljust(w) if i in text_cols or i == 0 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in rows]


@estimate_app.command("scenario")
def scenario_command(
    model: Path = typer.Argument(..., help="Scenario model TOML (see examples/scenarios/)."),
    draws: int = typer.Option(100_000, help="Monte Carlo draws."),
    seed: int = typer.Option(2026, help="Random seed."),
    chart: Path | None = typer.Option(None, "--chart",
                                      help="Write a tornado chart (.png/.svg/.pdf)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """A headline number rebuilt from its factors, with a sensitivity table."""
    from casebook.estimate.scenario import fmt, load_scenario, run_scenario

    scenario = load_scenario(model)
    result = run_scenario(scenario, draws=draws, seed=seed)
    if chart is not None:
        from casebook.estimate.chart import tornado_chart

        tornado_chart(result, chart)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2))
        return
    unit = f" {scenario.unit}" if scenario.unit else ""
    typer.echo(scenario.title)
    typer.echo(f"  formula: {scenario.formula}")
    typer.echo(f"  value at central inputs: {fmt(result.central)}{unit}")
    typer.echo(f"  mean {fmt(result.mean)}, median {fmt(result.median)}; "
               f"90% interval {fmt(result.p05)} – {fmt(result.p95)} ({draws:,} draws, seed {seed})")
    typer.echo("Factors:")
    for f in scenario.factors.values():
        spread = ", ".join(f"{k} {fmt(v)}" for k, v in f.params.items())
        basis = f" [{f.basis}]" if f.basis else ""
        typer.echo(f"  {f.name}: central {fmt(f.central)}; "
                   f"{f.distribution}{' ' + spread if spread else ''}{basis}")
        typer.echo(f"      source: {f.source}")
    typer.echo("Sensitivity (one factor at its 5th / 95th percentile, others central):")
    typer.echo(f"  {'factor':<22} {'at 5th':>16} {'at 95th':>16} {'swing':>16} {'rank corr':>9}")
    for r in result.sensitivity:
        typer.echo(f"  {r.name:<22} {fmt(r.result_at_low):>16} {fmt(r.result_at_high):>16} "
                   f"{fmt(r.swing):>16} {r.rank_correlation:>9.2f}")
    typer.echo("In plain words:")
    for line in result.summary_lines():
        typer.echo(f"  {line}")
    if chart is not None:
        typer.echo(f"Chart written to {chart}")


def register(app: typer.Typer) -> None:
    app.add_typer(estimate_app, name="estimate")
