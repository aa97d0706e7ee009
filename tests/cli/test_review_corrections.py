"""Reviewing suggested facts from the command line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.corrections import context, parse_edit
from casebook.errors import InvalidInput
from casebook.model import Amount, Event, Evidence, Fact, Person, Record, Testimony, UncertainDate

TEXT = "I was born in 1979. In 1998 the broker sold me in Yanji for 3,000 yuan."


@pytest.fixture
def reviewed(sqlite_book, monkeypatch):
    tid, _ = sqlite_book.testimonies.add(Testimony(TEXT), Person("Ms. Baek"))
    sqlite_book.facts.save(tid, Record(
        [Fact("birth_year", 1979, Evidence.of(TEXT, 14, 18))],
        [Event("sale", UncertainDate(1998), place_text="Yanji", amount=Amount(3000, "RMB", 1998),
               evidence=Evidence.of(TEXT, 28, 71))]))
    location = str(sqlite_book.backend.location)
    monkeypatch.setenv("CASEBOOK_DB", location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    return sqlite_book, tid


def test_interactive_edit_with_a_mistake_then_reject(reviewed):
    book, tid = reviewed
    # a wrong key for a person attribute is explained and asked again; then the sale is rejected
    result = CliRunner().invoke(app, ["review", str(tid)], input="e\namount=1\ne\nvalue=1980\nr\n")
    assert result.exit_code == 0, result.output
    assert "the broker sold me in Yanji" in result.output
    assert "a person attribute takes value=" in result.output
    record = book.facts.record(tid, ["accepted", "rejected", "suggested"])
    assert [(f.field, f.value, f.status) for f in record.facts] == [("birth_year", 1980,
                                                                     "accepted")]
    assert [(e.type, e.status) for e in record.events] == [("sale", "rejected")]


def test_edit_event_amount_and_date(reviewed):
    book, tid = reviewed
    # first fact (birth year): skip; second (sale): edit amount and year
    result = CliRunner().invoke(app, ["review", str(tid)], input="s\ne\namount=3500 year=1999\n")
    assert result.exit_code == 0, result.output
    sale = book.facts.record(tid, ["accepted"]).events[0]
    assert sale.amount.value == 3500 and sale.date.year == 1999 and sale.amount.currency == "RMB"
    assert book.facts.record(tid, ["suggested"]).facts[0].field == "birth_year"


def test_flags_and_unknown_ids(reviewed):
    book, tid = reviewed
    ids = [i.id for i in [*book.facts.record(tid).facts, *book.facts.record(tid).events]]
    result = CliRunner().invoke(app, ["review", str(tid), "--accept", str(ids[0]), "--reject",
                                      str(ids[1])])
    assert result.exit_code == 0
    assert book.facts.record(tid, ["accepted"]).facts[0].value == 1979
    assert book.facts.record(tid, ["rejected"]).events[0].type == "sale"
    bad = CliRunner().invoke(app, ["review", str(tid), "--accept", "9999"])
    assert isinstance(bad.exception, InvalidInput)


def test_parse_edit_and_context():
    fact, event = Fact("birth_year", 1978), Event("sale", UncertainDate(1998), amount=Amount(3000,
                                                                                             "RMB"))
    assert parse_edit(fact, "value=1979") == {"value": 1979}
    changes = parse_edit(event, "amount=4,000 currency=rmb month=3")
    assert changes["amount"]["value"] == 4000 and changes["amount"]["currency"] == "RMB"
    assert changes["date"]["year"] == 1998 and changes["date"]["month"] == 3
    for bad in ("price=3", "amount=lots", "nonsense", "value=1"):
        with pytest.raises(InvalidInput):
            parse_edit(event, bad)
    assert context(TEXT, Evidence.of(TEXT, 28, 71), 10)[1] == TEXT[28:71]
