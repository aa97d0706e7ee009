"""The red team's classes of failure (issue 16), each attacked with several inputs, as real
``casebook`` processes on real files: nothing of a survivor in any output, a mistyped consent
never reported as done, no output that replaces the casebook, linkage files that respect
consent, damaged files refused in one line.

Every attack plants a marker (in a testimony's text, a pseudonym or a place) and asserts it
appears nowhere in stdout, stderr or the logs; every failure is one line with the exit code of
its class and no traceback. ``docs/reliability.md`` counts the attacks per class from the
parametrisations below.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from casebook.model import Consent, Person, Testimony
from casebook.store import Casebook

PASS = "safety test passphrase"
MARK = "ZQXMARKER"  # text, pseudonyms and places of the planted records carry it
BIN = Path(sys.executable).with_name("casebook")
EXIT = {"input": 1, "usage": 2, "policy": 3, "storage": 4}


def env(tmp: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_")}
    return {**base, "CASEBOOK_FAST_KDF": "1", "CASEBOOK_DB": str(tmp / "team.db"),
            "CASEBOOK_PASSPHRASE": PASS, "CASEBOOK_EXPORT_PASSPHRASE": "export pass",
            "COLUMNS": "200", **extra}


def run(tmp: Path, *args: str, timeout: float = 120, preexec=None, **extra: str):
    return subprocess.run([str(BIN), *args], cwd=tmp, env=env(tmp, **extra), capture_output=True,
                          text=True, timeout=timeout, preexec_fn=preexec)


def assert_clean(proc, code: int | None = None, *, lines: int = 1, stdout: bool = True) -> None:
    """No marker, no traceback, at most ``lines`` lines of error, the expected exit code.
    ``stdout=False``: the command may legitimately print records; only stderr is checked."""
    out = (proc.stdout if stdout else "") + proc.stderr
    assert MARK not in out, out
    assert "Traceback" not in out and "sqlalchemy" not in out.lower(), out
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) <= lines, proc.stderr
    if code is not None:
        assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)


def new_book(tmp: Path, n: int = 3, consent=("aggregate_statistics",)) -> list[int]:
    book = Casebook.create(str(tmp / "team.db"), PASS, actor="tester")
    ids = []
    with book:
        for i in range(n):
            t = Testimony(text=f"{MARK} story {i}: she was sold in {MARK}ville for 3000 yuan.",
                          language="en", organisation="Hanul", consent=Consent.of(list(consent)))
            tid, _ = book.testimonies.add(t, Person(pseudonym=f"{MARK}-{i}", surname=MARK,
                                                  origin_place=f"{MARK}-ri", organisation="Hanul"))
            ids.append(tid)
    return ids


def still_opens(tmp: Path) -> None:
    with Casebook.open(str(tmp / "team.db"), PASS) as book:
        assert book.count()["testimonies"] >= 1
        assert book.audit.verify().ok


def marker_files(folder: Path, n: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"t{i:03}.txt").write_text(f"{MARK} testimony {i}: crossed the river at "
                                             f"{MARK}-gun in spring.", encoding="utf-8")
    return folder


# -- 1. failure classes: no marker anywhere, one line, exit code of the class -------------------
def test_concurrent_imports_of_the_same_files_all_exit_cleanly(tmp_path):
    """Duplicate: three imports race on 40 identical files, five rounds."""
    files = marker_files(tmp_path / "in", 40)
    for round_ in range(5):
        for f in tmp_path.glob("team.db*"):
            f.unlink()
        run(tmp_path, "init")
        procs = [subprocess.Popen([str(BIN), "import", str(files), "--no-extract"], cwd=tmp_path,
                                  env=env(tmp_path), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
        results = [(p.communicate(timeout=180), p.returncode) for p in procs]
        added = 0
        for (out, err), code in results:
            assert code == 0, (round_, out, err)
            assert MARK not in out + err and "Traceback" not in err
            added += int(out.split("Imported ")[1].split()[0])
            assert "already present" in out
        assert added == 40, [r[0][0] for r in results]


def test_lock_held_by_another_process_is_one_line(tmp_path):
    """Lock: another process holds the write lock; the import stops, says so, keeps nothing half."""
    new_book(tmp_path, 1)
    files = marker_files(tmp_path / "in", 5)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import os, time; from casebook.store import Casebook\n"
        f"b = Casebook.open({str(tmp_path / 'team.db')!r}, {PASS!r})\n"
        "with b.engine.connect() as c:\n"
        "    d = c.connection.driver_connection\n"
        "    d.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(20)\n")],
        env=env(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        proc = run(tmp_path, "import", str(files), "--no-extract", CASEBOOK_LOCK_WAIT="1")
        assert_clean(proc, EXIT["storage"])
        assert "locked by another program" in proc.stderr and "Imported 0" in proc.stdout
        proc = run(tmp_path, "consent", "grant", "1", "quote", CASEBOOK_LOCK_WAIT="1")
        assert_clean(proc, EXIT["storage"])
    finally:
        holder.kill()
        holder.wait()


def test_disk_full_stops_with_a_summary_and_keeps_what_was_stored(tmp_path):
    """Disk full: a file-size limit makes every write past it fail like a full disk."""
    new_book(tmp_path, 1)
    big = tmp_path / "in"
    big.mkdir()
    for i in range(600):
        (big / f"t{i:04}.txt").write_text(f"{MARK} {i} " + ("river crossing at night " * 120),
                                          encoding="utf-8")
    limit = (tmp_path / "team.db").stat().st_size + 400_000

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = run(tmp_path, "import", str(big), "--no-extract", preexec=small_disk, timeout=600)
    assert_clean(proc, EXIT["storage"])
    assert ("disk is full" in proc.stderr or "disk could not be written" in proc.stderr)
    assert "Imported" in proc.stdout
    still_opens(tmp_path)


@pytest.mark.parametrize("offsets", [(9000,), (20000, 40000), (60000,), (4096 * 3 + 17,)],
                         ids=["page3", "two-pages", "page15", "header-of-page4"])
def test_corrupt_pages_are_one_line(tmp_path, offsets):
    """Corrupt page: random bytes over pages of the encrypted file."""
    new_book(tmp_path, 60)
    data = bytearray((tmp_path / "team.db").read_bytes())
    for off in offsets:
        if off < len(data):
            data[off:off + 64] = os.urandom(64)
    (tmp_path / "team.db").write_bytes(bytes(data))
    for args in (["list"], ["show", "30"], ["search", MARK], ["audit", "verify"],
                 ["export", "--out", "x.json.age"]):
        proc = run(tmp_path, *args)
        assert_clean(proc, stdout=proc.returncode != 0)
        assert proc.returncode in (0, 1, 2, 4), (args, proc.returncode, proc.stderr)


@pytest.mark.parametrize("field,value", [
    ("origin_place", {"village": MARK}), ("pseudonym", [MARK, MARK]), ("surname", True),
    ("interview_place", {"x": 1}), ("birth_year", MARK), ("interview_date", MARK + "-13"),
])
def test_bad_field_types_name_the_file_and_field(tmp_path, field, value):
    """Bad field type: one record of three is wrong; the others are stored."""
    new_book(tmp_path, 1)
    rows = [{"text": f"{MARK} record {i} text", "pseudonym": f"{MARK}{i}",
             "origin_place": f"{MARK}-dong"} for i in range(3)]
    rows[1][field] = value
    (tmp_path / "records.json").write_text(json.dumps(rows), encoding="utf-8")
    proc = run(tmp_path, "import", "records.json", "--no-extract")
    assert_clean(proc, 0, lines=0)
    assert "records.json#2" in proc.stderr and "Imported 2" in proc.stdout


@pytest.mark.parametrize("args", [
    ["show", "99999999999999999999999"], ["show", "-5"], ["consent", "grant", "1" * 30, "stats"],
    ["stats", "--publish", "--k", "1"], ["stats", "--epsilon", "-1"], ["stats", "--publish",
                                                                         "--round", "0"],
    ["export", "--out", "/nonexistent/x.json"], ["report", "--out", "r.html", "--k", "0"],
    ["network", "--out", "n.json", "--k", "1"], ["link", "encode", "--secret-file", "s",
                                                   "--out", "x.clk", "--plaintext"],
], ids=lambda a: "-".join(a[:3]))
def test_low_findings_are_one_line_without_traceback(tmp_path, args):
    new_book(tmp_path, 2)
    (tmp_path / "s").write_text("s" * 40)
    proc = run(tmp_path, *args)
    assert_clean(proc)
    assert proc.returncode in (1, 2, 3, 4), (proc.returncode, proc.stderr)


def test_publishing_with_a_small_k_warns(tmp_path):
    new_book(tmp_path, 2)
    proc = run(tmp_path, "stats", "--publish", "--k", "2")
    assert proc.returncode == 0 and "below the recommended 11" in proc.stderr


# -- 2. consent: a mistyped scope never reported as done ----------------------------------------
@pytest.mark.parametrize("action,scope", [
    ("withdraw", "aggregate_statistic"), ("withdraw", "Aggregate_Statistic"),
    ("withdraw", "statistic"), ("withdraw", "share_with:"), ("withdraw", "share_with:Bridge"),
    ("withdraw", "share_with:bridge of lights"), ("withdraw", "quote"), ("withdraw", ""),
    ("grant", "aggregate_statistic"), ("grant", "share_with: "), ("grant", "everything"),
    ("grant", "legal_proceeding"),
])
def test_unknown_or_unheld_scopes_exit_2_and_change_nothing(tmp_path, action, scope):
    [tid] = new_book(tmp_path, 1, consent=("aggregate_statistics", "share_with:Bridge of Light"))
    with Casebook.open(str(tmp_path / "team.db"), PASS) as book:
        before = (book.consent.of(tid), len(book.audit.entries(1000)))
    proc = run(tmp_path, "consent", action, str(tid), scope)
    assert_clean(proc, EXIT["usage"])
    assert "Withdrew" not in proc.stdout and "Granted" not in proc.stdout
    with Casebook.open(str(tmp_path / "team.db"), PASS) as book:
        assert (book.consent.of(tid), len(book.audit.entries(1000))) == before


@pytest.mark.parametrize("typed,stored", [
    ("stats", "aggregate_statistics"), ("Aggregate_Statistics", "aggregate_statistics"),
    ("aggregate-statistics", "aggregate_statistics"),
    ("share_with:bridge of light", "share_with:Bridge of Light"),
])
def test_the_abbreviations_the_cli_prints_are_accepted(tmp_path, typed, stored):
    [tid] = new_book(tmp_path, 1, consent=("aggregate_statistics", "share_with:Bridge of Light"))
    proc = run(tmp_path, "consent", "withdraw", str(tid), typed)
    assert proc.returncode == 0 and f"Withdrew {stored}" in proc.stdout, proc.stderr
    with Casebook.open(str(tmp_path / "team.db"), PASS) as book:
        assert stored not in book.consent.of(tid).active_scopes()


def test_import_with_a_bad_consent_fails_once(tmp_path):
    new_book(tmp_path, 1)
    files = marker_files(tmp_path / "in", 40)
    proc = run(tmp_path, "import", str(files), "--consent", "statz", "--no-extract")
    assert_clean(proc, EXIT["usage"])
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = run(tmp_path, "import", str(files), "--consent", "stats", "--no-extract")
    assert proc.returncode == 0 and "Imported 40" in proc.stdout


# -- 3. outputs never replace the casebook or its key -------------------------------------------
PROTECTED = ["team.db", "team.db.key", "team.db-wal", "team.db-shm", "link-to-db", "./team.db",
             "sub/../team.db"]


@pytest.mark.parametrize("target", PROTECTED)
@pytest.mark.parametrize("command", ["export", "report", "network"])
def test_outputs_never_replace_the_casebook_even_with_force(tmp_path, target, command):
    new_book(tmp_path, 3)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link-to-db").symlink_to(tmp_path / "team.db")
    for side in ("team.db-wal", "team.db-shm"):
        (tmp_path / side).touch()
    before = {p.name: p.read_bytes() for p in tmp_path.glob("team.db*")}
    extra = {"export": ["--plaintext"], "report": [], "network": ["--plaintext"]}[command]
    proc = run(tmp_path, command, "--out", target, "--force", *extra)
    assert_clean(proc, EXIT["input"])
    assert "never replace" in proc.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.glob("team.db*")} == before
    still_opens(tmp_path)


def test_outputs_refuse_existing_files_folders_and_write_0600(tmp_path):
    new_book(tmp_path, 3)
    (tmp_path / "old.json").write_text("keep me")
    proc = run(tmp_path, "export", "--out", "old.json", "--plaintext")
    assert_clean(proc, EXIT["input"])
    assert (tmp_path / "old.json").read_text() == "keep me"
    (tmp_path / "folder").mkdir()
    assert_clean(run(tmp_path, "export", "--out", "folder", "--force"), EXIT["input"])
    proc = run(tmp_path, "export", "--out", "old.json", "--plaintext", "--force")
    assert proc.returncode == 0
    assert (tmp_path / "old.json").stat().st_mode & 0o777 == 0o600
    proc = run(tmp_path, "network", "--out", "net.json.age")
    assert proc.returncode == 0
    assert (tmp_path / "net.json.age").read_bytes().startswith(b"age-encryption.org/")


# -- 4. linkage files respect consent; the linkage unit ------------------------------------------
def test_link_encode_never_encodes_a_testimony_without_consent(tmp_path):
    from casebook.model import Event, Fact, Record
    from casebook.model.records import ACCEPTED, Evidence

    book = Casebook.create(str(tmp_path / "team.db"), PASS, actor="tester")
    scopes = {"shared": ["share_with:Bridge of Light"], "other": ["share_with:Elsewhere"],
              "none": [], "withdrawn": ["share_with:Bridge of Light", "aggregate_statistics"],
              "stats-only": ["aggregate_statistics"]}
    ids = {}
    with book:
        for name, consent in scopes.items():
            text = f"Testimony {name}: she was born in 1985 and crossed in 2003."
            record = Record(facts=[Fact("birth_year", 1985, Evidence.of(text, 0, 5),
                                        status=ACCEPTED)],
                            events=[Event("border_crossing", status=ACCEPTED,
                                          evidence=Evidence.of(text, 0, 5))])
            tid, _ = book.testimonies.add(
                Testimony(text=text, language="en", organisation="Hanul",
                          consent=Consent.of(consent)),
                Person(pseudonym=f"Kim {name}", surname="Kim", organisation="Hanul",
                       birth_year=1985), record)
            ids[name] = tid
        book.consent.withdraw(ids["withdrawn"], "share_with:Bridge of Light")
        book.consent.withdraw(ids["withdrawn"], "aggregate_statistics")
    (tmp_path / "secret").write_text("s" * 40)
    proc = run(tmp_path, "link", "encode", "--secret-file", "secret", "--out", "x.clk",
               "--plaintext")
    assert_clean(proc, EXIT["usage"])  # no partner named: nothing encoded
    assert not (tmp_path / "x.clk").exists()
    proc = run(tmp_path, "link", "encode", "--secret-file", "secret", "--out", "x.clk",
               "--plaintext", "--for", "Bridge of Light")
    assert proc.returncode == 0, proc.stderr
    encoded = json.loads((tmp_path / "x.clk").read_text())
    assert [r[0] for r in encoded["records"]] == [f"t{ids['shared']}"]
    assert (tmp_path / "x.clk").stat().st_mode & 0o777 == 0o600


def test_linkage_unit_returns_each_side_only_its_own_ids(tmp_path):
    from pyrage import x25519

    from casebook.linkage import synthetic
    from casebook.linkage.records import record_to_dict

    data = synthetic.generate(80, seed=3, organisations=("a", "b"), pseudonym_rate=0.0)
    (tmp_path / "secret").write_text("k" * 40)
    os.environ_copy = None
    keys = {}
    for who in ("unit", "a", "b"):
        proc = run(tmp_path, "link", "keygen", "--out", f"{who}.key",
                   CASEBOOK_LINK_KEY_PASSPHRASE=f"{who} pass")
        assert proc.returncode == 0, proc.stderr
        keys[who] = (tmp_path / f"{who}.key.pub").read_text().strip()
    for org in "ab":
        (tmp_path / f"{org}.json").write_text(json.dumps(
            [record_to_dict(r) for r in data.records if r.organisation == org]))
        proc = run(tmp_path, "link", "encode", "--secret-file", "secret", "--label", org,
                   "--to", keys["unit"], "--out", f"{org}.clk.age",
                   "--records-json", f"{org}.json")
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / f"{org}.clk.age").read_bytes().startswith(b"age-encryption.org/")
    # the partner cannot read the other's file, nor match it directly
    proc = run(tmp_path, "link", "match", "a.clk.age", "b.clk.age")
    assert_clean(proc, EXIT["input"])
    (tmp_path / "answers").mkdir()
    proc = run(tmp_path, "link", "unit-match", "a.clk.age", "b.clk.age", "--identity",
               "unit.key", "--return", f"a={keys['a']}", "--return", f"b={keys['b']}",
               "--out-dir", "answers", CASEBOOK_LINK_KEY_PASSPHRASE="unit pass")
    assert proc.returncode == 0, proc.stderr
    a_ids = {r.id for r in data.records if r.organisation == "a"}
    b_ids = {r.id for r in data.records if r.organisation == "b"}
    for org, own, other in (("a", a_ids, b_ids), ("b", b_ids, a_ids)):
        proc = run(tmp_path, "link", "unit-result", f"answers/{org}.result.age", "--identity",
                   f"{org}.key", CASEBOOK_LINK_KEY_PASSPHRASE=f"{org} pass")
        assert proc.returncode == 0, proc.stderr
        listed = set(proc.stdout.splitlines()[1].split(", ")) - {""}
        assert listed and listed <= own and not listed & other
        assert "a,b,count" in proc.stdout
    # the other side's key cannot open an answer
    proc = run(tmp_path, "link", "unit-result", "answers/a.result.age", "--identity", "b.key",
               CASEBOOK_LINK_KEY_PASSPHRASE="b pass")
    assert proc.returncode == EXIT["usage"]
    assert isinstance(x25519.Identity.generate(), x25519.Identity)


# -- 5. damaged key files and casebook files ----------------------------------------------------
def _key_damage(tmp: Path, how: str) -> None:
    key = tmp / "team.db.key"
    body = json.loads(key.read_text())
    slot = body["slots"][0]
    if how == "missing-field":
        del slot["nonce"]
    elif how == "bad-salt":
        slot["salt"] = "***"
    elif how == "short-salt":
        slot["salt"] = "AAAA"
    elif how == "list":
        body = [body]
    elif how == "slots-not-list":
        body["slots"] = {"a": 1}
    elif how == "kdf-4GiB":
        slot["kdf"]["memory_cost"] = 4 * 1024 * 1024
    elif how == "kdf-time-huge":
        slot["kdf"]["time_cost"] = 10**9
    elif how == "kdf-string":
        slot["kdf"]["parallelism"] = "2"
    elif how == "kind":
        slot["kind"] = "magic"
    elif how == "slot-not-object":
        body["slots"] = ["x"]
    if how == "directory":
        key.unlink()
        key.mkdir()
    elif how == "empty":
        key.write_text("")
    elif how == "binary":
        key.write_bytes(os.urandom(300))
    else:
        key.write_text(json.dumps(body))


KEY_DAMAGE = ["missing-field", "bad-salt", "short-salt", "list", "slots-not-list", "kdf-4GiB",
              "kdf-time-huge", "kdf-string", "kind", "slot-not-object", "directory", "empty",
              "binary"]


@pytest.mark.parametrize("how", KEY_DAMAGE)
def test_damaged_key_files_are_one_line(tmp_path, how):
    new_book(tmp_path, 1)
    _key_damage(tmp_path, how)
    started = time.monotonic()
    proc = run(tmp_path, "list", timeout=60)
    assert_clean(proc, EXIT["storage"])
    assert time.monotonic() - started < 30  # a hostile KDF cost is refused, not obeyed


CASEBOOK_DAMAGE = ["empty", "text", "plain-sqlite", "directory", "fifo", "tiny"]


@pytest.mark.parametrize("how", CASEBOOK_DAMAGE)
def test_what_is_not_a_casebook_is_refused_not_opened_as_empty(tmp_path, how):
    import sqlite3

    new_book(tmp_path, 1)
    db = tmp_path / "team.db"
    db.unlink()
    if how == "empty":
        db.touch()
    elif how == "text":
        db.write_text("not a casebook\n" * 200)
    elif how == "plain-sqlite":
        sqlite3.connect(db).execute("create table t(x)").connection.commit()
    elif how == "directory":
        db.mkdir()
    elif how == "fifo":
        os.mkfifo(db)
    elif how == "tiny":
        db.write_bytes(os.urandom(100))
    for args in (["audit", "verify"], ["list"]):
        proc = run(tmp_path, *args, timeout=60)
        assert_clean(proc)
        assert proc.returncode in (2, 4) and "intact" not in proc.stdout, proc.stdout


# -- 6. audit verify sees edits made with the data key; field seal then refuses -----------------
def _data_key_edit(tmp: Path, sql: str) -> None:
    with Casebook.open(str(tmp / "team.db"), PASS) as book, book.engine.begin() as conn:
        conn.exec_driver_sql(sql)


@pytest.mark.parametrize("edit", [
    "UPDATE testimonies SET text = text || ' edited' WHERE id = 2",
    "UPDATE testimonies SET text = 'replaced', sha256 = "
    "'0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 1",
    "INSERT INTO consent_grants (testimony_id, scope, granted_on) "
    "VALUES (3, 'legal_proceedings', '2020-01-01')",
    "UPDATE consent_grants SET withdrawn_on = NULL WHERE testimony_id = 2",
], ids=["text", "text-and-hash", "inserted-grant", "undone-withdrawal"])
def test_direct_edits_fail_audit_verify_and_block_field_seal(tmp_path, edit):
    new_book(tmp_path, 3)
    with Casebook.open(str(tmp_path / "team.db"), PASS) as book:
        book.consent.withdraw(2, "aggregate_statistics")
        assert book.audit.verify().ok
    _data_key_edit(tmp_path, edit)
    proc = run(tmp_path, "audit", "verify")
    assert_clean(proc, 1, lines=0)
    assert "outside Casebook" in proc.stderr
    from pyrage import x25519

    hq = str(x25519.Identity.generate().to_public())
    proc = run(tmp_path, "field", "seal", "--out", "b.age", "--to", hq)
    assert_clean(proc, EXIT["storage"])
    assert not (tmp_path / "b.age").exists()
    with Casebook.open(str(tmp_path / "team.db"), PASS) as book:
        assert book.count()["testimonies"] == 3  # nothing deleted


# -- 7. text encodings and file names -----------------------------------------------------------
KO = ("저는 1998년 봄에 무산에서 두만강을 건넜습니다. "
      "연길에서 브로커가 저를 농촌 남자에게 팔았습니다.")
JA = "私は一九九八年の春に川を渡りました。仲介人が私を農村の男に売りました。値段は三千元でした。"
ZH = "我在一九九八年春天过了河。中间人把我卖给了一个农村男人，价格是三千元。后来我被警察抓住了。"


@pytest.mark.parametrize("text,encoding,ok", [
    (KO, "cp949", True), (KO, "euc-kr", True), (KO, "utf-16-le", True), (KO, "utf-16", True),
    (JA, "shift_jis", False), (JA, "euc-jp", False), (ZH, "gb18030", False), (ZH, "gb2312", False),
    (ZH, "big5hkscs", False),
])
def test_encodings_detected_or_refused_never_guessed(tmp_path, text, encoding, ok):
    from casebook.errors import InvalidInput
    from casebook.intake.readers import decode_text

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot encode the sample")
    if ok:
        assert decode_text(data, "f.txt") == text
    else:
        with pytest.raises(InvalidInput, match="save the file as UTF-8"):
            decode_text(data, "f.txt")


def test_a_file_name_that_is_not_utf8_does_not_stop_a_folder_import(tmp_path):
    new_book(tmp_path, 1)
    folder = marker_files(tmp_path / "in", 3)
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe-name.txt"), "wb") as fh:
        fh.write(f"{MARK} the odd name".encode())
    proc = run(tmp_path, "import", str(folder), "--no-extract")
    assert_clean(proc, 0, lines=0)
    assert "Imported 4" in proc.stdout


# -- 8. the web: markers never logged, one answer, headers on every error ------------------------
@pytest.fixture
def web(tmp_path, caplog):
    import logging

    from fastapi.testclient import TestClient

    from casebook.web import create_app

    caplog.set_level(logging.DEBUG)
    book = Casebook.create(str(tmp_path / "web.db"), PASS, actor="tester")
    book.users.add("doc", "long enough password", "Hanul", "documenter",
                    create_organisation=True)
    book.users.add("adm-b", "long enough password", "Bridge", "admin",
                    create_organisation=True)
    app = create_app(book)
    yield app, TestClient(app, raise_server_exceptions=False), caplog
    book.close()


def _api_login(client, name="doc"):
    token = client.get("/api/csrf").json()["csrftoken"]
    r = client.post("/api/login", json={"username": name, "password": "long enough password"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    return r.json()["csrftoken"]


def test_web_concurrent_duplicates_and_nul_search_leave_no_trace(web):
    app, client, caplog = web
    token = _api_login(client)
    body = {"text": f"{MARK} the same testimony, posted four times at once",
            "pseudonym": f"{MARK}-web", "language": "en"}
    answers = []

    def post():
        answers.append(client.post("/api/testimonies", json=body,
                                   headers={"X-CSRF-Token": token}).status_code)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code < 500 for code in answers), answers
    for q in (f"{MARK}\x00", f"{MARK}%00x"):
        r = client.get("/search", params={"q": q})
        assert r.status_code in (200, 400) and MARK not in r.text.replace(q, "")
        assert r.headers["content-security-policy"] and r.headers["x-request-id"]
    r = client.get("/api/search?q=" + MARK + "%00")
    assert r.status_code == 400
    assert MARK not in server_logs(caplog)


def server_logs(caplog) -> str:
    """What the server logged (the test client's own request log is not the server's)."""
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))


def test_web_bug_is_one_log_line_with_a_request_id_and_headers(web, monkeypatch):
    from casebook.store.users import Users

    app, client, caplog = web
    _api_login(client)

    def boom(self, *a, **k):
        raise RuntimeError(f"{MARK} text that must never be logged")

    monkeypatch.setattr(Users, "get", boom)
    r = client.get("/api/testimonies")
    assert r.status_code == 500 and MARK not in r.text
    rid = r.headers["x-request-id"]
    assert r.headers["content-security-policy"] and r.headers["x-frame-options"] == "DENY"
    lines = [rec.getMessage() for rec in caplog.records if rid in rec.getMessage()]
    assert len(lines) == 1 and "RuntimeError" in lines[0] and MARK not in server_logs(caplog)
    monkeypatch.undo()
    for path in ("/no/such/page", "/api/no-such"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-security-policy"]


def test_web_audit_is_scoped_to_the_organisation(web):
    app, client, _ = web
    _api_login(client, "doc")
    client.post("/api/logout", headers={"X-CSRF-Token": client.get("/api/csrf")
                                        .json()["csrftoken"]})
    client.cookies.clear()
    _api_login(client, "adm-b")

    doc = app.state.book.users.by_name("doc")
    entries = client.get("/api/audit").json()
    assert entries and all(e["actor"] != "doc" for e in entries)
    assert all(e["target"] != f"user:{doc.id}" for e in entries)
    everything = app.state.book.audit.entries(1000)
    assert any(e["actor"] == "doc" for e in everything)  # the entries exist, B cannot see them


def test_web_session_absolute_limit_is_enforced_by_the_server(web):
    app, client, _ = web
    _api_login(client)
    assert client.get("/api/me").status_code == 200
    app.state.session_seconds = 1  # the 12 h limit, shortened; the cookie stays valid
    time.sleep(1.2)
    assert client.get("/api/me").status_code == 401


def test_totp_codes_are_single_use(web):
    import pyotp


    app, client, _ = web
    book = app.state.book
    users = book.users
    secret = pyotp.random_base32()
    user = users.by_name("doc")
    users.set_totp(user.id, secret)
    code = pyotp.TOTP(secret).now()
    assert users.authenticate("doc", "long enough password", code).id == user.id
    from casebook.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        users.authenticate("doc", "long enough password", code)


# -- 9. core dumps ------------------------------------------------------------------------------
def test_no_casebook_process_can_dump_core(tmp_path):
    new_book(tmp_path, 1)
    proc = subprocess.Popen([str(BIN), "serve", "--port", "0"], cwd=tmp_path, env=env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # The limit is lowered once the program has started; a loaded machine may take a while.
        line = ""
        for _ in range(600):
            limits = Path(f"/proc/{proc.pid}/limits").read_text()
            line = next(ln for ln in limits.splitlines() if ln.startswith("Max core file size"))
            if proc.poll() is not None or line.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "serve exited"
        assert line.split()[4:6] == ["0", "0"], line
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    check = subprocess.run([sys.executable, "-c", (
        "from casebook.hardening import no_core_dumps, dumpable\n"
        "assert dumpable()\nno_core_dumps()\nprint(dumpable())")],
        capture_output=True, text=True, env=env(tmp_path),
        # as high as this process may still allow (an in-process CLI test may have lowered it)
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE, (hard, hard)))
    assert check.stdout.strip() == "False", check.stderr


def test_marker_never_reaches_disk_outside_the_store(tmp_path):
    """Every command run in this module's style leaves no marker in any file but the store's."""
    new_book(tmp_path, 2)
    run(tmp_path, "list")
    run(tmp_path, "show", "1")
    run(tmp_path, "search", MARK)
    run(tmp_path, "export", "--out", "e.json.age")
    run(tmp_path, "consent", "withdraw", "1", "stats")
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.startswith("team.db"):
            assert MARK.encode() not in path.read_bytes(), path
    shutil.rmtree(tmp_path / "in", ignore_errors=True)
