"""``casebook case …`` on the demo casebook, as a caseworker types it: the issue's bars (open,
refer refused with exit 2 until her consent shares, dated tasks, the overdue list), several
stages in the demo, one-line errors, and a referral file a partner outside the casebook opens."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "casebook.cli.main"]
REPO = Path(__file__).resolve().parents[2]
PASS = "demo case pass 1"
BRIDGE, RESCUE = "Bridge of Light", "Seoul Rescue Network"


def run(env: dict, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env={**os.environ, **env}, cwd=REPO,
                          capture_output=True, text=True, input=input)


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "casebook.db"
    done = run({"CASEBOOK_PASSPHRASE": PASS}, "demo", "--out", str(out))
    assert done.returncode == 0, done.stderr[-500:]
    return out


@pytest.fixture
def demo(built_demo, tmp_path) -> dict:
    """A fresh copy of the demo casebook (and its key file) for one test."""
    db = tmp_path / "casebook.db"
    for source in built_demo.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    return {"CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": PASS}


def cases(env: dict, *options: str) -> list[dict]:
    done = run(env, "case", "list", "--json", *options)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_name(env: dict) -> dict[str, dict]:
    return {c["pseudonym"]: c for c in cases(env, "--status", "all")}


def one_line(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_the_demo_shows_cases_at_several_stages_and_lists_never_show_her_place(demo):
    every = cases(demo, "--status", "all")
    assert len({c["stage"] for c in every}) >= 4
    assert {"open", "in_transit", "resettled", "closed"} <= {c["status"] for c in every}
    table = run(demo, "case", "list", "--status", "all")
    assert table.returncode == 0
    for place in ("Kunming", "Luang Namtha", "Bangkok", "Shenyang", "Yanji", "Hanoi"):
        assert place not in table.stdout and place not in json.dumps(every)
    show = run(demo, "case", "show", str(by_name(demo)["Han Seol-a"]["id"]))
    assert show.returncode == 0 and "Luang Namtha" in show.stdout  # her own case page has it


def test_case_open_on_a_woman_without_a_case_and_again_is_one_line(demo):
    opened = {c["person_id"] for c in cases(demo, "--status", "all")}
    listed = json.loads(run(demo, "list", "--json").stdout)
    person = next(t["person_id"] for t in listed if t["person_id"] not in opened)
    done = run(demo, "case", "open", str(person), "--stage", "safe_house", "--place", "Kunming")
    assert done.returncode == 0, done.stderr
    mine = [c for c in cases(demo) if c["person_id"] == person]
    assert len(mine) == 1 and mine[0]["stage"] == "safe_house"
    again = run(demo, "case", "open", str(person))
    assert again.returncode != 0 and "already has case" in one_line(again)


def test_a_referral_is_refused_with_exit_2_until_her_consent_shares_with_the_partner(demo):
    case = str(by_name(demo)["Han Seol-a"]["id"])  # her testimony shares with Rescue only
    refused = run(demo, "case", "refer", case, "--to", BRIDGE, "--service", "legal")
    assert refused.returncode == 2
    line = one_line(refused)
    assert f"share_with:{BRIDGE}" in line and "nothing was shared" in line
    shown = json.loads(run(demo, "case", "show", case, "--json").stdout)
    assert all(r["to"] != BRIDGE for r in shown["referrals"])  # nothing was written
    granted = run(demo, "case", "consent", case, "grant", f"share_with:{BRIDGE}")
    assert granted.returncode == 0, granted.stderr
    accepted = run(demo, "case", "refer", case, "--to", BRIDGE, "--service", "legal")
    assert accepted.returncode == 0, accepted.stderr
    shown = json.loads(run(demo, "case", "show", case, "--json").stdout)
    (sent,) = [r for r in shown["referrals"] if r["to"] == BRIDGE]
    assert sent["service"] == "legal_aid" and sent["status"] == "pending"


def test_a_dated_task_joins_the_overdue_list_of_her_caseworker(demo):
    case = str(by_name(demo)["Ri Myong-ok"]["id"])
    last_week = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    done = run(demo, "case", "task", case, "--due", last_week, "bring the travel certificate")
    assert done.returncode == 0, done.stderr
    late = run(demo, "case", "list", "--overdue", "--json")
    assert late.returncode == 0
    rows = json.loads(late.stdout)
    (task,) = [t for t in rows if t["text"] == "bring the travel certificate"]
    assert task["days_late"] == 7 and task["case_id"] == int(case)
    theirs = json.loads(run(demo, "case", "list", "--overdue", "--json", "--caseworker",
                            "demo-partner").stdout)
    assert theirs and all(t["owner"] == "demo-partner" for t in theirs)
    assert not any(t["text"] == "bring the travel certificate" for t in theirs)
    bad = run(demo, "case", "task", case, "--due", "next week", "x")
    assert bad.returncode == 2 and "--due" in one_line(bad)


def test_the_published_dashboard_suppresses_what_could_identify_her(demo):
    done = run(demo, "case", "dashboard", "--publish", "--json")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for name in ("Han Seol-a", "Moon Ga-eun", "demo-reviewer"):
        assert name not in text
    exact = json.loads(run(demo, "case", "dashboard", "--json").stdout)
    assert sum(exact["status"].values()) >= 8  # the organisation's own view counts exactly


def test_a_referral_file_for_a_partner_outside_the_casebook_opens_her_case_there(
        demo, tmp_path):
    case = str(by_name(demo)["Han Seol-a"]["id"])
    out = tmp_path / "referral.age"
    secret = {"CASEBOOK_EXPORT_PASSPHRASE": "a long shared referral secret"}
    refused = run({**demo, **secret}, "case", "refer", case, "--to", "Far Clinic",
                  "--service", "medical", "--out", str(out))
    assert refused.returncode == 2 and not out.exists()
    assert run(demo, "case", "consent", case, "grant", "share_with:Far Clinic").returncode == 0
    sent = run({**demo, **secret}, "case", "refer", case, "--to", "Far Clinic", "--service",
               "medical", "--out", str(out))
    assert sent.returncode == 0, sent.stderr
    raw = out.read_bytes()
    for secret_text in (b"Luang Namtha", b"Han Seol-a", b"crossing at night"):
        assert secret_text not in raw  # encrypted
    partner = {"CASEBOOK_DB": str(tmp_path / "clinic.db"), "CASEBOOK_PASSPHRASE": "clinic pw 9"}
    assert run(partner, "init").returncode == 0
    wrong = run({**partner, **secret}, "case", "receive", str(out), "--organisation", BRIDGE)
    assert wrong.returncode != 0 and "Far Clinic" in one_line(wrong)  # not addressed to them
    received = run({**partner, **secret}, "case", "receive", str(out), "--organisation",
                   "Far Clinic")
    assert received.returncode == 0, received.stderr
    (theirs,) = cases(partner, "--status", "all")
    assert theirs["pseudonym"] == "Han Seol-a" and theirs["stage"] == "transit_third_country"
    shown = run(partner, "case", "show", str(theirs["id"]))
    assert "Luang Namtha" not in shown.stdout and "crossing at night" not in shown.stdout
