"""English extraction rules, one small testimony each (sentences written for these tests)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


HEADER = "Case 3 Ms. Yun in Jilin Province, born in 1980\n\n"


# --- arrests and repatriations counted as events -------------------------------------------

def test_arrested_twice_counts_two():
    p = prof(HEADER
             + "I crossed the Tumen in 2001. I was arrested twice by the Chinese police, in 2003 "
               "and in 2005.")
    assert p["arrested_in_china"] == 2


def test_taken_to_police_station_is_an_arrest():
    p = prof(HEADER + "I crossed the river in 2001. In 2004 the police stopped the bus. "
                      "They took me to the police station and kept me there for a week.")
    assert p["arrested_in_china"] == 1


def test_handed_over_at_a_border_town_is_a_repatriation():
    p = prof(HEADER + "I crossed the Tumen in 2001. I was arrested in 2004. "
                      "After ten days they handed me over at Namyang.")
    assert p["repatriated"] == 1


def test_repatriated_again_counts_a_second_return():
    p = prof(HEADER
             + "I crossed the river in 1999. I was caught by the police in 2000 and sent back to "
               "North Korea. "
                      "After my release I crossed again. I was caught again in 2002 and "
                      "repatriated again.")
    assert p["repatriated"] == 2
    assert p["arrested_in_china"] == 2


def test_interview_answer_gives_the_count():
    text = (HEADER + "I crossed the Tumen in 2001.\n\nQ: Were you ever arrested?\n"
            "A: Three times. Each time I paid.")
    assert prof(text)["arrested_in_china"] == 3


def test_never_sent_back_is_zero():
    p = prof(HEADER
             + "I crossed the Tumen in 2001. I was never arrested and I was never sent back.")
    assert p["arrested_in_china"] == 0 and p["repatriated"] == 0


# --- detention in North Korea -------------------------------------------------------------

def test_detention_words_and_romanisations():
    p = prof(HEADER
             + "I crossed the river in 1998. In 2000 I was arrested in Yanji and sent back to "
               "North Korea. "
                      "The bowiseong questioned me for a month. Then I spent three months in the "
                      "chipkyolso "
                      "and half a year in the nodong dallyeondae.")
    assert set(p["nk_detention"]) == {"state_security_interrogation", "holding_centre",
                                      "labour_training_camp"}


def test_facility_implies_repatriation_when_the_story_skips_it():
    p = prof(HEADER + "I crossed the Tumen in 1999 and lived with a farmer. "
                      "In 2003 the state security agency in Onsong interrogated me for two weeks.")
    assert p["repatriated"] == 1
    assert p["nk_detention"] == ["state_security_interrogation"]


def test_chinese_detention_centre_before_handover_is_not_north_korean():
    p = prof(HEADER
             + "I crossed the Tumen in 1999. In 2004 I was arrested. I was in a detention centre "
               "in Tumen "
                      "for a month and then they handed me over at Namyang.")
    assert p["nk_detention"] == []
    assert p["repatriated"] == 1


def test_detention_before_leaving_is_not_counted():
    p = prof(HEADER
             + "My father was sent to a kwalliso when I was ten. I crossed the Tumen in 1999.")
    assert p["nk_detention"] == []


@pytest.mark.parametrize("after", [
    "After two months in a holding centre in Onsong, I crossed again.",
    "After I was released from the labour training camp, I crossed the river again.",
    "Once out of the jipkyulso I went back over the Tumen.",
])
def test_facility_named_before_crossing_again_is_hers_and_no_second_return(after):
    p = prof(HEADER + "I crossed the Tumen in 1998. In 2002 the Chinese police caught me and "
                      "sent me back. " + after)
    assert len(p["nk_detention"]) == 1 and p["nk_detention"][0] != "other"
    assert p["repatriated"] == 1


@pytest.mark.parametrize("told, returns", [
    ("In 2002 the Chinese police caught me and sent me back.", 1),
    ("In 2002 the police arrested me in Yanji and later sent me back.", 1),
    ("In 2002 the police caught my sister and sent her back.", None),
    ("In 2002 the police caught me and sent me back to the farm to get my papers.", None),
])
def test_police_who_caught_her_and_sent_her_back(told, returns):
    p = prof(HEADER + "I crossed the Tumen in 1998. " + told)
    assert p["repatriated"] == returns


# --- recruitment and recruiters ------------------------------------------------------------

def test_north_korean_recruiter_and_korean_chinese_couple():
    p = prof(HEADER
             + "In 2000 a North Korean man told my mother he could take me to work in a shoe "
               "factory. "
                      "We waded across the Tumen at night. He handed me over to a Korean-Chinese "
                      "couple. "
                      "A farmer bought me for 4,000 yuan.")
    assert {"north_korean_trafficker", "korean_chinese_broker",
            "couple"} <= set(p["recruiter_relation"])
    assert "deception_job_offer" in p["recruitment"]


def test_abducted_by_men_is_stranger():
    p = prof(HEADER
             + "I crossed the river alone in 2005. Two men pulled me into a car near the market. "
                      "They sold me to a brothel for 9,000 yuan.")
    assert "abducted" in p["recruitment"]
    assert "stranger" in p["recruiter_relation"]


def test_broker_without_ethnicity_is_other():
    p = prof(HEADER + "In 2006 a broker promised me a job in a restaurant in Yanji. "
                      "I crossed the Tumen with him. The broker sold me to an old farmer for 5,000 "
                      "yuan.")
    assert "other" in p["recruiter_relation"]


def test_sold_by_acquaintance_needs_the_acquaintance_to_take_money():
    told = prof(HEADER
                + "My cousin took me across the Tumen in 2002. My cousin sold me to a man for "
                  "3,000 yuan.")
    assert "sold_by_acquaintance" in told["recruitment"]
    only_met = prof(HEADER
                    + "My cousin took me across the Tumen in 2002. Later a broker sold me for "
                      "3,000 yuan.")
    assert "sold_by_acquaintance" not in only_met["recruitment"]


# --- sales counted once --------------------------------------------------------------------

def test_her_own_count_wins_over_told_sales():
    p = prof(HEADER + "I crossed the Tumen in 2000. A broker sold me to a farmer for 3,000 yuan. "
                      "In 2003 the farmer sold me again. So I have been sold three times in all.")
    assert p["times_sold"] == 3


def test_summary_then_story_is_one_sale():
    p = prof(HEADER + "My own aunt sold me.\n\nIn 1999 my aunt took me over the Tumen. "
                      "A man came and gave my aunt 2,600 yuan.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [2600]


def test_price_retold_is_one_sale():
    p = prof(HEADER
             + "I crossed the river in 2001. The broker sold me for 4,000 yuan to a Han Chinese "
               "farmer. "
                      "I lived with him for years. He often said he paid 4,000 yuan for me.")
    assert p["times_sold"] == 1


# --- crossing told after a later sale (flashback) ----------------------------------------------

def test_flashback_crossing_is_the_first_crossing():
    p = prof(HEADER + "My husband paid 6,000 yuan for me in 2004. I should tell it from the start. "
                      "In March 2002 I waded across the Tumen with my neighbour.")
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2002, 3,
                                                                                          "Tumen")


def test_header_birth_year_is_not_the_story_date():
    p = prof(HEADER + "The man paid 6,000 yuan for me.")
    assert all(s["year"] != 1980 for s in p["sales"])


# --- crossing month and river told around the crossing ---------------------------------------

def test_month_without_year_takes_the_running_year():
    p = prof(HEADER + "It was 2003 and we were hungry. The broker came for me in August. "
                      "We went across the river at night.")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2003, 8)


def test_may_as_a_verb_is_not_a_month():
    from casebook.extract.dates import find_dates

    assert not [d for d in find_dates("In the end they may send me back.") if d.kind == "month"]


def test_river_named_in_the_sentence_before_the_crossing():
    p = prof(HEADER
             + "In 2010 a guard let us walk down to the Yalu. A small boat took me across to the "
               "Chinese bank.")
    assert p["crossing_river"] == "Yalu"


# --- children born in China -------------------------------------------------------------------

def test_her_son_mentioned_twice_is_one_child():
    p = prof(HEADER + "I crossed the Tumen in 1998. A farmer bought me. My son was born in 1999. "
                      "After my son was born they let me go out.")
    assert p["children_in_china"] == 1


def test_his_child_is_not_hers():
    p = prof(HEADER
             + "I crossed the Tumen in 1998. A farmer bought me. He had a daughter older than me.")
    assert p["children_in_china"] is None


def test_no_children_is_zero():
    p = prof(HEADER
             + "I crossed the Tumen in 1998. A farmer bought me. I did not get pregnant. I have no "
               "children.")
    assert p["children_in_china"] == 0


def test_son_and_daughter_with_years_between():
    p = prof(HEADER
             + "I crossed the Tumen in 1998. I have a son, born 2001, and a daughter, born 2004.")
    assert p["children_in_china"] == 2


def test_children_left_in_north_korea_are_not_counted():
    p = prof(HEADER
             + "I had two children and my husband was ill. In 1999 I crossed the Tumen alone.")
    assert p["children_in_china"] is None


def test_price_in_a_drawn_box_is_not_her_price():
    text = (HEADER + "I crossed the Tumen in 1998. My uncle sold me to a farmer for 3,000 yuan.\n\n"
            "   ┌──────────────────────────────┐\n   │  WHAT WIVES COST              │\n"
            "   │  Buyers paid 2,000 to 8,000 yuan. │\n   └──────────────────────────────┘\n\n"
            "I have lived in this village since then.")
    p = prof(text)
    assert [s["amount"] for s in p["sales"]] == [3000]
    assert p["times_sold"] == 1


def test_price_told_two_sentences_after_the_sale_is_the_same_sale():
    p = prof(HEADER + "I crossed the river in 2003. After a year the owner sold me to a customer. "
                      "He was a widower. I was sold to him for 15,000 yuan.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [15000]


def test_sold_several_of_us_includes_her():
    p = prof(HEADER
             + "I crossed the river in 2003. Then the pimp sold three of us to a bar in Harbin.")
    assert p["times_sold"] == 1


def test_police_came_and_they_took_me():
    p = prof(HEADER
             + "I crossed the Tumen in 2000. In 2002 the police came to our village because a "
               "neighbour "
                      "had reported another woman, and they took me as well.")
    assert p["arrested_in_china"] == 1


def test_all_of_us_were_arrested():
    p = prof(HEADER
             + "I crossed the Tumen in 2000. In 2005 the police raided the bar. All six of us were "
               "arrested.")
    assert p["arrested_in_china"] == 1


def test_never_arrested_and_never_sent_back():
    p = prof(HEADER
             + "I crossed the Tumen in 2000. I was never arrested in China, and never sent back.")
    assert (p["arrested_in_china"], p["repatriated"]) == (0, 0)


def test_held_in_a_chinese_detention_centre_is_an_arrest():
    p = prof(HEADER + "I crossed the Tumen in 2000. In 2006 a neighbour reported me. "
                      "I was in the Longjing detention centre for ten days and then they handed me "
                      "over to the North.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


def test_asking_to_travel_is_not_travelling():
    p = prof("I begged the officers to allow me to travel to Thailand. They arrested me that day.")
    assert p["arrested_in_china"] == 1


# --- places and money through the project gazetteer ----------------------------------------

def test_events_get_gazetteer_place_ids_and_usd():
    rec = extract(HEADER
                  + "In 2001 I crossed the Tumen near Musan. A broker sold me in Yanji for 4,000 "
                    "yuan.", lang="en")
    crossing = next(e for e in rec.events if e.type == "border_crossing")
    sale = next(e for e in rec.events if e.type == "sale")
    assert crossing.place and crossing.place.startswith("kp-") and crossing.place_text == "Musan"
    assert sale.place and sale.place.startswith("cn-") and sale.place_text == "Yanji"
    assert sale.amount.usd is not None and 300 < sale.amount.usd < 700


def test_province_from_the_town_she_lives_in():
    p = prof(
        "I crossed the Tumen in 1999 and a man bought me for 3,000 yuan. I now live in Helong with "
        "him.")
    assert p["province_china"] == "Jilin"


def test_living_in_seoul_is_not_a_chinese_province():
    p = prof("I crossed the Tumen in 1999 and a man bought me for 3,000 yuan. I now live in Seoul.")
    assert p["province_china"] is None


# --- third-person accounts with several women -----------------------------------------------

def test_other_womans_events_in_a_third_person_story_are_not_hers():
    text = ("Case 9 Ms. Pak in Heilongjiang Province, born in 1978\n\n"
            "Ms. Pak crossed the Tumen in 1999 together with Ms. Lee, a woman from her village. "
            "Ms. Lee was sold first. She was sold to a farmer for 5,000 yuan and she was arrested "
            "in 2001. "
            "She was sent back to North Korea. Ms. Pak was sold for 3,000 yuan to a Korean-Chinese "
            "man. "
            "She has lived with him since then and she has two sons.")
    p = prof(text)
    assert [s["amount"] for s in p["sales"]] == [3000]
    assert p["times_sold"] == 1
    assert p["arrested_in_china"] is None and p["repatriated"] is None
    assert p["children_in_china"] == 2


def test_her_friend_then_her_own_story_again():
    text = ("Case 4 Ms. Cho in Jilin Province, born in 1980\n\n"
            "Ms. Cho crossed the river in 2000. Her friend was caught by the police in 2002. "
            "She was repatriated. Ms. Cho was never arrested.")
    p = prof(text)
    assert p["repatriated"] is None and p["arrested_in_china"] == 0


def test_broker_who_bought_and_resold_her_is_two_sales():
    p = prof(HEADER + "In March 1998 a woman from my village told me I could earn money in China. "
                      "I crossed the Tumen River with her. There she sold me to a Korean-Chinese "
                      "broker. The broker took me north and sold me to a Han Chinese farmer "
                      "for 4,000 yuan.")
    assert p["times_sold"] == 2
    assert [(s["amount"], s["buyer"]) for s in p["sales"]] == [(4000, "han_chinese")]
    assert "sold_by_acquaintance" in p["recruitment"] and "deception_job_offer" in p["recruitment"]
    assert "neighbour_or_villager" in p["recruiter_relation"]
    assert "han_chinese_broker" not in p["recruiter_relation"] and "other" not in p[
        "recruiter_relation"]


def test_third_person_origin_and_her_own_missing_hukou():
    p = prof(
        "Case 21 Ms. Ahn in Jilin Province, born in 1968\n\nMs. Ahn is from Onsong. She crossed "
        "the Tumen in "
             "1997. She has no hukou, but her son was registered by the village.")
    assert p["origin_nk"] == "Onsong"
    assert p["hukou_or_id"] == "none"


# --- hukou ------------------------------------------------------------------------------------

def test_hukou_in_her_own_name_is_obtained_even_if_paid():
    p = prof(HEADER
             + "I crossed the Tumen in 1999. In 2008 my husband paid the township and they gave me "
                      "a hukou in my own name.")
    assert p["hukou_or_id"] == "obtained"


def test_papers_named_in_the_sentence_before():
    assert prof(HEADER
                + "I crossed the Tumen in 1999. Our son has a hukou. I have none.")[
                    "hukou_or_id"] == "none"
    assert prof(HEADER
                + "I crossed the Tumen in 1999. Our son has a hukou under his father's name. "
                         "I have a fake one from a man in the county.")["hukou_or_id"] == "fake"


def test_not_even_a_false_paper_is_none():
    p = prof(HEADER + "I crossed the Tumen in 1999. I had no hukou, not even a false paper.")
    assert p["hukou_or_id"] == "none"


def test_sold_as_a_wife_is_a_forced_marriage():
    p = prof(HEADER
             + "I crossed the Tumen in 2001. A broker sold me to a farmer who wanted a wife for "
               "5,000 yuan.")
    assert "forced_marriage" in p["exploitation"]


def test_sold_to_a_marriage_broker_is_not_a_marriage():
    p = prof(HEADER
             + "I crossed the Tumen in 2001. The police sold me to a marriage broker for 2,000 "
               "yuan.")
    assert "forced_marriage" not in p["exploitation"]


def test_onward_sale_after_a_priced_sale_is_new():
    p = prof(HEADER
             + "I crossed the Tumen in 2001. The guard sold me to a man for 5,000 yuan. He locked "
               "me up. "
                      "Then he sold me to a couple who ran a webcam business. I heard the price: "
                      "20,000 yuan.")
    assert sorted(s["amount"] for s in p["sales"]) == [5000, 20000]
    assert {s["amount"]: s["purpose"] for s in p["sales"]}[20000] == "other"


@pytest.mark.parametrize("offer", [
    "A woman from our street said her cousin needed workers for a shoe factory in Yanji.",
    "The man told me I could earn good money in a restaurant in China.",
    "She said she placed girls in a hotel in Dandong, 1,500 yuan a month.",
    "A broker offered me a job as a waitress.",
])
def test_job_offers(offer):
    p = prof(HEADER + offer
             + " I crossed the Tumen in 2004. In Yanji a man sold me to a farmer for 5,000 yuan.")
    assert "deception_job_offer" in p["recruitment"]


def test_being_told_to_work_off_a_debt_is_not_a_job_offer():
    p = prof(HEADER
             + "I crossed the Tumen alone in 2004. In Yanji a man sold me to a bar for 5,000 yuan. "
                      "The owner told me that he had paid for me and that I had to work until it "
                      "was repaid.")
    assert "deception_job_offer" not in p["recruitment"]


def test_recruiter_ethnicity_told_as_a_description():
    p = prof(HEADER
             + "In 2003 a woman came to the market and said there was work in a hotel in Yanji. "
                      "She was North Korean, from Musan. We crossed the Tumen at night. "
                      "In Yanji she sold me to a farmer for 6,000 yuan.")
    assert "north_korean_trafficker" in p["recruiter_relation"]


def test_buyer_described_after_the_crossing_is_not_a_recruiter():
    p = prof(HEADER
             + "My aunt took me across the Tumen in 2003. After a week a man came. He was Han "
               "Chinese. "
                      "He gave my aunt 3,000 yuan.")
    assert "han_chinese_broker" not in p["recruiter_relation"]


def test_hometown_sentence_and_visiting_recruiter():
    p = prof(HEADER
             + "My hometown is Hoeryong. In 1999 a Korean-Chinese woman who came to our village "
               "told us "
                      "we could earn money in China. I crossed the Tumen with her and she sold me "
                      "for 3,000 yuan.")
    assert p["origin_nk"] == "Hoeryong"
    assert p["recruiter_relation"] == ["korean_chinese_broker"]


def test_a_sister_sold_with_her_is_a_victim_not_a_recruiter():
    p = prof(HEADER
             + "In 1999 a broker said there was work in China. My sister and I crossed the Tumen "
               "with him. "
                      "He sold me to a farmer for 3,000 yuan. My sister was sold to another man.")
    assert "relative" not in p["recruiter_relation"]


def test_security_agents_and_her_missing_hukou():
    p = prof(HEADER
             + "I crossed the Tumen in 1999. In 2003 I was caught by the Chinese police and sent "
               "back. "
                      "In Onsong I was questioned by the security agents. My children have hukou "
                      "but I do not.")
    assert p["nk_detention"] == ["state_security_interrogation"]
    assert p["hukou_or_id"] == "none"


def test_count_word_must_belong_to_the_event():
    p = prof(HEADER
             + "I crossed the Tumen in 2000. I was arrested three times by the police. Twice my "
               "boss paid "
                      "a fine and I was released, but the third time I was sent back to North "
                      "Korea.")
    assert (p["arrested_in_china"], p["repatriated"]) == (3, 1)


def test_broker_who_sold_her_to_a_man_stays_a_recruiter():
    p = prof(HEADER
             + "I came to China in 2000 with a broker I paid. The broker took me to Yanji, where "
               "he sold me "
                      "to a Korean-Chinese man for 4,000 yuan.")
    assert p["recruiter_relation"] == ["other"]
    assert p["recruitment"] == ["voluntary_with_broker"]


def test_introduced_not_sold_third_person():
    text = ("Case 15 Ms. Kang in Jilin Province, born in 1964\n\n"
            "She came to China in 1997 to find food, crossing the Tumen near Musan. A "
            "Korean-Chinese family "
            "introduced her to a man near Helong. She was not sold, and her husband did not pay "
            "anyone. "
            "They have a son born in 1999.")
    p = prof(text)
    assert p["times_sold"] == 0 and p["sales"] == []
    assert "introduced_marriage" in p["recruitment"]
    assert "forced_marriage" not in p["exploitation"]
    assert p["children_in_china"] == 1


def test_broker_fee_paid_by_her_side_is_not_a_sale():
    p = prof(HEADER
             + "In 2000 a friend of mine knew a broker who could get us across the river. The "
               "broker was "
                      "paid 500 yuan by my friend's aunt. After we crossed, the broker sold me to "
                      "a man for 4,000 yuan.")
    assert [s["amount"] for s in p["sales"]] == [4000]
    assert p["times_sold"] == 1
    assert "voluntary_with_broker" in p["recruitment"] and "sold_by_acquaintance" not in p[
        "recruitment"]


def test_third_person_patterns_do_not_depend_on_the_name():
    from casebook.extract import rules

    rules.ruleset.cache_clear()
    for name in ("Bae", "Chun"):
        text = (f"Case 2 Ms. {name} in Jilin Province, born in 1970\n\n"
                f"Ms. {name} crossed the Tumen in 1998. A broker sold Ms. {name} to a farmer for "
                "3,000 yuan. "
                f"{name} was arrested in 2001 and sent back to North Korea.")
        p = prof(text)
        assert p["times_sold"] == 1 and p["arrested_in_china"] == 1 and p["repatriated"] == 1
    assert rules.ruleset.cache_info().currsize <= 3  # one compiled set per narration mode


@pytest.mark.parametrize("header,province", [
    ("Case 7: Ms. Kim (Heilongjiang Province, born 1975)", "Heilongjiang"),
    ("Case 7 Ms. Kim in Yanji, Jilin Province, born in 1975", "Jilin"),
    ("Case 7 Ms. Kim from Hoeryong, North Hamgyong Province, born in 1975", None),
    ("Case 3 Ms. Lee, interviewed in Seoul, born 1980", None),
])
def test_header_province_variants(header, province):
    assert prof(header + "\n\nI crossed the Tumen in 1999.")["province_china"] == province


def test_hukou_got_and_bought():
    assert prof(HEADER
                + "I crossed the Tumen in 1999. In 2006 I was able to get a hukou.")[
                    "hukou_or_id"] == "obtained"
    assert prof(HEADER
                + "I crossed the Tumen in 1999. I managed to buy a hukou.")["hukou_or_id"] == "fake"


def test_previously_interviewed_in_a_province_is_not_where_she_lives():
    p = prof(
        "Ms. Ra, born 1980, from Onsong. Previously interviewed in Liaoning in 2015 by another "
        "group.\n\n"
             "I crossed the Tumen in 1999. I now live in Seoul.")
    assert p["province_china"] is None


@pytest.mark.parametrize("sentence", [
    "He would not let me out of the house.",
    "They did not let me go to the market alone.",
    "For two years I was not allowed to go to the town.",
    "His mother hid my shoes so I could not walk away.",
    "I was shut in the house whenever he went out.",
])
def test_confinement_forms(sentence):
    p = prof(HEADER + "I crossed the Tumen in 1999. A farmer bought me for 3,000 yuan. " + sentence)
    assert "confinement" in p["violence"]


def test_let_me_go_home_is_not_confinement():
    p = prof(HEADER
             + "I crossed the Tumen in 1999. A farmer bought me for 3,000 yuan. In 2004 he let me "
               "go home.")
    assert "confinement" not in p["violence"]


def test_drink_then_blackout_is_drugging_and_brothel_sale_is_prostitution():
    p = prof(HEADER
             + "I crossed the Tumen alone in 2009. On the bus a woman gave me juice. I drank it "
               "and then "
                      "I don't remember anything. A man who ran a massage place bought me for "
                      "8,000 yuan.")
    assert "drugged" in p["recruitment"] and "drugging" in p["violence"]
    assert "prostitution" in p["exploitation"]


def test_trigger_scan_finds_stems_phrases_and_signs():
    from casebook.extract.english import kinds_in

    assert {"repatriation", "arrest"} <= kinds_in("she was repatriated after the arrest", "third")
    assert "payment" in kinds_in("he paid ¥5000")
    assert "escape" in kinds_in("i ran away at night")
    assert "sale" not in kinds_in("the weather was cold")


def test_a_relative_she_crossed_with_is_a_companion_not_a_recruiter():
    p = prof(
        "I crossed with my cousin, who was caught a month later. In 2004 I was sold to a farmer.")
    assert p["recruiter_relation"] == []
    assert "sold_by_acquaintance" not in p["recruitment"]
    p = prof("I went to China with my cousin, who sold me to a farmer for 4,000 yuan.")
    assert "relative" in p["recruiter_relation"]


def test_drugged_told_by_what_she_woke_to():
    p = prof("Everything went dark, and when I woke I was in a house near Tumen city. "
             "A farmer paid 6,000 yuan for me.")
    assert "drugged" in p["recruitment"]
    assert "voluntary_alone" not in p["recruitment"]
    assert p["sales"][0]["purpose"] == "marriage"  # a man who paid for her, no other purpose stated


def test_setting_off_for_china_is_her_crossing():
    p = prof(
        "My sister and I set off for China in the spring of 2001. A week later we were in Yanji.")
    assert p["first_crossing_year"] == 2001
    assert p["recruitment"] == ["voluntary_alone"]


def test_origin_as_written_and_childhood_town():
    assert prof("I was born in North Hamgyong Province Hoeryong City. I left in 2002.")[
        "origin_nk"] \
        == "North Hamgyong Province Hoeryong City"
    assert prof("I spent my childhood in Kanggye. I crossed in 2003.")["origin_nk"] == "Kanggye"


def test_an_interviewers_you_were_gives_her_age():
    text = ("In March 1999 I crossed the Tumen for the first time.\n\n"
            "You were 22 years old when you crossed?\n\nYes. I was alone.")
    assert prof(text)["birth_year"] == 1977


def test_a_return_told_after_her_arrival_in_the_south():
    p = prof("Ri Sun-hee reached South Korea in 2012 on her third attempt. The third time she was "
             "sent back "
             "to North Korea, she was pregnant. Ri said the guards beat her.")
    assert p["repatriated"] == 3


def test_a_woman_twice_repatriated():
    p = prof(
        "Ri Sun-hee spoke at the hearing as a mother twice repatriated to the North. Ri Sun-hee "
             "now lives in Seoul.")
    assert p["repatriated"] == 2


def test_sold_into_marriage_in_a_lead_before_the_crossing():
    p = prof("A young woman, Ri Sun-hee, says she was sold repeatedly into marriage in China. "
             "Ri Sun-hee crossed the Tumen in 2005 with her cousin.")
    assert p["times_sold"] is None  # "repeatedly": the count is unknown
    assert p["exploitation"] == ["forced_marriage"]


# --- NGO case notes: her left out as the subject ----------------------------------------------

CASE_NOTE = (
    "Ms. Yoo (pseudonym), born 1988 in Kilju. Left NK 2009 to look for work. Crossed the Tumen in "
             "May 2009 with a guide. Sold to a Han Chinese farmer in Jilin for 18,000 yuan. Two "
             "children born "
             "in China. Arrested by Chinese police in 2016 and repatriated. Held by the bowibu "
             "for a month.")


def test_a_case_note_reads_subjectless_lines_as_hers():
    p = prof(CASE_NOTE)
    assert (p["surname"], p["birth_year"], p["origin_nk"]) == ("Yoo", 1988, "Kilju")
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2009, 5,
                                                                                          "Tumen")
    assert p["times_sold"] == 1
    assert [(s["amount"], s["buyer"], s["purpose"]) for s in p["sales"]] == [(18000, "han_chinese",
                                                                              "marriage")]
    assert (p["children_in_china"], p["arrested_in_china"], p["repatriated"]) == (2, 1, 1)
    assert p["nk_detention"] == ["state_security_interrogation"]


def test_a_participle_opening_a_sentence_about_someone_else_stays_theirs():
    p = prof("Ms. Yoo crossed the river in 2009. Her sister was sold to a farmer. "
             "Asked about her own price, Ms. Yoo said she was never sold.")
    assert p["times_sold"] == 0
    assert prof("Published in 2010, the report says many women were sold.")["times_sold"] is None


def test_the_capital_standing_for_the_government_is_not_where_she_lives():
    p = prof("Ms. Ahn was sold to a farmer in 2005. Ahn says Beijing's policy keeps women like her "
             "in hiding. "
             "Ahn still lives on the farm.")
    assert p["province_china"] is None


def test_a_husband_after_the_sale_makes_it_a_marriage_sale():
    p = prof("Ms. Ahn, who had been sold in China by traffickers in 2006, was caught in 2013. "
             "Ahn said her Chinese husband beat her every week.")
    assert p["sales"] == [] and p["times_sold"] == 1
    assert "forced_marriage" in p["exploitation"]


def test_what_she_dreads_is_not_done_to_her():
    p = prof("Ms. Ahn was sold to a farmer in 2005. She lives with the fear that the police will "
             "arrest her "
             "and send her back to be beaten and tortured.")
    assert p["violence"] == []


def test_a_broker_she_trusted_and_a_flat_she_was_kept_in():
    p = prof("For three years Ms. Ahn had been imprisoned with other girls in a small flat in "
             "Yanji, after the "
             "broker she trusted to take her out of North Korea sold her to a webcam business. "
             "Ahn escaped in 2019.")
    assert "voluntary_with_broker" in p["recruitment"]
    assert "confinement" in p["violence"]
    assert p["exploitation"] == ["cybersex"]


def test_girls_in_general_are_not_her():
    p = prof("Ms. Ahn was sold to a farmer in 2005. Her story is shared by thousands of girls, "
             "some only twelve, "
             "who are forced to work in brothels. Ahn now lives in Seoul.")
    assert p["exploitation"] == ["forced_marriage"]


def test_a_sale_named_in_passing_is_the_one_told_and_its_seller_a_recruiter():
    p = prof("Ms. Ahn fled to China in 2001, only to be kidnapped and sold to a farmer. She ran "
             "away in 2004. "
             "She hid in Yanji for a year. Her money ran out. Years later she went back to the "
             "village she had "
             "been sold to. The villagers phoned the Korean-Chinese broker who had sold her. Her "
             "plan hit a "
             "dead end.")
    assert p["times_sold"] == 1
    assert sorted(p["recruitment"]) == ["abducted",
                                        "voluntary_alone"]  # the kidnapping came after she crossed
    assert "korean_chinese_broker" in p["recruiter_relation"]
    assert p["violence"] == []


def test_a_byline_name_and_a_stated_birth_year():
    text = ("Sold at Sixteen\n\nJi-won Hong\n\nBorn 1990\n\nI was born in 1990 in Kanggye. In "
            "2004, when I "
            "was twelve, my father lost his job. I remember the cold more than anything else.")
    p = prof(text)
    assert p["surname"] == "Hong"
    assert p["birth_year"] == 1990  # stated, not worked out from "in 2004, when I was twelve"


def test_taken_across_the_river_by_a_woman_she_met_is_her_crossing_not_a_return():
    p = prof("A woman I met at the bus station said she would find me work in a noodle shop. She "
             "took me across "
             "the river at night. On the other side two men were waiting. They sold me for 9,000 "
             "yuan.")
    assert p["repatriated"] is None
    assert "stranger" in p["recruiter_relation"]
    assert p["times_sold"] == 1


def test_not_registered_means_no_papers_but_her_sons_are_his():
    assert prof("I was not registered, so I could never take a bus to the city.")[
        "hukou_or_id"] == "none"
    assert prof("I crossed in 2004. My son was not registered at first.")["hukou_or_id"] is None


# --- a sister or a friend is a recruiter only when she acts on her --------------------------

def test_sister_sold_with_her_is_not_a_recruiter():
    p = prof(HEADER + "My sister and I walked over the ice in 2002. A broker waited on the bank. "
                      "In Yanji I kept asking where my sister had gone. "
                      "Two days later I was sold to a farmer for 4,000 yuan.")
    assert "relative" not in p["recruiter_relation"]
    assert "sold_by_acquaintance" not in p["recruitment"]


def test_friend_who_was_paid_for_her_is_a_recruiter():
    p = prof(HEADER + "In 2003 a friend from the market told me there was work in a noodle shop "
                      "in China. We crossed the Tumen together. A farmer paid my friend 6,000 "
                      "yuan for me.")
    assert "friend" in p["recruiter_relation"]
    assert "sold_by_acquaintance" in p["recruitment"]


# --- voluntary_alone needs her own going, not a trafficker waiting at the border -------------

def test_trafficker_at_the_crossing_leaves_how_she_went_untold():
    p = prof(HEADER + "She reached China in the winter of 2005. Her trafficker, a man from "
                      "Tumen city, kept her in a shed for a week. Later she was sold to a farmer.")
    assert "voluntary_alone" not in p["recruitment"]


def test_her_own_reason_keeps_voluntary_alone():
    p = prof(HEADER + "She crossed the river in 2005 to find food for her children. A gang of "
                      "traffickers sold her to a farmer the week she arrived.")
    assert "voluntary_alone" in p["recruitment"]


def test_her_decision_to_go_is_voluntary_alone():
    p = prof(HEADER + "My husband had died and the children were hungry. In 2001 I made up my "
                      "mind to go to China and sell herbs. I was caught in Tumen a month later.")
    assert p["recruitment"] == ["voluntary_alone"]


def test_decision_followed_by_a_job_offer_is_not_alone():
    p = prof(HEADER + "In 2001 I decided to go to China. A woman at the market promised me a job "
                      "in a restaurant there. She sold me to a farmer for 3,000 yuan.")
    assert "voluntary_alone" not in p["recruitment"]


def test_a_new_broker_beside_a_north_korean_guide_is_kept():
    p = prof(HEADER + "A North Korean guide took me across the Yalu in 2003. On the far bank a "
                      "Chinese broker gave him 500 yuan and drove me to a farm. The broker sold "
                      "me to a farmer for 5,000 yuan.")
    assert {"north_korean_trafficker", "other"} <= set(p["recruiter_relation"])


def test_a_north_korean_prison_is_no_trafficker():
    p = prof(HEADER + "She had spent a year in a North Korean prison. In 2004 she was sold to a "
                      "farmer for 4,000 yuan.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]


def test_abduction_right_after_her_own_crossing_keeps_voluntary_alone():
    p = prof(HEADER + "She came over in 2000 when the famine was worst. She was seized by "
                      "traffickers right after she crossed the river. They sold her to a farmer "
                      "for 4,000 yuan.")
    assert {"abducted", "voluntary_alone"} <= set(p["recruitment"])


def test_sold_on_arrival_by_a_korean_chinese_leaves_how_she_went_untold():
    p = prof(HEADER + "I left North Korea through Musan in 2006. At first I was sold to a farmer "
                      "in Jilin for 9,000 yuan by a Korean Chinese from Longjing.")
    assert "voluntary_alone" not in p["recruitment"]
    assert "korean_chinese_broker" in p["recruiter_relation"]


def test_a_kidnapping_after_her_first_sale_is_not_how_she_came():
    p = prof(HEADER + "In 2003 she walked across the frozen Tumen on her own. A week later she "
                      "was sold to a farmer for 5,000 yuan. Two years on she was sold, kidnapped "
                      "and sold again.")
    assert "abducted" not in p["recruitment"]


# --- quotation marks and dates as web pages deliver them ----------------------------------

def test_a_paragraph_opened_by_a_single_mark_and_closed_by_a_double_one():
    """‘…," she recalls: the single opening mark must pair with the double closing one, or the
    marks after it pair the wrong way round and her quoted "we" reads as the narrator's."""
    p = prof("Grace, a North Korean refugee now living in Canada\n\n"
             "‘There was no food after 1995,\" Grace recalls. \"We worked but we were never "
             "paid, and we still had to give our grain to the state.\"\n\n"
             "In 1999 Grace decided to look for work in China. A trader offered to guide her and "
             "led her across the Tumen River. She was sold to a farmer for 4,000 yuan. \"I cried "
             "every night,\" she says.")
    assert p["first_crossing_year"] == 1999
    assert [s["amount"] for s in p["sales"]] == [4000]
    assert "forced_labour" not in p["exploitation"]


def test_a_year_after_someone_elses_birth_in_another_clause_dates_the_story():
    p = prof("Hunger came in 1995. Her mother had been born in China, and in 1999 she "
             "decided to go there. She crossed the river at night.")
    assert p["first_crossing_year"] == 1999


def test_a_buyer_who_bought_the_bride_by_her_description_pays_her_price():
    p = prof("Ri was sold into marriage in 2003. A widower bought the then 23-year-old North "
             "Korean bride for 12,000 yuan.")
    assert [s["amount"] for s in p["sales"]] == [12000]


def test_words_between_gave_birth_and_to():
    p = prof("Ri crossed the river in 2000. In 2002 Ri gave birth in secret to a baby girl.")
    assert p["children_in_china"] == 1


def test_a_given_name_marked_as_a_pseudonym_is_hers_when_written_once():
    p = prof("Most women who leave the North hope to earn money. Yuna* fled from North Korea "
             "hoping to send money home. She was sold to a farmer in Jilin.")
    assert p["recruitment"] == ["voluntary_alone"]


def test_her_hometown_set_beside_its_name():
    p = prof("Her eyes lit up when we asked about her hometown, Onsong, North Korea. "
             "She fled to China in 2001.")
    assert p["origin_nk"] == "Onsong"


@pytest.mark.parametrize("caught, arrests", [
    ("She ran from the farm but was caught again by a trafficker and sold on.", None),
    ("She ran from the farm but was caught again in 2004 and sent back.", 1),
])
def test_caught_again_by_a_trafficker_is_no_arrest(caught, arrests):
    p = prof("Ri crossed the Tumen in 2001 and was sold to a farmer. " + caught)
    assert p["arrested_in_china"] == arrests


def test_a_three_part_name_whose_last_syllable_is_also_an_english_word():
    p = prof("Park Mi Soon, a 41-year-old widow, met the man she lives with now in 2005. "
             "Choi Dong Su, 45, is a farmer. Park said she was sold twice before she met him.")
    assert p["surname"] == "Park"


@pytest.mark.parametrize("told, exploited", [
    ("In the hospital she lay next to a Korean-Chinese prostitute, who told her to be strong.",
     []),
    ("Later the broker forced her to work as a prostitute in Dalian.", ["prostitution"]),
    ("Later she was forced to have sex with several men every night.", ["prostitution"]),
])
def test_a_prostitute_in_the_room_is_not_her_exploitation(told, exploited):
    p = prof("Ri crossed the Tumen in 2001. " + told)
    assert p["exploitation"] == exploited


def test_sleeping_pills_she_took_herself_are_no_drugging():
    p = prof("Ri was sold to a farmer in 2001. He beat her, and she tried sleeping pills, which "
             "did not work.")
    assert "drugging" not in p["violence"]


def test_crossing_guided_by_a_trafficker_is_going_with_a_broker():
    p = prof("Ri crossed the Yalu at night in 2009, guided by a trafficker. She was sold to a "
             "farmer in Liaoning.")
    assert p["recruitment"] == ["voluntary_with_broker"]


def test_taking_the_journey_to_china_is_her_going():
    p = prof("Ri lost her job in 2009. She decided to take the long journey to China to find "
             "work. She was sold to a farmer in Liaoning.")
    assert p["recruitment"] == ["voluntary_alone"]


def test_held_as_their_sex_slave_by_a_so_called_husband():
    p = prof("Ri was sold to a mountain village in 2001. “My so-called husband and his brother "
             "took turns demanding to have sex with me,” Ri said. “I was only their sex slave.”")
    assert "rape" in p["violence"]
    assert "forced_marriage" in p["exploitation"]


def test_sexual_slavery_as_a_general_fate_is_not_hers():
    p = prof("Ri crossed the Tumen in 2001. She learned there are worse fates than being sold "
             "into sexual slavery.")
    assert "rape" not in p["violence"]


def test_they_have_a_teenage_son_after_because():
    p = prof("Ri took the long journey to China in 1999. Ri was sold to a fisherman. They are "
             "poor because they have a teenage son at school.")
    assert p["children_in_china"] == 1


def test_hired_the_services_of_a_broker_to_escort_her_across():
    p = prof("Ri fled in 2010. Not knowing the way, she hired the services of a broker to escort "
             "her across. Ri was sold in Yanji.")
    assert p["recruitment"] == ["voluntary_with_broker"]
    assert p["first_crossing_year"] == 2010


def test_a_surname_named_often_but_told_as_subject_once_after_said():
    p = prof("With women like Paek it is hard to hear the whole story. It happened to Paek too: "
             "she was sold for a sack of rice. “I wanted to die,” said Paek. “I ran from him "
             "twice.” People like Paek rarely speak.")
    assert p["surname"] == "Paek"


def test_asking_traffickers_to_take_her_over_is_going_with_a_broker():
    p = prof("In 1998 Ri and her sister had to ask traffickers to help get them into China. "
             "Ri was sold to a farmer.")
    assert p["recruitment"] == ["voluntary_with_broker"]


def test_the_in_laws_who_beat_her_are_no_recruiters():
    p = prof("A defector who ran away from her husband was caught and beaten by her in-laws. "
             "She had been sold to a farmer in 2004.")
    assert "relative" not in p["recruiter_relation"]


def test_sexually_molested_is_violence_other():
    p = prof("Ri fled in 2001. Ri was sold to a man. At the market she was sexually molested by "
             "his friends.")
    assert p["violence"] == ["other"]
