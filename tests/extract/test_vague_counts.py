"""A vague count of her sales is no count (the contract's null), wherever it stands (own
sentences)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile


@pytest.mark.parametrize(("story", "times"), [
    ("I was bought and sold many times.", None),
    ("I was bought and sold like an animal many times.", None),
    ("I was sold like cattle several times.", None),
    ("I was sold twice.", 2),
    ("I was sold to a farmer and then bought my own freedom many times over.", 1),
])
def test_a_vague_count_a_few_words_on_makes_the_count_unknown(story, times):
    text = "Case 1. Mrs. Kim.\n\nI crossed the Tumen in 2001. " + story
    assert profile(extract(text))["times_sold"] == times
