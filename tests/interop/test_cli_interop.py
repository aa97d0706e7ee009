"""The interoperability commands as a user runs them: plan, import, export, uwazi-template."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli.test_cli import run
from interop.sheet_files import write_xlsx


@pytest.fixture
def env(tmp_path):
    e = {"CASEBOOK_DB": str(tmp_path / "cb.db"), "CASEBOOK_PASSPHRASE": "first pass",
         "CASEBOOK_EXPORT_PASSPHRASE": "export pass"}
    assert run(["init"], e).returncode == 0
    return e


def test_plan_then_import_then_review_then_export_htcds(env, tmp_path):
    sheet = write_xlsx(tmp_path / "coding.xlsx")
    no_map = run(["import", str(sheet)], env)
    assert no_map.returncode == 1 and "--plan" in no_map.stderr
    assert no_map.stderr.strip().count("\n") == 0 and "Traceback" not in no_map.stderr
    planned = run(["import", str(sheet), "--plan"], env)
    assert planned.returncode == 0 and "coding.mapping.toml" in planned.stdout
    mapping = tmp_path / "coding.mapping.toml"
    assert mapping.exists()
    again = run(["import", str(sheet), "--plan"], env)
    assert again.returncode == 1 and "already exists" in again.stderr
    imported = run(["import", str(sheet), "--map", str(mapping), "--no-extract", "--json"], env)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)[0]
    assert summary["rows"] == 4 and len(summary["added"]) == 4
    assert summary["rows_without_consent"] == [5] and summary["dropped_columns"] == ["실명"]
    assert {"where": "coding.xlsx, sheet '면담 기록', row 6, column G (착취 유형)",
            "column": "착취 유형", "value": "식당 일",
            "reason": "has no exploitation code in the mapping"} in summary["unmapped"]
    for tid in summary["added"]:
        assert run(["review", str(tid), "--accept-all"], env).returncode == 0
    out = tmp_path / "victims.csv.age"
    exported = run(["export", "--format", "htcds", "--out", str(out)], env)
    assert exported.returncode == 0 and "3 survivors" in exported.stdout, exported.stderr
    from casebook.files import decrypt

    plain = decrypt(out.read_bytes(), out.name, passphrase="export pass").decode()
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert [r["prs_Birthdate"] for r in rows] == ["1979", "1985", "1982"]
    assert rows[0]["vic_TypeOfExploitation"] == "ForcedMarriage"
    shared = run(["export", "--format", "htcds", "--for", "CTDC", "--out",
                  str(tmp_path / "ctdc.csv.age")], env)
    assert shared.returncode == 0 and "0 survivors" in shared.stdout  # nobody agreed to CTDC


def test_uwazi_export_reimports_without_a_mapping(env, tmp_path):
    sheet = write_xlsx(tmp_path / "coding.xlsx")
    run(["import", str(sheet), "--plan"], env)
    run(["import", str(sheet), "--map", str(tmp_path / "coding.mapping.toml"), "--no-extract"], env)
    for tid in (1, 2, 4):
        run(["review", str(tid), "--accept-all"], env)
    plain = tmp_path / "uwazi.csv"
    done = run(["export", "--format", "uwazi", "--plaintext", "--out", str(plain)], env)
    assert done.returncode == 0 and "UNENCRYPTED" in done.stderr
    other = {**env, "CASEBOOK_DB": str(tmp_path / "other.db")}
    assert run(["init"], other).returncode == 0
    back = run(["import", str(plain), "--no-extract", "--json"], other)
    assert back.returncode == 0, back.stderr
    assert len(json.loads(back.stdout)[0]["added"]) == 3
    shown = json.loads(run(["show", "1", "--json", "--no-text"], other).stdout)
    assert {f["field"]: f["value"] for f in shown["facts"]}["birth_year"] == 1979
    assert shown["facts"][0]["source"] == "uwazi"


def test_uwazi_template_writes_thesauri_and_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "uwazi"
    first = run(["uwazi-template", "--out", str(folder)])
    assert first.returncode == 0 and (folder / "exploitation.csv").exists()
    assert (folder / "template.md").read_text().startswith("Template **Casebook testimony**")
    second = run(["uwazi-template", "--out", str(folder)])
    assert second.returncode == 1 and "already exists" in second.stderr


def test_unknown_import_format_is_one_line(env, tmp_path):
    result = run(["import", str(tmp_path), "--format", "xml"], env)
    assert result.returncode == 1 and "--format" in result.stderr and "htcds" in result.stderr
