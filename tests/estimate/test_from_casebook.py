"""`estimate mse --from-casebook`: lists are organisations, persons are linked testimonies."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.estimate.lists import list_memberships
from casebook.model import Consent, Person, Testimony


def test_overlap_from_linked_persons_respects_consent(sqlite_book, monkeypatch):
    book = sqlite_book
    ids = {}
    plan = [("a", "Hanul", ["aggregate_statistics"]), ("b", "Bridge", ["aggregate_statistics"]),
            ("c", "Hanul", ["aggregate_statistics"]), ("d", "Bridge", []),
            ("e", "Bridge", ["aggregate_statistics"])]
    for name, org, scopes in plan:
        ids[name], _ = book.testimonies.add(
            Testimony(f"testimony {name}", organisation=org,
                      consent=Consent.of(scopes)), Person(name))
    from casebook.linkage import accept

    # a and b are the same woman told to two organisations; d did not consent to statistics
    book.links.add("person", accept([f"t{ids['a']}", f"t{ids['b']}"], "tester").to_dict())
    pairs = list_memberships(book.read_for("estimation"), book.links.decisions("person"),
                             "organisation")
    people = {}
    for person, org in pairs:
        people.setdefault(person, set()).add(org)
    assert sorted(map(sorted, people.values())) == [["Bridge"], ["Bridge", "Hanul"], ["Hanul"]]
    monkeypatch.setenv("CASEBOOK_DB", book.backend.location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    result = CliRunner().invoke(app, ["estimate", "mse", "--from-casebook", "--lists",
                                      "organisation",
                                      "--method", "main", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["n_observed"] == 3 and sorted(out["lists"]) == ["Bridge", "Hanul"]
    assert out["estimate"] == 4.0  # Lincoln–Petersen: 2 × 2 / 1
