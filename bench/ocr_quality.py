"""OCR quality and speed on real published accounts typeset as page images (issue 21).

Each account of ../shared/research/real-accounts/texts is typeset on A4 pages with the Noto CJK
fonts (serif for odd-numbered accounts, sans for even ones, 11 pt), in memory, then read back by
Casebook's own path (``intake.scans.read_scan``: the pages packed as an image-only PDF, rendered by
PDFium, read by Tesseract). Conditions: 300 and 150 dpi, clean and "scanned" (blur 0.8 px,
a random rotation up to 3 degrees, speckle, JPEG quality 60). Reported per language and
condition: character error rate (edit distance over the reference's characters, white space runs
as one space; also with typographic quotes and dashes folded to ASCII), pages per minute on
one core (Tesseract with one thread), and the extraction mean F1 against the accounts' gold
profiles on the typed text and on the recognised text (the drop caused by OCR).

Nothing is written: pages, PDFs and texts stay in memory. Usage:
    OMP_THREAD_LIMIT=1 nice .venv/bin/python bench/ocr_quality.py [--lang ko|en] [--limit N]
        [--conditions 300-clean,150-clean,300-scanned,150-scanned] [--no-f1]
    OMP_THREAD_LIMIT=1 nice .venv/bin/python bench/ocr_quality.py --full-pages
        (speed on full A4 pages of our own fictional text: the accounts fill less than a page)
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scan_pages import ENGLISH, KOREAN, cer, image_pdf, scanned, typeset  # noqa: E402

from casebook.extract import extract, profile  # noqa: E402
from casebook.extract.evaluate import evaluate  # noqa: E402
from casebook.intake.scans import read_scan  # noqa: E402

ACCOUNTS = ROOT / ".." / "shared" / "research" / "real-accounts"
CONDITIONS = ["300-clean", "150-clean", "300-scanned", "150-scanned"]
FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "·": "-",
                      "…": "...", "「": '"', "」": '"'})


def pages_of(text: str, number: int, condition: str) -> tuple[bytes, list[str], int]:
    dpi = int(condition.split("-")[0])
    face = "serif" if number % 2 else "sans"
    pages = typeset(text, dpi=dpi, points=11, face=face)
    images = pages.images
    if condition.endswith("scanned"):
        images = [scanned(im, seed=number * 100 + i) for i, im in enumerate(images)]
    return image_pdf(images, dpi=dpi), pages.texts, len(images)


def full_pages() -> None:
    """Pages per minute per core on full A4 pages (11 pt, 300 dpi, clean), median of 3 runs."""
    for lang, text in (("en", "\n\n".join([ENGLISH] * 6)), ("ko", "\n\n".join([KOREAN] * 8))):
        pages = typeset(text, dpi=300)
        full = pages.images[:-1]  # the last page is not full
        chars = sum(len(" ".join(t.split())) for t in pages.texts[:-1]) // len(full)
        pdf = image_pdf(full, dpi=300)
        rates = []
        for _ in range(3):
            started = time.process_time()
            read_scan(pdf, "full.pdf", ".pdf", text_layer=[""] * len(full))
            rates.append(60 * len(full) / (time.process_time() - started))
        print(f"| {lang} | {len(full)} | {chars} | {statistics.median(rates):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["ko", "en"], default=None)
    parser.add_argument("--limit", type=int, default=None, help="accounts per language")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--no-f1", action="store_true")
    parser.add_argument("--full-pages", action="store_true")
    args = parser.parse_args()
    if args.full_pages:
        print("| lang | full pages | characters a page | pages/min/core (median of 3) |")
        print("|---|---|---|---|")
        full_pages()
        return
    if not (ACCOUNTS / "texts").is_dir():
        sys.exit("../shared/research/real-accounts is absent: nothing to measure")
    gold = {}
    for line in (ACCOUNTS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["source"]] = row
    conditions = args.conditions.split(",")
    results: dict[tuple[str, str], dict] = {}
    f1_pairs: dict[tuple[str, str], list] = {}
    for lang in ([args.lang] if args.lang else ["en", "ko"]):
        files = sorted((ACCOUNTS / "texts").glob(f"{lang}-*.txt"))[:args.limit]
        for condition in conditions:
            errors = folded = chars = pages_total = 0
            seconds = 0.0
            worst: list[tuple[float, str]] = []
            for path in files:
                text = path.read_text(encoding="utf-8")
                number = int(path.stem.split("-")[1])
                pdf, truth, n_pages = pages_of(text, number, condition)
                started = time.process_time()
                recognised, _scan = read_scan(pdf, path.name, ".pdf", text_layer=[""] * n_pages)
                seconds += time.process_time() - started
                reference = "\n\n".join(truth)
                rate = cer(reference, recognised)
                length = len(" ".join(reference.split()))
                errors += round(rate * length)
                folded += round(cer(reference.translate(FOLD), recognised.translate(FOLD)) * length)
                chars += length
                pages_total += n_pages
                worst.append((rate, path.stem))
                if not args.no_f1 and condition in ("300-clean", "300-scanned") \
                        and path.name in gold:
                    f1_pairs.setdefault((lang, condition), []).append(
                        (path.name, text, recognised))
                print(f"{lang} {condition} {path.stem}: {n_pages} pages, CER {rate:.4f}",
                      file=sys.stderr, flush=True)
            results[(lang, condition)] = {
                "accounts": len(files), "pages": pages_total, "chars": chars,
                "cer": errors / max(1, chars), "cer_folded": folded / max(1, chars),
                "pages_per_min_core": 60 * pages_total / max(seconds, 1e-9),
                "median_account_cer": statistics.median(r for r, _ in worst) if worst else 0,
                "worst": sorted(worst, reverse=True)[:3]}
    print(f"# OCR on typeset real accounts — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},"
          f" {platform.node()}, {platform.processor() or platform.machine()}")
    print("| lang | condition | accounts | pages | CER | CER (quotes folded) | median account CER"
          " | pages/min/core | worst accounts |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (lang, condition), r in results.items():
        worst = ", ".join(f"{name} {rate:.3f}" for rate, name in r["worst"])
        print(f"| {lang} | {condition} | {r['accounts']} | {r['pages']} | {r['cer']:.4f} | "
              f"{r['cer_folded']:.4f} | {r['median_account_cer']:.4f} | "
              f"{r['pages_per_min_core']:.1f} | {worst} |")
    if f1_pairs:
        print("\n| lang | condition | accounts | mean F1 typed text | mean F1 recognised text"
              " | drop |")
        print("|---|---|---|---|---|---|")
        for (lang, condition), rows in f1_pairs.items():
            typed = evaluate([(gold[n], profile(extract(t))) for n, t, _ in rows])["mean_f1"]
            read = evaluate([(gold[n], profile(extract(r))) for n, _, r in rows])["mean_f1"]
            print(f"| {lang} | {condition} | {len(rows)} | {typed:.4f} | {read:.4f} | "
                  f"{typed - read:+.4f} |")


if __name__ == "__main__":
    main()
