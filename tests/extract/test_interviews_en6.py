"""First-person interviews, session 6 of issue 11: error classes that recur across interview
sets (form fields, a date and an age told together, cybersex told as "computer chatting").
Fixtures are our own fiction."""

from __future__ import annotations

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


def test_computer_chatting_is_cybersex_not_a_marriage():
    p = prof("I crossed the Tumen in 2011. A woman from my street sold me to a Chinese man in "
             "Yanji. He made me do computer chatting with men every night.")
    assert p["times_sold"] == 1
    assert p["exploitation"] == ["cybersex"]


def test_a_sale_to_a_man_without_chatting_stays_a_marriage():
    p = prof("I crossed the Tumen in 2011. A woman from my street sold me to a Chinese man in "
             "Yanji. He made me cook every night.")
    assert "forced_marriage" in p["exploitation"]


def test_clients_in_a_chatting_room_are_not_prostitution():
    p = prof("I crossed the Tumen in 2011 and was sold to a boss in Yanji. I was forced to work "
             "in a chatting room, and the clients paid him by the minute.")
    assert p["exploitation"] == ["cybersex"]


def test_a_form_name_field_gives_her_surname_and_home_as_written():
    p = prof("Name: Pak Sun-ok\nYear of Birth: 1980\nHome: Sopo District, Kangwondo, North Korea"
             "\n\nI worked on a farm until I left for China in 2001.")
    assert p["surname"] == "Pak"
    assert p["birth_year"] == 1980
    assert p["origin_nk"] == "Sopo District, Kangwondo"


def test_a_western_name_in_a_form_field_is_no_korean_surname():
    p = prof("Name: Jenny Moore\nHome: Leeds\n\nI met many women in Yanji who had left "
             "North Korea.")
    assert p["surname"] is None
    assert p["origin_nk"] is None


def test_a_narrative_date_under_the_title_is_not_when_she_crossed():
    p = prof("Ri Ok-hwa\n\n2011 (Narrative date)\n\nI came to this strange land and found only "
             "hardship. I crossed the river alone.")
    assert p["first_crossing_year"] is None


def test_a_date_under_the_title_does_not_hide_a_dated_crossing():
    p = prof("Ri Ok-hwa\n\n2011 (Narrative date)\n\nI crossed the river alone in 2004.")
    assert p["first_crossing_year"] == 2004


def test_an_age_beside_a_full_date_keeps_the_month():
    p = prof("Born: 1979\n\nIn April 1998, at age 19, I crossed the Tumen alone.")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (1998, 4)


def test_an_age_alone_still_dates_the_event():
    p = prof("Born: 1979\n\nAt the age of 20, I crossed the Tumen alone.")
    assert p["first_crossing_year"] == 1999


def test_a_threat_holding_a_negated_condition_is_a_threat():
    p = prof("I crossed the Tumen in 2009. The boss threatened me that if I did not obey him, he "
             "would report me to the police.")
    assert p["violence"] == ["threat_of_denunciation"]


def test_a_denied_threat_stays_denied():
    p = prof("I crossed the Tumen in 2009. The boss never threatened to report me to the police.")
    assert p["violence"] == []


def test_papers_she_lacked_before_leaving_are_not_her_chinese_registration():
    p = prof("I sat at the station in Hamhung with no money and no identification papers. "
             "A woman took me across the river into China in 2005.")
    assert p["hukou_or_id"] is None


def test_papers_she_lacked_in_china_are_none():
    p = prof("A woman took me across the river into China in 2005. In Yanji I had no "
             "identification papers at all.")
    assert p["hukou_or_id"] == "none"


def test_a_stranger_who_lured_her_in_north_korea_delivered_her():
    p = prof("One day in 2004 a woman I did not know approached me at the station in Hamhung and "
             "offered me a job in a restaurant in China. I followed her across the river. In "
             "Yanji she sold me to a farmer.")
    assert {"stranger", "north_korean_trafficker"} <= set(p["recruiter_relation"])


def test_a_korean_chinese_recruiter_is_not_made_north_korean():
    p = prof("One day in 2004 a Korean-Chinese man I did not know came to our village and "
             "offered me a job in a restaurant in China. I followed him across the river. In "
             "Yanji he sold me to a farmer.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]


def test_a_stranger_met_in_china_is_not_north_korean():
    p = prof("I crossed the Tumen alone in 2004. In Yanji a woman I did not know offered me a "
             "job in a restaurant, and she sold me to a farmer.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]


def test_travelled_to_china_is_a_crossing():
    p = prof("In 2003 I travelled to China to buy goods for the market.")
    assert p["first_crossing_year"] == 2003


def test_the_town_she_came_back_to_gives_the_province():
    p = prof("I crossed the Tumen in 2001. I was sold to a man in Dandong, in Liaoning Province. "
             "In the spring I slipped away and got back to Yanji.")
    assert p["province_china"] == "Jilin"


def test_a_town_she_was_driven_through_is_not_where_she_lived():
    p = prof("I crossed the Tumen in 2001. We were driven to Changchun in a van.")
    assert p["province_china"] is None


def test_a_crossing_told_again_takes_the_date_of_the_paragraph_leading_into_it():
    p = prof("Ms Ri was drugged by a trader and taken out of the country.\n\n"
             "One day in March 2004, a trader came to our market. He said I could earn good money "
             "in China. I did not tell my mother. I went with him to the station. He gave me a "
             "drink there. When I woke up, I was in a shed on the Chinese side of the river.")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2004, 3)


def test_a_span_of_years_does_not_date_the_next_event():
    p = prof("During the great famine (1996 to 1999) we ate grass. A man offered to help me, so I "
             "followed him across the river into China.")
    assert p["first_crossing_year"] is None


def test_two_years_that_are_not_a_span_still_date_events():
    p = prof("My father died in 1996 and my mother in 1998. I crossed the river into China in "
             "1999.")
    assert p["first_crossing_year"] == 1999


def test_find_dates_reads_a_span_as_one_range():
    from casebook.extract.dates import find_dates

    kinds = [d.kind for d in find_dates("the famine of 1995-1998 killed many")]
    assert kinds == ["range"]
    kinds = [d.kind for d in find_dates("between 1996 and 1998 I lived there")]
    assert kinds == ["range"]


def test_yen_in_a_price_paid_in_china_is_yuan_and_its_gloss_a_conversion():
    from casebook.extract.numbers import find_money

    found = find_money("A broker sold me to a farmer for 9,000 Yen (U$1,300).")
    assert [(m.value, m.currency, m.converted) for m in found] == [
        (9000, "RMB", False), (1300, "USD", True)]


def test_the_place_where_she_was_sold_names_the_sale_told_before():
    p = prof("I crossed the Tumen in 2008. A trader from our town led me to Yanji and sold me to a "
             "boss there. Where I was sold, the boss kept a guard at the door.")
    assert p["times_sold"] == 1


def test_a_sale_told_first_in_a_where_clause_still_counts():
    p = prof("I crossed the Tumen in 2008. The house where I was sold, for 8,000 yuan, was in a "
             "village near Helong.")
    assert p["times_sold"] == 1
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(8000, "RMB")]


def test_a_summary_crossing_does_not_make_a_lured_woman_go_alone():
    p = prof("In 2003 Ri Sun-hee travelled to China hoping to trade.\n\n"
             "I sold shoes at the market in our town. My savings were gone. One day a woman at "
             "the market told me I could earn much more in China. I believed her and I followed "
             "her. She sold me to a farmer.")
    assert "voluntary_alone" not in p["recruitment"]
    assert "deception_job_offer" in p["recruitment"]


def test_a_woman_raised_by_her_aunt_was_not_recruited_by_her():
    p = prof("My mother died, so I was raised by my aunt. In 2003 a man I did not know "
             "offered me work in China, and I followed him across the river.")
    assert "relative" not in p["recruiter_relation"]


def test_form_fields_under_a_running_title_and_a_title_line_are_read():
    p = prof("Testimonies of Women from the North\n\nHuman Trafficking Survivor – Pak Ok-sun\n\n"
             "Name: Pak Ok-sun\n\n(Female, name changed)\n\nBirth date: 1975\n\n"
             "Hometown: Hamgyong Bukto\n\nIt is hard to talk about it. In 1998 I crossed the "
             "river alone.")
    assert (p["surname"], p["birth_year"], p["origin_nk"]) == ("Pak", 1975, "Hamgyong Bukto")
    assert p["first_crossing_year"] == 1998


def test_a_field_glued_to_the_story_is_still_read():
    p = prof("Name: Pak Ok-sun (Female) Date of Birth: 1975\n\nHometown: Hamgyong Bukto When I was"
             " small my parents died. In 1998 I crossed the river alone.")
    assert (p["birth_year"], p["origin_nk"]) == (1975, "Hamgyong Bukto")


def test_her_name_in_the_intro_under_a_running_title_and_a_title_is_her_surname():
    p = prof("Voices from the Border\n\nWhat the River Took From Me\n\nThe following is told by "
             "Hwang Mi-ok, who left North Korea as a teenager.\n\nI crossed the river in 2004. "
             "I was sold to a farmer the same year.")
    assert p["surname"] == "Hwang"


def test_a_verb_joined_to_a_feared_one_is_feared_too():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer. I was always afraid of being "
             "arrested and repatriated.")
    assert not p["arrested_in_china"] and not p["repatriated"]


def test_a_verb_joined_to_a_hypothetical_return_is_hypothetical():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer. If the police had caught me, "
             "I would have been sent back and tortured.")
    assert p["violence"] == [] and not p["repatriated"]


def test_two_told_events_joined_by_and_stay_facts():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer. In 2006 I was arrested and "
             "repatriated.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


def test_a_beating_she_watched_is_not_hers():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer. At the broker's house I saw "
             "the broker beat another girl.")
    assert p["violence"] == []


def test_a_beating_while_others_watched_is_hers():
    p = prof("I crossed the Tumen in 2004 and was sold to a farmer. He beat me while his mother "
             "watched.")
    assert p["violence"] == ["beating"]


QA = ("Q: How did you come to China?\nA: I crossed the Tumen in 2004 and a broker sold me to a "
      "farmer in Jilin.\n")


def test_a_bare_yes_to_a_question_about_her_return_is_one_return():
    p = prof(QA + "Q: Were you ever sent back to North Korea?\nA: Yes. In 2008.")
    assert p["repatriated"] == 1


def test_a_yes_to_a_question_about_others_is_not_hers():
    p = prof(QA + "Q: Did you see anyone arrested in your village?\nA: Yes.")
    assert p["arrested_in_china"] is None


def test_a_yes_that_is_not_a_yes_is_no_count():
    p = prof(QA + "Q: Were you ever arrested?\nA: Yes, I mean no, I was never caught.")
    assert not p["arrested_in_china"]


def test_a_no_to_the_interviewers_question_about_her_papers_is_none():
    p = prof(QA + "Q: Do you have a hukou?\nA: No, not yet.")
    assert p["hukou_or_id"] == "none"


def test_a_no_about_her_sons_papers_is_not_hers():
    p = prof(QA + "Q: Does your son have a hukou?\nA: No.")
    assert p["hukou_or_id"] is None


def test_her_sons_hukou_is_not_hers():
    p = prof("I crossed the Tumen in 2004 and a broker sold me to a farmer in Jilin. My son got a "
             "hukou in 2010.")
    assert p["hukou_or_id"] is None


def test_custody_after_being_caught_at_the_border_is_no_return():
    p = prof("I crossed the Tumen in 1999 and was sold to a farmer in Helong. In 2001 I went home "
             "to see my mother. On my way back I was caught while crossing the river. I was held "
             "for a month at the detention centre in Onsong.")
    assert not p["repatriated"]
    assert p["nk_detention"] == []


def test_custody_after_an_arrest_in_china_still_implies_a_return():
    p = prof("I crossed the Tumen in 1999 and was sold to a farmer in Helong. In 2001 the police "
             "caught me in the market. I was held for a month at the detention centre in Onsong.")
    assert p["repatriated"] == 1
    assert p["nk_detention"] == ["holding_centre"]


def test_a_letter_under_a_running_title_a_date_and_a_greeting_names_her():
    p = prof("Voices from the Border\n\nA Letter from a Woman in Hiding\n\nMay 2, 2022\n\n"
             "Dear friends,\n\nI am Ri, and I have lived in China for eight years.\n\nI crossed "
             "the Yalu in 2014 and a broker sold me to a farmer.")
    assert p["surname"] == "Ri"
