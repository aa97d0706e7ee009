"""Tables that teams already keep: .xlsx, .ods and .csv coding sheets, read in memory.

The workbook is parsed from bytes held in memory (python-calamine for .xlsx/.xls/.ods, the
standard ``csv`` module for .csv/.tsv): nothing is unpacked or converted on disk. Every cell
becomes text (whole numbers without ".0", dates as ISO), and every problem is reported as one
line that names the file, the sheet, the row and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.errors import InvalidInput
from casebook.files import read_input
from casebook.intake.readers import MAX_FILE_BYTES, _check_unpacked_size, decode_text

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xls"}
CSV_SUFFIXES = {".csv", ".tsv"}
SHEET_SUFFIXES = WORKBOOK_SUFFIXES | CSV_SUFFIXES
MAX_ROWS = 200_000
MAX_COLUMNS = 500


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class Row:
    """One data row: its number as the spreadsheet shows it, and its cells as text."""

    number: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """A table read from a file: headers (unique, never empty) and rows below them."""

    file: str
    name: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)

    def where(self, row: int | None = None, header: str | None = None) -> str:
        """"file, sheet 'X', row 5, column C (출생년도)" — for error lines."""
        parts = [Path(self.file).name]
        if self.name:
            parts.append(f"sheet {self.name!r}")
        if row is not None:
            parts.append(f"row {row}")
        if header is not None and header in self.headers:
            parts.append(f"column {column_letter(self.headers.index(header))} ({header})")
        return ", ".join(parts)

    def samples(self, header: str, limit: int = 200) -> list[str]:
        """Distinct non-empty values of a column, most frequent first."""
        counts: dict[str, int] = {}
        for r in self.rows:
            v = r.cells.get(header, "").strip()
            if v:
                counts[v] = counts.get(v, 0) + 1
        return sorted(counts, key=lambda v: (-counts[v], v))[:limit]


def cell_text(value: Any) -> str:
    """A cell as text: 1979.0 → "1979", dates → ISO, booleans → "true"/"false"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a CSV file has one, unnamed)."""
    if path.suffix.lower() in CSV_SUFFIXES:
        return [""]
    names, _, _ = _workbook_cells(path, read_input(path, MAX_FILE_BYTES), None, cells=False)
    return names


def read_sheet(path: Path, sheet: str | None = None, header_row: int | None = None) -> Sheet:
    """Read one sheet (the first when ``sheet`` is None) of an .xlsx/.ods/.csv file.

    ``header_row`` is the 1-based row holding the column names; by default the first row
    with at least two filled cells (a title line above the table is skipped).
    """
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise InvalidInput(f"{path}: not a spreadsheet ({suffix or 'no suffix'}); "
                           f"use one of {', '.join(sorted(SHEET_SUFFIXES))}")
    data = read_input(path, MAX_FILE_BYTES)
    if suffix in CSV_SUFFIXES:
        grid, name = _csv_grid(data, str(path), delimiter="\t" if suffix == ".tsv" else None), ""
    else:
        names, name, cells = _workbook_cells(path, data, sheet)
        if not names:
            raise InvalidInput(f"{path}: the workbook has no sheets")
        if cells is None:
            raise InvalidInput(f"{path}: no sheet named {name!r} (sheets: {', '.join(names)})")
        grid = cells
    return _table(str(path), name, [[cell_text(c) for c in r] for r in grid], header_row)


WORKBOOK_SECONDS = 60  # a damaged .ods can make calamine loop for ever (tests/reliability)


def _workbook_cells(path: Path, data: bytes, sheet: str | None, cells: bool = True,
                    ) -> tuple[list[str], str, list[list[Any]] | None]:
    """(sheet names, the sheet asked for or the first, its cells or None when it is not
    there), read by calamine in a process of its own with a time limit
    (:mod:`casebook.intake.workbook_child`): Rust code cannot be interrupted."""
    _check_zip(path, data)
    outcome, value = child_answer(path, data, sheet, cells)
    if outcome == "open":
        raise InvalidInput(f"{path}: not a readable {path.suffix} workbook (damaged, password-"
                           "protected or another format?)")
    if outcome == "cells":
        raise InvalidInput(f"{path}, sheet {value!r}: cannot read the cells (damaged file?)")
    names, name, grid = value
    return names, name, grid


def _child_answer(path: Path, data: bytes, sheet: str | None, cells: bool) -> tuple[str, Any]:
    """:func:`casebook.intake.workbook_child.read`'s answer, from a process of its own."""
    args = [sys.executable, "-m", "casebook.intake.workbook_child", json.dumps(sheet),
            "cells" if cells else "names"]
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=WORKBOOK_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired:
        raise InvalidInput(f"{path}: reading the workbook took over {WORKBOOK_SECONDS} s "
                           "(damaged?); save it again, or as .csv") from None
    if done.returncode != 0:  # the reader itself failed: never its stderr (it may quote cells)
        raise InvalidInput(f"{path}: not a readable {path.suffix} workbook (damaged?)")
    answer: tuple[str, Any] = pickle.loads(done.stdout)  # our own child's answer
    return answer


# The soak fuzzer, already a watched process of its own, swaps in the reader in-process
# (bench/soak/fuzz_importers.py): the same code without a process start per file.
child_answer = _child_answer


def _check_zip(path: Path, data: bytes) -> None:
    if path.suffix.lower() != ".xls":  # xlsx and ods are zip files: refuse zip bombs first
        try:
            _check_unpacked_size(zipfile.ZipFile(io.BytesIO(data)), str(path))
        except InvalidInput:
            raise
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError,
                NotImplementedError):
            raise InvalidInput(f"{path}: not a valid {path.suffix} workbook (damaged, or "
                               "saved in another format?)") from None


def _csv_grid(data: bytes, name: str, delimiter: str | None = None) -> list[list[str]]:
    text = decode_text(data, name)
    if delimiter is None:  # Uwazi accepts "," and ";": take the one the header line uses
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise InvalidInput(f"{name}: not valid CSV ({exc})") from None


def _table(file: str, name: str, grid: list[list[str]], header_row: int | None) -> Sheet:
    where = Path(file).name + (f", sheet {name!r}" if name else "")
    if header_row is None:
        header_row = next((i + 1 for i, r in enumerate(grid) if sum(1 for c in r if c) >= 2), 1)
    if header_row < 1 or header_row > len(grid):
        raise InvalidInput(f"{where}: no header row {header_row} (the sheet has {len(grid)} rows)")
    if len(grid) - header_row > MAX_ROWS:
        raise InvalidInput(f"{where}: more than {MAX_ROWS:,} rows; split the sheet")
    raw = grid[header_row - 1]
    width = max((len(r) for r in grid[header_row - 1:]), default=0)
    if width > MAX_COLUMNS:
        raise InvalidInput(f"{where}: more than {MAX_COLUMNS} columns")
    headers: list[str] = []
    for i in range(width):
        h = " ".join((raw[i] if i < len(raw) else "").split()) or f"column {column_letter(i)}"
        base, n = h, 2
        while h in headers:
            h, n = f"{base} ({n})", n + 1
        headers.append(h)
    sheet = Sheet(file, name, headers)
    for number, r in enumerate(grid[header_row:], start=header_row + 1):
        cells = {headers[i]: v for i, v in enumerate(r) if v}
        if cells:
            sheet.rows.append(Row(number, cells))
    if not headers:
        raise InvalidInput(f"{where}: the sheet is empty")
    return sheet
