"""The demo casebook: the bundled fictional testimonies, imported, extracted and reviewed, plus
a synthetic cohort of fictional persons so that statistics, estimates and linkage show what
they are for.

In the demo every suggested fact is accepted automatically so that statistics have something
to count; with real testimonies a reviewer does that, fact by fact (`casebook review`). The
synthetic cohort (:mod:`casebook.synthetic`) is stored as accepted facts directly; each of its
records says it is synthetic (pseudonym, text, provenance).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from casebook.demo_cases import add_demo_cases
from casebook.errors import InvalidInput
from casebook.intake.pipeline import ImportResult, default_extractor, import_item
from casebook.intake.readers import read_file
from casebook.model import (
    ACCEPTED,
    SUGGESTED,
    Consent,
    Event,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import AGGREGATE_STATISTICS
from casebook.store import Casebook, KeyFile
from casebook.synthetic.cohort import INTERVIEW_PLACE

DEMO_SEARCHES = ("연길", "sold")
# The fictional demo corpus ships inside the package, so `casebook demo` works wherever it is
# installed; the repository's demo/ folder links to it.
DEMO_CORPUS = Path(str(files("casebook").joinpath("demo_corpus")))


@dataclass
class DemoResult:
    book_path: Path
    passphrase: str
    generated_passphrase: bool
    imported: ImportResult
    accepted: int
    searches: dict[str, list] = field(default_factory=dict)
    synthetic_persons: int = 0
    synthetic_records: int = 0
    reused: bool = False


def passphrase_file_for(out: Path) -> Path:
    """Where a generated demo passphrase is kept for the next run (fictional data only)."""
    return out.with_name(out.name + ".passphrase")


def keep(out: Path, corpus_dir: Path, passphrase: str | None, *, rebuild: bool = False,
         progress=None) -> DemoResult:
    """The demo casebook at ``out``: opened as it is when it exists (with the passphrase given
    or the one kept beside it), built when it does not or when ``rebuild`` asks for it."""
    kept = passphrase_file_for(out)
    if out.exists() and not rebuild:
        if passphrase is None and kept.is_file():
            passphrase = kept.read_text(encoding="utf-8").strip()
        if not passphrase:
            raise InvalidInput(f"{out}: a demo casebook is already there and its passphrase is "
                               "not known; set CASEBOOK_PASSPHRASE to it, or add --rebuild to "
                               "build the demo anew")
        with Casebook.open(str(out), passphrase, actor="demo") as book:
            searches = {q: book.testimonies.search(q, limit=5) for q in DEMO_SEARCHES}
        return DemoResult(out, passphrase, False, ImportResult(), 0, searches, reused=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    result = build(out, corpus_dir, passphrase, progress)
    kept.unlink(missing_ok=True)
    if result.generated_passphrase:
        fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(result.passphrase + "\n")
    return result


def load_manifest(corpus_dir: Path) -> dict[str, dict]:
    """``corpus.jsonl``: the metadata (pseudonym, organisation, consent…) of each demo file."""
    manifest = corpus_dir / "corpus.jsonl"
    if not manifest.exists():
        return {}
    rows = {}
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{manifest}: line {n} is not JSON ({exc})") from None
            rows[row["file"]] = row
    return rows


def build(out: Path, corpus_dir: Path, passphrase: str | None,
          progress=None, synthetic: bool = True) -> DemoResult:
    """(Re)build the demo casebook at ``out`` from ``corpus_dir/testimonies``, and (unless
    ``synthetic`` is False) add the synthetic cohort."""
    texts = corpus_dir / "testimonies"
    files = sorted(texts.glob("*.txt"))
    if not files:
        raise InvalidInput(f"{texts}: no demo testimonies there; leave out --corpus to use the "
                           "ones installed with Casebook")
    for stale in (out, KeyFile.path_for(out), out.with_name(out.name + "-wal"),
                  out.with_name(out.name + "-shm")):
        stale.unlink(missing_ok=True)
    generated = not passphrase
    passphrase = passphrase or "-".join(secrets.token_hex(3) for _ in range(4))
    manifest = load_manifest(corpus_dir)
    result = ImportResult()
    extractor = default_extractor()
    accepted = 0
    with Casebook.create(str(out), passphrase, actor="demo") as book:
        for path in files:
            for item in read_file(path):
                item.metadata = {k: v for k, v in manifest.get(path.name, {}).items()
                                 if k not in ("file", "same_person_as")}
                import_item(book, item, result, None, extractor)
            if progress:
                progress(path.name)
        for tid in result.added:
            suggested = book.facts.record(tid, [SUGGESTED])
            stored: list[Fact | Event] = [*suggested.facts, *suggested.events]
            for fact in stored:
                assert fact.id is not None  # a stored fact has an id
                book.facts.set_status(fact.id, ACCEPTED)
                accepted += 1
        persons, records = add_synthetic_cohort(book) if synthetic else (0, 0)
        searches = {q: book.testimonies.search(q, limit=5) for q in DEMO_SEARCHES}
        add_demo_cases(book)
    return DemoResult(out, passphrase, generated, result, accepted, searches, persons, records)


def add_synthetic_cohort(book: Casebook, seed: int | None = None,
                         population: int | None = None) -> tuple[int, int]:
    """Store the synthetic cohort: one person each, one testimony per organisation that
    recorded her, accepted facts on each. Returns (persons, testimonies) added."""
    from casebook.synthetic import cohort, parameters, text_of

    params = parameters()
    entries: list[tuple[Testimony, Person | None, Record | None]] = []
    people = cohort(seed, population)
    for person in people:
        first = person.tellings[0]
        stored = Person(pseudonym=person.pseudonym, surname=person.surname, sex="F",
                        birth_year=person.birth_year, organisation=first.organisation,
                        kind="synthetic")
        for n, telling in enumerate(person.tellings):
            scopes = [AGGREGATE_STATISTICS] if person.consents_to_statistics else []
            testimony = Testimony(
                text=text_of(person, telling), language=telling.language,
                interview_date=UncertainDate(telling.interview_year),
                interview_place=INTERVIEW_PLACE[telling.organisation],
                interviewer=f"{''.join(w[0] for w in telling.organisation.split())}-"
                            f"{person.number % 7 + 1:02d}",
                organisation=telling.organisation,
                file_name=f"synthetic/{person.pseudonym.split()[0]}-{n + 1}.txt",
                provenance={"synthetic": True, "generator": "casebook.synthetic.cohort",
                            "cohort_version": params["version"],
                            "seed": params["seed"] if seed is None else seed},
                consent=Consent.of(scopes),
            )
            entries.append((testimony, stored, telling.record))
    book.testimonies.add_many(entries)
    return len(people), len(entries)
