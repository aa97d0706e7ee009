"""Per-key precision, recall and F1 of extracted profiles against hand-coded gold profiles.

Scalars: a predicted non-null value is a true positive when it equals the gold value, a false
positive otherwise; a gold non-null value not matched is a false negative (so a wrong value
counts against both precision and recall, and null = null is simply not counted). Lists are
compared as sets; ``sales`` as a multiset of (amount, currency).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from casebook.extract.profile import LIST_KEYS, PROFILE_KEYS


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0  # documents where the key is exactly right (null = null included)
    docs: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "accuracy": round(self.exact / self.docs, 4)
                if self.docs else None}


def _norm(v):
    if isinstance(v, str):
        return v.strip().casefold()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _sale_key(s: dict) -> tuple:
    amount = s.get("amount")
    amount = float(amount) if amount is not None else None
    return (amount, (s.get("currency") or "").upper())


def compare(gold: dict, pred: dict, scores: dict[str, Score]) -> None:
    """Add one document's comparison to ``scores`` (key → :class:`Score`)."""
    for key in PROFILE_KEYS:
        sc = scores.setdefault(key, Score())
        sc.docs += 1
        g, p = gold.get(key), pred.get(key)
        if key == "sales":
            gc = Counter(_sale_key(s) for s in g or [])
            pc = Counter(_sale_key(s) for s in p or [])
            tp = sum((gc & pc).values())
            sc.tp += tp
            sc.fp += sum(pc.values()) - tp
            sc.fn += sum(gc.values()) - tp
            sc.exact += gc == pc
        elif key in LIST_KEYS:
            gs, ps = set(g or []), set(p or [])
            sc.tp += len(gs & ps)
            sc.fp += len(ps - gs)
            sc.fn += len(gs - ps)
            sc.exact += gs == ps
        else:
            gn, pn = _norm(g), _norm(p)
            if pn is not None and gn is not None and pn == gn:
                sc.tp += 1
            else:
                if pn is not None:
                    sc.fp += 1
                if gn is not None:
                    sc.fn += 1
            sc.exact += gn == pn


def evaluate(pairs: list[tuple[dict, dict]]) -> dict:
    """Scores per key and their mean F1 for ``(gold, predicted)`` profile pairs."""
    scores: dict[str, Score] = {}
    for gold, pred in pairs:
        compare(gold, pred, scores)
    per_key = {k: scores[k].to_dict() for k in PROFILE_KEYS if k in scores}
    # the mean is over the keys with any gold or predicted value in the set: a key nobody
    # told and nothing proposed would count as a perfect 1.0 and flatter the set
    told = [v["f1"] for v in per_key.values() if v["tp"] + v["fp"] + v["fn"]]
    mean = sum(told) / len(told) if told else 0.0
    return {"documents": len(pairs), "mean_f1": round(mean, 4), "keys": per_key,
            "keys_in_mean": len(told)}


def table(result: dict) -> str:
    """A plain-text table of :func:`evaluate`'s result."""
    lines = [f"{'key':<22}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for k, v in result["keys"].items():
        acc = v["accuracy"] if v["accuracy"] is not None else 0
        lines.append(f"{k:<22}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{acc:>7.3f}"
                     f"{v['tp']:>5}{v['fp']:>5}{v['fn']:>5}")
    lines.append(
        f"{'mean F1':<22}{'':>14}{result['mean_f1']:>7.3f}   documents: {result['documents']}"
        f", keys with a value: {result.get('keys_in_mean', len(result['keys']))}")
    return "\n".join(lines)
