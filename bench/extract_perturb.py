"""Extraction under layout changes that keep the meaning: how brittle is it to the way text arrives?

The same real accounts are re-laid out the ways testimonies reach a documenter (one paragraph, a
line per sentence, hard-wrapped with or without blank lines, a running header between pages,
straight quotes, CRLF, trailing spaces, decomposed Hangul) and each reading's mean profile F1 is
printed beside the plain text's. A drop names a class of input the extractor does not read yet;
none of these changes a fact. Only scores are printed (the texts are copyrighted).

Usage: .venv/bin/python bench/extract_perturb.py [SET_DIR ...]
  (default: ../shared/research/real-accounts; a SET_DIR holds gold.jsonl and texts/)
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

from set_texts import accounts

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "research" / "real-accounts"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
HEADER = "Personal Accounts of Women in China   {n}   Testimonies"


def _paras(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _wrap(text: str, width: int, blank: bool, header: bool = False) -> str:
    lines: list[str] = []
    for p in _paras(text):
        lines += textwrap.wrap(p, width) + ([""] if blank else [])
    if header:  # a running header and page number every 40 lines, as a PDF page break leaves
        for n, at in enumerate(range(40, len(lines), 41), start=2):
            lines.insert(at, HEADER.format(n=n))
    return "\n".join(lines)


PERTURB: dict[str, Callable[[str], str]] = {
    "plain": lambda t: t,
    "one paragraph": lambda t: " ".join(_paras(t)),
    "a line per sentence": lambda t: "\n".join(
        s for p in _paras(t) for s in SENTENCE.split(p)),
    "a paragraph per sentence": lambda t: "\n\n".join(
        s for p in _paras(t) for s in SENTENCE.split(p)),
    "single newlines": lambda t: "\n".join(_paras(t)),
    "wrapped 80, blank lines": lambda t: _wrap(t, 80, True),
    "wrapped 80, no blank lines": lambda t: _wrap(t, 80, False),
    "wrapped 100 + page headers": lambda t: _wrap(t, 100, True, header=True),
    "straight quotes": lambda t: t.translate(str.maketrans("“”‘’", "\"\"''")),
    "CRLF + trailing spaces": lambda t: t.replace("\n", " \r\n"),
    "decomposed (NFD)": lambda t: unicodedata.normalize("NFD", t),
}


def main(dirs: list[Path]) -> None:
    for base in dirs:
        rows: dict[str, dict[str, list]] = {}
        for gold, lang, text in accounts(base):
            for name, change in PERTURB.items():
                rows.setdefault(lang, {}).setdefault(name, []).append(
                    (gold, profile(extract(change(text)))))
        for lang, by_name in sorted(rows.items()):
            plain = evaluate(by_name["plain"])
            print(f"{base.resolve().name} [{lang}] ({len(by_name['plain'])} accounts)")
            for name, pairs in by_name.items():
                res = evaluate(pairs)
                worse = [k for k, v in res["keys"].items()
                         if v["f1"] is not None and plain["keys"][k]["f1"] is not None
                         and v["f1"] < plain["keys"][k]["f1"] - 1e-9]
                print(f"  {name:<28} mean F1 {res['mean_f1']:.3f}"
                      + (f"   lower: {', '.join(worse)}" if worse else ""))


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [DEFAULT])
