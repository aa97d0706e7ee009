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
from soak import scaled
from sqlalchemy import func, select

from casebook.model import Consent, Fact, Person, Record, Testimony, sha256_text
from casebook.store import Casebook
from casebook.store.schema import consent_grants, facts, persons, testimonies

pytestmark = pytest.mark.slow
PASS = "crash test passphrase"
KILLS = {mode: scaled(n) for mode, n in {
    "import": 14, "extraction": 12, "migration": 14, "seal": 12, "linkage": 14,
    "consent": 10, "keys": 8, "backup": 8}.items()}
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


def _ack(path: str, line: str) -> None:
    """Append one acknowledgement line (one write on an O_APPEND file: whole or absent)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


def _acks(path: Path) -> list[list[str]]:
    return [ln.split() for ln in path.read_text().splitlines()] if path.exists() else []


SCOPES = ("aggregate_statistics", "anonymous_quotation", "legal_proceedings")


def _consent_worker(location: str, acks: str, cycle: int, ready) -> None:
    book = Casebook.open(location, PASS, actor=f"consent-{cycle}")
    ids = [s.id for s in book.testimonies.all()]
    rng = random.Random(cycle)
    ready.set()
    while True:  # what `casebook consent grant/withdraw` stores, in a loop
        tid, scope = rng.choice(ids), rng.choice(SCOPES)
        if book.consent.of(tid).allows(scope):
            done = "withdraw_consent", book.consent.withdraw(tid, scope)
        else:
            done = "grant_consent", book.consent.grant(tid, scope)
        _ack(acks, f"{done[0]} testimony:{tid} {done[1]}")


def _keys_worker(location: str, acks: str, cycle: int, ready) -> None:
    from casebook.field import add_recovery, change_passphrase

    done = [a[1] for a in _acks(Path(acks)) if a[0] == "passphrase"]
    current = done[-1] if done else PASS
    pending = [a[1] for a in _acks(Path(acks)) if a[0] == "pending"]
    try:  # a kill may have landed after the change and before its acknowledgement
        Casebook.open(location, current).close()
    except Exception:  # noqa: BLE001 - the pending passphrase is the one that opens it
        current = pending[-1]
    ready.set()
    k = 0
    while True:  # `casebook passphrase` and `casebook recovery add`, in a loop
        new = f"pass-{cycle}-{k}"
        _ack(acks, f"pending {new}")
        change_passphrase(Path(location), current, new)
        _ack(acks, f"passphrase {new}")
        current = new
        if k % 2:
            key = random.Random(f"{cycle}-{k}").randbytes(32)
            _ack(acks, f"pending-recovery {key.hex()}")
            add_recovery(Path(location), current, key)
            _ack(acks, f"recovery {key.hex()}")
        k += 1


def _backup_worker(location: str, folder: str, cycle: int, ready) -> None:
    from pyrage import x25519

    from casebook.field import backup, restore

    recipient = (Path(folder) / "hq.pub").read_text().strip()
    identity = x25519.Identity.from_str((Path(folder) / "hq.key").read_text().strip())
    acks = str(Path(folder) / "acks")
    book = Casebook.open(location, PASS, actor=f"backup-{cycle}")
    ready.set()
    k = 0
    while True:  # add, `casebook backup`, `casebook restore`, in a loop
        tid, _ = book.testimonies.add(Testimony(f"Backup account {cycle}-{k}: reached Bangkok."),
                                   Person(f"B{cycle}-{k}"))
        _ack(acks, f"testimony {tid}")
        out = Path(folder) / f"backup_{cycle}_{k}.age"
        backup(book, out, recipients=[recipient])
        _ack(acks, f"backup {out.name}")
        to = Path(folder) / f"restore_{cycle}_{k}"
        restore(out, to, identity=identity, casebook_passphrase=PASS)
        _ack(acks, f"restore {to.name}")
        k += 1


WORKERS = {"import": _import_worker, "extraction": _extraction_worker,
           "migration": _migration_worker, "seal": _seal_worker, "linkage": _linkage_worker,
           "consent": _consent_worker, "keys": _keys_worker, "backup": _backup_worker}


def kill_at_random(mode: str, args: tuple, cycle: int, rng: random.Random,
                   delay: tuple[float, float]) -> None:
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=WORKERS[mode], args=(*args, cycle, ready), daemon=True)
    proc.start()
    assert ready.wait(180), f"{mode} worker did not start"
    time.sleep(rng.uniform(*delay))
    alive = proc.is_alive()
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert alive, f"{mode} worker exited ({proc.exitcode}) before the kill: it failed"
    assert proc.exitcode == -signal.SIGKILL, proc.exitcode
    STATS[mode]["kills"] += 1


# -- the consistency check ---------------------------------------------------------------------
def check_consistent(location: str, expected_consent=None, passphrase: str = PASS,
                     ) -> dict[str, int]:
    """Open the casebook after a kill and check every record against the audit chain."""
    with Casebook.open(location, passphrase, actor="checker") as book:
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


def check_consent_changes(location: str, acks: Path) -> int:
    """Each testimony's consent is what its audited grants and withdrawals say, and every
    acknowledged change has its audit entry."""
    with Casebook.open(location, PASS, actor="checker") as book:
        report = book.audit.verify()
        assert report.ok, report.problems
        entries = list(reversed(book.audit.entries(10 ** 7)))
        held = {s.id: set(book.consent.of(s.id).active_scopes()) for s in book.testimonies.all()}
    expected = {tid: {"aggregate_statistics"} for tid in held}
    audited: Counter = Counter()
    for e in entries:
        if e["action"] in ("grant_consent", "withdraw_consent"):
            tid, scope = int(e["target"].split(":")[1]), e["detail"]["scope"]
            (expected[tid].add if e["action"] == "grant_consent" else expected[tid].discard)(scope)
            audited[(e["action"], e["target"], scope)] += 1
    assert held == expected, "stored consent differs from its audited changes"
    acked = Counter(tuple(a) for a in _acks(acks))
    missing = acked - audited
    assert not missing, f"acknowledged consent changes lost: {sorted(missing)[:3]}"
    return sum(acked.values())


def test_sigkill_during_consent_changes(tmp_path):
    rng = random.Random(14)
    location, acks = str(tmp_path / "consent.db"), tmp_path / "acks"
    with Casebook.create(location, PASS) as book:
        book.testimonies.add_many([(Testimony(f"Consent account {i}: sold in Antu.",
                                              consent=Consent.of(["aggregate_statistics"])),
                                    Person(f"K{i}"), None) for i in range(30)])
    for cycle in range(KILLS["consent"]):
        kill_at_random("consent", (location, str(acks)), cycle, rng, (0.05, 0.8))
        STATS["consent"]["acknowledged_changes"] = check_consent_changes(location, acks)
        assert check_consistent(location)["testimonies"] == 30
    assert STATS["consent"]["acknowledged_changes"] > 0, "no change was made: nothing tested"


def test_sigkill_during_passphrase_change_and_recovery_key_add(tmp_path):
    """The key file is never left unusable: after every kill it loads, and the last
    acknowledged passphrase (or the one being set) and recovery key open the casebook."""
    from casebook.store.keys import KeyFile

    rng = random.Random(15)
    location, acks = str(tmp_path / "keys.db"), tmp_path / "acks"
    with Casebook.create(location, PASS) as book:
        book.testimonies.add_many([(Testimony(f"Key account {i}: crossed at Namyang."),
                                    Person(f"P{i}"), None) for i in range(10)])
    for cycle in range(KILLS["keys"]):
        kill_at_random("keys", (location, str(acks)), cycle, rng, (0.05, 0.8))
        key_file = KeyFile.load(KeyFile.path_for(Path(location)))  # whole, never half-written
        log = _acks(acks)
        done = [a[1] for a in log if a[0] == "passphrase"]
        last = max((i for i, a in enumerate(log) if a[0] == "passphrase"), default=-1)
        # the changes in flight (every pending one after the last acknowledgement: a cut
        # change may have completed, and the next worker starts from it) and the last
        # acknowledged one
        in_flight = [a[1] for a in log[last + 1:] if a[0] == "pending"]
        candidates = in_flight + (done[-1:] or [PASS])
        opened = [p for p in candidates if _unlocks(key_file, p)]
        assert opened, f"cycle {cycle}: neither the acknowledged nor the new passphrase opens it"
        recoveries = [a[1] for a in log if a[0] == "recovery"]
        if recoveries:
            pend = [a[1] for a in log[-2:] if a[0] == "pending-recovery"]
            assert any(_unlocks_recovery(key_file, bytes.fromhex(h))
                       for h in recoveries[-1:] + pend), f"cycle {cycle}: recovery key lost"
        assert check_consistent(location, passphrase=opened[0])["testimonies"] == 10
        STATS["keys"]["passphrases_changed"] = len(done)
        STATS["keys"]["recovery_keys_added"] = len(recoveries)
    leftovers = list(tmp_path.glob("*.tmp"))
    STATS["keys"]["tmp_key_files_left"] = len(leftovers)
    assert STATS["keys"]["passphrases_changed"] > 0, "no passphrase was changed: nothing tested"


def _unlocks(key_file, passphrase: str) -> bool:
    from casebook.errors import WrongPassphrase

    try:
        key_file.unlock(passphrase)
    except WrongPassphrase:
        return False
    return True


def _unlocks_recovery(key_file, key: bytes) -> bool:
    from casebook.errors import WrongPassphrase

    try:
        key_file.unlock_with_recovery(key)
    except WrongPassphrase:
        return False
    return True


def test_sigkill_during_backup_and_restore(tmp_path):
    """Every backup file left is whole and verifies; every restore acknowledged opens and
    checks; an interrupted restore leaves nothing, the key alone (the casebook is absent and
    the backup restores elsewhere) or a casebook that opens; the source loses nothing."""
    from pyrage import x25519

    from casebook.field.backup import read_backup

    rng = random.Random(16)
    identity = x25519.Identity.generate()
    (tmp_path / "hq.pub").write_text(str(identity.to_public()))
    (tmp_path / "hq.key").write_text(str(identity))
    location = str(tmp_path / "source.db")
    Casebook.create(location, PASS).close()
    for cycle in range(KILLS["backup"]):
        kill_at_random("backup", (location, str(tmp_path)), cycle, rng, (0.1, 1.5))
        check_consistent(location)
        log = _acks(tmp_path / "acks")
        with Casebook.open(location, PASS) as book:
            present = {s.id for s in book.testimonies.all()}
        acked = {int(a[1]) for a in log if a[0] == "testimony"}
        assert acked <= present, f"acknowledged testimonies lost: {sorted(acked - present)}"
    acked_restores = {a[1] for a in log if a[0] == "restore"}
    for out in sorted(tmp_path.glob("backup_*.age")):
        read_backup(out.read_bytes(), out.name, identity=identity)  # raises if not whole
        STATS["backup"]["backup_files_verified"] += 1
    for to in sorted(tmp_path.glob("restore_*")):
        files = sorted(p.name for p in to.iterdir() if not p.name.startswith("."))
        if to.name in acked_restores or "source.db" in files:  # killed while verifying
            check_consistent(str(to / "source.db"))
            STATS["backup"]["restores_opened"] += 1
        else:
            assert files in ([], ["source.db.key"]), f"{to.name}: {files}"
            STATS["backup"]["restores_interrupted_" + ("empty" if not files else "key_only")] += 1
    STATS["backup"]["partial_files_left"] = len(list(tmp_path.rglob(".*.partial")))
    left = list(tmp_path.glob(".casebook-backup-*"))  # a kill mid-snapshot leaves its folder
    STATS["backup"]["snapshot_folders_left"] = len(left)
    for leftover in [p for folder in left for p in folder.iterdir()] + list(
            tmp_path.rglob(".*.partial")):
        with open(leftover, "rb") as fh:  # what a kill leaves behind is ciphertext, never SQLite
            assert fh.read(16) != b"SQLite format 3\x00", f"{leftover.name} is plaintext"
    assert STATS["backup"]["backup_files_verified"] > 0, "no backup was written: nothing tested"
    # what the kills left is cleared by the next backup once it is an hour old (younger may be
    # a backup still running); a restore cut after the key file resumes into the same folder
    from casebook.field.backup import backup, restore

    old = time.time() - 7200
    for leftover in [*left, *tmp_path.glob(".*.partial")]:
        os.utime(leftover, (old, old), follow_symlinks=False)
    with Casebook.open(location, PASS) as book:
        backup(book, tmp_path / "after.age", recipients=[str(identity.to_public())])
    assert not list(tmp_path.glob(".casebook-backup-*")) + list(tmp_path.glob(".*.partial"))
    for to in sorted(tmp_path.glob("restore_*")):
        if sorted(p.name for p in to.iterdir()) == ["source.db.key"]:
            restore(tmp_path / "after.age", to, identity=identity, casebook_passphrase=PASS)
            STATS["backup"]["key_only_restores_resumed"] += 1


def teardown_module(_module) -> None:
    if STATS:
        print("\nSIGKILL summary:", json.dumps({k: dict(v) for k, v in STATS.items()}))
