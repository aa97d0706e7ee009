"""Whose story a clause tells (English): her, someone else, or unknown.

Accounts are told in the first person (an interview), in the third person (a news report, an
NGO case note: "Kim, 34," then "she", "Ms. Kim", "the woman"), or both (a report quoting her).
This module finds who the account is about (:func:`protagonist`), whether "I" or "she" is her
(:func:`narration`), which words are inside quotation marks, and splits a sentence into
clauses with the person each clause is about (:func:`clauses`), so that "I crossed with my
uncle, who was later caught and sent back" gives her a crossing and no return, and "Cha and her
daughter were kidnapped, sold, captured by the police and repatriated" gives her all four.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from casebook.extract import name_search, rules
from casebook.extract.literal_gate import gate_of, may_match

HER, OTHER, UNKNOWN = "her", "other", "unknown"
NAME_MARK = "ǂ"  # her name, replaced letter for letter in the lower-cased sentence the rules read
NOT_HER_I = "ʘ"  # a reporter's "I"/"we" outside quotation marks, replaced the same way


def _words(name: str) -> tuple[str, ...]:
    return tuple(rules.language("en").get(name, ()))


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(_words("korean_surnames"))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("not_names"))


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    return frozenset(_words("common_surnames"))


@lru_cache(maxsize=1)
def _leaders() -> tuple[str, ...]:
    return tuple(_squash(n) for n in _words("leader_names"))


def _squash(name: str) -> str:
    return re.sub(r"[\s-]", "", name).lower()


# ------------------------------------------------------------------------ quotation marks

_QUOTE = re.compile(r"[“”\"]")


# a paragraph opened by a single mark that a double one closes (‘From 1994 …," she begins):
# text copied from a web page mixes the two, and the single mark must open the quotation or the
# marks after it pair the wrong way round ("’" before a letter is an apostrophe: "didn’t")
_PARA_SINGLE_OPEN = re.compile(r"(?:^|\n)[ \t]*‘")
_CLOSING = re.compile(r"[”\"\n]|’(?![A-Za-z])")


def _mixed_opening(text: str) -> str:
    """``text`` with each paragraph-opening ‘ that ” or " closes written as “ (same length)."""
    for m in _PARA_SINGLE_OPEN.finditer(text):
        c = _CLOSING.search(text, m.end())
        if c and c.group() in "”\"":
            text = text[:m.end() - 1] + "“" + text[m.end():]
    return text


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (“…”, "…"); an opening mark left open ends at the paragraph."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    if "‘" in text:
        text = _mixed_opening(text)
    for m in _QUOTE.finditer(text):
        ch = m.group()
        if ch == '"' and (m.start() == 0 or text[m.start() - 1] == "\n"):
            ch = "“"  # a straight mark opening a line opens a quote (the last one was left open)
        if start is None:
            if ch != "”":
                start = m.end()
        elif ch != "“":
            out.append((start, m.start()))
            start = None
        else:  # a new opening mark: the earlier quote was left open
            out.append((start, m.start()))
            start = m.end()
        if start is not None and "\n\n" in text[start:m.start()]:
            start = m.end() if ch != "”" else None
    if start is not None:
        end = text.find("\n\n", start)
        out.append((start, len(text) if end < 0 else end))
    return out


def inside(spans: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The parts of ``spans`` that fall inside [a, b), relative to a."""
    return [(max(s, a) - a, min(e, b) - a) for s, e in spans if s < b and e > a]


# ------------------------------------------------------------------------------- her name

_CAP = r"[A-Z][a-z]+"
_GIVEN = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?"
# (The whole-text patterns here start with a letter and check the word start behind it:
# "M(?<!\wM)" for "\bM". The search then skips to the positions where such a letter stands,
# several times faster than from a leading \b or look-behind.)
_TITLE = re.compile(
    r"M(?<!\wM)(?:s|rs|iss|adam|me|dm|S|RS)\.?\s*"
    r"(?P<n>[A-Z][A-Za-z]+(?:[\s-][A-Z][a-z]+){0,2})")
# overlapping: "When Park Chun-mi" must also be read from "Park"
_FULL = re.compile(
    # (the capital asked for first: most positions fail that one test)
    rf"(?=[A-Z])(?<![\w-])(?=(?P<a>{_GIVEN}|[A-Z]{{2,}})(?:\s|[ ]{{2,30}})(?P<b>{_GIVEN}|"
    rf"[A-Z]{{2,}})(?:(?:\s|[ ]{{2,30}})(?P<c>{_CAP}))?(?![\w-]))")
# an English nickname inside her Korean name: "Young Nah “Grace” Choi" is read as "Young Nah Choi"
_NICKNAME = re.compile(r"[“\"‘](?<=[a-z] [“\"‘])[A-Z][a-z]+[”\"’] (?=[A-Z])")
# she names herself: "My name is Kim Hana", "I am Lee, 31"
_SELF_NAMED = re.compile(r"(?:M(?<!\wM)y name is|m(?<!\wm)y name is|"
                         r"I(?<!\wI)(?: am|'m| was called)|C(?<!\wC)all me|c(?<!\wc)all me)\s+"
                         r"(?P<n>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})\b")
_MALE_TITLE = rules.fast_compile(
    r"\b(?:Mr|Rev|Reverend|Pastor|Dr|Father|Brother|Mister|President|Leader|Chairman)\.?\s*$")
# a full name with a role: "Activist Kim Sung-eun", "Lee Min-ji of the Seoul-based NGO",
# "Park Ji-hoon, director of …" is not the woman the report is about
_ROLE_BEFORE = rules.fast_compile(
    r"\b(?:[Aa]ctivist|[Dd]irector|[Ff]ounder|[Pp]rofessor|[Rr]esearcher|[Ll]awmaker|[Ll]awyer|"
    r"[Ss]pokes(?:man|woman|person)|[Oo]fficial|[Mm]inister|[Aa]mbassador|[Cc]hief|[Hh]ead|"
    r"[Rr]epresentative|[Aa]nalyst|[Ee]xpert|[Ww]orker)\s*$")
_ROLE_AFTER = re.compile(
    r"(?:\s+of\s+the\b|,\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?(?:activist|director|founder|"
    r"professor|researcher|lawmaker|lawyer|spokes(?:man|woman|person)|official|minister|"
    r"ambassador|chief|head|representative|analyst|expert|pastor|missionary|chairman|"
    r"president)\b)")
_MR = re.compile(r"(?:Mr|Pastor|Rev|Dr|Father|Brother)\.?\s+([A-Z][a-z]+)")
_SURNAMED = re.compile(r"(?:s(?<!\ws)urnamed?|f(?<!\wf)amily\s+name|l(?<!\wl)ast\s+name|"
                       r"i(?<!\wi)dentified\s+(?:only\s+)?as)\s*,?\s+(?:(?:is|was)\s+)?"
                       r"(?P<s>[A-Z][a-z]+)\b")
_AGE_APPOSITION = re.compile(
    r"(?P<s>[A-Z](?<![\w-][A-Z])(?:[a-z]+|[A-Z]+)),\s+(?:(?:aged\s+)?\d{2},|"
    r"(?:a|an|now)\s+\d{2}-year-old\b)")
# a sentence opening on her surname and an apposition: "Kwon, who asked …, was sold", "Lim, a
# mother of two, …" (not "Kim, a professor at …": see _ROLE_AFTER)
# (a capital first, then what stands before it: the text's start, a sentence end or a line break;
# a scan tries the look-behinds only at capitals)
_NAME_APPOSED = re.compile(r"(?P<s>[A-Z](?:(?<=[.!?] [A-Z])|(?<=\n[A-Z])|(?<![\s\S]{2}))[a-z]+),"
                           r"\s+(?:who|a|an)\s")
_NAME_TOKEN = re.compile(r"[A-Z](?<![\w-][A-Z])[\w-]*")
_AS_SUBJECT = re.compile(
    r"([A-Z](?<![\w’'-][A-Z])[a-z]+(?:-[A-Za-z][a-z]*)?)(?:[’']s\b|\s+(?:said|says|was|had|has|is|"
                         r"told|"
                         r"recalls|recalled|remembers|remembered|crossed|went|fled|decided|made|"
                         r"grew|began|felt|asked|described|describes|spent|worked|met|lost|"
                         r"explained|managed|"
                         r"came|escaped|stepped|sets|set|tried|became|ran|left|lived|agreed|turned|"
                         r"got|found|thought|"
                         r"knew|wanted)\b)")


@dataclass
class Person:
    surname: str | None
    names: tuple[str, ...]  # every form the text uses for her, longest first
    start: int  # where the name is first written (evidence for the surname)
    end: int
    mentions: int = 0


# one romanised Korean syllable ("Hee", "Min", "Eun", "Mi"): a consonant or two, a vowel group,
# at most a final n/ng/m/l/k/p/t
_ONE_SYLLABLE = re.compile(r"^(?:[BCDGHJKMNPRSTY]|Ch|Kk|Tt|Pp|Ss|Jj|Sh)?h?"
                           r"(?:[aeiou]{1,3}|y[aeou]{1,2}|w[aeio]{1,2})(?:ng|n|m|l|k|p|t)?$", re.I)


def _surname_of(tokens: list[str]) -> str | None:
    sur = _surnames()
    norm = [t.capitalize() if t.isupper() else t for t in tokens]
    common = _common_surnames()
    if norm[0] in sur and len(norm) > 1 and not (norm[-1] in common and norm[0] not in common):
        return norm[0]  # Korean order: "Kang Keumok", "Go Ji Un" (but "Yeon Mi Park" is Park)
    if norm[-1] in sur:
        return norm[-1]  # "Mi Kyong Park", "Yeonmi Park"
    return None


def protagonist(text: str) -> Person | None:
    """The woman the account is about: the person named most often (a title, a Korean full name,
    "surnamed Lee", "Kim, 34,", or a one-word pseudonym told as a subject)."""
    sur, stop = _surnames(), _not_names()
    cands: dict[str, Person] = {}
    text = _NICKNAME.sub(lambda m: " " * len(m.group()), text)  # offsets kept
    tokens = Counter(_NAME_TOKEN.findall(text))

    def add(surname: str | None, names: list[str], a: int, b: int, weight: int = 0) -> None:
        key = surname or names[0]
        p = cands.get(key)
        forms = tuple(dict.fromkeys(n for n in names if n))
        if p is None:
            cands[key] = Person(surname, forms, a, b, weight)
        else:
            p.names = tuple(dict.fromkeys(p.names + forms))
            p.mentions += weight

    for m in _TITLE.finditer(text):
        toks = re.split(r"[\s]", m.group("n"))
        if toks[0].lower() in stop:
            continue
        s = _surname_of(toks) or (toks[0] if len(toks) == 1 else None)
        if s:
            add(s, [m.group("n"), " ".join(toks), s], m.start("n"), m.end("n"), 3)
    # "Kim Cheol Ok … Cheol Ok said": a two-word given name after her surname is not a name of its
    # own
    full_matches = list(_FULL.finditer(text))
    givens = {f"{m.group('b')} {m.group('c')}" for m in full_matches
              if m.group("c") and m.group("a") in sur and m.group("b") not in sur}
    men: set[str] = set()  # surnames of men named with a title ("Pastor Chun Ki-won")
    for m in full_matches:
        toks = [t for t in (m.group("a"), m.group("b"), m.group("c")) if t]
        if f"{toks[0]} {toks[1]}" in givens or _squash("".join(toks)).startswith(_leaders()):
            continue
        if _MALE_TITLE.search(text[max(0, m.start() - 12):m.start()]):
            men.update(t.capitalize() for t in toks[:2])
            continue
        if (_ROLE_BEFORE.search(text[max(0, m.start() - 16):m.start()])
                or _ROLE_BEFORE.search(toks[0] + " ") or _MALE_TITLE.search(toks[0] + " ")
                or _ROLE_AFTER.match(text, m.end(m.lastindex or 0))):
            continue  # an activist, official or expert quoted by name
        # "Lee Soon Ae": a word that may open a sentence is a given name after a surname
        named = len(toks) == 3 and toks[0] in sur
        # (a third syllable set off by a comma is a name even if it is also a word: "Kim Hye
        # Soon, a 36-year-old")
        apposed = named and re.match(r"\s*[,(]", text[m.end("c"):m.end("c") + 3]) is not None
        if any(t.lower() in stop for t in ([toks[0]] + ([] if apposed else [toks[2]]) if named
                                           else toks[:2])):
            continue
        if len(toks) == 2 and all(_ONE_SYLLABLE.match(t) for t in toks) and toks[
                0].capitalize() not in _common_surnames():
            continue  # "Min Hee", "Eun Mi": a two-syllable given name (a pseudonym), no surname
        s = _surname_of(toks[:2]) or (_surname_of(toks) if len(toks) == 3 else None)
        if len(toks) == 3 and _surname_of(toks) in _common_surnames() - {toks[0].capitalize()}:
            s = _surname_of(toks)  # "Yeon Mi Park": Park, not the rarer "Yeon"
        if len(toks) == 3 and s == toks[1] and toks[0] not in sur and toks[2] in sur:
            s = toks[2]  # "Hae Nam Ji": a three-word name's surname is at one end, not the middle
        if s is None:
            continue
        given = [t for t in toks if t != s and t.capitalize() != s]
        if not given or any(g.lower() in stop for g in (
                ([] if apposed else given[1:]) if named else given)):
            continue
        if tokens[s] == 1 and _in_headline(text, m.start()):
            continue  # "Missionaries Go Online": a title's capitals, named nowhere else
        full = " ".join(toks) if (len(toks) < 3 or _surname_of(toks[:2]) is None
                                  or toks[2] in given) else " ".join(toks[:2])
        a = next((m.start(g) for g in "abc" if m.group(g) and m.group(g).capitalize() == s),
                 m.start())
        # the given name alone is her too ("Son Myunghee … Myunghee first escaped"); not a short one
        gn = " ".join(g for g in given if g in full)
        add(s, [full, s, s.upper()] + ([gn] if len(gn) >= 4 and gn.lower() not in stop else []), a,
            a + len(s), 2)
    low = text.lower()
    for rx, weight in ((_SURNAMED, 3), (_AGE_APPOSITION, 2), (_NAME_APPOSED, 1)):
        for m in rx.finditer(text) if may_match(gate_of(rx.pattern, _WHOLE_TEXT_PIECES), text,
                                                low) else ():
            s = m.group("s").capitalize()
            if s in sur and not (rx is _NAME_APPOSED and _ROLE_AFTER.match(text, m.end("s"))):
                add(s, [m.group("s"), s], m.start("s"), m.end("s"), weight)
    for m in _SELF_NAMED.finditer(text):
        toks = re.split(r"[\s-]", m.group("n"))
        s = _surname_of(toks) if len(toks) > 1 else (toks[0] if toks[0] in sur else None)
        if s and toks[0].lower() not in stop:
            add(s, [m.group("n"), s], m.start("n"), m.start("n") + len(m.group("n")), 3)
    # "Rhee said", "When Chun decided": a report that calls her by her surname alone (a bare
    # "Kim" beside the leaders' names is theirs)
    lone = any(n >= 2 and w in sur and w not in cands for w, n in tokens.items())
    said = rules.by_code("en", "context", "said_name")  # "…, said Moon."
    as_subject = list(_AS_SUBJECT.finditer(text)) + (list(said.finditer(text)) if may_match(
        gate_of(said.pattern, _WHOLE_TEXT_PIECES), text, low) else []) if (
        lone or not cands or max(p.mentions + tokens[p.surname or ""] for p in cands.values()) < 5
    ) else []
    men |= {m.group(1) for m in _MR.finditer(text)} if lone else set()
    bare = Counter(m.group(1) for m in as_subject
                   if m.group(1) in sur and m.group()[len(m.group(1)):][:1] not in "’'"
                   and not _MALE_TITLE.search(text[max(0, m.start() - 12):m.start()]))
    leaders = "Kim" in bare and any(_squash(n).startswith(_leaders()) for n in re.findall(
        r"Kim[\s-]\w+(?:[\s-]\w+)?", text))
    # a short report that names her once, by her surname alone, as the subject ("Kim was sold
    # three times"), and speaks in no one's first person: that surname is hers
    once = not cands and len(bare) == 1 and not _FIRST.search(text)
    for w, n in bare.items():
        # (or the subject once and named three times: "like Moon", "it happened to Moon")
        if (n >= 2 or once or tokens[w] >= 3) and w not in cands and w not in men and not (
                leaders and w == "Kim"):
            seen = name_search.first(text, [w], "token", "token")  # (no pattern holds a name)
            if seen is not None:
                add(w, [w], seen[0], seen[1], 0)

    def mentions(p: Person) -> int:  # every mention of the surname or a full form counts
        return p.mentions + sum(tokens[f] if " " not in f else text.count(f) for f in set(p.names)
                                if f)

    taken = {t for p in cands.values() for n in p.names for t in re.split(r"[\s]", n)}
    if not cands:
        # a given name marked as a pseudonym ("Mija*", "Su-jin (not her real name)"): hers, even
        # if written only once before "she" takes over
        for m in rules.by_code("en", "context", "pseudonym_mark").finditer(text):
            w = m.group(1)
            if w.lower() in stop or w in sur or _is_place(w) or _MALE_TITLE.search(
                    text[max(0, m.start() - 12):m.start()]):
                continue
            add(None, [w], m.start(1), m.end(1), 2)
            break
    if not cands or max(mentions(p) for p in cands.values()) < 5:
        # a one-word pseudonym: a capitalised word told as her, again and again
        subjects = {m.group(1) for m in as_subject}
        for w, n in Counter({w: tokens[w] for w in subjects}).most_common(12):
            if n < 2:
                break
            if w.lower() in stop or w in sur or w in taken or _is_place(w):
                continue
            first = text.find(w)
            if _MALE_TITLE.search(text[max(0, first - 12):first]):
                continue
            add(None, [w], first, first + len(w), -1)
            break
    if not cands:
        return None
    for p in cands.values():
        p.mentions = mentions(p)
    best = max(cands.values(), key=lambda p: (p.mentions, -p.start))
    if best.surname:  # sisters share a surname: keep the given name told most (then first)
        fulls = [n for n in best.names if " " in n and n.split()[0].lower() == best.surname.lower()
                 and n.split(" ", 1)[1] in best.names]
        if len(fulls) > 1:
            keep = max(fulls, key=lambda n: (text.count(n.split(" ", 1)[1]), -text.find(n)))
            drop = {n for n in fulls if n != keep} | {n.split(" ", 1)[1] for n in fulls
                                                      if n != keep}
            best.names = tuple(n for n in best.names if n not in drop)
    best.names = tuple(sorted(set(best.names), key=len, reverse=True))
    return best


def _in_headline(text: str, at: int) -> bool:
    """Whether ``at`` is on a title-case line ("Christian Missionaries Go Online to Help")."""
    a = text.rfind("\n", 0, at) + 1
    z = text.find("\n", at)
    words = [w for w in text[a:len(text) if z < 0 else z].split() if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


@lru_cache(maxsize=512)
def _is_place(word: str) -> bool:
    from casebook.extract.places import places_in

    return bool(places_in(word))


# ---------------------------------------------------------------------------- narration

_FIRST = re.compile(r"I(?<!\wI)\b|m(?<!\wm)(?:e|y|yself)\b")  # \b(?:I|me|my|myself)\b
# \b(?:she|her|herself)\b ignoring case (ſ is an s then)
_THIRD = re.compile(r"[sSſhH](?<!\w[sSſhH])"
                    r"(?:(?<=[sSſ])[hH][eE]|(?<=[hH])[eE][rR](?:[sSſ][eE][lL][fF])?)\b")


def narration(text: str, names: tuple[str, ...], quotes: list[tuple[int, int]]) -> str:
    """``first`` when she tells her story herself, ``third`` when it is told about her (quotes of
    her own words may be inside). Only words outside quotation marks are counted."""
    parts, at = [], 0
    for a, b in quotes:
        parts.append(text[at:a])
        at = max(at, b)
    parts.append(text[at:])
    plain = " ".join(parts)
    first = len(_FIRST.findall(plain))
    third = len(_THIRD.findall(plain))
    tokens = Counter(_NAME_TOKEN.findall(plain)) if names else Counter()
    words = {n for n in names if n and " " not in n}
    # each mention once: "Bae Yu-jin" is counted by its "Bae", not again as a full name
    named = sum(tokens[n] for n in words) + sum(plain.count(n) for n in set(names) if n and " " in n
                                                and not words & set(re.split(r"[\s-]", n)))
    if named >= 3 and third + named > first * 0.5:
        return "third"
    if first >= 3 and first >= (third + named) * 0.5:
        return "first"
    return "third" if third + named > first else "first"


# ------------------------------------------------------------------------------ clauses

@dataclass
class Clause:
    start: int
    end: int
    who: str  # her / other / unknown: who the clause is about (its subject, said or inherited)
    explicit: bool  # the subject is written in the clause (not inherited or from "who")
    group: bool = False  # the subject (said or inherited) is "they"/"we": a group she may be in
    generic: bool = False  # the subject is people in general ("defectors face torture")
    lede: bool = False  # a report's opening "A North Korean woman who was sold …": a summary


_BREAK = re.compile(
    r"\s*(?:[;:()]|\s[—–-]\s|,(?=\s)|\b(?:and|but|then|while|when|whereupon|after|before|until|"
    r"because|although|though|since|"
    r"where|who|whom|which|that|so\s+that|only\s+to)\b)")
_LEAD = re.compile(
    r"^\W*(?:(?:and|but|then|so|later|also|finally|eventually|soon|when|while|after|before|until|"
    r"because|"
                   r"although|though|where|once|as|only|since|even|still|yet|thus|however|too|just|"
                   r"instead|there|to|"
                   r"\w+ly)\b[\s,]*)*", re.IGNORECASE)
_REL = re.compile(r"^\W*(?:who|whom|that|which)\b", re.IGNORECASE)
_VERB_WORDS = frozenset(["am", "is", "are", "was", "were", "be", "been", "being", "had", "has",
                         "have", "did", "does", "do", "got", "get", "gets", "went", "go", "goes",
                         "came", "come", "took", "take", "sold", "sell", "bought", "buy", "left",
                         "gave", "give", "met", "fled", "flee", "ran", "run", "told", "said",
                         "says", "made", "make", "kept", "keep", "saw", "see", "knew", "know",
                         "found", "brought", "became", "began", "could", "would", "will", "can",
                         "should", "might", "must", "lived", "lives", "live", "tried", "decided",
                         "hoped", "wanted", "bore", "fell", "stood", "drove", "led", "held", "paid",
                         "hid", "sent", "spent", "lost", "woke", "slept", "thought", "heard",
                         "taken", "given", "seen", "known", "gone", "done", "born", "caught", "put",
                         "let", "hit", "beat", "beaten", "swam", "ate", "drank", "wrote", "sat",
                         "felt", "resold", "re-sold", "resell", "struck", "fought", "stole"])
_NOT_ING = frozenset(["during", "nothing", "something", "anything", "everything", "morning",
                      "evening", "thing", "ceiling", "wedding", "building", "spring", "string",
                      "king", "ring", "sing", "bring", "wing", "darling", "sibling", "clothing",
                      "meaning", "beginning", "ending"])
_TOKEN = re.compile(r"[a-z’'-]+")


@lru_cache(maxsize=1)
def _places_in_ing() -> frozenset[str]:
    """The gazetteer's one-word place names that end in -ing ("a defector in China's Liaoning
    province who …" has no verb before "who")."""
    from casebook.extract.places import one_word_names

    return frozenset(n for n in one_word_names() if n.endswith("ing"))


class _VerbFinder:
    """A finite or participial verb in a stretch of lower-cased words: a word list, "-ed", "-ing"
    (token lookups, much faster than one regex alternation)."""

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        for m in _TOKEN.finditer(text, pos, len(text) if endpos is None else endpos):
            w = m.group()
            if w in _VERB_WORDS or (len(w) > 3 and w.endswith("ed")) or (
                    len(w) > 5 and w.endswith("ing") and w not in _NOT_ING
                    and w not in _places_in_ing()):
                return m
        return None

    def fullmatch(self, text: str) -> bool:
        m = self.search(text)
        return m is not None and m.start() == 0 and m.end() == len(text)


_VERB = _VerbFinder()
_PRONOUN = re.compile(r"^\W*(?P<w>I|we|she|he|they|it|you|there|this|that|these|those)\b",
                      re.IGNORECASE)
# (a bare verb too: "I saw the broker beat another girl")
_PERCEPTION = rules.fast_compile(
    r"\b(?:saw|see|seen|watched|watch|witnessed|heard)\s+(?:\w+\s+){0,3}?"
                         r"(?:being\s+|get\s+|got\s+)?(?=\w+(?:ed|en)\b|being\b|(?:beat|hit|"
                         r"kick|slap|punch|rape|sell|drag|torture|kill|hurt)\b)", re.IGNORECASE)
_PERCEPTION_GATE = gate_of(_PERCEPTION.pattern)
_WHOLE_TEXT_PIECES = 16  # (a gate in front of a search over the whole text may hold more words)


@lru_cache(maxsize=1)
def _kin() -> re.Pattern[str]:
    """Someone else: a relative, friend or any other person named by a noun."""
    return re.compile(
        r"^\W*(?:(?:my|her|his|our|their|your|the|a|an|another|other|some|many|several|one|two|"
        r"three|ǂ+[’']s|"
                      r"four|five|\d+|all|most|both|each|every|younger|older|elder|little|"
                      r"two\s+other)\s+)+"
                      r"(?:[\w’'-]+\s+){0,4}?" + rules.expand("en", "{PERSON_NOUN}") + r"\b",
                      re.IGNORECASE)


NOT_GIVEN = frozenset(("also", "too", "then", "herself", "now", "later", "finally", "first",
                       "still", "again", "alone",
                        "once", "soon", "eventually", "and", "or", "who", "which", "says", "said",
                        "had", "has",
                        "was", "is", "never", "often", "only", "just", "recently", "previously",
                        "herself"))


def who_of(np: str, mode: str) -> str:
    """Her, someone else or unknown, for a subject noun phrase (name already marked)."""
    return _who_of(np.strip().lower()[:120], mode)


@lru_cache(maxsize=1024)
def _who_of(np: str, mode: str) -> str:
    if re.match(r"^[^,]{1,60},\s*(?:(?:ms|mrs|miss)\.?\s*)?ǂ+\s*,?\s*(?:[a-z]+\s*)?$", np.strip()):
        return HER  # "one defector, ǂǂǂ, recalls …": her name set beside the noun
    t = re.split(r",|\b(?:who|whom|which|that)\b", np.strip().lower())[0].strip()
    if not t:
        return UNKNOWN
    if ("'" in t or "’" in t) and _possessed().search(t):
        return UNKNOWN  # "my husband's abuse": the subject is the abuse, not the husband
    tail = re.search(r"(?:^|\s)(i|we|she|he|they|ǂ+|ʘ+)\s*$", t)
    if tail and tail.start() > 0 and not _kin().match(t):
        t = tail.group(1)  # "in 2004 i", "one day she": the subject is the pronoun before the verb
    if NAME_MARK in t and re.match(r"^\W*ǂ+[’']s\s", t) and _kin().match(t):
        return OTHER  # "ǂ's father was sent to a camp": her relative
    namesake = re.match(r"^\W*ǂ+\s+([a-z]+)(?:[\s-][a-z]+)?\s*$", t)
    if namesake and namesake.group(1) not in NOT_GIVEN:
        return OTHER  # "ǂǂǂ yu bin was deported": her sister, who shares her surname
    if NAME_MARK in t:
        return HER
    m = _PRONOUN.match(t)
    if m:
        w = m.group("w")
        if w in ("i", "we"):
            return HER if not t.startswith(NOT_HER_I) else UNKNOWN
        if w == "she":
            return HER if mode == "third" else OTHER
        if w == "he":
            return OTHER
        return UNKNOWN
    if t.startswith(NOT_HER_I):
        return OTHER if _kin().match(re.sub(r"^ʘ+", "my", t)) else UNKNOWN  # "(my) friend's mother"
    if re.match(r"^\W*(?:\w+\s+)?(?:and|&)\s+(?:i|we)\b",
                t) or re.search(r"\b(?:and\s+i|of\s+us)\b", t):
        return HER  # "my aunt and I", "the two of us"
    if mode == "third" and re.match(
        r"^\W*the\s+(?:young\s+|\d+-year-old\s+)?(?:woman|girl|defector|refugee|survivor|"
                                    r"victim|mother)\s*$", t):
        return HER  # "the woman" in a story told about one woman
    if mode == "third" and re.match(
        r"^\W*an?\s+(?:young\s+|\d+-year-old\s+|north\s+korean\s+){0,3}(?:woman|girl|"
                                    r"defector|refugee|mother)\s*$", t):
        return UNKNOWN  # "A 21-year-old woman, who …": how a report may first bring her in
    if _kin().match(t) or _bare_plural().match(t):
        return OTHER
    return UNKNOWN


@lru_cache(maxsize=1)
def _possessed() -> re.Pattern[str]:
    """A possessive before a thing, not a person ("my husband's abuse", not "her friend's aunt")."""
    return re.compile(r"['’]s\s+(?!" + rules.expand("en", "{PERSON_NOUN}") + r"\b)\w+")


@lru_cache(maxsize=1)
def _bare_plural() -> re.Pattern[str]:
    """People in general: "defectors are sent to camps", "North Korean women are sold"."""
    return re.compile(
        r"^\W*(?:[\w’'-]+\s+){0,2}?(?:women|girls|men|people|refugees|defectors|brokers|"
        r"traffickers|"
                      r"smugglers|others|koreans|villagers|families|children|mothers|wives|"
                      r"brides)\b", re.IGNORECASE)


_PRONOUN_AT = re.compile(r"(?<![\w’'])(?:i|we|she|he|they|ǂ+)\s+(?=\S)")


def _opener_subject(head: str, pos: int) -> str | None:
    """The last pronoun after ``pos`` that a verb follows within two words, or None."""
    last = None
    for m in _PRONOUN_AT.finditer(head, pos):
        v = _VERB.search(head, m.end(), min(len(head), m.end() + 30))
        if v is not None and not head[m.end():v.start()].strip(" ").count(" ") > 1:
            last = m.group().strip()
    return last


def clauses(low: str, mode: str) -> list[Clause]:
    """The clauses of a lower-cased (name-marked) sentence with who each is about."""
    return list(_clauses(low, mode))


@lru_cache(maxsize=128)
def _clauses(low: str, mode: str) -> tuple[Clause, ...]:
    cuts = [0]
    for m in _BREAK.finditer(low):
        if m.start() > cuts[-1]:
            cuts.append(m.start())
    cuts.append(len(low))
    raw = [(a, b) for a, b in pairwise(cuts) if b > a]
    # a piece without a verb ("Kim, 34,", "my aunt and") belongs to the clause after it (or before)
    merged: list[list[int]] = []
    pending: int | None = None
    for a, b in raw:
        piece = low[a:b]
        start = pending if pending is not None else a
        if not _VERB.search(piece) and not _SUBORDINATE.match(piece):
            if merged and not _starts_subject(piece):
                merged[-1][1] = b
                pending = None
            else:
                pending = start
            continue
        merged.append([start, b])
        pending = None
    if pending is not None:
        if merged:
            merged[-1][1] = len(low)
        else:
            merged.append([pending, len(low)])
    out: list[Clause] = []
    prev_who, prev_group = UNKNOWN, False
    main: tuple[str, bool] | None = None  # the subject before a subordinate clause
    lede = False
    after_sub = False  # the clause before was a subordinate clause with its own subject
    for a, b in merged:
        piece = low[a:b]
        lead = _LEAD.match(piece)
        head = piece[lead.end():] if lead else piece
        sub = bool(lead and _SUBORDINATOR.search(lead.group()))
        rel = _REL.match(head)
        if rel:
            before = low[:a].rstrip()
            last = re.search(r"[\w’'ǂ-]+$", before)
            rest = head[rel.end():]
            if (head.lstrip().startswith("that") and last
                and _VERB.fullmatch(last.group())) or _OWN_SUBJECT.match(rest):
                # "she learned that her mother was taken", "heard later that she was sold": a new
                # clause
                head = rest
            else:  # "…my uncle, who was later caught": about the antecedent
                ante = re.search(r"([\w’'ǂ-]+(?:\s+[\w’'ǂ-]+){0,3})\W*$", low[:a])
                np = _np_end(ante.group(1)) if ante else ""
                who = HER if _APPOSED.search(low, 0, a) or (
                    mode == "third" and _LEDE.match(low[:a])) else who_of(np, mode)
                if who == OTHER and re.match(r"\W*(?:who|that)\s+(?:was|is|has)\b",
                                             head) and _PLURAL.search(np):
                    # "men who was deceived": the words around it are not one sentence (PDF columns)
                    who = UNKNOWN
                many = False
                if who == UNKNOWN and re.match(r"\W*(?:who|that)\s+(?:are|were|have)\b",
                                               head) and _MANY.search(
                        low, max(0, a - 90), a):
                    # "thousands of girls …, who are being abducted": people in general
                    who, many = OTHER, True
                out.append(Clause(a, b, who, False, generic=many))
                # "…, who was caught and sent back": the coordinated verbs are theirs too
                prev_who = who
                continue
        v = _VERB.search(head)
        subj = head[:v.start()] if v else head
        if v and not out and not subj.strip(" ,") and v.group().endswith("ing"):
            # "Thinking she might be in China she crossed …": an opening participle with no comma;
            # the sentence's subject is the last pronoun before a verb in it
            subj = _opener_subject(head, v.end()) or subj
        if v and not subj.strip(" ,"):
            # "…, and was sent back": the subject carries on; but "ǂ, who fled after her brother
            # was caught, gave birth …": after a comma, the subject from before the subordinate
            # clause
            if (after_sub or _INSERTED_REL.match(low, 0, a)) and main is not None and not sub \
                    and piece.lstrip().startswith(",") and not re.match(r"\W*(?:and|or|but)\b",
                                                                        piece):
                prev_who, prev_group = main
            who, explicit, group = prev_who, False, prev_group
        else:
            who, explicit = who_of(subj, mode), True
            lede = who == UNKNOWN and mode == "third" and not out and bool(_LEDE_REL.match(subj))
            if lede:
                who = HER  # "A North Korean defector who was sold … has spoken out"
            group = bool(_GROUP_END.search(subj.strip()))
        generic = explicit and bool((_bare_plural().match(subj.strip())
                                     and not _kin().match(subj.strip()))
                                    or _MANY_PEOPLE.match(subj.strip()))
        out.append(Clause(a, b, who, explicit, group, generic, lede=explicit and lede))
        if explicit and not sub and who != UNKNOWN:
            main = (who, group)
        after_sub = sub and explicit
        if who != UNKNOWN or explicit:
            prev_who, prev_group = who, group
    # a sentence that opens with a participle ("Sold to a farmer, she …") takes the next subject
    if len(out) > 1 and not out[0].explicit and out[0].who == UNKNOWN:
        out[0].who = out[1].who
    return tuple(out)


# "ǂ, 34, who asked that her name not be used, was sold": a relative clause between the
# sentence's subject and its verb (the bare predicate after it is the subject's)
_INSERTED_REL = re.compile(
    r"\W*[^,]{1,60},\s*(?:(?:aged\s+)?\d{1,2}\s*,\s*)?(?:who|whose)\b[^.;]*$")
# "ǂǂ, a victim of trafficking who was sold": a relative clause on a noun set beside her name
_APPOSED = re.compile(
    r"ǂ+\s*,\s+(?:a|an|the)\s+(?:(?!of\b)[\w’'-]+\s+){0,4}?(?:victim|woman|girl|defector|refugee|"
                      r"survivor|mother|teenager|widow|escapee)\s*,?\s*$")
_APPOSED_REL = re.compile(_APPOSED.pattern[:-len(r"\s*,?\s*$")]
                          + r"\s*,?\s*(?:who|that)\s+(?:[\w’'-]+\s+){0,3}$")


def apposed(low: str, pos: int) -> bool:
    """Is ``pos`` in a relative clause on a noun set beside her name ("ǂǂ, a refugee who was …")?"""
    return _APPOSED_REL.search(low, max(0, pos - 120), pos) is not None


# a report's opening words for her, with a relative clause on them: "A North Korean defector who
# was sold to a Chinese man … has spoken" (only at the start of the sentence)
_LEDE = re.compile(
    r"^\W*an?\s+(?:young\s+|\d+-year-old\s+|former\s+|north\s+korean\s+){0,3}(?:woman|girl|"
    r"defector|refugee|escapee|survivor|mother)\s*,?\s*$")
_LEDE_REL = re.compile(_LEDE.pattern[:-len(r"\s*,?\s*$")] + r"\s*,?\s*(?:who|that)\b")
_SUBORDINATOR = rules.fast_compile(
    r"\b(?:after|before|because|although|though|since|until|when|while|"
                           r"once)\b")
_MANY = re.compile(
    r"\b(?:thousands|hundreds|tens\s+of\s+thousands|many|most|countless|numerous)\s+of\b|"
                   r"\b(?:women|girls|refugees|defectors|people)\b")
_SUBORDINATE = re.compile(
    r"\W*(?:where|who|whom|which|when|while|because|although|though|until|whereupon)\b")
_OWN_SUBJECT = re.compile(
    r"\s*(?:i|we|she|he|they|ǂ+|ʘ+)\s+(?:\w+\s+){0,2}?(?:was|were|had|has|is|would|could|did|been|"
                          r"\w+ed)\b")
_PLURAL = re.compile(r"(?:\b(?:men|women|people|children)|[^s]s)\W*$")


_GROUP_END = re.compile(r"(?:^|\s)(?:they|we)\s*$")
# people in general counted by a quantifier: "many women", "thousands of North Korean girls"
_MANY_PEOPLE = re.compile(
    r"^\W*(?:many|most|countless|numerous|thousands\s+of|hundreds\s+of|tens\s+of\s+thousands\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:women|girls|refugees|defectors|people|brides|wives)\s*$")
_SUBJECT_START = re.compile(r"^\W*(?:and|but)?\s*(?:i|we|she|he|they|my|her|his|the|a|an|ǂ)")


def _starts_subject(piece: str) -> bool:
    return bool(_SUBJECT_START.match(piece))


def _np_end(words: str) -> str:
    """The noun phrase at the end of some words ("… crossed with my uncle" → "my uncle")."""
    m = re.search(
        r"(?:\b(?:my|her|his|our|their|the|a|an|another|other|two|"
        r"three)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+|"
                  r"ǂ+|\b\w+)\s*$", words)
    return m.group() if m else words


def clause_at(cs: list[Clause], pos: int) -> Clause | None:
    for c in cs:
        if c.start <= pos < c.end:
            return c
    return cs[-1] if cs else None


def perceived(low: str, pos: int, clause: Clause, cs: list[Clause] | None = None) -> bool:
    """"I watched a girl being beaten (and sold)": the event after a verb of seeing or hearing,
    or in the clauses that carry on from it, is someone else's."""
    start = clause.start
    if cs is not None and clause in cs:  # back over the clauses that inherit their subject
        k = cs.index(clause)
        while k > 0 and not cs[k].explicit:
            k -= 1
        start = cs[k].start
    if not may_match(_PERCEPTION_GATE, low, low):
        return False  # no verb of seeing or hearing in the sentence
    for m in _PERCEPTION.finditer(low, start, pos + 40):  # (room for the lookahead's verb)
        if m.end() <= pos + 1 and not re.match(r"\s*(?:me|us|myself|ǂ)",
                                               low[m.end() - len(m.group()) + len(
                m.group().split()[0]):]):
            return True
    return False
