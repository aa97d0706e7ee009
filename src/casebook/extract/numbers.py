"""Numbers and money as testimonies write them: "3,000 yuan", "three thousand yuan",
"3천 위안", "삼천 위안", "¥5000", "5,000元", "8 million won", "1,500 yuan, more than $200".

Everything here works on one string and returns spans into it, so callers can quote the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casebook.extract import hints, rules

# --- English number words -------------------------------------------------------------
_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = r"(?:zero|one|an?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|" \
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|" \
        r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion)"
_WORDS_RE = re.compile(rf"\b{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*\b", re.I)


def words_to_number(text: str) -> int | None:
    """``"three thousand five hundred"`` → 3500; ``None`` if the words are not a number."""
    parts = [p for p in re.split(r"[\s-]+", text.lower()) if p and p != "and"]
    if not parts or all(p in ("a", "an") for p in parts):
        return None
    total, current, seen = 0, 0, False
    for p in parts:
        if p in _UNITS:
            if p in ("a", "an") and seen:
                return None
            current += _UNITS[p]
            seen = True
        elif p in _SCALES:
            scale = _SCALES[p]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current


# --- Korean numerals ------------------------------------------------------------------
_KO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8,
              "구": 9,
              "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
              "아홉": 9}
_KO_SMALL = {"십": 10, "백": 100, "천": 1000}
_KO_BIG = {"만": 10_000, "억": 100_000_000}
_KO_NUM_RE = re.compile(
    r"(?:\d[\d,]*(?:\.\d+)?|[일이삼사오육륙칠팔구]|[십백천만억])"
    r"(?:\s?(?:\d[\d,]*(?:\.\d+)?|[일이삼사오육륙칠팔구십백천만억]))*"
)


def korean_to_number(text: str) -> float | None:
    """``"삼천"`` → 3000, ``"1만 2천"`` → 12000, ``"만 오천"`` → 15000, ``"5만"`` → 50000."""
    s = text.replace(" ", "").replace(",", "")
    if not s:
        return None
    total, section, num = 0.0, 0.0, None
    i = 0
    while i < len(s):
        m = re.match(r"\d+(?:\.\d+)?", s[i:])
        if m:
            num = float(m.group())
            i += m.end()
            continue
        ch = s[i]
        if ch in "일이삼사오육륙칠팔구":
            num = float(_KO_DIGITS[ch])
        elif ch in _KO_SMALL:
            section += (num if num is not None else 1) * _KO_SMALL[ch]
            num = None
        elif ch in _KO_BIG:
            section += num or 0
            total += (section or 1) * _KO_BIG[ch]
            section, num = 0.0, None
        else:
            return None
        i += 1
    value = total + section + (num or 0)
    return value if value > 0 else None


# --- money ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Money:
    """A stated amount of money: value, currency code, and its span in the text."""

    value: float
    currency: str
    start: int
    end: int
    converted: bool = False  # an equivalent in another currency ("…, more than $200")
    # upper end of a stated range ("2,000–3,000 yuan"); ``value`` is the lower end
    high: float | None = None


_EN_CUR = (r"(?P<cur>yuan|renminbi|rmb|cny|kuai|元|chinese\s+yuan|yen|won|north\s+korean\s+won|"
           r"south\s+korean\s+won|dollars?|us\s+dollars?|usd|united\s+states\s+dollars?|"
           r"pounds?(?:\s+sterling)?|gbp|"
           r"euros?|eur)")
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|k\b|만|천))?"
# (rules.lead_compile: the same matches behind a look-ahead of their first characters, faster
# where a pattern starts with a word start or look-behinds; see rules.lead_form)
_MONEY_RES = [
    # ¥5000, $200, ₩1,000,000, US$300
    re.compile(rf"(?P<sym>US\$|\$|¥|￥|₩|£|€)\s?{_NUM}{_SCALE}(?:\s*(?:chinese\s+yuan|yuan|rmb|"
               r"united\s+states\s+dollars?|us\s+dollars?|usd|dollars?|won)\b)?", re.I),
    # 3,000 yuan / 5,000元 / 8 million won / 300 RMB
    rules.lead_compile(rf"{_NUM}{_SCALE}\s*(?:chinese\s+)?{_EN_CUR}", re.I),
    # RMB 3000
    re.compile(rf"(?P<cur>RMB|CNY|USD|KPW)\s?{_NUM}{_SCALE}"),
    # 5 000 yuan: thousands set apart by a space, as typeset text and OCR leave them
    rules.lead_compile(rf"(?<![\d,.])(?P<num>\d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+){_SCALE}"
               rf"\s*{_EN_CUR}", re.I),
]
# "three thousand yuan": in first-letter form (the word start moved before the group, where it
# stands at the same place): a search skips to the number words' first letters instead of trying
# the leading \b and 31 words at every position (~3x faster; the same matches, checked on the
# development texts, upper-cased and with long s)
_WORD_MONEY_RE = rules.fast_compile(
    rf"\b(?P<words>{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*\b)\s+(?:chinese\s+)?{_EN_CUR}", re.I)
_KO_MONEY_RE = re.compile(
    # (never from the middle of a number, nor "수천"/"몇만": several thousand is no amount;
    # "3~4천 위안": a range, its lower end first; "5천여 위안": some 5,000 yuan)
    # ("140여 만원": the 만 of "some 1.4 million", not 10,000 of its own)
    r"(?<![수몇\d일이삼사오육륙칠팔구십백천만억,.])(?<!\d여)(?<!\d여\s)"
    rf"(?:(?P<lo>{_KO_NUM_RE.pattern})\s?[~∼〜～]\s?)?"
    rf"(?P<num>{_KO_NUM_RE.pattern})\s?(?:여\s?)?(?P<cur>위\s?안|위엔|원|달러|"
    rf"불)(?![가-힣]{{0,0}}[이]?[가-힣]*[을를]?\s*(?:살|세))")
_KO_SOUTH_MONEY = re.compile(r"(?:한국|남한|대한민국)\s?돈|한화|원화")
_KO_CHINA_MONEY = re.compile(r"(?:중국|인민폐)\s?돈\s?$|인민폐\s?$")  # "중국돈 4000원" is yuan
# "1만 원에 팔렸다", "1만 원이라는 돈으로 팔리게 됐다", "1만 원을 받고 팔아넘겼다"
_KO_SALE_PRICE_AFTER = re.compile(r"\s?(?:에|(?:이라는|이란)\s?(?:돈|값|금액)(?:에|으로)|"
                                  r"을\s?받고)\s?(?:\S+\s)?(?:팔려|팔렸|팔린|팔리|팔아|팔았|되팔)")
_KO_SOLD_SOON = re.compile(r"\s?에\s(?:\S+\s){0,4}?\S*(?:팔려|팔렸|팔린|팔리|(?:아내|신부)가\s?되)")
_KO_NORTH_MONEY = re.compile(r"(?:북한|조선|북)\s?돈\s?(?:으로\s?)?$")
_BARE_NUM_RE = rules.lead_compile(
    rf"(?<![\w$¥])(?:for\s+)?{_NUM}(?P<scale>\s*(?:thousand|million))?"
    r"(?=\s*(?:(?:,|and|or|to|then|–|-)\s|[–—-]\s*\d))", re.I)
_KO_BARE_NUM_RE = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}\s?(?:만\s?(?:\d\s?천)?|천))"
                             r"(?=\s?(?:,|과|와|및)\s)")
_RANGE_SEP = re.compile(r"\s*(?:[–—-]|to|or)\s*", re.I)
_RANGE_AND = re.compile(r"\s+and\s+", re.I)
_BETWEEN = rules.fast_compile(r"\bbetween\s+(?:[$¥]|US\$)?$", re.I)


# "he bought me for 8,000 won": a translator's "won" for 元 in a woman's price (a price in North
# Korean won would be tens of thousands and more; "North Korean won" is said so)
_EN_PRICE_BEFORE = re.compile(
    r"\b(?:sold|sell|sells|selling|bought|buy|buys|paid|pay|pays|price|fetched|resold|traded)\b"
    r"[^.;!?]{0,50}?\bfor\s+(?:about\s+|around\s+|only\s+|just\s+)?$|"
    r"\b(?:my|her|the)\s+price\s+(?:was|of)\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def _en_won(text: str, start: int, value: float, cur: str, raw: str | None) -> str:
    if cur != "KPW" or not raw or raw.lower() != "won" or not 0 < value <= 30000:
        return cur
    return "RMB" if _EN_PRICE_BEFORE.search(text, max(0, start - 80), start) else cur


def _currency(code: str) -> str:
    c = re.sub(r"\s+", " ", code.lower())
    c = "위안" if c == "위 안" else c  # 위안 broken across a PDF line
    if c in ("$", "us$", "dollar", "dollars", "us dollar", "us dollars", "usd", "달러", "불") \
            or "united states" in c:
        return "USD"
    if c in ("¥", "￥", "yuan", "renminbi", "rmb", "cny", "kuai", "元", "위안", "위엔",
             "chinese yuan"):
        return "RMB"
    if c == "yen":  # 元 read the Japanese way in a translated testimony: a price in China
        return "RMB"
    if c in ("₩", "south korean won"):
        return "KRW"
    if c in ("£", "pound", "pounds", "pound sterling", "pounds sterling", "gbp"):
        return "GBP"
    if c in ("€", "euro", "euros", "eur"):
        return "EUR"
    if c in ("won", "원", "north korean won", "kpw"):
        return "KPW"
    return c.upper()


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.strip().lower()
    return {"thousand": 1e3, "k": 1e3, "million": 1e6, "만": 1e4, "천": 1e3}.get(w, 1.0)


def _ko_range_low(lo: str, high: str) -> float | None:
    """The lower end of "3~4천": a bare digit takes the unit its upper end is written with."""
    lo, high = lo.strip(), high.strip()
    if lo and high and high[-1] in "백천만" and not any(u in lo for u in "십백천만억"):
        lo += high[-1]
    return korean_to_number(lo)


def _parse_num(s: str) -> float:
    return float(re.sub(r"[,\s\u00a0\u2009\u202f]", "", s))


# matched on the lower-cased text (an IGNORECASE alternation of literals is several times slower)
# (each sign a branch of its own: the search then skips to the positions where a branch's first
# letter stands)
_MONEY_HINT = re.compile(
    r"\$|¥|￥|₩|£|€|元|원|불|달러|위\s?안|위엔|yuan|rmb|cny|yen|won|dollar|usd|kpw|pound|gbp|euro|"
    r"renminbi|kuai")
_DIGIT = re.compile(r"\d")


_YEAR_BEFORE = rules.fast_compile(
    r"\b(?:in|since|by|until|till|from|of|year|early|late|mid|spring|summer|autumn|fall|winter|"
                          r"January|February|March|April|May|June|July|August|September|October|"
                          r"November|December)"
                          r"\s+$", re.I)


_VAGUE_BEFORE = re.compile(r"\b(?:a\s+few|few|several|some|many|a\s+couple\s+of|couple\s+of|"
                           r"tens\s+of|hundreds\s+of)\s+$", re.I)


def find_money(text: str) -> list[Money]:
    """All amounts of money in ``text``, in order; an amount right after another one in a
    different currency ("1,500 yuan, more than $200") is marked ``converted``."""
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    if not lowered.isascii():  # (Korean: the regex costs less than the hint pass)
        if not _MONEY_HINT.search(lowered):
            return found
    elif not hints.families(lowered) & hints.MONEY:  # (found with the other stages' hint words)
        return found

    def add(value: float, cur: str, start: int, end: int, high: float | None = None) -> None:
        if value <= 0 or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Money(value, cur, start, end, high=high))

    digits = _DIGIT.search(text) is not None  # (every amount but one in words has a digit)
    for rx in _MONEY_RES if digits else ():
        for m in rx.finditer(text):
            cur = m.groupdict().get("sym") or m.group("cur")
            value = _parse_num(m.group("num")) * _scale(m.group("scale"))
            add(value, _en_won(text, m.start(), value, _currency(cur), cur), m.start(), m.end())
    for m in _WORD_MONEY_RE.finditer(text) if re.search(r"[a-z]", text) else ():
        if _VAGUE_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue  # "a few thousand yuan", "several hundred dollars": no amount
        v = words_to_number(m.group("words"))
        if v:
            add(float(v), _en_won(text, m.start(), float(v), _currency(m.group("cur")),
                                  m.group("cur")), m.start(), m.end())
    for m in _KO_MONEY_RE.finditer(text) if re.search(r"위\s?안|위엔|원|달러|불", text) else ():
        amount = korean_to_number(m.group("num"))
        if amount:
            cur = _currency(m.group("cur"))
            if cur == "KPW" and _KO_SOUTH_MONEY.search(text[max(0, m.start() - 12):m.start()]):
                cur = "KRW"  # "한국 돈으로 50만 원": South Korean won
            elif cur == "KPW" and _KO_CHINA_MONEY.search(text[max(0, m.start() - 8):m.start()]):
                cur = "RMB"
            elif cur == "KPW" and (amount < 50000 or not _KO_SOLD_SOON.match(
                    text, m.end())) and _KO_SALE_PRICE_AFTER.match(
                text, m.end()) and not _KO_NORTH_MONEY.search(
                    text[max(0, m.start() - 10):m.start()]):
                cur = "RMB"  # "1만 2천 원에 팔렸다": a woman's price in China, 元 read as 원
            elif cur == "KPW" and amount >= 50000 and _KO_SOLD_SOON.match(
                    text, m.end()) and not _KO_NORTH_MONEY.search(
                        text[max(0, m.start() - 10):m.start()]):
                # "단돈 8만원에 … 남자에게 팔려갔다": a woman's price of 50,000 and more in 원 is
                # the report's South Korean won (prices in yuan stay in the thousands)
                cur = "KRW"
            low = _ko_range_low(m.group("lo"), m.group("num")) if m.group("lo") else None
            if low is not None and low < amount:
                add(low, cur, m.start(), m.end(), high=amount)
            else:
                add(amount, cur, m.start(), m.end())
    found.sort(key=lambda x: x.start)
    # bare numbers that share a later currency: "first for 15,000 and then for 20,000 yuan"
    extra: list[Money] = []
    for m in _BARE_NUM_RE.finditer(text) if digits else ():
        s, e = m.start("num"), m.end()
        if any(a.start <= s < a.end for a in found):
            continue
        if _YEAR_BEFORE.search(text[max(0, s - 30):s]) and re.fullmatch(r"(?:19|20)\d\d",
                                                                        m.group("num")):
            continue  # "in 2001 and a broker sold me for 5,000 yuan": a year, not a first price
        nxt = next((a for a in found if a.start >= e and a.start - e < 40), None)
        if nxt is not None and not re.search(r"[.;]", text[e:nxt.start]):
            extra.append(Money(_parse_num(m.group("num")) * _scale(m.group("scale")),
                               nxt.currency, s, e))
    # Korean: "각 4천, 6천 위안", "4천과 6천 위안": a bare 천/만 figure shares the next currency
    for m in _KO_BARE_NUM_RE.finditer(text) if digits and "위안" in text else ():
        s, e = m.start(), m.end()
        if any(a.start <= s < a.end for a in found + extra):
            continue
        nxt = next((a for a in found if a.start >= e and a.start - e < 20), None)
        bare = korean_to_number(m.group("num"))
        if nxt is not None and bare and not re.search(r"[.;]", text[e:nxt.start]):
            extra.append(Money(float(bare), nxt.currency, s, e))
    found = sorted(found + extra, key=lambda x: x.start)
    # a range is one amount, not two prices: "2,000–3,000 yuan", "between 3,000 and 4,000 yuan"
    ranged: list[Money] = []
    for mo in found:
        lo = ranged[-1] if ranged else None
        gap = text[lo.end:mo.start] if lo else ""
        if lo and mo.currency == lo.currency and lo.high is None and not lo.converted and (
                _RANGE_SEP.fullmatch(gap) or (_RANGE_AND.fullmatch(gap)
                                              and _BETWEEN.search(text[:lo.start]))):
            ranged[-1] = Money(lo.value, lo.currency, lo.start, mo.end, high=mo.value)
            continue
        ranged.append(mo)
    found = ranged
    # conversions in apposition
    out: list[Money] = []
    for mo in found:
        if out and mo.currency != out[-1].currency and mo.start - out[-1].end < 25 and re.fullmatch(
                # up to three hedging words: "or about $190", "that is, roughly US$250"
                r"[\s,(\[]*(?:(?:or|about|around|approximately|roughly|some|nearly|almost|"
                r"slightly|just|a\s+little|a\s+bit|"
                r"that\s+is|worth|which\s+(?:is|was|were|are)|equal\s+to|(?:the\s+)?equivalent\s+of|"
                r"more\s+than|less\s+than|over|under|i\.e\.|equivalent\s+to|us|u\.s\.|u|"
                r"약|정도|元|한화|원화|"
                r"우리\s?돈|한국\s?돈|미화|미국\s?돈|달러로|인민폐|중국\s?돈(?:으로)?)[\s,(\[]*){0,3}",
                text[out[-1].end:mo.start], re.I):
            lo = out[-1]
            if lo.currency in ("KRW", "KPW") and mo.currency == "RMB" and "(" in text[
                    lo.end:mo.start]:
                # "약 90만 원(5천 위안)에 팔렸다": the won is the report's gloss of the yuan paid
                out[-1] = Money(lo.value, lo.currency, lo.start, lo.end, converted=True)
                out.append(mo)
                continue
            out.append(Money(mo.value, mo.currency, mo.start, mo.end, converted=True))
            continue
        out.append(mo)
    return out


_KO_COUNT_RE = re.compile(
    r"(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d+)\s?(?:명|번|차례|살|개월|달|년|해)")
_KO_NATIVE = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
              "아홉": 9,
              "열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40}
_KO_NATIVE_RE = re.compile(r"(스무|스물|서른|마흔|열)?\s?(한|두|세|네|다섯|여섯|일곱|여덟|아홉)?")


def korean_native_number(text: str) -> int | None:
    """``"스물두"`` → 22, ``"두"`` → 2, ``"열"`` → 10 (native Korean counting words)."""
    m = _KO_NATIVE_RE.fullmatch(text.replace(" ", ""))
    if not m or not (m.group(1) or m.group(2)):
        return None
    return _KO_NATIVE.get(m.group(1) or "", 0) + _KO_NATIVE.get(m.group(2) or "", 0)


def small_number(token: str) -> int | None:
    """A count as written: ``"3"``, ``"three"``, ``"twice"``, ``"두"``, ``"세"``."""
    t = token.strip().lower()
    if t.isdigit():
        return int(t)
    if t in ("once",):
        return 1
    if t in ("twice",):
        return 2
    if t in ("thrice",):
        return 3
    v = words_to_number(t) if t not in ("a", "an") else 1
    if v is not None:
        return v
    return korean_native_number(t) or (int(k) if (k := korean_to_number(t)) else None)


def amount_of(m: Money, date=None):
    """A record :class:`~casebook.model.Amount` for a found sum: the year of ``date`` (an
    :class:`~casebook.model.UncertainDate` or None) and its USD value at that year's rate."""
    from casebook.model import Amount

    year = date.year if date else None
    return Amount(m.value, m.currency, year, _usd(m.value, m.currency, year))


def _usd(value: float, currency: str, year: int | None) -> float | None:
    from casebook.errors import InvalidInput
    from casebook.vocab.money import to_usd

    try:
        v = to_usd(value, currency, year)
    # no rate for it: the amount stays, without a USD value
    except (InvalidInput, ValueError, KeyError):
        return None
    return round(float(v), 2) if v is not None else None
