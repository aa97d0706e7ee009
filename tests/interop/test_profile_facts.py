"""Coded values become facts that give the same values back through the profile."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.extract.profile import profile
from casebook.intake.profile_facts import record_from_profile
from casebook.vocab import load


def codes(vocab: str):
    return st.lists(st.sampled_from(load(vocab).codes()), unique=True, max_size=3).map(sorted)


counts = st.one_of(st.none(), st.integers(0, 6))
sale = st.fixed_dictionaries({
    "amount": st.integers(100, 50000).map(float), "currency": st.sampled_from(["RMB", "USD"]),
    "year": st.one_of(st.none(), st.integers(1995, 2020)),
    "buyer": st.one_of(st.none(), st.sampled_from(load("buyer").codes())),
    "purpose": st.one_of(st.none(), st.sampled_from(load("sale_purpose").codes()))})
profiles = st.fixed_dictionaries({
    "surname": st.one_of(st.none(), st.sampled_from(["Kim", "박"])),
    "birth_year": st.one_of(st.none(), st.integers(1950, 2005)),
    "province_china": st.one_of(st.none(), st.sampled_from(["Jilin", "Shandong"])),
    "origin_nk": st.one_of(st.none(), st.sampled_from(["Musan", "회령"])),
    "first_crossing_year": st.one_of(st.none(), st.integers(1995, 2020)),
    "crossing_river": st.one_of(st.none(), st.sampled_from(["Tumen", "Yalu"])),
    "recruitment": codes("recruitment"), "recruiter_relation": codes("recruiter_relation"),
    "sales": st.lists(sale, max_size=2),
    "exploitation": codes("exploitation"), "violence": codes("violence"),
    "children_in_china": counts, "arrested_in_china": counts, "repatriated": counts,
    "nk_detention": codes("nk_detention"),
    "hukou_or_id": st.one_of(st.none(), st.sampled_from(load("hukou").codes())),
}).flatmap(lambda p: st.fixed_dictionaries({
    **{k: st.just(v) for k, v in p.items()},
    "first_crossing_month": st.none() if p["first_crossing_year"] is None
    else st.one_of(st.none(), st.integers(1, 12)),
    # a stated count of sales is at least the sales told
    "times_sold": st.just(len(p["sales"])) if p["sales"] else counts,
}))


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_profile_of_coded_facts_is_the_coded_profile(values):
    record = record_from_profile(values, source="coding_sheet")
    assert profile(record) == {k: values[k] for k in profile(record)}
    assert all(f.source == "coding_sheet" and f.status == "suggested" for f in record.facts)
    assert all(e.source == "coding_sheet" for e in record.events)


def test_nothing_stated_makes_no_fact():
    assert record_from_profile({}).facts == [] and record_from_profile({}).events == []
    zero = record_from_profile({"repatriated": 0})
    assert profile(zero)["repatriated"] == 0 and zero.events[0].attributes["denied"]
