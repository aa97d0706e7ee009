"""A fact's review status, on both backends: only accepted facts reach an analysis, a refused
change writes nothing, and the audit names the fact and testimony but never its value."""

from __future__ import annotations

import json

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Consent, Fact, Record, Testimony


def _setup(book):
    t = Testimony("She was born in a mining town; later she crossed in winter.",
                  consent=Consent.of(["stats"]))
    tid, _ = book.testimonies.add(t)
    ids = book.facts.save(tid, Record([Fact("birth_year", 1979, status=SUGGESTED),
                                       Fact("origin_place", "Musan-gun", status=SUGGESTED)]))
    return tid, ids


def _accepted_fields(book, tid):
    (item,) = [c for c in book.read_for("statistics") if c.testimony_id == tid]
    return {f.field: f.value for f in item.record.facts}


def test_only_accepted_facts_are_read_and_status_changes_follow(book):
    tid, (born, origin) = _setup(book)
    assert _accepted_fields(book, tid) == {}
    book.facts.set_status(born, ACCEPTED)
    book.facts.set_status(origin, ACCEPTED, {"value": "Hoeryong"})
    assert _accepted_fields(book, tid) == {"birth_year": 1979, "origin_place": "Hoeryong"}
    book.facts.set_status(origin, REJECTED)
    assert _accepted_fields(book, tid) == {"birth_year": 1979}
    assert book.facts.ref(born).testimony_id == tid
    dumped = json.dumps([[e["actor"], e["action"], e["target"], e["detail"]]
                         for e in book.audit.entries()], default=str)  # hashes may hold digits
    assert "Hoeryong" not in dumped and "Musan" not in dumped and "1979" not in dumped
    assert f"fact:{origin}" in dumped and book.audit.verify().ok


def test_refused_fact_changes_write_nothing(book):
    tid, (born, _) = _setup(book)
    head = book.audit.head()
    with pytest.raises(InvalidInput, match="not suggested/accepted/rejected"):
        book.facts.set_status(born, "maybe")
    with pytest.raises(NotFound):
        book.facts.set_status(born + 1000, ACCEPTED)
    with pytest.raises(NotFound):
        book.facts.ref(born + 1000)
    with pytest.raises(InvalidInput, match="needs the words"):
        book.facts.add(tid, Fact("surname", "Ri"))
    with pytest.raises(NotFound):
        book.facts.save(tid + 1000, Record([Fact("birth_year", 1980)]))
    assert book.audit.head() == head
    assert [f.status for f in book.facts.record(tid).facts] == [SUGGESTED, SUGGESTED]


def test_demoting_touches_only_suggestions(book):
    tid, (born, origin) = _setup(book)
    book.facts.set_status(born, ACCEPTED)
    head = book.audit.head()
    book.facts.demote(born, 0.1)  # accepted: left alone, not audited
    assert book.audit.head() == head
    book.facts.demote(origin, 0.1)
    assert book.audit.head()[0] == head[0] + 1
    conf = {f.field: f.confidence for f in book.facts.record(tid).facts}
    assert conf["origin_place"] == pytest.approx(0.1)
    assert conf["birth_year"] != pytest.approx(0.1)
