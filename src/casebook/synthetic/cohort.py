"""A synthetic cohort: fictional persons whose accepted facts follow the seed reports' figures.

The demo casebook's 40 written testimonies are too few for statistics to show anything once
disclosure control hides every cell under k = 11 persons. This module draws a cohort of a
thousand-odd fictional women from the distributions in ``data/cohort.toml`` (each with the
published figure it follows), decides which of three organisations recorded each one (the
lists overlap, and depend on where she is, as real lists do), and returns, per woman seen, the
accepted facts and events every analysis reads. Nobody in it is real, and everything made from
it says so: the pseudonym ("S-0001"), the testimony text, and ``provenance["synthetic"]``.

Pure and deterministic: the same seed gives the same cohort; nothing here touches storage.
"""

from __future__ import annotations

import functools
import math
import random
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, Amount, Event, Fact, Involvement, Record, UncertainDate
from casebook.vocab.money import to_usd

SURNAMES = ("Kim", "Lee", "Park", "Choi", "Jang", "Han", "Kang", "Yun", "Jo", "Ri", "Hong", "Song")
RIVERS = ("Tumen", "Yalu")
EXPLOITATION_EVENT = {"forced_marriage": "forced_marriage", "prostitution": "prostitution",
                      "cybersex": "cybersex", "forced_labour": "forced_labour",
                      "domestic_servitude": "forced_labour"}
SALE_PURPOSE = {"forced_marriage": "marriage", "prostitution": "prostitution",
                "cybersex": "prostitution", "forced_labour": "labour",
                "domestic_servitude": "labour"}
DETENTION_STEPS = ("state_security_interrogation", "police_detention", "holding_centre",
                   "labour_training_camp", "kyohwaso")
INTERVIEW_PLACE = {"Hanul Documentation Centre": "Yanji", "Bridge of Light": "Vientiane",
                   "Seoul Rescue Network": "Seoul"}
LAST_YEAR = 2025


@dataclass
class Telling:
    """One organisation's record of her: who, when, and the facts that record holds."""

    organisation: str
    interview_year: int
    language: str
    record: Record


@dataclass
class SyntheticPerson:
    """One fictional woman seen by at least one organisation."""

    number: int
    surname: str | None
    birth_year: int | None
    tellings: list[Telling] = field(default_factory=list)
    consents_to_statistics: bool = True
    arrived: bool = False

    @property
    def pseudonym(self) -> str:
        return f"S-{self.number:04d} (synthetic · 합성)"  # the interface may be Korean

    @property
    def organisations(self) -> list[str]:
        return [t.organisation for t in self.tellings]


@functools.cache
def parameters() -> dict[str, Any]:
    """The cohort's distributions (``data/cohort.toml``), checked once."""
    text = resources.files("casebook.synthetic.data").joinpath("cohort.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"synthetic/data/cohort.toml: {exc}") from None
    for name, table in data.items():
        if isinstance(table, dict) and "source" not in table:
            raise InvalidInput(f"synthetic/data/cohort.toml: [{name}] has no source")
    return data


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    items = list(weights)
    return rng.choices(items, [float(weights[i]) for i in items])[0]


def _in_ranges(rng: random.Random, ranges: list[list[float]]) -> int:
    lo, hi, _ = rng.choices(ranges, [r[2] for r in ranges])[0]
    return rng.randint(int(lo), int(hi))


class _Draw:
    """Draws one woman's life from the parameters; each method is one part of the story."""

    def __init__(self, rng: random.Random, p: dict[str, Any], brokers: list[str]):
        self.rng, self.p, self.brokers = rng, p, brokers

    def missing(self, name: str) -> bool:
        return self.rng.random() < float(self.p["missing"].get(name, 0.0))

    def broker(self) -> str:
        # a few brokers do most of the trade: weights fall off as 1/rank
        return self.rng.choices(self.brokers, [1 / (i + 1) for i in range(len(self.brokers))])[0]

    def person(self, number: int) -> tuple[SyntheticPerson, Record, dict[str, Any]]:
        rng, p = self.rng, self.p
        cross = _in_ranges(rng, p["crossing_year"]["ranges"])
        cross_month = rng.randint(1, 12)
        birth = cross - _in_ranges(rng, p["age_at_crossing"]["ranges"])
        province = _pick(rng, p["origin"]["weights"])
        town = rng.choice(p["origin"]["towns"][province])
        residence = _pick(rng, p["residence"]["weights"])
        arrived = rng.random() < float(p["arrival"]["share"])
        lo, hi = p["arrival"]["years_after_crossing"]
        arrival = min(cross + rng.randint(lo, hi), LAST_YEAR) if arrived else None
        record = Record(language="en")
        ev = record.events
        facts = record.facts
        surname = rng.choice(SURNAMES)
        facts.append(Fact("surname", surname, status=ACCEPTED))
        if not self.missing("birth_year"):
            facts.append(Fact("birth_year", birth, status=ACCEPTED))
        if not self.missing("origin"):
            facts.append(Fact("origin_nk", town, status=ACCEPTED))
        if not self.missing("residence"):
            facts.append(Fact("province_china", residence, status=ACCEPTED))
        ev.append(Event("border_crossing", UncertainDate(cross, cross_month),
                        attributes={"river": rng.choice(RIVERS), "order": 1}, status=ACCEPTED))
        pathway = _pick(rng, p["pathway"]["weights"])
        if not self.missing("pathway"):
            relation = p["pathway"]["relation"].get(pathway)
            inv = [Involvement("perpetrator", "recruiter", self.broker(), relation=relation)]
            ev.append(Event("recruitment", UncertainDate(cross),
                            attributes={"method": [pathway]}, involvements=inv,
                            status=ACCEPTED))
        end = arrival or LAST_YEAR
        self._sales(ev, cross, cross_month, end)
        self._family(ev, cross, end)
        self._arrests(ev, cross, end)
        if arrival is not None:
            ev.append(Event("arrival", UncertainDate(arrival), place_text="South Korea",
                            status=ACCEPTED))
        person = SyntheticPerson(number, surname, birth, arrived=arrived)
        person.consents_to_statistics = rng.random() >= float(p["consent"]["no_statistics"])
        return person, record, {"cross": cross, "arrival": arrival}

    def _sales(self, ev: list[Event], cross: int, month: int, end: int) -> None:
        rng, p = self.rng, self.p
        times = int(_pick(rng, {str(k): v for k, v in p["times_sold"]["weights"].items()}))
        stated = not self.missing("times_sold")
        if times == 0:
            if stated:
                ev.append(Event("sale", attributes={"denied": True}, status=ACCEPTED))
            return
        delay = _in_ranges(rng, p["months_to_first_sale"]["ranges"])
        when = cross * 12 + month - 1 + delay
        year = min(when // 12, end)
        era = "before_2008" if year < 2008 else "from_2008"
        purpose = _pick(rng, p["exploitation"][era])
        for n in range(times):
            if n and rng.random() < 0.3:  # resold into another trade
                purpose = _pick(rng, p["exploitation"][era])
            sale_year = min(year, LAST_YEAR)
            sale_month = (when % 12) + 1 if n == 0 else None
            amount = None
            if rng.random() < float(p["price"]["priced_share"]):
                amount = self._price(sale_year, purpose)
            buyer = self._buyer(purpose, sale_year)
            inv = [Involvement("perpetrator", "buyer", group=buyer),
                   Involvement("perpetrator", "seller", self.broker())]
            attrs: dict[str, Any] = {"purpose": SALE_PURPOSE[purpose]}
            if not stated:
                attrs["vague"] = True  # "I was sold more than once": the number is not told
            ev.append(Event("sale", UncertainDate(sale_year, sale_month), amount=amount,
                            involvements=inv, attributes=attrs, status=ACCEPTED))
            kind = EXPLOITATION_EVENT[purpose]
            ev.append(Event(kind, UncertainDate(sale_year),
                            attributes={"kind": purpose} if kind != purpose else {},
                            status=ACCEPTED))
            year = min(year + rng.randint(1, 3), end)
            when = year * 12

    def _price(self, year: int, purpose: str) -> Amount:
        pr = self.p["price"]
        median = pr["base"] * pr["growth"] ** (year - pr["base_year"]) * pr["multiple"][purpose]
        value = median * math.exp(self.rng.gauss(0.0, pr["sigma"]))
        value = max(500, int(round(value / 500.0)) * 500)
        return Amount(value, "RMB", year, to_usd(value, "RMB", year))

    def _buyer(self, purpose: str, year: int) -> str:
        b = self.p["buyer"]
        if purpose == "forced_marriage":
            return _pick(self.rng, b["forced_marriage_before_2008" if year < 2008
                                   else "forced_marriage_from_2008"])
        return _pick(self.rng, b["other_purposes"])

    def _family(self, ev: list[Event], cross: int, end: int) -> None:
        rng, p = self.rng, self.p
        married = any(e.type == "forced_marriage" for e in ev)
        if not self.missing("children"):
            n = 0
            if married and rng.random() < float(p["children"]["share_with_children"]):
                n = int(_pick(rng, {str(k): v for k, v in p["children"]["count"].items()}))
            if n == 0:
                ev.append(Event("child_birth", attributes={"denied": True}, status=ACCEPTED))
            for _ in range(n):
                ev.append(Event("child_birth", UncertainDate(min(cross + rng.randint(1, 6), end)),
                                attributes={"registered": rng.random() <
                                            float(p["children"]["registered"])},
                                status=ACCEPTED))
        if rng.random() < float(p["hukou"]["stated"]):
            ev.append(Event("registration", attributes={"status": _pick(rng, p["hukou"]["weights"]),
                                                        "subject": "self"}, status=ACCEPTED))

    def _arrests(self, ev: list[Event], cross: int, end: int) -> None:
        rng, a = self.rng, self.p["arrest"]
        if self.missing("arrest"):
            return
        if rng.random() >= float(a["share_arrested"]):
            ev.append(Event("arrest_china", attributes={"denied": True}, status=ACCEPTED))
            return
        if rng.random() >= float(a["share_repatriated_if_arrested"]):  # paid, not sent back
            ev.append(Event("arrest_china", UncertainDate(min(cross + rng.randint(1, 5), end)),
                            status=ACCEPTED))
            ev.append(Event("repatriation", attributes={"denied": True}, status=ACCEPTED))
            return
        times = int(_pick(rng, {str(k): v for k, v in a["repatriations"].items()}))
        severe = _pick(rng, self.p["detention"]["most_severe"])
        year = cross
        for n in range(times):
            year = min(year + rng.randint(1, 3), end)
            ev.append(Event("arrest_china", UncertainDate(year), status=ACCEPTED))
            ev.append(Event("repatriation", UncertainDate(year), status=ACCEPTED))
            steps = DETENTION_STEPS[:DETENTION_STEPS.index(severe) + 1] if n == 0 else \
                DETENTION_STEPS[:1]
            for facility in steps:
                if facility == "police_detention" and severe != "police_detention":
                    continue
                ev.append(Event("detention_nk", UncertainDate(year),
                                attributes={"facility": facility}, status=ACCEPTED))


def _interview_year(rng: random.Random, org: str, story: dict[str, Any]) -> int:
    cross, arrival = story["cross"], story["arrival"]
    if org == "Seoul Rescue Network" and arrival:
        return min(arrival + rng.randint(0, 2), LAST_YEAR)
    if org == "Bridge of Light" and arrival:
        return max(cross, arrival - rng.randint(0, 1))
    last = (arrival - 1) if arrival else LAST_YEAR
    return min(LAST_YEAR, max(cross + 1, rng.randint(cross + 1, max(cross + 1, last))))


def _second_record(rng: random.Random, main: Record) -> Record:
    """What a second organisation's record of her holds: who she is, told a little differently
    (a birth year one off, as the written demo's second interviews do), for linkage."""
    out = Record(language=main.language)
    for f in main.facts:
        value = f.value
        if f.field == "birth_year" and rng.random() < 0.2:
            value = int(value) + rng.choice((-1, 1))
        out.facts.append(Fact(f.field, value, status=ACCEPTED))
    return out


def cohort(seed: int | None = None, population: int | None = None) -> list[SyntheticPerson]:
    """The persons of the cohort that at least one organisation recorded, numbered from 1."""
    p = parameters()
    rng = random.Random(p["seed"] if seed is None else seed)
    size = int(p["population"] if population is None else population)
    brokers = [f"Broker {i:02d} (synthetic · 합성)" for i in range(1, 41)]
    draw = _Draw(rng, p, brokers)
    out: list[SyntheticPerson] = []
    lists = p["lists"]
    for _ in range(size):
        person, record, story = draw.person(len(out) + 1)
        probs = lists["if_arrived"] if person.arrived else lists["if_in_china"]
        seen = [org for org in lists["organisations"] if rng.random() < float(probs[org])]
        if not seen:
            continue  # nobody recorded her: she is the dark figure MSE estimates
        for i, org in enumerate(seen):
            language = "ko" if rng.random() < 0.5 else "en"
            rec = record if i == 0 else _second_record(rng, record)
            rec.language = language
            person.tellings.append(Telling(org, _interview_year(rng, org, story), language, rec))
        out.append(person)
    return out


def text_of(person: SyntheticPerson, telling: Telling) -> str:
    """The stored 'testimony' of a synthetic record: it says what it is, in both languages."""
    return (f"[Synthetic demo record {person.pseudonym.split()[0]} ({telling.organisation}, "
            f"{telling.interview_year}): a fictional person generated by `casebook demo` from "
            "the distributions the seed reports publish. There is no testimony text; the facts "
            "were generated, not told.]\n"
            f"[합성 데모 기록 {person.pseudonym.split()[0]}: 실제 증언이 아니라 "
            "공개 보고서의 분포를 따라 생성한 가상의 인물입니다. 증언 원문은 없습니다.]")
