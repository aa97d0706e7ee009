"""``casebook link`` and ``casebook network``: linkage within a casebook and across organisations.

The casebook-backed inputs (persons and events from the encrypted store, review decisions) are
wired by the store; until then the hidden ``--records-json`` / ``--events-json`` options take
plain files, for development and tests only (never put real names in a plain file).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from casebook.errors import AlreadyExists, InvalidInput

link_app = typer.Typer(
    help="Find the same woman, broker or village across testimonies and organisations.",
    invoke_without_command=True,
)

_NO_STORE = ("needs an open casebook, which this build cannot read yet; "
             "use --records-json FILE for development data")


def _load(records_json: Path | None, kind: str):
    from casebook.linkage.records import load_records_json

    if records_json is None:
        raise InvalidInput(f"casebook link {_NO_STORE}")
    return load_records_json(records_json, kind)


def _refuse_overwrite(path: Path | None, force: bool) -> None:
    if path is not None and path.exists() and not force:
        raise AlreadyExists(f"{path} exists; use --force to replace it")


@link_app.callback()
def link_command(
    ctx: typer.Context,
    kind: str = typer.Option("person", help="person | perpetrator"),
    threshold: float = typer.Option(0.5, help="Lowest match probability for a candidate pair."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    records_json: Path | None = typer.Option(None, "--records-json", hidden=True),
) -> None:
    """Score candidate pairs (Fellegi–Sunter) and show the candidate clusters to review."""
    if ctx.invoked_subcommand is not None:
        return
    from casebook.linkage import clusters, score_pairs

    records = _load(records_json, kind)
    pairs = score_pairs(records, kind, threshold)
    found = [c for c in clusters(pairs, threshold) if c.size > 1]
    if as_json:
        typer.echo(json.dumps({
            "kind": kind, "records": len(records), "pairs": len(pairs),
            "clusters": [{"id": c.id, "members": list(c.members), "status": c.status,
                          "weakest_link": c.min_probability} for c in found],
            "pair_scores": [{"left": p.left, "right": p.right,
                             "probability": round(p.probability, 6),
                             "weights": {k: round(v, 3) for k, v in p.weights.items()}}
                            for p in pairs],
        }, indent=2))
        return
    typer.echo(f"{len(records)} {kind} records, {len(pairs)} candidate pairs, "
               f"{len(found)} candidate clusters (probability >= {threshold})")
    for c in found:
        typer.echo(f"  {c.id}: {', '.join(c.members)}  (weakest link {c.min_probability:.3f})")


@link_app.command("encode")
def encode_command(
    secret_file: Path = typer.Option(..., "--secret-file", help="File holding the secret shared with the partner (>= 16 bytes)."),
    out: Path = typer.Option(..., "--out", help="Where to write the .clk file."),
    label: str = typer.Option("mine", help="Name of this list in the overlap table (e.g. your organisation)."),
    bits: int = typer.Option(1024, help="Filter length in bits (both partners must agree)."),
    balance: bool = typer.Option(False, help="Balanced filters: every filter has half its bits set."),
    fold: bool = typer.Option(False, help="XOR-fold the filter in half."),
    blip: float = typer.Option(0.0, help="Flip each bit with this probability (randomised response)."),
    force: bool = typer.Option(False, help="Replace an existing output file."),
    records_json: Path | None = typer.Option(None, "--records-json", hidden=True),
) -> None:
    """Encode each person's identifying fields as a Bloom filter that hides the names."""
    from casebook.linkage.compare import default_province_of
    from casebook.linkage.encode import EncodingParams, encode_file, read_secret

    records = _load(records_json, "person")
    _refuse_overwrite(out, force)
    secret = read_secret(secret_file)
    n = encode_file(records, secret, out, label, EncodingParams(bits, balance=balance, fold=fold,
                                                                blip=blip), default_province_of())
    typer.echo(f"encoded {n} records into {out} (list '{label}'); send it only to your partner")


@link_app.command("match")
def match_command(
    clk_files: list[Path] = typer.Argument(..., help="Two or more .clk files encoded with the same secret."),
    threshold: float = typer.Option(0.8, help="Lowest Dice score for a match."),
    out: Path | None = typer.Option(None, "--out", help="Write the matched pairs (CSV) here."),
    overlap: Path | None = typer.Option(None, "--overlap", help="Write the overlap table (CSV for 'casebook estimate mse') here."),
    force: bool = typer.Option(False, help="Replace existing output files."),
) -> None:
    """Match encoded lists one-to-one and count how many people each combination of lists saw."""
    from casebook.linkage.match import match_files, matches_csv, overlap_csv, read_clk

    _refuse_overwrite(out, force)
    _refuse_overwrite(overlap, force)
    files = [read_clk(p) for p in clk_files]
    matches = match_files(files, threshold)
    table = overlap_csv(files, matches)
    if out:
        out.write_text(matches_csv(matches), encoding="utf-8")
    if overlap:
        overlap.write_text(table, encoding="utf-8")
    sizes = ", ".join(f"{f.label} {len(f.ids)}" for f in files)
    typer.echo(f"{len(matches)} matches at Dice >= {threshold} ({sizes})")
    if not out:
        typer.echo(matches_csv(matches), nl=False)
    typer.echo("overlap table:")
    typer.echo(table, nl=False)


def network_command(
    fmt: str = typer.Option("json", "--format", help="json | graphml (Gephi)"),
    out: Path = typer.Option(..., "--out", help="Where to write the graph."),
    force: bool = typer.Option(False, help="Replace an existing output file."),
    events_json: Path | None = typer.Option(None, "--events-json", hidden=True),
) -> None:
    """Graph of perpetrators, places and victims from accepted events, with bridging brokers."""
    from casebook.linkage.network import brokers, build_graph, groups, write_graph
    from casebook.model.records import Event

    if fmt not in ("json", "graphml"):
        raise InvalidInput(f"--format {fmt!r}: choose json or graphml")
    if events_json is None:
        raise InvalidInput(f"casebook network {_NO_STORE.replace('--records-json', '--events-json')}")
    _refuse_overwrite(out, force)
    try:
        data = json.loads(events_json.read_text(encoding="utf-8"))
        events = [(str(item["victim"]), Event.from_dict(item["event"], item.get("id")))
                  for item in data.get("events", [])]
        cluster_of = data.get("perpetrator_clusters") or {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput(f"{events_json}: not an events file ({exc})") from None
    graph = build_graph(events, cluster_of)
    write_graph(graph, out, fmt)
    found = groups(graph)
    typer.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
               f"{len(found)} connected groups; written to {out}")
    for b in brokers(graph, top=5):
        typer.echo(f"  bridge {b['node']}: betweenness {b['betweenness']:.3f}"
                   f"{' (cut point)' if b['cut_point'] else ''}")


def register(app: typer.Typer) -> None:
    app.add_typer(link_app, name="link")
    app.command("network")(network_command)
