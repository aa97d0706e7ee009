"""Korean reports and NGO case notes about her (third person, nominal style), on short texts
written for these tests (not from any source)."""

from __future__ import annotations

from casebook.extract import extract, profile
from casebook.extract.korean import context as korean_context
from casebook.extract.korean_discourse import context, rewrite


def _p(text: str) -> dict:
    return profile(extract(text, lang="ko"))


def _sales(p: dict) -> list[tuple[float, str]]:
    return sorted((s["amount"], s["currency"]) for s in p["sales"])


# --- who the report is about -------------------------------------------------------------------

def test_report_names_her_once_then_calls_her_by_surname_and_pronoun():
    p = _p(
        "탈북 여성 한수정(가명·29)씨는 함경북도 무산군 출신이다. 한씨는 2009년 5월 두만강을 "
        "건넜다. "
           "그녀는 건너편에서 기다리던 조선족 브로커에게 붙잡혀 한족 농민에게 1만 2천 위안에 "
           "팔려갔다.")
    assert p["surname"] == "한"
    assert p["origin_nk"] == "함경북도 무산군"  # as written, with the county
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2009, 5,
                                                                                          "Tumen")
    assert _sales(p) == [(12000, "RMB")]
    assert "forced_marriage" in p["exploitation"]


def test_informant_is_not_the_survivor():
    text = ("탈북민 구호 단체를 꾸리는 민 모 씨는 지난달 통화했다고 말했다. 민씨에 따르면 "
            "이 씨는 2012년 압록강을 건넌 뒤 한족 남성에게 팔려갔다.")
    ctx, facts = korean_context(text)
    assert ctx.initial == "이" and [f.value for f in facts] == ["이"]
    p = _p(text)
    assert p["surname"] == "이" and p["times_sold"] == 1 and p["crossing_river"] == "Yalu"


def test_given_name_and_a_man_named_with_a_title():
    p = _p("취재진은 오선희(가명·여·38)씨를 만났다. 선희씨는 조선족 농민 장철수(가명·50)씨가 "
           "6000위안을 주고 산 여자다. 철수씨는 그녀를 방에 가두고 밖에 못 나가게 했다.")
    assert p["surname"] == "오"
    assert _sales(p) == [(6000, "RMB")]
    assert "confinement" in p["violence"]


def test_another_titled_woman_and_relatives_keep_their_events():
    p = _p("김 씨와 윤 씨는 2001년 함께 두만강을 건넜다. 김 씨의 어머니는 보위부에 끌려갔다. "
           "윤 씨는 그해 가을 3천 위안에 팔렸다. 김 씨는 이듬해 5천 위안에 팔렸다.")
    assert p["first_crossing_year"] == 2001
    assert _sales(p) == [(5000, "RMB")]
    assert p["nk_detention"] == []


def test_rewrite_keeps_offsets_of_the_original_sentence():
    ctx = context("박미란(가명)씨는 팔려갔다. 박씨는 도망쳤다.")
    sentence = "박씨는 2년 뒤 도망쳤다."
    rw = rewrite(sentence, ctx)
    assert rw is not None and rw.text.startswith("저는")
    i = rw.text.index("도망")
    assert sentence[rw.start(i):rw.end(i + 2)] == "도망"


def test_quoted_reporters_first_person_does_not_hide_her():
    p = _p(
        "그녀는 “나는 스무 살이던 2006년 3월 혼자 강을 건넜다”고 말했다. 이후 인신매매단에 붙들려 "
        "팔려갔다.")
    assert p["birth_year"] == 1986
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2006, 3)
    assert {"voluntary_alone", "abducted"} <= set(p["recruitment"])


# --- case notes in nominal style ------------------------------------------------------------------

def test_nominal_case_note():
    p = _p("사례 5: 문○○(1987년생, 량강도 혜산시 출신)\n"
           "2008년 2월 압록강을 건넘. 중국 농촌에 4천 위안에 팔려 감. 남편의 폭행. "
           "2011년 공안에 체포되어 강제북송, 보위부 조사 후 노동단련대 6개월.")
    assert (p["surname"], p["birth_year"], p["origin_nk"]) == ("문", 1987, "량강도 혜산시")
    assert (p["first_crossing_year"], p["first_crossing_month"], p["crossing_river"]) == (2008, 2,
                                                                                          "Yalu")
    assert _sales(p) == [(4000, "RMB")] and p["times_sold"] == 1
    assert "beating" in p["violence"]
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 1)
    assert p["nk_detention"] == ["labour_training_camp", "state_security_interrogation"]


def test_birth_line_and_glued_year_month():
    p = _p(
        "1975년 함북 경성 출생. 20085월 두만강 도강. 조선족 브로커 소개로 한족 남성에게 2만 위안에 "
        "팔림.")
    assert (p["birth_year"], p["origin_nk"]) == (1975, "함북 경성")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2008, 5)
    assert "introduced_marriage" not in p["recruitment"]  # a broker's 소개 that ends in a sale
    assert _sales(p) == [(20000, "RMB")]


def test_headline_and_summary_do_not_count_events_twice():
    p = _p("탈북, 팔림, 북송, 그리고 한국\n\n중국에서 팔려 가정부 생활. 공안에 붙잡혀 북송.\n\n"
           "이 이야기는 탈북 여성 최모씨의 삶이다. 최씨는 2005년 두만강을 건넜다. 최씨는 조선족 "
           "집에 팔려가 "
           "가정부로 살았다. 2007년 공안이 집을 수색하다 최씨도 붙잡혔다. 최씨는 북송됐다.")
    assert (p["times_sold"], p["arrested_in_china"], p["repatriated"]) == (1, 1, 1)
    assert p["crossing_river"] == "Tumen"


# --- dates ------------------------------------------------------------------------------------

def test_flashback_and_birth_year_do_not_date_the_crossing():
    p = _p("2003년 4월 초 처음 보는 남자가 연길 식당에 일자리가 있다고 꼬드겼다. "
           "1995년 부모가 모두 세상을 떠난 뒤 그녀는 동생과 어렵게 살아오던 터였다. "
           "그녀는 열흘 뒤 두만강을 건넜다.")
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2003, 4)
    assert "stranger" in p["recruiter_relation"] and "deception_job_offer" in p["recruitment"]
    q = _p(
        "1968년 함경북도 온성군에서 태어난 강○○ 씨는 생활고로 탈북했다. 강 씨는 한족에게 팔려갔다.")
    assert q["birth_year"] == 1968 and q["first_crossing_year"] is None
    r = _p("지난해 8월 중국 훈춘으로 넘어 온 K(30) 씨는 농촌에 팔려 갔다.")
    assert (r["first_crossing_year"], r["first_crossing_month"]) == (None, 8)


def test_an_age_gap_is_not_her_age_and_a_decade_is_no_birth_year():
    p = _p(
        "1970년대 후반 함경북도 청진에서 태어난 조00씨는 2006년 3월 두만강을 건넜고 12살이나 많은 "
        "한족에게 팔려갔다.")
    assert p["birth_year"] is None
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2006, 3)
    assert p["origin_nk"] == "함경북도 청진"


# --- sales ------------------------------------------------------------------------------------

def test_sale_told_when_she_is_introduced_is_not_a_second_sale():
    p = _p("농촌에 팔려가 힘들게 살던 안○○씨가 최근 한국에 왔다. 안씨는 2010년 강을 건너자 "
           "인신매매를 당했고 남편에게 매일 맞았다.")
    assert p["times_sold"] == 1
    assert "beating" in p["violence"]


def test_price_heard_later_is_the_same_sale_and_resale_is_new():
    p = _p(
        "그녀는 조선족 브로커를 통해 시골 마을로 팔려갔다. 어느 날 시어머니에게서 “3만 위안에 "
        "사왔다”는 말을 들었다.")
    assert p["times_sold"] == 1 and _sales(p) == [(30000, "RMB")]
    q = _p(
        "이 여성은 처음 조선족 남성에게 8천 위안에 팔렸다. 2년 뒤 다른 한족 남성에게 1만 5천 "
        "위안에 되팔렸다.")
    assert q["times_sold"] == 2 and _sales(q) == [(8000, "RMB"), (15000, "RMB")]


def test_other_womens_sales_and_things_sold_are_not_hers():
    p = _p("그는 “내가 떠날 무렵 우리 마을 처녀 3명이 중국에 팔려 갔다”고 말했다. "
           "중국 조직들이 북한 여성들을 데려다 팔아먹는다고 했다. 그녀는 산나물을 팔아 살았다.")
    assert p["times_sold"] is None and p["sales"] == []


def test_fell_victim_and_bought_by_a_man():
    p = _p(
        "길○○ 씨는 2년 전 중국으로 건너가 인신매매의 희생양이 됐다. 길 씨를 사 간 한족 남자는 술을 "
        "좋아했다.")
    assert p["times_sold"] == 1 and "forced_marriage" in p["exploitation"]


def test_wages_and_another_womans_price_are_not_her_sale():
    p = _p(
        "브로커는 “하루에 100위안을 벌 수 있다”며 그녀를 데려갔다. 같이 간 여성은 2만 위안에 "
        "팔렸다. "
           "그녀는 1만 위안에 팔렸다.")
    assert _sales(p) == [(10000, "RMB")]


# --- how she was drawn in -----------------------------------------------------------------------

def test_voluntary_alone_then_abducted_and_hearsay_is_no_offer():
    p = _p("윤○○ 씨는 연길에 일자리가 많다는 소문을 듣고 2011년 탈북했다. 그러나 강을 건너자마자 "
           "인신매매조직에 붙잡혔고 한족 농가로 팔려갔다.")
    assert set(p["recruitment"]) == {"voluntary_alone", "abducted"}
    assert p["recruiter_relation"] == ["other"]


def test_lure_without_money_and_neighbour_who_led_her():
    p = _p(
        "동네 아주머니가 중국에 가면 쌀밥을 배불리 먹을 수 있다고 했다. 그녀는 그 아주머니를 따라 "
        "중국으로 갔다. "
           "아주머니는 그녀를 연길의 브로커에게 넘겼고 그녀는 농민에게 팔렸다.")
    assert "voluntary_alone" not in p["recruitment"]
    assert {"other", "sold_by_acquaintance"} <= set(p["recruitment"])
    assert {"neighbour_or_villager", "north_korean_trafficker"} <= set(p["recruiter_relation"])


def test_broker_she_crossed_with_and_broker_who_sold_her():
    p = _p("그녀는 중개업자와 함께 두만강을 건넜다. 이후 조선족 브로커를 통해 농촌으로 팔려 갔다.")
    assert "voluntary_with_broker" in p["recruitment"]
    q = _p("그녀는 2010년 혼자 두만강을 건넜다. 이후 조선족 브로커를 통해 농촌으로 팔려 갔다.")
    assert q["recruitment"] == ["voluntary_alone"]


# --- what was done to her, denials ---------------------------------------------------------------

def test_bar_is_exploitation_other_and_a_marriage_needs_a_sale():
    p = _p("그녀는 1만 위안에 팔려 술집 지하에 갇혔다.")
    assert p["exploitation"] == ["other"] and "confinement" in p["violence"]
    q = _p("그녀는 아들과 함께 탈북했는데 일자리를 구하기 어려워 중국 남자에게 시집을 가게 됐다.")
    assert q["exploitation"] == [] and q["times_sold"] is None
    r = _p("그녀는 다방과 식당을 전전하다가 돈에 팔려갔다. 팔려간 뒤 도망쳐 유흥업소에서 일했다.")
    assert "other" not in r["exploitation"]


def test_denials_and_fears_are_not_facts():
    p = _p("그녀는 공안에 잡혀갔지만 벌금을 물고 겨우 북송을 면했다.")
    assert (p["arrested_in_china"], p["repatriated"]) == (1, 0)
    q = _p("그녀는 북송될까 겁이 나서 밖에 나가지 않았다. 붙잡히지 않기 위해 늘 숨어 지냈다.")
    assert q["repatriated"] is None
    r = _p("그녀는 “남편이 아이를 낳아라, 안 그러면 다시 팔아 버린다”고 했다고 말했다.")
    assert r["times_sold"] is None


def test_denunciation_that_happened_children_and_papers():
    p = _p(
        "그녀는 한족에게 팔려갔다. 그녀는 중국인 남편과의 사이에서 태어난 아들을 두고 나왔다. "
        "국적이 없어 일을 할 수 없었다. 마을 사람들의 신고로 북송되었다.")
    assert "threat_of_denunciation" in p["violence"]
    assert p["children_in_china"] == 1 and p["hukou_or_id"] == "none"
    # a report told as the arrest it led to is that arrest (the pooled dev gold, two sets)
    q = _p("그녀는 한족에게 팔려갔다. 마을 사람들의 신고로 공안에 붙잡혔다.")
    assert "threat_of_denunciation" not in q["violence"] and q["arrested_in_china"] == 1


def test_province_is_the_last_one_she_lived_in():
    p = _p(
        "그녀는 지린성 옌볜의 한 농가에 팔려갔다. 3년 뒤 도망쳐 헤이룽장성 하얼빈에서 식당 일을 "
        "했다. "
           "2015년 라오스를 거쳐 한국에 왔다.")
    assert p["province_china"] == "Heilongjiang"


def test_evidence_is_a_clause_not_a_syllable():
    text = "김씨는 2008년 두만강을 건넜고 조선족 브로커가 그녀를 3만 위안에 팔았다."
    rec = extract(text, lang="ko")
    for e in rec.events:
        if e.evidence is not None and e.type in ("border_crossing", "sale"):
            assert len(e.evidence.quote) >= 8, (e.type, e.evidence.quote)
            assert text[e.evidence.start:e.evidence.end] == e.evidence.quote


def test_title_with_an_age_bracket_and_relatives_titled_too():
    p = _p(
        "탈북민 A씨(여·32)는 2016년 두만강을 건넌 뒤 브로커에 의해 중국 남성에게 팔렸다. 동생 "
        "B씨(25)는 북송됐다.")
    assert (p["first_crossing_year"], p["times_sold"], p["repatriated"]) == (2016, 1, None)
    assert p["surname"] is None  # a letter, not a surname
    q = _p(
        "송모 씨(41)는 2003년 탈북했다. 송씨의 어머니는 보위부에서 조사를 받았다. 2005년 탈북 후 "
        "팔려 갔다.")
    assert (q["surname"], q["first_crossing_year"], q["nk_detention"]) == ("송", 2003, [])


def test_reported_past_is_told_and_her_own_statement_in_a_record():
    p = _p(
        "본인은 2009년 압록강을 건넜다고 진술함. 본인은 조선족 브로커에게 3만 위안에 팔렸다고 함.")
    assert (p["first_crossing_year"], p["crossing_river"]) == (2009, "Yalu")
    assert _sales(p) == [(30000, "RMB")]


def test_past_tense_syllable():
    from casebook.extract.negation import FACT, UNREAL, korean_status

    s = "그해 겨울 강을 건넜다고 했다."
    assert korean_status(s, s.index("건넜"), s.index("건넜") + 2) == FACT
    s = "다음 달에 강을 건넌다고 했다."
    assert korean_status(s, s.index("건넌"), s.index("건넌") + 2) == UNREAL


def test_home_said_of_her_not_of_a_group_or_a_man():
    p = _p("이번 주는 함경북도 출신 세 여성의 이야기다. 김씨는 온성군에서 태어났다. "
           "그녀는 2005년 두만강을 건넜다.")
    assert p["origin_nk"] == "온성군"
    q = _p("저는 양강도 혜산시에 살다가 2010년 봄에 강을 건넜어요.")
    assert q["origin_nk"] == "양강도 혜산시"
    r = _p("저는 함경도 작은 시골에서 태어났어요. 스무 살에 중국으로 갔어요.")
    assert r["origin_nk"] == "함경도"


def test_a_recruiter_named_when_the_crossing_is_told_again_is_not_going_alone():
    p = _p("그녀는 2010년 3월 딸과 함께 탈북했다. 그 뒤 연길에서 식당 일을 했다. "
           "기자: 어떻게 나오셨어요? 그녀: 저는 고모 소개로 딸과 같이 탈북했어요.")
    assert "voluntary_alone" not in p["recruitment"]
    q = _p("그녀는 2010년 3월 딸과 함께 탈북했다. 그 뒤 연길에서 식당 일을 했다.")
    assert "voluntary_alone" in q["recruitment"]


def test_an_unnamed_prison_is_other_and_a_named_one_wins():
    p = _p("저는 2003년에 강을 건넜어요. 2005년에 잡혀서 북송됐어요. 감옥에서 1년을 살았어요.")
    assert p["nk_detention"] == ["other"]
    q = _p("저는 2003년에 강을 건넜어요. 2005년에 잡혀서 북송됐어요. 교화소(감옥)에서 1년을 "
           "살았어요.")
    assert q["nk_detention"] == ["kyohwaso"]


def test_a_wished_sale_is_not_a_sale():
    p = _p("저는 차라리 중국 남자에게 팔려가기를 바랐어요. 하지만 그냥 고향에 남았어요.")
    assert p["times_sold"] is None


def test_webcam_sex_work_named_as_sex_work_is_cybersex():
    p = _p("중국 '사이버 매춘' 업소의 실태. 그녀는 2015년 강을 건넜다. 연길의 화상 채팅 업소에 "
           "2만 위안에 팔려 갔다. 포주는 그녀를 방에 가두었다.")
    assert "cybersex" in p["exploitation"] and "prostitution" not in p["exploitation"]


def test_an_arrest_chained_to_a_condition_is_not_an_arrest():
    p = _p("그녀는 2012년 강을 건넜다. 공안에 붙잡혀 북송되면 끝이라며 늘 약을 지니고 다녔다.")
    assert p["arrested_in_china"] is None


def test_selling_a_thing_with_do_is_not_her_sale():
    p = _p("우리 식구는 함께 빚을 갚느라 키우던 염소도 팔고 쌀도 팔았어요. 저는 2010년에 강을 "
           "건넜어요.")
    assert p["times_sold"] is None


def test_the_facility_a_return_took_her_to_is_north_korean():
    p = _p("그녀는 2004년 강을 건넜다. 2006년 공안에 붙잡혀 도문 변방대 수용소를 거쳐 온성 "
           "노동단련대로 북송됐다.")
    assert p["nk_detention"] == ["labour_training_camp"]


def test_taken_to_the_buyer_after_the_sale_is_no_recruitment():
    p = _p("저는 2005년에 혼자 탈북했어요. 중국에서 한족 남자에게 팔려 그 집으로 끌려갔어요.")
    assert "other" not in p["recruitment"] and "abducted" not in p["recruitment"]


def test_traffickers_seizing_women_in_general_did_not_seize_her():
    p = _p("국경 마을에는 인신매매범들이 산다. 그들은 탈북 여성들을 붙잡아 시골로 팔아넘긴다. "
           "저는 2005년에 혼자 강을 건넜어요.")
    assert "abducted" not in p["recruitment"]
    q = _p("저는 2005년에 강을 건넜어요. 강가에서 조선족 인신매매범들에게 붙잡혀 시골로 "
           "팔려 갔어요.")
    assert "korean_chinese_broker" in q["recruiter_relation"] and "abducted" in q["recruitment"]


def test_meant_to_sell_her_is_not_a_sale():
    p = _p("저는 2010년에 강을 건넜어요. 브로커가 저를 팔아넘기려 했지만 어머니가 막았어요.")
    assert not p["times_sold"]
