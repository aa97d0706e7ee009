"""A reviewer adds what the extractor missed, from the words: CLI, store and audit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.extract import profile
from casebook.model import Amount, Event, Evidence, Fact, Person, Record, Testimony, UncertainDate

# fictional, written for these tests
TEXT = ("I was born in 1981 in a mining town. In spring 2002 a woman from our street said "
        "there was work in a restaurant. Across the river she handed me to a broker, who sold "
        "me to a farmer for 8,000 yuan. The farmer beat me. I ran away after two years. "
        "The farmer beat me again when I came back.")


@pytest.fixture
def cli_book(sqlite_book, monkeypatch):
    tid, _ = sqlite_book.testimonies.add(Testimony(TEXT), Person("Ms. Ryu"))
    sqlite_book.facts.save(tid, Record(
        [Fact("birth_year", 1981, Evidence.of(TEXT, 14, 18))],
        [Event("sale", UncertainDate(2002), amount=Amount(8000, "RMB", 2002),
               evidence=Evidence.of(TEXT, 148, 186))]))
    monkeypatch.setenv("CASEBOOK_DB", str(sqlite_book.backend.location))
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "correct horse battery staple")
    return sqlite_book, tid


CLI = [str(Path(sys.executable).parent / "casebook")]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it (one line and the exit code of the error)."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=os.environ.copy(),
                          stdin=subprocess.DEVNULL, timeout=120)


def test_add_stores_an_accepted_fact_with_the_words_as_evidence(cli_book):
    book, tid = cli_book
    result = run("review", str(tid), "--add", "recruitment=deception_job_offer",
                 "--words", "there was work in a restaurant")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", str(tid), "--json", "--no-text").output)
    added = [e for e in shown["events"] if e.get("source") == "reviewer"]
    assert len(added) == 1
    ev = added[0]["evidence"]
    assert ev["quote"] == "there was work in a restaurant"
    assert TEXT[ev["start"]:ev["end"]] == "there was work in a restaurant"
    assert added[0]["status"] == "accepted"
    accepted = book.facts.record(tid, ["accepted"])
    assert profile(accepted)["recruitment"] == ["deception_job_offer"]
    entries = [e for e in book.audit.entries() if e["action"] == "fact_added"]
    assert len(entries) == 1 and entries[0]["detail"]["testimony"] == tid
    assert "restaurant" not in json.dumps(entries[0]["detail"])


def test_an_event_type_takes_its_fields(cli_book):
    book, tid = cli_book
    result = run("review", str(tid), "--add", "violence kind=beating year=2002",
                 "--words", "The farmer beat me", "--occurrence", "1",
                 "--add", "escape year=2004", "--words", "I ran away after two years")
    assert result.exit_code == 0, result.output
    accepted = book.facts.record(tid, ["accepted"])
    beating = next(e for e in accepted.events if e.type == "violence")
    assert beating.attributes["kind"] == "beating" and beating.date.year == 2002
    assert beating.evidence.start == TEXT.index("The farmer beat me")
    assert profile(accepted)["violence"] == ["beating"]
    assert {e.type for e in accepted.events} == {"violence", "escape"}


@pytest.mark.parametrize("args, says", [
    (["--add", "exploitation=forced_marriage", "--words", "married me to a soldier"],
     "not in its text"),
    (["--add", "violence=beating", "--words", "The farmer beat me"], "stand 2 times"),
    (["--add", "violence=beating", "--words", "The farmer beat me", "--occurrence", "3"],
     "--occurrence 3"),
    (["--add", "violence=beating", "--words", "The farmer beat me.", "--occurrence", "1"],
     "1 --occurrence given but only 0"),
    (["--add", "violence=hugging", "--words", "ran away"], "not a code of violence"),
    (["--add", "exploitation=forced_marriage"], "one --words for each --add"),
])
def test_bad_additions_are_one_line_exit_2_and_store_nothing(cli_book, args, says):
    book, tid = cli_book
    before = book.facts.record(tid, ["suggested", "accepted", "rejected"])
    # a good --add first: nothing at all is stored when a later one is wrong
    result = run_cli("review", str(tid), "--add", "escape", "--words", "I ran away", *args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, result.stderr
    assert f"testimony {tid}" in lines[0] or "--add" in lines[0] or "violence" in lines[0]
    assert says in lines[0]
    assert "farmer" not in lines[0] and "soldier" not in lines[0]  # never the words
    after = book.facts.record(tid, ["suggested", "accepted", "rejected"])
    assert len(after.facts) + len(after.events) == len(before.facts) + len(before.events)
    assert not [e for e in book.audit.entries() if e["action"] == "fact_added"]


def test_words_across_a_line_break_still_match(sqlite_book):
    text = "She said the broker\nsold her twice."
    tid, _ = sqlite_book.testimonies.add(Testimony(text), None)
    from casebook.reviewing.additions import addition, parse
    from casebook.reviewing.words import locate

    ev = locate(text, "broker sold her", tid)
    assert text[ev.start:ev.end] == "broker\nsold her"
    key, fields = parse("times_sold=2")
    fid = sqlite_book.facts.add(tid, addition(key, fields, ev))
    assert profile(sqlite_book.facts.record(tid, ["accepted"]))["times_sold"] == 2
    assert sqlite_book.facts.ref(fid).kind == "event"


def test_done_marks_reviewed_and_list_shows_it(cli_book):
    book, tid = cli_book
    other, _ = book.testimonies.add(Testimony("Another fictional account, untouched."), None)
    third, _ = book.testimonies.add(Testimony("A third fictional account, begun."), None)
    book.facts.add(third, Event("escape", evidence=Evidence.of("A third", 0, 7)))
    assert run("review", str(tid), "--done").exit_code == 0
    rows = {r["id"]: r["review"] for r in json.loads(run("list", "--json").output)}
    assert rows == {tid: "reviewed", other: "untouched", third: "in_progress"}
    table = run("list").output
    assert "reviewed" in table and "untouched" in table and "in progress" in table
    assert run("review", str(tid), "--reopen").exit_code == 0
    assert book.reviews.state(tid) == "untouched"
    actions = [e["action"] for e in book.audit.entries()]
    assert "close_review" in actions and "reopen_review" in actions
