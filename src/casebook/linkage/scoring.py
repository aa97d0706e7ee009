"""The Fellegi–Sunter model: how likely is it that two records describe the same person?

Each comparison level carries m (how often true matches fall in it) and u (how often
non-matches do); a pair's match weight is the sum of log2(m/u) over its levels plus the prior
odds of a match, and its probability follows. Splink computes this on DuckDB.

* Small collections (a casebook of a few hundred testimonies) keep the documented prior m and
  u values of ``casebook.linkage.compare``: there are too few pairs to learn from.
* Large ones (``min_records_to_train`` and up) estimate u from random pairs and m by
  expectation maximisation on the training blocks, as Splink recommends.

Safety: DuckDB runs in memory with spilling switched off (``temp_directory=''``,
``max_temp_directory_size='0KB'``), external file access disabled after set-up and extension
autoloading off, so no plaintext is written to a temp directory or fetched from the internet.
A job too big for memory fails with an out-of-memory error instead of writing to disk. For
collections that outgrow one machine the same settings run on Splink's Spark backend (see
docs/linkage.md); that cluster's disks must be encrypted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from casebook.errors import InvalidInput
from casebook.linkage import blocking, training
from casebook.linkage.compare import (
    COMPARISONS,
    for_dialect,
    perpetrator_features,
    person_features,
    sql_for_dialect,
)
from casebook.linkage.records import (
    PERPETRATOR,
    PERSON,
    LinkRecord,
    check_unique_ids,
    record_class,
)


@dataclass(frozen=True)
class LinkSpec:
    """Everything the engine needs for one kind of record: comparisons and blocking."""

    kind: str
    comparisons: list[dict[str, Any]]
    blocking_rules: list[Any] | blocking.BlockingPlan  # a plan is resolved on the data
    training_rules: list[Any] = field(default_factory=list)
    certain_rules: list[Any] = field(default_factory=list)  # to estimate the prior match rate
    certain_rules_recall: float = 0.5
    min_records_to_train: int = 5_000


def spec_for(kind: str, n_records: int = 0) -> LinkSpec:
    """The comparisons and blocking rules for ``kind``. Person blocking is a plan that
    ``predict`` sizes on the data itself (``n_records`` is kept for callers; not needed)."""
    record_class(kind)  # raises InvalidInput on an unknown kind
    if kind == PERSON:
        return LinkSpec(PERSON, COMPARISONS[PERSON](), blocking.person_blocking_rules(),
                        blocking.person_training_rules(), blocking.person_certain_rules())
    return LinkSpec(PERPETRATOR, COMPARISONS[PERPETRATOR](), blocking.perpetrator_blocking_rules(),
                    min_records_to_train=10**12)  # perpetrator lists are small: keep the priors


def safe_duckdb(threads: int | None = None, memory_limit: str | None = None
                ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that cannot spill to disk or load extensions."""
    config: dict[str, Any] = {
        "temp_directory": "",
        "max_temp_directory_size": "0KB",
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    con = duckdb.connect(":memory:", config=config)
    con.execute("SET enable_external_access = false")
    return con


@dataclass(frozen=True)
class Pair:
    """Two records the model thinks may be one person: smaller id first, with its evidence."""

    left: str
    right: str
    probability: float
    weight: float
    # comparison -> match weight (log2 m/u, with term-frequency adjustment): what tipped it
    weights: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.left, self.right)


def predict(tables: pa.Table | Sequence[pa.Table], spec: LinkSpec, threshold: float = 0.5,
            *, link_type: str = "dedupe_only", train: bool | None = None, seed: int = 42,
            threads: int | None = None, prior: float | None = None,
            keep_levels: bool = False, backend: Any = None) -> pa.Table:
    """Score blocked pairs; returns Splink's prediction table (ids, probability, weight, levels).

    ``tables`` is one feature table (dedupe) or two or more (``link_type='link_only'``).
    ``train`` defaults to "only when there are at least ``spec.min_records_to_train`` records".
    ``keep_levels`` keeps each comparison's match weight (``mw_*`` columns), for reviewers.
    ``backend`` is ``None`` (DuckDB in memory) or a ``casebook.linkage.spark.SparkBackend``:
    the model is trained on DuckDB either way and the same parameters predict on Spark.
    """
    tables = [tables] if isinstance(tables, pa.Table) else list(tables)
    n = sum(t.num_rows for t in tables)
    if n < 2:
        return pa.table({"unique_id_l": pa.array([], pa.string()),
                         "unique_id_r": pa.array([], pa.string()),
                         "match_probability": pa.array([], pa.float64()),
                         "match_weight": pa.array([], pa.float64())})
    if train is None:
        train = n >= spec.min_records_to_train
    if prior is None:
        if link_type == "link_only" and len(tables) == 2:
            prior = 1.0 / max(tables[0].num_rows, tables[1].num_rows, 2)
        else:
            prior = min(0.5, 1.0 / (n - 1))
    logging.getLogger("splink").setLevel(logging.WARNING)
    settings = {
        "link_type": link_type,
        "probability_two_random_records_match": prior,
        "comparisons": spec.comparisons,
        "blocking_rules_to_generate_predictions": spec.blocking_rules,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": keep_levels,
        "max_iterations": 20,
    }
    con = safe_duckdb(threads=threads)
    try:
        if isinstance(spec.blocking_rules, blocking.BlockingPlan):
            settings["blocking_rules_to_generate_predictions"] = spec.blocking_rules.resolve(
                con, tables, link_type)
        linker = None
        if train:
            settings["comparisons"] = training.estimate_u(
                con, tables, spec.comparisons, link_type=link_type, seed=seed)
            linker = _duckdb_linker(con, tables, settings)
            training.train(linker, spec.training_rules, spec.certain_rules,
                           spec.certain_rules_recall)
        if backend is not None:
            if linker is not None:  # carry the trained m, u and prior over to Spark
                settings = {**linker.misc.save_model_to_json(),
                            "retain_intermediate_calculation_columns": keep_levels}
            return _predict_spark(backend, tables, settings, threshold)
        linker = linker or _duckdb_linker(con, tables, settings)
        result = linker.inference.predict(threshold_match_probability=threshold)
        table = result.as_duckdbpyrelation().arrow()
        if hasattr(table, "read_all"):
            table = table.read_all()
        return table
    finally:
        con.close()


def _duckdb_linker(con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table],
                   settings: dict[str, Any]) -> Any:
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI(con)
    frames = [db_api.register(t, dataset_display_name=f"records_{i}")
              for i, t in enumerate(tables)]
    return Linker(frames if len(frames) > 1 else frames[0], settings, log_level=None)


def _predict_spark(backend: Any, tables: Sequence[pa.Table], settings: dict[str, Any],
                   threshold: float) -> pa.Table:
    """The same settings (SQL renamed for Spark) predicted on a Spark session."""
    from splink import Linker

    rules = [sql_for_dialect(r, "spark") if isinstance(r, str) else r
             for r in settings["blocking_rules_to_generate_predictions"]]
    settings = {**settings, "sql_dialect": "spark",
                "comparisons": for_dialect(settings["comparisons"], "spark"),
                "blocking_rules_to_generate_predictions": rules}
    db_api = backend.db_api()
    frames = [db_api.register(t, dataset_display_name=f"records_{i}")
              for i, t in enumerate(tables)]
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=None)
    result = linker.inference.predict(threshold_match_probability=threshold)
    return result.as_spark_dataframe().toArrow()


def features_for(records: Sequence[LinkRecord], kind: str,
                 province_of: Callable[[str], str | None] | None = None) -> pa.Table:
    cls = record_class(kind)
    wrong = next((r for r in records if not isinstance(r, cls)), None)
    if wrong is not None:
        raise InvalidInput(f"record {wrong.id!r} is not a {kind} record")
    check_unique_ids(records)
    if kind == PERSON:
        return person_features(records, province_of)  # type: ignore[arg-type]
    return perpetrator_features(records)  # type: ignore[arg-type]


def score_pairs(records: Sequence[LinkRecord], kind: str = PERSON, threshold: float = 0.5, *,
                train: bool | None = None, province_of: Callable[[str], str | None] | None = None,
                ) -> list[Pair]:
    """Candidate pairs of records of one kind scoring at least ``threshold``, best first.

    Examples:
        >>> pairs = score_pairs(records, "person", threshold=0.8)  # doctest: +SKIP
        >>> pairs[0].left, pairs[0].right, round(pairs[0].probability, 3)  # doctest: +SKIP
        ('t-12', 't-40', 0.998)
    """
    if not 0.0 <= threshold <= 1.0:
        raise InvalidInput(f"threshold must be between 0 and 1, not {threshold}")
    table = features_for(records, kind, province_of)
    spec = spec_for(kind, len(records))
    result = predict(table, spec, threshold, train=train, keep_levels=True)
    return pairs_from_table(result)


def pairs_from_table(table: pa.Table) -> list[Pair]:
    """Turn a prediction table into ``Pair`` objects (smaller id first), best first."""
    data = table.to_pydict()
    names = [c[3:] for c in data if c.startswith("mw_") and not c.startswith("mw_tf_adj_")]
    pairs = []
    for i in range(table.num_rows):
        a, b = str(data["unique_id_l"][i]), str(data["unique_id_r"][i])
        left, right = (a, b) if a <= b else (b, a)
        weights = {n: float(data[f"mw_{n}"][i] or 0.0)
                   + float((data.get(f"mw_tf_adj_{n}") or [0.0] * (i + 1))[i] or 0.0)
                   for n in names}
        pairs.append(Pair(left, right, float(data["match_probability"][i]),
                          float(data["match_weight"][i]), weights))
    pairs.sort(key=lambda p: (-p.probability, p.left, p.right))
    return pairs


__all__ = ["LinkSpec", "Pair", "features_for", "pairs_from_table", "predict", "safe_duckdb",
           "score_pairs", "spec_for"]
