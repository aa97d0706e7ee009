"""Extraction on PDF text: the same real accounts typeset as PDFs and read back, against their plain text.

The hidden interview set is text taken from PDFs, while most development texts are web pages.
This typesets each account (A4, a running title, page numbers, justified and hyphenated, in one
or two columns) with WeasyPrint, reads the PDF back with Casebook's own reader (pypdf) and,
when poppler is installed, with ``pdftotext``, and prints the mean profile F1 of each reading
beside the plain text's. Everything stays in memory (pdftotext reads and writes pipes).

Usage: .venv/bin/python bench/extract_pdf.py [SET_DIR ...]
  (default: ../shared/research/real-accounts; a SET_DIR holds gold.jsonl and texts/)
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path

import weasyprint
from set_texts import accounts

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate
from casebook.intake.readers import read_pdf

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "research" / "real-accounts"
CSS = """@page { size: A4; margin: 2.2cm 2cm;
  @top-center { content: "Testimonies of North Korean Women in China"; font-size: 8pt }
  @bottom-center { content: counter(page); font-size: 9pt } }
body { font-family: 'Noto Serif CJK KR', serif; font-size: 10.5pt; text-align: justify;
  hyphens: auto; line-height: 1.35 } p { margin: 0 0 0.6em 0 }"""


def typeset(text: str, lang: str, columns: int) -> bytes:
    paras = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paras)
    css = CSS + (" body { column-count: 2; column-gap: 0.8cm }" if columns == 2 else "")
    doc = f"<html lang='{lang}'><style>{css}</style><body>{body}</body></html>"
    return weasyprint.HTML(string=doc).write_pdf()


def pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def readings(text: str, lang: str) -> dict[str, str]:
    one, two = typeset(text, lang, 1), typeset(text, lang, 2)
    out = {"plain": text, "pypdf, 1 column": read_pdf(one, "account.pdf"),
           "pypdf, 2 columns": read_pdf(two, "account.pdf")}
    if shutil.which("pdftotext"):
        out["pdftotext, 1 column"] = pdftotext(one)
    return out


def main(dirs: list[Path]) -> None:
    for base in dirs:
        rows: dict[str, list] = {}
        for gold, lang, text in accounts(base):
            for name, reading in readings(text, lang).items():
                rows.setdefault(name, []).append((gold, profile(extract(reading))))
        if not rows:
            continue
        print(f"{base.resolve().name} ({len(rows.get('plain', []))} accounts)")
        for name, pairs in rows.items():
            print(f"  {name:<22} mean F1 {evaluate(pairs)['mean_f1']:.3f}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [DEFAULT])
