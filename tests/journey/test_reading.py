"""How a fact reads: every event type in every mood, both languages; the mood is never lost."""

from __future__ import annotations

import pytest

from casebook.journey import field_label, read
from casebook.journey.reading import headline
from casebook.model import Amount, Event, Fact, Involvement, UncertainDate
from casebook.model.mood import (
    DENIED,
    FACT,
    FEARED,
    MOODS,
    PLANNED,
    UNCERTAIN,
    is_fact,
    mood_of,
    with_mood,
)
from casebook.vocab import load

TYPES = load("event_type").codes()


def test_mood_of_reads_the_new_key_the_legacy_key_and_fails_closed():
    assert mood_of(Event("sale")) == FACT
    assert mood_of(Event("sale", attributes={"mood": "planned"})) == PLANNED
    assert mood_of(Event("sale", attributes={"denied": True})) == DENIED
    assert mood_of(Event("sale", attributes={"denied": True, "foiled": True})) == PLANNED
    assert mood_of(Event("sale", attributes={"mood": "perhaps"})) == UNCERTAIN  # never a fact
    assert mood_of({"type": "sale", "attributes": {"mood": "feared"}}) == FEARED
    assert is_fact(Event("sale", attributes={"mood": "fact"}))
    written = with_mood({"price": 1}, FEARED)
    assert mood_of(Event("sale", attributes=written)) == FEARED and written["denied"] is True
    with pytest.raises(ValueError):
        with_mood({}, "maybe")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("event_type", TYPES)
@pytest.mark.parametrize("mood", [m for m in MOODS if m != FACT])
def test_a_fact_that_did_not_happen_never_reads_as_the_event(event_type, mood, lang):
    fact = read(Event(event_type), lang)
    other = read(Event(event_type, attributes={"mood": mood}), lang)
    assert fact.counted and not other.counted and other.mood == mood
    assert other.headline != fact.headline
    assert fact.headline != other.text()  # the plain label is never all it says
    legacy = read(Event(event_type, attributes={"denied": True}), lang)
    assert legacy.headline == read(Event(event_type, attributes={"mood": DENIED}), lang).headline


def test_the_words_of_the_issue():
    arrest = Event("arrest_china", UncertainDate(2020, season="spring"),
                   attributes={"denied": True})
    assert read(arrest, "en").headline == "Never arrested in China (she says)"
    assert "체포된 적 없음" in read(arrest, "ko").headline
    assert read(arrest, "en").details() == []  # "never" has no date
    foiled = Event("sale", attributes={"denied": True, "foiled": True})
    assert headline(foiled, "en") == "Planned sale, foiled"


def test_details_are_separate_parts_with_labels_not_codes():
    sale = Event("sale", UncertainDate(2018, 8), place="cn-jilin-yanbian-yanji",
                 amount=Amount(30000, "RMB", 2018, 4500.0),
                 involvements=[Involvement("perpetrator", "buyer", who="조선족",
                                           group="korean_chinese"),
                               Involvement("perpetrator", "recruiter", who="my aunt",
                                           relation="relative")],
                 attributes={"purpose": "marriage"})
    en = read(sale, "en")
    assert en.text() == ("Sale · August 2018 · Yanji · 30,000 RMB (≈ $4,500) · Recruiter: Relative "
                         "“my aunt” · Buyer: Korean-Chinese (Joseonjok) · for marriage")
    ko = read(sale, "ko")
    assert ko.text().startswith("인신매매(팔림) · 2018년 8월 · 연길 · 30,000위안 (약 4,500달러)")
    assert "korean_chinese" not in en.text() + ko.text()
    assert [p.kind for p in en.parts] == ["when", "where", "amount", "who", "who", "detail"]


def test_person_attributes_read_as_labels():
    assert read(Fact("birth_year", 1985), "en").text() == "Year of birth · 1985"
    assert read(Fact("origin_nk", "혜산"), "en").text() == "From (North Korea) · Hyesan"
    assert read(Fact("origin_nk", "Hyesan"), "ko").text() == "북한 출신지 · 혜산"
    for code in ("surname", "birth_year", "origin_nk", "province_china", "hukou_or_id"):
        assert field_label(code, "en") != code and field_label(code, "ko") != code


def test_unknown_codes_are_shown_not_dropped():
    odd = Event("violence", attributes={"kind": "something_new"})
    assert "something_new" in read(odd, "en").text()


@pytest.mark.parametrize("date, en, ko", [
    (UncertainDate(2010, 1), "January 2010", "2010년 1월"),
    (UncertainDate(2010, 12, 3), "3 December 2010", "2010년 12월 3일"),
    (UncertainDate(2009, season="spring"), "spring 2009", "2009년 봄"),
    (UncertainDate(2006, end_year=2008), "2006–2008", "2006–2008년"),
    (UncertainDate(2005, approximate=True), "about 2005", "2005년경"),
])
def test_dates_read_as_precise_as_they_are_as_everywhere_else(date, en, ko):
    from casebook.journey.reading import when
    from casebook.web.i18n import date_label

    assert when(date, "en") == en and when(date, "ko") == ko
    assert date_label(date, "en") == en and date_label(date, "ko") == ko  # pages say the same
    assert when(None, "ko") == "" and when(UncertainDate(), "en") == ""  # unknown: said by none


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_reviewer_can_pick_every_mood_and_the_current_one_is_known(lang):
    from casebook.journey import mood_choices, mood_key

    keys = [k for k, _ in mood_choices(lang)]
    assert keys[0] == FACT and sorted(keys) == sorted([*MOODS, "foiled"])
    assert all(label.strip() for _, label in mood_choices(lang))
    assert mood_key(Event("sale", attributes={"denied": True, "foiled": True})) == "foiled"
    assert mood_key(Event("sale", attributes=with_mood({}, FEARED))) == FEARED
    assert mood_key(Event("sale")) == FACT
