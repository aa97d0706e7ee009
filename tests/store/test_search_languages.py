"""Search across languages and spellings, on SQLCipher and PostgreSQL: a place or a vocabulary
term also finds its other names (연길 / Yanji / 延吉 / Yenji; 보위부 / bowibu / State Security)."""

from __future__ import annotations

import pytest

from casebook.model import Person, Testimony
from casebook.vocab.other_names import other_names, parse

TEXTS = {
    "ko_yanji": ("ko", "저는 연길에 있는 식당에서 일했어요. 보위부에서 조사를 받았어요."),
    "en_yanji": ("en", "I worked in a restaurant in Yanji for a year."),
    "zh_yanji": ("en", "The sign said 延吉 in Chinese letters."),
    "old_yanji": ("en", "An old map called the town Yenji."),
    "en_bowibu": ("en", "After my return the bowibu questioned me for a week."),
    "en_other": ("en", "I crossed the river near Hyesan and was sold in Shenyang."),
}


@pytest.fixture
def ids(book):
    out = {}
    for key, (lang, text) in TEXTS.items():
        tid, _ = book.testimonies.add(Testimony(text, lang, organisation="O"),
                                      Person(key, organisation="O"))
        out[key] = tid
    return out


def found(book, query: str) -> set[int]:
    return {h.testimony_id for h in book.testimonies.search(query, 50)}


def test_a_place_finds_every_spelling_in_both_languages(book, ids):
    yanji = {ids[k] for k in ("ko_yanji", "en_yanji", "zh_yanji", "old_yanji")}
    for query in ("연길", "Yanji", "延吉", "Yenji", "yanji"):
        assert found(book, query) == yanji, query


def test_a_vocabulary_term_finds_its_names_in_the_other_language(book, ids):
    assert found(book, "보위부") == {ids["ko_yanji"], ids["en_bowibu"]}
    assert found(book, "bowibu") == {ids["ko_yanji"], ids["en_bowibu"]}
    assert found(book, "State Security") == {ids["ko_yanji"], ids["en_bowibu"]}


def test_terms_still_all_have_to_match(book, ids):
    assert found(book, "연길 식당") == {ids["ko_yanji"]}  # 식당 has no other names
    assert found(book, "Yanji restaurant") == {ids["en_yanji"]}
    assert found(book, "Shenyang") == {ids["en_other"]}  # no stray matches


def test_snippets_mark_the_other_names(book, ids):
    hit = next(h for h in book.testimonies.search("연길", 50) if h.testimony_id == ids["en_yanji"])
    assert "⟦Yanji⟧" in hit.snippet


def test_the_scoped_search_expands_too(book, ids):
    book.users.add("r", "correct-horse-77", "O", "reviewer", create_organisation=True)
    user = book.as_user(book.users.by_name("r"))
    hits, _ = user.testimonies.search("Yanji")
    assert {h.testimony_id for h in hits} >= {ids["ko_yanji"], ids["zh_yanji"]}


def test_other_names_come_from_the_gazetteer_and_vocabularies():
    assert other_names("연길")[:3] == ["Yanji", "延吉", "Yenji"]
    assert {"bowibu", "보위성"} <= set(other_names("보위부"))
    assert other_names("sold") == []  # event types are searched with the event filter
    assert other_names("x") == [] and other_names("restaurant") == []
    assert all("(" not in n for n in other_names("보위부"))
    assert parse("State Security").groups[0][0] == "State Security"  # one known name
    assert parse('"sold me" Yanji').groups[1][:3] == ("Yanji", "연길", "延吉")
    assert parse("연길", expand=False).also() == []


def test_a_name_inside_a_longer_one_is_marked_once():
    from casebook.store.search import snippet

    marked = snippet("그 남자는 흑룡강성 농촌에 살았어요.", ["흑룡강성", "흑룡강", "Heilongjiang"])
    assert "⟦흑룡강성⟧" in marked and "⟦⟦" not in marked


def test_a_quoted_phrase_is_searched_as_written():
    assert parse('"sold me"').also() == []
    assert parse('"Yanji" 연길').groups == (("Yanji",), ("연길", *other_names("연길")))
