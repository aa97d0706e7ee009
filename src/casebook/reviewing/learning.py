"""Suggestions that learn from review: a model trained on reviewers' decisions.

Each reviewed testimony is a labelled example: the profile its accepted facts make (what the
reviewer accepted, corrected and added) against the profile the rules proposed. From these the
model learns two things:

* **proposals**: for each coded answer (``violence=beating``, ``arrested_in_china=1``,
  ``crossing_river=Tumen`` ...) a logistic regression over the testimony's words (English word
  uni- and bigrams; Korean morphemes from kiwipiepy), TF-IDF weighted. When the rules left an
  answer out and the model is sure enough, it proposes it, marked as learned, with the sentence
  that weighs most for it as its evidence;
* **demotions**: answers the rules propose that reviewers rejected in most reviews (at least
  ``MIN_DECISIONS`` of them) get a low confidence, so they are reviewed last.

The model is plain arrays (vocabulary, idf, weights): it is serialised to an in-memory ``.npz``
and read back with ``allow_pickle=False``, and lives only in the encrypted store
(``book.learned``). scikit-learn fits it; prediction is numpy arithmetic.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from casebook.extract.profile import profile

MODEL_NAME = "suggestions"
LIST_KEYS = ("recruitment", "recruiter_relation", "exploitation", "violence", "nk_detention")
PRESENCE_KEYS = ("arrested_in_china", "repatriated", "children_in_china", "times_sold")
VALUE_KEYS = ("crossing_river", "hukou_or_id")
MIN_POSITIVES = 3  # an answer seen fewer times is not learned
MIN_DECISIONS = 4  # a rule's answer is demoted only after this many reviews of it
DEMOTE_AT = 0.75  # ... and when reviewers rejected it in this share of them
PROPOSE_AT = 0.6  # the model's probability needed to propose an answer
LEARNED = "learned"  # the source of a learned suggestion
SWITCHED_ON = False  # decided by bench/learning_curve.py: no reliable gain (docs/extraction.md)

_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"[^.!?。\n]+(?:[.!?。]+|\n|$)")


def labels_of(prof: dict) -> set[str]:
    """The coded answers of a profile as ``key=value`` labels."""
    out = {f"{k}={v}" for k in LIST_KEYS for v in prof.get(k) or []}
    out |= {f"{k}=1" for k in PRESENCE_KEYS if prof.get(k)}
    out |= {f"{k}={prof[k]}" for k in VALUE_KEYS if prof.get(k)}
    return out


def with_labels(prof: dict, add: Iterable[str] = (), drop: Iterable[str] = ()) -> dict:
    """``prof`` with learned answers added and demoted ones taken out (a new dict)."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in prof.items()}
    for label in drop:
        key, value = label.split("=", 1)
        if key in LIST_KEYS:
            out[key] = [v for v in out.get(key) or [] if v != value]
        elif out.get(key) is not None and (key in PRESENCE_KEYS or str(out[key]) == value):
            out[key] = [] if key == "sales" else None
    for label in add:
        key, value = label.split("=", 1)
        if key in LIST_KEYS:
            out[key] = sorted({*(out.get(key) or []), value})
        elif out.get(key) is None:
            out[key] = 1 if key in PRESENCE_KEYS else value
    return out


@cache
def _kiwi():
    from casebook.extract.korean import kiwi

    return kiwi()


def tokens(text: str, lang: str) -> list[str]:
    """Features of a piece of text: Korean morphemes (form/tag), English words and bigrams."""
    if lang == "ko":
        return [f"{t.form}/{t.tag[:2]}" for t in _kiwi().tokenize(text)
                if t.tag[0] in "NVMX" or t.tag.startswith("E")]
    words = _EN_WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, spaces trimmed."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


@dataclass
class Example:
    """One reviewed testimony: its words, what the rules proposed, what the reviewer kept."""

    text: str
    language: str
    proposed: dict  # the rules' profile
    reviewed: dict  # the accepted record's profile


@dataclass
class Proposal:
    """An answer the model proposes, with the sentence that weighs most for it."""

    label: str
    probability: float
    start: int
    end: int


@dataclass
class Model:
    """The learned arrays: vocabulary, idf, one weight row per answer, demoted answers."""

    vocabulary: list[str]
    idf: np.ndarray
    labels: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    demoted: dict[str, float] = field(default_factory=dict)  # answer -> rejected share
    examples: int = 0
    propose_at: float = PROPOSE_AT  # the probability needed to propose an answer

    def _vectors(self, docs: Sequence[list[str]]) -> np.ndarray:
        index = {w: i for i, w in enumerate(self.vocabulary)}
        x = np.zeros((len(docs), len(self.vocabulary)))
        for row, toks in enumerate(docs):
            for tok, n in Counter(toks).items():
                j = index.get(tok)
                if j is not None:
                    x[row, j] = n
        x *= self.idf
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return x / np.where(norms == 0, 1, norms)

    def probabilities(self, text: str, lang: str) -> dict[str, float]:
        """Each learned answer's probability for the whole text."""
        if not self.labels:
            return {}
        z = self._vectors([tokens(text, lang)]) @ self.coef.T + self.intercept
        return dict(zip(self.labels, (1 / (1 + np.exp(-z[0]))).tolist(), strict=True))

    def propose(self, text: str, lang: str, proposed: dict,
                at: float | None = None) -> list[Proposal]:
        """Answers the rules left out that the model finds likely, each with its evidence."""
        have = labels_of(proposed)
        at = self.propose_at if at is None else at
        wanted = [(lab, p) for lab, p in self.probabilities(text, lang).items()
                  if p >= at and lab not in have and not _taken(lab, proposed)]
        if not wanted:
            return []
        spans = sentences(text)
        x = self._vectors([tokens(text[s:e], lang) for s, e in spans])
        out = []
        for lab, p in wanted:
            weights = x @ self.coef[self.labels.index(lab)]
            s, e = spans[int(np.argmax(weights))]
            out.append(Proposal(lab, round(p, 3), s, e))
        return out

    def demote(self, proposed: dict) -> list[str]:
        """The rules' answers in ``proposed`` that reviewers usually reject."""
        return sorted(lab for lab in labels_of(proposed) if lab in self.demoted)

    def improve(self, text: str, lang: str, proposed: dict) -> dict:
        """The profile the rules proposed, with learned answers added and demoted ones out
        (what the evaluation scores)."""
        return with_labels(proposed, [p.label for p in self.propose(text, lang, proposed)],
                           self.demote(proposed))

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        demoted = sorted(self.demoted.items())
        np.savez_compressed(
            buf, vocabulary=np.array(self.vocabulary, dtype=str), idf=self.idf,
            labels=np.array(self.labels, dtype=str), coef=self.coef, intercept=self.intercept,
            demoted=np.array([d for d, _ in demoted], dtype=str),
            demoted_share=np.array([s for _, s in demoted], dtype=float),
            examples=np.array([self.examples]))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            return cls([str(w) for w in z["vocabulary"]], z["idf"], [str(x) for x in z["labels"]],
                       z["coef"], z["intercept"],
                       dict(zip([str(d) for d in z["demoted"]], z["demoted_share"].tolist(),
                                strict=True)), int(z["examples"][0]))

    def info(self) -> dict:
        """Counts only (the audit log records these): no word of any testimony."""
        return {"examples": self.examples, "answers": len(self.labels),
                "features": len(self.vocabulary), "demoted": len(self.demoted)}


def _taken(label: str, proposed: dict) -> bool:
    """A single-valued key the rules already answered (differently): not overridden."""
    key = label.split("=", 1)[0]
    return key in VALUE_KEYS and proposed.get(key) is not None


def train(examples: Sequence[Example]) -> Model:
    """Fit the proposals and count the demotions from reviewed examples."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = [tokens(e.text, e.language) for e in examples]
    golds = [labels_of(e.reviewed) for e in examples]
    counts = Counter(lab for g in golds for lab in g)
    labels = sorted(lab for lab, n in counts.items() if MIN_POSITIVES <= n < len(examples))
    vocabulary: list[str] = []
    idf = np.zeros(0)
    coef = np.zeros((0, 0))
    intercept = np.zeros(0)
    if labels:
        vec = TfidfVectorizer(analyzer=lambda toks: toks, min_df=2, sublinear_tf=False)
        x = vec.fit_transform(docs)
        vocabulary = [str(w) for w in vec.get_feature_names_out()]
        idf = vec.idf_
        rows, icpt = [], []
        for lab in labels:
            y = np.array([lab in g for g in golds], dtype=int)
            clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
            clf.fit(x, y)
            rows.append(clf.coef_[0])
            icpt.append(clf.intercept_[0])
        coef, intercept = np.vstack(rows), np.array(icpt)
    decided: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    for e, gold in zip(examples, golds, strict=True):
        for lab in labels_of(e.proposed):
            decided[lab] += 1
            rejected[lab] += lab not in gold
    demoted = {lab: round(rejected[lab] / n, 3) for lab, n in decided.items()
               if n >= MIN_DECISIONS and rejected[lab] / n >= DEMOTE_AT}
    return Model(vocabulary, idf, labels, coef, intercept, demoted, len(examples))


def example_of(text: str, language: str, record, proposed_record) -> Example:
    """A reviewed testimony as an example: ``record`` holds its facts with the reviewers'
    decisions (only accepted ones count), ``proposed_record`` what the rules propose."""
    from casebook.model import ACCEPTED, Record

    kept = Record(facts=[f for f in record.facts if f.status == ACCEPTED],
                  events=[e for e in record.events if e.status == ACCEPTED])
    return Example(text, language, profile(proposed_record), profile(kept))
