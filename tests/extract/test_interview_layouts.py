"""Interviews laid out as questions and answers: the first answers are story, not header (own
text)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile
from casebook.extract.clean import clean
from casebook.extract.header import parse_header

QA = """Interview with Ms. Ryu (pseudonym), Seoul, 2018

Q: When did you leave North Korea?
A: In 2004. I crossed the Tumen in May.

Q: Were you sold?
A: Yes. A Korean-Chinese broker sold me to a Han Chinese man for 7,000 yuan.

Q: Were you ever arrested in China?
A: No, never.
"""


def test_the_first_question_and_answer_are_not_header_lines():
    text = clean(QA).text
    assert text[:parse_header(text).end].rstrip().endswith("2018")
    p = profile(extract(QA))
    assert (p["surname"], p["first_crossing_year"], p["first_crossing_month"]) == ("Ryu", 2004, 5)
    assert p["crossing_river"] == "Tumen" and p["arrested_in_china"] == 0


KO_QA = """질문: 언제 탈북하셨어요?
답변: 2004년 5월에 두만강을 건넜어요.
질문: 팔려 가셨나요?
답변: 네, 조선족 브로커가 한족 남자한테 7천 위안에 팔았어요.
"""


def test_a_korean_interviewers_question_tells_nothing_of_hers():
    # the question's 팔려 was read as a sale, and the buyer taken from the broker after it
    p = profile(extract(KO_QA))
    assert p["times_sold"] == 1
    assert [(s["amount"], s["buyer"]) for s in p["sales"]] == [(7000, "han_chinese")]
    assert (p["first_crossing_year"], p["first_crossing_month"]) == (2004, 5)


def test_an_answer_under_the_speakers_name_answers_the_question():
    head = "Interview with Ms. Ryu (pseudonym), Seoul, 2018\n\n"
    no = profile(extract(head + "Interviewer: Were you caught by the police?\nRyu: No."))
    twice = profile(extract(head + "Interviewer: Were you ever sent back?\nMs. Ryu: Twice."))
    assert no["arrested_in_china"] == 0 and twice["repatriated"] == 2


@pytest.mark.parametrize(("qa", "key", "value"), [
    ("Q: Were you sold to a Chinese man?\nA: Yes, for 5,000 yuan.", "sales",
     [{"amount": 5000.0, "currency": "RMB", "year": 2004, "buyer": "han_chinese",
       "purpose": "marriage"}]),
    ("Q: Were you sold?\nA: Yes.", "times_sold", 1),
    ("Q: Were you sold?\nA: No, I married him because I wanted to.", "times_sold", 0),
    ("Q: Did your husband beat you?\nA: Yes, often when he was drunk.", "violence", ["beating"]),
    ("Q: Did your husband beat you?\nA: No, never.", "violence", []),
    ("Q: Were you locked up?\nA: Yes.", "violence", ["confinement"]),
    ("Q: Do you have a hukou?\nA: No.", "hukou_or_id", "none"),
    ("Q: When were you sold?\nA: Yes, I think in 2005.", "times_sold", None),  # no yes/no
])
def test_a_short_answer_borrows_its_question(qa, key, value):
    head = ("Interview with Ms. Ryu (pseudonym), Seoul, 2018\n\nQ: When did you cross?\n"
            "A: In May 2004, over the Tumen.\n\n")
    assert profile(extract(head + qa))[key] == value


def test_a_question_becomes_her_statement():
    from casebook.extract.answers import statement

    assert statement("Q: Did your husband beat you?") == "my husband beat me."
    assert statement("Were you sold to a Chinese man?") == "I was sold to a Chinese man."
    assert statement("Do you have a hukou?") == "I have a hukou."
    assert statement("When did you cross?") is None


@pytest.mark.parametrize(("qa", "key", "value"), [
    ("질문: 중국에서 체포된 적은 있으세요?\n답변: 아니요, 없어요.", "arrested_in_china", 0),
    ("질문: 중국 공안에 잡히신 적 있어요?\n답변: 두 번이요.", "arrested_in_china", 2),
    ("질문: 북송되신 적은요?\n답변: 없어요.", "repatriated", 0),
])
def test_a_korean_answer_under_its_label_answers_the_question(qa, key, value):
    head = ("구술자: 김○○ (가명)\n\n질문: 언제 탈북하셨어요?\n"
            "답변: 2004년 5월에 두만강을 건넜어요.\n\n")
    assert profile(extract(head + qa))[key] == value


@pytest.mark.parametrize(("text", "exploitation"), [
    ("브로커에게 속아 화상채팅 업소에 3만 위안에 팔려왔다. 매일 새벽까지 일에 시달리며 임금을 받지 "
     "못했다.", ["cybersex"]),
    ("한족 농부에게 팔려가 농장에서 일했지만 임금을 받지 못했다.",
     ["forced_labour", "forced_marriage"]),
    ("I was sold to a cybersex den. I chatted with men all day and was never paid.", ["cybersex"]),
])
def test_unpaid_sex_work_is_that_exploitation_not_forced_labour_besides(text, exploitation):
    assert sorted(profile(extract(text))["exploitation"]) == exploitation


def test_the_far_bank_of_the_river_is_a_river_she_crossed():
    text = ("구술자: 최○○ (가명)\n\n2009년 중국으로 건너갔는데, 두만강 건너편에서 그녀를 기다리고 "
            "있던 것은 인신매매조직이었습니다.")
    assert profile(extract(text))["crossing_river"] == "Tumen"
    seen = "구술자: 최○○ (가명)\n\n그녀는 압록강 건너편 마을을 바라보며 자랐다. 2005년 탈북했다."
    assert profile(extract(seen))["crossing_river"] is None
