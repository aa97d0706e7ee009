"""``casebook link`` and ``casebook network``: linkage within a casebook and across organisations.

Records come from the encrypted casebook (accepted facts, one record per testimony) and review
decisions are stored in it. The hidden ``--records-json`` / ``--events-json`` options take plain
files instead, for development and benchmarks only (never put real names in a plain file).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from casebook.cli.common import DbOption, PassphraseFileOption, open_casebook
from casebook.errors import InvalidInput

link_app = typer.Typer(
    help="Find the same woman, broker or village across testimonies and organisations.",
    invoke_without_command=True,
)


def _load(records_json: Path | None, kind: str, db: str | None = None,
          passphrase_file: Path | None = None, partner: str | None = None) -> list:
    """Records from a dev JSON file, or from the casebook's consented read for this kind."""
    # linkage pulls in DuckDB and Splink: imported when a link command runs, so that `casebook`
    # itself (and every web worker, which imports the CLI) starts fast
    from casebook.linkage.place_mentions import load_mentions_json
    from casebook.linkage.records import load_records_json
    from casebook.linkage.run import USE_OF, check_kind, records_for

    check_kind(kind)
    if records_json is not None:
        if kind == "place":
            return load_mentions_json(records_json)
        return load_records_json(records_json, kind)
    with open_casebook(db, passphrase_file) as book:
        return records_for(kind, book.read_for(USE_OF[kind], partner=partner))


def _refuse_overwrite(path: Path | None, force: bool) -> None:
    from casebook.files import check_output

    if path is not None:
        check_output(path, force=force)


@link_app.callback()
def link_command(
    ctx: typer.Context,
    kind: str = typer.Option("person", help="person | perpetrator | place"),
    threshold: float = typer.Option(0.5, help="Lowest match probability for a candidate pair."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    records_json: Path | None = typer.Option(None, "--records-json", hidden=True),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Score candidate pairs (Fellegi–Sunter) and show the candidate clusters to review.

    Clusters already decided in `casebook link review` show as accepted or split.
    Example: casebook link --kind person --threshold 0.7
    """
    if ctx.invoked_subcommand is not None:
        return
    from casebook.linkage.run import link

    records = _load(records_json, kind, db, passphrase_file)
    decisions = [] if records_json is not None else _decisions(db, passphrase_file, kind)
    result = link(records, kind, threshold, decisions)
    pairs, found = result.pairs, result.linked()
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
    secret_file: Path = typer.Option(..., "--secret-file", help="File holding the secret shared "
                                     "with the partner (>= 16 bytes)."),
    out: Path = typer.Option(..., "--out",
                             help="Where to write the .clk file (.clk.age with --to)."),
    label: str = typer.Option(
        "mine", help="Name of this list in the overlap table (e.g. your organisation)."),
    bits: int = typer.Option(1024, help="Filter length in bits (both partners must agree)."),
    balance: bool = typer.Option(False,
                                 help="Balanced filters: every filter has half its bits set."),
    fold: bool = typer.Option(False, help="XOR-fold the filter in half."),
    blip: float = typer.Option(0.0,
                               help="Flip each bit with this probability (randomised response)."),
    force: bool = typer.Option(False, help="Replace an existing output file."),
    for_organisation: str | None = typer.Option(
        None, "--for", help="The partner: only testimonies whose consent allows sharing with it "
                            "(required when reading the casebook)."),
    to: str | None = typer.Option(None, "--to", help="The linkage unit's age public key: the "
                                  "file is encrypted so only the unit can match it."),
    plaintext: bool = typer.Option(False, "--plaintext", help="Write the .clk unencrypted, for a "
                                   "direct exchange with the partner (see docs/threat-model.md)."),
    records_json: Path | None = typer.Option(None, "--records-json", hidden=True),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Encode each person's identifying fields as a Bloom filter that hides the names.

    Only testimonies whose consent allows sharing with the partner are encoded (--for ORG);
    a withdrawn or missing consent leaves her out. Send the file to a neutral linkage unit
    (--to UNIT_KEY) rather than to the partner: the partner holds the same secret and could
    test guessed names against your file.
    Example: casebook link encode --secret-file shared.key --for "Bridge of Light"
    --to age1… --out mine.clk.age
    """
    from casebook.errors import BadArgument
    from casebook.linkage.compare import default_province_of
    from casebook.linkage.encode import Encoder, EncodingParams, clk_bytes, read_secret
    from casebook.linkage.unit import seal_for_unit

    if records_json is None and not for_organisation:
        raise BadArgument("link encode: name the partner with --for ORG; only testimonies whose "
                          "consent allows sharing with it are encoded")
    if (to is None) == (not plaintext):
        raise BadArgument("link encode: give --to UNIT_KEY (encrypted for a linkage unit) or "
                          "--plaintext (a direct exchange), not both and not neither")
    _refuse_overwrite(out, force)
    if to:
        seal_for_unit(b"", to)  # a bad key fails before the casebook is opened
    secret = read_secret(secret_file)
    records = _load(records_json, "person", db, passphrase_file, partner=for_organisation)
    encoder = Encoder(secret, EncodingParams(bits, balance=balance, fold=fold, blip=blip))
    body = clk_bytes([r.id for r in records], encoder.encode(records, default_province_of()),
                     encoder, label)
    from casebook.files import write_output

    write_output(out, seal_for_unit(body, to) if to else body, force=force)
    where = "for the linkage unit only" if to else "UNENCRYPTED: send it only to your partner"
    typer.echo(f"encoded {len(records)} records into {out} (list '{label}'); {where}")


@link_app.command("keygen")
def keygen_command(
    out: Path = typer.Option(..., "--out", help="Where to write the private key (age-encrypted)."),
) -> None:
    """A key pair for linkage: the unit's (files are encrypted to it) or an organisation's
    (the unit's answer is encrypted to it). The private key is protected by
    $CASEBOOK_LINK_KEY_PASSPHRASE (or a prompt); the public key is printed and in OUT.pub.
    """
    from casebook.cli.field import _secret
    from casebook.field.bundle import generate_hq_key
    from casebook.files import check_output

    check_output(out)
    public = generate_hq_key(out, _secret("CASEBOOK_LINK_KEY_PASSPHRASE", "Key passphrase",
                                          confirm=True))
    typer.echo(f"private key in {out} (keep it); public key (also in {out.name}.pub):\n{public}")


@link_app.command("unit-match")
def unit_match_command(
    sealed: list[Path] = typer.Argument(
        ..., help="Two or more .clk.age files sealed to this unit."),
    identity: Path = typer.Option(..., "--identity", help="The unit's private key (from keygen)."),
    returns: list[str] = typer.Option(..., "--return", help="LABEL=age1…: the organisation's "
                                      "key its answer is encrypted to (one per list)."),
    out_dir: Path = typer.Option(
        ..., "--out-dir", help="Folder for the answers (LABEL.result.age)."),
    threshold: float = typer.Option(0.8, help="Lowest similarity score for a match."),
    force: bool = typer.Option(False, help="Replace existing answer files."),
) -> None:
    """At the neutral linkage unit: match sealed lists without the organisations' secret and
    write each organisation only its answer (overlap table + its own matched ids), encrypted."""
    from casebook.cli.field import _secret
    from casebook.field.bundle import load_hq_identity
    from casebook.files import check_output, write_output
    from casebook.linkage.unit import parse_returns, read_sealed, result_for, unit_match

    key = load_hq_identity(identity, _secret("CASEBOOK_LINK_KEY_PASSPHRASE", "Key passphrase"))
    files = read_sealed(sealed, key)
    keys = parse_returns(returns, [f.label for f in files])
    if not out_dir.is_dir():
        raise InvalidInput(f"{out_dir}: no such folder; create it first")
    targets = {f.label: out_dir / f"{_safe_label(f.label)}.result.age" for f in files}
    for path in targets.values():
        check_output(path, force=force)
    result = unit_match(files, threshold)
    for label, path in targets.items():
        write_output(path, result_for(result, label, keys[label]), force=True)
    typer.echo(f"matched {', '.join(f'{k} {v}' for k, v in result.sizes.items())}; "
               f"answers in {out_dir} (each readable only by its organisation)")


@link_app.command("unit-result")
def unit_result_command(
    result_file: Path = typer.Argument(..., help="The answer the linkage unit sent you."),
    identity: Path = typer.Option(..., "--identity", help="Your organisation's private key."),
) -> None:
    """Open the linkage unit's answer: the overlap table and your own matched record ids."""
    from casebook.cli.field import _secret
    from casebook.field.bundle import load_hq_identity
    from casebook.files import read_input
    from casebook.linkage.unit import read_result

    key = load_hq_identity(identity, _secret("CASEBOOK_LINK_KEY_PASSPHRASE", "Key passphrase"))
    body = read_result(read_input(result_file, 1 << 28), str(result_file), key)
    typer.echo(f"list {body['list']}: {len(body['matched_ids'])} of your records matched")
    typer.echo(", ".join(body["matched_ids"]))
    typer.echo("overlap table:")
    typer.echo(body["overlap"], nl=False)


def _safe_label(label: str) -> str:
    import re

    return re.sub(r"[^\w.-]+", "_", label)[:60] or "list"


@link_app.command("match")
def match_command(
    clk_files: list[Path] = typer.Argument(
        ..., help="Two or more .clk files encoded with the same secret."),
    threshold: float = typer.Option(
        0.8, help="Lowest similarity score for a match (missing-tolerant Dice)."),
    out: Path | None = typer.Option(None, "--out", help="Write the matched pairs (CSV) here."),
    overlap: Path | None = typer.Option(
        None, "--overlap", help="Write the overlap table (CSV for 'casebook estimate mse') here."),
    force: bool = typer.Option(False, help="Replace existing output files."),
) -> None:
    """Match encoded lists one-to-one and count how many people each combination of lists saw."""
    from casebook.linkage.match import match_files, matches_csv, overlap_csv, read_clk

    _refuse_overwrite(out, force)
    _refuse_overwrite(overlap, force)
    files = [read_clk(p) for p in clk_files]
    matches = match_files(files, threshold)
    table = overlap_csv(files, matches)
    from casebook.files import write_output

    if out:
        write_output(out, matches_csv(matches), force=force)
    if overlap:
        write_output(overlap, table, force=force, option="--overlap")
    sizes = ", ".join(f"{f.label} {len(f.ids)}" for f in files)
    typer.echo(f"{len(matches)} matches at score >= {threshold} ({sizes})")
    if not out:
        typer.echo(matches_csv(matches), nl=False)
    typer.echo("overlap table:")
    typer.echo(table, nl=False)


def _ids(text: str) -> list[str]:
    ids = [i.strip() for i in text.split(",") if i.strip()]
    if len(ids) < 2:
        raise InvalidInput(f"{text!r}: give two or more record ids separated by commas (t3,t17)")
    return ids


@link_app.command("review")
def review_command(
    kind: str = typer.Option("person", help="person | perpetrator | place"),
    threshold: float = typer.Option(0.5, help="Lowest match probability for a candidate pair."),
    accept: list[str] = typer.Option([], help="Record ids that are the same (t3,t17). Repeatable."),
    not_same: list[str] = typer.Option([], "--not-same",
                                       help="Record ids that are different people."),
    split: list[str] = typer.Option([], help="Groups separated by | (t3,t17|t20). Repeatable."),
    revoke: list[str] = typer.Option([], help="Id of an earlier decision to withdraw. Repeatable."),
    show: bool = typer.Option(False, "--decisions", help="List the decisions made so far."),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Decide about candidate clusters: accept, split or mark "not the same" — all reversible.

    Without options, walks through the open candidate clusters and asks. Decisions are kept as
    an append-only log in the casebook; every source record stays, and --revoke undoes one.
    Example: casebook link review    ·    casebook link review --accept t3,t17
    """
    from casebook.linkage import accept as accept_d
    from casebook.linkage import not_same as not_same_d
    from casebook.linkage import revoke as revoke_d
    from casebook.linkage import split as split_d
    from casebook.linkage.run import USE_OF, check_kind, link, records_for

    with open_casebook(db, passphrase_file) as book:
        who = book.actor
        if show:
            for d in book.links.decisions(kind):
                groups = " | ".join(",".join(g) for g in d["groups"]) or ",".join(d["records"])
                typer.echo(f"{d['id']}  {d['when'][:19]}  {d['who']}  {d['action']}  "
                           f"{groups or d.get('revokes')}")
            return
        made = [accept_d(_ids(a), who) for a in accept]
        made += [not_same_d(_ids(n), who) for n in not_same]
        made += [split_d([[i.strip() for i in g.split(",") if i.strip()] for g in s.split("|")],
                         who)
                 for s in split]
        made += [revoke_d(r, who) for r in revoke]
        if made:
            for decision in made:
                book.links.add(kind, decision.to_dict())
            typer.echo(f"recorded {len(made)} decision(s)")
            return
        check_kind(kind)
        records = {r.id: r for r in records_for(kind, book.read_for(USE_OF[kind]))}
        open_clusters = link(list(records.values()), kind, threshold,
                             book.links.decisions(kind)).open()
        if not open_clusters:
            typer.echo("No candidate clusters wait for review.")
            return
        for n, cluster in enumerate(open_clusters, start=1):
            typer.echo(f"\n{n}/{len(open_clusters)} candidate cluster {cluster.id} "
                       f"(weakest link {cluster.min_probability:.3f})")
            for member in cluster.members:
                typer.echo(f"  {member}: {_summary(records[member])}")
            choice = typer.prompt("[a]ccept  [n]ot the same  [s]plit  [k]eep for later  [q]uit",
                                  default="k").strip().lower()[:1]
            if choice == "q":
                break
            if choice == "a":
                book.links.add(kind, accept_d(cluster.members, who).to_dict(),
                                  cluster.min_probability)
            elif choice == "n":
                book.links.add(kind, not_same_d(cluster.members, who).to_dict(),
                                  cluster.min_probability)
            elif choice == "s":
                line = typer.prompt("groups, e.g. t3,t17|t20")
                parts = [[i.strip() for i in g.split(",") if i.strip()] for g in line.split("|")]
                book.links.add(kind, split_d(parts, who).to_dict(), cluster.min_probability)


def _summary(record) -> str:
    fields = {k: v for k, v in record.__dict__.items()
              if v not in (None, "", (), False) and k not in ("id", "name_is_pseudonym")}
    return ", ".join(f"{k}={v}" for k, v in fields.items())


def _decisions(db, passphrase_file, kind: str) -> list[dict]:
    with open_casebook(db, passphrase_file) as book:
        return book.links.decisions(kind)


def network_command(
    fmt: str = typer.Option("json", "--format", help="json | graphml (Gephi)"),
    out: Path = typer.Option(
        ..., "--out", help="Where to write the graph (.age unless --plaintext)."),
    k: int = typer.Option(11, "--k", help="A place must be told by at least k women, else it is "
                          "coarsened (village → county → province) or withheld."),
    recipient: list[str] = typer.Option([], "--recipient",
                                        help="age public key to encrypt to (repeatable)."),
    plaintext: bool = typer.Option(False, "--plaintext",
                                   help="Write UNENCRYPTED (you must ask for it explicitly)."),
    force: bool = typer.Option(False, help="Replace an existing output file."),
    events_json: Path | None = typer.Option(None, "--events-json", hidden=True),
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Graph of perpetrators, places and victims from accepted events, with bridging brokers.

    The file is encrypted with age (to --recipient, or $CASEBOOK_EXPORT_PASSPHRASE) unless
    --plaintext. Women appear only as labels that mean nothing outside the file, and places
    told by fewer than --k women are coarsened or withheld.
    Example: casebook network --format graphml --out brokers.graphml.age --recipient age1…
    """
    from casebook.cli.common import export_passphrase, plaintext_warning
    from casebook.errors import BadArgument
    from casebook.files import encrypt, write_output
    from casebook.linkage.network import brokers, build_graph, graph_bytes, groups, protect_graph
    from casebook.linkage.run import network
    from casebook.model.records import Event

    if fmt not in ("json", "graphml"):
        raise BadArgument(f"--format {fmt!r}: choose json or graphml")
    if k < 2:
        raise BadArgument(f"--k {k}: must be at least 2 (a place told by one woman points at her)")
    _refuse_overwrite(out, force)
    secret = export_passphrase(plaintext, recipient, "network file")
    if recipient:
        encrypt(b"", recipients=list(recipient))  # a bad key fails before any work
    if events_json is None:
        with open_casebook(db, passphrase_file) as book:
            graph = network(book.read_for("network"), book.links.decisions("perpetrator"))
    else:
        try:
            data = json.loads(events_json.read_text(encoding="utf-8"))
            events = [(str(item["victim"]), Event.from_dict(item["event"], item.get("id")))
                      for item in data.get("events", [])]
            cluster_of = data.get("perpetrator_clusters") or {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise InvalidInput(f"{events_json}: not an events file") from None
        graph = build_graph(events, cluster_of)
    graph, protection = protect_graph(graph, k)
    body = graph_bytes(graph, fmt)
    if plaintext:
        plaintext_warning(out)
    else:
        body = encrypt(body, recipients=list(recipient), passphrase=secret)
    write_output(out, body, force=force)
    found = groups(graph)
    typer.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
               f"{len(found)} connected groups; written to {out} "
               f"({'PLAINTEXT' if plaintext else 'age-encrypted'}); places below k={k}: "
               f"{protection.places_generalised} coarsened, {protection.places_withheld} withheld")
    for b in brokers(graph, top=5):
        typer.echo(f"  bridge {b['node']}: betweenness {b['betweenness']:.3f}"
                   f"{' (cut point)' if b['cut_point'] else ''}")


def register(app: typer.Typer) -> None:
    app.add_typer(link_app, name="link")
    app.command("network")(network_command)
