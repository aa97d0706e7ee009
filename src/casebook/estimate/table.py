"""Capture-history tables: the input of multiple systems estimation.

A table with ``t`` lists has one cell per observable capture history, i.e. per non-empty subset
of the lists. Cells are indexed by bitmask: bit ``i`` is set when the history includes list ``i``
(the ``i``-th list column). Zero cells are kept, because the log-linear models are fitted over all
``2**t - 1`` observable cells; the all-zero history (the dark figure) is never a cell.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from casebook.errors import InvalidInput

MAX_LISTS = 12  # 4,095 cells; beyond this the dense design matrices stop making sense


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people per capture history.

    ``counts[mask - 1]`` is the number of people seen on exactly the lists in ``mask``.
    """

    lists: tuple[str, ...]
    counts: np.ndarray  # int64, length 2**t - 1, indexed by mask - 1

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def n_observed(self) -> int:
        return int(self.counts.sum())

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        """The same lists with other counts (bootstrap and jackknife replicates)."""
        return CaptureTable(self.lists, np.asarray(counts, dtype=np.int64))

    def rows(self) -> list[tuple[tuple[int, ...], int]]:
        """Observed (history, count) pairs, history as a 0/1 tuple in list order."""
        out = []
        for idx, count in enumerate(self.counts):
            if count:
                mask = idx + 1
                out.append((tuple((mask >> i) & 1 for i in range(self.n_lists)), int(count)))
        return out


def table_from_rows(
    lists: Sequence[str], rows: Iterable[tuple[Sequence[int], int]], *, source: str = "table"
) -> CaptureTable:
    """Build a table from (history, count) rows; repeated histories are added together."""
    lists = tuple(lists)
    t = len(lists)
    if t < 2:
        raise InvalidInput(f"{source}: multiple systems estimation needs at least 2 lists, got {t}")
    if t > MAX_LISTS:
        raise InvalidInput(f"{source}: at most {MAX_LISTS} lists are supported, got {t}")
    if len(set(lists)) != t:
        raise InvalidInput(f"{source}: list names must be distinct: {', '.join(lists)}")
    counts = np.zeros(2**t - 1, dtype=np.int64)
    for history, count in rows:
        mask = sum(1 << i for i, bit in enumerate(history) if bit)
        if mask == 0:
            if count:
                raise InvalidInput(
                    f"{source}: a row with no list marked has count {count}; "
                    "people seen on no list cannot be counted"
                )
            continue
        counts[mask - 1] += count
    if counts.sum() == 0:
        raise InvalidInput(f"{source}: the table has no observed people")
    return CaptureTable(lists, counts)


def read_table_csv(path: str | Path, *, count_column: str = "count") -> CaptureTable:
    """Read a CSV with one 0/1 column per list and a count column (the research/data format)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"{path}: cannot read the table ({exc.__class__.__name__}: {exc})") from exc
    return parse_table_csv(text, source=str(path), count_column=count_column)


def parse_table_csv(text: str, *, source: str = "table",
                    count_column: str = "count") -> CaptureTable:
    """Parse CSV text; every problem is reported with the file, line and column it concerns."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(f"{source}: the file is empty") from None
    header = [h.strip() for h in header]
    if count_column not in header:
        raise InvalidInput(f"{source}: no '{count_column}' column (columns: {', '.join(header)})")
    ci = header.index(count_column)
    list_cols = [i for i in range(len(header)) if i != ci]
    lists = [header[i] for i in list_cols]
    if any(not name for name in lists):
        raise InvalidInput(f"{source}: a list column has an empty name")
    rows = []
    problems = []
    for lineno, raw in enumerate(reader, start=2):
        if not raw or all(not cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            problems.append(f"line {lineno}: {len(raw)} fields, expected {len(header)}")
            continue
        history = []
        for i in list_cols:
            value = raw[i].strip()
            if value not in ("0", "1"):
                problems.append(f"line {lineno}, column '{header[i]}': {value!r} is not 0 or 1")
            history.append(1 if value == "1" else 0)
        value = raw[ci].strip()
        try:
            count = int(value)
        except ValueError:
            count = -1
        if count < 0:
            problems.append(
                f"line {lineno}, column '{count_column}': {value!r} is not a non-negative integer"
            )
        rows.append((history, count))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5
                                           else "")
        raise InvalidInput(f"{source}: {shown}")
    return table_from_rows(lists, rows, source=source)


def overlap_table(memberships: Iterable[tuple[str, str]]) -> CaptureTable:
    """Build the list-overlap table from (person_key, list_name) pairs.

    Each person counts once, in the cell of the set of lists that recorded them; repeated pairs
    are harmless. Lists are ordered by name so the same records always give the same table.
    """
    lists_of: dict[str, set[str]] = defaultdict(set)
    for person, list_name in memberships:
        if not list_name:
            raise InvalidInput(f"person {person!r}: empty list name")
        lists_of[person].add(list_name)
    names = sorted({name for names in lists_of.values() for name in names})
    if not names:
        raise InvalidInput("overlap table: no (person, list) pairs")
    position = {name: i for i, name in enumerate(names)}
    rows = []
    for names_seen in lists_of.values():
        history = [0] * len(names)
        for name in names_seen:
            history[position[name]] = 1
        rows.append((history, 1))
    return table_from_rows(names, rows, source="overlap table")


def write_table_csv(table: CaptureTable) -> str:
    """The table as CSV text in the same format ``read_table_csv`` accepts (observed rows only)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.lists, "count"])
    for history, count in table.rows():
        writer.writerow([*history, count])
    return out.getvalue()
