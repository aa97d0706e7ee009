"""The synthetic demo cohort: follows the published figures, overlaps, says it is synthetic."""

from __future__ import annotations

from collections import Counter

import pytest

from casebook.estimate import estimate_population, overlap_table
from casebook.extract import profile
from casebook.synthetic import cohort, parameters, text_of


@pytest.fixture(scope="module")
def people():
    return cohort()


def _share(counter: Counter, key) -> float:
    return counter[key] / sum(counter.values())


def test_same_seed_same_cohort_and_another_seed_differs(people):
    again = cohort()
    assert [p.pseudonym for p in again] == [p.pseudonym for p in people]
    assert [len(p.tellings[0].record.events) for p in again] == \
        [len(p.tellings[0].record.events) for p in people]
    other = cohort(seed=7)
    assert [p.organisations for p in other] != [p.organisations for p in people]


def test_at_least_600_persons_across_three_overlapping_lists(people):
    assert len(people) >= 600
    orgs = Counter(o for p in people for o in p.organisations)
    assert len(orgs) == 3
    combos = Counter(frozenset(p.organisations) for p in people)
    names = sorted(orgs)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert sum(n for c, n in combos.items() if {a, b} <= c) >= 20, (a, b)
    assert combos[frozenset(names)] >= 10
    # the dark figure exists: fewer persons seen than in the cohort
    assert len(people) < parameters()["population"]


def test_every_record_says_it_is_synthetic(people):
    for p in people[:50]:
        assert "synthetic" in p.pseudonym and "합성" in p.pseudonym
        for t in p.tellings:
            text = text_of(p, t)
            assert "Synthetic demo record" in text and "합성 데모 기록" in text


def test_times_sold_follows_kfi_2019(people):
    times = Counter(profile(p.tellings[0].record)["times_sold"] for p in people)
    times.pop(None, None)
    weights = parameters()["times_sold"]["weights"]
    total = sum(weights.values())
    for k in ("0", "1", "2"):
        assert _share(times, int(k)) == pytest.approx(weights[k] / total, abs=0.05), k
    # KFI: once 41%, twice 45% among those sold
    sold = Counter({k: v for k, v in times.items() if k})
    assert 0.33 < _share(sold, 1) < 0.50 and 0.37 < _share(sold, 2) < 0.53


def test_origins_follow_kfi_birthplaces(people):
    from casebook.publish.variables import province_of

    origins = Counter(province_of(profile(p.tellings[0].record)["origin_nk"]) for p in people)
    origins.pop(None, None)
    assert _share(origins, "North Hamgyong") == pytest.approx(0.52, abs=0.06)
    assert _share(origins, "Ryanggang") == pytest.approx(0.14, abs=0.04)
    assert "other" not in origins  # every drawn town is known to the gazetteer


def test_marriage_prices_in_2004_2006_look_like_hrnk(people):
    bands = Counter()
    for p in people:
        for s in profile(p.tellings[0].record)["sales"][:1]:
            if s["purpose"] == "marriage" and 2004 <= s["year"] <= 2006:
                a = s["amount"]
                bands["le_2000" if a <= 2000 else "2001_5000" if a <= 5000 else
                      "5001_8000" if a <= 8000 else "gt_8000"] += 1
    assert sum(bands.values()) >= 20
    # HRNK: 3, 10, 5 and 2 of 20; the middle band is the largest
    assert bands.most_common(1)[0][0] == "2001_5000"
    assert bands["gt_8000"] < bands["2001_5000"]


def test_repatriation_and_detention_are_consistent(people):
    for p in people:
        prof = profile(p.tellings[0].record)
        rep, det = prof["repatriated"], prof["nk_detention"]
        if rep:
            assert det and "state_security_interrogation" in det
        else:
            assert not det


def test_mse_on_the_cohort_has_overlaps_to_work_on(people):
    pairs = [(p.number, o) for p in people for o in p.organisations]
    table = overlap_table(pairs)
    result = estimate_population(table)
    assert result.n_observed == len(people)
    assert len(people) < result.estimate < 3 * len(people)
    assert not [r for r in result.notes if "share no one" in r]
