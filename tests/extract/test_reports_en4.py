"""English reports, session 4 of issue 11: general ways reporters and survivors tell a resale, a
forced return, a beating, a detention and her age. Fixtures are our own fiction."""

from __future__ import annotations

from casebook.extract import extract, profile
from casebook.extract.dates import find_dates


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


def test_sold_and_resold_in_one_sentence_is_two_sales():
    p = prof("I crossed the Tumen in 2003. I was sold to a lame farmer for 3,000 yuan at a "
             "market in Helong and resold to another man the next winter.")
    assert p["times_sold"] == 2
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(3000, "RMB")]


def test_one_sale_told_once_stays_one():
    p = prof("I crossed the Tumen in 2003. I was sold to a lame farmer for 3,000 yuan at a "
             "market in Helong.")
    assert p["times_sold"] == 1


def test_a_return_told_with_a_verb_of_force_is_a_return():
    p = prof("Choe Sun-hwa crossed the Yalu in 2005. She was sold to a farmer in Jilin and had a "
             "daughter before being dragged back to North Korea in 2009.")
    assert p["repatriated"] == 1
    assert "abducted" not in p["recruitment"]


def test_someone_else_dragged_back_is_not_her_return():
    p = prof("Choe Sun-hwa crossed the Yalu in 2005. Her brother was arrested in Yanji and taken "
             "back to North Korea in 2009.")
    assert not p["repatriated"]


def test_flogged_and_battered_are_beatings():
    p = prof("I crossed in 2001 and was sold in Yanji. After I was sent back I was put in a "
             "detention camp in Onsong and flogged. The guards battered me for days.")
    assert "beating" in p["violence"]
    assert p["nk_detention"] == ["holding_centre"]


def test_held_in_a_flat_is_confinement_but_a_prison_is_not():
    p = prof("Han Ok-ju crossed the Tumen in 2012. She was sold to a chat-site owner and was held "
             "in a flat in Yanji for three years.")
    assert "confinement" in p["violence"]


def test_age_at_years_old_with_a_dated_crossing_gives_her_birth_year():
    p = prof("When Ri Geum-hui crossed the Tumen in March 2004, she hoped to find work. "
             "At 19 years old, she was sold to a farmer a week later.")
    assert p["birth_year"] == 1985


def test_at_a_number_is_an_age_only_with_years_old_or_her_at_the_start():
    assert [d.age for d in find_dates("At 19, she was sold.")] == [19]
    assert [d.age for d in find_dates("We met at 10, she said.")] == []


def test_name_who_was_born_in_a_year_is_her_birth_year():
    p = prof("Ri Geum-hui, who was born in Musan in 1979 and reached Seoul in 2010, spoke on "
             "Monday. Her mother, who was born in 1950, stayed behind.")
    assert p["birth_year"] == 1979


def test_other_romanisations_of_the_rivers():
    p = prof("I crossed the Tomen River in May 1999 and was sold in Yanji.")
    assert p["crossing_river"] == "Tumen"
    p = prof("I crossed the Amrok River in 2003.")
    assert p["crossing_river"] == "Yalu"


def test_a_sedative_in_the_food_is_drugging():
    p = prof("A man in Hyesan invited me to eat with him. There was a sedative in the food, and I "
             "woke up in a room in China. I was sold to a farmer for 5,000 yuan.")
    assert "drugging" in p["violence"]


def test_children_had_before_the_return_of_the_same_sentence_were_born_in_china():
    p = prof("Choe Sun-hwa crossed the Yalu in 2005. There, she was sold to a farmer and had two "
             "sons before being dragged back to North Korea in 2011.")
    assert p["children_in_china"] == 2
    assert p["repatriated"] == 1


def test_children_after_the_return_are_not_counted_in_china():
    p = prof("Choe Sun-hwa crossed the Yalu in 2005. She was sent back to North Korea in 2011 "
             "and later had two sons there.")
    assert not p["children_in_china"]


def test_a_relatives_quoted_words_are_not_hers():
    p = prof("Ahn Mi-ok was sold to a farmer in Jilin in 2004. Her brother also went to China. "
             "\u201cThe guards beat me every night,\u201d her brother said.")
    assert "beating" not in p["violence"]
    p = prof("Ahn Mi-ok was sold to a farmer in Jilin in 2004. "
             "\u201cThe farmer beat me every night,\u201d she said.")
    assert "beating" in p["violence"]


def test_back_in_north_korea_and_punished_is_a_return():
    p = prof("I crossed the Tumen in 2002 and was sold to a farmer. Back in North Korea, I was "
             "charged with leaving the country and sent to a jail for a year.")
    assert p["repatriated"] == 1
    assert p["nk_detention"] == ["other"]


def test_a_memory_of_home_is_no_return():
    p = prof("I crossed the Tumen in 2002 and was sold to a farmer. Back in North Korea, my father "
             "had worked in a prison.")
    assert not p["repatriated"]


def test_a_bare_prison_is_an_unnamed_facility_not_a_kyohwaso():
    p = prof("I crossed the Tumen in 2002. I was arrested by two officers in Yanji and deported. "
             "After that I spent two years in a prison.")
    assert p["nk_detention"] == ["other"]
    p = prof("I crossed the Tumen in 2002. I was arrested by two officers in Yanji and deported. "
             "After that I spent two years in a kyohwaso.")
    assert p["nk_detention"] == ["kyohwaso"]


def test_a_fear_without_that_is_no_threat_but_a_threat_stays():
    p = prof("Kim was sold to a farmer in 2005. She said the steady fear officers would send her "
             "back home made her run.")
    assert "threat_of_denunciation" not in p["violence"]
    p = prof("Kim was sold to a farmer in 2005. I was afraid because he said he would report me "
             "to the police if I ran.")
    assert "threat_of_denunciation" in p["violence"]
