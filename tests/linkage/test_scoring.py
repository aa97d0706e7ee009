import os
import tempfile

import duckdb
import pytest

from casebook.errors import InvalidInput
from casebook.linkage.records import PerpetratorRecord, PersonRecord
from casebook.linkage.scoring import safe_duckdb, score_pairs


def people():
    return [
        PersonRecord("a", "org1", "t1", "Lee", "Young-hee", False, 1980, "kp-musan", 1998,
                     ("cn-yanji",), 1, (800.0,), ("1998-03",)),
        PersonRecord("b", "org2", "t7", "이", "영희", False, 1981, "kp-musan", 1998,
                     ("cn-yanji", "cn-helong"), 1, (850.0,), ("1998",)),
        PersonRecord("c", "org2", "t8", "Kim", "Sun-ok", False, 1975, "kp-hyesan", 2003),
        PersonRecord("d", "org1", "t2", "Park", "Mi-ran", False, 1990, "kp-onsong", 2008,
                     ("cn-tumen",)),
        PersonRecord("e", "org3", "t9", "Pak", "Miran", False, 1990, "kp-onsong", 2009,
                     ("cn-tumen",)),
        PersonRecord("f", "org3", "t10", "Kim", "Sun-hee", False, 1962, "kp-chongjin", 2001),
        PersonRecord("g", "org1", "t3", None, "Flower", True, 1975, "kp-hyesan", 2003,
                     ("cn-shenyang",)),
    ]


def test_romanisation_variants_link_and_strangers_do_not():
    pairs = score_pairs(people(), "person", threshold=0.5)
    keys = {p.key for p in pairs}
    assert ("a", "b") in keys  # Lee Young-hee / 이영희
    assert ("d", "e") in keys  # Park Mi-ran / Pak Miran, crossing a year apart
    assert ("c", "f") not in keys
    best = pairs[0]
    assert best.probability > 0.99 and best.weights["surname_key"] > 0


def test_pseudonym_only_record_is_still_a_candidate_on_other_fields():
    pairs = score_pairs(people(), "person", threshold=0.0)
    cg = [p for p in pairs if p.key == ("c", "g")]
    assert cg, "origin + birth year + crossing year should block c with g"
    assert cg[0].weights["given_key"] == 0.0  # the pseudonym was not compared
    assert cg[0].weights["birth_year"] > 0 and cg[0].weights["origin"] > 0


def test_threshold_and_kind_are_checked():
    with pytest.raises(InvalidInput):
        score_pairs(people(), "person", threshold=1.5)
    with pytest.raises(InvalidInput):
        score_pairs(people(), "place-names")
    with pytest.raises(InvalidInput):
        score_pairs(people() + [people()[0]], "person")


def test_perpetrators_link_on_alias_place_and_time():
    brokers = [
        PerpetratorRecord("p1", ("Mr. Jang",), "broker", ("cn-yanji",), (1998,)),
        PerpetratorRecord("p2", ("장 사장", "the old man"), "broker", ("cn-yanji",), (1999,)),
        PerpetratorRecord("p3", ("Jang",), "buyer", ("cn-harbin",), (2012,)),
        PerpetratorRecord("p4", ("Uncle Kim",), "broker", ("cn-dandong",), (2005,)),
    ]
    pairs = score_pairs(brokers, "perpetrator", threshold=0.5)
    assert [p.key for p in pairs] == [("p1", "p2")]


def test_duckdb_connection_cannot_spill_or_load_files():
    con = safe_duckdb()
    settings = dict(con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN "
        "('temp_directory', 'max_temp_directory_size', 'enable_external_access')").fetchall())
    assert settings["temp_directory"] == ""
    assert settings["max_temp_directory_size"] in ("0 bytes", "0B", "0KB", "0")
    assert settings["enable_external_access"] == "false"
    with pytest.raises(duckdb.PermissionException):
        con.execute("COPY (SELECT 1) TO 'leak.csv'")
    con.execute("SET memory_limit = '40MB'")
    with pytest.raises(Exception, match="(?i)memory"):
        con.execute("SELECT count(*) FROM (SELECT i, random() AS r FROM range(20000000) t(i) "
                    "ORDER BY r)").fetchall()


def test_linking_writes_no_file_to_cwd_or_temp(tmp_path, monkeypatch):
    work, temp = tmp_path / "cwd", tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    records = people() * 1
    pairs = score_pairs(records, "person", threshold=0.0)
    assert pairs
    assert list(work.iterdir()) == [] and list(temp.iterdir()) == []
    assert not os.path.exists(work / ".tmp")
