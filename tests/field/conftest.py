"""Helpers for field-safety tests: a filled casebook, a full dump, and a page-level decryptor.

``decrypted_pages`` decrypts every page of a SQLCipher 4 file with the raw data key (AES-256-CBC,
IV in each page's reserved tail), *including free pages*, so a test can see what someone who
forced the passphrase out of a documenter could still read from the file — not just the rows
SQL shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select

from casebook.model import Amount, Consent, Event, Evidence, Fact, Person, Record, Testimony
from casebook.model.dates import UncertainDate
from casebook.store.keys import KeyFile
from casebook.store.schema import metadata

PAGE, RESERVE, IV = 4096, 80, 16

STORIES = [
    ("Ms. Jangmi Oh left Musan in 1999 after a restaurant job offer; a broker sold her in "
     "Helong for 4,000 yuan.", "Jangmi Oh"),
    ("Ms. Jangmi Oh, second interview: she was arrested in Tumen in 2003 and sent back to "
     "Onsong.", "Jangmi Oh"),
    ("오영란 씨는 혜산에서 강을 건넜고 연길에서 팔렸다고 말했다. 값은 팔천 위안이었다.", "오영란"),
    ("Ms. Bora Ri crossed near Hyesan and was sold twice in Jilin province before escaping "
     "to Laos.", "Bora Ri"),
]
NEEDLES = ["Jangmi", "Musan", "Helong", "Onsong", "오영란", "혜산", "연길", "Bora Ri", "Laos"]


def fill(book) -> list[int]:
    """Four testimonies (two by one woman), consent of several kinds, facts of each status."""
    ids, person_of = [], {}
    for n, (text, name) in enumerate(STORIES):
        consent = Consent.of(["aggregate_statistics", "share_with:Bridge of Light"],
                             dt.date(2024, 5, n + 1))
        if n == 3:
            consent = consent.withdraw("share_with:Bridge of Light", dt.date(2025, 1, 1))
        record = Record(
            [Fact("birth_year", 1978 + n, Evidence(0, 5, text[:5]), status="accepted")],
            [Event("sale", UncertainDate(year=1999 + n, approximate=True), place="CN-JL",
                   place_text="Jilin", amount=Amount(4000 + n, "CNY", 1999 + n, 480.0 + n),
                   evidence=Evidence(6, 20, text[6:20]), status="suggested"),
             Event("arrest_china", UncertainDate(year=2003), status="rejected")],
            language="ko" if n == 2 else "en")
        testimony = Testimony(text, language=record.language, consent=consent,
                              organisation="Hanul", interviewer="I-7", file_name=f"t{n}.txt",
                              interview_date=UncertainDate(year=2024, month=5),
                              interview_place="Seoul", provenance={"format": "txt"})
        person = (Person(id=person_of[name], pseudonym=name) if name in person_of else
                  Person(pseudonym=name, surname=name.split()[-1], sex="F", birth_year=1978 + n,
                         origin_place="Hyesan", languages=[record.language], organisation="Hanul"))
        tid, _ = book.testimonies.add(testimony, person, record)
        person_of.setdefault(name, testimony.person_id)
        ids.append(tid)
    book.meta.set("team", {"name": "field team 3"})
    return ids


def dump(book, skip=("audit", "audit_head")) -> dict[str, list[tuple]]:
    """Every row of every table (ids included), in primary-key order."""
    out = {}
    with book.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def records_by_text(book) -> dict[str, dict]:
    """What a testimony *is*, independent of ids: text → person, consent, facts, metadata."""
    out = {}
    for summary in book.testimonies.all():
        t = book.testimonies.get(summary.id, purpose="test")
        person = book.persons.get(t.person_id)
        record = book.facts.record(summary.id, ["suggested", "accepted", "rejected"])
        out[t.text] = {
            "person": {k: v for k, v in person.__dict__.items() if k != "id"},
            "consent": t.consent.to_list(), "language": t.language,
            "organisation": t.organisation, "interviewer": t.interviewer,
            "interview_date": t.interview_date.to_dict() if t.interview_date else None,
            "interview_place": t.interview_place, "file_name": t.file_name,
            "facts": [f.to_dict() for f in record.facts],
            "events": [e.to_dict() for e in record.events],
        }
    return out


def decrypted_pages(db_path: Path, passphrase: str) -> bytes:
    data_key = KeyFile.load(KeyFile.path_for(db_path)).unlock(passphrase)
    data = db_path.read_bytes()
    out = []
    for offset in range(0, len(data), PAGE):
        page = data[offset:offset + PAGE]
        iv = page[PAGE - RESERVE:PAGE - RESERVE + IV]
        start = 16 if offset == 0 else 0  # page 1 begins with the salt
        dec = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
        out.append(dec.update(page[start:PAGE - RESERVE]) + dec.finalize())
    return b"".join(out)


def leaks(blob: bytes, needles=NEEDLES) -> list[str]:
    return [n for n in needles for enc in ("utf-8", "utf-16-le") if n.encode(enc) in blob]


@pytest.fixture
def helpers():
    class H:
        pass

    h = H()
    h.fill, h.dump, h.records_by_text = fill, dump, records_by_text
    h.decrypted_pages, h.leaks, h.NEEDLES, h.STORIES = decrypted_pages, leaks, NEEDLES, STORIES
    return h
