"""The one read of every analysis: accepted facts of the testimonies whose consent allows a use.

Statistics, reports, estimation lists, linkage (of persons, perpetrators and places), the broker
network, exports and referrals all read through :func:`read_for`, named by their use; the table
:data:`USES` says what consent each use needs. It fails closed: an unknown use is an error, a
testimony without the consent is left out, and for uses about *her* (statistics, estimation,
network, linkage) a withdrawal in any one of her testimonies removes all of them. Only accepted
facts are read; text only when asked for and her consent covers it, each read audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy import ColumnElement, Connection, bindparam, select

from casebook.model import ACCEPTED, ConsentedTestimony, Person, Record
from casebook.model.consent import (
    AGGREGATE_STATISTICS,
    ANONYMOUS_QUOTATION,
    LEGAL_PROCEEDINGS,
    Consent,
    share_scope,
)
from casebook.store import audit as audit_log
from casebook.store.consent import consents_of
from casebook.store.facts import group_records
from casebook.store.reviews import closed
from casebook.store.rows import chunks, to_person
from casebook.store.schema import facts, persons, testimonies

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


@dataclass(frozen=True)
class Use:
    """What one use of the records needs from each testimony's consent."""

    name: str
    scopes: tuple[str, ...]  # all must be active; () = some scope still active (an internal use)
    about_her: bool  # consent is judged over all her testimonies: any withdrawal wins
    partner: Literal["optional", "required", "never"] = "optional"  # share_with:<partner> too
    text: str | None = None  # None: never reads text; "": whenever included; else this scope
    doc: str = ""

    def allows(self, consent: Consent, partner: str | None) -> bool:
        needed = [*self.scopes, *([share_scope(partner)] if partner else [])]
        if not needed:
            return bool(consent.active_scopes())
        return all(consent.allows(s) for s in needed)


INTERNAL = ()  # she has not withdrawn everything: the organisation's own work on her record
USES: dict[str, Use] = {u.name: u for u in (
    Use("statistics", (AGGREGATE_STATISTICS,), True, "never", ANONYMOUS_QUOTATION,
        "tables, reports and the web statistics; quotations need anonymous_quotation too"),
    Use("estimation", (AGGREGATE_STATISTICS,), True, "never", None,
        "list memberships for multiple systems estimation"),
    Use("network", (AGGREGATE_STATISTICS,), True, "never", None,
        "the broker network (CLI and web)"),
    Use("linkage_persons", INTERNAL, True, "optional", None,
        "the same woman across testimonies; with a partner, only what may be shared with it"),
    Use("linkage_perpetrators", INTERNAL, True, "optional", None,
        "the same broker under several names"),
    Use("linkage_places", INTERNAL, True, "optional", None, "the same place spelt several ways"),
    Use("export", INTERNAL, False, "optional", "", "the organisation's own copy, or a partner's"),
    Use("legal", (LEGAL_PROCEEDINGS,), False, "never", "", "an export for legal proceedings"),
    Use("referral", INTERNAL, False, "required", "",
        "what a referral to a partner organisation may carry"),
)}


def read_for(book: Casebook, use: str, *, partner: str | None = None, with_text: bool = False,
             purpose: str | None = None, visible: ColumnElement[bool] | None = None,
             reviewed_only: bool = False) -> list[ConsentedTestimony]:
    """The accepted, consented records for ``use``, oldest testimony first.

    ``partner`` adds the ``share_with:<partner>`` scope; ``with_text`` reads the text of each
    testimony whose consent covers the use's text scope, each read audited with ``purpose``
    (default: the use); ``visible`` (a user's visibility, from ``book.as_user``) keeps only
    what that user may see; ``reviewed_only`` keeps only testimonies whose review was closed.
    """
    rule = USES.get(use)
    if rule is None:
        raise ValueError(f"unknown use {use!r}: one of {', '.join(USES)}")
    if (rule.partner == "required" and not partner) or (rule.partner == "never" and partner):
        raise ValueError(f"use {use!r}: a partner is {rule.partner}")
    if with_text and rule.text is None:
        raise ValueError(f"use {use!r} never reads testimony text")
    with book.engine.connect() as conn:
        rows = conn.execute(select(
            testimonies.c.id, testimonies.c.person_id, testimonies.c.organisation,
            testimonies.c.interviewer, testimonies.c.language, testimonies.c.interview_year,
            testimonies.c.file_name, testimonies.c.sha256).order_by(testimonies.c.id)).all()
        consents = consents_of(conn, [r.id for r in rows])
        keep = _allowed(rule, rows, consents, partner)
        if visible is not None and keep:
            keep &= _visible_ids(conn, visible)
        if reviewed_only and keep:
            keep &= closed(conn, sorted(keep))
        kept = [r for r in rows if r.id in keep]
        people = _persons(conn, {r.person_id for r in kept if r.person_id is not None})
        accepted = _accepted(conn, keep)
    out = [ConsentedTestimony(
        r.id, r.person_id, r.organisation, r.interviewer, r.language, r.interview_year,
        r.file_name, r.sha256, consents[r.id], accepted.get(r.id, Record()),
        people.get(r.person_id) if r.person_id is not None else None) for r in kept]
    if with_text:
        _read_texts(book, rule, out, purpose or use)
    return out


def _allowed(rule: Use, rows: Iterable, consents: dict[int, Consent],
             partner: str | None) -> set[int]:
    ok = {r.id for r in rows if rule.allows(consents[r.id], partner)}
    if not rule.about_her:
        return ok
    refused = {r.person_id for r in rows if r.person_id is not None and r.id not in ok}
    return {r.id for r in rows if r.id in ok and r.person_id not in refused}


def _visible_ids(conn: Connection, visible: ColumnElement[bool]) -> set[int]:
    return set(conn.execute(select(testimonies.c.id).where(visible)).scalars())


def _persons(conn: Connection, ids: set[int]) -> dict[int, Person]:
    out: dict[int, Person] = {}
    for chunk in chunks(sorted(ids)):
        out.update((r.id, to_person(r))
                   for r in conn.execute(select(persons).where(persons.c.id.in_(chunk))))
    return out


def _accepted(conn: Connection, ids: set[int]) -> dict[int, Record]:
    out: dict[int, Record] = {}
    for chunk in chunks(sorted(ids)):
        rows = conn.execute(select(facts).where(facts.c.testimony_id.in_(chunk),
                                                facts.c.status == ACCEPTED)
                            .order_by(facts.c.testimony_id, facts.c.ordinal)).all()
        out.update(group_records(rows))
    return out


def _read_texts(book: Casebook, rule: Use, items: list[ConsentedTestimony], purpose: str) -> None:
    """Texts of the items whose consent covers the use's text scope, in one transaction with
    one audit entry per testimony read (as ``book.testimonies.get`` writes). For a use about
    her, one text per woman (her first testimony), only if all her testimonies allow it."""
    wanted = [i for i in items if not rule.text or i.consent.allows(rule.text)]
    if rule.about_her:
        ok = {i.testimony_id for i in wanted}
        refused = {i.person_key for i in items if i.testimony_id not in ok}
        firsts: dict[int, ConsentedTestimony] = {}
        for i in wanted:
            if i.person_key not in refused:
                firsts.setdefault(i.person_key, i)
        wanted = list(firsts.values())
    if not wanted:
        return
    by_id = {i.testimony_id: i for i in wanted}
    q = select(testimonies.c.id, testimonies.c.text).where(
        testimonies.c.id.in_(bindparam("ids", expanding=True)))
    with book.engine.begin() as conn:
        for chunk in chunks(sorted(by_id)):
            for tid, text in conn.execute(q, {"ids": chunk}):
                by_id[tid].text = text
        audit_log.append_many(conn, book.actor, [
            ("read_testimony", f"testimony:{tid}", {"purpose": purpose}) for tid in by_id])
