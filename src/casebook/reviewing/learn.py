"""Train the suggestion model on the casebook's reviewed testimonies and apply it.

``casebook learn`` calls :func:`learn` (train, store inside the encrypted casebook) and then
:func:`suggest` for each testimony whose review is not closed: the model's proposals are
stored as *suggested* facts whose source is ``learned``, with the sentence they rest on as
evidence; the rules' suggestions that reviewers usually reject get a low confidence.
Nothing leaves the store: texts are read through ``book.reviews.examples`` (consent checked,
each read audited) and the model is bytes in ``book.learned``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from casebook.errors import BadArgument
from casebook.extract import extract, profile
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Evidence, Fact, Record
from casebook.reviewing.additions import addition
from casebook.reviewing.learning import (
    LEARNED,
    MODEL_NAME,
    Model,
    example_of,
    labels_of,
    train,
)

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook

MIN_EXAMPLES = 10  # fewer reviewed testimonies teach nothing worth proposing
DEMOTED_CONFIDENCE = 0.2


@dataclass
class Applied:
    """What applying the model to one testimony did."""

    testimony_id: int
    proposed: list[int]  # ids of the learned suggestions stored
    demoted: list[int]  # ids of the rules' suggestions given a low confidence


def learn(book: Casebook, min_examples: int = MIN_EXAMPLES) -> Model:
    """Train on every reviewed testimony (consent not withdrawn) and store the model."""
    reviewed = book.reviews.examples(purpose="learn")
    if len(reviewed) < min_examples:
        raise BadArgument(f"learn: {len(reviewed)} reviewed testimonies, at least "
                          f"{min_examples} needed; close more reviews (casebook review ID "
                          "--done) and run casebook learn again")
    examples = [example_of(r.text, r.language, r.record, extract(r.text, r.language))
                for r in reviewed]
    model = train(examples)
    book.learned.save(MODEL_NAME, model.to_bytes(), model.info())
    return model


def stored_model(book: Casebook) -> Model | None:
    """The model ``casebook learn`` stored last, or None."""
    stored = book.learned.load(MODEL_NAME)
    return Model.from_bytes(stored.arrays) if stored else None


def _profile_of(items: list[Fact | Event]) -> dict:
    """The profile these facts make whatever their status (profile() skips rejected ones)."""
    live = [replace(i, status=SUGGESTED) for i in items]
    return profile(Record(facts=[i for i in live if not isinstance(i, Event)],
                          events=[i for i in live if isinstance(i, Event)]))


def suggest(book: Casebook, testimony_id: int, model: Model) -> Applied:
    """Store the model's proposals for one testimony and demote the usual rejections.

    Nothing is proposed that the record already answers (suggested or accepted) or that a
    reviewer rejected; learned suggestions already there are not proposed twice."""
    testimony = book.testimonies.get(testimony_id, purpose="learned_suggestions")
    record = book.facts.record(testimony_id, [SUGGESTED, ACCEPTED, REJECTED])
    items: list[Fact | Event] = [*record.facts, *record.events]
    live = [i for i in items if i.status != REJECTED]
    known = _profile_of(live)
    refused = labels_of(_profile_of([i for i in items if i.status == REJECTED]))
    applied = Applied(testimony_id, [], [])
    for p in model.propose(testimony.text, testimony.language, known):
        if p.label in refused:
            continue
        key, value = p.label.split("=", 1)
        item = addition(key, {"value": value},
                        Evidence.of(testimony.text, p.start, p.end), testimony.language)
        item.source, item.confidence = LEARNED, p.probability
        applied.proposed.append(book.facts.add(testimony_id, item, status=SUGGESTED))
    demoted = set(model.demoted)
    for i in live:
        if i.status == SUGGESTED and i.source != LEARNED and i.id is not None \
                and i.confidence > DEMOTED_CONFIDENCE and labels_of(_profile_of([i])) & demoted:
            book.facts.demote(i.id, DEMOTED_CONFIDENCE)
            applied.demoted.append(i.id)
    return applied


def suggest_open(book: Casebook, model: Model) -> list[Applied]:
    """:func:`suggest` for every testimony whose review is not closed."""
    closed = book.reviews.reviewed()
    return [suggest(book, t.id, model) for t in book.testimonies.all() if t.id not in closed]
