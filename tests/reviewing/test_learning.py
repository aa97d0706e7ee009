"""Suggestions that learn from review: the model (train, propose with evidence, demote, stored as
arrays without pickle) and ``casebook learn`` against a real SQLCipher casebook."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.extract import extract, profile
from casebook.model import ACCEPTED, Evidence, Person, Record, Testimony
from casebook.reviewing.additions import addition
from casebook.reviewing.learn import stored_model, suggest
from casebook.reviewing.learning import (
    LEARNED,
    Example,
    Model,
    labels_of,
    sentences,
    train,
    with_labels,
)

# fictional, written for these tests: a threat the rules do not read, and filler that varies
# (a threat told in words no rule row reads yet, so what the learner adds can be seen; when a row
# comes to read it, pick another phrasing)
THREAT = "He said he would tell the village head about me if I ever left the house."
THREAT_KO = "그 사람은 말을 안 들으면 보위부에 넘기겠다고 했다."
FILLER = ["We lived near a small market.", "The winter was long and the fields froze.",
          "I cooked for his parents every day.", "There was a school two villages away.",
          "His brother drove a truck to the county town.", "I learned a few Chinese words.",
          "The house had one stove and two rooms.", "We grew maize and some beans."]


def _text(i: int, threat: bool) -> str:
    parts = [FILLER[i % 8], FILLER[(i + 3) % 8]]
    if threat:
        parts.insert(1, THREAT)
    return " ".join(parts)


def _examples(n: int = 12) -> list[Example]:
    out = []
    for i in range(n):
        threat = i % 2 == 0
        text = _text(i, threat)
        reviewed = {"violence": ["threat_of_denunciation"] if threat else [],
                    "times_sold": None}
        # the rules proposed "times_sold" every time; reviewers rejected it each time
        out.append(Example(text, "en", {"violence": [], "times_sold": 1}, reviewed))
    return out


def test_the_model_proposes_what_reviewers_added_with_the_sentence_as_evidence():
    model = train(_examples())
    assert model.labels == ["violence=threat_of_denunciation"]
    text = "My husband's mother was kind to me. " + THREAT + " We had no neighbours."
    proposals = model.propose(text, "en", {"violence": []})
    assert [p.label for p in proposals] == ["violence=threat_of_denunciation"]
    assert text[proposals[0].start:proposals[0].end] == THREAT
    assert proposals[0].probability >= 0.6
    # nothing to propose in a text without it, nor when the rules already said it
    assert model.propose(_text(5, False), "en", {"violence": []}) == []
    assert model.propose(text, "en", {"violence": ["threat_of_denunciation"]}) == []


def test_answers_reviewers_keep_rejecting_are_demoted_and_others_are_not():
    model = train(_examples())
    assert model.demoted == {"times_sold=1": 1.0}
    assert model.demote({"times_sold": 1, "violence": ["beating"]}) == ["times_sold=1"]
    improved = model.improve(_text(1, True), "en", {"times_sold": 1, "violence": []})
    assert improved["times_sold"] is None
    assert improved["violence"] == ["threat_of_denunciation"]
    # three rejections out of four decisions is not yet "usually rejected" when fewer than 4
    few = train(_examples(6))
    assert "times_sold=1" not in few.demoted or few.demoted["times_sold=1"] >= 0.75


def test_the_model_is_arrays_read_back_without_pickle():
    model = train(_examples())
    data = model.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            arr = np.load(io.BytesIO(z.read(name)), allow_pickle=False)
            assert arr.dtype != object, name
    back = Model.from_bytes(data)
    assert back.labels == model.labels and back.demoted == model.demoted
    text = "Nothing much. " + THREAT
    assert back.probabilities(text, "en") == pytest.approx(model.probabilities(text, "en"))
    assert set(back.info()) == {"examples", "answers", "features", "demoted"}
    assert all(isinstance(v, int) for v in back.info().values())


def test_korean_is_read_as_morphemes():
    examples = [Example(f"{FILLER[i % 8]} {THREAT_KO if i % 2 == 0 else '밥을 먹었다.'}", "ko",
                        {"violence": []},
                        {"violence": ["threat_of_denunciation"] if i % 2 == 0 else []})
                for i in range(12)]
    model = train(examples)
    assert any("/" in w and not w.isascii() for w in model.vocabulary)  # form/tag features
    text = "나는 아침마다 물을 길었다. 그는 말을 안 들으면 보위부에 넘긴다고 했다."
    found = model.propose(text, "ko", {"violence": []})
    assert [p.label for p in found] == ["violence=threat_of_denunciation"]
    assert "보위부" in text[found[0].start:found[0].end]


def test_profiles_and_labels_round_trip():
    prof = {"violence": ["beating"], "arrested_in_china": 2, "crossing_river": "Tumen",
            "recruitment": []}
    assert labels_of(prof) == {"violence=beating", "arrested_in_china=1", "crossing_river=Tumen"}
    out = with_labels(prof, add=["recruitment=abducted", "crossing_river=Yalu"],
                      drop=["violence=beating", "arrested_in_china=1"])
    assert out == {"violence": [], "arrested_in_china": None, "crossing_river": "Tumen",
                   "recruitment": ["abducted"]}
    assert prof["violence"] == ["beating"]  # the given profile is left alone
    assert sentences("One.  Two!\nthree") == [(0, 4), (6, 10), (11, 16)]


@pytest.fixture
def reviewed_book(sqlite_book, monkeypatch):
    """Twelve reviewed testimonies (a reviewer added the threat where it was told) and one
    open testimony that tells it too."""
    book = sqlite_book
    for i in range(12):
        threat = i % 2 == 0
        text = f"{_text(i, threat)} Interview {i + 1}."  # each text its own (no duplicates)
        tid, _ = book.testimonies.add(Testimony(text, consent=_consent()),
                                      Person(f"Ms. {i}"), extract(text, "en"))
        record = book.facts.record(tid)
        for item in [*record.facts, *record.events]:
            book.facts.set_status(item.id, ACCEPTED)
        if threat:
            at = text.index(THREAT)
            book.facts.add(tid, addition("violence", {"value": "threat_of_denunciation"},
                                         Evidence.of(text, at, at + len(THREAT)), "en"))
        book.reviews.close(tid)
    text = "I fetched water every morning. " + THREAT
    open_id, _ = book.testimonies.add(Testimony(text, consent=_consent()), Person("Ms. Open"),
                                      extract(text, "en"))
    monkeypatch.setenv("CASEBOOK_DB", str(book.backend.location))
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    return book, open_id, text


def _consent():
    from casebook.model import Consent

    return Consent.of(["aggregate_statistics"])


def test_casebook_learn_stores_the_model_and_learned_suggestions(reviewed_book, tmp_path):
    book, open_id, text = reviewed_book
    before = sorted(os.listdir(tmp_path))
    r = CliRunner().invoke(app, ["learn", "--apply", "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["examples"] == 12 and summary["answers"] >= 1 and summary["suggested"] == 1
    assert sorted(os.listdir(tmp_path)) == before  # nothing written beside the casebook
    model = stored_model(book)
    assert model is not None and "violence=threat_of_denunciation" in model.labels
    learned = [e for e in book.facts.record(open_id).events if e.source == LEARNED]
    assert len(learned) == 1 and learned[0].status == "suggested"
    assert text[learned[0].evidence.start:learned[0].evidence.end] == THREAT
    assert profile(Record(events=learned))["violence"] == ["threat_of_denunciation"]
    audit = book.audit.entries()
    assert any(e["action"] == "learn" and e["detail"]["examples"] == 12 for e in audit)
    assert any(e["action"] == "fact_added" and e["detail"]["source"] == LEARNED for e in audit)
    # applied again: the same suggestion is not proposed twice; rejected, it stays away
    model = stored_model(book)
    assert suggest(book, open_id, model).proposed == []
    book.facts.set_status(learned[0].id, "rejected")
    assert suggest(book, open_id, model).proposed == []
    # shown as a suggestion to review on the reviewer's record (JSON of `casebook review`)
    shown = json.loads(CliRunner().invoke(app, ["review", str(open_id), "--json"]).output)
    assert all(x.get("source") != LEARNED for x in shown)  # rejected: no longer waiting


def test_learn_needs_enough_reviewed_testimonies_one_line_exit_2(sqlite_book, monkeypatch):
    monkeypatch.setenv("CASEBOOK_DB", str(sqlite_book.backend.location))
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    cli = str(Path(sys.executable).parent / "casebook")
    r = subprocess.run([cli, "learn"], capture_output=True, text=True, env=os.environ.copy(),
                       stdin=subprocess.DEVNULL, timeout=120)
    assert r.returncode == 2
    assert "0 reviewed testimonies, at least 10 needed" in r.stderr + r.stdout
    assert len((r.stderr + r.stdout).strip().splitlines()) == 1
    assert sqlite_book.learned.load("suggestions") is None


def test_learn_trains_without_applying_by_default_and_forget_deletes(reviewed_book):
    """Switched off (docs/extraction.md): trained and stored, but nothing suggested."""
    book, open_id, _ = reviewed_book
    r = CliRunner().invoke(app, ["learn"])
    assert r.exit_code == 0 and "Not applied" in r.output
    assert book.learned.load("suggestions") is not None
    assert not [e for e in book.facts.record(open_id).events if e.source == LEARNED]
    r = CliRunner().invoke(app, ["learn", "--forget"])
    assert r.exit_code == 0 and "deleted" in r.output
    assert book.learned.load("suggestions") is None


def test_demoting_lowers_a_suggestions_confidence_only(reviewed_book):
    book, open_id, text = reviewed_book
    waiting = addition("times_sold", {"value": "1"}, Evidence.of(text, 0, 9), "en")
    book.facts.add(open_id, waiting, status="suggested")
    book.facts.demote(waiting.id, 0.2)
    again = {i.id: i for i in [*book.facts.record(open_id).facts,
                               *book.facts.record(open_id).events]}
    assert again[waiting.id].confidence == 0.2 and again[waiting.id].status == "suggested"
    book.facts.set_status(waiting.id, ACCEPTED)
    book.facts.demote(waiting.id, 0.1)  # decided: left alone
    assert {i.id: i for i in book.facts.record(open_id).events + book.facts.record(open_id).facts
            }[waiting.id].confidence == 0.2
    assert [e["target"] for e in book.audit.entries() if e["action"] == "fact_demoted"] == \
        [f"fact:{waiting.id}"]
