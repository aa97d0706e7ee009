"""The interoperability side of `casebook import` and `export`, and `casebook uwazi-template`.

`casebook import` hands over here when a file needs a mapping (a coding sheet, an Uwazi CSV),
is an HTCDS file, or holds many testimonies to split; `casebook export` when the format is
htcds or uwazi. The commands themselves stay thin; the work is in ``casebook.intake`` and
``casebook.exchange``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from casebook.cli.common import console, err, print_json
from casebook.errors import AlreadyExists, InvalidInput
from casebook.files import write_output

IMPORT_FORMATS = ("auto", "sheet", "uwazi", "htcds")


def wants_interop(paths: list[Path], map_path: Path | None, plan: bool, fmt: str,
                  split: bool) -> bool:
    """Does this import need the interoperability path rather than the plain file import?"""
    from casebook.intake.sheets import WORKBOOK_SUFFIXES

    if fmt not in IMPORT_FORMATS:
        raise InvalidInput(f"--format: {fmt!r} is not one of {', '.join(IMPORT_FORMATS)}")
    if map_path or plan or split or fmt != "auto":
        return True
    return any(p.suffix.lower() in WORKBOOK_SUFFIXES for p in paths) or \
        any(p.suffix.lower() == ".csv" and _is_uwazi_template(p) for p in paths)


def _is_uwazi_template(path: Path) -> bool:
    from casebook.exchange.uwazi import is_casebook_template
    from casebook.intake.sheets import read_sheet

    try:
        return is_casebook_template(read_sheet(path).headers)
    except InvalidInput:
        return False


def plan(path: Path, out: Path | None, fmt: str, sheet: str | None, header_row: int | None,
         json_out: bool) -> None:
    """Propose a mapping for a coding sheet and write it (no casebook is opened)."""
    from casebook.intake.plan import propose, render_plan
    from casebook.intake.sheets import read_sheet

    fmt = "uwazi" if fmt == "uwazi" else "sheet"
    table = read_sheet(path, sheet, header_row)
    plans = propose(table, fmt, header_row)
    target = out or path.with_name(path.stem + ".mapping.toml")
    if target.exists():
        raise AlreadyExists(f"{target}: already exists; edit it, delete it, or give "
                            "--map ANOTHER.toml to write the proposal elsewhere")
    write_output(target, render_plan(plans, table, fmt, header_row, path.name), option="--map")
    undecided = sum(1 for p in plans for v in p.values.values() if not v)
    if json_out:
        print_json({"mapping": str(target), "columns": {p.header: p.to for p in plans},
                    "undecided_values": undecided})
        return
    t = Table("column", "→ target", "why", "values ✓/?")
    for p in plans:
        done = sum(1 for v in p.values.values() if v)
        t.add_row(p.header, p.to, p.why, f"{done}/{len(p.values) - done}" if p.values else "")
    console.print(t)
    console.print(f"Wrote the proposed mapping to [bold]{target}[/] ({len(table.rows)} rows, "
                  f"{undecided} values undecided). Check it, then run:\n"
                  f"  casebook import {path} --map {target}", soft_wrap=True, highlight=False)


def import_files(book: Any, paths: list[Path], map_path: Path | None, fmt: str,
                 sheet: str | None, header_row: int | None, defaults: dict[str, Any],
                 extractor: Any) -> list[dict]:
    """Import coding sheets / Uwazi / HTCDS files; each file all-or-nothing."""
    from casebook.exchange import htcds, uwazi
    from casebook.intake.mapping import load_mapping
    from casebook.intake.sheets import read_sheet
    from casebook.intake.spreadsheet import SheetImport, import_sheet, prepare_rows, store_prepared

    summaries = []
    mapping = load_mapping(map_path) if map_path else None
    for path in paths:
        if fmt == "htcds":
            table, prepared = htcds.import_prepared(path, defaults, sheet)
            summary = store_prepared(book, prepared, SheetImport(str(path), table.name))
        elif mapping is None:
            table = read_sheet(path, sheet, header_row)
            if fmt in ("auto", "uwazi") and uwazi.is_casebook_template(table.headers):
                prepared = prepare_rows(table, uwazi.builtin_mapping(table.headers), defaults,
                                        extractor, "uwazi")
                summary = store_prepared(book, prepared, SheetImport(str(path), table.name))
            else:
                raise InvalidInput(f"{path}: a coding sheet needs a mapping: run "
                                   f"`casebook import {path} --plan` and then --map the file it "
                                   "writes")
        else:
            if fmt in ("uwazi", "sheet"):
                mapping.format = fmt
            summary = import_sheet(book, path, mapping, defaults, extractor)
        summaries.append(summary.to_dict() | {"_obj": summary})
    return summaries


def print_summaries(summaries: list[dict], json_out: bool) -> None:
    if json_out:
        print_json([{k: v for k, v in s.items() if k != "_obj"} for s in summaries])
        return
    for s in summaries:
        obj = s["_obj"]
        where = Path(obj.file).name + (f", sheet {obj.sheet!r}" if obj.sheet else "")
        console.print(f"{where}: {obj.rows} rows → {len(obj.added)} testimonies added, "
                      f"{len(obj.duplicates)} already present, {obj.facts} suggested facts "
                      "to review.")
        if obj.dropped_columns:
            console.print("  dropped by the mapping (not stored): "
                          + ", ".join(obj.dropped_columns))
        if obj.without_consent:
            err.print(f"  [yellow]{len(obj.without_consent)} rows have no consent recorded[/]: "
                      "they appear in no output until consent is granted "
                      f"(rows {', '.join(map(str, obj.without_consent[:20]))}"
                      f"{'…' if len(obj.without_consent) > 20 else ''}).")
        if obj.unmapped:
            err.print(f"  {len(obj.unmapped)} values not turned into facts (kept in each "
                      "testimony's text; map them in the mapping file or in review):")
            for u in obj.unmapped[:50]:
                err.print(f"    {u.line()}", markup=False, highlight=False)
            if len(obj.unmapped) > 50:
                err.print(f"    … and {len(obj.unmapped) - 50} more (--json lists all)")


def split_preview(path: Path) -> tuple[str, list]:
    """Read a .docx/.pdf and find its accounts; print the preview."""
    from casebook.intake.readers import read_file
    from casebook.intake.split import split_accounts

    if path.suffix.lower() not in (".docx", ".pdf", ".txt", ".md"):
        raise InvalidInput(f"{path}: --split reads .docx, .pdf, .txt or .md files")
    text = read_file(path)[0].text
    accounts, preamble = split_accounts(text)
    if not accounts:
        raise InvalidInput(f"{path}: found no account headers (\"Case 3: Ms. Kim, born 1975\", "
                           "\"구술자: … / 출생: 1979년\"); import it as one testimony "
                           "without --split")
    t = Table("#", "header", "characters", "surname", "born")
    for n, a in enumerate(accounts, start=1):
        t.add_row(str(n), a.header, str(a.end - a.start), a.surname or "", str(a.birth_year or ""))
    console.print(t)
    if preamble:
        console.print(f"{preamble} characters before the first header are left out "
                      "(a report's introduction, not anyone's account).")
    return text, accounts


def confirm_split(count: int, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(f"--split found {count} accounts; nothing stored. Check the preview, "
                           "then run again with --yes to store them")
    if not typer.confirm(f"Store these {count} accounts as {count} testimonies?", default=False):
        raise typer.Exit(1)


def store_split(book: Any, path: Path, text: str, accounts: list, defaults: dict[str, Any],
                extractor: Any) -> Any:
    from casebook.intake.pipeline import ImportResult, _flush, describe
    from casebook.intake.readers import ImportItem

    result = ImportResult()
    pending = []
    for n, a in enumerate(accounts, start=1):
        item = ImportItem(text[a.start:a.end].strip(), f"{path.name}#account-{n}",
                          {}, path.suffix.lstrip(".").lower())
        testimony, person = describe(item, defaults)
        testimony.provenance["account"] = n
        record = extractor(testimony.text, testimony.language) if extractor else None
        pending.append((item, testimony, person, record))
    _flush(book, pending, result)  # one transaction: every account or none
    return result


# ----------------------------------------------------------------------------- export

def export_bytes(book: Any, fmt: str, request: Any) -> tuple[bytes, str]:
    """The export file's content and the line that says what it holds."""
    from casebook.exchange import htcds, uwazi

    if fmt == "htcds":
        result = htcds.export_rows(book, request)
        note = f"{len(result.rows)} survivors (HTCDS victim rows)"
        if result.kanon:
            k = result.kanon
            note += (f", k-anonymised (k={k['k']}): {k['left_out']} left out, "
                     f"{sum(k['redacted_cells'].values())} values redacted")
        return result.to_csv(), note
    data, count = uwazi.export_csv(book, request)
    return data, f"{count} testimonies (Uwazi entities)"


def uwazi_template(
    out: Annotated[Path, typer.Option(
        "--out", help="Folder to write the thesauri and template into.")],
) -> None:
    """Write Casebook's Uwazi template and thesauri (CSV, English and Korean) for Uwazi's import.

    They hold vocabulary labels only, no records. Example: casebook uwazi-template --out uwazi/
    """
    from casebook.exchange.uwazi import template_markdown, thesauri_csv

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in {**thesauri_csv(), "template.md": template_markdown().encode()}.items():
        target = out / name
        if target.exists():
            raise AlreadyExists(f"{target}: already exists; choose an empty folder")
        write_output(target, data, mode=0o644)  # vocabulary labels only, no records
        written.append(name)
    console.print(f"Wrote {len(written)} files to {out}: " + ", ".join(written))


def register(app: typer.Typer) -> None:
    app.command("uwazi-template")(uwazi_template)


MapOption = Annotated[Path | None, typer.Option(
    "--map", help="Mapping file for a coding sheet or Uwazi CSV (write one with --plan).")]
PlanOption = Annotated[bool, typer.Option(
    "--plan", help="Propose a mapping from the sheet's headers and values; write it (to --map "
                   "or FILE.mapping.toml) and import nothing.")]
FormatOption = Annotated[str, typer.Option(
    "--format", help="auto, sheet (coding sheet), uwazi (Uwazi CSV) or htcds (HTCDS rows).")]
SheetOption = Annotated[str | None, typer.Option(
    "--sheet", help="Sheet to read (default: the first).")]
HeaderRowOption = Annotated[int | None, typer.Option(
    "--header-row", help="Row holding the column names (default: the first filled row).")]
SplitOption = Annotated[bool, typer.Option(
    "--split", help="The .docx/.pdf holds many testimonies: split at each account's header "
                    "(preview first).")]
YesOption = Annotated[bool, typer.Option("--yes", help="Store what --split found without asking.")]
