"""Place linkage: one village told in several spellings and scripts becomes one candidate."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.linkage import apply_decisions, clusters, not_same
from casebook.linkage.place_mentions import mention, place_key, score_place_pairs, suggest_place
from casebook.model import Consent, Event, Fact, Person, Record, Testimony, UncertainDate


def _groups(mentions, threshold=0.5):
    pairs = score_place_pairs(mentions, threshold)
    found = clusters(pairs, threshold, [m.id for m in mentions])
    return {frozenset(c.members) for c in found}


def test_romanisations_and_scripts_of_one_town_cluster_together():
    spellings = ["Hoeryong", "Hoeryŏng", "Heoryung", "회령", "Hoeryeong-si"]
    mentions = [mention(f"m{i}", s) for i, s in enumerate(spellings)]
    mentions.append(mention("x", "Hyesan"))
    groups = _groups(mentions)
    assert frozenset(f"m{i}" for i in range(len(spellings))) in groups
    assert frozenset({"x"}) in groups


def test_two_different_towns_are_not_a_pair():
    pairs = score_place_pairs([mention("a", "Hoeryong"), mention("b", "Hyesan")], threshold=0.0)
    assert pairs == []  # different gazetteer entries are different places
    assert place_key("Hoeryong") != place_key("Hyesan")


@pytest.mark.parametrize("left, right", [
    ("Sinhŭng-ri", "Shinhung village"), ("Ch'ŏngam-dong", "Cheongam"),
    ("Ryongchon-ri", "Yongcheon"), ("P'ungsan", "Pungsan"), ("신흥리", "Sinhung-ri"),
])
def test_keys_fold_romanisation_alternations(left, right):
    assert place_key(left) == place_key(right)


def test_unknown_village_spelt_two_ways_is_one_candidate_and_not_same_separates_it():
    mentions = [mention("t1e0", "Sinhŭng-ri"), mention("t2e3", "Shinhung village"),
                mention("t3e1", "Hoeryong")]
    assert all(m.place is None for m in mentions[:2])  # the gazetteer does not know it
    pairs = score_place_pairs(mentions)
    assert [(p.left, p.right) for p in pairs] == [("t1e0", "t2e3")]
    before = apply_decisions(pairs, [], 0.5, [m.id for m in mentions])
    assert before[0].members == ("t1e0", "t2e3") and before[0].status == "candidate"
    after = apply_decisions(pairs, [not_same(["t1e0", "t2e3"], who="reviewer")], 0.5,
                            [m.id for m in mentions])
    assert all(c.size == 1 for c in after)


def test_same_village_name_in_two_provinces_is_kept_apart():
    north = mention("a", "Sinhung-ri, North Hamgyong")
    ryanggang = mention("b", "Sinhŭng-ri, Ryanggang Province")
    bare = mention("c", "Shinhung village")
    assert north.place is None and north.province and ryanggang.province
    assert north.province != ryanggang.province and bare.province is None
    pairs = score_place_pairs([north, ryanggang, bare], threshold=0.0)
    assert {(p.left, p.right) for p in pairs} == {("a", "c"), ("b", "c")}
    assert place_key(north.text) == place_key(ryanggang.text)  # only the province told them apart


def test_unresolved_misspelling_meets_its_gazetteer_entry():
    assert suggest_place("Hoeryung-ri")[0] == "kp-hamgyong-bukdo-hoeryong"
    pairs = score_place_pairs([mention("a", "Hoeryung-ri"), mention("b", "회령시")])
    assert len(pairs) == 1 and pairs[0].weights["gazetteer"] > 0.9


def _tell(book, text, origin, places):
    record = Record([Fact("origin_nk", origin, status="accepted")],
                    [Event("sale", UncertainDate(2001), place_text=p, status="accepted")
                     for p in places])
    return book.testimonies.add(Testimony(text, organisation="Hanul",
                                        consent=Consent.of(["aggregate_statistics"])),
                              Person("someone"), record)[0]


def test_link_kind_place_on_a_casebook_with_review(sqlite_book, monkeypatch):
    book = sqlite_book
    a = _tell(book, "first", "Hoeryŏng", ["Sinhŭng-ri"])
    b = _tell(book, "second", "회령", ["Shinhung village", "Hyesan"])
    monkeypatch.setenv("CASEBOOK_DB", book.backend.location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    runner = CliRunner()

    def found():
        out = runner.invoke(app, ["link", "--kind", "place", "--json"])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert data["kind"] == "place" and data["records"] == 5
        return {frozenset(c["members"]): c["status"] for c in data["clusters"]}

    towns, village = frozenset({f"t{a}o", f"t{b}o"}), frozenset({f"t{a}e0", f"t{b}e0"})
    assert found() == {towns: "candidate", village: "candidate"}
    text = runner.invoke(app, ["link", "--kind", "place"]).output
    assert "Sinh" not in text and "Hoery" not in text  # ids and scores only, never places
    ok = runner.invoke(app, ["link", "review", "--kind", "place", "--not-same", f"t{a}e0,t{b}e0"])
    assert ok.exit_code == 0, ok.output
    assert runner.invoke(app, ["link", "review", "--kind", "place", "--accept",
                               f"t{a}o,t{b}o"]).exit_code == 0
    assert found() == {towns: "accepted"}
    assert runner.invoke(app, ["link", "--kind", "person", "--json"]).exit_code == 0
    assert {"link_not_same", "link_accept"} <= {e["action"] for e in book.audit.entries()}
    assert book.audit.verify().ok


def test_unknown_kind_is_refused(sqlite_book, monkeypatch):
    monkeypatch.setenv("CASEBOOK_DB", sqlite_book.backend.location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    out = CliRunner().invoke(app, ["link", "--kind", "river"])
    assert out.exit_code != 0 and "place" in str(out.exception)


def test_the_words_that_name_a_kind_of_place_come_from_the_gazetteer():
    from casebook.linkage.place_mentions import place_key
    from casebook.vocab.places import gazetteer

    kinds = gazetteer().place_words
    assert {"village", "county", "ri"} <= kinds.words and "리" in kinds.ko and "ri" in kinds.glued
    base = place_key("Sinhung")
    for spelt in ("Sinhung village", "Sinhung-ri", "Sinhungri", "신흥리", "Sinhung County"):
        assert place_key(spelt) == base, spelt
    assert place_key("Sinhung Harbour") != base  # not a word of the table: part of the name
