"""Her name does not stay in memory after ``extract()``: no regex pattern is built around it.

Python's ``re`` keeps the last 512 patterns it compiled (``re._cache``, and ``re._cache2`` from
3.12) for the life of the process; a pattern built from her name would keep it there. The names
below are invented and appear nowhere else, so finding one in a cached pattern can only mean a
pattern was built from the testimony.
"""

from __future__ import annotations

import re

import pytest
from re_cache import holding

from casebook.extract import extract, name_search

EN = ("Vorsanel was 17 when she crossed the Tumen River in 2003. A broker sold Vorsanel to a "
      "farmer in Jilin for 5,000 yuan. Aged 19 when Vorsanel escaped, she reached Seoul in 2006. "
      "In 2004 then 18-year-old Vorsanel was arrested. Vorsanel said she was caught at the age of "
      "18. Ms. Vorsanel was beaten by the farmer.")
KO = ("입력 2024.03.05\n탁뢰별(가명·27)씨는 2003년 두만강을 건넜다. 탁씨는 브로커에게 속아 "
      "한족 남성에게 5천 위안에 팔렸다. 탁씨는 2006년 한국에 왔다.")


# (탁 stands in no fixed pattern of the package: only her surname can bring it into one)
@pytest.mark.parametrize("text,name", [(EN, "Vorsanel"), (EN, "vorsanel"), (KO, "탁"),
                                       (KO, "뢰별")])
def test_no_cached_pattern_holds_her_name(text, name):
    re.purge()  # (what an earlier test compiled does not count)
    record = extract(text)
    assert record.facts or record.events  # it read the text (else the test proves nothing)
    held = holding(name)
    assert not held, f"re's cache holds a pattern with her name: {held[:1]!r}"


@pytest.mark.parametrize("text,surname,born", [(EN, "Vorsanel", 2003 - 17), (KO, "탁", 2024 - 27)])
def test_the_name_is_read_where_patterns_were_once_built_from_it(text, surname, born):
    """Her age beside her name ("Vorsanel was 17 when …" in 2003; "탁뢰별(가명·27)씨" in a report
    of 2024): the paths that found her name by a pattern built from it still find it."""
    facts = {f.field: f.value for f in extract(text).facts}
    assert (facts.get("surname"), facts.get("birth_year")) == (surname, born)


@pytest.mark.parametrize("text,names,lead,tail,want", [
    ("Kim met Kimberly", ["Kim"], "word", "word", [(0, 3)]),
    ("a Kim-ok and Kim", ["Kim"], "token", "token", [(13, 16)]),
    ("ms. kim hana saw kim", ["kim hana", "kim"], "word", "word", [(4, 12), (4, 7), (17, 20)]),
    ("탁씨 박탁씨", ["탁"], "hangul", "", [(0, 1)]),
])
def test_name_search_edges(text, names, lead, tail, want):
    got = [(a, b) for a, b, _k in name_search.occurrences(text, names, lead, tail)]
    assert got == want


def test_spans_take_a_title_with_the_name_and_do_not_overlap():
    title = re.compile(r"\b(?:ms|mrs)\.?\s+")
    assert name_search.spans("then ms. kim hana left; kim", ["kim hana", "kim"],
                             title=title) == [(5, 17), (24, 27)]
