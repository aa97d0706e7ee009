"""Sale events: one per stated price, merged when one transaction is told from both sides or
twice, a payment to whoever handed her over read as her sale, and prices told a sentence away."""

from __future__ import annotations

import re

from casebook.extract import rules
from casebook.extract.cues import Cue
from casebook.extract.negation import FACT
from casebook.extract.numbers import Money, amount_of
from casebook.extract.story import Builder, Sentence, count_of, cues_of, full, lx
from casebook.model import Event, Involvement


def sellers(sents: list[Sentence], i: int) -> tuple[list[str], bool]:
    """Who sold her in sentence ``i``: the people named in it (not as the buyer), else the last
    people named in the four sentences before ("My neighbour took me to a house. She was paid for
    me"); and whether they were named in the sale's own sentence."""
    for j in range(i, max(-1, i - 5), -1):
        s = full(sents[j])
        codes = sorted({c.code for c in s.cues if c.kind == "relation" and c.code is not None
                        and not lx(s, "buyer_head").search(s.text[max(0, c.start - 25):c.start])})
        if codes:
            return codes, j == i
    return [], False


def dedupe_sales(b: Builder) -> None:
    """One transaction told twice (a summary before the story, or a price repeated) counts once:
    same amount and currency (year and buyer compatible), or an unpriced sale by the same seller."""
    sales = [e for e in b.events if e.type == "sale" and not e.attributes.get("denied")
             and not e.attributes.get("vague") and not e.attributes.get("summary")]
    drop: set[int] = set()
    for k, e in enumerate(sales):
        for f in sales[k + 1:]:
            if id(f) in drop or id(e) in drop or f.attributes.get("repeat"):
                continue
            if (e.amount and f.amount and e.amount.value == f.amount.value
                    and e.amount.currency == f.amount.currency):
                ye, yf = e.amount.year, f.amount.year
                be = {i.group for i in e.involvements if i.perpetrator_role == "buyer"}
                bf = {i.group for i in f.involvements if i.perpetrator_role == "buyer"}
                if (ye is None or yf is None or ye == yf) and (not be or not bf or be == bf):
                    drop.add(id(f))
            elif (e.amount is None) != (f.amount is None):
                se = set(e.attributes.get("sellers",
                                          ())) if e.attributes.get("sellers_named") else set()
                sf = set(f.attributes.get("sellers",
                                          ())) if f.attributes.get("sellers_named") else set()
                if se & sf & {"relative", "friend", "neighbour_or_villager"}:
                    drop.add(id(e) if e.amount is None else id(f))
    told = [e for e in sales if not e.attributes.get("lead") and id(e) not in drop]
    for e in sales:
        if e.attributes.get("lead") and told:
            # the introduction's "who was sold to a man for $600" is a sale her telling tells again
            if e.amount is not None and not any(f.amount for f in told):
                told[0].amount = e.amount
            if "purpose" in e.attributes:
                told[0].attributes.setdefault("purpose", e.attributes["purpose"])
            drop.add(id(e))
    if drop:
        b.events[:] = [e for e in b.events if id(e) not in drop]


def payments(s: Sentence, prev: Sentence | None = None) -> list[Cue]:
    """"He paid the broker 9,000 yuan", "남편 쪽에서 아주머니한테 4천 위안을 줬더라고요": a payment
    to
    whoever handed her over is a sale, unless it pays police, officials, a fine, a bribe or
    papers."""
    out = []
    for c in s.cues:
        if c.kind != "payment" or c.status != FACT or c.extra.get("by_her"):
            continue
        if lx(s, "self_payer").search(s.text[:c.end]) and not lx(s,
                                                                 "third_payer").search(
                                                                     s.text[:c.end]):
            continue  # her own (or her family's) fee to a broker is not her sale
        if lx(s, "paid_by_her_side").search(s.text):
            continue  # "The broker was paid 500 yuan by my friend's aunt"
        if lx(s, "not_sale_payment").search(s.text) or (prev is not None and lx(s,
                                                                                "paid_them").search(
                s.text) and lx(s, "police_word").search(prev.text)):
            continue
        # the amount follows the verb in English, precedes it in Korean
        after_verb = not rules.language(s.lang).get("amount_before_verb", False)
        if not any((m.start >= c.start or not after_verb) and not m.converted and m.value >= 300
                   for m in s.money):
            continue
        out.append(Cue("sale", c.start, c.end, extra={"payment": True,
                                                      "not_hers": c.extra.get("not_hers", ())}))
        break
    return out


def price(s: Sentence, money: list[Money], require_words: bool = False) -> Money | None:
    for m in money:
        if m.converted or m.value < 50:
            continue
        window = s.text[max(0, m.start - 30):m.end + 25]
        if lx(s, "not_price").search(window):
            continue
        if require_words and not lx(s, "price_word").search(s.text):
            continue
        return m
    return None


def _amount_only(s: Sentence) -> bool:
    """A sentence that is little more than a price: "사천 위안이요.", "2천 위안이요."."""
    if len(s.money) != 1:
        return False
    rest = s.text[:s.money[0].start] + s.text[s.money[0].end:]
    rest = re.sub(r"[\s.,!?]", "", lx(s, "amount_filler").sub("", rest))
    return len(rest) <= 4


def _listed_prices(sents: list[Sentence], i: int, total: int) -> list[Money]:
    """The prices of the sales she has just counted, listed in the next sentence with no sale
    verb of their own (another woman's sale told there keeps its price)."""
    if i + 1 >= len(sents):
        return []
    nxt = sents[i + 1]
    if cues_of(nxt, "sale", None) or lx(nxt, "sale_word").search(nxt.text):
        return []
    prices = [m for m in nxt.money if not m.converted and m.value >= 50 and not lx(
        nxt, "not_price").search(nxt.text[max(0, m.start - 30):m.end + 25])]
    return prices if 2 <= len(prices) <= total else []


def set_buyer_purpose(e: Event, s: Sentence, after: int = 0) -> None:
    full(s)
    buyer = next((c for c in s.cues if c.kind == "buyer" and c.start >= after), None)
    if buyer and not any(i.role == "buyer" for i in e.involvements):
        e.involvements.append(Involvement("perpetrator", "buyer", who=s.text[buyer.start:buyer.end],
                                          group=buyer.code))
    purpose = next((c for c in s.cues if c.kind == "purpose"), None)
    if purpose and "purpose" not in e.attributes:
        e.attributes["purpose"] = purpose.code


def sales(b: Builder, sents: list[Sentence], i: int, s: Sentence, cues: list[Cue],
           last: tuple[int, Event] | None) -> list[Event]:
    """Sale events of one sentence: one per stated price, else one (merged with the sale just
    before when this sentence only tells the other side of it: "sold me … He paid 4,000")."""
    full(s)
    # clauses about someone else ("My mum was sold for $65")
    not_hers = cues[0].extra.get("not_hers", ())
    prices = [m for m in s.money if not m.converted and m.value >= 50
              and not lx(s, "not_price").search(
        s.text[max(0, m.start - 30):m.end + 25]) and not any(a <= m.start < b for a, b in not_hers)]
    repeat = lx(s, "repeat_sale").search(s.text)
    times = lx(s, "times_sold").search(s.text)
    first = cues[0]
    if last and (first.extra.get("reported") or (first.extra.get("retold")
                                                 and not last[1].attributes.get(
            "lead"))) and not repeat:
        # "I realized I had been sold", "the broker who sold me": a sale already told, told again
        prev = last[1]
        if prev.amount is None and prices:
            prev.amount = amount_of(prices[0], prev.date or s.date)
        set_buyer_purpose(prev, s, after=first.start)  # "I learnt I had been sold to a Chinese man"
        return [prev]
    if last and 1 < i - last[0] <= 3 and not repeat and not prices and last[1].amount is not None \
            and not first.extra.get("payment") and not lx(s, "onward_sale").search(s.text):
        return [last[1]]  # "…took 6,000 yuan from me … She had sold me": the same sale retold
    if last and i - last[0] <= 3 and not repeat and lx(s, "sale_in_progress").search(
            sents[last[0]].text) and not lx(s, "onward_sale").search(s.text) and (
                last[1].amount is None or not prices):
        # "She was being sold. … She was sold to a farmer": what was happening, then the sale
        prev = last[1]
        if prev.amount is None and prices:
            prev.amount = amount_of(prices[0], prev.date or s.date)
        set_buyer_purpose(prev, s, after=first.start)
        return [prev]
    if last and i - last[0] <= 2 and not repeat:
        prev = last[1]
        buyer_side = lx(s, "buyer_side").match(s.text[first.start:first.end])
        anaphoric = bool(prices) and bool(lx(s, "anaphoric_buyer").search(s.text))
        # "The broker sold me to a farmer": a new sale
        onward = lx(s, "onward_sale").search(s.text) and not buyer_side
        if not onward and prev.amount is None and (prices or buyer_side
                                                   or first.extra.get("payment")) and (
                i - last[0] <= 1 or first.extra.get("payment") or anaphoric):
            if prices:
                prev.amount = amount_of(prices[0], prev.date or s.date)
            set_buyer_purpose(prev, s)
            return [prev]
        if prev.amount is not None and not prices and not onward:
            return [prev]
    out: list[Event] = []
    # "sold to a farmer for 585 dollars and resold to another man": a second verb, a second sale
    resold = lx(s, "coordinated_resale")
    # "bought me from the guide and then sold me to an old man", "sold me to a broker, who sold
    # me to a farmer": a seller's verb chained to the first sale is the next sale
    chained = {m.start("v") for m in lx(s, "chained_sale").finditer(s.text, first.end)} \
        if len(cues) > 1 else set()
    resales = sum(1 for c in cues[1:] if c.start > first.end and (
        resold.match(s.text, c.start) or c.start in chained))
    if len(cues) == 1 and lx(s, "elided_resale").match(s.text, first.end):
        resales += 1  # "sold to a bar owner, and then to a farmer": the verb told once
    n = max(1 + resales, len(prices))
    if last is None and not times and first.status == FACT and not first.extra.get("lead") \
            and any(m.start() <= first.end and m.end() >= first.start
                    for m in lx(s, "implied_earlier_sale").finditer(s.text)):
        # (the "again" of this first sale: "sold to a farmer, then sold again" tells both)
        # the first sale told is "sold again" / "the second time I was sold": one before it
        b.events.append(Event("sale", date=None, attributes={"implied": True},
                              evidence=b.ev(s, first.start, first.end), confidence=0.5))
    total = count_of(s.lang, "times_sold", next((g for g in times.groups() if g), "")) if times \
        else 0
    if times and not prices:
        # "I have been sold three times": her own count, kept as a total beside the told sales
        if total > 1:
            e = Event("sale", date=s.date, attributes={"total": total, "summary": True},
                      evidence=b.ev(s, first.start, first.end), confidence=0.7)
            b.events.append(e)
            listed = _listed_prices(sents, i, total)
            if listed:
                # "세 번 팔렸다. 처음에는 3천 위안, 두 번째는 5천 위안 …": each sale's price, listed
                nxt = sents[i + 1]
                for pm in listed:
                    x = Event("sale", date=s.date, amount=amount_of(pm, s.date),
                              evidence=b.ev(nxt, pm.start, pm.end), confidence=0.6)
                    x.involvements.append(Involvement("victim"))
                    b.events.append(x)
            return [e]
    elif times and total > len(prices):
        # "sold three times, the last time for 20,000 yuan": the count, and the priced sale(s)
        b.events.append(Event("sale", date=s.date, attributes={"total": total, "summary": True},
                              evidence=b.ev(s, first.start, first.end), confidence=0.7))
    named, direct = sellers(sents, i)
    for k in range(n):
        e = Event("sale", date=s.date, evidence=b.ev(s, first.start, first.end), confidence=0.75)
        if first.extra.get("lead"):
            e.attributes["lead"] = True
        if repeat:
            e.attributes["repeat"] = True
        if named:
            e.attributes["sellers"] = named
            e.attributes["sellers_named"] = direct
        e.involvements.append(Involvement("victim"))
        if k < len(prices):
            e.amount = amount_of(prices[k], s.date)
        set_buyer_purpose(e, s, after=first.start)
        b.events.append(e)
        out.append(e)
    if not prices:
        for j in (i + 1, i + 2, i - 1):
            if not 0 <= j < len(sents):
                continue
            other = sents[j]
            if j > i and (cues_of(other, "sale", None) or any(c.kind == "payment"
                                                              for c in other.cues)):
                if j == i + 1:
                    continue  # the next sentence tells its own sale; do not look past it
                continue
            if j == i + 2 and (sents[i + 1].money or cues_of(sents[i + 1], "sale", None)):
                continue
            if j < i and (cues_of(other, "sale", None) or any(c.kind == "payment"
                                                              for c in other.cues)):
                continue
            if j < i and lx(other, "others_sale").search(other.text):
                continue  # "My neighbour was sold first, for 2,500 yuan.": someone else's price
            if lx(other, "sale_word").search(other.text) and not cues_of(other, "sale",
                                                                         None) and not any(
                    c.kind == "payment" for c in other.cues):
                # a sale told there that is not hers ("She was sold for 3,000," said of another
                # woman)
                continue
            m = price(other, other.money, require_words=not _amount_only(other))
            if m:
                out[-1].amount = amount_of(m, out[-1].date)
                set_buyer_purpose(out[-1], other)
                break
    if "purpose" not in out[-1].attributes and i + 1 < len(sents) and not lx(
            sents[i + 1], "others_open").match(sents[i + 1].text):
        # (not from a sentence about other women: "The other girls were sent to brothels.")
        set_buyer_purpose(out[-1], sents[i + 1])
    return out
