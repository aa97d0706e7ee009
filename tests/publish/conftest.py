"""Casebooks built in code for the publish tests, including adversarial ones."""

from __future__ import annotations

import random

import pytest

from casebook.model.consent import AGGREGATE_STATISTICS, Consent
from casebook.model.dates import UncertainDate
from casebook.model.records import ACCEPTED, Amount, Event
from casebook.publish.dataset import Dataset, PersonRow


def make_person(pid, *, birth_year=1980, origin="Hoeryong", province="Jilin", crossing=2000,
                month=5, pathway=("deception_job_offer",), exploitation=("forced_marriage",),
                times_sold=1, price=4000, currency="RMB", sale_year=None, sale_month=None,
                children=0, repatriated=0, detention=(), hukou="none", scopes=None, text=None,
                names=()):
    sale_year = sale_year if sale_year is not None else crossing
    profile = {
        "birth_year": birth_year, "origin_nk": origin, "province_china": province,
        "first_crossing_year": crossing, "first_crossing_month": month,
        "recruitment": list(pathway), "exploitation": list(exploitation),
        "times_sold": times_sold,
        "sales": ([{"amount": price, "currency": currency, "year": sale_year}]
                  if price is not None else []),
        "children_in_china": children, "arrested_in_china": repatriated,
        "repatriated": repatriated, "nk_detention": list(detention), "hukou_or_id": hukou,
    }
    events = [Event("border_crossing", UncertainDate(crossing, month), status=ACCEPTED)]
    if times_sold:
        events.append(Event("sale", UncertainDate(sale_year, sale_month or month),
                            amount=Amount(price, currency, sale_year) if price else None,
                            status=ACCEPTED))
    events.append(Event("sale", UncertainDate(1990), status="suggested"))  # never counted
    scopes = [AGGREGATE_STATISTICS] if scopes is None else scopes
    return PersonRow(person_id=pid, organisation="org-a", interview_year=crossing + 3,
                     birth_year=birth_year, consent=Consent.of(scopes), profile=profile,
                     events=events, text_for_quotes=text, names=list(names))


def common_crowd(n=60, seed=3, start=1):
    """Ordinary records spread over a few common categories."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        rows.append(make_person(
            start + i, birth_year=rng.choice([1975, 1980, 1983]),
            origin=rng.choice(["Hoeryong", "Musan", "Hyesan"]),
            province=rng.choice(["Jilin", "Heilongjiang"]), crossing=rng.choice([1999, 2003, 2007]),
            pathway=(rng.choice(["deception_job_offer", "abducted"]),),
            exploitation=(rng.choice(["forced_marriage", "prostitution"]),),
            times_sold=rng.choice([1, 2]), price=rng.choice([3000, 4500, 6000]),
            children=rng.choice([0, 1]), repatriated=rng.choice([0, 1])))
    return rows


@pytest.fixture
def crowd():
    return Dataset(common_crowd())


@pytest.fixture
def unique_casebook():
    """A crowd plus one woman unique on age x origin x price x pathway x detention."""
    rows = common_crowd(70)
    rows.append(make_person(999, birth_year=1955, origin="Kanggye", province="Shandong",
                            crossing=2015, pathway=("drugged",), exploitation=("cybersex",),
                            times_sold=5, price=30000, children=3, repatriated=3,
                            detention=("kwanliso",), hukou="obtained"))
    return Dataset(rows)


def solve_hidden(published: list[dict]) -> dict[tuple, tuple[float, float]]:
    """An attacker who sees only the published dicts: bounds of every hidden cell by LP.

    Written independently of casebook.publish.disclosure: unknowns are the counts of every
    combination of the tables' variables; each shown cell (incl. totals) is a linear equation.
    """
    import itertools

    import numpy as np
    from scipy.optimize import linprog

    variables: dict[str, list[str]] = {}
    for t in published:  # a coarser table's joined rows ("a|b") are sums of its atoms
        variables[t["rows"]] = (t.get("atoms") or t["row_categories"]) + ["not_stated"]
        if t["columns"]:
            variables[t["columns"]] = t["col_categories"] + ["not_stated"]
    names = list(variables)
    combos = list(itertools.product(*[variables[n] for n in names]))

    def member(combo, var, group):
        code = combo[names.index(var)]
        if group == "*all":
            return True
        if group == "*stated":
            return code != "not_stated"
        return code in group.split("|")

    def row_of(t, cell):
        return [1.0 if member(c, t["rows"], cell["row"]) and
                (t["columns"] is None or member(c, t["columns"], cell["col"])) else 0.0
                for c in combos]

    a, b, hidden = [], [], []
    for t in published:
        for cell in t["cells"]:
            if cell["count"] is None:
                hidden.append((t["table"], t["columns"], cell["row"], cell["col"], row_of(t, cell)))
            else:
                a.append(row_of(t, cell))
                b.append(cell["count"])
    out = {}
    a_eq = np.array(a).reshape(len(a), len(combos)) if a else None
    b_eq = np.array(b) if b else None
    for name, col, r, c, vec in hidden:
        vec = np.array(vec)
        lo = linprog(vec, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-vec, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0, lo.message
        out[(name, col, r, c)] = (lo.fun, float("inf") if hi.status == 3 else -hi.fun)
    return out


@pytest.fixture
def attacker():
    return solve_hidden


@pytest.fixture
def person():
    return make_person
