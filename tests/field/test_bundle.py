"""Field → HQ bundles: sealed to HQ's public key, removed from the field, opened idempotently."""

from __future__ import annotations

import json

import pyrage
import pytest
from pyrage import x25519

from casebook.errors import InvalidInput, NotFound, StoreCorrupt, WrongPassphrase
from casebook.field.bundle import (
    META_OPENED,
    META_SEALED,
    canonical,
    generate_hq_key,
    load_hq_identity,
    manifest_of,
    open_bundle,
    read_bundle,
    seal,
)
from casebook.model import Person, Testimony
from casebook.store import Casebook

PASS = "field passphrase"


@pytest.fixture(scope="module")
def hq_key():
    """HQ's key pair as ``field keygen`` makes it (the passphrase layer is tested on its own:
    age's scrypt costs seconds per use, by design)."""
    identity = x25519.Identity.generate()
    return str(identity.to_public()), identity


@pytest.fixture
def field(tmp_path, helpers):
    book = Casebook.create(str(tmp_path / "field.db"), PASS, actor="documenter")
    helpers.fill(book)
    yield book
    book.close()


@pytest.fixture
def hq(tmp_path):
    book = Casebook.create(str(tmp_path / "hq.db"), "hq passphrase", actor="hq")
    yield book
    book.close()


def test_seal_removes_every_local_copy_and_the_field_cannot_read_the_bundle(
        tmp_path, field, hq_key, helpers):
    public, _ = hq_key
    before = helpers.records_by_text(field)
    result = seal(field, public, tmp_path / "b.age")
    assert len(result.sealed) == 4 and result.removed == 4
    assert field.count() == {"persons": 0, "testimonies": 0, "facts_suggested": 0,
                             "facts_accepted": 0, "cases": 0}
    assert field.testimonies.search("Jangmi") == [] and field.testimonies.search("연길") == []
    # the bundle is ciphertext; no key the field machine could hold opens it
    data = (tmp_path / "b.age").read_bytes()
    assert helpers.leaks(data) == []
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [x25519.Identity.generate()])
    # someone who forces the passphrase out of the documenter reads the whole file, free pages
    # and search indexes included, and finds none of the sealed words
    field.close()
    pages = helpers.decrypted_pages(tmp_path / "field.db", PASS)
    assert helpers.leaks(pages) == []
    assert not (tmp_path / "field.db-wal").exists() or \
        (tmp_path / "field.db-wal").stat().st_size == 0
    reopened = Casebook.open(str(tmp_path / "field.db"), PASS)
    assert reopened.audit.verify().ok
    entry = next(e for e in reopened.audit.entries(50) if e["action"] == "delete_testimonies")
    assert entry["detail"]["bundle"] == result.bundle_id
    assert reopened.meta.get(META_SEALED)[0]["count"] == 4
    reopened.close()
    assert before  # the fill really had records to lose


def test_page_decryptor_does_see_live_text(tmp_path, field, helpers):
    """Control for the test above: the same scan finds the words while they are stored."""
    field.close()
    assert "Jangmi" in helpers.leaks(helpers.decrypted_pages(tmp_path / "field.db", PASS))


def test_hq_opens_the_bundle_with_everything_intact(tmp_path, field, hq, hq_key, helpers):
    public, identity = hq_key
    before = helpers.records_by_text(field)
    seal(field, public, tmp_path / "b.age")
    result = open_bundle(hq, tmp_path / "b.age", identity)
    assert len(result.added) == 4 and result.duplicates == []
    assert helpers.records_by_text(hq) == before
    # the same woman's two testimonies still point to one person at HQ
    people = {s.pseudonym: s.person_id for s in hq.testimonies.all()}
    assert hq.count()["persons"] == 3 and len(people) == 3
    t = hq.testimonies.get(result.added[0])
    assert t.provenance["field_bundle"] == result.bundle_id
    assert hq.audit.verify().ok
    assert "field_open" in [e["action"] for e in hq.audit.entries(20)]


def test_opening_the_same_bundle_twice_changes_nothing(tmp_path, field, hq, hq_key, helpers):
    public, identity = hq_key
    seal(field, public, tmp_path / "b.age")
    open_bundle(hq, tmp_path / "b.age", identity)
    rows, audit = helpers.dump(hq), hq.audit.entries(1000)
    again = open_bundle(hq, tmp_path / "b.age", identity)
    assert again.already_opened and again.added == []
    assert helpers.dump(hq) == rows and hq.audit.entries(1000) == audit


def test_reopening_after_a_crash_or_lost_marker_adds_no_duplicates(
        tmp_path, field, hq, hq_key, helpers):
    public, identity = hq_key
    seal(field, public, tmp_path / "b.age")
    first = open_bundle(hq, tmp_path / "b.age", identity)
    hq.meta.set(META_OPENED, {})  # as if HQ crashed before recording the bundle
    second = open_bundle(hq, tmp_path / "b.age", identity)
    assert second.added == [] and sorted(second.duplicates) == sorted(first.added)
    assert hq.count()["testimonies"] == 4 and hq.count()["persons"] == 3


def test_a_damaged_bundle_is_refused_and_nothing_is_imported(tmp_path, field, hq, hq_key):
    public, identity = hq_key
    seal(field, public, tmp_path / "b.age")
    data = bytearray((tmp_path / "b.age").read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "bad.age").write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase, match="bad.age"):
        open_bundle(hq, tmp_path / "bad.age", identity)
    (tmp_path / "junk.age").write_bytes(b"PK\x03\x04 not age at all")
    with pytest.raises(InvalidInput, match="junk.age"):
        open_bundle(hq, tmp_path / "junk.age", identity)
    assert hq.count()["testimonies"] == 0


@pytest.mark.parametrize("change", ["text", "consent", "count"])
def test_a_bundle_whose_content_disagrees_with_its_manifest_is_refused(
        tmp_path, field, hq, hq_key, change):
    """A re-encrypted, edited payload: age alone would accept it, the manifest does not."""
    public, identity = hq_key
    seal(field, public, tmp_path / "b.age")
    payload = read_bundle((tmp_path / "b.age").read_bytes(), identity, "b.age")
    item = payload["testimonies"][1]
    if change == "text":
        item["testimony"]["text"] += " (edited)"
    elif change == "consent":
        item["consent"].append({"scope": "legal_proceedings", "granted_on": "2024-05-01",
                                "withdrawn_on": None})
    else:
        payload["testimonies"].pop()
    (tmp_path / "forged.age").write_bytes(pyrage.encrypt(canonical(payload),
                                                         [x25519.Recipient.from_str(public)]))
    with pytest.raises(StoreCorrupt, match="forged.age"):
        open_bundle(hq, tmp_path / "forged.age", identity)
    assert hq.count()["testimonies"] == 0


def test_wrong_hq_key_is_refused(tmp_path, field, hq, hq_key):
    public, _ = hq_key
    seal(field, public, tmp_path / "b.age")
    with pytest.raises(WrongPassphrase):
        open_bundle(hq, tmp_path / "b.age", x25519.Identity.generate())
    with pytest.raises(InvalidInput):
        seal(field, "age1notakey", tmp_path / "c.age")


@pytest.mark.slow
def test_the_hq_private_key_file_is_passphrase_protected(tmp_path):
    path = tmp_path / "hq-key.age"
    public = generate_hq_key(path, "hq key passphrase")
    assert (tmp_path / "hq-key.age.pub").read_text().strip() == public
    assert b"AGE-SECRET-KEY" not in path.read_bytes()  # no secret key in clear
    assert str(load_hq_identity(path, "hq key passphrase").to_public()) == public
    with pytest.raises(WrongPassphrase):
        load_hq_identity(path, "not the passphrase")


def test_what_was_sealed_is_not_sealed_twice(tmp_path, field, hq, hq_key):
    public, identity = hq_key
    first = seal(field, public, tmp_path / "b1.age", keep_local=True)
    assert first.removed == 0 and field.count()["testimonies"] == 4
    with pytest.raises(NotFound, match="sealed before"):
        seal(field, public, tmp_path / "b2.age")
    field.testimonies.add(Testimony("A new account: crossed at Namyang in 2010."), Person("N"))
    second = seal(field, public, tmp_path / "b2.age")
    assert len(second.sealed) == 1 and len(second.already_sealed) == 4
    open_bundle(hq, tmp_path / "b1.age", identity)
    open_bundle(hq, tmp_path / "b2.age", identity)
    assert hq.count()["testimonies"] == 5


def test_a_crash_between_writing_and_deleting_loses_nothing(
        tmp_path, field, hq, hq_key, monkeypatch):
    public, identity = hq_key

    def crash(*_a, **_k):
        raise KeyboardInterrupt  # the process dies after the bundle is on disk

    monkeypatch.setattr(field.testimonies, "delete", crash)
    with pytest.raises(KeyboardInterrupt):
        seal(field, public, tmp_path / "b1.age")
    monkeypatch.undo()
    assert (tmp_path / "b1.age").exists() and field.count()["testimonies"] == 4
    assert not list(tmp_path.glob(".*partial"))
    seal(field, public, tmp_path / "b2.age")  # sealed again, into a second bundle
    assert open_bundle(hq, tmp_path / "b1.age", identity).added
    assert open_bundle(hq, tmp_path / "b2.age", identity).added == []
    assert hq.count()["testimonies"] == 4


def test_manifest_lists_every_item_by_hash(field):
    from casebook.field.bundle import _item

    items = [_item(field, s.id) for s in field.testimonies.all()]
    manifest = manifest_of(items)
    assert manifest["count"] == 4
    assert len({e["sha256_item"] for e in manifest["items"]}) == 4
    assert json.loads(canonical(manifest))["count"] == 4


def test_sealing_also_removes_rows_that_point_at_a_testimony(tmp_path, field, hq_key):
    """Per-user restrictions from the web app must not block (or survive) a seal."""
    import datetime as dt

    from sqlalchemy import func, insert, select

    from casebook.store.schema import organisations, testimony_restrictions, users

    now = dt.datetime.now(dt.UTC)
    with field.engine.begin() as conn:
        org = conn.execute(insert(organisations).values(code="Hanul", name="Hanul",
                                                        created_at=now)).inserted_primary_key[0]
        uid = conn.execute(insert(users).values(
            username="mina", organisation_id=org, role="documenter", password_hash="x",
            can_read_narratives=False, active=True, failed_logins=0,
            created_at=now)).inserted_primary_key[0]
        conn.execute(insert(testimony_restrictions).values(
            testimony_id=1, user_id=uid, created_at=now, created_by="admin"))
    seal(field, hq_key[0], tmp_path / "b.age")
    with field.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(testimony_restrictions)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(users)).scalar() == 1
