"""Where she lives now beats the last province the story placed her in (own sentences)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile


@pytest.mark.parametrize(("story", "province"), [
    ("I was sold to a man in Liaoning. Now I live in Qingdao.", "Shandong"),
    ("I was sold to a man in Liaoning, but now I live in Qingdao.", "Shandong"),
    ("I was sold to a man in Liaoning.", "Liaoning"),  # no word of where she lives now
    ("Now I live near Harbin.", "Heilongjiang"),
])
def test_where_she_lives_now(story, province):
    assert profile(extract("Case 1. Mrs. Kim.\n\n" + story))["province_china"] == province


@pytest.mark.parametrize(("town", "province"), [
    ("Suihua", "Heilongjiang"), ("Hegang", "Heilongjiang"), ("Ning'an", "Heilongjiang"),
    ("Tieling", "Liaoning"), ("Benxi", "Liaoning"), ("Kaishantun", "Jilin")])
def test_towns_of_the_northeast_give_their_province(town, province):
    assert profile(extract(f"Case 1. Mrs. Kim.\n\nNow I live in {town}."))[
        "province_china"] == province
