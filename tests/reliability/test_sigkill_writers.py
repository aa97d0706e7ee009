"""SIGKILL during the writers test_sigkill.py does not cover: web intake, web review decisions,
case updates, field bundle opening at HQ, and wipe.

Same method (a forked worker writes without pause and is killed after a random delay; the
casebook is checked after every kill, see test_sigkill.py), same knob (``CASEBOOK_SOAK_SCALE``).
The web workers run the real application (``create_app``) behind Starlette's TestClient in the
worker process: the kill lands inside a request, as it would in ``casebook serve``. A worker
writes ``pending`` before a write and its acknowledgement after: what was acknowledged must be
there; what was pending may or may not be, never half.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from soak import scaled
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
import test_sigkill as base

from casebook.model import Fact, Person, Record, Testimony, sha256_text
from casebook.store import Casebook
from casebook.store.schema import facts

pytestmark = pytest.mark.slow
PASS = base.PASS
ORG = "Hanul Support Centre"
PASSWORD = "reviewer-pass-22"
KILLS = {mode: scaled(n) for mode, n in {
    "web_intake": 5, "web_review": 5, "cases": 6, "field_open": 6, "wipe": 6}.items()}
STATS = base.STATS


def _client(location: str, cycle: int):
    """A TestClient on the real web application, logged in as the reviewer."""
    from fastapi.testclient import TestClient

    from casebook.web import create_app

    book = Casebook.open(location, PASS, actor=f"web-{cycle}")
    client = TestClient(create_app(book), base_url="http://testserver")
    token = client.get("/api/csrf").json()["csrftoken"]
    r = client.post("/api/login", json={"username": "rev", "password": PASSWORD},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    return client, r.json()["csrftoken"]


def _web_intake_worker(location: str, acks: str, cycle: int, ready) -> None:
    client, token = _client(location, cycle)
    ready.set()
    k = 0
    while True:  # the intake page: a .txt file uploaded with the form
        text = f"Web intake {cycle}-{k}: she crossed at Musan in 1998 and was sold in Yanji."
        base._ack(acks, f"pending {sha256_text(text)}")
        r = client.post("/intake", data={"csrftoken": token, "pseudonym": f"W{cycle}-{k}",
                                         "consent": "aggregate_statistics"},
                        files={"file": (f"w{cycle}-{k}.txt", text.encode(), "text/plain")},
                        headers={"X-CSRF-Token": token}, follow_redirects=False)
        assert r.status_code == 303, r.text[:300]
        base._ack(acks, f"stored {sha256_text(text)}")
        k += 1


def _web_review_worker(location: str, acks: str, cycle: int, ready) -> None:
    client, token = _client(location, cycle)
    rng = random.Random(cycle)
    with Casebook.open(location, PASS) as book, book.engine.connect() as conn:
        ids = list(conn.execute(select(facts.c.id)).scalars())
    ready.set()
    while True:  # the review page's buttons: accept, reject, reopen
        fid, action = rng.choice(ids), rng.choice(("accept", "reject", "reopen"))
        status = {"accept": "accepted", "reject": "rejected", "reopen": "suggested"}[action]
        base._ack(acks, f"pending {fid} {status}")
        r = client.post(f"/review/facts/{fid}", data={"csrftoken": token, "action": action},
                        headers={"X-CSRF-Token": token}, follow_redirects=False)
        assert r.status_code == 303, r.text[:300]
        base._ack(acks, f"stored {fid} {status}")


def _cases_worker(location: str, acks: str, cycle: int, ready) -> None:
    book = Casebook.open(location, PASS, actor=f"case-{cycle}")
    case_ids = [c.id for c in book.cases.all()]
    rng = random.Random(cycle)
    stages = ("hiding_china", "transit_third_country", "safe_house", "arrived")
    ready.set()
    k = 0
    while True:  # what `casebook case update / note` store, in a loop
        cid = rng.choice(case_ids)
        note = f"visit {cycle}-{k}"
        base._ack(acks, f"pending {cid} {note.replace(' ', '_')}")
        if k % 2:
            book.cases.note(cid, note)
        else:
            book.cases.update(cid, stage=rng.choice(stages), caseworker=note,
                              place=rng.choice(("Kunming", "Vientiane", "Bangkok")))
        base._ack(acks, f"stored {cid} {note.replace(' ', '_')}")
        k += 1


def _field_open_worker(location: str, folder: str, cycle: int, ready) -> None:
    from pyrage import x25519

    from casebook.field.bundle import open_bundle

    identity = x25519.Identity.from_str((Path(folder) / "hq.key").read_text().strip())
    bundles = sorted(Path(folder).glob("bundle_*.age"))
    random.Random(cycle).shuffle(bundles)
    book = Casebook.open(location, PASS, actor=f"hq-{cycle}")
    ready.set()
    while True:  # `casebook field open` of every bundle, over and over (the repeats are no-ops)
        for bundle in bundles:
            open_bundle(book, bundle, identity)


def _wipe_worker(folder: str, template: str, cycle: int, ready) -> None:
    from casebook.field.wipe import wipe

    ready.set()
    k = 0
    while True:  # copy a casebook into place (atomically), then `casebook wipe` it
        target = Path(folder) / f"w_{cycle}_{k}.db"
        for suffix in (".key", ""):
            tmp = Path(str(target) + suffix + ".copying")
            shutil.copyfile(template + suffix, tmp)
            tmp.replace(str(target) + suffix)
        base._ack(str(Path(folder) / "acks"), f"pending {target.name}")
        wipe(target)
        base._ack(str(Path(folder) / "acks"), f"wiped {target.name}")
        k += 1


base.WORKERS.update({"web_intake": _web_intake_worker, "web_review": _web_review_worker,
                     "cases": _cases_worker, "field_open": _field_open_worker,
                     "wipe": _wipe_worker})


def _reviewer_casebook(location: str, n: int = 0) -> None:
    with Casebook.create(location, PASS) as book:
        book.users.add("rev", PASSWORD, ORG, "reviewer", create_organisation=True)
        for i in range(n):
            record = Record([Fact("marker", f"{i}") for _ in range(3)])
            book.testimonies.add(Testimony(f"Account {i}: sold in Helong.", organisation=ORG),
                                 Person(f"R{i}", organisation=ORG), record)


def _stored_and_pending(acks: Path) -> tuple[list[list[str]], list[list[str]]]:
    lines = base._acks(acks)
    return [a[1:] for a in lines if a[0] == "stored"], [a[1:] for a in lines if a[0] == "pending"]


def test_sigkill_during_web_intake(tmp_path):
    rng = random.Random(21)
    location = str(tmp_path / "cb.db")
    _reviewer_casebook(location)
    acks = tmp_path / "acks"
    for cycle in range(KILLS["web_intake"]):
        base.kill_at_random("web_intake", (location, str(acks)), cycle, rng, (1.0, 5.0))
        base.check_consistent(location)
        stored, pending = _stored_and_pending(acks)
        with Casebook.open(location, PASS) as book:
            missing = [h for (h,) in stored if book.testimonies.find_by_hash(h) is None]
            count = book.count()["testimonies"]
        assert missing == [], f"{len(missing)} acknowledged web imports lost"
        assert len(stored) <= count <= len(pending)  # at most the in-flight one beyond
    STATS["web_intake"]["acknowledged"] = len(stored)
    assert stored, "nothing was imported: nothing tested"


def test_sigkill_during_web_review_decisions(tmp_path):
    rng = random.Random(22)
    location = str(tmp_path / "cb.db")
    _reviewer_casebook(location, n=20)
    acks = tmp_path / "acks"
    for cycle in range(KILLS["web_review"]):
        base.kill_at_random("web_review", (location, str(acks)), cycle, rng, (1.0, 5.0))
        base.check_consistent(location)
        with Casebook.open(location, PASS) as book, book.engine.connect() as conn:
            stored_now = dict(conn.execute(select(facts.c.id, facts.c.status)).all())
            audited = Counter(e["action"] for e in book.audit.entries(10 ** 6)
                              if e["action"].startswith("fact_"))
        last: dict[str, str] = {}
        for kind, fid, status in (a for a in base._acks(acks) if a[0] in ("pending", "stored")):
            if kind == "stored":
                last[fid] = status
        pending = {a[1]: a[2] for a in base._acks(acks) if a[0] == "pending"}
        for fid, status in last.items():  # the acknowledged decision, or the one in flight
            assert stored_now[int(fid)] in (status, pending[fid]), f"fact {fid}"
    STATS["web_review"]["acknowledged"] = sum(1 for a in base._acks(acks) if a[0] == "stored")
    STATS["web_review"]["audited_decisions"] = sum(audited.values())
    assert sum(audited.values()) >= STATS["web_review"]["acknowledged"]


def test_sigkill_during_case_updates(tmp_path):
    rng = random.Random(23)
    location = str(tmp_path / "cb.db")
    _reviewer_casebook(location, n=8)
    with Casebook.open(location, PASS) as book:
        for person in {s.person_id for s in book.testimonies.all()}:
            book.cases.open(person, stage="hiding_china", place="Yanji")
    acks = tmp_path / "acks"
    for cycle in range(KILLS["cases"]):
        base.kill_at_random("cases", (location, str(acks)), cycle, rng, (0.1, 1.5))
        base.check_consistent(location)
        stored, _ = _stored_and_pending(acks)
        with Casebook.open(location, PASS) as book:
            history = {}
            for case in book.cases.all():
                history[str(case.id)] = json.dumps([ev.data for ev in book.cases.history(
                    case.id)], default=str)
                book.cases.get(case.id)  # the case rebuilds from its history
            audited = sum(1 for e in book.audit.entries(10 ** 6) if e["action"].startswith("case"))
        lost = [a for a in stored if a[1].replace("_", " ") not in history[a[0]]]
        assert lost == [], f"acknowledged case changes lost: {lost[:5]}"
    STATS["cases"]["acknowledged"] = len(stored)
    STATS["cases"]["audited"] = audited


def test_sigkill_while_opening_field_bundles(tmp_path):
    from pyrage import x25519

    from casebook.field.bundle import open_bundle, seal

    rng = random.Random(24)
    identity = x25519.Identity.generate()
    (tmp_path / "hq.key").write_text(str(identity))
    field = str(tmp_path / "field.db")
    sent: Counter = Counter()
    with Casebook.create(field, PASS) as book:
        for b in range(8):
            entries = [(Testimony(f"Bundle {b} account {j}: reached Vientiane."), Person(f"B{b}"),
                        None) for j in range(6)]
            book.testimonies.add_many(entries)
            sent.update(t.text for t, _, _ in entries)
            seal(book, str(identity.to_public()), tmp_path / f"bundle_{b}.age")
    hq = str(tmp_path / "hq.db")
    Casebook.create(hq, PASS).close()
    for cycle in range(KILLS["field_open"]):
        base.kill_at_random("field_open", (hq, str(tmp_path)), cycle, rng, (0.1, 1.5))
        base.check_consistent(hq)
    with Casebook.open(hq, PASS) as book:  # opening every bundle again completes what was cut
        for bundle in sorted(tmp_path.glob("bundle_*.age")):
            open_bundle(book, bundle, identity)
        texts = Counter(book.testimonies.get(s.id).text for s in book.testimonies.all())
    assert texts == sent, "a testimony of a bundle is missing or imported twice"
    base.check_consistent(hq)
    STATS["field_open"]["testimonies"] = sum(texts.values())


def test_sigkill_during_wipe(tmp_path):
    """After a kill a casebook is whole (it opens and checks) or wiped (no passphrase opens
    it, and wiping it again removes what is left); an acknowledged wipe left nothing."""
    from casebook.errors import CasebookError
    from casebook.field.wipe import wipe

    rng = random.Random(25)
    template = str(tmp_path / "template.db")
    _reviewer_casebook(template, n=5)
    folder = tmp_path / "wipes"
    folder.mkdir()
    for cycle in range(KILLS["wipe"]):
        base.kill_at_random("wipe", (str(folder), template), cycle, rng, (0.05, 0.6))
    wiped = {a[1] for a in base._acks(folder / "acks") if a[0] == "wiped"}
    outcome: Counter = Counter()
    for db in sorted({p.name.split(".db")[0] + ".db" for p in folder.glob("w_*.db*")
                      if not p.name.endswith(".copying")}):
        path = folder / db
        assert db not in wiped, f"{db}: acknowledged as wiped, but files are left"
        try:
            base.check_consistent(str(path))
            outcome["whole"] += 1
        except CasebookError:
            wipe(path)  # a half-done wipe: the key is gone; wiping again finishes
            assert not [p for p in folder.glob(db + "*") if not p.name.endswith(".copying")]
            outcome["wiped_again"] += 1
    STATS["wipe"].update({"acknowledged": len(wiped), **outcome})
    assert wiped, "no wipe completed: nothing tested"


def teardown_module(_module) -> None:
    mine = {k: dict(v) for k, v in STATS.items() if k in KILLS}
    if mine:
        print("\nSIGKILL summary (more writers):", json.dumps(mine))
