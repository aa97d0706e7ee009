"""Shared helpers for the linkage benchmarks: timing and pairwise precision/recall/F1."""

from __future__ import annotations

import time
from contextlib import contextmanager

import numpy as np


@contextmanager
def timer(store: dict, key: str):
    start = time.perf_counter()
    yield
    store[key] = time.perf_counter() - start


def prf(found: set, true: set) -> dict:
    tp = len(found & true)
    p = tp / len(found) if found else 0.0
    r = tp / len(true) if true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "found": len(found), "true": len(true)}


def cluster_prf(labels: np.ndarray, truth: np.ndarray) -> dict:
    """Pairwise precision/recall of a clustering against true entity labels (no pair lists)."""
    def pairs_within(keys: np.ndarray) -> int:
        _, counts = np.unique(keys, return_counts=True, axis=0)
        return int((counts * (counts - 1) // 2).sum())

    both = np.stack([labels, truth], axis=1)
    tp = pairs_within(both)
    found, true = pairs_within(labels), pairs_within(truth)
    p = tp / found if found else 0.0
    r = tp / true if true else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "found": found, "true": true}
