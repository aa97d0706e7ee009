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
