"""``casebook estimate``: population estimates (MSE) and scenario models from the command line."""

from __future__ import annotations

import json
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
    from_casebook: bool = typer.Option(False, "--from-casebook",
                                       help="Build the table from linked persons in the casebook."),
    lists: str | None = typer.Option(None, "--lists", help="With --from-casebook: the field naming "
                                     "each person's list (organisation or source)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Multiple systems estimation from a list-overlap table.

    Example: casebook estimate mse uk2013_nrm_6list.csv --method stepwise --json
    From a casebook: casebook estimate mse --from-casebook --lists organisation
    """
    from casebook.estimate.mse import estimate_population
    from casebook.estimate.table import read_table_csv

    if from_casebook:
        if table is not None:
            raise InvalidInput("give either TABLE.csv or --from-casebook, not both")
        if not lists:
            raise InvalidInput(
                "--from-casebook needs --lists FIELD (the organisation or source field)")
        from casebook.estimate.lists import list_memberships
        from casebook.estimate.table import overlap_table

        with open_casebook(db, passphrase_file) as book:
            data = overlap_table(list_memberships(book.read_for("estimation"),
                                                  book.links.decisions("person"), lists))
    elif table is None:
        raise InvalidInput("give a TABLE.csv (or --from-casebook --lists FIELD)")
    else:
        data = read_table_csv(table, count_column=count_column)
    if profile not in ("poisson", "multinomial"):
        raise InvalidInput(f"--profile {profile!r}: choose poisson or multinomial")
    result = estimate_population(
        data, method, model=model, max_order=max_order, p_threshold=p_threshold, n_boot=bootstrap,
        ntop=ntop, seed=seed, level=level, profile=profile,
    )
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2))
        return
    typer.echo(
        f"Lists ({len(data.lists)}): {', '.join(data.lists)}; people observed: {data.n_observed:,}")
    typer.echo(f"Method: {result.method}; model {result.hierarchy}"
               + (f" = main effects + {', '.join(result.terms)}" if result.terms
                  else " (main effects only)"))
    typer.echo(f"Estimated population: {result.estimate:,.1f}")
    if result.ci_low is not None:
        typer.echo(f"Interval: {result.ci_low:,.0f} – {result.ci_high:,.0f} ({result.ci_type})")
    for note in result.notes:
        typer.echo(f"Note: {note}")
    if result.ranking is not None and len(result.ranking.models) > 1:
        shown = result.ranking.models[:5]
        typer.echo(f"Best models by BIC ({result.ranking.searched}, "
                   f"{result.ranking.n_candidates:,} considered):")
        for r in shown:
            typer.echo(f"  {r.bic:10.3f}  {r.estimate:12,.1f}  {_hier(r.model, len(data.lists))}")


def _hier(model, n_lists: int) -> str:
    from casebook.estimate.models import hierarchy_string

    return hierarchy_string(model, n_lists)


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
