"""Every rule row fires on its examples and not on its counter-examples
(extract/rules/<lang>/*.toml).

A cue row is checked twice: its own pattern must match each example, and the language module
must turn the example into a cue of the row's kind and code (stated as fact unless the row says
``status = "denied"``); no counter-example may give that cue. Context rows (words the pipeline
reads by name) are checked as regexes.
"""

from __future__ import annotations

import re

import pytest

from casebook.errors import InvalidInput
from casebook.extract import english, korean, rules
from casebook.extract.cues import Context

NAMES = ("Kim",)  # the survivor's name in third-person examples ("Kim was sold ...")
MODULES = {"en": english, "ko": korean}


def _rows():
    for lang in ("en", "ko"):
        for kind in rules.kinds(lang):
            for i, row in enumerate(rules.load(lang, kind), 1):
                yield pytest.param(row, id=f"{lang}/{kind}#{i}{'-' + row.code if row.code else ''}")


ROWS = list(_rows())
CUE_ROWS = [p for p in ROWS if p.values[0].kind != "context" and p.values[0].pattern]
CONTEXT_ROWS = [p for p in ROWS if p.values[0].kind == "context"]


def _ctx(row: rules.Rule) -> Context:
    return Context(row.mode, NAMES if row.mode in ("third", "named") else ())


def _cues(row: rules.Rule, sentence: str):
    module = MODULES[row.lang]
    ctx = _ctx(row)
    out = module.analyse(sentence, ctx)
    extra = getattr(module, "analyse_extra", None)
    if extra is not None:
        out = out + extra(sentence, ctx)
    return [c for c in out if c.kind == row.kind and (not row.code or c.code == row.code)]


def _marked(row: rules.Rule, sentence: str) -> str:
    low = sentence.lower() if not row.case else sentence
    if row.lang == "en" and row.mode in ("third", "named"):
        low = english._mark_names(low, NAMES)
    return low


def test_there_are_rows_for_every_english_cue_kind():
    assert set(english.EVENT_KINDS + english.CODED_KINDS
               + english.LAZY_KINDS) <= set(rules.kinds("en"))
    assert len(CUE_ROWS) > 80


@pytest.mark.parametrize("row", CUE_ROWS)
def test_row_pattern_matches_its_examples(row):
    rx = row.regex(row.mode)
    for sentence in row.examples:
        assert rx.search(_marked(
            row, sentence)), f"{row.where}: pattern does not match its example {sentence!r}"


@pytest.mark.parametrize("row", CUE_ROWS)
def test_row_fires_on_examples_and_not_on_counter_examples(row):
    want = row.extra.get("status", "fact")
    for sentence in row.examples:
        got = [c.status for c in _cues(row, sentence)]
        assert want in got, (f"{row.where}: example {sentence!r} gives {got or 'no cue'}, "
                             f"not a {want} {row.kind}")
    for sentence in row.counter:
        got = [c.status for c in _cues(row, sentence)]
        assert want not in got, f"{row.where}: counter-example {sentence!r} fires it"


@pytest.mark.parametrize("row", CUE_ROWS)
def test_row_has_trigger_words(row):
    """A row without trigger words would run on every sentence (and slow extraction down)."""
    for mode in ("first", "third"):
        assert row.triggers(mode), f"{row.where}: no literal every match must contain"


@pytest.mark.parametrize("row", CONTEXT_ROWS)
def test_context_row_matches_examples_only(row):
    rx = rules.by_code(row.lang, "context", row.code)
    own = re.compile(rules.expand(row.lang, row.pattern or ""), re.IGNORECASE)
    for sentence in row.examples:
        assert own.search(sentence) and rx.search(sentence), f"{row.where}: misses {sentence!r}"
    for sentence in row.counter:
        assert not rx.search(sentence), f"{row.where}: matches counter-example {sentence!r}"


def test_every_row_is_written_with_examples_and_a_kind_matching_its_file():
    for p in ROWS:
        row = p.values[0]
        assert row.examples, row.where
        assert row.where.startswith(f"extract/rules/{row.lang}/{row.kind}.toml")


# --- the loader ------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,must", [
    (r"\b(?:sold|bought)\s+me\b", {"sold me", "bought me"}),
    (r"\bi\s+(?:\w+\s+)?sold\b", {"sold"}),
    (r"(?:yuan|rmb)\s+for\s+(?:me|us)\b", {"yuan for me", "yuan for us", "rmb for me",
                                           "rmb for us"}),
    (r"\bre-?sold\b", {"resold", "re-sold"}),
])
def test_triggers_are_the_literals_every_match_contains(pattern, must):
    got = rules.triggers_of(pattern)
    assert got == frozenset(must)
    for word in must:  # each trigger really is inside a match
        assert re.search(pattern, f"then {word} and more") or word.strip() in {"sold"}


def test_pattern_without_a_required_literal_has_no_trigger():
    assert rules.triggers_of(r"\w+\s+\d+") == frozenset()
    assert rules.triggers_of(r"(?:sold|\w+)") == frozenset()


def test_ruleset_runs_only_rows_whose_triggers_occur():
    rs = rules.ruleset("en", "sale", "first")
    assert rs.candidates("the weather was cold and windy") == [] or all(
        "was" in "".join(rs.rows[i].triggers())
        for i in rs.candidates("the weather was cold and windy"))
    hits = [r for r, _m in rs.matches("the broker sold me to a farmer.")]
    assert hits and all(r.kind == "sale" for r in hits)


def test_macros_expand_per_mode():
    first = rules.expand("en", "{S} {O}", "first")
    third = rules.expand("en", "{S} {O}", "third")
    assert "she" not in first and "she" in third
    assert re.fullmatch(rules.expand("en", "{NK_PLACE}"), "Hyesan")
    assert re.fullmatch(rules.expand("en", "{CN_PROVINCE}"), "heilongjiang")


def test_unknown_macro_is_one_clear_error():
    with pytest.raises(InvalidInput, match="unknown macro"):
        rules.expand("en", r"\b{NO_SUCH_THING}\b")


def test_vocabulary_aliases_macro():
    assert "kyohwa" in rules.expand("en", "{ALIASES_NK_DETENTION__KYOHWASO}").lower()
    with pytest.raises(InvalidInput, match="names no vocabulary code"):
        rules.expand("en", "{ALIASES_NK_DETENTION__NOTHING}")


@pytest.mark.parametrize("row,message", [
    ({"kind": "crossing", "pattern": "x", "examples": ["x"]}, "should be 'sale'"),
    ({"kind": "sale", "examples": ["x"]}, "needs a pattern or morphs"),
    ({"kind": "sale", "pattern": "sold"}, "needs at least one example"),
    ({"kind": "sale", "pattern": "(sold", "examples": ["sold"]}, "does not compile"),
])
def test_bad_rows_are_named_in_one_line(row, message):
    with pytest.raises(InvalidInput, match=message) as err:
        rules.rows_from("en", "sale", {"rule": [row]})
    assert "extract/rules/en/sale.toml row 1" in str(err.value)


def test_korean_rows_may_carry_morphs_for_the_korean_module():
    rows = rules.rows_from("ko", "sale", {"rule": [{"kind": "sale", "morphs": ["팔/VV"],
                                                    "examples": ["팔았어요"],
                                                    "verb_of": "seller"}]})
    assert rows[0].morphs == ("팔/VV",) and rows[0].triggers() == frozenset({"팔"})
    assert rows[0].extra == {"verb_of": "seller"}


# --- the walk table ------------------------------------------------------------------------

def test_walk_table_names_only_known_views_guards_and_handlers():
    from casebook.extract import walk

    table = walk.steps()
    assert len(table) > 20
    assert {s.view for s in table} <= set(walk.VIEWS)
    assert {s.event for s in table if s.event} <= set(walk.HANDLERS)
    # every handler and view is used by some step (no dead code behind the table)
    assert {s.event for s in table if s.event} == set(walk.HANDLERS)
    assert {s.view for s in table} == set(walk.VIEWS)


def test_walk_table_keeps_a_prison_before_she_left_out_and_counts_one_after_her_return():
    from casebook.extract import extract, profile

    before = profile(extract(
        "My father was sent to a kyohwaso when I was ten. In 1999 I crossed the Tumen.", lang="en"))
    assert before["nk_detention"] == []
    after = profile(extract(
        "In 1999 I crossed the Tumen. In 2001 I was arrested and sent back to North Korea. "
                            "I spent a year in a kyohwaso.", lang="en"))
    assert after["nk_detention"] == ["kyohwaso"] and after["repatriated"] == 1
