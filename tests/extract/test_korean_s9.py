"""Session 9, Korean: classes whose misses recur in two development sets (s8-ko and s9-ko),
tested on short texts written for these tests (not from any source). Each class has its example
and its counter-example."""

from __future__ import annotations

import pytest
from profile_cases import Has, check

from casebook.extract import extract, profile


def _p(text: str) -> dict:
    return profile(extract(text, lang="ko"))


# (text, profile key, what it must be: a value, Has(code) or Lacks(code)); the id says why
CASES = [
    # --- a report that calls her only "여성" ------------------------------------------------------
    pytest.param(
        "앵커: 중국에서 북송된 북한주민이 교화소에서 풀려난 것으로 알려졌습니다. "
        "소식통은 여성이 2019년 공안에 체포되어 북송되었다고 전했습니다.",
        "repatriated", 1, id="the_resident_a_report_opens_on_is_not_one_more_return"),
    # --- being watched is not being held ----------------------------------------------------------
    pytest.param(
        "그녀는 남편과 시댁의 계속되는 감시 속에서 살았다.",
        "violence", [], id="being_watched_alone_is_not_confinement-1"),
    pytest.param(
        "한족 남성에게 팔려간 뒤 감시와 폭언에 시달렸다.",
        "violence", [], id="being_watched_alone_is_not_confinement-2"),
    pytest.param(
        "도망가지 못하게 시어머니가 밤낮으로 저를 감시했어요.",
        "violence", ["confinement"], id="watched_so_she_could_not_run_is_confinement"),
    # --- her papers: not an identity check, not her child's ---------------------------------------
    pytest.param(
        "공안이 와서 신분증 검사를 했는데 저는 숨을 수가 없었어요.",
        "hukou_or_id", None, id="an_identity_check_or_a_childs_papers_is_not_hers-1"),
    pytest.param(
        "그녀는 국적도 없이 자라는 두 딸에게 국적을 찾아주려고 한다.",
        "hukou_or_id", None, id="an_identity_check_or_a_childs_papers_is_not_hers-2"),
    pytest.param(
        "저는 신분증도 없어서 밖에 나가지 못했어요.",
        "hukou_or_id", "none", id="no_papers_of_her_own-1"),
    pytest.param(
        "김씨는 국적이 없다는 이유로 학대를 당했다.",
        "hukou_or_id", "none", id="no_papers_of_her_own-2"),
    # --- the man she was sold to ------------------------------------------------------------------
    pytest.param(
        "중국에 팔려갔어요. 나이 많은 남자와 사는 게 너무 싫었어요.",
        "exploitation", ["forced_marriage"],
        id="sold_and_living_with_a_man_is_a_forced_marriage-1"),
    pytest.param(
        "김씨는 인신매매를 당했고, 자신을 때리는 중국남자의 가족까지 돌봐야 했다.",
        "exploitation", ["forced_marriage"],
        id="sold_and_living_with_a_man_is_a_forced_marriage-2"),
    pytest.param(
        "저는 팔려갔어요. 그 남자와 3년을 같이 살았어요.",
        "exploitation", ["forced_marriage"],
        id="sold_and_living_with_a_man_is_a_forced_marriage-3"),
    # --- children counted before the noun ---------------------------------------------------------
    pytest.param(
        "한족에게 팔려가 그 남자와의 사이에서 세 아이를 낳았다.",
        "children_in_china", 3, id="children_counted_before_the_noun-1"),
    pytest.param(
        "팔려간 지 5년, 그녀는 벌써 두 아이의 엄마가 되었다.",
        "children_in_china", 2, id="children_counted_before_the_noun-2"),
    # --- the trafficker named with and without his ethnicity is one person ------------------------
    pytest.param(
        "강 건너 마을에 조선족 인신매매범들이 살았다. 박씨는 2001년 두만강을 건너려다 "
        "인신매매범들에게 붙잡혀 농촌으로 팔려갔다.",
        "recruiter_relation", ["korean_chinese_broker"],
        id="a_trafficker_named_again_without_his_ethnicity_is_the_same_one-1"),
    pytest.param(
        "인신매매업자에게 팔린 최씨의 이야기다. 최씨는 2005년 강을 건너 기다리던 조선족 남자를 "
        "따라갔다. 그 조선족은 인신매매업자였다. 최씨는 한족 농민에게 팔렸다.",
        "recruiter_relation", ["korean_chinese_broker"],
        id="a_trafficker_named_again_without_his_ethnicity_is_the_same_one-2"),
    pytest.param(
        "최씨는 2005년 조선족 브로커를 따라 강을 건넜다. 브로커는 그녀를 인신매매 조직에 "
        "넘겼고 조직은 그녀를 한족 농민에게 팔았다.",
        "recruiter_relation", Has("other"),
        id="a_ring_beside_a_named_broker_stays_a_second_recruiter"),
    # --- a lure with no money in it, told as someone's words --------------------------------------
    pytest.param(
        "방씨는 지인이 중국에 가면 인생이 바뀐다는 말에 2007년 여름 압록강을 건넜다. "
        "그녀는 한족에게 팔렸다.",
        "recruitment", Has("other"), id="a_promise_of_a_better_life_someone_made_her_is_a_lure-1"),
    pytest.param(
        "저는 중국에 가면 잘 살 수 있을 거라는 브로커의 말을 듣고 강을 건넜어요. "
        "한족에게 팔렸어요.",
        "recruitment", Has("other"), id="a_promise_of_a_better_life_someone_made_her_is_a_lure-2"),
    pytest.param(
        "그녀는 2007년 혼자 압록강을 건넜다. 지인은 중국에 가면 인생이 바뀐다는 말을 믿지 "
        "말라고 했었다.",
        "recruitment", ["voluntary_alone"], id="a_warning_against_the_promise_is_no_lure"),
]


@pytest.mark.parametrize("text,key,want", CASES)
def test_profile(text, key, want):
    check(_p(text)[key], want)



# --- a report that calls her only "여성" ----------------------------------------------------------

def test_the_unnamed_woman_of_a_report_is_her():
    p = _p("40대 탈북 여성이 구조를 요청했다. 여성은 2010년 두만강을 건넜고 곧 3천 위안에 "
           "팔려갔다고 한다.")
    assert p["times_sold"] == 1 and p["sales"][0]["amount"] == 3000
    p = _p("구조를 요청한 30대 여성은 2010년 중국에 가면 돈을 번다는 말을 듣고 떠났다. "
           "그러나 여성은 국경을 넘자마자 한족 남성에게 팔려갔다.")
    assert p["times_sold"] == 1 and p["exploitation"] == ["forced_marriage"]
    p = _p("북송 여성, 교화소로\n길림성으로 팔려간 여성은 남편의 폭행에 시달렸다. "
           "여성은 지난해 공안에 체포되어 북송되었다고 소식통은 전했다.")
    assert p["times_sold"] == 1 and p["arrested_in_china"] == 1 and p["repatriated"] == 1
    assert p["violence"] == ["beating"]


def test_other_women_of_a_report_stay_others():
    # another woman, a woman merely introduced, women in general
    assert _p("다른 여성은 한족 남성에게 팔려갔다고 한다.")["times_sold"] is None
    assert _p("중국으로 팔려간 여성들이 많다고 소식통은 전했다.")["times_sold"] is None
    # what women in general go through, in a report about nobody in particular
    assert _p("탈북 여성은 중국에서 보통 두 번 팔린다고 단체는 밝혔다.")["times_sold"] is None
    assert _p("북한 여성이 중국에서 팔리는 일이 늘고 있다.")["times_sold"] is None
    assert _p("중국으로 건너간 탈북여성 대부분은 인신매매를 당한다. 팔려간 여성은 농촌 남성과 "
              "살게 된다.")["exploitation"] == []
    # a first-person account: "여성은" is someone else
    assert _p("저는 2005년에 탈북했어요. 같이 온 여성은 한족에게 팔려갔어요.")["times_sold"] is None


# --- the man she was sold to ---------------------------------------------------------------------

def test_a_man_she_lived_with_before_any_sale_gives_nothing():
    assert _p("저는 고향에서 남자와 살았어요. 그러다 혼자 두만강을 건넜어요.")["exploitation"] == []
    assert _p("식당에 팔려가서 일했어요.")["exploitation"] != ["forced_marriage"]


# --- children counted before the noun -----------------------------------------------------------

def test_children_not_born():
    assert _p("한족에게 팔려갔지만 두 아이를 낳고 싶지는 않았다.")["children_in_china"] is None
    # the mother of two she already was, children left in the North
    assert _p("두 아이의 엄마인 김씨는 2005년 탈북했다. 그녀는 한족에게 팔려갔다.")[
        "children_in_china"] is None


# --- a return verb that is not her return: a worry, never again, a thing sent -------------------

def test_a_worry_never_again_or_a_thing_sent_is_no_return():
    p = _p("저는 한국에 가고 싶어도 공안에 잡혀 북송되는 것이 아닐까 늘 두려웠어요.")
    assert p["arrested_in_china"] is None and p["repatriated"] is None
    # a page cut after "다시는 북송"
    assert _p("그녀는 두 딸과 한국행을 기다리고 있다. 다시는 북송")["repatriated"] is None
    assert _p("김씨는 2005년 탈북했다. 김씨가 모은 돈을 북한에 보내려하자 남편은 화를 냈다.")[
        "repatriated"] is None


def test_her_return_told_with_the_same_words():
    p = _p("저는 2010년 공안에 잡혀 북송되었어요. 그게 아닐까 싶었는데 정말 교화소에 갔어요.")
    assert p["repatriated"] == 1 and p["arrested_in_china"] == 1
    p = _p("저는 2005년에 강을 건넜어요. 2008년 공안에 잡혀 북한으로 넘겨졌어요.")
    assert p["repatriated"] == 1
    p = _p("그녀는 2003년 탈북했다. 다시는 돌아가지 않겠다고 다짐했지만 2006년 공안에 잡혀 "
           "북송됐다.")
    assert p["repatriated"] == 1
