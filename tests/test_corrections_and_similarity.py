"""A reviewer's typed corrections, and the string similarity place linkage rests on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.corrections import context, parse_edit
from casebook.errors import InvalidInput
from casebook.linkage.place_mentions import jaro_winkler, place_key, probability
from casebook.model import Amount, Event, Evidence, Fact, UncertainDate


def _sale():
    return Event("sale", UncertainDate(1998, month=2), place="cn-yanji", place_text="Yanji",
                 amount=Amount(3000, "RMB", 1998))


def test_a_currency_change_recomputes_dollars_from_the_rate_table():
    changes = parse_edit(_sale(), "currency=usd")
    assert changes["amount"]["currency"] == "USD" and changes["amount"]["usd"] == 3000
    rmb = parse_edit(_sale(), "amount=8000")
    assert rmb["amount"]["value"] == 8000 and rmb["amount"]["usd"] is not None
    assert 0 < rmb["amount"]["usd"] < 8000


def test_an_unknown_currency_leaves_dollars_unknown_not_guessed():
    changes = parse_edit(_sale(), "currency=xyz")
    assert changes["amount"]["currency"] == "XYZ" and changes["amount"]["usd"] is None


def test_a_currency_without_an_amount_is_kept_without_dollars():
    changes = parse_edit(Event("sale"), "currency=KPW")
    assert changes["amount"] == {"currency": "KPW", "usd": None, "year": None}


def test_place_edit_looks_the_place_up_in_the_gazetteer():
    changes = parse_edit(_sale(), "place=Helong")
    assert changes["place_text"] == "Helong" and changes["place"].endswith("helong")
    unknown = parse_edit(_sale(), 'place="Sinhung village"')
    assert unknown["place_text"] == "Sinhung village" and unknown["place"] is None


def test_dates_seasons_notes_and_type():
    changes = parse_edit(_sale(), 'day=14 season=winter notes="asked twice" type=forced_marriage')
    assert changes["date"]["day"] == 14 and changes["date"]["month"] == 2
    assert changes["date"]["season"] == "winter" and changes["notes"] == "asked twice"
    assert changes["type"] == "forced_marriage"
    assert parse_edit(Event("escape"), "year=2004")["date"] == {"year": 2004}


def test_person_attributes_take_text_or_numbers():
    assert parse_edit(Fact("surname", "Kim"), "value=Ri") == {"value": "Ri"}
    assert parse_edit(Fact("birth_year", 1978), "value=-5") == {"value": -5}
    assert parse_edit(Fact("origin_nk", "Musan"), 'value="Hoeryong city"') == {
        "value": "Hoeryong city"}


@pytest.mark.parametrize("line,message", [
    ("", "key=value"), ('notes="unclosed', "edit"), ("year=199x", "year"),
    ("amount=", "amount"), ("colour=red", "unknown key"), ("year", "key=value"),
])
def test_bad_corrections_say_what_to_write(line, message):
    with pytest.raises(InvalidInput, match=message):
        parse_edit(_sale(), line)


def test_context_shows_the_words_and_what_surrounds_them():
    text = "Before. " * 20 + "THE WORDS" + " After." * 20
    start = text.index("THE WORDS")
    before, words, after = context(text, Evidence(start, start + 9), width=15)
    assert words == "THE WORDS" and len(before) <= 16 and len(after) <= 16
    assert before.strip().endswith("Before.") and after.strip().startswith("After.")
    assert context(text, None)[1] == ""


@pytest.mark.parametrize("a,b,expected", [
    ("martha", "marhta", 0.961), ("dwayne", "duane", 0.84), ("dixon", "dicksonx", 0.813),
])
def test_jaro_winkler_known_values(a, b, expected):
    assert jaro_winkler(a, b) == pytest.approx(expected, abs=0.001)


WORDS = st.text(alphabet="abcdeghijklmnoprstuwy", max_size=12)


@given(WORDS, WORDS)
def test_jaro_winkler_is_a_bounded_symmetric_similarity(a, b):
    s = jaro_winkler(a, b)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(jaro_winkler(b, a))
    assert (s == 1.0) == (a == b and a != "") or (a == b == "" and s == 0.0)


def test_probability_rises_with_similarity():
    values = [probability(s / 20) for s in range(21)]
    assert values == sorted(values) and values[-1] == 1.0 and values[0] < 0.01


@pytest.mark.parametrize("a,b", [("Hoeryong", "Hoeryŏng"), ("Hoeryong", "HOERYONG"),
                                 ("Hoeryong City", "Hoeryong")])
def test_place_keys_fold_spelling_and_suffixes(a, b):
    assert place_key(a) == place_key(b)
    assert place_key(None) == "" and place_key("") == ""
