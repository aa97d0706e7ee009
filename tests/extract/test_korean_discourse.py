"""Who a Korean sentence is about (korean_discourse, korean_clause) and the person facts a Korean
text states (korean_person), on sentences written for these tests (not from any source)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile
from casebook.extract.korean_clause import done_to_her, her, sale_is_hers
from casebook.extract.korean_discourse import Rewrite, context, rewrite
from casebook.extract.korean_person import person_facts

# --- context: first person or a report, and her name ------------------------------------------


def test_first_person_telling_is_not_rewritten():
    ctx = context("저는 2003년에 강을 건넜어요. 그녀는 제 친구예요. 친구는 먼저 팔려 갔어요.")
    assert ctx.mode == "first"
    assert rewrite("그녀는 먼저 팔려 갔어요.", ctx) is None


@pytest.mark.parametrize("text,initial,surname", [
    ("탈북 여성 윤서진(가명·27)씨는 2010년 강을 건넜다. 윤씨는 팔려 갔다.", "윤", "윤"),
    ("송 모(30대) 씨는 팔려 갔다. 송 씨는 도망쳤다.", "송", "송"),
    ("K(40) 씨는 2012년 강을 건넜다. K 씨는 한족에게 팔렸다.", "K", None),
    ("고은별(가명·18) 양은 팔려 갔다. 고 양은 지금 한국에 있다.", "고", "고"),
    ("그 마을에서 만난 홍 씨 성을 가진 탈북민은 팔려 갔다.", "홍", "홍"),
    ("문00(탈북 여성/36살) : 저는 팔려 갔어요.", "문", "문"),
])
def test_her_name_in_a_report(text, initial, surname):
    ctx = context(text)
    assert ctx.mode == "third" and ctx.initial == initial and ctx.surname == surname


def test_the_most_mentioned_titled_person_is_her_and_informants_do_not_count():
    text = ("구호 활동을 하는 민 모 씨는 연락이 닿았다고 했다. 민씨에 따르면 길 씨는 팔려 갔다. "
            "길 씨는 지금 숨어 산다.")
    ctx = context(text)
    assert ctx.initial == "길" and "민" in ctx.others


def test_kin_before_a_bracket_is_no_name():
    ctx = context("엄마(45)는 붙잡혔다. 딸(21)은 팔려 갔다.")
    assert ctx.surname is None


def test_given_name_and_men():
    ctx = context(
        "오선희(가명·여·38)씨를 만났다. 선희씨는 한족 농민 왕철수(가명·52)씨가 산 여자다. 철수씨는 "
        "술을 마셨다.")
    assert (ctx.initial, ctx.given) == ("오", "선희")
    assert "철수" in ctx.others_given and "왕" in ctx.men and "철수" in ctx.men


def test_headline_lines_and_what_the_story_tells_again():
    ctx = context(
        "팔려 가고 붙잡히고\n\n공안에 붙잡혀 송환.\n\n이 글은 길씨의 이야기다. 길씨는 2009년 강을 "
        "건넜다. "
                  "길씨는 팔려 갔다. 길씨는 공안에 붙잡혔다.")
    assert ctx.lead == ("팔려 가고 붙잡히고", "공안에 붙잡혀 송환.")
    assert {"sale", "arrest", "crossing"} <= ctx.retold and "repatriation" not in ctx.retold
    assert ctx.in_lead("팔려 가고 붙잡히고") and ctx.in_lead("공안에 붙잡혀 송환.")
    assert not ctx.in_lead("이 글은 길씨의 이야기다.")


def test_a_case_note_in_nominal_style_has_no_lead():
    ctx = context("2008년 두만강 도강.\n\n중국 농촌에 팔려 감.\n\n2011년 공안에 체포.")
    assert ctx.lead == ()


# --- rewriting into the first person ---------------------------------------------------------


@pytest.mark.parametrize("sentence,expected", [
    ("윤씨는 팔려 갔다.", "저는 팔려 갔다."),
    ("윤 씨가 울었다.", "제가 울었다."),
    ("남편이 윤씨를 때렸다.", "남편이 저를 때렸다."),
    ("윤씨의 어머니는 아팠다.", "저의 어머니는 아팠다."),
    ("그녀는 도망쳤다.", "저는 도망쳤다."),
    ("이 여성은 도망쳤다.", "저는 도망쳤다."),
    ("장 씨는 팔렸다.", "그 여자는 팔렸다."),
])
def test_rewrite(sentence, expected):
    ctx = context("윤서진(가명·27)씨는 팔려 갔다. 윤씨는 도망쳤다. 장 씨는 함께 있었다.")
    rw = rewrite(sentence, ctx)
    assert rw is not None and rw.text == expected


def test_he_after_a_man_is_the_man():
    ctx = context("윤서진(가명·27)씨는 팔려 갔다. 윤씨는 도망쳤다.")
    ctx.state.clear()
    assert rewrite("한 남자가 윤씨에게 다가왔다.", ctx) is not None
    assert rewrite("그는 중국에 가자고 했다.", ctx) is None  # the driver, not her
    ctx.state.clear()
    rw = rewrite("그는 중국에 가자고 했다.", ctx)
    assert rw is not None and rw.text.startswith("저는")


def test_offset_map_round_trip():
    rw = Rewrite("길씨는 2년 뒤 도망쳤다.", [(0, 3, "저는")])
    assert rw.text == "저는 2년 뒤 도망쳤다."
    i = rw.text.index("도망")
    assert (rw.start(i), rw.end(i + 2)) == (9, 11)
    assert (rw.start(0), rw.end(2)) == (0, 3)  # the whole reference


# --- whose clause ---------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,word,expected", [
    ("저는 팔려 갔어요.", "팔려", True),
    ("언니 하나는 팔려 갔어요.", "팔려", False),
    ("언니 하나는 도망쳤고 저는 팔려 갔어요.", "팔려", True),
    ("어머니가 먼저 강을 건넜다.", "건넜", False),
    ("시어머니가 저를 가뒀다.", "가뒀", True),
    ("동네 언니들이랑 같이 건넜어요.", "건넜", True),
    ("저를 포함해서 세 명이 잡혔어요.", "잡혔", True),
    ("세 명이 잡혔어요.", "잡혔", False),
    ("저와 딸은 각각 팔려 갔다.", "팔려", True),
])
def test_her(sentence, word, expected):
    assert her(sentence, sentence.index(word)) is expected


@pytest.mark.parametrize("sentence,word,active,expected", [
    ("그 남자가 저를 팔았어요.", "팔았", True, True),
    ("산나물을 팔아 살았다.", "팔아", True, False),
    ("그 일당은 여자들을 데려다 팔았다.", "팔았", True, False),
    ("팔려나오는 여자들이 많아요.", "팔려", False, False),
    ("이 마을에 팔려 온 여자가 저 말고도 둘 있어요.", "팔려", False, True),
])
def test_sale_is_hers(sentence, word, active, expected):
    at = sentence.index(word)
    assert sale_is_hers(sentence, at, at + len(word), active) is expected


def test_done_to_her_by_a_subject_but_not_to_a_topic():
    s = "그 부부 중 여자가 바늘로 찔렀어요."
    assert done_to_her(s, s.index("찔렀"))
    s = "언니는 맞았어요."
    assert not done_to_her(s, s.index("맞았"))


# --- person facts -----------------------------------------------------------------------------


@pytest.mark.parametrize("text,origin", [
    ("저는 함경북도 무산군 출신이에요.", "함경북도 무산군"),
    ("1970년 황해남도 해주시 결성리에서 태어난 배씨는 강을 건넜다.", "황해남도 해주시 결성리"),
    ("고향: 양강도 혜산", "양강도 혜산"),
    ("저는 함경남도 단천에서 왔어요.", "함경남도 단천"),
    ("저는 평안북도 신의주 사람이에요.", "평안북도 신의주"),
    ("그녀는 “(자강도) 강계에서 왔어요”라고 말했다.", "강계"),
])
def test_origin_as_written(text, origin):
    facts = {f.field: f.value for f in person_facts(text, 0, [])}
    assert facts.get("origin_nk") == origin


def test_a_place_she_worked_or_passed_through_is_not_her_origin():
    facts = {f.field: f.value
             for f in person_facts("그녀는 회령에서 간호사로 일하다 2010년 강을 건넜다.", 0, [])}
    assert "origin_nk" not in facts


@pytest.mark.parametrize("text,year", [
    ("1985년생 문씨는 강을 건넜다.", 1985),
    ("1985년 함북 무산 출생. 2008년 도강.", 1985),
    ("그녀는 열아홉 살이던 2011년 봄 강을 건넜다.", 1992),
    ("2002년 9세 때 부모와 함께 탈북했다.", 1993),
    ("1980년대 후반 회령에서 태어났다.", None),
    ("38살 송모 씨는 2009년 북한을 떠났다.", None),
])
def test_birth_year(text, year):
    p = profile(extract(text, lang="ko"))
    assert p["birth_year"] == year


def test_province_last_named_and_not_a_route_or_a_person():
    facts = {f.field: f.value for f in person_facts(
        "그녀는 지린성의 한 농가에 팔려 갔다. 헤이룽장성에서 온 남자가 찾아왔다. 랴오닝성을 거쳐 "
        "한국에 왔다.", 0, [])}
    assert facts["province_china"] == "Jilin"
