"""A literal gate never skips a text its regex matches (session 10 speed work)."""

from __future__ import annotations

import re

import pytest

from casebook.extract import discourse, english, rules
from casebook.extract.literal_gate import Gated, gate_of, may_match


def _variants(text: str) -> list[str]:
    """The text as written, in other casings, with other whitespace and with the letters
    ignore-case matching reads as "s" or "i" (where a naive lower-cased check would miss)."""
    return [text, text.upper(), text.title(), text.replace(" ", "\n"), text.replace(" ", "\t "),
            text.replace("s", "\u017f"), text.replace("i", "\u0131"), text.replace("I", "\u0130"),
            text.replace("k", "\u212a"), text.replace(" ", "\u00a0")]


def _lexicons() -> list[tuple[str, str, str]]:
    out = []
    for lang in ("en", "ko"):
        for code in sorted({r.code for r in rules.load(lang, "context") if r.pattern}):
            for mode in ("first", "third"):
                out.append((lang, code, mode))
    return out


@pytest.mark.parametrize(("lang", "code", "mode"), _lexicons())
def test_gate_passes_every_text_a_lexicon_matches(lang: str, code: str, mode: str) -> None:
    rx = rules.by_code(lang, "context", code, mode)
    gate = gate_of(rx.pattern)
    rows = [r for r in rules.load(lang, "context") if r.code == code]
    for text in (t for r in rows for e in r.examples + r.counter for t in _variants(e)):
        if rx.search(text):
            assert may_match(gate, text), (code, text, gate)
            assert may_match(gate, text.lower(), text.lower()), (code, text, gate)


@pytest.mark.parametrize("rx", [english._FEARED_CHAIN, discourse._PERCEPTION, discourse._SURNAMED,
                                rules.by_code("en", "context", "lives_now"),
                                rules.by_code("en", "context", "said_name")])
def test_gated_module_patterns(rx: re.Pattern[str]) -> None:
    texts = ["I was afraid of being caught and sent back.", "In fear of getting arrested or sold",
             "I saw a girl being beaten.", "We watched them get sold", "she heard women being sold",
             "a woman surnamed Lee, 34,", "identified only as Park", "I now live in Yanji.",
             "She has lived in Seoul since 2010", "Kim is living in Busan", "“Go,” said Moon.",
             "Lee recalls that night.", "He explained everything.",
             # (a chain of passives is searched up to the next cue: it ends the text)
             "afraid of being caught and ", "in fear of getting beaten or then be "]
    gate = gate_of(rx.pattern, discourse._WHOLE_TEXT_PIECES)
    assert gate is not None  # (the call site relies on a gate existing: else it saves nothing)
    hits = 0
    for text in (v for t in texts for v in _variants(t)):
        if rx.search(text) or rx.search(text.lower()):
            hits += 1
            assert may_match(gate, text) and may_match(gate, text.lower(), text.lower()), text
    assert hits  # the examples exercise the pattern
    assert not may_match(gate, "We met at the market in the evening.")


def test_gate_is_derived_from_the_pattern() -> None:
    assert gate_of(r"\b(?:sold|sell)\s+(?:me|us)\b") == ("sell", "sold")
    assert gate_of(r"\bfamily\s+name\b") == ("family",)  # (the longest piece of "family name")
    assert gate_of(r"\b(?:by|to)\s+(?:us|me)") is None  # no selective piece in every match
    assert gate_of(r"\b(?:by|to)\s+him") == ("him",)
    assert gate_of(r"[A-Z][a-z]+") is None  # no literal at all
    # a piece holding another is dropped: where "living" is, so is "liv…" — not "live"
    assert gate_of(r"\b(?:live|lives|lived)\b") == ("live",)
    sold = Gated(re.compile(r"\bsold\s+me\b", re.IGNORECASE))
    for text in ("They SOLD\nme.", "they \u017fold me", "Sold  me"):
        assert sold.search(text) and list(sold.finditer(text))
    assert sold.search("they bought me") is None and not list(sold.finditer("they bought me"))


def test_a_wrong_gate_would_be_caught() -> None:
    # the check the tests above make: a gate that misses a casing or a folded letter fails it
    rx = re.compile(r"\bsaw\b", re.IGNORECASE)
    wrong = ("saw",)
    assert rx.search("I \u017faw it") and "saw" not in "I \u017faw it".lower()
    assert may_match(gate_of(rx.pattern), "I \u017faw it")
    assert not may_match(wrong, "I \u017faw it".replace("\u017f", "x"))


def _needs_digit(items) -> bool:
    """Every match of the parsed sequence holds a ``\\d`` character (read from the parse)."""
    import re._parser as sre  # type: ignore[import-not-found]

    def node(op, av) -> bool:
        if op == sre.IN:
            return av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]
        if op == sre.SUBPATTERN:
            return seq(av[-1])
        if op == sre.BRANCH:
            return all(seq(b) for b in av[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return av[0] >= 1 and seq(av[2])
        return False

    def seq(its) -> bool:
        return any(node(op, av) for op, av in its)

    return seq(items)


def test_clean_line_patterns_skipped_without_a_digit_need_one() -> None:
    import re._parser as sre  # type: ignore[import-not-found]

    from casebook.extract import clean
    for rx in (clean._PAGE_NUM, clean._HEADER_NUM, clean._LEADER_END, clean._FOOTNOTE,
               clean._TABLE_ROW):
        assert _needs_digit(list(sre.parse(rx.pattern, rx.flags))), rx.pattern
    for p in (r"\d?x", r"(?:\d|x)", r"x\s*\d*"):  # (the check can say no)
        assert not _needs_digit(list(sre.parse(p)))
    assert clean._DIGIT.search("page ３") and clean._PAGE_NUM.match("page ３")  # (\d: any digit)


def test_place_scan_skips_the_korean_and_chinese_searches_only_in_ascii_text() -> None:
    from casebook.extract.places import places_in
    found = [p.id for _a, _b, p in places_in("She came from 회령 and went to 延吉 then Yanji.")]
    assert found == ["kp-hamgyong-bukdo-hoeryong", "cn-jilin-yanbian-yanji",
                     "cn-jilin-yanbian-yanji"]
    assert [p.id for _a, _b, p in places_in("She came from Hoeryong.")] == [
        "kp-hamgyong-bukdo-hoeryong"]


def test_a_lexicon_the_language_lacks_is_never_searched() -> None:
    rx = rules.by_code("ko", "context", "lives_now")
    assert rx.pattern == "(?!)" and gate_of(rx.pattern) == ()
    assert not may_match(gate_of(rx.pattern), "나는 지금 연길에 산다") and not rx.search("anything")
