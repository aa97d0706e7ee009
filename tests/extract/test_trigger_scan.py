"""The rules' trigger scan: the compiled multi-string matcher (Aho-Corasick) and the regex scan
that stands in without it find the same candidate rows."""

import pytest

from casebook.extract import rules


def _sentences(lang: str) -> list[str]:
    out = []
    for kind in rules.kinds(lang):
        for r in rules.load(lang, kind):
            out += [e.lower() for e in r.examples + r.counter]
    # words inside words, runs of spaces, a letter outside the BMP, no trigger at all
    out += ["she was resold  and\nsold again", "than ever 😀 sold", "😀😀 han chinese broker",
            "😀than chinese", "", "nothing here"]
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_automaton_and_regex_scan_agree(lang: str) -> None:
    kinds = rules.kinds(lang)
    rs = rules.RuleSet(sum((rules.load(lang, k) for k in kinds), ()), "first")
    if rs._automaton is None:
        pytest.skip("pyahocorasick is not installed: only the regex scan runs")
    with_automaton = [rs.candidates(s) for s in _sentences(lang)]
    rs._automaton = None  # the regex scan
    assert [rs.candidates(s) for s in _sentences(lang)] == with_automaton
    assert any(with_automaton)


@pytest.mark.parametrize("mode", ["first", "third", "named"])
def test_a_row_left_out_by_its_requirements_cannot_match(mode: str) -> None:
    """A candidate row is run only when a literal of each of its requirement sets occurs too: one
    left out never matches (the rows' own example and counter sentences, with a subject put
    before them as the reader does)."""
    kinds = rules.kinds("en")
    rs = rules.RuleSet(sum((rules.load("en", k) for k in kinds), ()), mode)
    if rs._automaton is None:
        pytest.skip("pyahocorasick is not installed: every candidate row runs")
    assert rs._gates
    skipped = 0
    for s in _sentences("en"):
        # (a thin space or a long s: the regex may read what the scan does not)
        for x in (s, "i " + s, "she was " + s, s.replace(" ", "\u2009"), s.replace("s", "ſ")):
            every, run = rs.scan(x)
            assert set(run) <= set(every)
            for i in set(every) - set(run):
                skipped += 1
                rx = rs.regexes[i]
                assert rx is None or rx.search(x) is None, (rs.rows[i].where, x)
    assert skipped
