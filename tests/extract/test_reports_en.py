"""English news reports and case notes: how a report names her, retells her sale, counts her
arrests, and tells events of other people (issue 11, session 3). Fixtures are our own fiction."""

from __future__ import annotations

from casebook.extract import extract, profile
from casebook.extract.dates import find_dates


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


def test_a_reports_title_for_her_reads_as_her():
    p = prof(
        "Ahn Mi-ok, 31, fled the North in 2010. Later the 31-year-old woman was sold to a farmer "
             "in Hebei for 8,000 yuan, she said.")
    assert p["times_sold"] == 1
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(8000, "RMB")]


def test_the_north_korean_woman_is_her_not_a_trafficker():
    p = prof("Sold into marriage in Liaoning, the 27-year-old North Korean woman ran away twice. "
             "Ahn Mi-ok said she had trusted a smuggler who handed her to a gang.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]


def test_her_relative_named_by_her_name_is_someone_else():
    p = prof("Ahn Mi-ok, 31, was sold in Jilin in 2012. Mi-ok's father was sent to a labour camp "
             "long before she left.")
    assert p["repatriated"] is None
    assert p["nk_detention"] == []


def test_a_clause_opened_by_since_is_about_its_own_subject():
    p = prof("Ahn Mi-ok, 31, was sold in Jilin in 2012. Her family had lost everything since her "
             "uncle was sent to a labour camp.")
    assert p["nk_detention"] == []


def test_her_given_name_alone_is_her():
    p = prof("Ahn Mi-ok, 31, crossed into China in 2009. Three years later Mi-ok was caught by the "
             "police in Yanji and sent back.")
    assert p["arrested_in_china"] == 1
    assert p["repatriated"] == 1


def test_each_return_after_an_arrest_in_china_counts_an_arrest():
    p = prof("Ahn Mi-ok, 31, told the hearing her story. She was sent back twice after she was "
             "caught in China.")
    assert p["repatriated"] == 2
    assert p["arrested_in_china"] == 2


def test_caught_by_security_agents_is_an_arrest():
    p = prof("Ahn Mi-ok, 31, lived with a farmer in Jilin. In 2011 she was captured by Chinese "
             "security agents and sent back to North Korea.")
    assert p["arrested_in_china"] == 1


def test_a_sale_told_as_a_feeling_or_a_process_is_told_again():
    p = prof("A broker sold me to a farmer in Heilongjiang. I cried for days. "
             "It hurt that I was being sold like a calf at the market.")
    assert p["times_sold"] == 1


def test_the_first_time_she_was_sold_is_the_sale_already_told():
    p = prof("Ahn Mi-ok, 31, was sold in 2003. She spoke slowly. Then she went on. "
             "The first time she was sold, she was sent to a widower in Hebei.")
    assert p["times_sold"] == 1


def test_a_second_time_is_a_new_sale():
    p = prof("Ahn Mi-ok, 31, was sold in 2003. She spoke slowly. Then she went on. "
             "The second time she was sold, she was sent to a widower in Hebei.")
    assert p["times_sold"] == 2


def test_almost_sold_is_a_foiled_sale_and_almost_beaten_to_death_a_beating():
    p = prof(
        "In 1999 I went to Yanji to find work. A gang almost sold me to a bar owner, but I ran. "
             "Later my boss beat me almost to death.")
    assert p["times_sold"] == 0
    assert p["violence"] == ["beating"]
    p = prof("In 1999 I went to Yanji to find work. A gang sold me to a farmer. "
             "I was almost beaten to death by his brother.")
    assert p["violence"] == ["beating"]


def test_almost_every_day_is_no_mood():
    p = prof("A broker sold me to a farmer in Jilin. Almost every day he beat me.")
    assert p["violence"] == ["beating"]


def test_slave_like_work_is_forced_labour_but_farm_work_alone_is_not():
    p = prof("A broker sold me to a farmer in Jilin. My husband made me work like a slave.")
    assert "forced_labour" in p["exploitation"]
    p = prof("A broker sold me to a farmer in Jilin. His family made me work in the fields.")
    assert "forced_labour" not in p["exploitation"]


def test_a_detention_centre_after_the_return_is_the_holding_centre():
    p = prof("A broker sold me to a farmer in Jilin. In 2005 the police caught me and I was sent "
             "back. I spent two months in a detention center in Hoeryong.")
    assert p["nk_detention"] == ["holding_centre"]


def test_with_no_crossing_told_the_story_after_a_summary_tells_how_she_was_drawn_in():
    p = prof("In 1999, Ahn Mi-ok was sold into a marriage in China. Ahn explained her story at a "
             "church in Seoul. \u201cWe were starving. We were seized by traffickers near the "
             "river. "
             "I was being sold.\u201d")
    assert "abducted" in p["recruitment"]
    assert p["times_sold"] == 1


def test_wading_to_the_far_bank_is_her_crossing_and_the_broker_she_found_is_her_guide():
    p = prof("One North Korean woman says she defected because she was hungry. In May she found a "
             "broker in Hyesan to help her. She waded through the cold water of the Yalu and "
             "reached the opposite bank. A week later she was sold to a farmer.")
    assert p["recruitment"] == ["voluntary_with_broker"]


def test_people_who_helped_her_escape_are_guides_she_went_with():
    p = prof("The couple who helped me escape took me across the river to a flat. A week later "
             "they sold me to a farmer.")
    assert "voluntary_with_broker" in p["recruitment"]


def test_a_north_korean_woman_who_tried_to_flee_is_no_trafficker():
    p = prof("A North Korean woman who tried to flee was abducted by a trafficker near the river.")
    assert "north_korean_trafficker" not in p["recruiter_relation"]
    p = prof(
        "A North Korean woman told me I could earn money in China. She took me across the river "
             "and sold me to a farmer.")
    assert "north_korean_trafficker" in p["recruiter_relation"]


def test_a_two_word_given_name_is_not_a_surname_of_its_own():
    p = prof(
        "Ahn Bok Hee called her brother before the police came. Bok Hee had lived in Jilin for "
             "ten years. Bok Hee was sold there in 2004. Bok Hee said she was afraid.")
    assert p["surname"] == "Ahn"


def test_a_sister_who_shares_her_surname_is_not_her():
    p = prof(
        "Ahn Bok Hee was arrested by the Chinese police in 2019 and sent back. Her sister Ahn Mi "
        "Ja, "
             "who lives in Seoul, spoke for her. Ahn Mi Ja was once deported back from China "
             "herself. "
             "Bok Hee had been sold to a farmer in Jilin.")
    assert p["surname"] == "Ahn"
    assert p["repatriated"] == 1


def test_a_belief_or_an_imminent_return_is_not_a_fact():
    p = prof(
        "Ahn Bok Hee was sold to a farmer in Jilin. Her sister said: \u201cI am sure she is being "
             "beaten.\u201d Bok Hee told her family about her imminent deportation.")
    assert p["violence"] == []
    assert p["repatriated"] is None


def test_losing_consciousness_after_a_collapse_is_no_drugging():
    p = prof("I was caught in China and sent back in 2008. In the camp I lost consciousness after "
             "collapsing at work.")
    assert "drugging" not in p["violence"]


def test_a_kyohwaso_spelt_with_hyphens_and_border_agents():
    p = prof(
        "Ahn Bok Hee, 40, was caught in Liaoning by Chinese border agents. She was sent back and "
             "spent a year in the No. 3 Kyo-hwa-so.")
    assert p["arrested_in_china"] == 1
    assert p["nk_detention"] == ["kyohwaso"]


def test_given_names_that_may_open_a_sentence_and_the_teller_of_a_quote():
    p = prof("Asked about the camp, 50-year-old refugee Lee Soon Ae looked away. Then she spoke.")
    assert p["surname"] == "Lee"
    p = prof(
        "\u201cThe police came at night and handcuffed all of us. We were sent back.\u201d That is "
        "how "
             "Moon Hae Ri describes the night she was caught in China.")
    assert p["surname"] == "Moon"
    assert p["arrested_in_china"] == 1


def test_together_they_had_a_daughter():
    p = prof("Ahn Bok Hee was sold to a farmer in Jilin in 2001. Together, they had a daughter.")
    assert p["children_in_china"] == 1


def test_sent_as_a_gift_to_her_son_is_a_forced_marriage():
    p = prof(
        "Ahn Bok Hee was seized by traffickers in 1998. She was sent to an old woman in Hebei as a "
             "gift to her son.")
    assert "forced_marriage" in p["exploitation"]


def test_years_spent_before_a_dated_escape_do_not_move_its_year():
    p = prof(
        "Ahn Bok Hee first escaped North Korea in 2007 after two years of hiding in the hills. "
             "She was sold to a farmer in Jilin.")
    assert p["first_crossing_year"] == 2007
    kinds = [d.kind
             for d in find_dates("In 2003 I crossed, and after two years of work I was arrested.")]
    assert kinds == ["absolute", "relative"]  # a new clause: the years run on from 2003


def test_tumen_the_city_is_not_the_river():
    p = prof(
        "Ahn Bok Hee, 40, was caught in Yanji and held at a detention facility in Tumen, Jilin "
             "Province. She was sent back in 2006.")
    assert p["crossing_river"] is None


def test_a_summary_crossing_takes_the_river_of_the_story_told_later():
    p = prof("One North Korean woman says she defected because she was hungry. She lived in Musan. "
             "Her husband had no work. Her son was six. In May she found a broker. He took her to "
             "the "
             "Tumen River at night. She waded through the shallow water and reached the other "
             "bank. "
             "A week later she was sold to a farmer.")
    assert p["crossing_river"] == "Tumen"
