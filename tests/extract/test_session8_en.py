"""English classes of session 8 (issue 11), found on real development text and written here as
our own fiction: a home town with its province, a year she is not sure of, a bare "sold" in a
list of passives, a child born after a sale with no purpose, running away to China, a count
before "captured and sent back"."""

from __future__ import annotations

import pytest
from profile_cases import Has, Lacks, check

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


# (text, profile key, what it must be: a value, Has(code) or Lacks(code)); the id says why
CASES = [
    # --- home town with the province written after it (kept as written) ---------------------------
    pytest.param(
        "Ms. Ryu, 39, was born in Hoeryong, North Hamgyong Province, and left in 2004.",
        "origin_nk", "Hoeryong, North Hamgyong Province",
        id="home_town_keeps_the_province_after_a_comma"),
    pytest.param(
        "I grew up in Musan in North Hamgyong province and crossed the Tumen in 2009.",
        "origin_nk", "Musan in North Hamgyong province",
        id="home_town_keeps_the_province_after_in"),
    pytest.param(
        "I was born in Hyesan, a busy town near the river, and crossed in 2009.",
        "origin_nk", "Hyesan", id="home_town_described_by_a_clause_stays_the_town"),
    pytest.param(
        "I was born in Ryanggang Province and crossed in 2009.",
        "origin_nk", "Ryanggang", id="a_province_alone_is_not_doubled"),
    # --- "in 1996 or 1997": no single year --------------------------------------------------------
    pytest.param(
        "Ms. Cho went to China in 1998 or 1999 to find rice.",
        "first_crossing_year", None, id="either_year_gives_no_crossing_year"),
    pytest.param(
        "Ms. Cho went to China in 1998 to find rice, or so she remembers.",
        "first_crossing_year", 1998, id="one_year_still_dates_the_crossing"),
    # --- a bare "sold" in a list of passives ------------------------------------------------------
    pytest.param(
        "Ms. Yun left home in 2010 to trade. She was seized by two men near Yanji, sold, "
        "and taken to a village in Heilongjiang.",
        "times_sold", 1, id="sold_in_a_list_of_passives_is_her_sale"),
    # --- a child born after a sale with no purpose: a marriage sale -------------------------------
    pytest.param(
        "Ms. Ahn crossed the river in 2006. She was sold to a poor household in the "
        "mountains and, two years on, gave birth to a son.",
        "exploitation", Has("forced_marriage"), id="a_child_after_a_sale_makes_it_a_marriage"),
    pytest.param(
        "Ms. Ahn crossed the river in 2006. She was sold to a brothel in Shenyang and "
        "later gave birth to a son.",
        "exploitation", Lacks("forced_marriage"),
        id="a_brothel_sale_with_a_child_is_not_a_marriage"),
    # --- running away to China is her own going ---------------------------------------------------
    pytest.param(
        "Ms. Seo worked on a road crew for years. In 2005 she quit her crew and ran away "
        "to China. Traffickers sold her to an old man in Hebei.",
        "recruitment", Has("voluntary_alone"), id="running_away_to_china_is_voluntary_alone"),
    pytest.param(
        "Ms. Seo worked on a road crew for years. In 2005 a broker took her across the "
        "river. The broker sold her to an old man in Hebei.",
        "recruitment", Lacks("voluntary_alone"), id="a_broker_who_took_her_across_is_not_alone"),
    # --- "twice captured and sent back" -----------------------------------------------------------
    pytest.param(
        "Ms. Bang fled to China in 2008. Heading for Laos, she was twice captured and "
        "deported to North Korea.",
        "arrested_in_china", 2, id="count_before_captured_and_deported_counts_the_arrests"),
    # --- sold as a sex slave to one man: not a marriage sale --------------------------------------
    pytest.param(
        "I crossed the Yalu in 2010 with a broker. He sold me to a farmer in Dalian as "
        "his wife.",
        "exploitation", Has("forced_marriage"), id="sold_to_a_man_as_his_wife_stays_a_marriage"),
    # --- the room she was held in, told inside a condition ----------------------------------------
    pytest.param(
        "I was sold to a man near Harbin in 2009. He said he would beat me if I left the "
        "room in which I was imprisoned.",
        "violence", Has("confinement"),
        id="room_she_was_held_in_is_confinement_inside_a_condition"),
    pytest.param(
        "I was sold to a man near Harbin in 2009. I once saw the room in which my friend "
        "had been held.",
        "violence", Lacks("confinement"), id="room_her_friend_was_held_in_is_not_hers"),
    # --- "used for his sexual needs" --------------------------------------------------------------
    pytest.param(
        "I was sold to a man near Harbin in 2009. For two years he used me for his sexual "
        "needs.",
        "violence", Has("rape"), id="used_for_his_sexual_needs_is_rape"),
    pytest.param(
        "I was sold to a man near Harbin in 2009. For two years he used me for his errands.",
        "violence", Lacks("rape"), id="used_for_his_errands_is_not_rape"),
    # --- interview answers: a count to a sale question, "Yes, a son" ------------------------------
    pytest.param(
        "I crossed the Tumen in 2004.\nQ: How many times were you sold?\nA: Three times.",
        "times_sold", 3, id="count_answer_to_how_many_times_sold"),
    pytest.param(
        "I crossed the Tumen in 2004 and was sold to a farmer.\n"
        "Q: How many times were you sold?\nA: Once.",
        "times_sold", 1, id="once_after_a_told_sale_is_still_one"),
    pytest.param(
        "I crossed the Tumen in 2004 and was sold to a farmer in Jilin.\n"
        "Q: Did you have any children in China?\nA: Yes, a son.",
        "children_in_china", 1, id="yes_a_son_to_a_children_question"),
    pytest.param(
        "I crossed the Tumen in 2004 and was sold to a farmer in Jilin.\n"
        "Q: Did you have children in China?\nA: Yes, two daughters.",
        "children_in_china", 2, id="yes_two_daughters_to_a_children_question"),
    # --- recruitment and recruiters ---------------------------------------------------------------
    pytest.param(
        "Ms. Jo crossed the Tumen in 2007 to find work. One night four men shoved Jo into a "
        "van and drove her to Yanji, where she was sold to a farmer.",
        "recruitment", Has("abducted"), id="shoved_into_a_car_is_abduction"),
    pytest.param(
        "Ms. Jo went to China in 2007 to earn money but was caught and sold to a farmer.",
        "recruitment", Has("abducted"), id="caught_and_sold_is_abduction"),
    pytest.param(
        "Ms. Jo went to China in 2007 to earn money but was caught and sent back.",
        "recruitment", Lacks("abducted"), id="caught_and_sent_back_is_no_abduction"),
    pytest.param(
        "Ms. Jo crossed the Tumen in 2007 with a broker, who sold her to a webcam operator. "
        "Every night she was made to chat with yet another stranger online.",
        "recruiter_relation", Lacks("stranger"),
        id="a_stranger_she_chats_with_online_is_no_recruiter"),
    pytest.param(
        "Ms. Jo crossed the Tumen in 2007. Two men seized her near the river. Jo's captors "
        "sold her to a farmer for 4,000 yuan.",
        "recruiter_relation", Has("other"), id="her_captors_who_sold_her_are_recruiters"),
    pytest.param(
        "In 2005 a couple I trusted took me over the Yalu. They told me I was going to live "
        "with a Chinese man I had never met, and that night his mother paid them.",
        "recruiter_relation", Lacks("stranger"),
        id="the_man_she_would_live_with_is_the_buyer_not_a_stranger"),
    pytest.param(
        "In 2005 a man I had never met took me over the Yalu and sold me to a farmer.",
        "recruiter_relation", Has("stranger"),
        id="a_man_she_had_never_met_who_took_her_across_is_a_stranger"),
    # --- background sentences of news reports -----------------------------------------------------
    pytest.param(
        "Ms. Go crossed the Tumen in 2004 and was sold to a farmer. In the 1980s the "
        "government introduced market reforms.",
        "recruitment", Lacks("introduced_marriage"),
        id="introduced_reforms_is_no_introduced_marriage"),
    pytest.param(
        "Ms. Go crossed the Tumen in 2004. A neighbour there introduced her to a farmer "
        "who paid 5,000 yuan for her.",
        "recruitment", Has("introduced_marriage"),
        id="introduced_to_a_man_is_an_introduced_marriage"),
    pytest.param(
        "Ms. Go crossed the Tumen in 2004 to trade and was sold to a farmer. No one counts "
        "the North Korean women who are deceived, abducted, or sold each year.",
        "recruitment", Lacks("abducted"), id="women_in_general_listed_as_abducted_are_not_her"),
    pytest.param(
        "Ms. Go crossed the Tumen in 2004 to trade. Near Yanji she and two women were "
        "deceived, abducted and sold to farmers.",
        "recruitment", Has("abducted"), id="she_and_two_women_listed_as_abducted_are_her"),
    pytest.param(
        "Ms. Go crossed the Tumen in 2004 to trade. The officer drove her to the town and "
        "pushed her into an office.",
        "recruitment", Lacks("abducted"), id="pushed_into_an_office_by_an_officer_is_no_abduction"),
    pytest.param(
        "Ms. Go crossed the Tumen in 2004 and was sold to a farmer. She was caught in 2008, "
        "sent back, and held in a forced labour camp for a year.",
        "exploitation", Lacks("forced_labour"), id="a_forced_labour_camp_is_no_forced_labour"),
    # --- "my husband" when every sale was to a brothel --------------------------------------------
    pytest.param(
        "A woman in our street offered me a job in a Chinese noodle shop. My husband said I "
        "should go and send money home. The woman lied. I was sold to a massage parlour.",
        "exploitation", ["prostitution"],
        id="her_husband_at_home_is_no_forced_marriage_when_sold_to_a_brothel"),
    pytest.param(
        "I was sold to a karaoke bar in Yanji in 2003. A year later the owner sold me to a "
        "farmer. My husband beat me every day.",
        "exploitation", Has("forced_marriage"),
        id="husband_after_a_second_sale_to_a_man_stays_forced"),
    pytest.param(
        "I crossed the Tumen in 2003 and was taken to a flat in Yanji. Every night I had to "
        "have sex with strangers for money that the woman kept.",
        "exploitation", Has("prostitution"), id="sex_with_strangers_for_money_is_prostitution"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer. Years later a stranger gave "
        "me money for the bus and I went to Yanji.",
        "exploitation", Lacks("prostitution"), id="money_for_the_bus_is_no_prostitution"),
    pytest.param(
        "I was hungry in 2002. My mother said my aunt in Hyesan would look after me. In 2003 "
        "I crossed the Tumen alone.",
        "recruitment", Lacks("other"), id="an_aunt_at_home_who_would_look_after_her_is_no_lure"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2006 I was "
        "reported to the police and taken to the station in Longjing.",
        "arrested_in_china", 1, id="reported_and_taken_to_the_station_is_an_arrest"),
    pytest.param(
        "Ms. Na left her home in Musan for a new life across the Yalu river. On the far bank "
        "a broker sold her to a farmer.",
        "crossing_river", "Yalu", id="left_home_for_a_life_across_the_river_names_the_river"),
    pytest.param(
        "Ms. Na stayed in Musan. Her husband left his home for a job across the Tumen.",
        "crossing_river", None, id="her_husband_leaving_across_the_river_is_not_her_crossing"),
    # --- a two-syllable given name used as her name -----------------------------------------------
    pytest.param(
        "Jin Hee left North Korea in 2009 to find work. Later Jin Hee was sold to a "
        "farmer near Yanji.",
        "surname", None, id="two_syllable_given_name_gives_no_surname"),
    pytest.param(
        "Kim Hyun-ah left North Korea in 2009 to find work. Kim was sold to a farmer near "
        "Yanji.",
        "surname", "Kim", id="common_surname_with_a_given_name_keeps_the_surname"),
    # --- an opening participle with no comma ------------------------------------------------------
    pytest.param(
        "Ms. Ri lost touch with her son. Believing he was in China she crossed the Tumen to "
        "look for him but was caught by traffickers and was sold to a farmer's family.",
        "times_sold", 1, id="opening_participle_without_a_comma_keeps_her_as_subject"),
    # --- recruiters: someone else's relative, a broker who bought her, a lure of food -------------
    pytest.param(
        "In 2000 my friend's aunt told me there was work in China. She took me across the "
        "Tumen and sold me to a farmer.",
        "recruiter_relation", Lacks("relative"), id="a_friends_aunt_is_other_not_relative"),
    pytest.param(
        "In 2000 my neighbour's son said he knew a way to China. He led me across the river "
        "and sold me to a farmer.",
        "recruiter_relation", Lacks("neighbour_or_villager"),
        id="a_neighbours_son_is_not_a_neighbour"),
    pytest.param(
        "In 2000 a smuggler took me across the river. He sold me to a Korean-Chinese broker, "
        "who sold me on to a farmer.",
        "recruiter_relation", Has("korean_chinese_broker"), id="a_broker_who_bought_her_is_listed"),
    pytest.param(
        "In 2000 a smuggler took me across the river. He sold me to a Korean-Chinese farmer.",
        "recruiter_relation", Lacks("korean_chinese_broker"),
        id="a_farmer_who_bought_her_is_not_listed"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. He said that if I "
        "tried to run he would report me to the public security.",
        "violence", Has("threat_of_denunciation"), id="report_to_the_public_security_is_a_threat"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. For two years I was "
        "kept like a prisoner in his house.",
        "violence", Has("confinement"), id="kept_like_a_prisoner_is_confinement"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2007 I was "
        "caught without an ID card at the bus terminal.",
        "arrested_in_china", 1, id="caught_without_an_id_card_is_an_arrest"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2007 someone "
        "informed the police and I was dragged out of the house.",
        "arrested_in_china", 1, id="informed_the_police_and_she_was_taken_is_an_arrest"),
    pytest.param(
        "I crossed the Tumen in 2003. They sold me to a farm where I worked like a slave.",
        "exploitation", Has("forced_labour"), id="worked_like_a_slave_is_forced_labour"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a broker. The broker forced me to sell "
        "sex in a hotel.",
        "exploitation", Has("prostitution"), id="forced_to_sell_sex_is_prostitution"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I heard that many "
        "women were sold to brothels.",
        "exploitation", Lacks("prostitution"),
        id="many_women_sold_to_brothels_is_not_her_exploitation"),
    pytest.param(
        "I crossed the Tumen in 2003. I heard that many women were sold to farmers, but I "
        "was sold to a brothel in Yanji.",
        "exploitation", Has("prostitution"),
        id="she_sold_to_a_brothel_after_hearing_of_others_is_hers"),
    pytest.param(
        "I crossed the Tumen in 2003. I was sold in Yanji. The other girls were sent to "
        "brothels.",
        "exploitation", Lacks("prostitution"),
        id="other_girls_sent_to_brothels_give_her_sale_no_purpose"),
    pytest.param(
        "I crossed the Tumen in 2003. I was sold in Yanji. The man who bought me ran a "
        "brothel, and I had to work there.",
        "exploitation", Has("prostitution"),
        id="the_next_sentence_about_her_buyer_still_gives_the_purpose"),
    pytest.param(
        "I was hungry in 1999. A woman offered me a drink on the train. When I woke up I was "
        "in China.",
        "recruitment", Has("drugged"), id="woke_up_in_china_is_drugging"),
    pytest.param(
        "I crossed the Tumen in 1999 to find food. When I woke up I was in my own bed at "
        "the farm.",
        "recruitment", Lacks("drugged"), id="woke_up_in_her_bed_is_no_drugging"),
    pytest.param(
        "In 1999 I was grabbed by three men while I was washing clothes by the river. They "
        "carried me across to China and sold me.",
        "recruitment", Has("abducted"), id="grabbed_by_three_men_is_abduction"),
    pytest.param(
        "I was born in Musan. We had no food. In 1999 my own mother sold me to a broker, who "
        "took me across the Tumen.",
        "recruiter_relation", Has("relative"), id="her_mother_who_sold_her_is_a_relative"),
    pytest.param(
        "I was born in Hyesan. I had no food. In 2002 I crossed the river to trade. On the "
        "other side traffickers caught me and sold me to a farmer.",
        "recruiter_relation", Has("other"), id="traffickers_who_caught_her_are_recruiters"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I am an illegal "
        "resident here.",
        "hukou_or_id", "none", id="an_illegal_resident_has_no_papers"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I have been "
        "registered in his household since 2008.",
        "hukou_or_id", "obtained", id="registered_in_his_household_is_obtained"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. My son was "
        "registered in his household in 2008.",
        "hukou_or_id", None, id="her_son_registered_in_his_household_is_not_hers"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. Our daughter was born "
        "in 2005.",
        "children_in_china", 1, id="our_daughter_was_born_counts_her_child"),
    pytest.param(
        "I crossed the Tumen in 2003 and was sold to a farmer in Jilin. Our neighbour was "
        "beaten by her husband.",
        "violence", [], id="our_neighbour_beaten_is_not_her_violence"),
]


@pytest.mark.parametrize("text,key,want", CASES)
def test_profile(text, key, want):
    check(prof(text)[key], want)



# --- a bare "sold" in a list of passives --------------------------------------------------------

def test_someone_elses_list_is_not_her_sale():
    p = prof("Ms. Yun left home in 2010 to trade. Her niece was seized by two men near Yanji, "
             "sold, and taken to a village in Heilongjiang.")
    assert not p["times_sold"]


# --- "twice captured and sent back" ------------------------------------------------------------

def test_captured_by_a_gang_is_no_arrest():
    p = prof("Ms. Bang fled to China in 2008. She was captured by a gang and sold to a farmer.")
    assert not p["arrested_in_china"]


# --- sold as a sex slave to one man: not a marriage sale ----------------------------------------

def test_sold_as_a_sex_slave_is_not_a_forced_marriage():
    p = prof("I crossed the Yalu in 2010 with a broker. He sold me to a married man in Dalian as "
             "his sex slave.")
    assert p["times_sold"] == 1
    assert "forced_marriage" not in p["exploitation"]


# --- interview answers: a count to a sale question, "Yes, a son" ------------------------------

def test_count_answer_to_an_arrest_question_is_no_sale():
    p = prof("I crossed the Tumen in 2004.\nQ: How many times were you arrested?\nA: Twice.")
    assert not p["times_sold"]


def test_yes_a_son_about_her_husbands_children_is_not_hers():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer in Jilin.\n"
             "Q: Did your husband have children?\nA: Yes, a son.")
    assert not p["children_in_china"]


# --- recruitment and recruiters -----------------------------------------------------------------

def test_taken_by_traffickers_is_not_abduction():
    p = prof("Ms. Jo crossed the Tumen in 2007. Traffickers had promised her a job in a hotel. "
             "She was taken by the traffickers to a farmer who paid 8,000 yuan for her.")
    assert "abducted" not in p["recruitment"]
    assert "deception_job_offer" in p["recruitment"]


# --- "my husband" when every sale was to a brothel -----------------------------------------------

def test_a_family_in_china_who_would_feed_her_is_a_lure():
    p = prof("I was hungry in 2002 and I had no work. My cousin said she knew a family in China "
             "who would feed me. She took me across the river and sold me to a farmer.")
    assert "other" in p["recruitment"]
    assert "relative" in p["recruiter_relation"]


def test_reported_but_escaped_is_no_arrest():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2006 I was "
             "reported to the police but ran to the hills before they came.")
    assert not p["arrested_in_china"]


# --- an opening participle with no comma ---------------------------------------------------------

def test_opening_participle_with_someone_else_as_subject_is_not_hers():
    p = prof("Ms. Ri stayed in Hyesan in 2005. Hoping to earn money her cousin crossed the Tumen "
             "and was sold to a farmer.")
    assert not p["times_sold"]


# --- recruiters: someone else's relative, a broker who bought her, a lure of food ---------------

def test_help_to_find_food_in_china_is_a_lure():
    p = prof("In 2000 a woman I had met twice said she would help me find food in China. After "
             "we crossed, she sold me to a farmer for 3,000 yuan.")
    assert "other" in p["recruitment"]
    assert "voluntary_alone" not in p["recruitment"]


def test_a_few_thousand_yuan_is_no_price():
    p = prof("I crossed the Tumen in 2003. The broker traded me to a farmer for a few thousand "
             "yuan.")
    assert p["times_sold"] == 1
    assert p["sales"] == []


def test_three_thousand_yuan_in_words_is_a_price():
    p = prof("I crossed the Tumen in 2003. The broker sold me to a farmer for three thousand "
             "yuan.")
    assert [s["amount"] for s in p["sales"]] == [3000]


def test_her_friends_relatives_are_not_hers_in_a_first_person_account():
    p = prof("I was born in Hyesan. I worked in a factory. I had no food. In 1999 a friend from "
             "school asked me to come with her to China to visit her relatives. There she sold me "
             "to a man.")
    assert "relative" not in p["recruiter_relation"]
    assert "friend" in p["recruiter_relation"]


# --- prices ------------------------------------------------------------------------------------

def test_her_fee_to_be_taken_across_is_not_her_price():
    p = prof("I crossed the Tumen River in 2003. I paid the broker 2,000 yuan to take me across, "
             "but he sold me to a farmer for 5,000 yuan.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [5000]


def test_i_cost_is_her_price():
    p = prof("I crossed the Tumen River in 2003. I cost the farmer 6,000 yuan.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [6000]


def test_the_trip_cost_is_no_price():
    p = prof("I crossed the Tumen River in 2003. The trip cost 3,000 yuan.")
    assert not p["times_sold"]
