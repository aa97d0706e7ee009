"""init, add, import, list, show, search, consent, export, audit: happy paths, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from casebook.errors import AlreadyExists, InvalidInput, NotFound, WrongPassphrase
from tests.cli.conftest import EN_TEXT, KO_TEXT, PASSPHRASE


def test_init_refuses_to_overwrite_a_casebook(cli):
    err = cli.error("init")
    assert isinstance(err, AlreadyExists | InvalidInput)
    assert "cb.db" in str(err)


def test_add_reads_the_file_and_proposes_facts(cli):
    path = cli.file("baek.txt", EN_TEXT)
    out = cli.json("add", path, "--pseudonym", "Ms. Baek", "--organisation", "Hanul",
                   "--interview-date", "2019-05", "--consent", "aggregate_statistics")
    assert out["created"] is True
    shown = cli.json("show", out["testimony_id"])
    assert shown["text"] == EN_TEXT and shown["organisation"] == "Hanul"
    assert shown["interview_date"]["year"] == 2019 and shown["interview_date"]["month"] == 5
    assert shown["person"]["pseudonym"] == "Ms. Baek" and shown["language"] == "en"
    assert [c["scope"] for c in shown["consent"]] == ["aggregate_statistics"]
    assert shown["events"], "a clear sale and crossing should be proposed for review"
    assert {e["status"] for e in shown["events"]} == {"suggested"}


def test_add_the_same_text_twice_adds_nothing(cli):
    first = cli.add(EN_TEXT, "Ms. Baek")
    path = cli.file("again.txt", EN_TEXT)
    out = cli.json("add", path, "--pseudonym", "Someone", "--consent", "aggregate_statistics")
    assert out == {"testimony_id": first, "created": False}
    assert len(cli.json("list")) == 1


def test_add_without_extraction_stores_no_facts(cli):
    path = cli.file("plain.txt", EN_TEXT)
    tid = cli.json("add", path, "--pseudonym", "Ms. Ri", "--no-extract",
                   "--consent", "aggregate_statistics")["testimony_id"]
    shown = cli.json("show", tid)
    assert shown["facts"] == [] and shown["events"] == []


def test_add_from_stdin_detects_korean(cli):
    out = cli.json("add", "-", "--pseudonym", "김씨", "--consent", "aggregate_statistics",
                   input=KO_TEXT)
    assert cli.json("show", out["testimony_id"])["language"] == "ko"


@pytest.mark.parametrize("args,names", [
    (["--consent", "everything"], "consent"),
    (["--consent", "aggregate_statistics", "--interview-date", "May 2019"], "interview"),
])
def test_add_bad_options_are_named_before_unlocking(cli, args, names):
    path = cli.file("x.txt", EN_TEXT)
    err = cli.error("add", path, "--pseudonym", "X", *args)
    assert isinstance(err, InvalidInput) and names in str(err).lower()
    assert cli.json("list") == []


def test_add_missing_file_names_it(cli):
    err = cli.error("add", cli.folder / "nope.txt", "--pseudonym", "X",
                    "--consent", "aggregate_statistics")
    assert isinstance(err, InvalidInput) and "nope.txt" in str(err)


def test_add_without_consent_stores_none_and_leaves_every_export(cli):
    path = cli.file("x.txt", EN_TEXT)  # no --consent and no terminal to ask in: nothing given
    tid = cli.json("add", path, "--pseudonym", "X")["testimony_id"]
    assert cli.json("show", tid)["consent"] == []
    out = cli.folder / "all.json"
    cli("export", "--out", out, "--plaintext")
    assert json.loads(out.read_bytes())["testimonies"] == []


def test_import_a_folder_reports_bad_files_and_keeps_the_good(cli):
    folder = cli.folder / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (folder / "b.md").write_text(KO_TEXT, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    result = cli("import", folder, "--organisation", "Hanul", "--consent",
                 "aggregate_statistics", "--json")
    out = json.loads(result.stdout)
    assert len(out["added"]) == 2 and out["duplicates"] == []
    failed = {f["file"].rsplit("/", 1)[-1]: f["error"] for f in out["failed"]}
    assert set(failed) == {"broken.docx", "empty.txt"}
    assert "broken.docx" in failed["broken.docx"] and "\n" not in failed["broken.docx"]
    rows = cli.json("list")
    assert {r["organisation"] for r in rows} == {"Hanul"}
    assert {r["language"] for r in rows} == {"en", "ko"}
    again = json.loads(cli("import", folder, "--json").stdout)
    assert again["added"] == [] and len(again["duplicates"]) == 2


def test_import_only_bad_files_exits_1(cli):
    bad = cli.folder / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 damaged")
    result = cli("import", bad, ok=False)
    assert result.exit_code == 1


def test_import_nothing_readable_is_one_line(cli):
    folder = cli.folder / "empty"
    folder.mkdir()
    err = cli.error("import", folder)
    assert isinstance(err, InvalidInput) and "no readable files" in str(err)


def test_import_json_records_keep_their_consent_and_person(cli):
    records = [
        {"text": EN_TEXT, "pseudonym": "Ms. Han", "organisation": "Bridge",
         "consent": ["aggregate_statistics", "legal_proceedings"], "interview_date": "2018"},
        {"text": KO_TEXT, "pseudonym": "Ms. Oh", "organisation": "Bridge", "consent": []},
    ]
    path = cli.folder / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                    encoding="utf-8")
    out = json.loads(cli("import", path, "--json").stdout)
    assert len(out["added"]) == 2
    by_text = {cli.json("show", t)["text"]: cli.json("show", t) for t in out["added"]}
    han = by_text[EN_TEXT]
    assert han["person"]["pseudonym"] == "Ms. Han" and han["interview_date"]["year"] == 2018
    assert {c["scope"] for c in han["consent"]} == {"aggregate_statistics", "legal_proceedings"}
    assert by_text[KO_TEXT]["consent"] == []


def test_list_never_prints_the_text_and_filters_by_organisation(cli):
    a = cli.add(EN_TEXT, "Ms. Baek")
    b = cli.json("add", cli.file("ko.txt", KO_TEXT), "--pseudonym", "Ms. Kim",
                 "--organisation", "Bridge", "--consent", "aggregate_statistics")["testimony_id"]
    table = cli("list").stdout
    assert "broker" not in table and "연길" not in table
    assert "Ms. Baek" in table or "Hanul" in table
    only = cli.json("list", "--organisation", "Bridge")
    assert [r["id"] for r in only] == [b]
    assert {r["id"] for r in cli.json("list")} == {a, b}
    assert len(cli.json("list", "--limit", "1")) == 1


def test_show_text_is_optional_and_the_read_is_audited(cli):
    tid = cli.add()
    without = cli.json("show", tid, "--no-text")
    assert "text" not in without
    printed = cli("show", tid).stdout
    assert "Tumen river" in printed and f"Testimony {tid}" in printed
    reads = [e for e in cli.json("audit", "log", "--limit", "50")
             if e["action"] == "read_testimony"]
    assert len(reads) == 2 and {e["target"] for e in reads} == {f"testimony:{tid}"}


def test_show_unknown_testimony_is_not_found(cli):
    err = cli.error("show", "404")
    assert isinstance(err, NotFound) and "404" in str(err)


def test_search_finds_korean_and_english_with_snippets(cli):
    en = cli.add(EN_TEXT, "Ms. Baek")
    ko = cli.add(KO_TEXT, "Ms. Kim")
    assert [h["testimony_id"] for h in cli.json("search", "Helong")] == [en]
    assert [h["testimony_id"] for h in cli.json("search", "연길")] == [ko]
    hit = cli.json("search", '"sold me"')[0]
    assert hit["testimony_id"] == en and "⟦" in hit["snippet"]
    assert cli.json("search", "Pyongyang") == []
    assert "No testimony contains 'Pyongyang'" in cli("search", "Pyongyang").stdout


def test_consent_withdraw_and_grant(cli):
    tid = cli.add()
    cli("consent", "grant", tid, "legal_proceedings")
    scopes = {c["scope"]: c for c in cli.json("show", tid)["consent"]}
    assert scopes["legal_proceedings"]["withdrawn_on"] is None
    cli("consent", "withdraw", tid, "aggregate_statistics")
    scopes = {c["scope"]: c for c in cli.json("show", tid)["consent"]}
    assert scopes["aggregate_statistics"]["withdrawn_on"] is not None
    assert scopes["legal_proceedings"]["withdrawn_on"] is None


def test_consent_errors_name_the_scope_or_testimony(cli):
    tid = cli.add()
    err = cli.error("consent", "grant", tid, "sell_to_anyone")
    assert isinstance(err, InvalidInput) and "sell_to_anyone" in str(err)
    err = cli.error("consent", "withdraw", "999", "aggregate_statistics")
    assert isinstance(err, NotFound | InvalidInput) and "999" in str(err)


def _export_rows(data: bytes) -> list[dict]:
    return json.loads(data)["testimonies"]


@pytest.mark.slow  # scrypt at age's work factor
def test_export_is_encrypted_to_a_passphrase_by_default(cli):
    cli.add()
    out = cli.folder / "share.json.age"
    env = {**cli.env, "CASEBOOK_EXPORT_PASSPHRASE": "export words"}
    result = cli.runner.invoke(__import__("casebook.cli.main", fromlist=["app"]).app,
                               ["export", "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"age-encryption.org/v1")
    assert b"Tumen" not in data and b"Baek" not in data
    rows = _export_rows(age_passphrase.decrypt(data, "export words"))
    assert [r["text"] for r in rows] == [EN_TEXT]


def test_export_to_a_recipient_and_for_a_partner(cli):
    shared = cli.add(EN_TEXT, "Ms. Baek", "--consent", "share_with:Bridge")
    cli.add(KO_TEXT, "Ms. Kim")  # no consent to share with Bridge
    identity = x25519.Identity.generate()
    out = cli.folder / "bridge.json.age"
    cli("export", "--out", out, "--for", "Bridge", "--recipient", str(identity.to_public()))
    rows = _export_rows(__import__("pyrage").decrypt(out.read_bytes(), [identity]))
    assert [r["testimony_id"] for r in rows] == [shared]


def test_export_plaintext_csv_only_when_asked_and_without_text(cli):
    cli.add()
    out = cli.folder / "open.csv"
    result = cli("export", "--out", out, "--format", "csv", "--plaintext", "--no-text")
    assert "UNENCRYPTED" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 1 and rows[0]["consent"] == "aggregate_statistics"
    assert "Tumen" not in out.read_text(encoding="utf-8")


def test_export_errors(cli):
    cli.add()
    err = cli.error("export", "--out", cli.folder / "x", "--format", "xml", "--plaintext")
    assert isinstance(err, InvalidInput) and "xml" in str(err)
    err = cli.error("export", "--out", cli.folder / "x.age", "--recipient", "age1notakey")
    assert isinstance(err, InvalidInput) and "recipient" in str(err)
    err = cli.error("export", "--out", cli.folder / "x.age")  # no passphrase, no terminal
    assert isinstance(err, WrongPassphrase) and "CASEBOOK_EXPORT_PASSPHRASE" in str(err)
    assert not (cli.folder / "x.age").exists()


def test_export_for_legal_use_keeps_only_legal_consent(cli):
    legal = cli.add(EN_TEXT, "Ms. Baek", "--consent", "legal_proceedings")
    cli.add(KO_TEXT, "Ms. Kim")
    out = cli.folder / "legal.json"
    cli("export", "--out", out, "--purpose", "legal", "--plaintext")
    assert [r["testimony_id"] for r in _export_rows(out.read_bytes())] == [legal]


def test_audit_verify_and_log(cli):
    cli.add()
    report = cli.json("audit", "verify")
    assert report["ok"] is True and report["entries"] >= 2 and report["problems"] == []
    log = cli.json("audit", "log", "--limit", "5")
    assert 1 <= len(log) <= 5
    assert all({"seq", "at", "actor", "action"} <= set(e) for e in log)
    assert any(e["actor"] == "tester" for e in log)
    assert "Audit chain intact" in cli("audit", "verify").stdout


def test_wrong_passphrase_is_wrong_passphrase(cli):
    cli.env["CASEBOOK_PASSPHRASE"] = PASSPHRASE + " not"
    assert isinstance(cli.error("list"), WrongPassphrase)
