"""A testimony read from a PDF gives the facts its plain text gives.

PDF text comes one printed line per text line, usually with no blank line between paragraphs,
wide gaps between the words of justified lines, words hyphenated at line ends (with the Unicode
hyphen), and Korean words cut in the middle. The texts here are fictional; the PDFs are made by
WeasyPrint and read back by Casebook's own reader (pypdf), all in memory.
"""

from __future__ import annotations

import html

import pytest

from casebook.extract import extract, profile
from casebook.extract.clean import clean
from casebook.extract.header import parse_header

EN = """Name: Ri Sun-hwa

Year of Birth: 1979

Hometown: Musan, North Korea

In the winter of 2001 a neighbour told me that restaurants in China paid well. She took me \
across the Tumen River at night and handed me to a broker waiting on the other side.

The broker kept me in a flat in Longjing for a week. Then he sold me to a farmer in \
Heilongjiang for 6,000 yuan. I lived with that man for four years and gave birth to a son in 2003.

In 2005 the police came to the village and arrested me. I was sent back to North Korea and held in \
the Musan holding centre for two months before I was let go.
"""

KO = """이름: 김옥희

출생: 1982년

고향: 함경북도 회령

저는 2004년 봄에 두만강을 건넜습니다. 먼저 건너간 친척이 중국 식당에서 일하면 돈을 많이 번다고 \
해서 따라갔습니다. 그런데 강을 건너자 기다리던 브로커가 저를 흑룡강성의 농촌 남자에게 5천 위안에 \
팔았습니다.

그 집에서 3년을 살면서 딸을 하나 낳았습니다. 2007년에 중국 공안에 체포되어 북송되었고 회령 \
보위부 구류장에서 석 달 동안 조사를 받았습니다.
"""


def _pdf_text(text: str, lang: str, columns: int = 1) -> str:
    weasyprint = pytest.importorskip("weasyprint")
    from casebook.intake.readers import read_pdf

    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                   for p in text.split("\n\n") if p.strip())
    css = ("@page { size: A5; margin: 1.5cm } body { font-family: 'Noto Serif CJK KR', serif; "
           "font-size: 10pt; text-align: justify; hyphens: auto }"
           + (" body { column-count: 2 }" if columns == 2 else ""))
    doc = f"<html lang='{lang}'><style>{css}</style><body>{body}</body></html>"
    return read_pdf(weasyprint.HTML(string=doc).write_pdf(), "fictional.pdf")


@pytest.mark.parametrize("text,lang,columns", [(EN, "en", 1), (EN, "en", 2), (KO, "ko", 1),
                                               (KO, "ko", 2)])
def test_the_pdf_gives_the_plain_texts_profile(text, lang, columns):
    as_read = _pdf_text(text, lang, columns)
    assert "\n\n" not in as_read.strip() or columns == 2  # the reader gives no paragraph breaks
    plain, pdf = profile(extract(text)), profile(extract(as_read))
    assert plain["birth_year"] in (1979, 1982) and plain["sales"]
    assert pdf == plain


def test_hard_wrapped_lines_become_paragraphs_again():
    lines = ("I was born in a small town near the river and lived there with my mother\n"
             "and two brothers until the famine came and we had nothing left to eat at\n"
             "all in the house.\n"
             "In the spring of that year a woman from the next village came to see us\n"
             "and said that there was work in China for girls who were ready to go and\n"
             "that I could send money home every month if I went with her to the border.\n"
             "My mother cried but let me go.\n"
             "We crossed the river at night where the water was low and a man in a car\n"
             "was waiting for us on the other side of the bank with the engine running.\n")
    out = clean(lines).text
    assert out.count("\n\n") == 2
    assert "all in the house.\n\nIn the spring" in out
    assert "go.\n\nWe crossed" in out


def test_a_word_hyphenated_with_the_unicode_hyphen_is_joined():
    text = "The man from the vil\u2010\nlage came back with the po\u2010\nlice the next day."
    assert "village" in clean(text).text and "police" in clean(text).text


def test_a_korean_word_cut_at_a_line_end_is_joined_without_a_space():
    lines = ("그해 겨울 저는 이웃 여자의 말을 믿고 중국으로 가기로 마음을 먹었습니다. 그 여자는\n"
             "식당에서 일하면 한 달에 큰돈을 벌 수 있다고 했고 저는 그 말을 그대로 믿었습\n"
             "니다. 우리는 밤에 강을 건넜고 건너편에는 낯선 남자 두 명이 차를 세워 두고 기다\n"
             "리고 있었습니다. 그들은 저를 연길의 어느 아파트로 데려가서 일주일 동안 가두어\n"
             "두었습니다. 그 뒤에 한 남자가 와서 저를 보더니 돈을 세어 주고 저를 데리고 갔\n"
             "습니다. 그 남자의 집은 산골 마을에 있었고 저는 그곳에서 여러 해를 살아야 했습\n"
             "니다. 그 집 식구들은 제가 도망갈까 봐 밤마다 문을 잠그고 저를 지켜보았습니다\n"
             "만 저는 언젠가 그 집을 떠나겠다고 마음속으로 다짐하며 하루하루를 견디었습니다.\n")
    out = clean(lines).text
    assert "믿었습니다" in out and "기다리고" in out and "데리고 갔습니다" in out
    assert "그 여자는 식당에서" in out  # a line that ends on a whole word keeps its space


def test_a_province_at_a_line_end_keeps_its_space_before_the_town():
    lines = ["저는 1990년대 후반에 태어났고 고향은 북한의 자강도",
             "희천시입니다. 열일곱 살 때 먹을 것을 구하러 강을",
             "건넜는데 건너편에서 기다리던 사람들에게 붙잡혔습",
             "니다. 그 사람들은 저를 길림성 연길의 한 아파트에",
             "가두었고 며칠 뒤에 저를 시골 남자에게 팔았습니다.",
             "그 남자의 집에서 저는 여러 해 동안 일만 했습니다",
             "만 끝내 그 집을 나와서 다른 도시로 도망을 갔고 거",
             "기에서 한국으로 가는 길을 찾았습니다. 지금은 서울",
             "에서 공부를 하면서 동생들과 함께 살고 있습니다."]
    out = clean("\n".join(lines)).text
    assert "자강도 희천시" in out and "붙잡혔습니다" in out and "거기에서" in out


def test_a_justified_line_with_a_number_is_not_taken_for_a_running_title():
    text = ("At  23  years  old,  she  was  sold  by  the  men  to  a  farmer\n"
            "and stayed with him for nine years in a village in the north.\n")
    assert "At 23 years old" in clean(text).text


def test_form_lines_each_on_its_own_line_are_the_header():
    text = clean("Testimony of a woman\n\nName: Ri Sun-hwa\n\nYear of Birth: 1979\n\n"
                 "Hometown: Musan\n\nI crossed the river in 2001.").text
    facts = parse_header(text)
    assert facts.birth_year is not None and facts.birth_year[0] == 1979
    assert text[facts.end:].strip().startswith("I crossed")


def test_a_full_line_ending_on_a_number_is_prose_not_a_table_row():
    lines = ["“In 2007 they sold me to a farmer for 3",
             "8,000 yuan, and I ran away after a year.”"]
    lines += ["She told it slowly, and the room stayed",
              "quiet for a long time after she finished."] * 4
    assert clean("\n".join(lines)).text.startswith("“In 2007 they sold me")


def test_a_quotation_that_opens_an_article_is_story_not_header():
    text = clean("“I was sold to a farmer and had a child there.”\n\nKim, 44, fled in 1998. "
                 "She now lives in Seoul.").text
    assert parse_header(text).end == 0


def test_a_footnote_reference_glued_to_a_sentence_end_is_dropped():
    text = clean("He sold me for 3,000 yuan.12 Then I ran. 그는 나를 팔았다.7 그 뒤에 "
                 "It cost 2,000.50 dollars. I said “no.”4 He left.").text
    assert "yuan. Then" in text and "팔았다. 그 뒤에" in text and "“no.” He" in text
    assert "2,000.50" in text  # a decimal is no footnote
    short = clean("He sold me for 3,000 yuan.12 Then")
    at = short.text.index("Then")
    assert short.original(at) == at + 2  # evidence still points at the original text


def test_her_name_in_the_lede_under_a_running_title_and_a_headline():
    text = ("Testimonies From the Border\n\nMy Long Road Out\n\nWhat follows was told by Kim "
            "Sun-hee, who left North Korea in 2005 and now lives in Seoul.\n\nI was born in Musan. "
            "In 2005 I crossed the river at night. A broker sold me to a farmer for 4,000 yuan. "
            "I lived with him for six years and I had a son there.")
    assert profile(extract(text))["surname"] == "Kim"


def test_a_ligature_kept_as_one_character_is_spelt_out():
    text = "In 2005 I \ufb02ed across the Tumen River. It was my \ufb01rst time in China."
    assert "I fled across" in clean(text).text and "first time" in clean(text).text
    assert profile(extract(text))["first_crossing_year"] == 2005


def test_a_compound_broken_after_its_hyphen_stays_whole():
    text = clean("A woman who was ethnic Korean-\nChinese took us to Yanji in 1998-\n1999.").text
    assert "Korean-Chinese took" in text and "1998-1999" in text


def test_hangul_in_separate_jamo_reads_as_composed_hangul():
    # some Mac programs paste Hangul decomposed (NFD): no rule matched a single word of it
    import unicodedata

    decomposed = unicodedata.normalize("NFD", KO)
    assert decomposed != KO
    assert profile(extract(decomposed)) == profile(extract(KO))
    assert profile(extract(decomposed))["surname"] == "김"


def test_a_paragraph_with_an_ellipsis_is_prose_and_a_contents_line_is_not():
    story = ("Name: Han Mi-ok\n\nI crossed the Tumen in 2002. Where could I go.... The broker "
             "sold me to a farmer for 6,000 yuan.\n\nI stayed with him for four years.")
    assert "6,000 yuan" in clean(story).text
    assert profile(extract(story))["sales"][0]["amount"] == 6000
    toc = "Contents\n\nPart 1. Crossing the river ........ 3\n\nI crossed the Tumen in 2002."
    assert "....." not in clean(toc).text


def test_a_web_page_with_one_paragraph_per_line_keeps_its_paragraphs():
    # not hard-wrapped: each line longer than a printed line is a paragraph of its own, the
    # first under its title; form lines and Q/A pairs stay together as before
    page = ("Rescued after nine years\n"
            "Pak Yong-ae was nineteen when a woman from the next village offered her work in a "
            "Chinese restaurant, and she followed her across the river in the autumn of 2003.\n"
            "Instead the woman handed her to a broker, who sold her to a farmer in Heilongjiang "
            "for 7,000 yuan; she lived on his farm for nine years and bore him a son.\n")
    text = clean(page).text
    assert text.count("\n\n") == 2
    assert text.startswith("Rescued after nine years\n\nPak Yong-ae")
    qa = "Q: How old were you then?\nA: Seventeen. It was 2001."
    assert "\n\n" not in clean(qa).text


def test_a_title_above_the_interviews_own_header_paragraph():
    text = ("Follow-up interview, Bridge of Light\n\nInterviewer BL-4, Seoul, 2020. Interviewee: "
            "Ms. Moon (pseudonym), born 1979 in Musan.\n\nI crossed the river in 1999.")
    facts = parse_header(clean(text).text)
    assert facts.birth_year is not None and facts.birth_year[0] == 1979
    assert facts.surname is not None and facts.surname[0] == "Moon"


def test_form_lines_then_the_story_on_the_next_line_are_header_then_story():
    # a pasted interview with single line breaks: the story's first (long) line starts a paragraph
    text = ("구술자: 한정애 (가명) / 출생: 1978년 / 고향: 양강도 혜산\n"
            "면담: 2017년 서울 (면담자 SR-3)\n"
            "저는 1998년 가을에 압록강을 건넜어요. 같은 동네 언니가 중국 식당에서 일하면 돈을 많이 "
            "번다고 해서 따라갔는데, 강을 건너자마자 그 언니가 저를 조선족 남자에게 넘겼어요.\n")
    cleaned = clean(text).text
    assert "\n\n저는 1998년" in cleaned
    facts = parse_header(cleaned)
    assert facts.birth_year is not None and facts.birth_year[0] == 1978
    assert profile(extract(text))["first_crossing_year"] == 1998


@pytest.mark.parametrize(("head", "born"), [
    ("Case 14. Mrs. Park (34), Onsong, North Hamgyong. Interviewed in 2005.", 1971),
    ("Mrs. Choi (pseudonym), 41 years old, from Chongjin, interviewed in Yanbian in October 2005",
     1964),
    ("Name: Kim (pseudonym)\nAge: 29\nHometown: Musan\nInterview date: 12 May 2006", 1977),
    ("구술자: 박○○ (가명, 36세) / 고향: 함경북도 무산\n면담: 2006년 연길", 1970),
    ("Case 3 – Ms. Lee, age 26, from Hyesan", None),  # no dated moment: no birth year
    ("Ms. Han, 30, from Musan. She had been interviewed before, in 2003.", None),
])
def test_her_age_and_the_interview_year_in_the_header_give_her_birth_year(head, born):
    story = ("\n\nI crossed the Tumen in 1999 because we were starving. A woman I did not know "
             "promised me work and sold me to a farmer for 3,000 yuan.")
    assert profile(extract(head + story))["birth_year"] == born
