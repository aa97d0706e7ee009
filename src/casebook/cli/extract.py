"""``casebook extract`` and ``eval-extract``: testimony text → records/profiles, and their scores.

Extraction reads files and writes JSON Lines to stdout only: no text of a testimony is ever
written to disk by these commands (``--out`` of ``eval-extract`` holds scores, no text).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from casebook.errors import InvalidInput

LANGS = ("auto", "en", "ko")


def _inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(source name, text) for each input: files, directories (their ``*.txt``, sorted), ``-``."""
    out: list[tuple[str, str]] = []
    for p in paths:
        if p == "-":
            out.append(("-", sys.stdin.read()))
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in (".txt",
                                                                                             ".md"))
            out.extend((f.name, _read(f)) for f in files)
        elif path.is_file():
            out.append((path.name, _read(path)))
        else:
            raise InvalidInput(f"{p}: no such file or directory")
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text ({exc.reason})") from exc


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InvalidInput(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def extract_command(
    paths: list[str] = typer.Argument(
        ..., help="Testimony files, directories of .txt files, or - for stdin."),
    profile: bool = typer.Option(False, "--profile",
                                 help="Emit the flat testimony profile instead of the record."),
    lang: str = typer.Option("auto", "--lang", help="auto | en | ko"),
) -> None:
    """Read testimonies and print one JSON object per input (JSON Lines), in input order."""
    from casebook.extract import extract
    from casebook.extract import profile as to_profile

    lang = _check_lang(lang)
    for source, text in _inputs(paths):
        record = extract(text, lang)
        if profile:
            obj = to_profile(record)
        else:
            obj = {"language": record.language,
                   "facts": [f.to_dict() for f in record.facts],
                   "events": [e.to_dict() for e in record.events]}
        obj["source"] = source
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def gold_rows(gold: Path) -> list[dict]:
    """Gold profiles, one JSON object a line, each with ``source`` (and for seed excerpts
    ``seed_file`` and ``lines`` [first, last], 1-based inclusive)."""
    rows = []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{gold}:{n}: not JSON ({exc.msg})") from exc
        if "source" not in row:
            raise InvalidInput(f"{gold}:{n}: missing 'source'")
        rows.append(row)
    return rows


def gold_text(row: dict, texts: dict[str, str]) -> str | None:
    """The text a gold row describes: a whole input, or a line range of a seed file."""
    if row.get("seed_file") and row.get("lines"):
        full = texts.get(Path(row["seed_file"]).name)
        if full is None:
            return None
        a, b = row["lines"]
        return "\n".join(full.splitlines()[a - 1:b])
    return texts.get(row["source"])


def eval_command(
    gold: Path = typer.Argument(..., help="Gold profiles (JSON Lines with 'source')."),
    texts: list[str] = typer.Argument(...,
                                      help="Testimony files or directories the gold rows name."),
    out: Path | None = typer.Option(None, "--out",
                                    help="Also write the scores as JSON to this file."),
    lang: str = typer.Option("auto", "--lang", help="auto | en | ko"),
    force: bool = typer.Option(False, "--force", help="Replace an existing --out file."),
) -> None:
    """Per-key precision/recall/F1 of extracted profiles against gold profiles."""
    from casebook.extract import extract
    from casebook.extract import profile as to_profile
    from casebook.extract.evaluate import evaluate, table

    lang = _check_lang(lang)
    if out is not None:
        from casebook.files import check_output

        check_output(out, force=force)
    if not gold.is_file():
        raise InvalidInput(f"{gold}: no such gold file")
    available = dict(_inputs(texts))
    pairs, missing = [], []
    for row in gold_rows(gold):
        text = gold_text(row, available)
        if text is None:
            missing.append(row["source"])
            continue
        pairs.append((row, to_profile(extract(text, lang))))
    if not pairs:
        raise InvalidInput(f"{gold}: none of its sources are among the given texts")
    result = evaluate(pairs)
    result["missing"] = missing
    typer.echo(table(result))
    if missing:
        typer.echo(f"skipped {len(missing)} gold rows without text: {', '.join(missing[:5])}"
                   + (" …" if len(missing) > 5 else ""), err=True)
    if out is not None:
        from casebook.files import write_output

        write_output(out, json.dumps(result, indent=2) + "\n", force=force)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    app.command("eval-extract")(eval_command)
