"""Extraction rules as data: one TOML row per phrasing, per language and kind.

Where they live: ``extract/rules/<lang>/<kind>.toml`` (``en/sale.toml``, ``ko/violence.toml``),
each a list of ``[[rule]]`` rows; ``<lang>/macros.toml`` holds named regex fragments the rows
share (``{S}``: her as subject, ``{ROLE_NOUN}``: broker words); ``{NK_PLACE}`` and
``{CN_PROVINCE}`` are generated from the gazetteer. See ``README.md`` beside this file.

A row::

    [[rule]]
    kind = "sale"                  # the file's kind, repeated so a row reads alone
    code = "..."                   # the vocabulary code it proposes ("" when the kind has none)
    pattern = '''\\b{S}\\b ... (?P<t>sold|bought)\\b'''   # regex on the lower-cased sentence
    examples = ["I was sold to a farmer for 3,000 yuan."]  # must fire it (your own sentences)
    counter = ["My sister was sold to a farmer."]          # must not fire it
    notes = "why the row exists"   # optional
    mode = "first"                 # optional: first | third (which survivor anchors the examples
    use)

Korean rows may give ``morphs = ["팔/VV", ...]`` (kiwipiepy lemma/tag) instead of or beside
``pattern``. Any other key is kept in :attr:`Rule.extra` for the language module.

Trigger words are derived from the pattern (:func:`triggers_of`): the literal strings one of
which every match must contain. A sentence runs only the rows whose triggers it contains, so
adding a phrasing is adding a row, and there is no second table to keep in step. The scan is one
Aho-Corasick pass (``pyahocorasick``; a regex scan stands in without it) that also finds the
pattern's other required literals: a row whose other requirements are missing cannot match and
is not run (:meth:`RuleSet.scan`).

API::

    >>> from casebook.extract import rules
    >>> rows = rules.load("en", "sale")            # tuple[Rule, ...] in file order
    >>> rs = rules.ruleset("en", "sale", "first")  # compiled, with a trigger scan
    >>> [r.code for r, m in rs.matches("i was sold to a farmer.")][:1]
    ['']
"""

from __future__ import annotations

import functools
import re
import re._parser as _sre  # type: ignore[import-not-found]  # stdlib parser: a pattern's literals
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

from casebook.errors import InvalidInput

try:  # a compiled multi-string matcher for the trigger scan (the regex scan stands in without it)
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover
    _ahocorasick = None

_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")
_KNOWN = {"kind", "code", "pattern", "morphs", "examples", "counter", "notes", "mode", "case"}


@dataclass(frozen=True)
class Rule:
    """One phrasing: what it proposes (kind, code), how it is found, and its test sentences."""

    lang: str
    kind: str
    code: str
    pattern: str | None  # with macros unexpanded, as written in the TOML
    morphs: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    notes: str = ""
    mode: str = "first"
    case: bool = False  # match the original casing (default: the lower-cased sentence)
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    where: str = ""  # "en/sale.toml#3" for messages

    def regex(self, mode: str = "first") -> re.Pattern[str] | None:
        """The compiled pattern for the survivor ``mode`` (macros expanded)."""
        return _compiled(self.lang, self.pattern, mode, self.case) if self.pattern else None

    @property
    def anchor(self) -> str:
        """How the row ties the event to her: ``subject`` ({S} before the trigger words),
        ``object`` ({O}/{P} after or around them), ``clause`` (the clause must be about her:
        ``anchor = "clause"`` in the row) or ``none``."""
        if self.extra.get("anchor"):
            return str(self.extra["anchor"])
        p = self.pattern or ""
        t = p.find("(?P<t>")
        if "{S}" in p and (t < 0 or p.find("{S}") < t):
            return "subject"
        if "{O}" in p or "{P}" in p or "{HER_OBJ}" in p:
            return "object"
        return "none"

    def triggers(self, mode: str = "first") -> frozenset[str]:
        """Literal strings one of which any match contains (empty: no trigger, always run)."""
        return frozenset(t for t, _start in self.triggers_at(mode))

    def triggers_at(self, mode: str = "first") -> frozenset[tuple[str, bool]]:
        """:meth:`triggers`, each with whether it must start a word."""
        if self.morphs:
            return frozenset((m.split("/", 1)[0], False) for m in self.morphs)
        if not self.pattern:
            return frozenset()
        return _triggers(_lowered(self.lang, self.pattern, mode))

    def requirements_at(self, mode: str = "first") -> tuple[frozenset[tuple[str, bool]], ...]:
        """Every selective set of literals (with whether each must start a word) of which one is
        inside any match: the triggers are the most selective set; a match holds one of each."""
        if self.morphs or not self.pattern:
            return ()
        return _requirements(_lowered(self.lang, self.pattern, mode))


@functools.cache
def _lowered(lang: str, pattern: str, mode: str) -> str:
    """A row's pattern as its triggers are read: macros expanded, literals lower-cased."""
    return _lower_pattern(expand(lang, pattern, mode))


def _rules_dir(lang: str):
    return resources.files("casebook.extract.rules").joinpath(lang)


@functools.cache
def kinds(lang: str) -> tuple[str, ...]:
    """The rule files of a language (``macros.toml`` excluded), sorted."""
    d = _rules_dir(lang)
    if not d.is_dir():
        return ()
    return tuple(sorted(p.name[:-5] for p in d.iterdir() if p.name.endswith(".toml")
                        and p.name != "macros.toml"))


def _read(lang: str, name: str) -> dict:
    path = _rules_dir(lang).joinpath(name + ".toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"extract/rules/{lang}/{name}.toml: no such rule file") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"extract/rules/{lang}/{name}.toml: not valid TOML ({exc})") from None


@functools.cache
def load(lang: str, kind: str) -> tuple[Rule, ...]:
    """The rows of ``rules/<lang>/<kind>.toml`` in file order (validated)."""
    return rows_from(lang, kind, _read(lang, kind))


def rows_from(lang: str, kind: str, data: dict) -> tuple[Rule, ...]:
    """Validated rows of one parsed rule file; a bad row raises InvalidInput naming it."""
    out = []
    for i, row in enumerate(data.get("rule", []), 1):
        where = f"extract/rules/{lang}/{kind}.toml row {i}"
        if row.get("kind") != kind:
            raise InvalidInput(
                f"{where}: kind {row.get('kind')!r} should be {kind!r} (the file's name)")
        if not row.get("pattern") and not row.get("morphs"):
            raise InvalidInput(f"{where}: needs a pattern or morphs")
        if not row.get("examples"):
            raise InvalidInput(f"{where}: needs at least one example that fires it")
        rule = Rule(lang=lang, kind=kind, code=row.get("code", "") or "",
                    pattern=row.get("pattern"),
                    morphs=tuple(row.get("morphs", ())), examples=tuple(row.get("examples", ())),
                    counter=tuple(row.get("counter", ())), notes=row.get("notes", ""),
                    mode=row.get("mode", "first"), case=bool(row.get("case", False)),
                    extra={k: v for k, v in row.items() if k not in _KNOWN}, where=where)
        if rule.pattern:
            try:
                rule.regex("first")
            except re.error as exc:
                raise InvalidInput(f"{where}: pattern does not compile ({exc})") from None
        out.append(rule)
    return tuple(out)


@functools.cache
def macros(lang: str, mode: str = "first") -> dict[str, str]:
    """Named fragments for ``lang``: ``[macros]`` of macros.toml, then ``[mode.<mode>]``, then the
    gazetteer's (``NK_PLACE``, ``CN_PROVINCE``)."""
    try:
        data = _read(lang, "macros")
    except InvalidInput:
        data = {}
    out = dict(data.get("macros", {}))
    out.update(data.get("mode", {}).get(mode, {}))
    from casebook.extract.places import place_regexes  # the gazetteer's names, as regex fragments

    out.update(place_regexes(lang))
    return out


@functools.cache
def language(lang: str) -> dict:
    """Facts about how a language tells things, from ``[language]`` of its macros.toml
    (``amount_before_verb``: "5천 위안을 주고 샀다" puts the price before the verb)."""
    try:
        return dict(_read(lang, "macros").get("language", {}))
    except InvalidInput:
        return {}


def expand(lang: str, pattern: str, mode: str = "first") -> str:
    """``pattern`` with every ``{NAME}`` replaced (macros may use macros)."""
    table = macros(lang, mode)

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("ALIASES_") and name not in table:
            return _aliases(lang, name)
        if name not in table:
            raise InvalidInput(f"extract/rules/{lang}: unknown macro {{{name}}}")
        return table[name]

    for _ in range(5):
        new = _MACRO.sub(sub, pattern)
        if new == pattern:
            return new
        pattern = new
    return pattern


@functools.cache
def _aliases(lang: str, name: str) -> str:
    """``{ALIASES_<VOCABULARY>__<CODE>}``: the vocabulary's aliases of one code in ``lang``
    (the facility names of ``nk_detention`` live there, not in the rules)."""
    vocab, _, code = name[len("ALIASES_"):].partition("__")
    from casebook.vocab import load as load_vocabulary

    try:
        term = next(t for t in load_vocabulary(vocab.lower()).terms if t.code == code.lower())
    except (StopIteration, InvalidInput, FileNotFoundError):
        raise InvalidInput(
            f"extract/rules/{lang}: macro {{{name}}} names no vocabulary code") from None
    words = term.aliases_en if lang == "en" else term.aliases_ko
    alts = sorted({w for w in words if len(w) > 3 or lang != "en"}, key=len, reverse=True)
    if not alts:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?")
                            for w in alts) + ")"


@functools.cache
def _compiled(lang: str, pattern: str, mode: str, case: bool) -> re.Pattern[str]:
    text = expand(lang, pattern, mode)
    text = text if case else _lower_pattern(text)
    fast = first_letter_form(text)
    # (the look-ahead of lead_form where the first-letter form does not apply)
    return re.compile(fast if fast != text else lead_form(text))


# ------------------------------------------------------------------ faster, same matches

# the letters IGNORECASE matches with an ASCII letter beside its two cases
_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}
_QUANTIFIER = ("?", "*", "+", "{")


def fast_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` in :func:`first_letter_form`: the same matches, a search that
    skips to the first letters instead of trying a leading ``\\b`` at every position."""
    fast = first_letter_form(pattern, bool(flags & re.IGNORECASE))
    if fast == pattern:
        return re.compile(pattern, flags)
    return re.compile(fast, flags & ~re.IGNORECASE)


def first_letter_form(pattern: str, ignorecase: bool = False) -> str:
    """``pattern`` written so that a search finds the same matches several times faster, when it
    starts with a word start before a letter or a group of words (``\\bsold``,
    ``\\b(?:sold|sell|took)``, ``\\b(?P<t>…)``); else ``pattern`` itself.

    Python's search skips ahead only to where a pattern's first letter (or one of its
    alternatives' first letters) stands; from a leading ``\\b`` it tries every position. So each
    alternative becomes a branch that starts with its letter and checks the word start behind it,
    the alternatives sharing a first letter in one branch, in their order: ``s(?<!\\ws)(?:old|ell)
    |t(?<!\\wt)(?:ook)``. ``ignorecase``: for a pattern compiled with IGNORECASE (the result is
    compiled without it): the two cases and :data:`_FOLDS` of each letter are branches of their
    own, the rest matched ignoring case."""
    c = pattern[2:3]
    if not pattern.startswith("\\b") or not c:
        return pattern
    if c.isalpha() and (c.isascii() or not ignorecase) and pattern[3:4] not in _QUANTIFIER:
        if not ignorecase:
            return rf"{c}(?<!\w{c})" + pattern[3:]
        if _alternatives(pattern[3:]) != 1:
            return pattern  # (the rest is put in a group of its own: one alternative only)
        firsts = c.lower() + c.upper() + _FOLDS.get(c.lower(), "")
        return ("(?:" + "|".join(rf"{x}(?<!\w{x})" for x in firsts) + ")"
                + f"(?i:{pattern[3:]})")
    head = re.match(r"\\b(\(\?:|\(\?P<\w+>)", pattern)
    if head is None:
        return pattern
    try:
        end = _group_end(pattern, 2)
        inner = pattern[head.end():end]
        if re.compile(inner).groups:  # (regrouping its alternatives would renumber its groups)
            return pattern
        alts = [x for alt in _top_level(inner) for x in _letters_first(alt, ignorecase)]
    except (ValueError, IndexError, re.error):
        return pattern
    if pattern[end + 1:end + 2] in _QUANTIFIER:
        return pattern  # (an optional group: the word start must hold without it)
    tails: dict[str, list[str]] = {}
    for alt in alts:
        c = alt[:1]
        if alt[1:2] == "+":
            alt = c + c + "*" + alt[2:]  # "ǂ+": one, then any more
        if not c.isalpha() or (ignorecase and not c.isascii()) or alt[1:2] in _QUANTIFIER:
            return pattern
        tails.setdefault(c.lower() if ignorecase else c, []).append(alt[1:])
    branches = []
    for c, rests in tails.items():
        body = ("(?i:" if ignorecase else "(?:") + "|".join(rests) + ")"
        for x in (c + c.upper() + _FOLDS.get(c, "")) if ignorecase else c:
            branches.append(rf"{x}(?<!\w{x}){body}")
    rest = pattern[end + 1:]
    if ignorecase and _alternatives(rest) != 1:
        return pattern
    return (head.group(1) + "|".join(branches) + ")"
            + (f"(?i:{rest})" if ignorecase and rest else rest))


_LEAD_MAX = 60  # the most characters a lead class may hold (a wider one rejects too little)


def lead_form(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a look-ahead of the characters its matches can start with
    (``\\b(?:not|never)`` → ``(?=[nN…])(?:\\b(?:not|never))`` under the same flags), when it
    starts with a word start, a look-behind or alternatives that do not all start with a letter,
    and those characters are few; else ``pattern`` itself.

    The same matches: every match starts with one of those characters, so the look-ahead only
    says what the rest says too (zero-width, at the same place). Faster: a search tries the
    pattern at every position, and the look-ahead is one set test where a ``\\b``, a chain of
    look-behinds or a dozen alternatives each failed in turn (1.4-3.5x on such patterns of the
    extraction, measured on the calls one reading of the speed corpus makes). A pattern that
    starts with a letter or a class already has the search skip to it, and gets slower: it is
    left as it is."""
    if flags & re.VERBOSE or re.match(r"\(\?[aiLmsux]+\)", pattern):
        return pattern
    try:
        items = list(_sre.parse(pattern, flags))
        if not _slow_start(items):
            return pattern
        chars, empty = _first_of(items)
    except (ValueError, re.error):
        return pattern
    if empty or not chars or len(chars) > _LEAD_MAX:
        return pattern
    lead = "".join(sorted(c if c == "\\d" else re.escape(c) for c in chars))
    return f"(?=[{lead}])(?:{pattern})"


def _slow_start(items: list) -> bool:
    """Does the pattern start where a search cannot skip ahead: a zero-width test, or
    alternatives one of which does not start with a letter?"""
    while items and items[0][0] == _sre.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return not (op == _sre.ASSERT and av[0] == 1)  # (a look-ahead first: written so already)
    return op == _sre.BRANCH and any(not alt or alt[0][0] != _sre.LITERAL for alt in av[1])


def _first_of(items) -> tuple[set[str], bool]:
    """The characters a match of the sequence ``items`` can start with, and whether it can be
    empty; ValueError where that is not a short list (a class like ``\\w``, a negated one)."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_item(op, av)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str], bool]:
    if op == _sre.LITERAL:
        return {chr(av)}, False
    if op == _sre.IN:
        chars: set[str] = set()
        for o, a in av:
            if o == _sre.LITERAL:
                chars.add(chr(a))
            elif o == _sre.RANGE and a[1] - a[0] <= _LEAD_MAX:
                chars |= {chr(c) for c in range(a[0], a[1] + 1)}
            elif o == _sre.CATEGORY and a == _sre.CATEGORY_DIGIT:
                chars.add("\\d")
            else:
                raise ValueError(o)
        return chars, False
    if op == _sre.BRANCH:
        chars, empty = set(), False
        for alt in av[1]:
            c, e = _first_of(alt)
            chars |= c
            empty = empty or e
        return chars, empty
    if op == _sre.SUBPATTERN:
        if av[2] or av[1] & ~re.IGNORECASE:
            raise ValueError(op)
        chars, empty = _first_of(av[3])
        if av[1]:  # (?i:…): an ASCII letter in both cases and its folds ("ſ" for "s"); no other
            if any(c.lower() != c.upper() and not c.isascii() for c in chars):
                raise ValueError(op)
            chars = {x for c in chars for x in (c.lower() + c.upper() + _FOLDS.get(c.lower(), "")
                                                 if c.isascii() else c)}
        return chars, empty
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return set(), True  # zero-width: the next item starts the match
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        chars, empty = _first_of(av[2])
        return chars, av[0] == 0 or empty
    if op == _sre.ATOMIC_GROUP:
        return _first_of(av)
    raise ValueError(op)


def lead_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` in :func:`lead_form` (the same matches)."""
    return re.compile(lead_form(pattern, flags), flags)


def _letters_first(alt: str, ignorecase: bool = False) -> list[str]:
    """``alt`` as alternatives that each start with a letter of their own, when it starts with a
    group of alternatives ("(?:have|has)\\s+an?" → "have\\s+an?", "has\\s+an?": the same
    matches, tried in the same order) or, ``ignorecase`` aside, with a class of letters ("[Ss]he"
    → "She", "she"); else ``[alt]``."""
    if alt.startswith("(?:"):
        end = _group_end(alt, 0)
        if alt[end + 1:end + 2] in _QUANTIFIER:
            return [alt]
        out = [x for part in _top_level(alt[3:end])
               for x in _letters_first(part + alt[end + 1:], ignorecase)]
        return out if len(out) <= 64 else [alt]
    if alt[:1] != "[" or ignorecase:
        return [alt]
    k = _class_end(alt, 0)
    if not alt[1:k].isalpha():
        return [alt]
    return [x + alt[k + 1:] for x in dict.fromkeys(alt[1:k])]


def _alternatives(p: str) -> int:
    """How many top-level alternatives ``p`` has (0: not a pattern this module can split)."""
    try:
        return len(_top_level(p))
    except IndexError:
        return 0


def _class_end(p: str, i: int) -> int:
    """Where the character class opened at ``p[i]`` closes."""
    i += 1
    if p[i:i + 1] == "^":
        i += 1
    if p[i:i + 1] == "]":
        i += 1
    while p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    return i


def _group_end(p: str, i: int) -> int:
    """Where the group opened at ``p[i]`` closes."""
    depth = 0
    while True:
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(p, i)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def _top_level(alts: str) -> list[str]:
    """The alternatives of an alternation, split at its top-level bars."""
    out, start, depth, i = [], 0, 0, 0
    while i < len(alts):
        ch = alts[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(alts, i)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(alts[start:i])
            start = i + 1
        i += 1
    out.append(alts[start:])
    return out


def _lower_pattern(pattern: str) -> str:
    """``pattern`` for lower-cased text: literals lower-cased, escapes (``\\S``, ``\\B``) and group
    syntax (``(?P<name>``) kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------- triggers

_MAX_SET = 24  # a literal set larger than this is not worth keeping as an exact form


@dataclass
class _Lit:
    exact: frozenset[str] | None  # every string the node can match, when few and literal
    req: frozenset[str] | None  # one of these is inside every match (None: nothing required)
    head: frozenset[str] | None = None  # every match starts with one of these
    ends_space: bool = False  # every match ends with whitespace (a word starts after it)
    may_be_empty: bool = False


_START = "\x00"  # in a literal being built: a word boundary stands here
_HEAD = "\x03"  # a required literal marked so stands where its node starts


def _plain(s: str) -> str:
    return s.replace(_START, "").replace(_HEAD, "")


def _heads(x: frozenset[str] | None) -> frozenset[str] | None:
    """``x`` marked as standing where the node starts."""
    return frozenset(_HEAD + s.lstrip(_HEAD) for s in x) if x else x


def _placed(req: frozenset[str] | None, here: bool, word: bool) -> frozenset[str] | None:
    """A node's required literals as its sequence sees them: those that open the node open a
    word when a word starts there, open the sequence when the node does, else stand anywhere."""
    if not req:
        return req
    out = set()
    for r in req:
        if not r.startswith(_HEAD):
            out.add(r)
        elif word:
            out.add(_START + r[1:].lstrip(_START))
        else:
            out.add(r if here else r[1:])
    return frozenset(out)


# words too common to gate a row on: a set holding one is the last choice
_COMMON = frozenset({"no", "not", "the", "a", "an", "i", "we", "was", "for", "of", "to", "and",
                     "in", "on", "at",
                     "he", "she", "her", "me", "my", "us", "it", "is", "be", "by", "as"})


def _best(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets (no very common word, longer shortest string,
    a word start asked for, then fewer strings)."""
    if not a:
        return b or None
    if not b:
        return a

    def key(x: frozenset[str]) -> tuple:
        plain = {_plain(s).strip() for s in x}
        shortest = min(len(p) for p in plain)
        # past five letters a word start is worth more than length: the scan tries a literal that
        # starts a word only where a word starts
        return (not (plain & _COMMON), min(shortest, 5), all(s.startswith(_START) for s in x),
                shortest, -len(x))

    return a if key(a) >= key(b) else b


def _space(item) -> bool:
    op, av = item
    return op == _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)] or (
        op == _sre.CATEGORY and av == _sre.CATEGORY_SPACE)


def _usable(x: frozenset[str] | None) -> frozenset[str] | None:
    return x if x and not any(_plain(s) == "" for s in x) else None


def _seq(items, every: list[frozenset[str]] | None = None) -> _Lit:
    """A sequence's literals; ``every``: collects each requirement set weighed for the sequence
    itself (each is inside every match; ``req`` is the most selective of them)."""
    best: frozenset[str] | None = None

    def weigh(x: frozenset[str] | None) -> None:
        nonlocal best
        best = _best(best, x)
        if every is not None and x:
            every.append(x)

    run: frozenset[str] | None = frozenset({""})
    head: frozenset[str] | None = None
    all_exact, at_start, word_next = True, True, False
    ends_space = False
    for item in items:
        lit = _node(item)
        if lit.exact is not None and run is not None and len(run) * len(lit.exact) <= _MAX_SET:
            run = frozenset(a + b for a in run for b in lit.exact)
            ends_space = bool(run) and all(x.endswith((" ", _START)) for x in run if x)
            continue
        here = at_start and run == frozenset({""})  # this node opens the sequence
        if run is not None:
            weigh(_heads(_usable(run)) if at_start else _usable(run))
            if at_start:  # the exact run opens every match
                head = frozenset(a + b for a in run
                                 for b in lit.head) if lit.head and len(run) * len(
                    lit.head) <= _MAX_SET else _usable(run)
        elif at_start:
            head = lit.head
        starts_word = word_next or (run is not None and any(x.endswith((" ", _START)) for x in run)
                                    and all(x.endswith((" ", _START)) for x in run if x))
        weigh(_placed(lit.req, here, starts_word))
        if lit.head and starts_word:
            # a word starts where this node starts (after a space or \b): its head must start a word
            weigh(_usable(frozenset(_START + h.lstrip(_START) for h in lit.head)))
        all_exact, at_start = False, False
        # a word starts after this node only if it ends on a space when it matches something and,
        # when it may match nothing ("\\S*?"), a word also starts before it
        word_next = lit.ends_space and (starts_word or not lit.may_be_empty)
        if lit.exact is not None:  # a new exact run; a word starts where it starts when starts_word
            run = frozenset(_START + e.lstrip(_START)
                            for e in lit.exact) if starts_word else lit.exact
        else:
            run = frozenset({_START} if word_next else {""})
        ends_space = lit.ends_space
    if run is not None and not any(_plain(x) == "" for x in run):
        weigh(_heads(run) if at_start else run)
    if at_start and run is not None:
        head = _usable(run)
    return _Lit(run if all_exact else None, best, head, ends_space)


def _node(item) -> _Lit:
    op, av = item
    if op == _sre.LITERAL:
        c = frozenset({chr(av)})
        return _Lit(c, _heads(c), c, chr(av).isspace())
    if _space(item):
        return _Lit(frozenset({" "}), None, frozenset({" "}), True)
    if op == _sre.IN:
        chars = [chr(v) for o, v in av if o == _sre.LITERAL]
        if len(chars) == len(av) and len(chars) <= 4:
            c = frozenset(chars)
            return _Lit(c, _heads(c), c, all(x.isspace() for x in chars))
        return _Lit(None, None)
    if op == _sre.AT and av in (_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
        return _Lit(frozenset({_START}), None, None, True)  # a word starts here
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _Lit(frozenset({""}), None)
    if op == _sre.SUBPATTERN:
        return _seq(av[-1])
    if op == _sre.BRANCH:
        parts = [_seq(b) for b in av[1]]
        exact = None
        if all(p.exact is not None for p in parts):
            exact = frozenset().union(*(p.exact for p in parts if p.exact is not None))
            if len(exact) > _MAX_SET:
                exact = None
        req = None
        if all(p.req for p in parts):
            req = frozenset().union(*(p.req for p in parts if p.req))
        if exact is not None and "" not in exact:
            req = _best(req, _heads(exact)) if req is None else req
        head = frozenset().union(*(p.head for p in parts
                                   if p.head)) if all(p.head for p in parts) else None
        return _Lit(exact, req, head, all(p.ends_space for p in parts))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        inner = _seq(sub)
        if _space(sub[0]) and len(sub) == 1:
            return _Lit(frozenset({" "}) if lo >= 1 else frozenset({"", " "}), None,
                        frozenset({" "}) if lo >= 1 else None, lo >= 1)
        if lo == 0:
            if hi == 1 and inner.exact is not None:
                return _Lit(inner.exact | {""}, None, None, False, may_be_empty=True)
            return _Lit(None, None, None, inner.ends_space, may_be_empty=True)
        if lo == hi == 1:
            return inner
        return _Lit(None, inner.req, inner.head, inner.ends_space)
    return _Lit(None, None)


def triggers_of(pattern: str) -> frozenset[str]:
    """Literal strings (lower-cased, whitespace as one space) one of which every match of
    ``pattern`` contains; empty when the pattern requires no literal of two or more letters."""
    return frozenset(t for t, _start in _triggers(pattern))


def _triggers(pattern: str) -> frozenset[tuple[str, bool]]:
    """:func:`triggers_of` with, for each literal, whether the pattern has it start a word
    (``\\bhan``: "han" in "than" does not count)."""
    return _literals(pattern)[0]


_REQ_LETTERS = 3  # a requirement set's shortest literal (a shorter one occurs in most sentences)


def _requirements(pattern: str) -> tuple[frozenset[tuple[str, bool]], ...]:
    """:func:`_triggers`' candidates: each requirement set of the pattern's own sequence whose
    literals are all selective (three letters or more, no very common word)."""
    return _literals(pattern)[1]


@functools.cache
def _literals(pattern: str) -> tuple[frozenset[tuple[str, bool]],
                                     tuple[frozenset[tuple[str, bool]], ...]]:
    """:func:`_triggers` and :func:`_requirements` of a pattern, from one parse."""
    try:
        parsed = _sre.parse(pattern)
    except re.error:
        return frozenset(), ()
    every: list[frozenset[str]] = []
    req = _seq(list(parsed), every).req
    out: list[frozenset[tuple[str, bool]]] = []
    for one in every:
        plain = [_plain(s).strip() for s in one]
        if min(len(p) for p in plain) < _REQ_LETTERS or any(p in _COMMON for p in plain):
            continue
        found = frozenset((_plain(s), s.startswith(_START)) for s in one)
        if found not in out:
            out.append(found)
    if not req:
        return frozenset(), tuple(out)
    plain = [_plain(s) for s in req]
    if min(len(s.strip()) for s in plain) < 1:
        return frozenset(), tuple(out)
    if min(len(s) for s in plain) < 2 and not all(_wide(s) for s in plain):
        return frozenset(), tuple(out)
    return frozenset((_plain(s), s.startswith(_START)) for s in req), tuple(out)


def _wide(s: str) -> bool:
    """One Hangul/Han syllable or a currency sign is selective enough to be a trigger."""
    return bool(s) and all(ord(c) > 0x2E80 or c in "$¥£€₩" for c in s)


_WS = re.compile(r"\s+")
# whitespace other than the space, and the letters a row's "(?i:…)" matches for an ASCII one
# ("ſ" for "s"): where the literals the scan reads may not stand as the regex reads them
_UNREAD = re.compile("[^\\S ]|[\u0130\u0131\u017f\u212a]")
# before a letter or digit that follows none (a look-behind is cheaper than \b at every position)
_WORD_START = re.compile(r"(?<!\w)(?=[^\W_])")
_MARK = "\x01"


def scan_form(low: str) -> str:
    """The form triggers are looked up in: lower-cased, runs of whitespace as one space, and a
    mark before every word (so that "han" can be asked to start a word: not the one in "than")."""
    if "  " in low or "\n" in low or "\t" in low or "\r" in low:
        low = _WS.sub(" ", low)
    return _WORD_START.sub(_MARK, low)


def _scan_trigger(t: str, start: bool) -> str:
    """A trigger in :func:`scan_form`: marks before the words inside it, and before its first
    letter when it must start a word."""
    marked = _WORD_START.sub(_MARK, t)
    if not start and marked.startswith(_MARK):
        marked = marked[1:]  # may start inside a word: "sold" in "resold"
    return marked


def _trie(words) -> str:
    """One alternation of ``words`` factored by common prefixes, longest first: a scan tries one
    character at most positions instead of every word (as the gazetteer's scanner does)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return walk(root)


class _Compiled(Sequence):
    """The rows' compiled patterns, each compiled the first time it is asked for: a run that
    reads one short testimony does not pay for the rows it never needs."""

    def __init__(self, rows: tuple[Rule, ...], mode: str) -> None:
        self._rows, self._mode = rows, mode
        self._done: list[re.Pattern[str] | None | bool] = [False] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        rx = self._done[i]
        if rx is False:
            rx = self._done[i] = self._rows[i].regex(self._mode)
        return rx


class RuleSet:
    """The rows of some kinds of one language, compiled for one survivor mode, with one scan
    that tells which rows a sentence can fire."""

    def __init__(self, rows: tuple[Rule, ...], mode: str = "first") -> None:
        self.rows = rows
        self.mode = mode
        self.always: list[int] = []
        index: dict[str, set[int]] = {}
        for i, r in enumerate(rows):
            ts = r.triggers_at(mode)
            if not ts:
                self.always.append(i)
            for t, start in ts:
                index.setdefault(_scan_trigger(t, start), set()).add(i)
        # a trigger found at a position also stands for every shorter trigger it starts with
        self._rows_of = {t: frozenset().union(*(index[t[:k]] for k in range(1, len(t) + 1)
                                                if t[:k] in index))
                         for t in index}
        firsts = "".join(sorted({re.escape(t[0]) for t in index}))
        # a character class first: the scan rejects most positions with one set test
        self._scan = re.compile("(?=[" + firsts + "])(?=(" + _trie(index) + "))") if index else None
        # the same scan in one pass of a compiled multi-string matcher (Aho-Corasick), when
        # installed: it reports every trigger found, so each stands for its own rows only (the
        # regex finds the longest trigger at a position, which stands for the shorter ones too).
        # It reads the sentence without the word marks: a mark inside a trigger stands where the
        # sentence has one whenever the letters agree, so only a trigger that must start a word
        # has its start checked (no letter before it)
        self._automaton = None
        # the requirements beside the triggers: a row runs only when one literal of each of its
        # requirement sets occurs too (row -> the ids of its sets; found in the same pass)
        self._gates: dict[int, frozenset[int]] = {}
        if index and _ahocorasick is not None:
            gate_index: dict[str, set[int]] = {}
            ids: dict[frozenset[tuple[str, bool]], int] = {}
            for i, r in enumerate(rows):
                own = r.triggers_at(mode)
                gate = set()
                for req in r.requirements_at(mode):
                    if req == own or not own:
                        continue
                    if req not in ids:
                        ids[req] = len(ids)
                        for t, start in req:
                            gate_index.setdefault(_scan_trigger(t, start), set()).add(ids[req])
                    gate.add(ids[req])
                if gate:
                    self._gates[i] = frozenset(gate)
            plain: dict[str, tuple[set[int], set[int], set[int], set[int]]] = {}
            for table, at in ((index, 0), (gate_index, 2)):
                for t, found in table.items():
                    sets = plain.setdefault(t.replace(_MARK, ""), (set(), set(), set(), set()))
                    sets[at + 1 if t.startswith(_MARK) else at].update(found)
            auto = _ahocorasick.Automaton()
            for t, (anywhere, at_start, met, met_at_start) in plain.items():
                auto.add_word(t, (tuple(sorted(anywhere)), tuple(sorted(at_start - anywhere)),
                                  len(t) - 1, tuple(sorted(met)),
                                  tuple(sorted(met_at_start - met))))
            auto.make_automaton()
            self._automaton = auto
        self.regexes = _Compiled(rows, mode)

    def candidates(self, low: str) -> list[int]:
        """Indexes of the rows whose triggers occur in the lower-cased sentence, in row order."""
        return sorted(self._found(low)[0])

    def scan(self, low: str) -> tuple[list[int], list[int]]:
        """:meth:`candidates`, and those of them whose other requirements occur too (the rows
        whose regex can match: the rest need not run), both in row order."""
        hit, met, low = self._found(low)
        out = sorted(hit)
        gates = self._gates
        if not gates:
            return out, out
        run = [i for i in out if i not in gates or gates[i] <= met]
        if len(run) < len(out) and (not low.isascii() or "\x0b" in low or "\x0c" in low) \
                and _UNREAD.search(low):
            # a space the scan does not read as one ("sold\u2009me"), or such a letter: a row's
            # regex may still match there, so every candidate runs (as without the gates)
            return out, out
        return out, run

    def _found(self, low: str) -> tuple[set[int], set[int], str]:
        """The candidate rows, the requirement sets met, and the sentence as scanned."""
        hit = set(self.always)
        met: set[int] = set()
        if self._automaton is None:
            if self._scan is not None:
                for t in set(self._scan.findall(scan_form(low))):
                    hit |= self._rows_of[t]
            return hit, met, low
        if "  " in low or "\n" in low or "\t" in low or "\r" in low:
            low = _WS.sub(" ", low)  # (as in scan_form)
        for end, (anywhere, at_start, back, met_anywhere, met_at_start) in self._automaton.iter(
                low):
            if anywhere:
                hit.update(anywhere)
            if met_anywhere:
                met.update(met_anywhere)
            if at_start or met_at_start:
                p = end - back  # where the literal starts: no letter, digit or _ before it
                if p == 0 or not (low[p - 1].isalnum() or low[p - 1] == "_"):
                    hit.update(at_start)
                    met.update(met_at_start)
        return hit, met, low

    def matches(self, low: str, text: str | None = None) -> Iterator[tuple[Rule, re.Match[str]]]:
        """Every (row, match) in row order then text order (``text``: the original casing, for
        rows with ``case = true``; defaults to ``low``)."""
        for i in self.candidates(low):
            rx = self.regexes[i]
            if rx is None:
                continue
            yield from ((self.rows[i], m) for m in rx.finditer(text if self.rows[i].case and text
                                                               else low))


@functools.cache
def ruleset(lang: str, kinds_: str | tuple[str, ...], mode: str = "first") -> RuleSet:
    """A compiled :class:`RuleSet` of one kind (or several, in the order given)."""
    names = (kinds_,) if isinstance(kinds_, str) else kinds_
    rows: tuple[Rule, ...] = ()
    for k in names:
        rows += load(lang, k)
    return RuleSet(rows, mode)


_NEVER = re.compile(r"(?!)")


def by_code(lang: str, kind: str, code: str, mode: str = "first") -> re.Pattern[str]:
    """One case-insensitive regex for the ORIGINAL sentence: the rows of ``kind`` with ``code``
    joined. For lexicon rows a module asks for by name (``context``/``not_price``); a language
    without such a row gets a regex that never matches."""
    return _joined(lang, kind, code, mode)


@functools.cache
def _joined(lang: str, kind: str, code: str, mode: str) -> re.Pattern[str]:
    if kind not in kinds(lang):
        return _NEVER
    rows = [r for r in load(lang, kind) if r.code == code and r.pattern]
    if not rows:
        return _NEVER
    parts = [expand(lang, r.pattern or "", mode) for r in rows]
    if rows[0].case:
        return re.compile("|".join(f"(?:{first_letter_form(p)})" for p in parts))
    # (ignoring case: a part in first_letter_form needs no flag; any other part ignores case)
    fast = [first_letter_form(p, ignorecase=True) for p in parts]
    # (a part neither form can rewrite is searched from every position: it gets the look-ahead
    # of lead_form, inside its own (?i:…) so that it reads cases as the part does)
    return re.compile("|".join(f"(?:{f})" if f != p else "(?i:" + lead_form(p, re.IGNORECASE) + ")"
                               for f, p in zip(fast, parts)))
