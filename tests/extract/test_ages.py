"""Her age told in words, and the birth year it gives with a dated moment (own sentences)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile
from casebook.extract.dates import find_dates


@pytest.mark.parametrize(("sentence", "age"), [
    ("I was twenty at the time.", 20),
    ("I was twenty years old at the time.", 20),
    ("I was twenty-one years old.", 21),
    ("I was twenty one when I crossed.", 21),
    ("She was nineteen years old when she was sold.", 19),
])
def test_an_age_in_words_is_an_age(sentence, age):
    # a number word followed by any word ("twenty years", "twenty at") was read as one number
    assert [d.age for d in find_dates(sentence) if d.kind == "age"] == [age]


def test_an_age_at_the_time_of_a_dated_crossing_gives_her_birth_year():
    text = "Case 5. Mrs. Lee.\n\nI crossed the river in 1998. I was twenty at the time."
    assert profile(extract(text))["birth_year"] == 1978


@pytest.mark.parametrize(("text", "born"), [
    ("Case 5. Mrs. Lee, interviewed in Yanji in 2005.\n\nI am 34 years old now. I crossed the "
     "Tumen in 1999.", 1971),
    ("구술자: 박○○ (가명) / 면담: 2006년 연길\n\n저는 올해 36살이에요. 1999년에 두만강을 "
     "건넜어요.", 1970),
    ("Case 5. Mrs. Lee.\n\nI am 34 years old now. I crossed the Tumen in 1999.", None),  # undated
    ("Case 5. Mrs. Lee, interviewed in Yanji in 2005.\n\nI am five months pregnant.", None),
])
def test_her_age_now_and_the_interview_year_give_her_birth_year(text, born):
    assert profile(extract(text))["birth_year"] == born


@pytest.mark.parametrize(("text", "crossed", "sold"), [
    ("2002년 중국으로 건너간 뒤 이듬해 3천 위안에 팔려갔다.", 2002, 2003),
    ("2002년 중국으로 건너가 2년 뒤 한족 남성에게 5천 위안에 팔렸다.", 2002, 2004),
])
def test_a_korean_sentence_dates_each_event_by_the_year_told_before_it(text, crossed, sold):
    p = profile(extract("구술자: 김○○ (가명)\n\n" + text))
    assert p["first_crossing_year"] == crossed and p["sales"][0]["year"] == sold
