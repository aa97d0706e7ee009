"""A price told only in a report's headline ("A Life Sold for 2 Million Yuan").

News pages and NGO posts often put her price in the title and tell the sale below without it,
or not at all; every coder of the project's real samples counted that price as her sale's. The
walk never reads the headline as her story (a title's words are no clause about her), so this
document-level step does, once, after the walk: one amount, a word of selling, no plural or
generic subject ("Women Sold for as Little as …"), and the story's own sales unpriced.
"""

from __future__ import annotations

import re

from casebook.extract.numbers import amount_of, find_money
from casebook.extract.story import Builder, lx
from casebook.model import Event
from casebook.model.mood import is_fact

# the first line, a short one with no closing stop, above a blank line
_HEADLINE = re.compile(r"\A\s*(?P<h>[^\n]{8,120}?)[ \t]*\n[ \t]*\n")
_CLOSED = re.compile(r"[.!?。…]['\"’”)]*$")


def headline_price(b: Builder, text: str, lang: str) -> None:
    """Give her sale the headline's price when the story below tells none."""
    m = _HEADLINE.match(text)
    if not m or _CLOSED.search(m.group("h")):
        return
    a, z = m.span("h")
    head = text[a:z]
    if not lx(lang, "headline_sale").search(head) or lx(lang, "headline_many").search(head):
        return
    money = [x for x in find_money(head) if not x.converted]
    if len(money) != 1 or money[0].high is not None:
        return
    price = money[0]
    sales = [e for e in b.events if e.type == "sale"]
    if any(not is_fact(e) for e in sales):
        return  # a denied or foiled sale: the title may tell what did not happen to her
    if any(e.amount is not None for e in sales):
        return  # the story prices her sales itself
    if sales:
        first = sales[0]
        first.amount = amount_of(price, first.date)
        return
    b.events.append(Event("sale", amount=amount_of(price, None),
                          attributes={"headline": True},
                          evidence=b.ev_abs(a + price.start, a + price.end), confidence=0.6))
