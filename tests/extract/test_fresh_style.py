"""Rules added after the blind run on the fresh case accounts (tests/data/fresh_en): each test uses
sentences written for it, not the fresh texts; the last test guards the fresh-set score."""

from __future__ import annotations

import json
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate

FRESH = Path(__file__).resolve().parents[1] / "data" / "fresh_en"
BLIND_MEAN_F1 = 0.908  # measured before any rule below existed (docs/extraction.md)
FRESH2 = Path(__file__).resolve().parents[1] / "data" / "fresh_en2"
BLIND_MEAN_F1_2 = 0.911  # second fresh set (sales and prices), measured blind (docs/extraction.md)


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


HEAD3 = "Case 8 Ms. Ryu in Jilin Province, born in 1979\n\nMs. Ryu is from Onsong. "
HEAD1 = "Case 8 Ms. Ryu in Jilin Province, born in 1979\n\nI am from Onsong. "


def test_paid_a_broker_to_take_her_across_is_a_crossing_with_a_broker():
    p = prof(HEAD3
             + "In May 2003 she paid a guide to take her across the Yalu. In Changbai she found "
               "work in a kitchen.")
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2003, 5,
                                                                                          "Yalu")
    assert "voluntary_with_broker" in p["recruitment"]


def test_hyphenated_broker_ethnicity_still_makes_a_paid_broker():
    p = prof(HEAD1
             + "In 2002 my aunt paid an ethnic-Korean broker to take me over the Tumen. I worked "
               "on a farm.")
    assert "voluntary_with_broker" in p["recruitment"]
    assert p["first_crossing_year"] == 2002


def test_the_two_of_them_crossed_includes_her():
    p = prof(HEAD3 + "In 2000 her cousin came for her. The two of them crossed the Tumen at dawn. "
                     "In 2006 she crossed again after she was sent back.")
    assert (p["first_crossing_year"], p["crossing_river"]) == (2000, "Tumen")


def test_ethnicity_of_the_guide_told_right_after_the_crossing():
    p = prof(HEAD1
             + "In 2005 my brother paid a man and his wife to bring me across the river. They were "
               "Korean-Chinese. "
                     "They sold me to a farmer for 9,000 yuan.")
    assert "korean_chinese_broker" in p["recruiter_relation"]


def test_bought_me_an_id_card_is_not_a_sale():
    p = prof(HEAD1 + "In 2001 I crossed the Tumen. A broker sold me to a farmer for 5,000 yuan. "
                     "Later the farmer bought me a false ID card.")
    assert p["times_sold"] == 1
    assert p["hukou_or_id"] == "fake"


def test_bought_me_a_second_time_is_still_a_sale():
    p = prof(HEAD1
             + "I crossed the Tumen in 2001 and a broker sold me for 5,000 yuan. In 2004 another "
               "man bought me "
                     "a second time, for 7,000 yuan.")
    assert p["times_sold"] == 2


def test_and_was_sold_by_a_broker_to_a_man():
    p = prof(HEAD3
             + "She crossed the river alone in 2001 to look for work and was sold by a Han Chinese "
               "broker "
                     "to a farmer as a wife for 4,200 yuan.")
    assert [s["amount"] for s in p["sales"]] == [4200]
    assert p["times_sold"] == 1


def test_a_go_betweens_share_of_her_price_is_not_another_sale():
    p = prof(HEAD3
             + "In 2000 she crossed the Tumen with a villager. A broker sold her to a man in "
               "Wangqing for "
                     "6,000 yuan. The villager took 1,500 yuan of the money for bringing her.")
    assert [s["amount"] for s in p["sales"]] == [6000]


def test_a_man_from_the_next_village_is_a_villager():
    p = prof(HEAD3
             + "In 2001 a woman from the next village told her there was work in a restaurant in "
               "China, and took her across the Tumen. "
               "In Helong she sold her to a farmer for 3,000 yuan.")
    assert "neighbour_or_villager" in p["recruiter_relation"]


def test_a_trading_lure_is_deception():
    p = prof(HEAD3
             + "In 2003 a man told her that she could sell dried fish at the market in China for a "
               "good "
                     "profit. She crossed the Tumen with him, and he sold her to a farmer for "
                     "4,000 yuan.")
    assert "deception_job_offer" in p["recruitment"]


def test_could_not_keep_her_eyes_open_after_a_glass_is_drugging():
    p = prof(HEAD1
             + "In 2004 a woman I met at the station offered me a drink. After one cup I could not "
               "keep my "
                     "eyes open. When I woke up I was across the river, and she sold me for 8,000 "
                     "yuan.")
    assert "drugged" in p["recruitment"]
    assert "drugging" in p["violence"]


def test_harm_at_home_before_leaving_is_still_not_coded():
    p = prof(HEAD1 + "My father beat me when he was drunk. In 2004 I crossed the Tumen alone.")
    assert p["violence"] == []


def test_the_month_may_is_not_the_modal_may():
    p = prof(HEAD3 + "In May 2003 she crossed the Tumen with a guide she had paid.")
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2003, 5,
                                                                                          "Tumen")


def test_a_year_before_a_price_is_not_a_price():
    from casebook.extract.numbers import find_money

    got = [(m.value, m.currency)
           for m in find_money("I crossed the Tumen in 2001 and a broker sold me for 5,000 yuan.")]
    assert got == [(5000.0, "RMB")]
    both = [m.value for m in find_money("first for 15,000 and then for 20,000 yuan")]
    assert both == [15000.0, 20000.0]  # a bare price sharing a later currency is still read


def test_sold_several_times_makes_the_count_unknown():
    p = prof(HEAD3
             + "She crossed the Tumen in 1998. A broker sold her to a farmer as a wife for 3,000 "
               "yuan. "
                     "Later she was sold several times more.")
    assert p["times_sold"] is None
    assert [s["amount"] for s in p["sales"]] == [3000]  # the priced sale is still listed


def test_her_own_total_still_wins_over_nothing_vague():
    p = prof(HEAD1
             + "I crossed the Tumen in 1998. I was sold three times. The first time a broker sold "
               "me for "
                     "3,000 yuan.")
    assert p["times_sold"] == 3


def test_crossed_on_our_own_is_voluntary_alone():
    p = prof(HEAD1
             + "In 1998 my sister and I crossed the Tumen on our own. In 1999 a woman sold me to a "
               "farmer "
                     "for 4,000 yuan.")
    assert "voluntary_alone" in p["recruitment"]


def test_or_about_dollars_after_a_yuan_price_is_the_same_sale():
    p = prof(HEAD3
             + "In 2001 she crossed the Tumen. A smuggler sold her to a miner for 2,600 yuan, or "
               "roughly $310. "
                     "She had a son in 2003.")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(2600, "RMB")]
    assert p["times_sold"] == 1


def test_a_go_between_leaving_with_money_does_not_hand_the_story_to_her():
    p = prof(HEAD3
             + "In 1999 a woman from her street promised her kitchen work, and she crossed the "
               "Yalu. A broker "
                     "sold her to a fisherman for 3,500 yuan. The woman from her street got a "
                     "share of the money and "
                     "went back. In 2003 the fisherman sold her again, this time for 7,200 yuan, "
                     "to a man in Tonghua.")
    assert sorted(s["amount"] for s in p["sales"]) == [3500, 7200]
    assert p["times_sold"] == 2


def test_a_companions_price_before_her_unpriced_sale_is_not_hers():
    p = prof(HEAD1
             + "In 2000 I crossed the Tumen with my neighbours. My two neighbours were sold on the "
               "first day, "
                     "for 4,100 yuan each. Then the broker sold me to a bachelor in Yanbian. He "
                     "paid 2,900 yuan for me.")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(2900, "RMB")]
    assert p["times_sold"] == 1


def test_a_price_range_quoted_for_women_in_general_is_not_her_sale():
    p = prof(HEAD1
             + "In 2000 I crossed the Tumen. The broker said women like me went for 4,000 yuan or "
               "so. A few "
                     "days later he sold me to a bachelor. The bachelor paid 5,300 yuan for me.")
    assert [s["amount"] for s in p["sales"]] == [5300]


def test_a_price_range_for_her_is_one_sale_at_its_lower_end():
    p = prof(HEAD3 + "In 2002 a broker sold her to a widower for between 4,200 and 4,800 yuan.")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(4200, "RMB")]
    assert p["times_sold"] == 1
    p = prof(HEAD1 + "In 2002 a broker sold me to a widower for 3,100–3,600 yuan (US$375–435).")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(3100, "RMB")]


def test_she_herself_after_a_friends_price_is_her_again():
    p = prof(HEAD3
             + "In 2002 she and a friend crossed the Tumen. Her friend was sold to a miner for "
               "6,400 yuan. "
                     "She herself was sold to a farmer for 3,900 yuan.")
    assert [s["amount"] for s in p["sales"]] == [3900]
    assert p["times_sold"] == 1


def test_a_planned_sale_foiled_in_the_same_or_next_sentence_counts_zero_sales():
    p = prof(HEAD1
             + "In 2003 I crossed the Yalu. The guide meant to sell me to a coal miner for 7,500 "
               "yuan, but "
                     "I slipped away at the bus station.")
    assert p["times_sold"] == 0 and p["sales"] == []
    p = prof(HEAD3
             + "In 2003 she crossed the Yalu. A trader said he would sell her in Harbin. Before he "
               "could, "
                     "a church member hid her.")
    assert p["times_sold"] == 0
    p = prof(HEAD1 + "In 2003 I crossed the Yalu. The guide said he would sell me if I complained.")
    assert p["times_sold"] is None  # a threat alone is not a foiled sale


def test_second_fresh_set_does_not_fall_below_its_blind_score():
    rows = [json.loads(line) for line in (FRESH2 / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    assert len(rows) == 12
    pairs = [(g, profile(extract((FRESH2 / g["source"]).read_text(), lang="en"))) for g in rows]
    assert evaluate(pairs)["mean_f1"] >= BLIND_MEAN_F1_2 - 0.02


def test_fresh_set_does_not_fall_below_its_blind_score():
    rows = [json.loads(line) for line in (FRESH / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    assert len(rows) == 15
    pairs = [(g, profile(extract((FRESH / g["source"]).read_text(), lang="en"))) for g in rows]
    assert evaluate(pairs)["mean_f1"] >= BLIND_MEAN_F1 - 0.02
