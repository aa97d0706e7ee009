"""The clause behind a fact: the sentence (or the clauses of a long one) around its span."""

from __future__ import annotations

from casebook.journey import clause

EN = ("I crossed the river in 2005. Then the broker sold me to a farmer in Heilongjiang. "
      "I ran away twice.")
SOLD = "그 남자가 저를 연길 근처 농촌 한족 남자한테 색시로 팔았어요."
KO = f"압록강을 건넜어요. {SOLD} 일 년 살았어요."


def test_english_sentence_around_a_word():
    start = EN.index("sold")
    assert clause(EN, start, start + 4) == "Then the broker sold me to a farmer in Heilongjiang."


def test_korean_sentence_around_one_syllable():
    start = KO.index("팔")
    assert clause(KO, start, start + 1) == SOLD


def test_interviewer_questions_in_brackets_are_left_out():
    text = "[그 다음에는 어떻게 되었나요?] 브로커가 저를 팔았어요."
    start = text.index("팔")
    assert clause(text, start, start + 1) == "브로커가 저를 팔았어요."


def test_a_long_sentence_is_cut_to_its_clauses():
    text = ("We walked for two nights, " * 6 + "and at the end of it the man sold me to a "
            "farmer for 5,000 yuan, " + "and the farmer kept me locked in a shed, " * 6 + "end.")
    start = text.index("sold")
    out = clause(text, start, start + 4)
    assert "sold me" in out and len(out) < 200 and out.startswith("…") and out.endswith("…")


def test_bad_spans_give_nothing():
    assert clause("", 0, 0) == ""
    assert clause("abc", 2, 10) == ""


def test_a_paragraph_wrapped_by_a_pdf_runs_on_but_header_lines_end():
    text = ("면담자: DOC-07\n구술자: 김○○, 1985년생\n\n  그런데 중국 쪽 조선족 브로커가 "
            "엄마한테 돈을 더 달라고 하다가 엄마\n가 못 준다고 하니까 저를 연길에 있는 "
            "노래방에 팔아 버렸어요. 8천 위\n안이요.")
    start = text.index("팔아")
    assert clause(text, start, start + 2).startswith("그런데 중국 쪽")
    start = text.index("1985")
    assert clause(text, start, start + 4) == "구술자: 김○○, 1985년생"
