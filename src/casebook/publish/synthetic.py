"""Fictional casebooks for benchmarks, tests and demonstrations: no real person is in them.

The proportions loosely follow the published seed reports (pathways, times sold, price bands,
origins), so charts built from them look like the real thing without being anyone's story.
"""

from __future__ import annotations

import random

from casebook.model.consent import AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION, Consent
from casebook.model.dates import UncertainDate
from casebook.model.records import ACCEPTED, Amount, Event
from casebook.publish.dataset import Dataset, PersonRow
from casebook.vocab.money import to_usd

ORIGINS = [("Hoeryong", 30), ("Musan", 12), ("Chongjin", 10), ("Hyesan", 14), ("Hamhung", 14),
           ("Sinuiju", 10), ("Kanggye", 5), ("Pyongsong", 2), ("Sariwon", 3)]
PROVINCES_CN = [("Jilin", 45), ("Heilongjiang", 20), ("Liaoning", 20), ("Shandong", 10),
                ("Inner Mongolia", 5)]
PATHWAYS = [("deception_job_offer", 41), ("abducted", 18), ("sold_by_acquaintance", 16),
            ("introduced_marriage", 10), ("voluntary_with_broker", 8), ("drugged", 7)]
EXPLOIT = [(["forced_marriage"], 45), (["prostitution"], 25), (["cybersex"], 12),
           (["forced_marriage", "prostitution"], 12), (["forced_labour"], 6)]
TIMES = [(1, 41), (2, 45), (3, 7), (4, 5), (0, 2)]
DETENTION = ["state_security_interrogation", "holding_centre", "labour_training_camp",
             "kyohwaso", "police_detention"]
FIRST_NAMES = ["Kim Sun-hee", "Park Mi-ok", "Lee Young-ja", "Choi Eun-mi", "Jang Hye-jin"]


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights)[0]


def person(rng: random.Random, pid: int, quote_share: float = 0.3) -> PersonRow:
    """One fictional survivor; about a tenth of each field is left unstated, as in real data."""
    def maybe(value, p_missing=0.1):
        return None if rng.random() < p_missing else value

    cross_year = rng.randint(1997, 2019)
    cross_month = rng.randint(1, 12)
    birth = cross_year - rng.choice([16, 18, 19, 21, 23, 25, 27, 29, 32, 35, 38, 44])
    times = _pick(rng, TIMES)
    price = rng.choice([1500, 3000, 4000, 5000, 6000, 7000, 10000, 12000, 20000, 30000])
    price = int(price * (1 + 0.05 * (cross_year - 1997)) // 500 * 500)
    delay = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 14, 30])
    sale_m = cross_year * 12 + cross_month - 1 + delay
    sale_year, sale_month = divmod(sale_m, 12)
    repat = _pick(rng, [(0, 60), (1, 25), (2, 10), (3, 5)])
    children = _pick(rng, [(0, 45), (1, 35), (2, 15), (3, 5)])
    origin = _pick(rng, ORIGINS)
    profile = {
        "surname": rng.choice(["Kim", "Park", "Lee", "Choi", "Jang"]),
        "birth_year": maybe(birth), "origin_nk": maybe(origin),
        "province_china": maybe(_pick(rng, PROVINCES_CN)),
        "first_crossing_year": cross_year, "first_crossing_month": maybe(cross_month, 0.3),
        "crossing_river": rng.choice(["Tumen", "Yalu", None]),
        "recruitment": [] if rng.random() < 0.08 else [_pick(rng, PATHWAYS)],
        "recruiter_relation": [], "times_sold": maybe(times),
        "sales": ([] if times == 0 or rng.random() < 0.25 else
                  [{"amount": price, "currency": "RMB", "year": sale_year,
                    "buyer": "han_chinese", "purpose": "marriage"}]),
        "exploitation": list(_pick(rng, EXPLOIT)), "violence": [],
        "children_in_china": maybe(children), "arrested_in_china": maybe(repat),
        "repatriated": maybe(repat),
        "nk_detention": rng.sample(DETENTION, k=min(repat, 2)) if repat else [],
        "hukou_or_id": maybe(_pick(rng, [("none", 90), ("fake", 7), ("obtained", 3)]), 0.3),
    }
    events = [Event("border_crossing", UncertainDate(cross_year, cross_month), status=ACCEPTED)]
    if times:
        usd = to_usd(price, "RMB", sale_year)
        events.append(Event("sale", UncertainDate(sale_year, sale_month + 1),
                            amount=Amount(price, "RMB", sale_year, usd), status=ACCEPTED))
        if profile["sales"]:
            profile["sales"][0]["usd"] = usd
    for _ in range(children):
        events.append(Event("child_birth", UncertainDate(min(sale_year + 2, 2024)),
                            attributes={"registered": rng.random() < 0.35}, status=ACCEPTED))
    scopes = [AGGREGATE_STATISTICS] + ([ANONYMOUS_QUOTATION] if rng.random() < quote_share else [])
    name = rng.choice(FIRST_NAMES)
    text = (f"My name is {name}. I was born in {origin}. On {cross_month} March {cross_year} "
            f"I crossed the river near Namyang. A broker told me there was work in a restaurant. "
            f"Instead I was sold for {price} yuan to a farmer in a village near Yanji. "
            f"I was {cross_year - birth} years old.")
    return PersonRow(person_id=pid, organisation=rng.choice(["org-a", "org-b", "org-c"]),
                     interview_year=min(cross_year + rng.randint(1, 8), 2025), birth_year=birth,
                     consent=Consent.of(scopes), profile=profile, events=events,
                     text_for_quotes=text, language="en", names=[name, profile["surname"]])


def synthetic_dataset(n: int = 500, seed: int = 7, quote_share: float = 0.3) -> Dataset:
    rng = random.Random(seed)
    return Dataset([person(rng, i + 1, quote_share) for i in range(n)], name="synthetic")
