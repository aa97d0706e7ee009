"""Matching encoded records: similarity scores between two .clk files, one-to-one, overlap table.

Every filter of one file is compared with every filter of the other (vectorised popcounts:
about 25 million comparisons take a few seconds), pairs at or above the threshold are kept,
and a greedy one-to-one assignment (best score first, each record used once, as anonlink does)
turns them into matches: within one organisation's list a woman appears once, after its own
deduplication. With three or more lists, matches are joined across lists and each joined group
gives one capture history; the counts of histories are the overlap table that
``casebook estimate mse`` reads (one 0/1 column per list, then ``count``).

The default score is *missing-tolerant*, not plain Dice. A field that one testimony omits sets
bits in one filter only; Dice (2·shared / (|A| + |B|)) counts those bits against the pair,
whereas the plaintext Fellegi–Sunter model treats a missing field as neutral. The tolerant
score divides the shared bits by a mix of the smaller and the mean filter size::

    score = shared / ((1 - w)·min(|A|, |B|) + w·(|A| + |B|) / 2)

so the extra bits of the fuller filter count only with weight ``w`` (``w = 1`` is Dice,
``w = 0`` the overlap coefficient). It uses nothing but the bits Dice already uses, so it
reveals nothing more; ``w`` and the default threshold were tuned on a synthetic tuning sample
separate from the evaluation sample (docs/benchmarks/linkage.md).
"""

from __future__ import annotations

import base64
import csv
import io
import itertools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from casebook.errors import InvalidInput
from casebook.linkage.encode import FORMAT, VERSION

# Weight of the fuller filter's extra bits in the tolerant score, and the default threshold,
# both tuned on a synthetic tuning sample (bench/linkage_encoded.py; not the evaluation sample).
TOLERANT_EXTRA_WEIGHT = 0.3
DEFAULT_THRESHOLD = 0.8
SIMILARITIES = {"tolerant": TOLERANT_EXTRA_WEIGHT, "dice": 1.0}


@dataclass
class ClkFile:
    label: str
    ids: list[str]
    filters: np.ndarray  # (n, bytes) uint8, packed bits
    params: dict
    key_check: str


@dataclass(frozen=True)
class Match:
    left_list: str
    left: str
    right_list: str
    right: str
    score: float


def read_clk(path: Path | str) -> ClkFile:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror})") from None
    if raw.startswith(b"age-encryption.org/"):
        raise InvalidInput(f"{path}: encrypted for a linkage unit; only the unit opens it "
                           "(`casebook link unit-match`)")
    return parse_clk(raw, path)


def parse_clk(raw: bytes, path: Path | str) -> ClkFile:
    """A .clk file from its bytes (read from disk, or decrypted by a linkage unit)."""
    path = Path(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidInput(f"{path}: not a .clk file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"{path}: not a .clk file")
    if data.get("version") != VERSION:
        raise InvalidInput(f"{path}: .clk version {data.get('version')} is not supported")
    rows = data.get("records") or []
    try:
        filters = [np.frombuffer(base64.b64decode(f), dtype=np.uint8) for _, f in rows]
    except (ValueError, TypeError):
        raise InvalidInput(f"{path}: a filter is not valid base64") from None
    if filters and len({len(f) for f in filters}) != 1:
        raise InvalidInput(f"{path}: filters of different lengths")
    array = np.vstack(filters) if filters else np.zeros((0, 0), np.uint8)
    return ClkFile(str(data.get("label") or path.stem), [str(i) for i, _ in rows], array,
                   data.get("params") or {}, str(data.get("key_check")))


def check_compatible(a: ClkFile, b: ClkFile) -> None:
    if a.key_check != b.key_check:
        raise InvalidInput(f"{a.label} and {b.label} were encoded with different secrets")
    if a.params != b.params:
        raise InvalidInput(f"{a.label} and {b.label} were encoded with different parameters")


def _popcount(words: np.ndarray) -> np.ndarray:
    return np.bitwise_count(words).sum(axis=-1, dtype=np.int32)


def _as_words(filters: np.ndarray) -> np.ndarray:
    pad = (-filters.shape[1]) % 8
    if pad:
        filters = np.pad(filters, ((0, 0), (0, pad)))
    return np.ascontiguousarray(filters).view(np.uint64)


def score_pairs(left: np.ndarray, right: np.ndarray, threshold: float,
                extra_weight: float = TOLERANT_EXTRA_WEIGHT, chunk: int = 64
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, score) for every pair scoring ≥ threshold; filters are packed uint8 rows.

    ``extra_weight`` is how much the fuller filter's extra bits count against a pair:
    1 gives Dice, the default tolerates fields missing on one side (see the module doc).
    """
    if not 0.0 <= extra_weight <= 1.0:
        raise InvalidInput(f"extra_weight must be between 0 and 1, not {extra_weight}")
    a, b = _as_words(left), _as_words(right)
    count_a, count_b = _popcount(a), _popcount(b)
    out_i, out_j, out_s = [], [], []
    for start in range(0, len(a), chunk):
        block = a[start:start + chunk]
        inter = _popcount(block[:, None, :] & b[None, :, :])
        ca, cb = count_a[start:start + chunk, None], count_b[None, :]
        total = (1.0 - extra_weight) * np.minimum(ca, cb) + extra_weight * (ca + cb) / 2.0
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(total > 0, inter / total, 0.0)
        i, j = np.nonzero(score >= threshold)
        out_i.append(i + start)
        out_j.append(j)
        out_s.append(score[i, j])
    if not out_i:
        return np.array([], int), np.array([], int), np.array([], float)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def dice_pairs(left: np.ndarray, right: np.ndarray, threshold: float, chunk: int = 64
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, Dice) for every pair with Dice ≥ threshold; filters are packed uint8 rows."""
    return score_pairs(left, right, threshold, 1.0, chunk)


def one_to_one(i: np.ndarray, j: np.ndarray, score: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Greedy assignment: best score first, each left and right record used at most once."""
    order = np.lexsort((j, i, -score))
    used_i, used_j, keep = set(), set(), []
    for k in order:
        if i[k] in used_i or j[k] in used_j:
            continue
        used_i.add(i[k])
        used_j.add(j[k])
        keep.append(k)
    keep_arr = np.array(keep, dtype=int)
    return i[keep_arr], j[keep_arr], score[keep_arr]


def match_files(files: Sequence[ClkFile], threshold: float = DEFAULT_THRESHOLD,
                similarity: str = "tolerant") -> list[Match]:
    """One-to-one matches between every two of the files, best first.

    ``similarity`` is ``tolerant`` (missing fields do not count against a pair; the default)
    or ``dice``; each has its own best threshold (docs/benchmarks/linkage.md).
    """
    if similarity not in SIMILARITIES:
        raise InvalidInput(
            f"similarity must be one of {', '.join(SIMILARITIES)}, not {similarity!r}")
    if len(files) < 2:
        raise InvalidInput("matching needs at least two .clk files")
    if len({f.label for f in files}) != len(files):
        raise InvalidInput("each .clk file needs its own label (list name)")
    if not 0.0 < threshold <= 1.0:
        raise InvalidInput(f"threshold must be above 0 and at most 1, not {threshold}")
    matches: list[Match] = []
    for a, b in itertools.combinations(files, 2):
        check_compatible(a, b)
        if not len(a.ids) or not len(b.ids):
            continue
        i, j, s = one_to_one(*score_pairs(a.filters, b.filters, threshold,
                                          SIMILARITIES[similarity]))
        matches += [Match(a.label, a.ids[x], b.label, b.ids[y], float(v))
                    for x, y, v in zip(i, j, s)]
    matches.sort(key=lambda m: (-m.score, m.left_list, m.left, m.right_list, m.right))
    return matches


def overlap_table(files: Sequence[ClkFile], matches: Sequence[Match]) -> list[tuple[tuple[int, ...],
                                                                                    int]]:
    """Capture histories and their counts: each person (records joined by matches) once."""
    labels = [f.label for f in files]
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for f in files:
        for rid in f.ids:
            find((f.label, rid))
    for m in matches:
        ra, rb = find((m.left_list, m.left)), find((m.right_list, m.right))
        if ra != rb:
            parent[ra] = rb
    groups: dict[tuple[str, str], set[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), set()).add(node[0])
    histories = Counter(tuple(int(lab in g) for lab in labels) for g in groups.values())
    return sorted(histories.items(), key=lambda kv: tuple(-x for x in kv[0]))


def overlap_csv(files: Sequence[ClkFile], matches: Sequence[Match]) -> str:
    """The overlap table as CSV for ``casebook estimate mse``: list columns, then ``count``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.label for f in files] + ["count"])
    for history, count in overlap_table(files, matches):
        writer.writerow([*history, count])
    return buffer.getvalue()


def matches_csv(matches: Sequence[Match]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["left_list", "left_id", "right_list", "right_id", "score"])
    for m in matches:
        writer.writerow([m.left_list, m.left, m.right_list, m.right, f"{m.score:.4f}"])
    return buffer.getvalue()


__all__ = ["DEFAULT_THRESHOLD", "SIMILARITIES", "TOLERANT_EXTRA_WEIGHT", "ClkFile", "Match",
           "check_compatible", "dice_pairs", "match_files", "matches_csv", "one_to_one",
           "overlap_csv", "overlap_table", "parse_clk", "read_clk", "score_pairs"]
