"""The header above a testimony, read on import: pseudonym, interview date and place,
interviewer and organisation, in English and Korean forms. Fixtures are our own fictional
lines in the shapes interview forms and published reports use."""

from __future__ import annotations

import pytest

from casebook.intake.header import read_header
from casebook.intake.pipeline import describe, import_paths
from casebook.intake.readers import ImportItem

STORY_EN = "\n\nWhen the river froze we walked across at night. A man in Tumen sold me in 2001."
STORY_KO = "\n\n강이 얼었을 때 밤에 건넜어요. 2001년에 투먼에서 한 남자가 저를 팔았어요."


@pytest.mark.parametrize("header, expected", [
    ("Interview record - AB-04\nInterviewee: Ms. Noh (pseudonym), born 1983, from Kilju\n"
     "Interview place: Incheon",
     {"pseudonym": "Ms. Noh", "interviewer": "AB-04", "interview_place": "Incheon"}),
    ("Morning Star Foundation — interview notes\nInterviewer: MS-12 | Interviewee: Ms. Woo, "
     "b. 1979, Hyesan | Interview: Busan, 2014",
     {"pseudonym": "Ms. Woo", "interviewer": "MS-12", "organisation": "Morning Star Foundation",
      "interview_place": "Busan", "interview_date": "2014"}),
    ("Case 4 — Ms. Bang, born 1990 in Chongjin. Interviewed in Seoul in March 2018.",
     {"pseudonym": "Ms. Bang", "interview_place": "Seoul", "interview_date": "2018-03"}),
    ("면담자: KH-03 / 면담 장소: 서울 / 2013년 5월\n"
     "구술자: 문○○ (가명), 1987년생, 함경북도 청진 출신",
     {"pseudonym": "문○○", "interviewer": "KH-03", "interview_place": "서울",
      "interview_date": "2013-05"}),
    ("새벽별재단 / 면담자 SB-01 / 2016년 서울\n구술자: 한명희 (가명). 1975년생. 양강도 혜산 출신.",
     {"pseudonym": "한명희", "interviewer": "SB-01", "organisation": "새벽별재단",
      "interview_place": "서울", "interview_date": "2016"}),
])
def test_header_forms(header, expected):
    story = STORY_KO if any("가" <= c <= "힣" for c in header) else STORY_EN
    assert read_header(header + story) == expected


def test_her_birth_year_and_home_are_not_the_interview():
    found = read_header("Case 9: Ms. Yoo, living in Jilin Province, born 1971" + STORY_EN)
    assert found == {"pseudonym": "Ms. Yoo"}


def test_an_earlier_interview_in_the_header_is_not_this_one():
    text = ("기록 번호 XY-2019-007 / 면담자 XY-02 / 서울\n\n"
            "구술자: 조명희 (가명). 1980년생이라고 함 "
            "(이전 다른 단체 면담 기록에는 1978년으로 되어 있음)." + STORY_KO)
    found = read_header(text)
    assert found["pseudonym"] == "조명희" and "interview_date" not in found
    assert found["interviewer"] == "XY-02"  # not the record number XY-2019-007


def test_no_header_no_guess():
    assert read_header("We crossed in 1998. Ms. Kim from Seoul helped us later.\n\nThen...") == {}


def test_names_in_the_story_are_never_taken():
    text = "Interview notes, Seoul." + STORY_EN + "\n\nInterviewee: Ms. Late (not a header)"
    assert "pseudonym" not in read_header(text)


def test_describe_stores_the_header_on_testimony_and_person():
    item = ImportItem("Interviewer: AB-07. Organisation: Hope Bridge. Place: Seoul, 2019.\n"
                      "Pseudonym: Ms. Seong." + STORY_EN, "a.txt", {}, "txt")
    testimony, person = describe(item)
    assert person.pseudonym == "Ms. Seong" and person.organisation == "Hope Bridge"
    assert testimony.interviewer == "AB-07" and testimony.organisation == "Hope Bridge"
    assert testimony.interview_place == "Seoul"
    assert testimony.interview_date is not None and testimony.interview_date.year == 2019


def test_file_metadata_and_given_values_win_over_the_header():
    item = ImportItem("Pseudonym: Ms. Seong. Interviewer: AB-07." + STORY_EN, "a.txt",
                      {"pseudonym": "Ms. Given"}, "txt")
    testimony, person = describe(item, {"interviewer": "DEFAULT-1", "organisation": "Ours"})
    assert person.pseudonym == "Ms. Given"  # the file's own metadata wins
    assert testimony.interviewer == "AB-07"  # the header wins over the importer's default
    assert testimony.organisation == "Ours"  # the header does not say; the default applies


def test_structured_rows_are_not_read_as_headers():
    item = ImportItem("Pseudonym: Ms. Seong." + STORY_EN, "rows.csv#1", {}, "csv")
    _testimony, person = describe(item)
    assert person.pseudonym.startswith("Survivor ")


def test_import_of_a_file_whose_header_gives_a_pseudonym_stores_it(sqlite_book, tmp_path):
    english = tmp_path / "one.txt"
    english.write_text("Interview transcript - QA-05\nInterviewee: Ms. Cheon (pseudonym), born "
                       "1984\nInterviewed in Seoul, 2015." + STORY_EN, encoding="utf-8")
    korean = tmp_path / "two.txt"
    korean.write_text("면담자: QA-06 / 2017년 서울\n구술자: 표은정 (가명), 1990년생" + STORY_KO,
                      encoding="utf-8")
    result = import_paths(sqlite_book, [english, korean])
    assert len(result.added) == 2
    rows = {r.file_name: r for r in sqlite_book.testimonies.all()}
    assert rows["one.txt"].pseudonym == "Ms. Cheon" and rows["one.txt"].interview_year == 2015
    assert rows["two.txt"].pseudonym == "표은정" and rows["two.txt"].interview_year == 2017
    stored = sqlite_book.testimonies.get(result.added[1], purpose="test")
    assert stored.interviewer == "QA-06" and stored.interview_place == "서울"
