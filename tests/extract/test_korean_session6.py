"""Korean news reports and case notes: error classes found in session 6 across dev sets, on
short texts written for these tests (not from any source)."""

from __future__ import annotations

from casebook.extract import extract, profile
from casebook.extract.negation import FACT, UNREAL, korean_status


def _p(text: str) -> dict:
    return profile(extract(text, lang="ko"))


def _status(s: str, word: str) -> str:
    at = s.index(word)
    return korean_status(s, at, at + len(word))


def test_a_possible_return_is_not_a_return():
    assert _status("언제 북송될지 모르는 불안감에 떨었다.", "북송") == UNREAL
    assert _status("북송 될 위험이 있어 돌아가지 않았다.", "북송") == UNREAL
    assert _status("체포될 경우 고문을 받는다.", "체포") == UNREAL
    assert _status("붙잡혀 북송될 때마다 매를 맞았다.", "북송") == FACT
    assert _status("결국 북송을 당할 수밖에 없었다.", "북송") == FACT
    p = _p("박씨는 2009년 강을 건넜다. 그녀는 북송될지 모르는 두려움 속에 살았다.")
    assert p["repatriated"] is None


def test_inner_mongolia_is_china_not_a_third_country():
    p = _p("최씨는 2003년 탈북했다. 그 뒤 내몽골에서 공안에 붙잡혀 북송됐다.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


def test_a_count_after_and_counts_the_next_noun():
    p = _p("윤씨는 2001년 강을 건넜다. 그녀는 2004년 북송됐다. 북송과 세 번의 탈북을 겪은 "
           "윤씨는 지금 서울에 산다.")
    assert p["repatriated"] == 1


def test_returns_of_many_people_in_a_lede_are_not_hers():
    p = _p("올봄 여러 탈북민이 한꺼번에 북송됐다. 정씨는 2011년 탈북했다. 그녀는 2014년 공안에 "
           "잡혀 북송됐다. 그곳에서는 강제북송된 탈북민들이 조사를 받는다.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


def test_a_holding_centres_cell_is_not_a_police_jail():
    p = _p("한씨는 2008년 탈북했다. 2010년 공안에 잡혀 북송돼 보위부 집결소 구류장에 갇혔다.")
    assert sorted(p["nk_detention"]) == ["holding_centre", "state_security_interrogation"]


def test_a_return_that_introduces_her_by_experience_is_told_again():
    p = _p("기자는 북송돼 집결소에 갇혔던 경험이 있는 탈북민 송미경 씨를 만났다. 송씨는 2005년 "
           "탈북했다. 2007년 송씨는 공안에 체포돼 북송됐다.")
    assert p["repatriated"] == 1


def test_an_arrest_told_after_her_arrival_in_the_south_is_a_flashback():
    p = _p("탈북 여성 한국 도착\n탈북 여성 장미란씨가 지난달 남한에 도착했다. 장씨는 원래 "
           "지난해 한국에 오려 했다. 그런데 장씨는 그때 중국 공안에 체포되어 북송됐다.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)


def test_her_age_this_year_on_a_dated_page_gives_her_birth_year():
    p = _p("구출 소식\n2015.03.02\n함경북도 출신인 오○○ 씨는 올해 40세인 어머니입니다. 오씨는 "
           "2012년 탈북했습니다.")
    assert p["birth_year"] == 1975
    q = _p("구출 소식\n함경북도 출신인 오○○ 씨는 올해 40세입니다. 오씨는 2012년 탈북했습니다.")
    assert q["birth_year"] is None  # no date: "this year" is unknown
    r = _p("구출 소식\n2015.03.02\n오○○ 씨는 올해 7살인 딸과 함께 2012년 탈북했습니다.")
    assert r["birth_year"] is None  # her daughter's age


def test_a_count_in_digits_and_an_order_are_told_apart():
    p = _p("박씨는 2005년 탈북했다. 옥수수 농사를 짓는 남자와 살며 아이도 낳았지만 그 뒤 3번이나 "
           "북한으로 끌려갔고 네 번째 탈북 끝에 한국에 왔다.")
    assert p["repatriated"] == 3
    q = _p("박씨는 2005년 탈북했다. 그녀는 2008년 북송됐다. 네 번째 탈북에서 한국에 왔다.")
    assert q["repatriated"] == 1


def test_she_introduces_herself_after_a_few_words():
    p = _p("안녕하세요, 저는 청진에서 온 한미숙이라고 해요. 2010년 탈북했습니다.")
    assert p["surname"] == "한"
    assert _p("저는 두 아이의 엄마 한미숙 입니다. 2010년 탈북했습니다.")["surname"] == "한"
    assert _p("저는 북한에서 온 한국인입니다. 2010년 탈북했습니다.")["surname"] is None


def test_a_church_pages_title_for_her_names_her():
    assert _p("탈북민 배순례 수기\n저는 2010년 탈북했습니다.")["surname"] == "배"
    assert _p("오늘 소개할 배순례 자매(41세)는 2010년 탈북했다.")["surname"] == "배"


def test_a_wish_after_a_lure_word_is_no_lure():
    p = _p("2006년에 강씨는 국경을 넘었는데, 인신매매를 당해 한족 남자에게 팔렸다. 강씨는 “좋은 "
           "남자를 만나 잘 살고 싶다”고 말했다.")
    assert p["recruitment"] == ["voluntary_alone"]
    assert _status("좋은 남자를 만나 잘 살고 싶다", "만나") == UNREAL
    assert _status("팔렸는데 도망가고 싶었다", "팔렸") == FACT


def test_leaving_for_china_at_an_age_in_a_year():
    p = _p("저는 평안도 시골에서 자랐습니다. 빚에 쫓기다 25살 되던 해(2009년) 혼자 중국으로 "
           "떠났습니다.")
    assert (p["birth_year"], p["first_crossing_year"]) == (1984, 2009)


def test_a_province_she_was_held_in_is_not_where_she_lived():
    p = _p("하씨는 2004년 탈북해 지린성 연길에서 살았다. 2008년 그녀는 공안에 체포돼 "
           "랴오닝(遼寧)성 단둥(丹東) 변방대에 구류돼 있다 북송됐다.")
    assert p["province_china"] == "Jilin"
    q = _p("하씨는 2004년 탈북했다. 그녀는 체포돼 헤이룽장성 하얼빈으로 이송됐다가 북송됐다.")
    assert q["province_china"] is None


def test_sold_to_another_man_is_a_second_sale():
    p = _p("최씨는 2008년 중국으로 갔습니다. 브로커는 그녀를 산속 마을 홀아비에게 팔았습니다. "
           "이듬해 그녀는 다른 한족 남자에게 팔렸습니다.")
    assert p["times_sold"] == 2


def test_a_risk_of_being_sold_is_no_sale():
    p = _p("오씨는 2010년 탈북했다. 주인이 그녀를 팔아넘길 계획을 세웠다. 오씨는 팔릴 위험을 "
           "느끼고 밤에 빠져나왔다.")
    assert not p["times_sold"]
    q = _p("오씨는 2010년 탈북했다. 브로커는 그녀를 두 번이나 시집보내고 돈을 챙겼다.")
    assert q["times_sold"] == 2


def test_a_page_that_lost_its_year_and_month_words():
    p = _p("19889월 평성에서 태어난 윤씨는 장사를 하며 컸습니다. 2005, 윤씨는 친구와 강을 "
           "건넜습니다.")
    assert (p["birth_year"], p["first_crossing_year"]) == (1988, 2005)
    q = _p("결국 20167, 전씨는 밤에 혼자 두만강을 건넜습니다.")
    assert (q["first_crossing_year"], q["first_crossing_month"]) == (2016, 7)


def test_a_stated_year_wins_over_an_age_in_the_same_sentence():
    from casebook.extract.dates import Timeline, find_dates

    t = Timeline(1980)
    s = "2005년, 스물여섯 살 때 강을 건넜다."
    d = t.advance(find_dates(s))
    assert d is not None and d.year == 2005


def test_sold_around_without_a_count_is_vague():
    p = _p("몇 년 동안 여기저기로 팔려 다닌 백씨가 지난달 서울에 왔다. 백씨는 2003년 탈북했다. "
           "백씨는 처음 한족에게 팔렸다.")
    assert p["times_sold"] is None
    q = _p("저는 2003년 탈북해 한족에게 팔렸어요. 다른 여성들은 더는 팔려 다니지 않았으면 "
           "해요.")
    assert q["times_sold"] == 1


def test_what_follows_in_case_of_a_return_is_a_possibility():
    p = _p("저는 2007년에 탈북했어요. 여기서 잡힐 경우 매질과 강제낙태가 기다린다고 들었어요.")
    assert p["violence"] == [] and p["repatriated"] is None
    q = _p("저는 2007년에 탈북했어요. 북송될 경우를 대비했지만 결국 잡혀서 매를 맞았다.")
    assert q["violence"] == ["beating"]


def test_kunming_is_in_china_and_a_later_count_is_another_verbs():
    p = _p("황씨는 2015년 탈북했다. 그녀는 한국에 가려고 쿤밍까지 갔다가 공안에 붙잡혔다. "
           "붙잡힌 일행 가운데 황씨는 그전에도 세 차례나 남편 집에서 도망쳤다.")
    assert p["arrested_in_china"] == 1


def test_born_in_a_town_told_with_chulsaeng():
    p = _p("1975년 함경북도 회령에서 출생한 송씨는 2001년 탈북했다.")
    assert (p["origin_nk"], p["birth_year"]) == ("함경북도 회령", 1975)


def test_a_crossing_that_describes_someone_else_or_is_general():
    p = _p("그녀는 먼저 중국으로 건너간 오빠를 그리워했다. 그녀는 한족에게 팔려갔다.")
    assert (p["first_crossing_year"], p["crossing_river"]) == (None, None)
    q = _p("당국은 압록강을 건너는 행위를 엄하게 다스렸다. 그녀는 2004년 혼자 국경을 넘었다.")
    assert (q["first_crossing_year"], q["crossing_river"]) == (2004, None)
    r = _p("언니를 찾아 2001년 중국으로 건너간 뒤 언니가 팔린 것을 알았다.")
    assert r["first_crossing_year"] == 2001


def test_returns_in_news_wording():
    for text in ("구씨는 2010년 탈북했다. 2012년 공안에 잡혀 북으로 보내졌다.",
                 "구씨는 2010년 탈북했다. 2012년 공안에 잡혀 강제 북송 조치됐다.",
                 "구씨는 2010년 탈북했다. 2012년 공안에 잡혀 北送됐다.",
                 "구씨는 2010년 탈북했다. 2012년 공안에 잡혀 북한 보위부로 넘겨졌다."):
        assert _p(text)["repatriated"] == 1, text
    assert _p("구씨는 2010년 탈북했다. 그녀는 강제북송 조치에 반대했다.")["repatriated"] is None


def test_handed_over_at_a_price_to_a_buyer_named_in_two_words():
    p = _p("문씨는 2010년 탈북했다. 브로커는 문씨를 2만 위안에 농촌 총각에게 넘겼다.")
    assert [s["amount"] for s in p["sales"]] == [20000.0]
    q = _p("문씨는 2010년 탈북했다. 브로커는 2만 위안을 받고 언니를 농촌 총각에게 넘겼다.")
    assert q["sales"] == []


def test_money_slipped_to_get_her_out_is_a_bribe_not_her_price():
    p = _p("저는 2012년 탈북해 한족 식당 주인에게 팔려갔어요. 단속에 걸렸을 때 주인이 공안에게 "
           "600원을 찔러주고 저를 빼냈어요.")
    assert p["times_sold"] == 1 and p["sales"] == []


def test_a_possibility_gives_way_to_the_fact_told_after_it():
    p = _p("곽씨는 2005년 탈북했다. 그녀는 체포될 경우 북송된다는 것을 알았지만 결국 2009년 "
           "공안에 체포됐다.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, None)
    q = _p("곽씨는 2005년 탈북했다. 북송될지 모른다는 두려움에 떨었지만 결국 2009년 공안에 잡혀 "
           "북송됐다.")
    assert (q["arrested_in_china"], q["repatriated"]) == (1, 1)


def test_another_womans_price_two_sentences_later_is_not_hers():
    p = _p("두 여성이 안전국에 왔습니다. 함경북도 출신인 이○○ 씨는 2012년 탈북해 한족에게 "
           "팔려갔습니다. 이 씨는 2015년 공안에 체포됐습니다. 같이 온 박○○ 씨는 2014년 탈북해 "
           "2만 위안에 팔렸습니다. 박 씨는 한 번도 잡힌 적이 없습니다.")
    assert (p["surname"], p["times_sold"], p["sales"]) == ("이", 1, [])


def test_an_arrest_in_north_korea_before_she_left_is_not_in_china():
    p = _p("저는 2009년 장마당에서 장사를 하다 북한 경찰에게 잡혀 한 달 갇혔어요. 2010년 두만강을 "
           "건넜어요.")
    assert p["arrested_in_china"] is None


def test_a_north_korean_facility_she_was_held_in_implies_her_return():
    p = _p("김모씨(34). 2009년 탈북. 2011년 공안에 체포. 보위부 조사 후 노동단련대 1년.")
    assert (p["repatriated"], sorted(p["nk_detention"])) == (
        1, ["labour_training_camp", "state_security_interrogation"])
    q = _p("박씨는 2009년 탈북했다. 그녀는 탈북 전에 단련대에서 1년을 보냈다. 2011년 한족에게 "
           "팔렸다.")
    assert (q["repatriated"], q["nk_detention"]) == (None, [])
    r = _p("박씨는 2009년 탈북했다. 2011년 공안에 잡혀 투먼의 변방관리소에 수감됐다가 북송됐다.")
    assert "kwanliso" not in r["nk_detention"]


def test_a_charge_is_no_crossing_and_a_prison_left_before_crossing_again_is_north_korean():
    p = _p("채씨는 2004년 중국으로 건너갔다. 2007년 공안에 잡혀 북송됐다. 탈북한 죄로 1년 형을 "
           "받았다. 감옥에서 나온 채씨는 2010년 다시 국경을 넘었다.")
    assert p["first_crossing_year"] == 2004 and p["nk_detention"] == ["other"]


def test_a_case_note_in_nominal_style():
    p = _p("오모씨(38). 2009년 탈북. 6천 위안에 한족에게 매매됨. 2011년 4월 공안 단속에 걸림. "
           "2011년 5월 북송.")
    assert [s["amount"] for s in p["sales"]] == [6000.0]
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)
    q = _p("오모씨(38). 2009년 탈북. 2012년 연길에서 체포됨. 이후 강제북송.")
    assert (q["arrested_in_china"], q["repatriated"]) == (1, 1)
    r = _p("오모씨(38). 2009년 탈북. 2013년 5월 체포 및 북송.")
    assert (r["arrested_in_china"], r["repatriated"]) == (1, 1)


def test_counts_in_case_note_shorthand():
    assert _p("변모씨(40). 2005년 탈북. 강제북송 2회.")["repatriated"] == 2
    assert _p("변모씨(40). 2005년 탈북. 중국에서 두 차례 팔림.")["times_sold"] == 2


def test_an_arrest_told_again_in_the_next_line_is_one_arrest():
    p = _p("오모씨(38). 2009년 탈북. 2011년 4월 공안 단속에 걸림. 2011년 5월 체포 및 북송.")
    assert p["arrested_in_china"] == 1
    q = _p("오모씨(38). 2009년 탈북. 2011년 공안에 잡혔다가 벌금을 내고 풀려남. 2012년 다시 체포.")
    assert q["arrested_in_china"] == 2


def test_many_years_is_not_many_people():
    assert _p("저는 2005년 탈북했어요. 여러 해가 지나 한족에게 팔렸어요.")["times_sold"] == 1


def test_a_two_syllable_name_before_ssi_is_a_given_name():
    p = _p("탈북 여성 은주 양은 올해 스무 살이다. 은주 양은 2015년 혼자 강을 건넜다. 은주 양은 "
           "한족에게 팔렸다.")
    assert p["surname"] is None
    q = _p("탈북 여성 한은주(가명) 씨는 2015년 강을 건넜다. 은주 씨는 한족에게 팔렸다.")
    assert q["surname"] == "한"
