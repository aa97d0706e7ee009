"""The command line as a user meets it: one-line errors, exit codes, JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "casebook.cli.main"]


def run(args, env=None, cwd=None, input=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*CLI, *args], env=full_env, cwd=cwd, capture_output=True, text=True,
                          input=input)


@pytest.fixture
def cb(tmp_path):
    env = {"CASEBOOK_DB": str(tmp_path / "cb.db"), "CASEBOOK_PASSPHRASE": "first pass"}
    assert run(["init"], env).returncode == 0
    return env


def test_help_lists_every_command_with_an_example():
    out = run(["--help"]).stdout
    for command in ("init", "add", "import", "list", "show", "search", "export", "audit",
                    "consent"):
        assert command in out
    for command in ("init", "add", "import", "list", "show", "search", "export"):
        assert "Example" in run([command, "--help"]).stdout, command


def test_wrong_passphrase_is_one_line_and_exit_2(cb):
    result = run(["list"], {**cb, "CASEBOOK_PASSPHRASE": "not it"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "passphrase" in result.stderr


def test_no_passphrase_without_terminal_is_a_clear_error(cb):
    env = {k: v for k, v in {**os.environ, **cb}.items() if k != "CASEBOOK_PASSPHRASE"}
    result = subprocess.run([*CLI, "list"], env=env, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "CASEBOOK_PASSPHRASE" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_casebook_names_the_file(tmp_path):
    result = run(["list"], {"CASEBOOK_DB": str(tmp_path / "nope.db"), "CASEBOOK_PASSPHRASE": "x"})
    assert result.returncode != 0 and "nope.db" in result.stderr
    assert "Traceback" not in result.stderr


def test_passphrase_file(cb, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("first pass\n")
    env = {k: v for k, v in cb.items() if k != "CASEBOOK_PASSPHRASE"}
    full = {kk: vv for kk, vv in os.environ.items() if kk != "CASEBOOK_PASSPHRASE"} | env
    result = subprocess.run([*CLI, "list", "--passphrase-file", str(secret), "--json"],
                            env=full, capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_import_skips_bad_files_and_keeps_the_rest(cb, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("I crossed the Tumen river in 2003 and was sold for 5,000 yuan.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary junk")
    odd = tmp_path / "notes.xyz"
    odd.write_text("x")
    result = run(["import", str(good), str(bad), str(odd), "--json", "--no-extract"], cb)
    data = json.loads(result.stdout)
    assert len(data["added"]) == 1
    assert {Path(f["file"]).name for f in data["failed"]} == {"bad.txt", "notes.xyz"}
    assert all(Path(f["file"]).name in f["error"] for f in data["failed"])
    again = json.loads(run(["import", str(good), "--json", "--no-extract"], cb).stdout)
    assert again["added"] == [] and len(again["duplicates"]) == 1


def test_add_show_search_consent_and_audit(cb, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("저는 2005년에 혜산에서 압록강을 건넜습니다. 연길에서 팔렸습니다.",
                    encoding="utf-8")
    out = run(["add", str(text), "--pseudonym", "Ms. Han", "--consent", "aggregate_statistics",
               "--consent", "share_with:Bridge of Light", "--json", "--no-extract"], cb)
    tid = json.loads(out.stdout)["testimony_id"]
    shown = json.loads(run(["show", str(tid), "--json"], cb).stdout)
    assert shown["language"] == "ko" and shown["person"]["pseudonym"] == "Ms. Han"
    assert {c["scope"] for c in shown["consent"]} == {"aggregate_statistics",
                                                      "share_with:Bridge of Light"}
    hits = json.loads(run(["search", "연길", "--json"], cb).stdout)
    assert [h["testimony_id"] for h in hits] == [tid]
    assert run(["consent", "withdraw", str(tid), "aggregate_statistics"], cb).returncode == 0
    assert json.loads(run(["list", "--json"],
                          cb).stdout)[0]["consent"] == ["share_with:Bridge of Light"]
    verify = json.loads(run(["audit", "verify", "--json"], cb).stdout)
    assert verify["ok"] and verify["entries"] >= 5


def test_bad_consent_scope_is_refused_before_anything_is_written(cb, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("some testimony")
    result = run(["add", str(text), "--pseudonym", "X", "--consent", "everything"], cb)
    assert result.returncode == 1 and "consent" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run(["list", "--json"], cb).stdout) == []


def test_export_is_encrypted_by_default_and_consent_filtered(cb, tmp_path):
    import pyrage

    for n, scopes in enumerate([["share_with:Bridge of Light"], ["aggregate_statistics"]]):
        f = tmp_path / f"t{n}.txt"
        f.write_text(f"Testimony {n}: I was sold near Yanji.")
        args = ["add", str(f), "--pseudonym", f"P{n}", "--no-extract"]
        for s in scopes:
            args += ["--consent", s]
        run(args, cb)
    identity = pyrage.x25519.Identity.generate()
    out = tmp_path / "share.age"
    result = run(["export", "--out", str(out), "--for", "Bridge of Light",
                  "--recipient", str(identity.to_public())], cb)
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1") and b"Yanji" not in raw
    data = json.loads(pyrage.decrypt(raw, [identity]))
    assert [t["pseudonym"] for t in data["testimonies"]] == ["P0"]
    # no way to get an encrypted export without a key: refuse rather than write plaintext
    env = {**cb, "CASEBOOK_EXPORT_PASSPHRASE": ""}
    refused = subprocess.run([*CLI, "export", "--out", str(tmp_path / "x")], capture_output=True,
                             text=True, env={**os.environ, **env}, stdin=subprocess.DEVNULL)
    assert refused.returncode == 2 and not (tmp_path / "x").exists()
    plain = run(["export", "--out", str(tmp_path / "p.csv"), "--format", "csv", "--plaintext"], cb)
    assert "UNENCRYPTED" in plain.stderr and "Yanji" in (tmp_path / "p.csv").read_text()


def test_a_survivor_who_withdrew_everything_leaves_every_export(cb, tmp_path):
    for n, scopes in enumerate([["aggregate_statistics"], ["aggregate_statistics",
                                                           "legal_proceedings"]]):
        f = tmp_path / f"w{n}.txt"
        f.write_text(f"Withdrawal test {n}: sold near Tumen.")
        args = ["add", str(f), "--pseudonym", f"W{n}", "--no-extract"]
        for s in scopes:
            args += ["--consent", s]
        run(args, cb)
    run(["consent", "withdraw", "1", "aggregate_statistics"], cb)
    run(["consent", "withdraw", "2", "aggregate_statistics"], cb)
    out = tmp_path / "internal.json"
    assert run(["export", "--out", str(out), "--plaintext"], cb).returncode == 0
    names = [t["pseudonym"] for t in json.loads(out.read_text())["testimonies"]]
    assert names == ["W1"]  # W0 withdrew her only scope; W1 still allows legal use
