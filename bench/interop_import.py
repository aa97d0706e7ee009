"""Coding-sheet import speed: python-calamine (what Casebook reads with) against openpyxl's
read-only mode (the peer reader) on the same generated .xlsx, then the whole import.

Run: .venv/bin/python bench/interop_import.py [ROWS]   (default 5,000 rows; fictional content)
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from interop.sheet_files import KOREAN_HEADERS, KOREAN_ROWS, write_xlsx

from casebook.intake.mapping import load_mapping
from casebook.intake.plan import propose, render_plan
from casebook.intake.sheets import read_sheet
from casebook.intake.spreadsheet import import_sheet, prepare_rows
from casebook.store import Casebook

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000


def openpyxl_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def timed(fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


with tempfile.TemporaryDirectory() as tmp:
    rows = [[f"HN-{n:05d}", *r[1:]] for n in range(ROWS) for r in [KOREAN_ROWS[n % 4]]]
    path = write_xlsx(Path(tmp) / "big.xlsx", rows=rows)
    ours = timed(lambda: read_sheet(path))
    peer = timed(lambda: openpyxl_read(path))
    print(f"read {ROWS:,} rows x {len(KOREAN_HEADERS)} columns: calamine {ours * 1000:.0f} ms, "
          f"openpyxl read-only {peer * 1000:.0f} ms (median of 5; ratio {peer / ours:.1f}x)")
    sheet = read_sheet(path)
    mapfile = Path(tmp) / "m.toml"
    mapfile.write_text(render_plan(propose(sheet), sheet, "sheet", None, "big.xlsx"), "utf-8")
    mapping = load_mapping(mapfile)
    start = time.perf_counter()
    prepared = prepare_rows(sheet, mapping)
    prep = time.perf_counter() - start
    book = Casebook.create(str(Path(tmp) / "cb.db"), "bench pass", actor="bench")
    start = time.perf_counter()
    summary = import_sheet(book, path, mapping)
    total = time.perf_counter() - start
    book.close()
    print(f"map {len(prepared):,} rows: {prep:.2f} s; whole import into SQLCipher "
          f"(read, map, store {summary.facts:,} suggested facts in one transaction): {total:.2f} s "
          f"({ROWS / total:,.0f} rows/s)")
