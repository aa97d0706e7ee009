"""The hint words several stages ask a sentence for first, found in one pass.

``find_money``, ``find_dates``, the walk and the English reader each begin by asking whether a
sentence can hold their cue at all (a currency word, a word of time order, of papers, of marriage,
of a child), each with a regex of literal alternatives over the same lower-cased sentence. One
Aho–Corasick pass (pyahocorasick, as the rows' trigger scan) finds every such literal at once;
the answer is remembered for the reading (``pipeline`` empties the memo after each text); a
Korean sentence asks its few hint regexes itself (timed, the pass costs more there). A
family holds exactly its regex's alternatives (``tests/extract/test_hints.py`` reads them from
the regexes), so a family is present exactly where its regex would match; the month names are
lower-cased, so there they only say where the month regex (which reads the casing) may match.
"""

from __future__ import annotations

from functools import lru_cache

try:  # (optional, as for the rows' scan: without it each family is looked for in turn)
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover
    _ahocorasick = None

MONEY, TIME_ORDER, PAPERS, MARRIAGE, BIRTH, WI, MONTH = 1, 2, 4, 8, 16, 32, 64
RIVER, LIVES, REPEATED = 128, 256, 512  # (word tests of english._analyse)
DIGIT = 1024  # an ASCII digit (\d also matches others: ask it where the text is not ASCII)

WORDS: dict[int, tuple[str, ...]] = {
    # numbers._MONEY_HINT but its "위\s?안" ("위" stands for it: the regex decides there)
    MONEY: ("$", "¥", "￥", "₩", "£", "€", "元", "원", "불", "달러", "위엔", "yuan", "rmb", "cny",
            "yen", "won", "dollar", "usd", "kpw", "pound", "gbp", "euro", "renminbi", "kuai"),
    WI: ("위",),
    TIME_ORDER: ("later", "after", "following", "next"),  # dates._REL_HINT
    PAPERS: ("none", "fake", "false", "forged", "real", "legal", "proper", "없", "가짜"),  # walk
    MARRIAGE: ("marr", "husband", "hu\u017fband", "결혼", "시집", "남편"),  # walk._MARRIAGE_HINT
    BIRTH: ("birth", "born", "son", "daughter", "boy", "girl", "bab", "child", "kid", "twin",
            "pregnan"),  # english._BIRTH_HINT
    # dates._MONTH_HINT is matched on the original casing: a month it finds is here lower-cased
    # (a test before it, not in its place)
    RIVER: ("tumen", "yalu", "duman", "amnok", "tomen", "tuman", "amrok"),
    LIVES: ("liv", "stay", "settled"),
    REPEATED: ("times", "repeated", "over and", "again and"),
    DIGIT: tuple("0123456789"),
    MONTH: ("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"),
}


def _automaton():
    if _ahocorasick is None:
        return None
    bits: dict[str, int] = {}
    for bit, words in WORDS.items():
        for w in words:
            bits[w] = bits.get(w, 0) | bit
    auto = _ahocorasick.Automaton()
    for w, bit in bits.items():
        auto.add_word(w, bit)
    auto.make_automaton()
    return auto


_AUTOMATON = _automaton()


@lru_cache(maxsize=1024)
def families(low: str) -> int:
    """The families (bits) whose words occur in the lower-cased sentence ``low``."""
    found = 0
    if _AUTOMATON is None:  # pragma: no cover
        for bit, words in WORDS.items():
            if any(w in low for w in words):
                found |= bit
        return found
    for _end, bit in _AUTOMATON.iter(low):
        found |= bit
    return found
