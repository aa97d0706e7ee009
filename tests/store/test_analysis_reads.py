"""What statistics and linkage make of the store's reads: accepted facts only, strictest consent."""

from __future__ import annotations

import datetime as dt

from casebook.linkage.records import perpetrator_records, person_records
from casebook.model import (
    Amount,
    Consent,
    Event,
    Fact,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.publish.dataset import dataset_of

ON = dt.date(2020, 1, 1)


def _tell(book, text, person, scopes, record):
    tid, _ = book.testimonies.add(Testimony(text, organisation="Hanul",
                                          interview_date=UncertainDate(2020),
                                          consent=Consent.of(scopes, ON)), person, record)
    return tid


def test_accepted_facts_and_strictest_consent(sqlite_book):
    book = sqlite_book
    kim = Person("Ms. Kim", surname="Kim", birth_year=1979)
    sale = Event("sale", UncertainDate(1998), amount=Amount(3000, "RMB", 1998, 362.0),
                 involvements=[Involvement("perpetrator", "broker",
                                           who="Mr. Jang")], status="accepted")
    guess = Event("sale", UncertainDate(1999), amount=Amount(9000, "RMB", 1999), status="suggested")
    t1 = _tell(book, "first telling", kim, ["aggregate_statistics", "anonymous_quotation"],
               Record([Fact("birth_year", 1979, status="accepted")], [sale, guess]))
    t2 = _tell(book, "second telling", Person("Ms. Ri"), ["aggregate_statistics"], Record())
    book.testimonies.add(Testimony("kim again", consent=Consent.of(["aggregate_statistics"], ON),
                                 organisation="Hanul"), kim, None)
    data = dataset_of(book.read_for("statistics", with_text=True))
    by_id = {r.person_id: r for r in data}
    row = by_id[kim.id]
    assert [s["amount"]
            for s in row.profile["sales"]] == [3000]  # the suggested 9,000 is not counted
    assert row.profile["birth_year"] == 1979
    # her second testimony does not allow quotation: the strictest consent wins
    assert row.consent.active_scopes() == ["aggregate_statistics"] and row.text_for_quotes is None
    assert len(data.for_statistics()) == 2
    book.consent.withdraw(t2, "aggregate_statistics")
    stats = dataset_of(book.read_for("statistics"))
    assert [r.person_id for r in stats] == [kim.id] == [r.person_id for r in stats.for_statistics()]
    people = {r.id: r for r in person_records(book.read_for("linkage_persons"))}
    assert people[f"t{t1}"].surname == "Kim" and people[f"t{t1}"].sale_prices == (362.0,)
    perps = perpetrator_records(book.read_for("linkage_perpetrators"))
    assert [(p.aliases, p.role, p.years) for p in perps] == [(("Mr. Jang",), "broker", (1998,))]
