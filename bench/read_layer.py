"""Benchmark: the analysis reads of a casebook (statistics rows, linkage records, export rows).

Build a fictional SQLCipher casebook once, then time one read per process, so that two code
trees can be compared side by side with ``farm-bench --vs``:

    .venv/bin/python bench/read_layer.py build /tmp/reads.db 20000
    farm-bench -n 5 -- .venv/bin/python bench/read_layer.py read /tmp/reads.db statistics \\
        --vs 'env PYTHONPATH=/path/to/other/src .venv/bin/python bench/read_layer.py read ...'

The same script reads through ``book.read_for`` when the tree has it, and through the
per-analysis functions of ``casebook.store.reads`` of before (``publish_dataset`` …) otherwise.
"""

from __future__ import annotations

import os
import sys
import time

PASSPHRASE = "bench passphrase, fictional data only"
SCOPES = ("aggregate_statistics", "anonymous_quotation", "legal_proceedings")


def build(path: str, n: int) -> None:
    from casebook.model import (
        ACCEPTED,
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
    from casebook.store import Casebook

    with Casebook.create(path, PASSPHRASE, actor="bench") as book:
        for start in range(0, n, 500):
            entries = []
            for i in range(start, min(n, start + 500)):
                year = 1995 + i % 20
                record = Record(
                    [Fact("birth_year", 1970 + i % 25, status=ACCEPTED)],
                    [Event("border_crossing", UncertainDate(year), place="river-tumen",
                           status=ACCEPTED),
                     Event("sale", UncertainDate(year), place="cn-jilin-yanbian-yanji",
                           amount=Amount(2000 + i % 9 * 500, "CNY", year),
                           involvements=[Involvement("perpetrator", "broker",
                                                     who=f"Broker {i % 300}")],
                           status=ACCEPTED)])
                scopes = list(SCOPES[: 1 + i % 3]) if i % 10 else []
                text = f"Fictional account {i}: she crossed in {year} and was sold in Yanji."
                entries.append((Testimony(text, organisation=f"Org {i % 3}",
                                          consent=Consent.of(scopes)),
                                Person(f"P{i}", organisation=f"Org {i % 3}"), record))
            book.testimonies.add_many(entries)


def read(path: str, what: str) -> int:
    from casebook.store import Casebook

    with Casebook.open(path, PASSPHRASE, actor="bench") as book:
        new = hasattr(book, "read_for")
        if what == "statistics":
            if new:
                from casebook.publish.dataset import dataset_of

                return len(dataset_of(book.read_for("statistics")).for_statistics())
            from casebook.store.reads import publish_dataset  # type: ignore[attr-defined]

            return len(publish_dataset(book).for_statistics())
        if what == "linkage":
            if new:
                from casebook.linkage.records import person_records

                return len(person_records(book.read_for("linkage_persons")))
            from casebook.store.reads import linkage_people  # type: ignore[attr-defined]

            return len(linkage_people(book))
        if what == "export":
            from casebook.share.export import ExportRequest, collect

            return len(collect(book, ExportRequest(include_text=False)))
    raise SystemExit(f"unknown read {what!r}: statistics, linkage or export")


def main(argv: list[str]) -> None:
    os.environ.setdefault("CASEBOOK_FAST_KDF", "1")  # the key derivation is not what is timed
    if len(argv) == 3 and argv[0] == "build":
        build(argv[1], int(argv[2]))
    elif len(argv) == 3 and argv[0] == "read":
        t0 = time.perf_counter()
        n = read(argv[1], argv[2])
        print(f"{argv[2]}: {n} rows in {time.perf_counter() - t0:.2f} s")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
