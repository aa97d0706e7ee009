"""Full-text search over testimonies, in Korean and English, inside the store.

SQLite/SQLCipher: FTS5 indexes inside the encrypted file (trigram for substrings of three or
more characters; a word index with prefix queries for shorter terms such as "연길").
PostgreSQL: ``ILIKE`` served by a ``pg_trgm`` GIN index. Snippets are cut in Python so both
backends show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, bindparam, select, text

from casebook.errors import InvalidInput
from casebook.store.schema import persons, testimonies

SNIPPET_RADIUS = 60


@dataclass
class SearchHit:
    testimony_id: int
    person_id: int | None
    pseudonym: str | None
    language: str
    snippet: str


def terms_of(query: str) -> list[str]:
    """Split a query into terms; "quoted phrases" stay whole."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query)]
    terms = [t.strip() for t in terms if t.strip()]
    if not terms:
        raise InvalidInput("search: the query is empty")
    return terms


def _fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _sqlite_ids(conn: Connection, terms: list[str], limit: int) -> list[int]:
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    sets: list[str] = []
    params: dict[str, str] = {}
    if long_terms:
        params["tri"] = " AND ".join(_fts_quote(t) for t in long_terms)
        sets.append("SELECT rowid FROM testimony_fts WHERE testimony_fts MATCH :tri")
    if short_terms:
        params["words"] = " AND ".join(_fts_quote(t) + "*" for t in short_terms)
        sets.append("SELECT rowid FROM testimony_words WHERE testimony_words MATCH :words")
    sql = " INTERSECT ".join(sets) + " ORDER BY 1 DESC LIMIT :limit"
    return [r[0] for r in conn.execute(text(sql), {**params, "limit": limit})]


RECENT_WINDOW = 500
WORD = re.compile(r"^\w+$")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _postgres_ids(conn: Connection, terms: list[str], limit: int) -> list[int]:
    """Newest matches first, without letting one kind of term make every search slow.

    Frequent terms are answered from the newest 500 testimonies alone; rare ones from the indexes
    (``pg_trgm`` for three characters or more, a word index for shorter Korean words).
    """
    params: dict[str, object] = {f"t{i}": _like(t) for i, t in enumerate(terms)}
    like = " AND ".join(f"text ILIKE :t{i}" for i in range(len(terms)))
    recent = conn.execute(text(
        f"SELECT id FROM (SELECT id, text FROM testimonies ORDER BY id DESC LIMIT :window) r "
        f"WHERE {like} ORDER BY id DESC LIMIT :limit"),
        {**params, "window": RECENT_WINDOW, "limit": limit}).scalars().all()
    if len(recent) >= limit:
        return list(recent)
    short = [t for t in terms if len(t) < 3]
    where = like
    if short and all(WORD.match(t) for t in short):
        # word-prefix search on the tsvector index; the ILIKE keeps substring semantics
        params["words"] = " & ".join(f"{t}:*" for t in short)
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
    for t in sorted(terms, key=len, reverse=True):
        window = re.sub(re.escape(t), lambda m: f"⟦{m.group(0)}⟧", window, flags=re.IGNORECASE)
    return ("…" if start > 0 else "") + window + ("…" if end < len(body) else "")


def search(conn: Connection, query: str, limit: int = 20,
           allowed_ids: set[int] | None = None) -> list[SearchHit]:
    terms = terms_of(query)
    fetch = limit if allowed_ids is None else limit * 20
    if conn.dialect.name == "sqlite":
        ids = _sqlite_ids(conn, terms, fetch)
    else:
        ids = _postgres_ids(conn, terms, fetch)
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
                 limit: int = 30) -> list[SearchHit]:
    """Full-text hits among the testimonies matching ``where`` (a condition on ``testimonies``,
    e.g. a user's visibility and filters), newest first.

    Candidates come from the index newest first in growing batches and are checked against
    ``where`` in SQL, so a user who may see few of the matches still gets every one of them;
    text is read (for snippets) only for the hits returned.
    """
    terms = terms_of(query)
    candidates = _sqlite_ids if conn.dialect.name == "sqlite" else _postgres_ids
    keep_q = select(testimonies.c.id).where(
        testimonies.c.id.in_(bindparam("ids", expanding=True)), where)
    fetch = limit * 4
    while True:
        ids = candidates(conn, terms, fetch)
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
