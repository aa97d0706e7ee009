"""English classes of session 9 (issue 11): structural failures seen in the misses of at least two
development sets, written here as our own fiction (one example and one near miss per class)."""

from __future__ import annotations

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


# --- "North Korean" said of her, or of a thing, names no North Korean trafficker ----------------

def test_her_own_apposition_is_no_recruiter():
    p = prof("Kim Soo-jin, a North Korean woman, was sold in 2004 to a widower from Hebei. "
             "Kim now lives in Jilin with their son.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]
    assert p["times_sold"] == 1


def test_her_nationality_in_a_report_is_no_recruiter():
    p = prof("Mrs. Kang was arrested by the police because she was a North Korean. She had been "
             "sold into marriage years ago.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]


def test_a_north_korean_gulag_is_no_recruiter():
    p = prof("Mrs. Kang was sold to a farmer in 2001. Women caught there go back to a North "
             "Korean gulag.")
    assert p["recruiter_relation"] == []


def test_a_north_korean_who_acts_on_her_is_still_a_recruiter():
    p = prof("In Hyesan a North Korean woman took Kim Soo-jin across the river and sold her to a "
             "farmer.")
    assert "north_korean_trafficker" in p["recruiter_relation"]
    p = prof("A woman approached me at the market in Hyesan. She was North Korean. She said I "
             "could earn money in China and took me across the river, where I was sold.")
    assert "north_korean_trafficker" in p["recruiter_relation"]


# --- deceived by someone, no lure told: recruitment other -------------------------------------

def test_tricked_by_people_with_no_lure_is_other():
    p = prof("Mrs. Ri crossed the Tumen in 2003. Later it emerged she had been tricked by two "
             "border soldiers, who then sold her to a farmer.")
    assert p["recruitment"] == ["other"]
    assert p["recruiter_relation"] == ["other"]


def test_deceived_by_a_broker_with_a_job_lure_is_the_job_offer():
    p = prof("I was deceived by a broker who promised me a job in a restaurant, and he sold me "
             "to a farmer.")
    assert p["recruitment"] == ["deception_job_offer"]
    p = prof("I was deceived by the broker's promises, and I was sold to a farmer.")
    assert "other" not in p["recruitment"]


# --- made to do a named kind of work: forced labour -------------------------------------------

def test_forced_to_collect_is_forced_labour():
    p = prof("Mrs. Ri was sold to a farmer in 2003. Forced to collect scrap metal for a dealer, "
             "she stayed on that farm for three years.")
    assert p["exploitation"] == ["forced_labour", "forced_marriage"]


def test_work_all_day_and_all_night_is_forced_labour():
    p = prof("Mrs. Ri was sold to a farmer in 2003. His parents made her work their rice "
             "fields all day and all night.")
    assert "forced_labour" in p["exploitation"]


def test_farm_work_alone_and_collecting_her_things_are_not():
    p = prof("Mrs. Ri was sold to a farmer in 2003. His family made her work in the fields.")
    assert p["exploitation"] == ["forced_marriage"]
    p = prof("Mrs. Ri was sold to a farmer in 2003. In 2006 she was forced to collect her "
             "things and leave the house.")
    assert p["exploitation"] == ["forced_marriage"]


# --- a birth told in a form the reading lacked: "after bearing", "gave a birth to" --------------

def test_bearing_children_counts_them():
    p = prof("Mrs. Ri was sold to a farmer in 2003. She did every chore in the house after "
             "bearing two children.")
    assert p["children_in_china"] == 2
    p = prof("Mrs. Ri was sold to a farmer in 2003. In 2006 she gave a birth to a baby boy.")
    assert p["children_in_china"] == 1


def test_someone_elses_bearing_is_not_hers():
    p = prof("Mrs. Ri was sold to a farmer in 2003. His mother, after bearing six children, had "
             "become frail.")
    assert p["children_in_china"] is None


# --- her province told in a noun phrase: a report's opening words, her child's birthplace -------

def test_a_lede_places_her_even_when_the_province_ends_in_ing():
    # (a place ending in -ing was read as the clause's verb, and the lede as another person)
    p = prof("A North Korean refugee in China's Liaoning province who fled her husband's village "
             "was beaten by his brothers. She had been sold to him in 2005.")
    assert p["province_china"] == "Liaoning"


def test_a_lede_later_in_the_text_is_not_her_opening():
    p = prof("Mrs. Ri was sold to a farmer in 2005. She still lives with him. Her brother worries "
             "about her. Many women are in the same place. A North Korean refugee in China's "
             "Liaoning province was caught last year, he said.")
    assert p["province_china"] is None


def test_her_childs_birthplace_is_where_she_lived():
    p = prof("Mrs. Ri was sold to a bus driver in 2005, and their little boy, born in a village "
             "of Jilin province, is now six.")
    assert p["province_china"] == "Jilin"


def test_someone_elses_childs_birthplace_is_not():
    p = prof("Mrs. Ri was sold to a bus driver in 2005. Her cousin, who had a son born in Jilin "
             "province, visited once.")
    assert p["province_china"] is None


# --- what she was able to do or had no choice but to do, she did; what she failed to do, not

def test_able_to_reach_china_is_her_crossing():
    p = prof("Mrs. Ri was able to reach China in 2004 by swimming through a river.")
    assert p["first_crossing_year"] == 2004
    p = prof("Mrs. Ri had no choice but to leave for China in 2004.")
    assert p["first_crossing_year"] == 2004


def test_unable_or_failed_to_cross_is_no_crossing():
    p = prof("Mrs. Ri was unable to cross the river in 2004.")
    assert p["first_crossing_year"] is None
    p = prof("Mrs. Ri failed to escape to China in 2004.")
    assert p["first_crossing_year"] is None


# --- never sold: a bare "to marry" / "get married" is no forced marriage ------------------------

def test_a_marriage_she_agreed_to_with_no_sale_is_not_forced():
    p = prof("Mrs. Ri met a Chinese man in 2004 and agreed to marry him within a week.")
    assert p["exploitation"] == []
    p = prof("Mrs. Ri asked: does every woman from the North get married once she is in "
             "China?")
    assert p["exploitation"] == []


def test_forced_or_sold_into_marriage_still_is():
    p = prof("Mrs. Ri was forced to marry a Chinese man in 2004.")
    assert p["exploitation"] == ["forced_marriage"]
    p = prof("Mrs. Ri was sold in 2004. She had to get married to the buyer.")
    assert p["exploitation"] == ["forced_marriage"]


# --- "the several times she was sold": the vague count told before the verb -------------------

def test_the_several_times_she_was_sold_is_no_count():
    p = prof("In the film Mrs. Ri recalls the several times she was sold.")
    assert p["times_sold"] is None


def test_the_first_and_second_times_told_are_counted():
    p = prof("The first time Mrs. Ri was sold, she was sent to a farm. The second time she was "
             "sold, she went to a city.")
    assert p["times_sold"] == 2


# --- abducted on her own way out: her own going stands beside the abduction --------------------

def test_abducted_while_trying_to_cross_keeps_her_own_going():
    p = prof("Mrs. Ri was kidnapped by a human trafficker while trying to cross the river into "
             "China in 2012.")
    assert p["recruitment"] == ["abducted", "voluntary_alone"]


def test_caught_as_she_crossed_keeps_her_own_going():
    p = prof("Mrs. Ri had no choice but to leave for China in 2001. As she waded across the "
             "Tumen, a gang of traffickers seized her and sold her to a farmer.")
    assert p["recruitment"] == ["abducted", "voluntary_alone"]


def test_abducted_while_escaping_a_farm_or_after_a_lure_is_not_her_own_going():
    p = prof("Mrs. Ri fled the farm in 2005 and was kidnapped by traffickers while trying to "
             "escape from the village.")
    assert "voluntary_alone" not in p["recruitment"]
    p = prof("Mrs. Ri was promised a job in a restaurant in China. As she crossed the river, the "
             "broker's men seized her.")
    assert "voluntary_alone" not in p["recruitment"]


# --- an offer to take, guide or help her across, no money in it: recruitment other --------------

def test_an_offer_to_guide_her_to_her_relatives_is_other():
    p = prof("In 1998 Mrs. Ri went to look for her family. A trader befriended her and offered "
             "to lead her to her uncle's house across the river. He sold her to a farmer.")
    assert p["recruitment"] == ["other"]
    assert "relative" not in p["recruiter_relation"]  # her uncle was where she was going


def test_an_offer_of_help_to_the_south_is_no_recruitment():
    p = prof("Mrs. Ri was sold to a farmer in 2003. In 2012 a pastor in Yanji offered to help "
             "Mrs. Ri escape to South Korea.")
    assert p["recruitment"] == []


# --- her North Korean detention: a gulag, an unnamed prison before she crossed again -------------

def test_a_gulag_is_a_north_korean_detention():
    p = prof("Mrs. Ri was caught in China in 2002 and deported to a North Korean gulag.")
    assert p["nk_detention"] == ["other"]


def test_an_unnamed_prison_before_she_crossed_again_is_hers():
    p = prof("Mrs. Ri was caught in China in 2002 and handed back to North Korea. After eleven "
             "months in a prison, she escaped to China again.")
    assert p["nk_detention"] == ["other"]


def test_prisoners_in_general_beside_a_crossing_are_not():
    p = prof("Mrs. Ri was caught in China in 2002 and sent back to North Korea. Many former "
             "prisoners crossed into China again that year.")
    assert p["nk_detention"] == []


# --- a return whose arrest is told only by what led to it --------------------------------------

def test_reported_to_the_authorities_and_repatriated_is_an_arrest():
    p = prof("Mrs. Ri was sold to a farmer in Jilin in 2000. In 2004 a neighbour denounced her: "
             "she was reported to the police and repatriated the same month.")
    assert p["arrested_in_china"] == 1
    p = prof("Mrs. Ri lived with a farmer in Jilin for three years until a police van turned "
             "up at the farm. She was repatriated that autumn.")
    assert p["arrested_in_china"] == 1


def test_a_return_with_no_authorities_or_a_raid_she_escaped_is_no_arrest():
    p = prof("Mrs. Ri lived with a farmer in Jilin. In 2004 she was repatriated to North Korea.")
    assert p["arrested_in_china"] is None
    p = prof("Mrs. Ri lived with a farmer in Jilin. One night the police came, but she hid in the "
             "hills. She was repatriated to North Korea in 2006.")
    assert p["arrested_in_china"] is None


def test_a_told_arrest_is_not_counted_twice():
    p = prof("Mrs. Ri lived in Jilin. She was reported to the police, arrested and repatriated.")
    assert p["arrested_in_china"] == 1


# --- someone she met by chance: met in a verb after her crossing, or befriended by ---------------

def test_met_after_the_crossing_and_befriended_by_are_strangers():
    p = prof("In 2003 Mrs. Ri and her sister waded over the Tumen and soon met a lady who "
             "promised to hide them, but she sold them to a farmer.")
    assert p["recruiter_relation"] == ["stranger"]  # (her sister went with her)
    p = prof("In 1998 Mrs. Ri was befriended by a Chinese pedlar, who offered to lead her to her "
             "uncle's house across the river. He sold her to a farmer.")
    assert p["recruiter_relation"] == ["stranger"]


def test_met_her_own_aunt_is_no_stranger():
    p = prof("In 2003 Mrs. Ri crossed the Tumen and met her aunt, who took her to a farm.")
    assert "stranger" not in p["recruiter_relation"]


# --- her age then, beside her name in the dated sentence, gives her birth year -----------------

def test_then_an_age_before_her_name_gives_her_birth_year():
    p = prof("Mrs. Park lived in Hyesan. In 2007, in a hungry spring, then 16-year-old Park "
             "waded into China with a guide.")
    assert p["birth_year"] == 1991


def test_at_the_age_of_after_her_name_gives_her_birth_year():
    p = prof("Mrs. Park lived in Hyesan. Park left for China alone in May 2014 at the age of 16.")
    assert p["birth_year"] == 1998


def test_her_age_now_beside_her_name_is_not_then():
    p = prof("Mrs. Park lived in Hyesan. In 2014 the 48-year-old Park said she was sold.")
    assert p["birth_year"] is None


# --- 'caught her' is custody only when no trafficker, buyer or his family is the subject ----------

def test_traffickers_who_caught_her_made_no_arrest():
    p = prof("Hye-jin crossed alone in 2001. A few days later some traffickers caught her near "
             "the river and sold her to a farmer in Jilin.")
    assert p["arrested_in_china"] is None
    assert p["times_sold"] == 1


def test_officers_who_caught_her_arrested_her():
    p = prof("I lived on a farm in Jilin for six years. In 2007 the police came to the "
             "farm. They caught me.")
    assert p["arrested_in_china"] == 1
