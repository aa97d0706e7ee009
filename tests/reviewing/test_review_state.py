"""Closing a review: the states, the read layer's reviewed_only, stats --reviewed-only, and the
learned-model table (both backends)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.errors import NotFound
from casebook.model import Consent, Event, Evidence, Fact, Person, Record, Testimony
from casebook.model.consent import AGGREGATE_STATISTICS

TEXTS = [f"Fictional account number {n}: she crossed the river and was sold." for n in range(3)]


def _three(book):
    ids = []
    for n, text in enumerate(TEXTS):
        tid, _ = book.testimonies.add(
            Testimony(text, consent=Consent.of([AGGREGATE_STATISTICS])), Person(f"P{n}"),
            Record(events=[Event("sale", evidence=Evidence.of(text, 50, 58))]))
        ids.append(tid)
    return ids


def test_states_and_reviewed_only_read(book):
    a, b, c = _three(book)
    assert {r.id: r.review for r in book.testimonies.all()} == {
        a: "untouched", b: "untouched", c: "untouched"}
    sale_b = book.facts.record(b).events[0].id
    book.facts.set_status(sale_b, "rejected")
    sale_a = book.facts.record(a).events[0].id
    book.facts.set_status(sale_a, "accepted")
    book.reviews.close(a)
    book.reviews.close(a)  # twice changes nothing
    assert {r.id: r.review for r in book.testimonies.all()} == {
        a: "reviewed", b: "in_progress", c: "untouched"}
    assert book.reviews.reviewed() == {a}
    assert [t.testimony_id for t in book.read_for("statistics")] == [a, b, c]
    only = book.read_for("statistics", reviewed_only=True)
    assert [t.testimony_id for t in only] == [a]
    assert [e.type for e in only[0].record.events] == ["sale"]
    closes = [e for e in book.audit.entries() if e["action"] == "close_review"]
    assert len(closes) == 1 and closes[0]["target"] == f"testimony:{a}"
    book.reviews.reopen(a)
    assert book.reviews.state(a) == "in_progress"
    assert book.read_for("statistics", reviewed_only=True) == []
    with pytest.raises(NotFound):
        book.reviews.close(9999)


def test_examples_carry_every_decision_and_skip_withdrawn(book):
    a, b, _ = _three(book)
    book.facts.add(a, Fact("birth_year", 1980, Evidence.of(TEXTS[a - 1], 0, 9)))
    book.facts.set_status(book.facts.record(a).events[0].id, "rejected")
    book.reviews.close(a)
    book.reviews.close(b)
    book.consent.withdraw(b, AGGREGATE_STATISTICS)
    examples = book.reviews.examples()
    assert [x.testimony_id for x in examples] == [a]
    assert examples[0].text == TEXTS[0]
    statuses = sorted(i.status for i in [*examples[0].record.facts, *examples[0].record.events])
    assert statuses == ["accepted", "rejected"]
    reads = [e for e in book.audit.entries() if e["action"] == "read_testimony"
             and e["detail"] == {"purpose": "learn"}]
    assert [e["target"] for e in reads] == [f"testimony:{a}"]


def test_learned_models_live_in_the_store(book):
    assert book.learned.load("suggestions") is None
    book.learned.save("suggestions", b"\x00arrays", {"examples": 3, "note": "x"})
    stored = book.learned.load("suggestions")
    assert stored is not None and stored.arrays == b"\x00arrays" and stored.info["examples"] == 3
    assert stored.trained_by == "tester"
    book.learned.save("suggestions", b"new", {"examples": 4})
    assert book.learned.load("suggestions").arrays == b"new"
    learn = [e for e in book.audit.entries() if e["action"] == "learn"]
    assert learn[0]["detail"] == {"examples": 4}
    assert book.learned.forget("suggestions") and book.learned.load("suggestions") is None


def test_stats_reviewed_only(sqlite_book, monkeypatch):
    ids = _three(sqlite_book)
    for tid in ids:
        for e in sqlite_book.facts.record(tid).events:
            sqlite_book.facts.set_status(e.id, "accepted")
    sqlite_book.reviews.close(ids[0])
    monkeypatch.setenv("CASEBOOK_DB", str(sqlite_book.backend.location))
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")

    def sold_once(*extra: str) -> int:
        out = CliRunner().invoke(app, ["stats", "times_sold", "--format", "json", *extra])
        assert out.exit_code == 0, out.output
        tables = json.loads(out.output[:out.output.rindex("]") + 1])
        return next(c["count"] for c in tables[0]["cells"] if c["row"] == "1")

    assert sold_once() == 3
    assert sold_once("--reviewed-only") == 1
