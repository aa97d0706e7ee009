"""Cases in the field: opened and updated offline, sealed to HQ with the testimonies, gone from
the laptop (free pages included), merged at HQ by their history; part of backups; wiped."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile

import pyrage
import pytest
from pyrage import x25519

from casebook.errors import StoreCorrupt
from casebook.field.backup import backup, restore
from casebook.field.bundle import canonical, open_bundle, seal
from casebook.field.wipe import wipe
from casebook.model import Person
from casebook.store import Casebook

PASS = "field passphrase"
CASE_NEEDLES = ["Mengla", "back door of the noodle shop", "Auntie Shim"]


@pytest.fixture(scope="module")
def hq_key():
    identity = x25519.Identity.generate()
    return str(identity.to_public()), identity


def field_cases(book) -> tuple[int, int]:
    """Two cases: one for a woman with testimonies, one for a woman met before any interview."""
    with_testimony = book.persons.all()[0]
    first = book.cases.open(with_testimony.id, stage="safe_house", place="Kunming",
                            risk="medium", risk_reason="quiet for now", caseworker="field-3")
    book.cases.update(first.id, stage="transit_third_country", place="Mengla",
                      status="in_transit")
    book.cases.note(first.id, "meet at the back door of the noodle shop")
    book.cases.task(first.id, text="call Auntie Shim", due=dt.date(2024, 1, 5))
    newcomer = book.persons.add(Person("Ms. Ha", sex="F", organisation="Hanul"))
    second = book.cases.open(newcomer, stage="hiding_china", place="Yanji")
    book.cases.need(second.id, "shelter")
    return first.id, second.id


def test_cases_are_sealed_with_the_testimonies_and_nothing_readable_stays(
        tmp_path, hq_key, helpers):
    public, identity = hq_key
    with Casebook.create(str(tmp_path / "field.db"), PASS, actor="field-3") as field:
        helpers.fill(field)
        first, second = field_cases(field)
        result = seal(field, public, tmp_path / "b.age")
        assert sorted(result.cases) == [first, second] and result.removed == 4
        assert field.count() == {"persons": 0, "testimonies": 0, "facts_suggested": 0,
                                 "facts_accepted": 0, "cases": 0}
        assert field.audit.verify().ok
    pages = helpers.decrypted_pages(tmp_path / "field.db", PASS)
    assert helpers.leaks(pages, CASE_NEEDLES + ["Ms. Ha"]) == []  # free pages too
    data = (tmp_path / "b.age").read_bytes()
    assert helpers.leaks(data, CASE_NEEDLES) == []  # the bundle is ciphertext
    with Casebook.create(str(tmp_path / "hq.db"), "hq passphrase", actor="hq") as hq:
        opened = open_bundle(hq, tmp_path / "b.age", identity)
        assert len(opened.cases) == 2 and opened.case_events == 6
        by_stage = {c.stage: c for c in hq.cases.all()}
        moved = hq.cases.get(by_stage["transit_third_country"].id)
        assert (moved.place, moved.caseworker, moved.status) == ("cn-yunnan-mengla", "field-3",
                                                                 "in_transit")
        # her case hangs on the same woman as her testimonies at HQ
        assert {t.person_id for t in hq.testimonies.all()} >= {moved.person_id}
        newcomer = hq.persons.get(by_stage["hiding_china"].person_id)
        assert newcomer.pseudonym == "Ms. Ha"
        history = hq.cases.history(moved.id)
        assert [e.actor for e in history] == ["field-3"] * 4
        again = open_bundle(hq, tmp_path / "b.age", identity)
        assert again.already_opened and hq.count()["cases"] == 2


def test_a_case_kept_on_the_field_machine_sends_only_what_changed(tmp_path, hq_key, helpers):
    public, identity = hq_key
    with Casebook.create(str(tmp_path / "field.db"), PASS, actor="field-3") as field, \
            Casebook.create(str(tmp_path / "hq.db"), "hq passphrase", actor="hq") as hq:
        pid = field.persons.add(Person("Ms. Ko", organisation="Hanul"))
        case = field.cases.open(pid, stage="hiding_china")
        first = seal(field, public, tmp_path / "1.age", keep_local=True)
        assert first.cases == [case.id]
        with pytest.raises(Exception, match="no new testimonies or case changes"):
            seal(field, public, tmp_path / "2.age", keep_local=True)
        field.cases.update(case.id, stage="safe_house", place="Kunming")
        second = seal(field, public, tmp_path / "3.age", keep_local=True)
        assert second.cases == [case.id]
        open_bundle(hq, tmp_path / "1.age", identity)
        result = open_bundle(hq, tmp_path / "3.age", identity)
        assert result.case_events == 1  # the opening was there already
        (merged,) = hq.cases.all()
        assert merged.stage == "safe_house" and hq.count()["persons"] == 1


def test_a_case_whose_history_was_edited_in_the_bundle_is_refused(tmp_path, hq_key):
    public, identity = hq_key
    with Casebook.create(str(tmp_path / "field.db"), PASS, actor="field-3") as field:
        pid = field.persons.add(Person("Ms. Gil", organisation="Hanul"))
        field.cases.open(pid, stage="hiding_china", place="Yanji")
        seal(field, public, tmp_path / "b.age")
    payload = json.loads(pyrage.decrypt((tmp_path / "b.age").read_bytes(), [identity]))
    payload["cases"][0]["events"][0]["data"]["place"] = "kr-seoul"
    (tmp_path / "edited.age").write_bytes(pyrage.encrypt(
        canonical(payload), [x25519.Recipient.from_str(public)]))
    with Casebook.create(str(tmp_path / "hq.db"), "hq passphrase", actor="hq") as hq:
        with pytest.raises(StoreCorrupt, match="case 1: its history differs"):
            open_bundle(hq, tmp_path / "edited.age", identity)
        assert hq.count()["cases"] == 0 and hq.count()["persons"] == 0


def test_cases_are_in_the_backup_and_restore_checks_their_count(tmp_path):
    identity = x25519.Identity.generate()
    with Casebook.create(str(tmp_path / "live" / "team.db"), PASS, actor="a") as book:
        pid = book.persons.add(Person("Ms. Yu", organisation="Hanul"))
        case = book.cases.open(pid, stage="arrived", place="Bangkok")
        result = backup(book, tmp_path / "b.age", recipients=[str(identity.to_public())])
    assert result.manifest["counts"]["cases"] == 1
    restored = restore(tmp_path / "b.age", tmp_path / "fresh", identity=identity,
                       casebook_passphrase=PASS)
    assert restored.opened
    with Casebook.open(str(restored.db_path), PASS) as copy:
        assert copy.cases.get(case.id).place == "th-bangkok"


def test_a_backup_made_before_cases_existed_still_restores(tmp_path):
    """Its manifest counts no cases (the key did not exist); the restored casebook has none."""
    identity = x25519.Identity.generate()
    with Casebook.create(str(tmp_path / "live" / "team.db"), PASS, actor="a") as book:
        book.persons.add(Person("Ms. Yu", organisation="Hanul"))
        backup(book, tmp_path / "b.age", recipients=[str(identity.to_public())])
    members = {}
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt((tmp_path / "b.age").read_bytes(),
                                                        [identity]))) as tar:
        for info in tar:
            members[info.name] = tar.extractfile(info).read()
    manifest = json.loads(members["manifest.json"])
    del manifest["counts"]["cases"]
    members["manifest.json"] = json.dumps(manifest).encode()
    (tmp_path / "old.age").write_bytes(_sealed_tar(members, identity))
    restored = restore(tmp_path / "old.age", tmp_path / "fresh", identity=identity,
                       casebook_passphrase=PASS)
    assert restored.opened
    manifest["counts"]["persons"] = 2  # a real disagreement is still found
    members["manifest.json"] = json.dumps(manifest).encode()
    (tmp_path / "bad.age").write_bytes(_sealed_tar(members, identity))
    with pytest.raises(StoreCorrupt, match="record counts"):
        restore(tmp_path / "bad.age", tmp_path / "fresh2", identity=identity,
                casebook_passphrase=PASS)


def _sealed_tar(members: dict[str, bytes], identity) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return pyrage.encrypt(buf.getvalue(), [identity.to_public()])


def test_wipe_makes_case_data_unreadable(tmp_path, helpers):
    db = tmp_path / "field.db"
    with Casebook.create(str(db), PASS, actor="field-3") as field:
        pid = field.persons.add(Person("Ms. Nam", organisation="Hanul"))
        case = field.cases.open(pid, stage="hiding_china", place="Mengla")
        field.cases.note(case.id, "meet at the back door of the noodle shop")
    assert "back door of the noodle shop" in helpers.leaks(
        helpers.decrypted_pages(db, PASS), CASE_NEEDLES)  # the check can see live case data
    copy = db.read_bytes()
    result = wipe(db, keep_files=True)
    assert result.key_destroyed
    with pytest.raises(StoreCorrupt, match="destroyed"):
        Casebook.open(str(db), PASS)
    assert helpers.leaks(copy, CASE_NEEDLES) == []  # the file itself was never plaintext
    wipe(db)
    assert not db.exists()
