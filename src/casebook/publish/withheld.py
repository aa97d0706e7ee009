"""Never a dead end: what is withheld, why, what would release it, and a coarser grouping.

Disclosure control hides cells; a reader must still learn something. For every published
table this module says, in English or Korean, how many cells were withheld and why (fewer than
k consenting persons, or hidden so that such a cell cannot be worked out from totals) and what
would release them: more consenting persons, a coarser grouping, a wider period. The coarser
grouping is not only suggested but built (:func:`coarsen`): small categories are joined with
their neighbours (ordered bands) or into one group (unordered categories) until every joined
group counts at least k persons. A table is published in one grouping, fine or coarse
(:func:`choose_grouping`), never both, and the audit treats a joined group as the sum of the
finer cells it covers (tables that share the variable, such as prices by period, stay safe).

The explanations never state a hidden number, nor how far a hidden cell is from k.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from casebook.errors import InvalidInput
from casebook.publish import labels
from casebook.publish.disclosure import DEFAULT_K, protect
from casebook.publish.tables import ALL, NOT_STATED, STATED, Table

# variables whose categories are ordered bands: small bands join their neighbours
ORDERED = frozenset({"times_sold", "price_rmb", "price_usd", "age_first_sale",
                     "years_in_china", "children_in_china", "arrests", "repatriations",
                     "detention", "crossing_to_sale"})
# categories outside the order of an ordered variable (joined among themselves only)
APART = frozenset({"other_currency", "other", "no_children"})


def _groups_ordered(t: Table, k: int) -> list[list[str]]:
    cats = [c for c in t.row_categories if c not in APART]
    groups: list[list[str]] = []
    current: list[str] = []
    for c in cats:
        current.append(c)
        if sum(t.raw(x, ALL) for x in current) >= k:
            groups.append(current)
            current = []
    if current:
        if groups and 0 < sum(t.raw(x, ALL) for x in current) < k:
            groups[-1] += current
        else:
            groups.append(current)
    apart = [c for c in t.row_categories if c in APART]
    small = [c for c in apart if 0 < t.raw(c, ALL) < k]
    if small and groups and sum(t.raw(c, ALL) for c in small) < k:
        groups[-1] += small  # e.g. "more than 8,000 or paid in another currency"
    elif small:
        groups.append(small)
    groups += [[c] for c in apart if c not in small]
    return groups


def _groups_unordered(t: Table, k: int) -> list[list[str]]:
    cats = list(t.row_categories)
    big = [c for c in cats if t.raw(c, ALL) >= k]
    small = [c for c in cats if 0 < t.raw(c, ALL) < k]
    while small and sum(t.raw(c, ALL) for c in small) < k and big:
        smallest = min(big, key=lambda c: t.raw(c, ALL))  # join the smallest shown one too
        big.remove(smallest)
        small.append(smallest)
    zero = [c for c in cats if t.raw(c, ALL) == 0]
    groups = [[c] for c in big] + ([sorted(small, key=cats.index)] if small else [])
    return groups + [[c] for c in zero]


def coarsen(t: Table, k: int = DEFAULT_K) -> Table | None:
    """A coarser version of a one-way table, or None when joining would not help.

    The decision uses the true counts, as global recoding in statistical disclosure control
    does: it reveals only that some category was small, which the hidden cell already says.
    """
    if t.col_var is not None or t.coarser_of is not None:
        return None
    if not any(0 < t.raw(c, ALL) < k for c in t.row_categories):
        return None
    base = t.name.split("~")[0]
    groups = (_groups_ordered if base in ORDERED else _groups_unordered)(t, k)
    if all(len(g) == 1 for g in groups):
        return None
    codes = ["|".join(g) for g in groups]
    counts: dict[tuple[str, str], int] = {}
    for g, code in zip(groups, codes):
        counts[(code, ALL)] = sum(t.counts.get((c, ALL), 0) for c in g)
    counts[(NOT_STATED, ALL)] = t.counts.get((NOT_STATED, ALL), 0)
    coarse = Table(f"{t.name}~coarser", t.row_var, tuple(codes), counts,
                   coarser_of=t.name, atoms=t.row_categories)
    if t.summary:
        coarse.summary = dict(t.summary)
    return coarse


GROUPINGS = ("auto", "fine", "coarse")


def _shown_persons(t: Table) -> int:
    """Persons in the categories a reader can see (what a grouping is judged by)."""
    return sum(t.value(rg) or 0 for rg in t.row_categories)


def choose_grouping(tables: list[Table], k: int = DEFAULT_K, rounding: int | None = None,
                    grouping: str = "auto") -> list[Table]:
    """Protect ``tables`` together, each one-way table in fine or coarser groups.

    ``fine`` keeps every category; ``coarse`` uses the coarser grouping wherever some category
    counts fewer than k persons; ``auto`` (reports, the web, ``stats --publish``) takes the
    coarser grouping of a table only when it lets a reader see more persons in their
    categories than the fine one does. A table is published in one grouping only, never both:
    the joined groups beside the fine cells would give hidden cells away by subtraction.
    """
    if grouping not in GROUPINGS:
        raise InvalidInput(f"--grouping {grouping}: use auto, fine or coarse")
    # keyed by position: a trend table shares its name with the one-way table
    candidates = {i: c for i, t in enumerate(tables) if (c := coarsen(t, k)) is not None}
    if grouping == "fine" or not candidates:
        return protect(tables, k=k, rounding=rounding)
    summaries = {id(t): dict(t.summary) for t in tables + list(candidates.values())}
    audited: dict = {}  # the tries share their LP audits (most tables are the same in each)

    def run(use: set[int]) -> list[Table]:
        chosen = [candidates[i] if i in use else t for i, t in enumerate(tables)]
        for t in chosen:
            t.suppressed, t.primary, t.summary = set(), set(), dict(summaries[id(t)])
        return protect(chosen, k=k, rounding=rounding, audit_cache=audited)

    if grouping == "coarse":
        return run(set(candidates))
    fine = [_shown_persons(t) for t in run(set())]
    coarse = [_shown_persons(t) for t in run(set(candidates))]
    better = {i for i in candidates if coarse[i] > fine[i]}
    return run(better)


def group_label(table: str, code: str, lang: str = "en") -> str:
    """Label of a category or of a joined group ("three times or more than three times")."""
    return labels.category(table, code, lang)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


@dataclass(frozen=True)
class _Phrases:
    """The explanation's phrases in one language; :func:`explain` decides which apply."""

    coarser_lead: Callable[[int | None], str]
    primary: Callable[[int, int], str]
    secondary: Callable[[int, int], str]
    withheld: Callable[[int, list[str]], str]
    more: str
    coarser: str
    period: str
    unsplit: str
    release: Callable[[list[str]], str]
    all_hidden: Callable[[int], str]


_SAY = {
    "en": _Phrases(
        coarser_lead=lambda k: (
            "Shown in coarser groups, because some finer categories count fewer than "
            f"{k} consenting persons (finer categories: --grouping fine). "),
        primary=lambda n, k: f"{n} count{_plural(n, '', 's')} fewer than {k} consenting persons",
        secondary=lambda n, k: (
            f"{n} more {_plural(n, 'is', 'are')} hidden so that such a count cannot be "
            "worked out from the totals"),
        withheld=lambda cells, why: (
            f"Withheld: {cells} cell{_plural(cells, '', 's')}; " + "; ".join(why) + "."),
        more="more consenting persons in those categories",
        coarser="coarser groups (--grouping coarse)",
        period="a wider period (e.g. --period 10)",
        unsplit="the table without the split (no --by)",
        release=lambda ways: " What would release them: " + ", or ".join(ways) + ".",
        all_hidden=lambda k: (
            f" Fewer than {k} persons are counted, so every number is withheld."),
    ),
    "ko": _Phrases(
        coarser_lead=lambda k: (
            "더 넓은 범주로 묶어 보여 줍니다. 세부 범주 중 일부가 동의한 사람 "
            f"{k}명 미만이기 때문입니다(세부 범주: --grouping fine). "),
        primary=lambda n, k: f"{n}칸은 통계 이용에 동의한 사람이 {k}명 미만이라",
        secondary=lambda n, k: f"{n}칸은 합계에서 그런 칸을 역산할 수 없도록",
        withheld=lambda cells, why: "비공개: " + ", ".join(why) + " 공개하지 않았습니다.",
        more="해당 범주에 동의한 사람이 더 많아지면",
        coarser="더 넓은 범주로 묶으면(--grouping coarse)",
        period="더 넓은 기간(예: --period 10)으로 나누면",
        unsplit="나누지 않은 표(--by 없이)로 보면",
        release=lambda ways: " " + ", ".join(ways) + " 공개될 수 있습니다.",
        all_hidden=lambda k: f" 집계 대상이 {k}명 미만이어서 모든 값을 비공개로 했습니다.",
    ),
}


_OPTION = re.compile(r" ?\([^()]*--[^()]*\)")


def explain(t: Table, lang: str = "en", n_counted_hidden: bool = False,
            options: bool = True) -> str | None:
    """One or two sentences on what is withheld in ``t``, why, and what would release it.

    A table shown in coarser groups says so first, and how to see the finer categories.
    ``options``: name the command-line options that would do it (``--grouping fine``); a web
    page says it in words and offers a link instead.
    """
    say = _SAY["ko" if lang == "ko" else "en"]
    lead = say.coarser_lead(t.k) if t.coarser_of is not None else ""
    if not options:
        lead = _OPTION.sub("", lead)
    if t.k is None or not t.suppressed:
        return lead.strip() or None
    k = t.k
    cells = [(rg, cg) for (rg, cg) in t.suppressed if rg not in (STATED,)]
    primary = len([c for c in t.primary if c[0] != STATED])
    secondary = max(0, len(cells) - primary)
    why = [say.primary(primary, k)] if primary else []
    if secondary:
        why.append(say.secondary(secondary, k))
    ways = [say.more]
    if t.coarser_of is None and t.col_var is None:
        ways.append(say.coarser)
    if t.col_var and t.col_var.startswith("period:"):
        ways.append(say.period)
    elif t.col_var:
        ways.append(say.unsplit)
    text = say.withheld(len(cells), why) + say.release(ways)
    if n_counted_hidden:
        text += say.all_hidden(k)
    return lead + text if options else _OPTION.sub("", lead + text)


def shares_basis(t: Table, lang: str = "en") -> str:
    """Which denominator the shares of ``t`` use (the same rule in stats and reports)."""
    n = t.value(STATED)
    if lang == "ko":
        if n is not None:
            return f"비율은 응답한 {n:,}명 기준이며, '언급 없음'은 전체 대비 비율입니다."
        return ("비율은 집계된 전체 인원 기준입니다(응답자 수를 밝히면 작은 '언급 없음' 수가 "
                "드러나므로).")
    if n is not None:
        return (f"Shares are of the {n:,} persons who answered; 'not stated' is a share of "
                "all persons counted.")
    return ("Shares are of all persons counted: the number who answered is withheld, because "
            "it would reveal a small 'not stated' count.")
