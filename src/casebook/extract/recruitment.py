"""How she came to be trafficked, and by whom: read from the story up to her first sale."""

from __future__ import annotations

import re

from casebook.extract import rules
from casebook.extract.negation import FACT
from casebook.extract.story import Builder, Sentence, full, lx
from casebook.model import Event, Evidence, Involvement

_ZONE_RELATIONS = ("neighbour_or_villager", "friend", "relative", "stranger",
                   "north_korean_trafficker",
                   "korean_chinese_broker", "han_chinese_broker", "couple", "other")


def _describes_guide(zone: list[Sentence], k: int, cross_idx: int) -> bool:
    """"A broker couple took me across the Tumen. They were Korean-Chinese.": the sentence right
    after a crossing that names who took her describes that person, not a later buyer."""
    return (k == cross_idx + 1 and k < len(zone)
            and any(c.kind == "relation" for c in full(zone[cross_idx]).cues)
            and not any(c.kind == "sale" for c in zone[k].cues))


_INDEFINITE = re.compile(r"(?:an?|human|chinese|local|some|two|three|several)\s", re.IGNORECASE)
_COPULA = rules.fast_compile(r"\b(?:is|was|were|are|as|became)\s+(?:an?\s+)?$", re.IGNORECASE)


def _new_person(text: str, a: int, b: int) -> bool:
    """"a Chinese broker met us", "sold by human traffickers": a broker brought in as someone new
    (not "the broker" again, nor "she was a trafficker", nor "a broker's phone")."""
    return bool(_INDEFINITE.match(text, a)) and not _COPULA.search(text[max(0, a - 12):a]) \
        and text[b:b + 2] not in ("'s", "’s")


_LURES = ("deception_job_offer", "drugged", "abducted", "other", "sold_by_acquaintance")
_RECRUITERS = ("neighbour_or_villager", "friend", "relative", "north_korean_trafficker", "couple",
               "stranger")


_AFTER_CROSSING = rules.fast_compile(
    r"\b(?:only\s+to\s+be|only\s+to|but\s+(?:was|were)|and\s+then|then\s+(?:was|were))\s+"
    r"(?:\w+\s+)?$", re.IGNORECASE)


# the crossing told as the time of what happened to her: "right after she crossed", "as soon as we
# crossed the river", "after crossing the Yalu"
_CROSSING_AS_TIME = rules.fast_compile(
    r"\b(?:after|once|as\s+soon\s+as|upon|on|as|while|when)\s+(?:(?:i|we|she|they|ǂ+)\s+"
    r"(?:had\s+|was\s+|were\s+)?)?$",
    re.IGNORECASE)
_BROKER_CODES = ("other", "korean_chinese_broker", "han_chinese_broker", "north_korean_trafficker")


def _broker_at_crossing(zone: list[Sentence], k: int, method_at: dict[str, int]) -> bool:
    """"She arrived in China and was married off by a trafficker", "I crossed the Yalu. My
    trafficker was a Korean-Chinese man": a broker or trafficker named as she crosses or just after
    (not one who seized her), and no reason of her own told: how she went is not told."""
    if k >= len(zone) or lx(zone[k], "own_purpose").search(zone[k].text):
        return False
    window = range(k, min(len(zone), k + 3))
    if any(k <= method_at.get(m, -1) <= k + 3 for m in ("abducted", "drugged")):
        return False  # caught, kidnapped: whoever it was, she had not come with them
    if any(c.kind == "alone" and c.status == FACT for j in window for c in zone[j].cues):
        return False  # "No broker."
    for j in window:
        s = full(zone[j])
        sold = any(c.kind == "sale" and c.status == FACT for c in s.cues)
        if j > k and not sold and any(c.kind in ("birth", "exploitation") and c.status == FACT
                                      for c in s.cues):
            break  # "her 'husband' haggled with a trafficker": the story is past how she came
        if any(c.kind == "recruitment" and c.code == "introduced_marriage" for c in s.cues):
            continue  # "she let a marriage broker sell her": a match-maker, not how she came
        if any(c.kind == "relation" and c.code in _BROKER_CODES for c in s.cues) and (
                lx(s, "broker_word").search(s.text) or sold):
            # "sold on arrival by a Korean Chinese" (a Korean-Chinese family that took her in
            # is not named a broker)
            return True
        if j > k and sold:
            break
    return False


def _drawn_in_before(method_at: dict[str, int], relation_at: dict[str, int],
                     cross_idx: int) -> bool:
    """Someone lured, drugged, took or sold her before (or as) she crossed: she did not go alone."""
    return any(method_at.get(m, cross_idx + 1) <= cross_idx for m in _LURES) or any(
        relation_at.get(r, cross_idx + 1) < cross_idx for r in _RECRUITERS)


def recruitment(b: Builder, sents: list[Sentence], first_sale: int | None,
                cross_idx: int | None = None) -> None:
    """How she came to be trafficked, and by whom: read from the story up to her first sale."""
    end = (first_sale + 1) if first_sale is not None else min(len(sents), 12)
    zone = sents[:end + 1]
    methods: dict[str, Evidence | None] = {}
    method_at: dict[str, int] = {}
    relations: dict[str, Evidence] = {}
    relation_at: dict[str, int] = {}
    broker_chosen: Evidence | None = None
    noun_only: set[str] = set()
    buyers_named: set[str] = set()
    at_crossing: set[str] = set()  # drawn in only as or after she crossed, by the sentence's words
    crossing = next((e for e in b.events if e.type == "border_crossing"), None)
    for k, s in enumerate(zone):
        for c in full(s).cues:
            if c.kind == "relation" and c.extra.get("desc") and (
                    (cross_idx is not None and k > cross_idx and not _describes_guide(zone, k,
                                                                                      cross_idx))
                    or (cross_idx is None and first_sale is not None and k >= first_sale)):
                continue  # a description after she crossed is more likely her buyer's
            if (c.kind == "recruitment" and c.code == "abducted" and first_sale is not None
                    and (k > first_sale or (k == first_sale and any(
                        x.kind == "sale" and x.status == FACT and x.start < c.start
                        for x in s.cues)))):
                continue  # "she was sold, kidnapped and resold": taken again after her sale
            if (c.kind == "recruitment" and c.code is not None and c.status == FACT
                    and c.code not in methods):
                methods[c.code] = b.ev(s, c.start, c.end)
                method_at[c.code] = k
                if cross_idx is not None and k == cross_idx and (_AFTER_CROSSING.search(
                        s.text[:c.start]) or any(
                            x.kind == "crossing" and _CROSSING_AS_TIME.search(
                                s.text[max(0, x.start - 30):x.start]) for x in s.cues)):
                    # "She fled to China – only to be kidnapped", "she was caught by traffickers
                    # right after she crossed": after she crossed
                    method_at[c.code] = k + 1
                    at_crossing.add(c.code)
            if c.kind == "broker_voluntary" and c.status == FACT and broker_chosen is None and (
                    cross_idx is None or k <= cross_idx + 3):
                broker_chosen = b.ev(s, c.start, c.end)
            if c.kind == "relation" and c.code is not None and c.code not in relations:
                # the buyer is not a recruiter: skip a relation named after "sold (me) to"
                head = s.text[max(0, c.start - 25):c.start]
                if lx(s, "buyer_head").search(head):
                    if not lx(s, "broker_word").search(s.text[c.start:c.end]):
                        continue
                    # "sold me to a Korean-Chinese broker": a broker who bought her sells her on,
                    # an intermediary the contract lists by his relation to her
                    buyers_named.add(c.code)
                relations[c.code] = b.ev(s, c.start, c.end)
                relation_at[c.code] = k
                if c.extra.get("noun") and not _new_person(s.text, c.start, c.end):
                    noun_only.add(c.code)
            elif c.kind == "relation" and c.code is not None and not c.extra.get("noun"):
                noun_only.discard(c.code)
    for k in range(len(zone),
                   len(sents)):  # "the broker who had sold her", named after her first sale
        s = sents[k]
        sold = next((c for c in s.cues if c.kind == "sale" and c.extra.get("reported")), None)
        if sold is None:
            continue
        for c in full(s).cues:
            if c.kind == "relation" and c.code is not None and c.code not in relations \
                    and sold.start - 45 <= c.end <= sold.start:
                relations[c.code] = b.ev(s, c.start, c.end)
    if {"korean_chinese_broker", "han_chinese_broker",
        "north_korean_trafficker"} & (set(relations) | buyers_named):
        for code in noun_only:  # "the broker" after "a Korean-Chinese broker" is the same person
            relations.pop(code, None)
    said = method_at.get("voluntary_alone")
    lured_at = [method_at[m] for m in ("deception_job_offer", "other", "drugged")
                if m in method_at]
    if said is not None and (broker_chosen is not None
                             or any(k <= (len(zone) if cross_idx is None
                                          else max(cross_idx, said)) for k in lured_at)
                             or _drawn_in_before(method_at, relation_at, said)
                             or lx(zone[said], "again").search(zone[said].text)):
        # "after fleeing North Korea", "I decided to go to China": her own going, unless a broker,
        # a lure (before she crossed) or a recruiter is told with it, or it is a later journey
        methods.pop("voluntary_alone", None)
    if crossing is not None:
        if crossing.attributes.get("alone"):
            methods.setdefault("voluntary_alone", crossing.evidence)
        elif crossing.attributes.get("with_broker"):
            methods.setdefault("voluntary_with_broker", crossing.evidence)
        # "My cousin in Seoul paid a broker" told just before or after the crossing
        elif cross_idx is not None:
            for s in sents[max(0, cross_idx - 4):cross_idx + 3]:
                paid = next((c for c in s.cues if c.kind == "broker_voluntary"
                             and c.status == FACT),
                            None)
                if paid is not None:
                    methods.setdefault("voluntary_with_broker", b.ev(s, paid.start, paid.end))
                    break
    if broker_chosen is not None and "voluntary_alone" not in methods:
        # "with the help of a broker", "chose to be trafficked"
        methods.setdefault("voluntary_with_broker", broker_chosen)
    told = next((c for c in sents[cross_idx].cues if c.kind == "crossing" and c.status == FACT),
                None) \
        if cross_idx is not None else None
    if (crossing is not None and told is not None and cross_idx is not None
            and told.extra.get("anchor") in ("subject", "clause")
            and "voluntary_with_broker" not in methods
            # (a crossing told in an introduction comes before a story that may tell a lure)
            # (but not one the crossing's own sentence puts after it: "as she crossed the river,
            # traffickers caught her")
            and not _drawn_in_before({m: k for m, k in method_at.items() if m not in at_crossing},
                                     relation_at, len(zone) if (
                told.extra.get("lead") or _summary_of_her_story(sents, cross_idx)) else cross_idx)
            and not _broker_at_crossing(zone, cross_idx, method_at)):
        # she went of her own will (fled, crossed, ran away to China) and nobody drew her in before
        # she crossed
        methods.setdefault("voluntary_alone", crossing.evidence)
    # an acquaintance who took money for her: a sale whose sentence names them as seller
    acq = {"friend", "neighbour_or_villager", "relative"}
    lured_by = {r for r in acq if r in relation_at and any(
        method_at.get(m) == relation_at[r] for m in ("deception_job_offer", "other", "drugged"))}
    # (a sister or a friend named a few sentences before a sale is more often sold with her than
    # the seller: the acquaintance must be named in the sale's own sentence, or lure her)
    first = next((e for e in b.events if e.type == "sale" and not e.attributes.get("denied")
                  and (lured_by or (e.attributes.get("sellers_named")
                                    and acq & set(e.attributes.get("sellers", ()))))), None)
    if first is not None and (acq & set(relations)):
        methods.setdefault("sold_by_acquaintance", first.evidence)
        # a North Korean who delivers her to the people who sell her (the contract)
        if first.evidence is not None:
            relations.setdefault("north_korean_trafficker", first.evidence)
    _met_in_north_korea(relations, relation_at, method_at, cross_idx)
    if "abducted" in methods and b.lang == "en" and not (set(methods) & {
            "voluntary_with_broker", "deception_job_offer", "other", "drugged"}) and any(
            lx(s, "own_attempt").search(s.text) for s in zone[:method_at["abducted"] + 1]):
        # "abducted by a trafficker while trying to defect": she was leaving of her own will
        methods.setdefault("voluntary_alone", methods["abducted"])
    if "deception_job_offer" in methods and b.lang == "en":
        # a false offer drew her in: she did not go of her own will with nobody behind it (the
        # coders of the real English sets never give both; the Korean demo gold does)
        methods.pop("voluntary_alone", None)
    if methods or relations:
        ev = next(iter(methods.values()), None) or next(iter(relations.values()))
        e = Event("recruitment", attributes={"method": sorted(methods)}, evidence=ev,
                  confidence=0.6,
                  involvements=[Involvement("perpetrator", "recruiter", relation=r,
                                            who=relations[r].quote)
                                for r in sorted(relations) if r in _ZONE_RELATIONS])
        e.date = crossing.date if crossing else None
        b.events.insert(0, e)


_CHINESE_BROKERS = ("korean_chinese_broker", "han_chinese_broker", "north_korean_trafficker")


def _met_in_north_korea(relations: dict[str, Evidence], relation_at: dict[str, int],
                        method_at: dict[str, int], cross_idx: int | None) -> None:
    """A stranger met in North Korea who lured her there: the contract codes whoever leads or
    delivers her to the people who hold or sell her as ``north_korean_trafficker`` (coders read
    "North Korean" from where they met). Not when a Chinese broker is named before she crossed."""
    if cross_idx is None or any(relation_at.get(r, cross_idx + 1) <= cross_idx
                                for r in _CHINESE_BROKERS):
        return
    met = [r for r in ("stranger",) if relation_at.get(r, cross_idx + 1) < cross_idx
           and "chinese" not in (relations[r].quote or "").lower()]  # "a Chinese pedlar"
    lured = any(method_at.get(m, cross_idx + 1) <= cross_idx
                for m in ("deception_job_offer", "other", "drugged"))
    if met and lured:
        relations.setdefault("north_korean_trafficker", relations[met[0]])


_FIRST_PERSON = rules.fast_compile(r"\b(?:I|me|my|we|us)\b")


def _summary_of_her_story(sents: list[Sentence], k: int) -> bool:
    """"In 2002 Kim travelled to China …" above "I was a merchant … a girl told me I could make
    much more there": a crossing told about her before she tells her story in the first person
    is the editor's summary; a lure her story tells later still came before that crossing."""
    if _FIRST_PERSON.search(sents[k].text):
        return False
    later = sents[k + 1:k + 12]
    return sum(1 for x in later if _FIRST_PERSON.search(x.text)) >= 3

