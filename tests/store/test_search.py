"""Full-text search on SQLCipher (FTS5) and PostgreSQL (pg_trgm): terms, phrases, Korean words,
special characters, order, limits and the snippets that mark what was found."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput
from casebook.model import Person, Testimony
from casebook.store.search import snippet
from casebook.vocab.other_names import terms_of

TEXTS = [
    "The broker took me from Hyesan to Changbai in 1998. I paid 100% of what I had.",
    "브로커가 저를 연길로 데려갔어요. 거기서 3000위안에 팔렸어요.",
    "In Yanji the broker_name was Jang; he sold me to a farmer near Longjing.",
    "회령에서 강을 건넜고 공안에 잡혀서 북송되었어요. 집결소에서 석 달 있었어요.",
    "My sister stayed in Musan. The broker said \"good job in China\" and lied.",
]


@pytest.fixture
def indexed(book):
    ids = []
    for n, text in enumerate(TEXTS):
        tid, _ = book.testimonies.add(Testimony(text, language="ko" if "요" in text else "en"),
                                    Person(f"P{n}"))
        ids.append(tid)
    return book, ids


def _ids(book, query, **kw):
    return [h.testimony_id for h in book.testimonies.search(query, **kw)]


def test_terms_keep_quoted_phrases_whole():
    assert terms_of('broker "sold me" 연길') == ["broker", "sold me", "연길"]
    assert terms_of('  "  spaced  "  x ') == ["spaced", "x"]
    with pytest.raises(InvalidInput, match="empty"):
        terms_of("   ")


def test_snippet_marks_every_term_and_cuts_around_the_first():
    body = "x" * 200 + " the broker sold me in Yanji " + "y" * 200
    s = snippet(body, ["Yanji", "broker"], radius=30)
    assert s.startswith("…") and s.endswith("…")
    assert "⟦broker⟧" in s and "⟦Yanji⟧" in s
    assert snippet("short text", ["absent"]) == "short text"
    assert snippet("Broker BROKER broker", ["broker"]).count("⟦") == 3


def test_every_term_must_be_found_newest_first(indexed):
    """Each term is found under any of its names (broker/브로커, Yanji/연길: cross-language
    search), and every term must be found."""
    book, ids = indexed
    assert _ids(book, "broker") == [ids[4], ids[2], ids[1], ids[0]]
    assert _ids(book, "broker Yanji") == [ids[2], ids[1]]
    assert _ids(book, "broker Musan") == [ids[4]]
    assert _ids(book, "broker Pyongyang") == []
    assert _ids(book, "broker", limit=2) == [ids[4], ids[2]]


def test_korean_words_of_two_syllables_and_longer(indexed):
    book, ids = indexed
    assert _ids(book, "연길") == [ids[2], ids[1]]  # and the English text that says Yanji
    assert _ids(book, "공안") == [ids[3]]
    assert _ids(book, "집결소") == [ids[3]]
    assert _ids(book, "북송되었어요") == [ids[3]]
    assert _ids(book, "브로커") == [ids[4], ids[2], ids[1], ids[0]]
    assert _ids(book, '"브로커가"') == [ids[1]]  # a quoted word is searched as written


def test_phrases_match_in_order(indexed):
    book, ids = indexed
    assert _ids(book, '"sold me to a farmer"') == [ids[2]]
    assert _ids(book, '"farmer sold"') == []


def test_special_characters_are_words_not_syntax(indexed):
    book, ids = indexed
    assert _ids(book, "100%") == [ids[0]]  # not every testimony (a LIKE wildcard)
    assert _ids(book, "broker_name") == [ids[2]]
    assert _ids(book, '"good job in China"') == [ids[4]]
    for operator in ("AND", "NEAR(", "OR", "*", "^", "-broker"):  # FTS5 syntax, as plain words
        assert set(_ids(book, operator)) <= set(ids)
    assert _ids(book, "'); DROP TABLE testimonies; --") == []
    assert book.count()["testimonies"] == len(TEXTS)


def test_case_is_ignored(indexed):
    book, ids = indexed
    assert _ids(book, "YANJI") == _ids(book, "yanji") == [ids[2], ids[1]]


def test_allowed_ids_limit_the_hits(indexed):
    from casebook.store.search import search

    book, ids = indexed
    with book.engine.connect() as conn:
        assert [h.testimony_id for h in search(conn, "broker", allowed_ids={ids[0], ids[2]})] \
            == [ids[2], ids[0]]
        assert search(conn, "broker", allowed_ids=set()) == []


def test_hits_carry_a_marked_snippet_and_the_pseudonym(indexed):
    book, ids = indexed
    hit = book.testimonies.search("Longjing")[0]
    assert hit.testimony_id == ids[2] and hit.pseudonym == "P2"
    assert "⟦Longjing⟧" in hit.snippet


def test_each_search_is_audited_without_its_words(indexed):
    book, _ = indexed
    book.testimonies.search("Musan")
    entry = book.audit.entries(1)[0]
    assert entry["action"] == "search"
    assert "Musan" not in str(entry)


def test_deleted_testimonies_are_not_found(indexed):
    book, ids = indexed
    book.testimonies.delete([ids[2]])
    assert _ids(book, "Longjing") == []
    assert _ids(book, "broker") == [ids[4], ids[1], ids[0]]
