import pytest

from casebook.linkage.names import alias_key, name_key, romanise, surname_key


@pytest.mark.parametrize("group", [
    ("Lee", "Yi", "Rhee", "Ri", "Rhie", "이", "리", "LEE ", "I"),
    ("Park", "Pak", "Bak", "박", "Bahk"),
    ("Choi", "Choe", "최", "Ch'oe", "Chwe"),
    ("Jung", "Jeong", "Chung", "Chŏng", "정"),
    ("Lim", "Im", "Rim", "임", "림"),
    ("Yoo", "Yu", "Ryu", "유", "류"),
    ("Noh", "Roh", "Ro", "노", "로"),
])
def test_surname_spellings_share_one_key(group):
    keys = {surname_key(s) for s in group}
    assert len(keys) == 1, keys


def test_different_surnames_keep_different_keys():
    keys = [surname_key(s) for s in ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Han")]
    assert len(set(keys)) == len(keys)


def test_unknown_and_empty_surnames():
    assert surname_key(None) is None and surname_key("  ") is None
    assert surname_key("Smith") == name_key("Smith") == "smidh"
    assert surname_key("김씨") == surname_key("Kim")


def test_romanise_both_systems():
    assert romanise("영희") == "yeonghui"
    assert romanise("영희", "mr") == "yŏnghŭi"
    assert romanise("김순옥") == "gimsunok"
    assert romanise("시", "mr") == "shi"
    assert romanise("Kim 영") == "Kim yeong"
    with pytest.raises(ValueError):
        romanise("영", "wade-giles")


@pytest.mark.parametrize("a,b", [
    ("Young-hee", "영희"), ("Yeong-hui", "Yŏng-hŭi"), ("Soon-ok", "순옥"),
    ("Kyung-ja", "Gyeong-ja"), ("Mi Ran", "미란"), ("Eun-hye", "Ŭnhye"),
])
def test_given_name_romanisations_meet(a, b):
    assert name_key(a) == name_key(b)


def test_given_names_that_differ_stay_apart():
    assert name_key("Young-hee") != name_key("Mi-ran")
    assert name_key("Sun-ok") != name_key("Sun-hee")


@pytest.mark.parametrize("alias", ["Mr. Jang", "Jang sajang", "boss Chang", "장 사장", "장씨"])
def test_broker_aliases_reduce_to_the_surname(alias):
    assert alias_key(alias) == "s:jang"


def test_alias_nickname_and_empty():
    assert alias_key("the tall one") == name_key("tall one")
    assert alias_key("Mr.") is None and alias_key("") is None
