"""Linkage on a real casebook: records from accepted facts, decisions stored and reversible."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.model import (
    Amount,
    Consent,
    Event,
    Fact,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)


def _story(book, text, org, surname, year, crossing, price, broker):
    record = Record(
        [Fact("surname", surname, status="accepted"), Fact("birth_year", year, status="accepted"),
         Fact("origin_nk", "Hoeryong", status="accepted")],
        [Event("border_crossing", UncertainDate(crossing), status="accepted"),
         Event("sale", UncertainDate(crossing), place="cn-jilin-yanji",
               amount=Amount(price, "RMB", crossing, price / 8.28),
               involvements=[Involvement("perpetrator", "broker", who=broker)], status="accepted")])
    return book.testimonies.add(Testimony(text, organisation=org,
                                        consent=Consent.of(["aggregate_statistics"])),
                              Person(f"{surname} {year}", surname=surname,
                                     birth_year=year), record)[0]


@pytest.fixture
def linked(sqlite_book, monkeypatch):
    book = sqlite_book
    a = _story(book, "first interview", "Hanul", "Lee", 1979, 1999, 5000, "Mr. Jang")
    b = _story(book, "second interview, other NGO", "Bridge", "Yi", 1979, 1999, 5000, "Jang")
    c = _story(book, "someone else entirely", "Hanul", "Park", 1990, 2012, 20000, "Auntie Choe")
    monkeypatch.setenv("CASEBOOK_DB", book.backend.location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    return book, a, b, c


def _clusters(kind="person"):
    out = CliRunner().invoke(app, ["link", "--kind", kind, "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)["clusters"]


def test_same_woman_found_across_organisations_and_romanisations(linked):
    _, a, b, c = linked
    clusters = _clusters()
    assert [sorted(cl["members"]) for cl in clusters] == [sorted([f"t{a}", f"t{b}"])]
    assert clusters[0]["status"] == "candidate"


def test_review_decisions_are_stored_and_reversible(linked):
    book, a, b, _ = linked
    runner = CliRunner()
    assert runner.invoke(app, ["link", "review", "--accept", f"t{a},t{b}"]).exit_code == 0
    assert _clusters()[0]["status"] == "accepted"
    listing = runner.invoke(app, ["link", "review", "--decisions"]).output
    decision_id = listing.split()[0]
    assert runner.invoke(app, ["link", "review", "--revoke", decision_id]).exit_code == 0
    assert _clusters()[0]["status"] == "candidate"
    assert runner.invoke(app, ["link", "review", "--not-same", f"t{a},t{b}"]).exit_code == 0
    assert _clusters() == []
    actions = [e["action"] for e in book.audit.entries()]
    assert {"link_accept", "link_revoke", "link_not_same"} <= set(actions)
    assert book.audit.verify().ok


def test_interactive_review(linked):
    _, a, b, _ = linked
    result = CliRunner().invoke(app, ["link", "review"], input="a\n")
    assert result.exit_code == 0 and "Hanul" in result.output
    assert _clusters()[0]["status"] == "accepted"


def test_network_from_casebook(linked, tmp_path):
    out = tmp_path / "net.json"
    result = CliRunner().invoke(app, ["network", "--out", str(out), "--plaintext", "--k", "2"])
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text())
    kinds = {n.get("kind") for n in graph["nodes"]}
    assert {"victim", "perpetrator"} <= kinds
    # women appear under labels that mean nothing outside the file, never casebook ids
    assert all(n["id"].startswith("victim:v") for n in graph["nodes"] if n["kind"] == "victim")
    assert out.stat().st_mode & 0o777 == 0o600
