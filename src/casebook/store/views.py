"""What the analysis layers read from a casebook: accepted facts, shaped for each of them.

Statistics and reports get one :class:`~casebook.publish.dataset.PersonRow` per survivor, linkage
gets one record per testimony. Both are built from *accepted* facts only. Consent is carried along
and checked again by every output: a person told her story in several testimonies counts only for
the uses that *every* one of her testimonies still allows (a withdrawal in any of them wins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from casebook.model import Consent, Event, Record
from casebook.model.consent import ConsentGrant
from casebook.store.casebook import Casebook


def _strictest(consents: list[Consent]) -> Consent:
    """The scopes all of her testimonies allow today, with the latest grant date among them."""
    if not consents:
        return Consent()
    common = set(consents[0].active_scopes())
    for c in consents[1:]:
        common &= set(c.active_scopes())
    grants = []
    for scope in sorted(common):
        dates = [g.granted_on for c in consents for g in c.grants if g.scope == scope and g.active()]
        grants.append(ConsentGrant(scope, max(dates)))
    return Consent(tuple(grants))


def _merge(records: Iterable[Record]) -> Record:
    merged = Record()
    for r in records:
        merged.facts.extend(r.facts)
        merged.events.extend(r.events)
    return merged


def publish_dataset(book: Casebook, *, with_text: bool = False,
                    only_persons: set[int] | None = None):
    """The casebook as statistics and reports see it (accepted facts, consent, no names).

    ``with_text`` adds testimony text for quotation, only for testimonies whose survivor allowed
    anonymous quotation; the report redacts names, villages and exact dates from it.
    ``only_persons`` limits the rows (and any text read) to persons a user may see.
    """
    from casebook.extract import profile
    from casebook.publish.dataset import Dataset, PersonRow

    accepted = dict(book.accepted_records())
    summaries = book.testimonies()
    consents = book.consents([s.id for s in summaries])
    people = {p.id: p for p in book.persons()}
    by_person: dict[int, list] = defaultdict(list)
    for s in summaries:
        by_person[s.person_id if s.person_id is not None else -s.id].append(s)
    rows = []
    for person_id, tells in sorted(by_person.items()):
        if only_persons is not None and person_id not in only_persons:
            continue
        record = _merge(accepted.get(s.id, Record()) for s in tells)
        consent = _strictest([consents[s.id] for s in tells])
        person = people.get(person_id)
        text = None
        if with_text and consent.allows("anonymous_quotation"):
            text = book.get_testimony(tells[0].id, purpose="report quotation").text
        years = [s.interview_year for s in tells if s.interview_year]
        names = [n for n in ((person.pseudonym, person.surname) if person else ()) if n]
        rows.append(PersonRow(
            person_id=person_id, organisation=tells[0].organisation,
            interview_year=max(years) if years else None,
            birth_year=person.birth_year if person else None,
            consent=consent, profile=profile(record), events=list(record.events),
            text_for_quotes=text, language=tells[0].language, names=names,
            synthetic=bool(person and person.kind == "synthetic"),
        ))
    return Dataset(rows, name="casebook")


def _iso(event: Event) -> str | None:
    d = event.date
    if d is None or d.year is None:
        return None
    if d.month is None:
        return f"{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")


def linkage_people(book: Casebook) -> list:
    """One linkage record per testimony, from its person and accepted facts."""
    from casebook.extract import profile
    from casebook.linkage.records import PersonRecord
    from casebook.vocab.places import gazetteer

    gaz = gazetteer()
    accepted = dict(book.accepted_records())
    people = {p.id: p for p in book.persons()}
    out = []
    for s in book.testimonies():
        record = accepted.get(s.id, Record())
        prof = profile(record)
        person = people.get(s.person_id)
        origin = person.origin_place if person and person.origin_place else prof.get("origin_nk")
        origin_place = gaz.lookup(origin) if origin else None
        sales = [e for e in record.events if e.type == "sale" and e.amount]
        out.append(PersonRecord(
            id=f"t{s.id}", organisation=s.organisation or "", source=f"testimony:{s.id}",
            surname=(person.surname if person and person.surname else prof.get("surname")),
            given_name=person.pseudonym if person else None, name_is_pseudonym=True,
            birth_year=(person.birth_year if person and person.birth_year else prof.get("birth_year")),
            origin=origin_place.id if origin_place else None,
            crossing_year=prof.get("first_crossing_year"),
            places=tuple(sorted({e.place for e in record.events if e.place})),
            children=prof.get("children_in_china"),
            sale_prices=tuple(e.amount.usd for e in sales if e.amount and e.amount.usd),
            dates=tuple(d for d in (_iso(e) for e in record.events) if d),
        ))
    return out


def linkage_perpetrators(book: Casebook) -> list:
    """One record per perpetrator named in an accepted event (alias, role, place, year)."""
    from casebook.linkage.records import PerpetratorRecord

    out = []
    for tid, record in book.accepted_records():
        for n, event in enumerate(record.events):
            for m, inv in enumerate(event.involvements):
                if inv.role != "perpetrator" or not inv.who:
                    continue
                out.append(PerpetratorRecord(
                    id=f"t{tid}e{n}i{m}", aliases=(inv.who,), role=inv.perpetrator_role,
                    places=(event.place,) if event.place else (),
                    years=(event.date.year,) if event.date and event.date.year else (),
                    source=f"testimony:{tid}",
                ))
    return out


LIST_FIELDS = ("organisation", "interviewer")


def list_memberships(book: Casebook, field: str) -> list[tuple[str, str]]:
    """(person key, list name) pairs for multiple systems estimation.

    A *person* is everything one woman told: testimonies under the same person record, joined by
    every accepted linkage decision (``casebook link review``). A *list* is the value of ``field``
    on each testimony (which organisation, or which interviewer, recorded her). Only testimonies
    whose consent allows aggregate statistics are counted.
    """
    from casebook.linkage.decisions import Decision, constraints
    from casebook.store.casebook import link_decisions

    if field not in LIST_FIELDS:
        from casebook.errors import InvalidInput

        raise InvalidInput(f"--lists {field!r}: choose one of {', '.join(LIST_FIELDS)}")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    summaries = book.testimonies()
    for s in summaries:
        find(f"t{s.id}")
        if s.person_id is not None:
            union(f"t{s.id}", f"p{s.person_id}")
    must, _ = constraints(Decision.from_dict(d) for d in link_decisions(book, "person"))
    for a, b in must:
        union(a, b)
    consents = book.consents([s.id for s in summaries])
    pairs = []
    for s in summaries:
        if not consents[s.id].allows("aggregate_statistics"):
            continue
        value = s.organisation if field == "organisation" else s.interviewer
        if value:
            pairs.append((find(f"t{s.id}"), value))
    return pairs
