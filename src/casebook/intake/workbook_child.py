"""Read a workbook's cells with calamine, in a process of its own (``sheets._workbook_cells``).

python-calamine never returned on one damaged .ods the soak fuzzer made (issue 22), and Rust
code cannot be interrupted from Python: the caller runs this module with a time limit and
kills it. Input: the file's bytes on stdin, the sheet name (or nothing) and "cells"/"names" as
arguments (the name as JSON). Output on stdout: a pickle of ("ok", (names, name, cells or None)) or
("open" | "cells", sheet name). Imports only calamine, so it starts in a fraction of a second.
"""

from __future__ import annotations

import io
import json
import pickle
import sys
from typing import Any


def read(data: bytes, sheet: str | None, cells: bool) -> tuple[str, Any]:
    from python_calamine import CalamineError, CalamineWorkbook

    errors = (CalamineError, ValueError, OSError, TypeError, RuntimeError)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [str(n) for n in book.sheet_names]
    except errors:
        return "open", None
    name = (names[0] if names else "") if sheet is None else sheet
    if not cells or name not in names:
        return "ok", (names, name, None)
    try:
        return "ok", (names, name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    except errors:  # calamine's own errors on damaged parts
        return "cells", name


def main() -> None:
    sheet = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None  # null: the first sheet
    cells = len(sys.argv) <= 2 or sys.argv[2] == "cells"
    result = read(sys.stdin.buffer.read(), sheet, cells)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    main()
