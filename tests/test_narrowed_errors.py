"""Where a blind ``except Exception`` used to be: the expected miss gives its fallback, and
anything else (a broken gazetteer or vocabulary) now surfaces instead of being swallowed."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput, WrongPassphrase


def test_linkage_province_of_known_unknown_and_a_province():
    from casebook.linkage.compare import default_province_of

    province_of = default_province_of()
    assert province_of("kp-hamgyong-bukdo-musan") == "kp-hamgyong-bukdo"
    assert province_of("Musan") == "kp-hamgyong-bukdo"
    assert province_of("kp-hamgyong-bukdo") == "kp-hamgyong-bukdo"
    assert province_of("zz-atlantis") is None


def test_vocabulary_labels_fall_back_to_the_code_only_for_an_unknown_code():
    from casebook.web.render import vocab_label

    assert vocab_label("event_type", "sale", "en") != "sale"
    assert vocab_label("event_type", "sale", "ko") != vocab_label("event_type", "sale", "en")
    assert vocab_label("event_type", "no_such_code", "ko") == "no_such_code"
    assert vocab_label("event_type", None) == ""
    with pytest.raises(InvalidInput, match="no_such_vocabulary"):
        vocab_label("no_such_vocabulary", "x", "en")


def test_statistics_category_labels():
    from casebook.publish import labels

    assert labels.category("pathway", "abducted", "en") != "abducted"
    assert labels.category("pathway", "abducted", "ko") != labels.category("pathway", "abducted",
                                                                         "en")
    assert labels.category("pathway", "brand_new_code", "en") == "brand new code"
    assert labels.category("arrests", "0", "ko") == "없음"


def test_place_labels_and_lookups_on_the_web():
    from casebook.web.mapping import stops
    from casebook.web.vocab import place_label

    assert place_label("zz-nowhere", "ko", "그 마을") == "그 마을"
    assert stops([(None, None, "escape")], "en")[0].place_id is None


def test_extraction_places_use_the_gazetteer_directly():
    from casebook.extract.places import china_province_of_place, place_id, places_in
    from casebook.vocab import gazetteer

    assert place_id("Yanji") == "cn-jilin-yanbian-yanji" and place_id("Atlantis") is None
    found = places_in("She crossed the Tumen near Musan and was taken to Yanji.")
    ids = [p.id for _, _, p in found]
    assert "kp-hamgyong-bukdo-musan" in ids and "cn-jilin-yanbian-yanji" in ids
    assert all(p.level not in ("country", "river") for _, _, p in found)
    assert china_province_of_place(gazetteer().place("cn-jilin-yanbian-yanji")) == "Jilin"
    assert china_province_of_place(gazetteer().place("kp-hamgyong-bukdo-musan")) is None


def test_a_broken_gazetteer_is_not_hidden_by_extraction(monkeypatch):
    import casebook.extract.places as places

    def broken():
        raise InvalidInput("vocab/data/gazetteer.toml: not valid TOML")

    monkeypatch.setattr(places, "gazetteer", broken)
    with pytest.raises(InvalidInput, match="gazetteer"):
        places.place_id("Yanji")


def test_age_errors_are_the_ones_pyrage_raises():
    from pyrage import x25519

    from casebook.files import decrypt, encrypt, recipient

    with pytest.raises(InvalidInput, match="--to"):
        recipient("age1-garbage", "--to")
    key = x25519.Identity.generate()
    other = x25519.Identity.generate()
    sealed = encrypt(b"data", recipients=[str(key.to_public())])
    with pytest.raises(WrongPassphrase, match="bundle.age"):
        decrypt(sealed, "bundle.age", identity=other)
    with pytest.raises(WrongPassphrase):
        decrypt(sealed[:-5], "bundle.age", identity=key)  # damaged


def test_the_os_user_name_falls_back_when_the_system_has_none(monkeypatch):
    from casebook.store import casebook as store_casebook

    monkeypatch.delenv("CASEBOOK_USER", raising=False)

    def no_user():
        raise KeyError("getpwuid(): uid not found: 12345")

    monkeypatch.setattr(store_casebook.getpass, "getuser", no_user)
    assert store_casebook.default_actor() == "unknown"
    monkeypatch.setenv("CASEBOOK_USER", "mina")
    assert store_casebook.default_actor() == "mina"
