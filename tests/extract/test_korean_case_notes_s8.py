"""Session 8, Korean: classes met on real news reports and NGO case notes, tested on short texts
written for these tests (not from any source)."""

from __future__ import annotations

from casebook.extract import extract, profile
from casebook.extract.clean import clean, sentences


def _p(text: str) -> dict:
    return profile(extract(text, lang="ko"))


def _sents(text: str) -> list[str]:
    c = clean(text)
    return [c.text[a:b] for a, b in sentences(c.text)]


# --- a sale that introduces her --------------------------------------------------------------

def test_a_sale_that_introduces_her_by_name_is_hers():
    assert _p("중국 농촌으로 팔려간 탈북여성 이모(28)씨는 지난해 한국에 왔다.")["times_sold"] == 1
    assert _p("이씨는 2005년 중국으로 팔려간 탈북 여성이다.")["times_sold"] == 1


def test_the_introduction_and_the_story_are_one_sale():
    p = _p("인신매매단에 팔려간 탈북 여성 A씨가 지난달 한국에 입국했다. "
           "A씨는 2010년 흑룡강성 농촌에 5000위안에 팔렸다.")
    assert p["times_sold"] == 1 and [s["amount"] for s in p["sales"]] == [5000]


def test_women_sold_in_general_are_not_her():
    assert _p("중국으로 팔려간 여성들이 많다. 김씨는 공장에서 일했다.")["times_sold"] is None
    assert _p("김씨는 팔려간 탈북 여성 두 명을 만났다.")["times_sold"] is None


def test_a_return_that_introduces_her():
    assert _p("강제북송됐던 탈북여성 김모(40)씨가 증언했다.")["repatriated"] == 1


# --- how she left ------------------------------------------------------------------------------

def test_a_spaced_crossing_verb():
    assert _p("박씨는 2010년 탈북 했다.")["first_crossing_year"] == 2010
    assert _p("박씨는 2009년 봄에 탈북 하였다.")["first_crossing_year"] == 2009
    assert _p("박씨의 오빠는 2010년 탈북 했다.")["first_crossing_year"] is None


def test_left_to_earn_money_and_defrauded_on_the_way():
    p = _p("김씨는 2012년 탈북 했다. 그녀는 부모님 약값을 벌려고 떠났다가 사기를 당해 "
           "노래방에서 일하게 됐다.")
    assert set(p["recruitment"]) == {"deception_job_offer", "voluntary_alone"}


def test_defrauded_at_home_is_not_a_lure():
    p = _p("그녀는 돈을 벌려고 장사를 하다가 사기를 당했다. 2008년 혼자 두만강을 건넜다.")
    assert "deception_job_offer" not in p["recruitment"]


def test_a_promise_of_money_by_someone_she_followed():
    p = _p("최씨는 여비를 벌게 해주겠다는 조선족 남자를 따라 나섰다가 한족에게 팔렸다.")
    assert "deception_job_offer" in p["recruitment"] and "other" not in p["recruitment"]
    assert "deception_job_offer" not in _p("최씨는 집을 구해주겠다는 조선족을 따라 나섰다.")[
        "recruitment"]


# --- case notes: items one a line, or between slashes ---------------------------------------

NOTE_LINES = ("윤○○(1981년생, 함경북도 경성 출신)\n"
              "- 2006년 두만강 도강\n"
              "- 조선족 브로커에 의해 요녕성 농촌 한족 남성에게 6천 위안에 팔림\n"
              "- 딸 1명 출산\n"
              "- 2012년 공안 단속으로 체포, 강제북송\n"
              "- 집결소 수감 후 2013년 재탈북\n")


def test_bulleted_items_are_sentences():
    assert _sents(NOTE_LINES)[1:3] == [
        "- 2006년 두만강 도강", "- 조선족 브로커에 의해 요녕성 농촌 한족 남성에게 6천 위안에 팔림"]


def test_a_bulleted_case_note():
    p = _p(NOTE_LINES)
    assert p["first_crossing_year"] == 2006 and p["crossing_river"] == "Tumen"
    assert [(s["amount"], s["year"]) for s in p["sales"]] == [(6000, 2006)]
    assert p["arrested_in_china"] == 1 and p["repatriated"] == 1
    assert p["nk_detention"] == ["holding_centre"]


def test_unbulleted_items_that_end_in_a_nominal_verb():
    text = "2006년 두만강 도강\n요녕성 농촌에 6천 위안에 팔림\n딸 1명 출산\n2012년 강제북송됨"
    assert len(_sents(text)) == 4
    p = _p(text)
    assert p["first_crossing_year"] == 2006 and [s["year"] for s in p["sales"]] == [2006]


def test_a_news_script_wrapped_inside_sentences_stays_joined():
    text = ("지난 2009년\n함경북도에 살던 30대 여성 박 모 씨는\n중국에 가면 잘 살 수 있다는 말에\n"
            "두만강을 건넜습니다.")
    assert len(_sents(text)) == 1


def test_slash_separated_items():
    text = ("한○○ 씨 / 1988년생 / 양강도 혜산 출신 / 2010년 압록강 도하 / "
            "길림성 연길의 노래방에 팔려 성매매 강요당함 / 두 차례 강제북송")
    p = _p(text)
    assert p["first_crossing_year"] == 2010 and p["crossing_river"] == "Yalu"
    assert p["repatriated"] == 2 and "prostitution" in p["exploitation"]


def test_a_slash_in_english_is_not_a_break():
    assert len(_sents("He said yes / no and left.")) == 1


def test_held_in_the_north_before_she_left_again_is_no_second_return():
    p = _p("김씨는 2004년 탈북했다. 김씨는 2010년 강제북송됐다. "
           "그녀는 교화소에서 2년을 보낸 뒤 2012년 다시 탈북했다.")
    assert p["repatriated"] == 1 and p["nk_detention"] == ["kyohwaso"]


def test_dotted_dates_give_the_month():
    p = _p("김씨는 2016.9. 압록강 도하 후 연길에서 한족에게 팔림/ 2018. 4. 공안 단속에 걸려 북송")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2016, 9)
    assert [s["year"] for s in p["sales"]] == [] and p["repatriated"] == 1
    assert (_p("2012. 5. 두만강 도강")["first_crossing_month"]) == 5


def test_an_english_sentence_ending_in_a_year_still_ends():
    assert len(_sents("My cousin took me across the Tumen in 2002. Later a broker sold me.")) == 2


# --- children, and a choice put to her -------------------------------------------------------

def test_a_child_she_had_with_him_told_with_its_age():
    assert _p("김씨는 한족 남편과의 사이에서 난 다섯 살 된 딸이 있다.")["children_in_china"] == 1
    assert _p("김씨는 중국인 남편과의 사이에 아들 하나를 두고 있다.")["children_in_china"] == 1
    assert _p("김씨는 북한에 아들 하나를 두고 왔다.")["children_in_china"] is None


def test_a_choice_put_to_her_is_not_what_she_was_made_to_do():
    assert _p("업주는 김씨에게 성매매를 하겠냐고 물었지만 김씨는 거절했다.")["exploitation"] == []
    offered = _p("브로커는 김씨에게 '시집을 가겠느냐, 매춘을 하겠느냐'고 물었다.")
    assert offered["exploitation"] == []
    assert _p("김씨는 노래방에서 성매매를 강요당했다.")["exploitation"] == ["prostitution"]


# --- a payment for her crossing, counts and shorthand ----------------------------------------

def test_her_fee_to_the_broker_is_not_the_price_of_the_sale_before():
    p = _p("김씨는 한족 남성에게 팔렸다. 김씨는 브로커에게 3천 위안을 주고 강을 건넜다.")
    assert p["times_sold"] == 1 and p["sales"] == []


def test_the_buyer_paying_the_broker_is_not_her_choice_of_a_broker():
    p = _p("김씨는 한족 남성에게 팔렸다. 남자는 브로커에게 5천 위안을 주고 김씨를 샀다.")
    assert "voluntary_with_broker" not in p["recruitment"]
    assert [s["amount"] for s in p["sales"]] == [5000]


def test_sold_in_turn_to_a_number_of_men():
    assert _p("그녀는 2명의 한족 남성에게 차례로 팔렸다.")["times_sold"] == 2
    assert _p("김씨는 중국인 남자 세 명에게 잇따라 팔려 다녔다.")["times_sold"] == 3
    assert _p("김씨는 2명의 한족 남성에게 팔려 간 여성들을 만났다.")["times_sold"] is None


CASE_SHORTHAND = ("사례 5. 문○○ (41세, 여)\n"
                  "- 인신매매 피해 2회\n"
                  "- 조선족 남성에게 인신매매(7천 위안)\n"
                  "- 체포 2회, 강제북송 2회\n"
                  "- 보위부 → 집결소 → 노동단련대\n"
                  "- 자녀: 딸 1명(중국 출생)\n")


def test_a_case_notes_shorthand():
    p = _p(CASE_SHORTHAND)
    assert p["times_sold"] == 2 and [s["amount"] for s in p["sales"]] == [7000]
    assert p["arrested_in_china"] == 2 and p["repatriated"] == 2
    assert p["children_in_china"] == 1
    assert set(p["nk_detention"]) == {"state_security_interrogation", "holding_centre",
                                      "labour_training_camp"}


def test_a_child_born_in_the_north_after_her_return_is_not_counted():
    later = _p("김씨는 2015년 강제북송됐다. 그 후 북한에서 아들을 낳았다.")
    assert later["children_in_china"] is None
    assert _p("김씨는 2015년 강제북송됐다. 중국에서 낳은 딸은 남편이 키운다.")[
        "children_in_china"] == 1


def test_word_of_money_across_the_border_that_a_broker_then_took_her_on():
    p = _p("박씨는 2006년 중국에 가면 돈을 많이 벌 수 있다는 말에 "
           "브로커에게 돈을 주고 강을 건넜다.")
    assert set(p["recruitment"]) == {"deception_job_offer", "voluntary_with_broker"}
    alone = _p("박씨는 중국에 가면 돈을 벌 수 있다는 말을 듣고 혼자 탈북했다.")
    assert alone["recruitment"] == ["voluntary_alone"]


def test_a_sale_named_in_an_indirect_question_is_the_one_told():
    p = _p("김씨는 2010년 한족 남성에게 팔렸다. 그녀는 자신이 얼마에 팔렸는지도 모른다.")
    assert p["times_sold"] == 1
    assert _p("김씨는 자신이 얼마에 팔렸는지도 모른다.")["times_sold"] == 1


# --- other people's suffering and other women's prices ---------------------------------------

def test_violence_her_sister_suffered_is_not_hers():
    p = _p("김씨는 \"언니가 북송된 뒤 보위부에서 고문을 당했다고 들었다\"고 말했다.")
    assert p["violence"] == []
    assert _p("김씨는 보위부에서 고문을 당했다.")["violence"] == ["other"]
    assert _p("시어머니가 김씨를 감금했다.")["violence"] == ["confinement"]


def test_a_price_per_woman_is_no_womans_price():
    p = _p("공안은 여성 1명당 1만 위안을 받고 농촌 총각들에게 팔아넘긴 조직을 적발했다. "
           "이 조직에 팔렸던 박모(29)씨는 한국행을 원한다.")
    assert p["times_sold"] == 1 and p["sales"] == []


def test_a_case_notes_nominal_denial_and_danger():
    p = _p("김○○: 2012년 탈북. 체포 경험 없음. 북송 이력 없음.")
    assert not p["repatriated"] and not p["arrested_in_china"]
    assert not _p("김○○: 2012년 탈북 / 체포·북송 없음 / 자녀 2명")["repatriated"]
    assert _p("김○○: 2012년 탈북. 공안 체포 위기 모면.")["arrested_in_china"] is None
    told = _p("김○○: 2012년 탈북. 2014년 체포, 강제북송.")
    assert told["arrested_in_china"] == 1 and told["repatriated"] == 1


def test_papers_she_bought_are_not_her_sale():
    assert _p("김씨는 중국 호구를 샀다.")["times_sold"] is None
    p = _p("김씨는 중국 호구를 5천 위안에 샀다.")
    assert p["times_sold"] is None and p["sales"] == [] and p["hukou_or_id"] == "fake"
    assert _p("한족 남성이 김씨를 5천 위안에 샀다.")["times_sold"] == 1


def test_a_crossing_told_with_the_headline_hanja_for_china():
    assert _p("탈북민 A씨(38)는 2008년 中으로 건너가 농촌 총각에게 팔렸다.")[
        "first_crossing_year"] == 2008


def test_her_husbands_or_the_brokers_arrest_is_not_hers():
    assert _p("A씨의 남편은 공안에 체포됐다.")["arrested_in_china"] is None
    gone = _p("A씨를 판 브로커는 공안에 붙잡혀 북송됐다.")
    assert gone["arrested_in_china"] is None and gone["repatriated"] is None
    assert _p("남편은 A씨와 함께 공안에 붙잡혔다.")["arrested_in_china"] == 1


def test_case_note_forms_of_a_broker_an_arrest_and_following():
    paid = _p("김○○: 2009년 브로커에게 도강비 3천 위안 지불 후 두만강 도강. 이후 인신매매됨.")
    assert paid["recruitment"] == ["voluntary_with_broker"] and paid["sales"] == []
    assert _p("김○○: 2015년 브로커를 통해 탈북, 한국행 도중 중국에서 체포.")[
        "arrested_in_china"] == 1
    assert _p("김○○: 중국에서 체포 위기를 넘겼다.")["arrested_in_china"] is None
    assert _p("김○○: 2009년 중국에 가면 잘 산다는 이웃을 따라감.")["first_crossing_year"] == 2009


def test_the_relative_she_went_to_find_is_no_recruiter():
    p = _p("김○○: 2009년 친척을 찾으러 중국에 갔다가 인신매매범에게 납치됨.")
    assert "relative" not in p["recruiter_relation"] and "abducted" in p["recruitment"]


def test_a_photo_credit_on_a_web_page_drops_its_own_line_only():
    text = ("사진=연합뉴스\n탈북 여성 이모씨는 2005년 중국에서 한족 남성에게 팔렸다.\n"
            "이씨는 2008년 강제북송됐다.")
    p = _p(text)
    assert p["times_sold"] == 1 and p["repatriated"] == 1
    assert _p("[사진] 탈북 여성 이모씨는 2005년 중국에서 한족에게 세 번 팔렸다.")["times_sold"] == 3


def test_a_return_that_introduces_her_with_a_count_and_the_story_after_it():
    p = _p("중국에서 두 차례 강제북송된 김모(40)씨는 지난해 한국에 왔다. "
           "김씨는 2010년 공안에 체포돼 북송됐다.")
    assert p["repatriated"] == 2 and p["arrested_in_china"] == 1
    assert _p("중국에서 두 차례 강제북송된 김모(40)씨는 지난해 한국에 왔다.")["repatriated"] == 2
    once = _p("강제북송된 김모(40)씨는 지난해 한국에 왔다. "
              "김씨는 2010년 공안에 체포돼 북송됐다.")
    assert once["repatriated"] == 1 and once["arrested_in_china"] == 1


def test_two_returns_in_one_sentence_and_a_re_crossing_with_no_first():
    p = _p("김씨는 2010년 공안에 체포돼 처음 북송됐고, 2012년 다시 붙잡혀 북송됐다.")
    assert p["repatriated"] == 2
    assert _p("김씨는 2010년 북송됐고, 언니는 다시 북송됐다.")["repatriated"] == 1
    again = _p("김씨는 2010년 북송됐다가 다시 탈북했다.")
    assert again["first_crossing_year"] is None and again["repatriated"] == 1
    back = _p("김씨는 2010년 강제북송됐다. 집결소 수감 후 2011년 재탈북.")
    assert back["first_crossing_year"] is None
    told = _p("김씨는 2004년 탈북했다. 2010년 북송됐다가 2011년 다시 탈북했다.")
    assert told["first_crossing_year"] == 2004


def test_after_someone_only_said_it_the_verbs_are_hers():
    p = _p("김씨는 같은 마을에 사는 여성이 중국 친척 집에 가자고 해 따라나섰다가 팔렸다.")
    assert p["times_sold"] == 1
    assert _p("언니가 먼저 가겠다고 해서 언니만 팔려갔다.")["times_sold"] is None


def test_a_woman_who_lives_in_her_village():
    p = _p("김씨는 같은 마을에 사는 여성이 중국 친척 집에 가자고 해 따라나섰다가 팔렸다.")
    assert "neighbour_or_villager" in p["recruiter_relation"]
    assert "sold_by_acquaintance" in p["recruitment"]


def test_a_sold_woman_described_as_someone_else():
    assert _p("이씨는 중국으로 팔려간 탈북 여성이었던 어머니를 찾고 있다.")["times_sold"] is None


def test_her_own_arrest_after_a_clause_about_the_broker():
    p = _p("브로커는 돈을 받고 떠났고 김씨는 공안에 붙잡혔다.")
    assert p["arrested_in_china"] == 1


def test_a_rule_told_in_a_case_note_is_no_event():
    assert _p("김○○: 탈북자는 중국에서 잡히면 바로 북송됨.")["repatriated"] is None


def test_a_wrapped_line_ending_in_a_noun_stays_joined():
    assert len(_sents("그 다음\n날 저는 강을 건넜어요.")) == 1
    assert _sents("정○○\n2004년 두만강 도강\n자녀 없음")[:2] == ["정○○", "2004년 두만강 도강"]
