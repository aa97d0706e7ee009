"""``book.persons``: the women (and others) the testimonies are about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select

from casebook.errors import InvalidInput, NotFound
from casebook.model import Person
from casebook.store.rows import chunks, now, person_values, to_person
from casebook.store.schema import persons

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


class Persons:
    """Add and read person records (pseudonyms, never real names by design)."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def add(self, person: Person) -> int:
        """Store a person on her own (testimonies usually bring theirs); returns her id."""
        with self._book.engine.begin() as conn:
            audit_items: list[tuple[str, str | None, Any]] = []
            insert_persons(conn, [person], audit_items)
            self._book._audit_many(conn, audit_items)
        assert person.id is not None
        return person.id

    def get(self, person_id: int) -> Person:
        """One person (NotFound for an unknown id)."""
        with self._book.engine.connect() as conn:
            return get_person(conn, person_id)

    def all(self) -> list[Person]:
        """Every person, oldest first."""
        with self._book.engine.connect() as conn:
            return [to_person(r) for r in conn.execute(select(persons).order_by(persons.c.id))]

    def by_id(self, ids: list[int]) -> dict[int, Person]:
        """These persons (missing ids are left out), in a few queries."""
        out: dict[int, Person] = {}
        with self._book.engine.connect() as conn:
            for chunk in chunks(sorted(set(ids))):
                out.update((r.id, to_person(r))
                           for r in conn.execute(select(persons).where(persons.c.id.in_(chunk))))
        return out


def get_person(conn: Connection, person_id: int) -> Person:
    row = conn.execute(select(persons).where(persons.c.id == person_id)).first()
    if row is None:
        raise NotFound(f"person {person_id}: no such person")
    return to_person(row)


def insert_persons(conn: Connection, people: list[Person | None],
                   audit_items: list[tuple[str, str | None, Any]]) -> None:
    """Insert the persons not stored yet (each once, even if she told several testimonies)."""
    todo: dict[int, Person] = {}
    for person in people:
        if person is not None and person.id is None:
            if not person.pseudonym or not person.pseudonym.strip():
                raise InvalidInput("person: a pseudonym is required")
            todo.setdefault(id(person), person)
    if not todo:
        return
    created = now()
    rows = conn.execute(insert(persons).returning(persons.c.id, sort_by_parameter_order=True), [
        {**person_values(p), "created_at": created} for p in todo.values()]).all()
    for person, (pid,) in zip(todo.values(), rows, strict=True):
        person.id = pid
        audit_items.append(("add_person", f"person:{pid}", None))
