"""Facts from coded values: the inverse of ``extract.profile.profile``.

A coding sheet, an Uwazi entity or an HTCDS row says "exploitation: forced marriage, times
sold: 2" where a testimony tells a story. These values become the same facts and events the
extractor would propose, so that ``profile(record)`` gives the values back and statistics,
review and exports treat them like any other suggestion. Each carries ``source`` (where it
came from) and the words it rests on (the cell, in the testimony's rendered row).
"""

from __future__ import annotations

from typing import Any

from casebook.model import (
    SUGGESTED,
    Amount,
    Event,
    Evidence,
    Fact,
    Involvement,
    Record,
    UncertainDate,
)

PERSON_FACTS = ("surname", "birth_year", "province_china", "origin_nk")
COUNTS = {"arrested_in_china": "arrest_china", "repatriated": "repatriation"}
_EXPLOITATION_EVENT = {"forced_marriage": "forced_marriage", "prostitution": "prostitution",
                       "cybersex": "cybersex"}


def record_from_profile(values: dict[str, Any], evidence: dict[str, Evidence] | None = None,
                        source: str = "coding_sheet", language: str = "en",
                        status: str = SUGGESTED) -> Record:
    """Suggested facts and events for the profile keys present in ``values``.

    ``evidence`` maps a key (or "key=code" for one value of a list) to the words it rests on.
    Keys absent or empty are not stated: no fact is made for them.
    """
    ev = evidence or {}
    record = Record(language=language)

    def where(key: str, code: Any = None) -> Evidence | None:
        return ev.get(f"{key}={code}") or ev.get(key)

    def event(kind: str, key: str, code: Any = None, **kw: Any) -> None:
        record.events.append(Event(kind, evidence=where(key, code), status=status, source=source,
                                   **kw))

    for key in PERSON_FACTS:
        if values.get(key) not in (None, ""):
            record.facts.append(Fact(key, values[key], where(key), 1.0, status, source=source))
    year, month, river = (values.get("first_crossing_year"), values.get("first_crossing_month"),
                          values.get("crossing_river"))
    if year is not None or river:
        key = "first_crossing_year" if year is not None else "crossing_river"
        event("border_crossing", key, date=UncertainDate(year=year, month=month) if year else None,
              attributes={"order": 1, **({"river": river} if river else {})})
    methods = list(values.get("recruitment") or [])
    relations = list(values.get("recruiter_relation") or [])
    if methods or relations:
        event("recruitment", "recruitment" if methods else "recruiter_relation",
              attributes={"method": methods} if methods else {},
              involvements=[Involvement("perpetrator", "recruiter", relation=r) for r in relations])
    _sales(values, event)
    for code in values.get("exploitation") or []:
        event(_EXPLOITATION_EVENT.get(code, "forced_labour"), "exploitation", code,
              attributes={"kind": code})
    for code in values.get("violence") or []:
        event("violence", "violence", code, attributes={"kind": code})
    _count(values.get("children_in_china"), "child_birth", "children_in_china", event,
           lambda n: {"count": n, "total": True})
    for key, kind in COUNTS.items():
        _count(values.get(key), kind, key, event, lambda n: {"total": n, "summary": True})
    for code in values.get("nk_detention") or []:
        event("detention_nk", "nk_detention", code, attributes={"facility": code})
    if values.get("hukou_or_id"):
        event("registration", "hukou_or_id", attributes={"status": values["hukou_or_id"]})
    return record


def _count(n: int | None, kind: str, key: str, event: Any, stated: Any) -> None:
    if n is None:
        return
    if n == 0:  # she said none: a denial, which the profile reads as 0
        extra = {"count": 0} if kind == "child_birth" else {}
        event(kind, key, attributes={"denied": True, **extra})
    else:
        event(kind, key, attributes=stated(n))


def _sales(values: dict[str, Any], event: Any) -> None:
    from casebook.vocab import to_usd

    for n, sale in enumerate(values.get("sales") or []):
        amount = None
        if sale.get("amount") is not None and sale.get("currency"):
            year = sale.get("year")
            amount = Amount(float(sale["amount"]), sale["currency"], year,
                            to_usd(float(sale["amount"]), sale["currency"], year))
        buyer = sale.get("buyer")
        purpose = sale.get("purpose")
        event("sale", f"sales.{n}", amount=amount,
              date=UncertainDate(year=sale["year"]) if sale.get("year") else None,
              involvements=[Involvement("perpetrator", "buyer", group=buyer)] if buyer else [],
              attributes={"purpose": purpose} if purpose else {})
    times = values.get("times_sold")
    if times is not None:
        if times == 0:
            event("sale", "times_sold", attributes={"denied": True})
        else:
            event("sale", "times_sold", attributes={"total": times, "summary": True})
