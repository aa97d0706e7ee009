"""English classes of session 8 (issue 11), found on real development text and written here as
our own fiction: a home town with its province, a year she is not sure of, a bare "sold" in a
list of passives, a child born after a sale with no purpose, running away to China, a count
before "captured and sent back"."""

from __future__ import annotations

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


# --- home town with the province written after it (kept as written) ---------------------------

def test_home_town_keeps_the_province_after_a_comma():
    p = prof("Ms. Ryu, 39, was born in Hoeryong, North Hamgyong Province, and left in 2004.")
    assert p["origin_nk"] == "Hoeryong, North Hamgyong Province"


def test_home_town_keeps_the_province_after_in():
    p = prof("I grew up in Musan in North Hamgyong province and crossed the Tumen in 2009.")
    assert p["origin_nk"] == "Musan in North Hamgyong province"


def test_home_town_described_by_a_clause_stays_the_town():
    p = prof("I was born in Hyesan, a busy town near the river, and crossed in 2009.")
    assert p["origin_nk"] == "Hyesan"


def test_a_province_alone_is_not_doubled():
    p = prof("I was born in Ryanggang Province and crossed in 2009.")
    assert p["origin_nk"] == "Ryanggang"


# --- "in 1996 or 1997": no single year --------------------------------------------------------

def test_either_year_gives_no_crossing_year():
    p = prof("Ms. Cho went to China in 1998 or 1999 to find rice.")
    assert p["first_crossing_year"] is None


def test_one_year_still_dates_the_crossing():
    p = prof("Ms. Cho went to China in 1998 to find rice, or so she remembers.")
    assert p["first_crossing_year"] == 1998


# --- a bare "sold" in a list of passives --------------------------------------------------------

def test_sold_in_a_list_of_passives_is_her_sale():
    p = prof("Ms. Yun left home in 2010 to trade. She was seized by two men near Yanji, sold, "
             "and taken to a village in Heilongjiang.")
    assert p["times_sold"] == 1


def test_someone_elses_list_is_not_her_sale():
    p = prof("Ms. Yun left home in 2010 to trade. Her niece was seized by two men near Yanji, "
             "sold, and taken to a village in Heilongjiang.")
    assert not p["times_sold"]


# --- a child born after a sale with no purpose: a marriage sale ---------------------------------

def test_a_child_after_a_sale_makes_it_a_marriage():
    p = prof("Ms. Ahn crossed the river in 2006. She was sold to a poor household in the "
             "mountains and, two years on, gave birth to a son.")
    assert "forced_marriage" in p["exploitation"]


def test_a_brothel_sale_with_a_child_is_not_a_marriage():
    p = prof("Ms. Ahn crossed the river in 2006. She was sold to a brothel in Shenyang and "
             "later gave birth to a son.")
    assert "forced_marriage" not in p["exploitation"]


# --- running away to China is her own going ---------------------------------------------------

def test_running_away_to_china_is_voluntary_alone():
    p = prof("Ms. Seo worked on a road crew for years. In 2005 she quit her crew and ran away "
             "to China. Traffickers sold her to an old man in Hebei.")
    assert "voluntary_alone" in p["recruitment"]


def test_a_broker_who_took_her_across_is_not_alone():
    p = prof("Ms. Seo worked on a road crew for years. In 2005 a broker took her across the "
             "river. The broker sold her to an old man in Hebei.")
    assert "voluntary_alone" not in p["recruitment"]


# --- "twice captured and sent back" ------------------------------------------------------------

def test_count_before_captured_and_deported_counts_the_arrests():
    p = prof("Ms. Bang fled to China in 2008. Heading for Laos, she was twice captured and "
             "deported to North Korea.")
    assert p["arrested_in_china"] == 2


def test_captured_by_a_gang_is_no_arrest():
    p = prof("Ms. Bang fled to China in 2008. She was captured by a gang and sold to a farmer.")
    assert not p["arrested_in_china"]


# --- sold as a sex slave to one man: not a marriage sale ----------------------------------------

def test_sold_as_a_sex_slave_is_not_a_forced_marriage():
    p = prof("I crossed the Yalu in 2010 with a broker. He sold me to a married man in Dalian as "
             "his sex slave.")
    assert p["times_sold"] == 1
    assert "forced_marriage" not in p["exploitation"]


def test_sold_to_a_man_as_his_wife_stays_a_marriage():
    p = prof("I crossed the Yalu in 2010 with a broker. He sold me to a farmer in Dalian as "
             "his wife.")
    assert "forced_marriage" in p["exploitation"]


# --- the room she was held in, told inside a condition -----------------------------------------

def test_room_she_was_held_in_is_confinement_inside_a_condition():
    p = prof("I was sold to a man near Harbin in 2009. He said he would beat me if I left the "
             "room in which I was imprisoned.")
    assert "confinement" in p["violence"]


def test_room_her_friend_was_held_in_is_not_hers():
    p = prof("I was sold to a man near Harbin in 2009. I once saw the room in which my friend "
             "had been held.")
    assert "confinement" not in p["violence"]


# --- "used for his sexual needs" ----------------------------------------------------------------

def test_used_for_his_sexual_needs_is_rape():
    p = prof("I was sold to a man near Harbin in 2009. For two years he used me for his sexual "
             "needs.")
    assert "rape" in p["violence"]


def test_used_for_his_errands_is_not_rape():
    p = prof("I was sold to a man near Harbin in 2009. For two years he used me for his errands.")
    assert "rape" not in p["violence"]


# --- interview answers: a count to a sale question, "Yes, a son" ------------------------------

def test_count_answer_to_how_many_times_sold():
    p = prof("I crossed the Tumen in 2004.\nQ: How many times were you sold?\nA: Three times.")
    assert p["times_sold"] == 3


def test_once_after_a_told_sale_is_still_one():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer.\n"
             "Q: How many times were you sold?\nA: Once.")
    assert p["times_sold"] == 1


def test_count_answer_to_an_arrest_question_is_no_sale():
    p = prof("I crossed the Tumen in 2004.\nQ: How many times were you arrested?\nA: Twice.")
    assert not p["times_sold"]


def test_yes_a_son_to_a_children_question():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer in Jilin.\n"
             "Q: Did you have any children in China?\nA: Yes, a son.")
    assert p["children_in_china"] == 1


def test_yes_two_daughters_to_a_children_question():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer in Jilin.\n"
             "Q: Did you have children in China?\nA: Yes, two daughters.")
    assert p["children_in_china"] == 2


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


def test_shoved_into_a_car_is_abduction():
    p = prof("Ms. Jo crossed the Tumen in 2007 to find work. One night four men shoved Jo into a "
             "van and drove her to Yanji, where she was sold to a farmer.")
    assert "abducted" in p["recruitment"]


def test_caught_and_sold_is_abduction():
    p = prof("Ms. Jo went to China in 2007 to earn money but was caught and sold to a farmer.")
    assert "abducted" in p["recruitment"]


def test_caught_and_sent_back_is_no_abduction():
    p = prof("Ms. Jo went to China in 2007 to earn money but was caught and sent back.")
    assert "abducted" not in p["recruitment"]


def test_a_stranger_she_chats_with_online_is_no_recruiter():
    p = prof("Ms. Jo crossed the Tumen in 2007 with a broker, who sold her to a webcam operator. "
             "Every night she was made to chat with yet another stranger online.")
    assert "stranger" not in p["recruiter_relation"]


def test_her_captors_who_sold_her_are_recruiters():
    p = prof("Ms. Jo crossed the Tumen in 2007. Two men seized her near the river. Jo's captors "
             "sold her to a farmer for 4,000 yuan.")
    assert "other" in p["recruiter_relation"]


def test_the_man_she_would_live_with_is_the_buyer_not_a_stranger():
    p = prof("In 2005 a couple I trusted took me over the Yalu. They told me I was going to live "
             "with a Chinese man I had never met, and that night his mother paid them.")
    assert "stranger" not in p["recruiter_relation"]


def test_a_man_she_had_never_met_who_took_her_across_is_a_stranger():
    p = prof("In 2005 a man I had never met took me over the Yalu and sold me to a farmer.")
    assert "stranger" in p["recruiter_relation"]


# --- background sentences of news reports ------------------------------------------------------

def test_introduced_reforms_is_no_introduced_marriage():
    p = prof("Ms. Go crossed the Tumen in 2004 and was sold to a farmer. In the 1980s the "
             "government introduced market reforms.")
    assert "introduced_marriage" not in p["recruitment"]


def test_introduced_to_a_man_is_an_introduced_marriage():
    p = prof("Ms. Go crossed the Tumen in 2004. A neighbour there introduced her to a farmer "
             "who paid 5,000 yuan for her.")
    assert "introduced_marriage" in p["recruitment"]


def test_women_in_general_listed_as_abducted_are_not_her():
    p = prof("Ms. Go crossed the Tumen in 2004 to trade and was sold to a farmer. No one counts "
             "the North Korean women who are deceived, abducted, or sold each year.")
    assert "abducted" not in p["recruitment"]


def test_she_and_two_women_listed_as_abducted_are_her():
    p = prof("Ms. Go crossed the Tumen in 2004 to trade. Near Yanji she and two women were "
             "deceived, abducted and sold to farmers.")
    assert "abducted" in p["recruitment"]


def test_pushed_into_an_office_by_an_officer_is_no_abduction():
    p = prof("Ms. Go crossed the Tumen in 2004 to trade. The officer drove her to the town and "
             "pushed her into an office.")
    assert "abducted" not in p["recruitment"]


def test_a_forced_labour_camp_is_no_forced_labour():
    p = prof("Ms. Go crossed the Tumen in 2004 and was sold to a farmer. She was caught in 2008, "
             "sent back, and held in a forced labour camp for a year.")
    assert "forced_labour" not in p["exploitation"]


# --- "my husband" when every sale was to a brothel -----------------------------------------------

def test_her_husband_at_home_is_no_forced_marriage_when_sold_to_a_brothel():
    p = prof("A woman in our street offered me a job in a Chinese noodle shop. My husband said I "
             "should go and send money home. The woman lied. I was sold to a massage parlour.")
    assert p["exploitation"] == ["prostitution"]


def test_husband_after_a_second_sale_to_a_man_stays_forced():
    p = prof("I was sold to a karaoke bar in Yanji in 2003. A year later the owner sold me to a "
             "farmer. My husband beat me every day.")
    assert "forced_marriage" in p["exploitation"]


def test_sex_with_strangers_for_money_is_prostitution():
    p = prof("I crossed the Tumen in 2003 and was taken to a flat in Yanji. Every night I had to "
             "have sex with strangers for money that the woman kept.")
    assert "prostitution" in p["exploitation"]


def test_money_for_the_bus_is_no_prostitution():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer. Years later a stranger gave "
             "me money for the bus and I went to Yanji.")
    assert "prostitution" not in p["exploitation"]


def test_a_family_in_china_who_would_feed_her_is_a_lure():
    p = prof("I was hungry in 2002 and I had no work. My cousin said she knew a family in China "
             "who would feed me. She took me across the river and sold me to a farmer.")
    assert "other" in p["recruitment"]
    assert "relative" in p["recruiter_relation"]


def test_an_aunt_at_home_who_would_look_after_her_is_no_lure():
    p = prof("I was hungry in 2002. My mother said my aunt in Hyesan would look after me. In 2003 "
             "I crossed the Tumen alone.")
    assert "other" not in p["recruitment"]


def test_reported_and_taken_to_the_station_is_an_arrest():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2006 I was "
             "reported to the police and taken to the station in Longjing.")
    assert p["arrested_in_china"] == 1


def test_reported_but_escaped_is_no_arrest():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2006 I was "
             "reported to the police but ran to the hills before they came.")
    assert not p["arrested_in_china"]


def test_left_home_for_a_life_across_the_river_names_the_river():
    p = prof("Ms. Na left her home in Musan for a new life across the Yalu river. On the far bank "
             "a broker sold her to a farmer.")
    assert p["crossing_river"] == "Yalu"


def test_her_husband_leaving_across_the_river_is_not_her_crossing():
    p = prof("Ms. Na stayed in Musan. Her husband left his home for a job across the Tumen.")
    assert p["crossing_river"] is None


# --- a two-syllable given name used as her name -------------------------------------------------

def test_two_syllable_given_name_gives_no_surname():
    p = prof("Jin Hee left North Korea in 2009 to find work. Later Jin Hee was sold to a "
             "farmer near Yanji.")
    assert p["surname"] is None


def test_common_surname_with_a_given_name_keeps_the_surname():
    p = prof("Kim Hyun-ah left North Korea in 2009 to find work. Kim was sold to a farmer near "
             "Yanji.")
    assert p["surname"] == "Kim"


# --- an opening participle with no comma ---------------------------------------------------------

def test_opening_participle_without_a_comma_keeps_her_as_subject():
    p = prof("Ms. Ri lost touch with her son. Believing he was in China she crossed the Tumen to "
             "look for him but was caught by traffickers and was sold to a farmer's family.")
    assert p["times_sold"] == 1


def test_opening_participle_with_someone_else_as_subject_is_not_hers():
    p = prof("Ms. Ri stayed in Hyesan in 2005. Hoping to earn money her cousin crossed the Tumen "
             "and was sold to a farmer.")
    assert not p["times_sold"]


# --- recruiters: someone else's relative, a broker who bought her, a lure of food ---------------

def test_a_friends_aunt_is_other_not_relative():
    p = prof("In 2000 my friend's aunt told me there was work in China. She took me across the "
             "Tumen and sold me to a farmer.")
    assert "relative" not in p["recruiter_relation"]


def test_a_neighbours_son_is_not_a_neighbour():
    p = prof("In 2000 my neighbour's son said he knew a way to China. He led me across the river "
             "and sold me to a farmer.")
    assert "neighbour_or_villager" not in p["recruiter_relation"]


def test_a_broker_who_bought_her_is_listed():
    p = prof("In 2000 a smuggler took me across the river. He sold me to a Korean-Chinese broker, "
             "who sold me on to a farmer.")
    assert "korean_chinese_broker" in p["recruiter_relation"]


def test_a_farmer_who_bought_her_is_not_listed():
    p = prof("In 2000 a smuggler took me across the river. He sold me to a Korean-Chinese farmer.")
    assert "korean_chinese_broker" not in p["recruiter_relation"]


def test_help_to_find_food_in_china_is_a_lure():
    p = prof("In 2000 a woman I had met twice said she would help me find food in China. After "
             "we crossed, she sold me to a farmer for 3,000 yuan.")
    assert "other" in p["recruitment"]
    assert "voluntary_alone" not in p["recruitment"]


def test_report_to_the_public_security_is_a_threat():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. He said that if I "
             "tried to run he would report me to the public security.")
    assert "threat_of_denunciation" in p["violence"]


def test_kept_like_a_prisoner_is_confinement():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. For two years I was "
             "kept like a prisoner in his house.")
    assert "confinement" in p["violence"]


def test_a_few_thousand_yuan_is_no_price():
    p = prof("I crossed the Tumen in 2003. The broker traded me to a farmer for a few thousand "
             "yuan.")
    assert p["times_sold"] == 1
    assert p["sales"] == []


def test_three_thousand_yuan_in_words_is_a_price():
    p = prof("I crossed the Tumen in 2003. The broker sold me to a farmer for three thousand "
             "yuan.")
    assert [s["amount"] for s in p["sales"]] == [3000]


def test_caught_without_an_id_card_is_an_arrest():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2007 I was "
             "caught without an ID card at the bus terminal.")
    assert p["arrested_in_china"] == 1


def test_informed_the_police_and_she_was_taken_is_an_arrest():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. In 2007 someone "
             "informed the police and I was dragged out of the house.")
    assert p["arrested_in_china"] == 1


def test_worked_like_a_slave_is_forced_labour():
    p = prof("I crossed the Tumen in 2003. They sold me to a farm where I worked like a slave.")
    assert "forced_labour" in p["exploitation"]


def test_forced_to_sell_sex_is_prostitution():
    p = prof("I crossed the Tumen in 2003 and was sold to a broker. The broker forced me to sell "
             "sex in a hotel.")
    assert "prostitution" in p["exploitation"]


def test_many_women_sold_to_brothels_is_not_her_exploitation():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I heard that many "
             "women were sold to brothels.")
    assert "prostitution" not in p["exploitation"]


def test_she_sold_to_a_brothel_after_hearing_of_others_is_hers():
    p = prof("I crossed the Tumen in 2003. I heard that many women were sold to farmers, but I "
             "was sold to a brothel in Yanji.")
    assert "prostitution" in p["exploitation"]


def test_other_girls_sent_to_brothels_give_her_sale_no_purpose():
    p = prof("I crossed the Tumen in 2003. I was sold in Yanji. The other girls were sent to "
             "brothels.")
    assert "prostitution" not in p["exploitation"]


def test_the_next_sentence_about_her_buyer_still_gives_the_purpose():
    p = prof("I crossed the Tumen in 2003. I was sold in Yanji. The man who bought me ran a "
             "brothel, and I had to work there.")
    assert "prostitution" in p["exploitation"]


def test_woke_up_in_china_is_drugging():
    p = prof("I was hungry in 1999. A woman offered me a drink on the train. When I woke up I was "
             "in China.")
    assert "drugged" in p["recruitment"]


def test_woke_up_in_her_bed_is_no_drugging():
    p = prof("I crossed the Tumen in 1999 to find food. When I woke up I was in my own bed at "
             "the farm.")
    assert "drugged" not in p["recruitment"]


def test_grabbed_by_three_men_is_abduction():
    p = prof("In 1999 I was grabbed by three men while I was washing clothes by the river. They "
             "carried me across to China and sold me.")
    assert "abducted" in p["recruitment"]


def test_her_mother_who_sold_her_is_a_relative():
    p = prof("I was born in Musan. We had no food. In 1999 my own mother sold me to a broker, who "
             "took me across the Tumen.")
    assert "relative" in p["recruiter_relation"]


def test_her_friends_relatives_are_not_hers_in_a_first_person_account():
    p = prof("I was born in Hyesan. I worked in a factory. I had no food. In 1999 a friend from "
             "school asked me to come with her to China to visit her relatives. There she sold me "
             "to a man.")
    assert "relative" not in p["recruiter_relation"]
    assert "friend" in p["recruiter_relation"]


def test_traffickers_who_caught_her_are_recruiters():
    p = prof("I was born in Hyesan. I had no food. In 2002 I crossed the river to trade. On the "
             "other side traffickers caught me and sold me to a farmer.")
    assert "other" in p["recruiter_relation"]


def test_an_illegal_resident_has_no_papers():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I am an illegal "
             "resident here.")
    assert p["hukou_or_id"] == "none"


def test_registered_in_his_household_is_obtained():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. I have been "
             "registered in his household since 2008.")
    assert p["hukou_or_id"] == "obtained"


def test_her_son_registered_in_his_household_is_not_hers():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. My son was "
             "registered in his household in 2008.")
    assert p["hukou_or_id"] is None


def test_our_daughter_was_born_counts_her_child():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. Our daughter was born "
             "in 2005.")
    assert p["children_in_china"] == 1


def test_our_neighbour_beaten_is_not_her_violence():
    p = prof("I crossed the Tumen in 2003 and was sold to a farmer in Jilin. Our neighbour was "
             "beaten by her husband.")
    assert p["violence"] == []


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
