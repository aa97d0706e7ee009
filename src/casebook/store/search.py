"""Full-text search over testimonies, in Korean and English, inside the store.

SQLite/SQLCipher: FTS5 indexes inside the encrypted file (trigram for substrings of three or
more characters; a word index with prefix queries for shorter terms such as "연길").
PostgreSQL: ``ILIKE`` served by a ``pg_trgm`` GIN index. Snippets are cut in Python so both
backends show the same thing.

Across languages and spellings: each term of a query also matches its other names from the
gazetteer and the vocabularies (:func:`casebook.vocab.other_names`), so "연길" finds "Yanji"
and "延吉", "bowibu" finds "보위부". A query is an AND of such groups, each an OR of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, bindparam, select, text

from casebook.store.schema import persons, testimonies
from casebook.text import literal
from casebook.vocab.other_names import Query, parse

SNIPPET_RADIUS = 60


@dataclass
class SearchHit:
    testimony_id: int
    person_id: int | None
    pseudonym: str | None
    language: str
    snippet: str


def _fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _as_query(q: Query | list[str]) -> Query:
    return q if isinstance(q, Query) else Query(tuple((t,) for t in q))


def _sqlite_ids(conn: Connection, query: Query | list[str], limit: int) -> list[int]:
    """Rowids matching every group (a group: trigram OR over its long names, union the word
    index OR over its short ones)."""
    params: dict[str, object] = {"limit": limit}
    selects: list[str] = []
    for i, group in enumerate(_as_query(query).groups):
        long_names = [t for t in group if len(t) >= 3]
        short_names = [t for t in group if len(t) < 3]
        parts = []
        if long_names:
            params[f"tri{i}"] = " OR ".join(_fts_quote(t) for t in long_names)
            parts.append(f"SELECT rowid FROM testimony_fts WHERE testimony_fts MATCH :tri{i}")
        if short_names:
            params[f"words{i}"] = " OR ".join(_fts_quote(t) + "*" for t in short_names)
            parts.append(f"SELECT rowid FROM testimony_words WHERE testimony_words MATCH "
                         f":words{i}")
        selects.append("SELECT rowid FROM (" + " UNION ".join(parts) + ")")
    sql = " INTERSECT ".join(selects) + " ORDER BY 1 DESC LIMIT :limit"
    return [r[0] for r in conn.execute(text(sql), params)]


RECENT_WINDOW = 500
WORD = re.compile(r"^\w+$")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _postgres_ids(conn: Connection, query: Query | list[str], limit: int) -> list[int]:
    """Newest matches first, without letting one kind of term make every search slow.

    Frequent terms are answered from the newest 500 testimonies alone; rare ones from the indexes
    (``pg_trgm`` for three characters or more, a word index for shorter Korean words).
    """
    groups = _as_query(query).groups
    params: dict[str, object] = {}
    clauses = []
    for i, group in enumerate(groups):
        names = []
        for j, t in enumerate(group):
            params[f"t{i}_{j}"] = _like(t)
            names.append(f"text ILIKE :t{i}_{j}")
        clauses.append("(" + " OR ".join(names) + ")")
    like = " AND ".join(clauses)
    recent = conn.execute(text(
        f"SELECT id FROM (SELECT id, text FROM testimonies ORDER BY id DESC LIMIT :window) r "
        f"WHERE {like} ORDER BY id DESC LIMIT :limit"),
        {**params, "window": RECENT_WINDOW, "limit": limit}).scalars().all()
    if len(recent) >= limit:
        return list(recent)
    # groups made only of short words can use the word index (prefix search on the tsvector);
    # the ILIKE keeps substring semantics
    short = [g for g in groups if all(len(t) < 3 and WORD.match(t) for t in g)]
    where = like
    if short:
        params["words"] = " & ".join("(" + " | ".join(f"{t}:*" for t in g) + ")" for g in short)
        where = f"to_tsvector('simple', text) @@ to_tsquery('simple', :words) AND {like}"
    rows = conn.execute(text(
        f"WITH m AS MATERIALIZED (SELECT id FROM testimonies WHERE {where}) "
        f"SELECT id FROM m ORDER BY id DESC LIMIT :limit"), {**params, "limit": limit})
    return list(rows.scalars().all())


def snippet(body: str, terms: list[str], radius: int = SNIPPET_RADIUS) -> str:
    """A window of text around the first term found, with terms marked ⟦like this⟧."""
    low = body.lower()
    positions = [p for p in (low.find(t.lower()) for t in terms) if p >= 0]
    at = min(positions) if positions else 0
    start, end = max(0, at - radius), min(len(body), at + radius * 2)
    window = " ".join(body[start:end].split())
    window = _mark(window, sorted(set(terms), key=len, reverse=True))
    return ("…" if start > 0 else "") + window + ("…" if end < len(body) else "")


def _mark(window: str, names: list[str]) -> str:
    """Each name ⟦marked⟧ in one pass, longest first ("흑룡강성" once, never "⟦⟦흑룡강⟧성⟧"), in
    any case: ``re.sub`` of their alternation with ``re.IGNORECASE``, but by literal search, so
    her search words stay in no cached regex pattern. An empty name (an empty alternative) marks
    every place no other name stands, as ``re.sub`` did."""
    if not names:
        names = [""]  # (an empty alternation is the empty pattern)
    if "" not in names:
        return literal.replace(window, names, lambda m: f"⟦{m}⟧")
    ends = {a: b for a, b, _k in literal.finditer(window, names)}
    parts, i = [], 0
    while i <= len(window):
        if i in ends:
            parts.append(f"⟦{window[i:ends[i]]}⟧")
            i = ends[i]
        else:
            parts.append("⟦⟧" + window[i:i + 1])
            i += 1
    return "".join(parts)


def search(conn: Connection, query: str, limit: int = 20,
           allowed_ids: set[int] | None = None, expand: bool = True) -> list[SearchHit]:
    parsed = parse(query, expand)
    terms = parsed.terms
    fetch = limit if allowed_ids is None else limit * 20
    if conn.dialect.name == "sqlite":
        ids = _sqlite_ids(conn, parsed, fetch)
    else:
        ids = _postgres_ids(conn, parsed, fetch)
    if allowed_ids is not None:
        ids = [i for i in ids if i in allowed_ids]
    ids = ids[:limit]
    if not ids:
        return []
    rows = conn.execute(
        select(testimonies.c.id, testimonies.c.person_id, testimonies.c.language,
               testimonies.c.text, persons.c.pseudonym)
        .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id))
        .where(testimonies.c.id.in_(bindparam("ids", expanding=True))),
        {"ids": ids},
    )
    by_id = {r.id: r for r in rows}
    return [
        SearchHit(i, by_id[i].person_id, by_id[i].pseudonym, by_id[i].language,
                  snippet(by_id[i].text, terms))
        for i in ids if i in by_id
    ]


def search_where(conn: Connection, query: str, where: ColumnElement[bool],
                 limit: int = 30, expand: bool = True) -> list[SearchHit]:
    """Full-text hits among the testimonies matching ``where`` (a condition on ``testimonies``,
    e.g. a user's visibility and filters), newest first.

    Candidates come from the index newest first in growing batches and are checked against
    ``where`` in SQL, so a user who may see few of the matches still gets every one of them;
    text is read (for snippets) only for the hits returned.
    """
    parsed = parse(query, expand)
    terms = parsed.terms
    candidates = _sqlite_ids if conn.dialect.name == "sqlite" else _postgres_ids
    keep_q = select(testimonies.c.id).where(
        testimonies.c.id.in_(bindparam("ids", expanding=True)), where)
    fetch = limit * 4
    while True:
        ids = candidates(conn, parsed, fetch)
        allowed = set(conn.execute(keep_q, {"ids": ids}).scalars()) if ids else set()
        kept = [i for i in ids if i in allowed][:limit]
        if len(kept) >= limit or len(ids) < fetch:
            break
        fetch *= 4
    if not kept:
        return []
    rows = conn.execute(
        select(testimonies.c.id, testimonies.c.person_id, testimonies.c.language,
               testimonies.c.text, persons.c.pseudonym)
        .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id))
        .where(testimonies.c.id.in_(bindparam("ids", expanding=True))), {"ids": kept}).all()
    by_id = {r.id: r for r in rows}
    return [SearchHit(i, by_id[i].person_id, by_id[i].pseudonym, by_id[i].language,
                      snippet(by_id[i].text, terms)) for i in kept if i in by_id]
