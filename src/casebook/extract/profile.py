"""The flat testimony profile, derived from a record's events and facts alone.

Statistics rebuild the profile from ACCEPTED facts only (``profile(record.accepted())``), so
nothing here may look at the text: every key is computed from coded events and facts. The
mapping is documented in ``docs/extraction.md``.
"""

from __future__ import annotations

from casebook.model import REJECTED, Event, Record
from casebook.model.mood import is_fact

PROFILE_KEYS = (
    "surname", "birth_year", "province_china", "origin_nk", "first_crossing_year",
    "first_crossing_month",
    "crossing_river", "recruitment", "recruiter_relation", "times_sold", "sales", "exploitation",
    "violence",
    "children_in_china", "arrested_in_china", "repatriated", "nk_detention", "hukou_or_id",
)
LIST_KEYS = ("recruitment", "recruiter_relation", "sales", "exploitation", "violence",
             "nk_detention")
_EXPLOITATION_OF_EVENT = {"forced_marriage": "forced_marriage", "prostitution": "prostitution",
                          "cybersex": "cybersex", "forced_labour": "forced_labour"}


def _live(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind and e.status != REJECTED]


def _happened(events: list[Event], kind: str) -> list[Event]:
    """Not rejected and told as having happened (a denied beating is no violence)."""
    return [e for e in _live(events, kind) if is_fact(e)]


def _fact(record: Record, name: str):
    """The most confident non-rejected value of a person fact."""
    best = None
    for f in record.facts:
        if f.field == name and f.status != REJECTED and (best is None
                                                         or f.confidence > best.confidence):
            best = f
    return best.value if best is not None else None


def _count(events: list[Event], own_count_wins: bool = False) -> int | None:
    """Count of stated events; 0 when only denials were stated; None when nothing was.

    A stated total ("arrested twice", ``attributes.total``) counts as that many; a summary event
    (``attributes.summary``) is only a total, not one more event. With ``own_count_wins`` her
    stated total replaces the count of told events ("I have been sold three times")."""
    real = [e for e in events if is_fact(e)]
    if real:
        told = len([e for e in real if not e.attributes.get("summary")])
        totals = [int(e.attributes["total"]) for e in real if e.attributes.get("total")]
        if totals and own_count_wins:
            return max(totals)
        return max([told] + totals)
    return 0 if events else None


def profile(record: Record) -> dict:
    """The profile dict with exactly :data:`PROFILE_KEYS` (codes as in testimony-profile.md)."""
    ev = record.events
    crossings = _happened(ev, "border_crossing")
    crossings.sort(key=lambda e: e.attributes.get("order", 99))
    first = crossings[0] if crossings else None
    sales_ev = _happened(ev, "sale")
    vague = any(e.attributes.get("vague") for e in sales_ev)
    real_sales = [e for e in sales_ev if not e.attributes.get("vague")]
    # "sold several times" after a told sale: the total is unknown unless she states it herself
    stated_total = any(e.attributes.get("total") for e in real_sales)
    times_sold = None if vague and not stated_total else _count(
        [e for e in _live(ev, "sale") if not e.attributes.get("vague")], own_count_wins=True)
    sales = []
    for e in real_sales:
        if e.amount is None or e.attributes.get("summary"):
            continue
        buyer = next((i.group for i in e.involvements if i.perpetrator_role == "buyer"), None)
        sales.append({"amount": e.amount.value, "currency": e.amount.currency,
                      "year": e.amount.year if e.amount.year is not None else (e.date.year if e.date
                                                                               else None),
                      "buyer": buyer, "purpose": e.attributes.get("purpose")})
    recruitment: set[str] = set()
    relations: set[str] = set()
    for e in _happened(ev, "recruitment"):
        recruitment.update(e.attributes.get("method") or [])
        relations.update(i.relation for i in e.involvements if i.relation)
    for e in _happened(ev, "sale"):
        relations.update(i.relation for i in e.involvements if i.relation
                         and i.perpetrator_role != "buyer")
    exploitation: set[str] = set()
    for kind in ("forced_marriage", "prostitution", "cybersex", "forced_labour"):
        for e in _happened(ev, kind):
            exploitation.add(e.attributes.get("kind") or _EXPLOITATION_OF_EVENT[kind])
    violence = {e.attributes.get("kind") for e in _happened(ev, "violence")
                if e.attributes.get("kind")}
    detention = {e.attributes.get("facility") for e in _happened(ev, "detention_nk")
                 if e.attributes.get("facility")}
    all_births = _live(ev, "child_birth")
    births = [e for e in all_births if is_fact(e)]
    children = 0 if all_births and not births else None
    if births:
        totals = [int(e.attributes.get("count", 1)) for e in births if e.attributes.get("total")]
        singles = [e for e in births if not e.attributes.get("total")
                   and not e.attributes.get("definite")]
        # "my son was born" twice is one son: definite mentions count once per kind of child
        definite = {e.attributes.get("what") for e in births if e.attributes.get("definite")
                    and not e.attributes.get("total")}
        children = max([sum(int(e.attributes.get("count", 1)) for e in singles), len(definite)]
                       + totals)
    reg = [e.attributes.get("status") for e in _happened(ev, "registration")
           if e.attributes.get("status")]
    hukou = next((s for s in ("fake", "obtained", "none") if s in reg), None)
    return {
        "surname": _fact(record, "surname"),
        "birth_year": _fact(record, "birth_year"),
        "province_china": _fact(record, "province_china"),
        "origin_nk": _fact(record, "origin_nk"),
        "first_crossing_year": first.date.year if first and first.date else None,
        "first_crossing_month": first.date.month if first and first.date else None,
        "crossing_river": first.attributes.get("river") if first else None,
        "recruitment": sorted(recruitment),
        "recruiter_relation": sorted(relations),
        "times_sold": times_sold,
        "sales": sales,
        "exploitation": sorted(exploitation),
        "violence": sorted(violence),
        "children_in_china": children,
        "arrested_in_china": _count(_live(ev, "arrest_china")),
        "repatriated": _count(_live(ev, "repatriation")),
        "nk_detention": sorted(detention),
        "hukou_or_id": hukou,
    }
