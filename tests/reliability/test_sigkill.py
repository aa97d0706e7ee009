"""SIGKILL at random moments: every record is whole or absent, and the audit chain verifies.

A worker process (forked, so it starts in milliseconds) writes to a real SQLCipher casebook
without pause — importing files with extraction, re-saving extracted facts, migrating and
creating casebooks, sealing field bundles — and is killed with SIGKILL after a random delay.
After every kill the casebook is opened again and checked: each testimony has its person, its
consent, exactly the facts its audit entry announced and an ``add_testimony`` audit entry; each
such entry has its testimony; the chain verifies. Linkage review decisions (``casebook link
review``) are killed too: each stored decision is whole, has its audit entry, and survives later
kills.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casebook.model import Consent, Fact, Person, Record, Testimony, sha256_text
from casebook.store import Casebook
from casebook.store.schema import consent_grants, facts, persons, testimonies

pytestmark = pytest.mark.slow
PASS = "crash test passphrase"
KILLS = {"import": 14, "extraction": 12, "migration": 14, "seal": 12, "linkage": 14}
STATS: dict[str, Counter] = defaultdict(Counter)


# -- workers (run in the forked child; they never return) --------------------------------------
def _import_worker(location: str, corpus: str, cycle: int, ready) -> None:
    from casebook.intake.pipeline import default_extractor, import_paths

    book = Casebook.open(location, PASS, actor=f"import-{cycle}")
    extractor = default_extractor()
    paths = sorted(Path(corpus).iterdir())
    random.Random(cycle).shuffle(paths)
    ready.set()
    while True:
        for path in paths:  # one file per call: each is its own transaction
            import_paths(book, [path], defaults={"consent": ["aggregate_statistics"]},
                         extractor=extractor)


def _extraction_worker(location: str, _corpus: str, cycle: int, ready) -> None:
    book = Casebook.open(location, PASS, actor=f"extract-{cycle}")
    ids = [s.id for s in book.testimonies.all()]
    ready.set()
    round_ = 0
    while True:
        round_ += 1
        for tid in ids:
            n = tid % 4 + 1
            book.facts.save(tid, Record([Fact("marker", f"{cycle}.{round_}") for _ in range(n)]))


def _migration_worker(folder: str, template: str, cycle: int, ready) -> None:
    src = Path(template)
    ready.set()
    k = 0
    while True:
        target = Path(folder) / f"mig_{cycle}_{k}.db"
        for suffix in (".key", ""):  # the test's own copy is atomic; the migration is the target
            tmp = Path(str(target) + suffix + ".copying")
            shutil.copyfile(str(src) + suffix, tmp)
            os.replace(tmp, str(target) + suffix)
        Casebook.open(str(target), PASS).close()  # upgrades 0001 → head
        Casebook.create(str(Path(folder) / f"new_{cycle}_{k}.db"), PASS).close()
        k += 1


def _seal_worker(location: str, folder: str, cycle: int, ready) -> None:
    from casebook.field.bundle import seal

    recipient = (Path(folder) / "hq.pub").read_text().strip()
    book = Casebook.open(location, PASS, actor=f"field-{cycle}")
    ready.set()
    k = 0
    while True:
        book.testimonies.add_many([(Testimony(f"Field account {cycle}-{k}-{j}: crossed the river."),
                               Person(f"F{cycle}-{k}"), None) for j in range(2)])
        seal(book, recipient, Path(folder) / f"bundle_{cycle}_{k}.age")
        k += 1


def _linkage_worker(location: str, _unused: str, cycle: int, ready) -> None:
    from casebook.linkage import accept, not_same, revoke, split

    book = Casebook.open(location, PASS, actor=f"review-{cycle}")
    rng = random.Random(cycle)
    made: list[str] = []
    ready.set()
    while True:  # what `casebook link review --accept/--not-same/--revoke` stores, in a loop
        ids = [f"t{i}" for i in rng.sample(range(60), 4)]
        kind = rng.choice(("person", "perpetrator", "place"))
        choice = rng.random()
        if choice < 0.4:
            decision = accept(ids[:rng.randint(2, 4)], who=f"review-{cycle}")
        elif choice < 0.7:
            decision = not_same(ids[:2], who=f"review-{cycle}")
        elif choice < 0.85 or not made:
            decision = split([ids[:2], ids[2:]], who=f"review-{cycle}")
        else:
            decision = revoke(rng.choice(made), who=f"review-{cycle}")
        book.links.add(kind, decision.to_dict(), round(rng.random(), 3))
        made.append(decision.id)


WORKERS = {"import": _import_worker, "extraction": _extraction_worker,
           "migration": _migration_worker, "seal": _seal_worker, "linkage": _linkage_worker}


def kill_at_random(mode: str, args: tuple, cycle: int, rng: random.Random,
                   delay: tuple[float, float]) -> None:
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=WORKERS[mode], args=(*args, cycle, ready), daemon=True)
    proc.start()
    assert ready.wait(30), f"{mode} worker did not start"
    time.sleep(rng.uniform(*delay))
    alive = proc.is_alive()
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL or not alive, proc.exitcode
    STATS[mode]["kills"] += 1


# -- the consistency check ---------------------------------------------------------------------
def check_consistent(location: str, expected_consent=None) -> dict[str, int]:
    """Open the casebook after a kill and check every record against the audit chain."""
    with Casebook.open(location, PASS, actor="checker") as book:
        report = book.audit.verify()
        assert report.ok, report.problems
        entries = list(reversed(book.audit.entries(10 ** 7)))
        with book.engine.connect() as conn:
            rows = conn.execute(select(testimonies.c.id, testimonies.c.sha256, testimonies.c.text,
                                       testimonies.c.person_id, testimonies.c.provenance)).all()
            n_consent = dict(conn.execute(select(consent_grants.c.testimony_id, func.count())
                                          .group_by(consent_grants.c.testimony_id)).all())
            fact_rows = conn.execute(select(facts.c.testimony_id, facts.c.data)).all()
            person_ids = set(conn.execute(select(persons.c.id)).scalars())
    added = {e["target"] for e in entries if e["action"] == "add_testimony"}
    deleted = {f"testimony:{t}" for e in entries if e["action"] == "delete_testimonies"
               for t in e["detail"]["testimonies"]}
    announced: dict[str, int] = {}
    for e in entries:
        if e["action"] == "suggest_facts":
            announced[e["target"]] = e["detail"]["count"]
    facts_of: dict[int, list] = defaultdict(list)
    for tid, data in fact_rows:
        facts_of[tid].append(data)
    for tid, sha, text, person_id, provenance in rows:
        target = f"testimony:{tid}"
        assert sha256_text(text) == sha, f"{target}: text and hash differ"
        assert person_id in person_ids, f"{target}: its person is missing"
        assert target in added, f"{target}: stored without its audit entry"
        assert len(facts_of[tid]) == announced.get(target, 0), f"{target}: partial facts"
        if expected_consent is not None:
            assert n_consent.get(tid, 0) == expected_consent(provenance), f"{target}: consent"
        markers = {d.get("value") for d in facts_of[tid] if d.get("field") == "marker"}
        assert len(markers) <= 1, f"{target}: facts from two extraction rounds mixed"
    present = {f"testimony:{r.id}" for r in rows}
    assert added - deleted <= present, f"audited but missing: {sorted(added - deleted - present)}"
    assert len(person_ids) <= len(rows) + 0 or not rows  # persons are only made with testimonies
    return {"testimonies": len(rows), "audit": report.entries}


# -- the tests ---------------------------------------------------------------------------------
def _corpus(folder: Path) -> int:
    folder.mkdir()
    n = 0
    for i in range(160):
        (folder / f"t{i:03}.txt").write_text(
            f"Interview {i}. She left Hyesan in {1995 + i % 20} when a broker promised work. "
            f"In Yanji she was sold for {3000 + i * 10} yuan to a farmer. In {2000 + i % 15} "
            f"she was arrested and sent back.", encoding="utf-8")
        n += 1
    records = [{"text": f"Record {i}: sold twice in Jilin for {4000 + i} yuan, escaped to Laos.",
                "pseudonym": f"J{i}", "consent": "aggregate_statistics;anonymous_quotation"}
               for i in range(40)]
    (folder / "records.json").write_text(json.dumps(records), encoding="utf-8")
    rows = ["text,pseudonym,consent"] + [f"\"Row {i}: crossed at Musan, sold in Helong.\",C{i},"
                                         "aggregate_statistics;legal_proceedings"
                                         for i in range(40)]
    (folder / "rows.csv").write_text("\n".join(rows), encoding="utf-8")
    return n + 80


def _consent_for(provenance: dict) -> int:
    return 1 if provenance.get("format") == "txt" else 2


def test_sigkill_during_import_with_extraction(tmp_path):
    rng = random.Random(8)
    location = str(tmp_path / "cb.db")
    Casebook.create(location, PASS).close()
    total = _corpus(tmp_path / "corpus")
    seen = []
    for cycle in range(KILLS["import"]):
        kill_at_random("import", (location, str(tmp_path / "corpus")), cycle, rng, (0.05, 1.5))
        seen.append(check_consistent(location, _consent_for)["testimonies"])
    STATS["import"]["records_seen_after_kills"] = seen[-1]
    # finishing the import afterwards brings every file in exactly once
    from casebook.intake.pipeline import import_paths

    with Casebook.open(location, PASS) as book:
        import_paths(book, [tmp_path / "corpus"], defaults={"consent": ["aggregate_statistics"]})
    assert check_consistent(location, _consent_for)["testimonies"] == total
    assert seen == sorted(seen)  # nothing that was stored ever disappeared


def test_sigkill_while_saving_extracted_facts(tmp_path):
    rng = random.Random(9)
    location = str(tmp_path / "cb.db")
    with Casebook.create(location, PASS) as book:
        book.testimonies.add_many([(Testimony(f"Account {i}: sold in Tumen.",
                                         consent=Consent.of(["aggregate_statistics"])),
                               Person(f"E{i}"), None) for i in range(60)])
    for cycle in range(KILLS["extraction"]):
        kill_at_random("extraction", (location, ""), cycle, rng, (0.05, 0.8))
        assert check_consistent(location, lambda _p: 1)["testimonies"] == 60


def _template_at_0001(path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from casebook.store import engine as engines
    from casebook.store.keys import KeyFile

    key_file, data_key = KeyFile.create(KeyFile.path_for(path), PASS)
    eng = engines._sqlcipher_engine(path, data_key)
    cfg = Config()
    cfg.set_main_option("script_location", str(engines.MIGRATIONS))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    book = Casebook(engines.Backend(eng, str(path), key_file), actor="old")
    book.testimonies.add_many([(Testimony(f"Old account {i}."), Person(f"O{i}"), None)
                          for i in range(5)])
    assert engines.current_revision(eng) == "0001"
    book.close()


def test_sigkill_during_migrations_and_creation(tmp_path):
    from casebook.errors import NotFound
    from casebook.store import engine as engines

    rng = random.Random(10)
    work = tmp_path / "work"
    work.mkdir()
    _template_at_0001(tmp_path / "template.db")
    broken: list[str] = []
    for cycle in range(KILLS["migration"]):
        kill_at_random("migration", (str(work), str(tmp_path / "template.db")), cycle, rng,
                       (0.02, 0.6))
        for db in sorted(work.glob(f"*_{cycle}_*.db")):
            try:
                with Casebook.open(str(db), PASS) as book:  # finishes an interrupted upgrade
                    assert engines.current_revision(book.engine) == engines.head_revision()
            except Exception as exc:  # noqa: BLE001 - counted, reported below
                broken.append(f"{db.name}: {str(exc).splitlines()[0][:120]}")
                continue
            n = check_consistent(str(db))["testimonies"]
            assert n == (5 if db.name.startswith("mig_") else 0)
            STATS["migration"]["casebooks_checked"] += 1
        for key in work.glob(f"new_{cycle}_*.db.key"):
            db = Path(str(key)[:-4])
            if not db.exists():  # killed between key file and database: the casebook is absent
                with pytest.raises(NotFound):
                    Casebook.open(str(db), PASS)
                STATS["migration"]["absent_after_kill"] += 1
    STATS["migration"]["unopenable_after_kill"] = len(broken)
    assert broken == []


def test_sigkill_during_field_seal_loses_no_testimony(tmp_path):
    import pyrage
    from pyrage import x25519

    rng = random.Random(11)
    identity = x25519.Identity.generate()
    (tmp_path / "hq.pub").write_text(str(identity.to_public()))
    location = str(tmp_path / "field.db")
    Casebook.create(location, PASS).close()
    for cycle in range(KILLS["seal"]):
        kill_at_random("seal", (location, str(tmp_path)), cycle, rng, (0.05, 0.8))
        check_consistent(location)
    with Casebook.open(location, PASS) as book:
        texts = Counter(book.testimonies.get(s.id).text for s in book.testimonies.all())
    for bundle in tmp_path.glob("bundle_*.age"):
        payload = json.loads(pyrage.decrypt(bundle.read_bytes(), [identity]))
        texts.update(item["testimony"]["text"] for item in payload["testimonies"])
    by_cycle: dict[int, set[int]] = defaultdict(set)
    for text in texts:
        cycle, k, j = (int(x) for x in text.split(":")[0].split()[-1].split("-"))
        by_cycle[cycle].add(k)
        assert f"Field account {cycle}-{k}-{1 - j}: crossed the river." in texts  # pair whole
    for cycle, ks in by_cycle.items():
        assert ks == set(range(max(ks) + 1)), f"cycle {cycle}: testimonies lost: {ks}"
    STATS["seal"]["testimonies_accounted_for"] = len(texts)
    STATS["seal"]["sealed_twice_after_crash"] = sum(1 for n in texts.values() if n > 1)
    STATS["seal"]["partial_files_left"] = len(list(tmp_path.glob(".*.partial")))


def check_link_decisions(location: str) -> int:
    """Every stored review decision is whole, valid and audited, and every audit entry has one."""
    from casebook.linkage import Decision
    from casebook.linkage.decisions import constraints
    from casebook.store.schema import link_decisions as table

    with Casebook.open(location, PASS, actor="checker") as book:
        report = book.audit.verify()
        assert report.ok, report.problems
        entries = [e for e in book.audit.entries(10 ** 7) if e["action"].startswith("link_")]
        with book.engine.connect() as conn:
            rows = conn.execute(select(table.c.kind, table.c.decision, table.c.record_ids)).all()
        by_kind = {k: book.links.decisions(k) for k in ("person", "perpetrator", "place")}
    assert sum(len(v) for v in by_kind.values()) == len(rows)
    stored: Counter = Counter()
    for kind, action, data in rows:
        decision = Decision.from_dict(data)  # raises on a partial or malformed row
        assert decision.action == action and decision.who.startswith("review-")
        stored[(f"link_{action}", f"{kind}-link", json.dumps(
            {"records": data["records"], "groups": data["groups"], "revokes": data["revokes"]},
            sort_keys=True))] += 1
    audited = Counter((e["action"], e["target"], json.dumps(e["detail"], sort_keys=True))
                      for e in entries)
    assert stored == audited, "a decision without its audit entry, or the other way round"
    for kind, decisions in by_kind.items():
        constraints(Decision.from_dict(d) for d in decisions)  # the log still applies
        ids = [d["id"] for d in decisions]
        assert len(ids) == len(set(ids)), f"{kind}: a decision stored twice"
    return len(rows)


def test_sigkill_during_linkage_review_decisions(tmp_path):
    rng = random.Random(13)
    location = str(tmp_path / "linkage.db")
    Casebook.create(location, PASS).close()
    before = 0
    for cycle in range(KILLS["linkage"]):
        kill_at_random("linkage", (location, ""), cycle, rng, (0.05, 0.8))
        after = check_link_decisions(location)
        assert after >= before, "decisions committed before a kill were lost"
        STATS["linkage"]["decisions_stored"] += after - before
        before = after
    assert before > 0, "the worker never stored a decision: the kills tested nothing"
    STATS["linkage"]["decisions_checked"] = before


def teardown_module(_module) -> None:
    if STATS:
        print("\nSIGKILL summary:", json.dumps({k: dict(v) for k, v in STATS.items()}))
