"""The demo casebook: the bundled fictional testimonies, imported, extracted and reviewed.

In the demo every suggested fact is accepted automatically so that statistics have something
to count; with real testimonies a reviewer does that, fact by fact (`casebook review`).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from casebook.demo_cases import add_demo_cases
from casebook.errors import InvalidInput
from casebook.intake.pipeline import ImportResult, default_extractor, import_item
from casebook.intake.readers import read_file
from casebook.model import ACCEPTED, SUGGESTED, Event, Fact
from casebook.store import Casebook, KeyFile

DEMO_SEARCHES = ("연길", "sold")


@dataclass
class DemoResult:
    book_path: Path
    passphrase: str
    generated_passphrase: bool
    imported: ImportResult
    accepted: int
    searches: dict[str, list] = field(default_factory=dict)


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
          progress=None) -> DemoResult:
    """(Re)build the demo casebook at ``out`` from ``corpus_dir/testimonies``."""
    texts = corpus_dir / "testimonies"
    files = sorted(texts.glob("*.txt"))
    if not files:
        raise InvalidInput(f"{texts}: no demo testimonies found (run from the repository root)")
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
        searches = {q: book.testimonies.search(q, limit=5) for q in DEMO_SEARCHES}
        add_demo_cases(book)
    return DemoResult(out, passphrase, generated, result, accepted, searches)
