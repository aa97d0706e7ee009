"""Korean extraction rules, on short sentences written for these tests (not from any source)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile


def _p(text: str) -> dict:
    return profile(extract(text, lang="ko"))


def test_sale_with_korean_numerals_and_han_buyer():
    p = _p("2003년 3월에 두만강을 건넜어요. 브로커가 저를 한족 농민한테 삼천 위안에 팔았어요.")
    assert p["times_sold"] == 1
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(3000, "RMB")]
    assert p["sales"][0]["buyer"] == "han_chinese"
    assert p["crossing_river"] == "Tumen"
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2003, 3)


@pytest.mark.parametrize("sentence", [
    "그 남자가 저를 팔려고 했어요.",
    "그 남자는 저를 팔 거라고 했어요.",
    "저는 팔리지 않았어요.",
    "저는 팔려 온 게 아니에요.",
])
def test_planned_or_denied_sale_is_not_a_sale(sentence):
    p = _p("2010년에 강을 건넜어요. " + sentence)
    assert p["times_sold"] in (0, None)
    assert p["sales"] == []


def test_another_womans_price_is_not_hers():
    p = _p(
        "2005년에 건넜어요. 저는 사천 위안에 팔렸어요. 같이 있던 언니 하나는 1만 2천 위안에 "
        "팔렸대요.")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(4000, "RMB")]
    assert p["times_sold"] == 1


def test_river_named_in_the_next_sentence_and_alone():
    p = _p(
        "2001년 여름에 혼자 강을 건넜어요. 압록강이요. 그 뒤에 조선족 브로커가 저를 연길로 "
        "데려갔어요.")
    assert p["crossing_river"] == "Yalu"
    assert "voluntary_alone" in p["recruitment"]
    assert "korean_chinese_broker" in p["recruiter_relation"]


def test_drugged_by_a_friend_and_sold():
    p = _p(
        "친구가 준 술을 마시고 나서 기억이 없어요. 그 친구가 저를 브로커한테 넘기고 돈을 받았대요.")
    assert "drugged" in p["recruitment"]
    assert "drugging" in p["violence"]
    assert "friend" in p["recruiter_relation"]


def test_arrest_repatriation_and_north_korean_detention():
    text = ("1999년에 두만강을 건넜어요. 2002년에 공안이 단속을 나왔어요. 저도 잡혔어요. "
            "도문 변방대 구류장에 있다가 북송됐어요. 보위부에서 조사받고 집결소를 거쳐 "
            "노동단련대에 갔어요.")
    p = _p(text)
    assert p["arrested_in_china"] == 1
    assert p["repatriated"] == 1
    # the Chinese lock-up before the handover is not a North Korean facility
    assert p["nk_detention"] == ["holding_centre", "labour_training_camp",
                                 "state_security_interrogation"]


def test_stated_totals_and_denials():
    p = _p(
        "[중국에서 잡히신 적 있어요?] 두 번이요. 2004년에 강을 건넜어요. 식당에서 공안한테 "
        "잡혔어요.")
    assert p["arrested_in_china"] == 2
    q = _p(
        "2004년에 강을 건넜어요. 중국에서 잡힌 적은 한 번도 없어요. 북송도 안 됐어요. 애는 없어요.")
    assert (q["arrested_in_china"], q["repatriated"], q["children_in_china"]) == (0, 0, 0)


def test_children_violence_and_threat():
    p = _p("2000년에 두만강을 건넜어요. 한족 남자한테 팔려 갔어요. 남편은 술을 마시면 때렸어요. "
           "시어머니는 도망가면 공안에 신고한다고 했어요. 방에 가두고 못 나가게 했어요. 아들 하나, "
           "딸 하나 낳았어요.")
    assert p["children_in_china"] == 2
    assert {"beating", "threat_of_denunciation", "confinement"} <= set(p["violence"])
    assert "forced_marriage" in p["exploitation"]


def test_violence_denied_is_not_coded():
    p = _p("2000년에 강을 건넜어요. 남편은 때리거나 그런 건 없어요.")
    assert "beating" not in p["violence"]


def test_header_surname_birth_year_origin_and_interview_province():
    p = _p(
        "현지 면담 / 길림성 화룡 인근\n구술자: 문○○, 1975년생\n\n저는 무산에서 태어났어요. "
        "1998년에 강을 건넜어요. "
           "아들 하나 있어요, 2001년생.")
    assert p["surname"] == "문"
    assert p["birth_year"] == 1975
    assert p["origin_nk"] == "무산"
    assert p["province_china"] == "Jilin"


def test_fake_id_and_memo_hukou():
    p = _p("2002년에 강을 건넜어요. 남편이 돈을 주고 가짜 신분증을 만들어 줬어요.")
    assert p["hukou_or_id"] == "fake"
    q = _p(
        "2002년에 강을 건넜어요. 2009년에 한국에 왔어요.\n[면담자 메모: 중국에서 호구는 없었다고 "
        "함.]")
    assert q["hukou_or_id"] == "none"


def test_one_sale_told_in_pieces_counts_once():
    p = _p(
        "2001년에 두만강을 건넜어요. 그 남자가 저를 다른 사람한테 팔아넘겼어요. 얼마에 팔렸는지는 "
        "몰라요. "
           "저를 산 사람은 한족 노총각이었어요.")
    assert p["times_sold"] == 1
    q = _p("2001년에 두만강을 건넜어요. 그 남자가 저를 팔았어요. 일 년 뒤에 남편이 저를 다시 "
           "팔았어요.")
    assert q["times_sold"] == 2


def test_river_named_in_a_correction_and_lure_by_neighbour():
    p = _p("1999년 여름에 압록강이 아니라 두만강을 건넜어요.")
    assert p["crossing_river"] == "Tumen"
    q = _p("같은 동네 아주머니가 중국 가면 공장에서 일할 수 있다고 했어요. 2002년에 두만강을 "
           "건넜어요.")
    assert "neighbour_or_villager" in q["recruiter_relation"]
    assert "deception_job_offer" in q["recruitment"]


def test_korean_won_by_context():
    from casebook.extract.numbers import find_money

    assert [(m.value, m.currency) for m in find_money("한국 돈으로 50만 원을 줬어요")] == [(500000,
                                                                                 "KRW")]
    assert [(m.value, m.currency) for m in find_money("북한 돈으로 30만 원 줬어요")] == [(300000,
                                                                                "KPW")]
    assert [(m.value, m.currency) for m in find_money("8천 위\n안이요")] == [(8000, "RMB")]
    # her price in 원: thousands are yuan written 원, tens of thousands and more a report's won
    assert [(m.value, m.currency) for m in find_money("결국 2만 원에 팔려 갔다")] == [
        (20000, "RMB")]
    assert [(m.value, m.currency) for m in find_money("겨우 6만원에 나이 든 농부에게 팔렸다")] == [
        (60000, "KRW")]
    assert [(m.value, m.currency) for m in find_money("북한 돈 6만원에 팔렸다")] == [(60000, "KPW")]


def test_planned_sale_escaped_is_zero_and_papers_made_by_in_laws():
    p = _p(
        "1998년 가을에 국경을 넘었어요. 그 부부가 저를 한족 남자한테 팔 거라고 했어요. 팔리기 전에 "
        "도망쳤어요.")
    assert p["times_sold"] == 0
    assert "forced_marriage" not in p["exploitation"]
    q = _p("2004년에 강을 건넜어요. 2010년에 남편 동생이 돈을 주고 가짜 호구를 만들어 줬어요.")
    assert q["hukou_or_id"] == "fake"


def test_river_in_a_later_retelling_and_facility_after_a_counted_return():
    p = _p("제가 처음 강을 건넌 건 2003년 5월이에요. 배가 고팠어요. 집에 아무도 없었어요. "
           "압록강 물이 차가웠는데 그냥 건넜어요.")
    assert p["crossing_river"] == "Yalu"
    q = _p(
        "북송을 두 번 당했어요. 2001년에 두만강을 건넜어요. 2002년에 공안한테 잡혀서 북송됐어요. "
           "보위부에서 조사받았어요. 2003년에 다시 건넜어요. 2004년에 식당에 단속이 나와서 또 "
           "잡혔어요. "
           "그 다음에 교화소 3년 받았어요.")
    assert q["repatriated"] == 2
    assert q["nk_detention"] == ["kyohwaso", "state_security_interrogation"]


def test_question_answers_causative_crossing_and_late_price():
    text = (
        "[중국에는 언제 가셨어요?]\n2006년 9월이요. 사촌 언니가 중국에 가면 돈을 많이 벌 수 있다고 "
        "해서 같이 갔어요. "
            "언니가 아는 사람이 강을 건너게 해 줬어요. 건너니까 그 언니가 저를 조선족 남자한테 "
            "넘기고 돈을 받았어요. "
            "나중에 들으니까 5천 위안이었대요. 도망가면 경찰에 넘긴다고 했어요.\n[중국 공안에 "
            "잡히신 적은요?]\n없어요.")
    p = _p(text)
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2006, 9)
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(5000, "RMB")]
    assert {"deception_job_offer", "sold_by_acquaintance"} <= set(p["recruitment"])
    assert "relative" in p["recruiter_relation"]
    assert "threat_of_denunciation" in p["violence"]
    assert p["arrested_in_china"] == 0


def test_third_person_korean_report():
    p = _p("사례 9. 정○○ (1979년생, 자강도 만포 출신)\n\n그녀는 2000년에 압록강을 건넜다. "
           "일자리를 구해 주겠다는 남자의 말에 속았다. 그 남자는 그녀를 3천 위안에 팔았다. 그녀의 "
           "친구는 5천 위안에 팔렸다.")
    assert (p["first_crossing_year"], p["crossing_river"]) == (2000, "Yalu")
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(3000, "RMB")]
    assert p["surname"] == "정" and p["origin_nk"] == "자강도 만포"  # as written


def test_a_gloss_of_some_hundreds_of_ten_thousands_is_no_second_price():
    """"8천 위안(140여 만원)": the gloss reads "some 1.4 million won", not 10,000 won of its own."""
    from casebook.extract.numbers import find_money

    found = find_money("그는 8천 위안(150여 만원)에 농촌 남성에게 팔려갔다.")
    assert [(m.value, m.currency) for m in found] == [(8000.0, "RMB")]
    p = profile(extract("그녀는 2010년 탈북했다. 8천 위안(150여 만원)에 농촌 남성에게 팔려갔다."))
    assert p["times_sold"] == 1 and [s["amount"] for s in p["sales"]] == [8000.0]
