"""Whose story a clause tells: her name, the narration, quotes and clauses (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from casebook.extract import discourse, extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


# --- her name -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,surname", [
    ("Song Mi-rae, 41, left her village in 2003. Song said she was sold twice. Song now lives in "
     "Seoul.", "Song"),
    ("Da-eun Pyo was nineteen when she left. A broker sold Pyo to a farmer. Pyo escaped in 2010.",
     "Pyo"),
    ("A woman surnamed Ryu told the court that she had been sold. She did not give her age.",
     "Ryu"),
    ("Ms.Seo was born in the late 1980s. Ms.Seo ran away to China in 2006 and was sold.", "Seo"),
    ("HAN SORA, 37, was sold in 2001. Han said the broker lied to her.", "Han"),
    ("Mrs. Bo Ra Kang, 52, said she crossed in 1998. Ms. Kang was caught twice.", "Kang"),
])
def test_her_surname_in_a_report(text, surname):
    assert prof(text)["surname"] == surname


@pytest.mark.parametrize("text,surname", [
    # Western order with a rarer surname first: the common surname last is hers
    ("Ha Rin Park was seventeen when she crossed. Park said a broker sold her in Jilin.", "Park"),
    # an English nickname inside her Korean name
    ("Min Seo “Joy” Choi wrote to the aid group in 2019. Choi said she was sold twice.", "Choi"),
    # a report that calls her by her surname alone, after a title line
    ("Years Behind the Border\n\nWhen Rhee was 16 her father died. Rhee said the famine was the "
     "worst. In 1999 Rhee crossed the Tumen.", "Rhee"),
    # she names herself in an interview
    ("I am Yun, and I have lived in China for nine years. I crossed the river in 2004.", "Yun"),
    # a Western given name before her surname, in the paragraph after a title
    ("'I Wanted to Live'\n\nGrace Moon is a North Korean woman who settled in Canada. Moon "
     "fled in 2002.", "Moon"),
])
def test_her_surname_in_the_forms_reports_use(text, surname):
    assert prof(text)["surname"] == surname


@pytest.mark.parametrize("text", [
    # the leader's name is not hers
    "The Kim Il-Sung statue stood in the square. She crossed the river in 1998 and was sold.",
    # a pastor who tells her story is not her, even by his surname alone
    "Pastor Yoo Sang-min runs a shelter. Yoo said she was sold. Yoo says the border is closed.",
    # a title's capitals are not a name
    "Volunteers Go Online to Help Refugees\n\nShe was sold in 2008 and escaped in 2010.",
])
def test_no_surname_from_names_that_are_not_hers(text):
    assert prof(text)["surname"] is None


def test_a_straight_quote_opening_a_line_reopens_the_quote():
    text = '"We had no food that year.\n"My mother went to the hills," Kim said.\nKim left.'
    spans = discourse.quote_spans(text)
    assert [text[a:b].strip() for a, b in spans] == ["We had no food that year.",
                                                     "My mother went to the hills,"]


def test_a_one_word_pseudonym_anchors_the_story_but_is_not_a_surname():
    text = (
        "Haneul was twenty when she crossed the Tumen. Haneul said a broker met her on the bank. "
            "Two days later Haneul was sold to a farmer for 6,000 yuan.")
    p = prof(text)
    assert p["surname"] is None and p["times_sold"] == 1 and [s["amount"]
                                                              for s in p["sales"]] == [6000]


def test_a_man_named_with_a_title_is_not_her():
    text = (
        "Rev. Moon Jae-sung, who runs a shelter, told us about Garam. Garam said she crossed in "
        "2004. "
            "Garam was sold the next month. Garam escaped in 2009.")
    assert prof(text)["surname"] is None


def test_a_name_deep_in_a_first_person_story_is_someone_else():
    text = (
        "I was born in Kilju. I crossed the Tumen in 1999 and a broker sold me to a farmer. " * 4 +
            "In the house there was another woman, Jang Min-ok, who was also from the North.")
    assert prof(text)["surname"] is None


# --- narration and quotes -------------------------------------------------------------------

def test_reporters_i_outside_quotes_is_not_her():
    text = (
        "I met Ji-yoon Kwak in a church in Yanji last spring. I crossed the river at dawn to reach "
        "her. "
            "Kwak said she was sold in 2002. “I was sold for 4,000 yuan,” Kwak said.")
    p = prof(text)
    assert p["surname"] == "Kwak"
    # the reporter's crossing
    assert p["crossing_river"] is None and p["first_crossing_year"] is None
    assert [s["amount"] for s in p["sales"]] == [4000]


def test_she_inside_her_own_quote_is_someone_else():
    text = (
        "Bae Yu-na, 30, crossed in 2005. “A woman from my town came with me. She was sold for "
        "3,000 yuan "
            "the first week,” Bae said. Bae herself was sold a month later.")
    p = prof(text)
    assert 3000 not in [s["amount"] for s in p["sales"]]
    assert p["times_sold"] == 1


def test_quote_spans_pair_marks_and_close_at_a_paragraph():
    text = 'He said “go now” and left.\n\n"Open quote never closed\n\nNext paragraph.'
    spans = discourse.quote_spans(text)
    assert text[spans[0][0]:spans[0][1]] == "go now"
    assert text[spans[1][0]:spans[1][1]].startswith("Open quote")
    assert "Next paragraph" not in text[spans[1][0]:spans[1][1]]


# --- clauses ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,who", [
    ("i crossed with my uncle, who was later caught and sent back.", ["her", "other", "other"]),
    ("my aunt and i set off for china in may.", ["her"]),
    ("the girls were sold first, and then i was sold.", ["other", "her"]),
])
def test_who_each_clause_is_about(sentence, who):
    got = [c.who for c in discourse.clauses(sentence, "first")]
    assert [w for w in got if w != "unknown"] == who


def test_relatives_return_is_not_hers():
    p = prof("In 2001 I crossed the Tumen with my uncle, who was later caught and sent back. "
             "A broker sold me to a farmer for 3,000 yuan.")
    assert p["repatriated"] is None and p["arrested_in_china"] is None
    assert p["first_crossing_year"] == 2001 and p["times_sold"] == 1


def test_what_she_saw_done_to_another_girl_is_not_hers():
    p = prof(
        "I crossed the river in 2003. In the broker's flat I watched a girl being beaten and sold "
        "to a farmer.")
    assert p["violence"] == [] and p["times_sold"] is None


def test_her_mothers_price_is_not_hers():
    p = prof(
        "I crossed the Tumen with my mother in 2004. My mother was sold for 2,000 yuan and I was "
        "sold for "
             "5,000 yuan to a man in Hebei.")
    assert [s["amount"] for s in p["sales"]] == [5000]


def test_coordinated_violence_keeps_its_shared_object():
    p = prof("I crossed in 2002 and was sold to a farmer for 3,000 yuan. His brothers beat and "
             "raped me.")
    assert {"beating", "rape"} <= set(p["violence"])


def test_a_participle_clause_is_not_a_modal():
    p = prof("Thinking her sister might be in China, Kil Soo-ah crossed the Tumen in 2006. "
             "Kil was sold a week later. Kil escaped in 2012.")
    assert p["first_crossing_year"] == 2006 and p["crossing_river"] == "Tumen"


def test_sold_repeatedly_leaves_the_count_open():
    p = prof("Ahn Hye-won crossed in 1999. Ahn said she was sold repeatedly over ten years.")
    assert p["times_sold"] is None


# --- an introduction before she speaks (first-person accounts) ------------------------------

INTERVIEW = (
    "This week we are talking with Ms. Bae Yu-jin, a young mother who was sold to a husband in "
    "Jilin.\n\n"
    "Could you tell us where you grew up?\n\n"
    "I grew up in a mining town with my two brothers, and my father worked in the mine. "
    "In 2009 a woman from the market said I could earn money in China. I believed her. "
    "I crossed the river with her at night. Two days later she sold me to a farmer for 5,000 yuan. "
    "I lived with him in his village for four years, and my life there was hard.")


def test_the_introduction_of_an_interview_tells_her_sale_once():
    p = prof(INTERVIEW)
    assert p["times_sold"] == 1  # the introduction's sale is the one her own telling tells
    assert [(s["amount"], s["purpose"]) for s in p["sales"]] == [(5000, "marriage")]
    assert "forced_marriage" in p["exploitation"]
    assert "deception_job_offer" in p[
        "recruitment"]  # the story of the lure is read up to the told sale


def test_the_introduction_alone_still_gives_her_sale():
    p = prof("Today we meet Ms. Bae Yu-jin, a refugee who was sold to a farmer in China.\n\n"
             "Where were you born?\n\nI was born in a small town near the coast. My father worked "
             "on a ship "
             "and my mother sold fish. I was the youngest of four, and I left school at fifteen.")
    assert p["times_sold"] == 1
    assert p["exploitation"] == ["forced_marriage"]


def test_the_interviewers_question_tells_nothing():
    p = prof("Can you introduce yourself and say how you were taken to China?\n\n"
             "I am forty. I went to China with my cousin in 2004 and nobody sold me.")
    assert "introduced_marriage" not in p["recruitment"]


def test_a_name_after_her_telling_started_is_not_the_introduction():
    p = prof("I crossed in 2005 with my aunt. Ms. Ahn Mi-ok, a neighbour who was sold to a farmer, "
             "lived in the next village. I worked in a restaurant in Yanji.")
    assert p["times_sold"] is None


def test_an_aim_to_sell_her_is_not_a_sale():
    p = prof("The broker drove me to three villages to sell me. In the last one a man paid him "
             "7,000 yuan for me.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [7000]


def test_the_buyer_named_when_she_learnt_of_the_sale():
    p = prof(
        "The guide sold me for 9,000 yuan. A week later I learnt I had been sold to a Chinese man "
             "in the next county.")
    assert p["times_sold"] == 1
    assert p["sales"][0]["purpose"] == "marriage"
    assert "forced_marriage" in p["exploitation"]


def test_her_turn_in_a_transcript_is_her_own_words():
    text = ("JOHN REED, REPORTER: Han Yu-mi left her village in 2009. Han Yu-mi paid a guide to "
            "take her "
            "across the river. She says the guide had other plans.\n\n"
            "HAN YU-MI (Translation): I thought I would work in a restaurant. Then I learnt I had "
            "been sold "
            "to a Chinese farmer for 8,000 yuan.\n\n"
            "JOHN REED: Han says I should not use her real name.")
    p = prof(text)
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [8000]
    assert "forced_marriage" in p["exploitation"]


@pytest.mark.parametrize("text,surname", [
    ("The woman, who gave only her family name, Hwang, said she was caught by police in 2010 and "
     "sent back. "
     "Hwang said the guards beat her.", "Hwang"),
    ("A mother of two, identified only as Moon, told the panel she had crossed in 2003. Moon said "
     "she was sold.",
     "Moon"),
])
def test_her_surname_given_as_a_family_name(text, surname):
    p = prof(text)
    assert p["surname"] == surname
    assert p["times_sold"] in (None, 1)


def test_her_name_beside_a_noun_is_her():
    p = prof("One refugee, Mrs. Ahn, recalls being sold to a Chinese man for 3,000 yuan. Ahn says "
             "she ran away "
             "after two years. Ahn now lives in Seoul with her son.")
    assert p["times_sold"] == 1
    assert [s["amount"] for s in p["sales"]] == [3000]


def test_a_count_after_the_first_verb_is_that_verbs():
    p = prof("Ms. Ahn, 28, was arrested twice in China and repatriated. Ahn now lives in Seoul.")
    assert (p["arrested_in_china"], p["repatriated"]) == (2, 1)


UNNAMED = ("A refugee who was recently freed from a labour camp has asked to be sent back there, a "
           "source told "
           "the radio.\n\nThe woman, who had been sold in China by traffickers eight years ago, "
           "was caught by "
           "Chinese police and repatriated last spring.\n\n“The woman was badly treated by her "
           "Chinese husband in "
           "Jilin. She ran away last year, but she was arrested by Chinese police and sent back "
           "to North Korea,” "
           "said the source.")


def test_a_report_that_never_names_her_reads_the_woman_as_her():
    p = prof(UNNAMED)
    assert p["times_sold"] == 1
    assert (p["arrested_in_china"],
            p["repatriated"]) == (1, 1)  # the same arrest and return, told twice


def test_she_in_a_quote_of_someone_else_is_her():
    p = prof("Ms. Paek, 40, crossed in 2010. Paek was sold to a farmer the next year. “She was "
             "caught by "
             "the police in 2015 and sent back to North Korea,” said a church worker. Paek now "
             "lives in Seoul.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


# --- her crossing told twice, or only by where she was --------------------------------------

def test_a_ledes_undated_crossing_takes_the_year_the_story_tells():
    text = ("“I ran away from the North and went to China, where a man sold me,” she says.\n"
            "Jang Mi-ok, 39, defected from North Korea in 2001. Two weeks later a broker sold "
            "her to a farmer.")
    assert prof(text)["first_crossing_year"] == 2001


def test_a_later_dated_crossing_after_a_return_is_not_the_first():
    text = ("Jang Mi-ok fled to China and was sold. In 2003 she was arrested and sent back. "
            "Jang crossed the Tumen again in 2005.")
    assert prof(text)["first_crossing_year"] is None


def test_arriving_in_a_chinese_town_tells_the_crossing_and_the_lead_in_date():
    text = ("One day a woman from the next village came to see me. In March 2004 she said I "
            "should come with her. As soon as we arrived in Longjing, she sold me to a farmer.")
    p = prof(text)
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2004, 3)


def test_arriving_in_a_north_korean_town_tells_no_crossing():
    text = ("In March 2004 my aunt said I should come with her. As soon as we arrived in "
            "Hyesan, she sold me to a trader.")
    assert prof(text)["first_crossing_year"] is None


def test_form_fields_on_joined_lines_give_her_birth_year_and_home():
    text = ("Survivor Story – Han Ok-ju\nName: Han Ok-ju\n(Name changed)\nDate of birth: 1974\n"
            "Hometown: Hamgyong Namdo\nNobody in my village believed what happened next. A man "
            "sold me in 1999.")
    p = prof(text)
    assert (p["birth_year"], p["origin_nk"]) == (1974, "Hamgyong Namdo")


def test_an_age_at_the_time_is_tied_to_the_storys_year():
    text = ("I crossed the river in 2005 and stayed a week in a village near the border. Then a "
            "driver took me to a city far inland. A farmer there paid for me. I was 25 years old "
            "at the time, and his mother was already old.")
    assert prof(text)["birth_year"] == 1980


@pytest.mark.parametrize("text,origin", [
    ("Pak Sun-hee, 51, left in 2002. Originally from Musan, she worked in a mine office.",
     "Musan"),
    ("She is originally from Hoeryong. A broker sold her in 2006.", "Hoeryong"),
    ("Ri, a 27-year-old woman from Hyesan, was sold to a farmer in 2011.", "Hyesan"),
])
def test_her_home_town_told_in_a_report(text, origin):
    assert prof(text)["origin_nk"] == origin


def test_another_woman_from_a_town_is_not_her_home():
    text = "I crossed in 2003. In Yanji I met a woman from Musan who sold vegetables. I was sold."
    assert prof(text)["origin_nk"] is None


def test_a_year_in_an_after_clause_does_not_date_her_crossing():
    text = "Min said she fled to China to find food after her father died of hunger in 1997."
    assert prof(text)["first_crossing_year"] is None
    assert prof("Min said she fled to China in 1998 to find food.")["first_crossing_year"] == 1998
