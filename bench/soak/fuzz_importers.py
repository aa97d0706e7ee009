"""Mutation fuzzing of the importers at scale: 100,000+ inputs per family, in-process.

Hypothesis runs ≈ 80 cases/s here (it shrinks, replays and keeps a database); this loop calls
the importer directly on mutated bytes, thousands of times faster for the small formats. It is
*outcome-guided*, not coverage-guided: an input whose outcome (accepted, or the error's message
with names and numbers removed, or the exception type) has not been seen before joins the pool
that later inputs are mutated from, and is saved to the corpus. Structure-aware mutations reach
past the container: zip members (docx, xlsx, ods) are mutated and re-zipped, PNG chunks get
their CRC fixed, PDF tokens and JSON values are replaced.

Every input must end in items (or a sheet) or one ``InvalidInput`` line naming the file. A
worker process runs the inputs; the parent watches it: an input that takes longer than
``--hang`` seconds, a worker whose resident memory passes ``--rss-mb``, and a worker that dies
are findings (saved, reported, the loop goes on after the input). Synthetic bytes only: every
seed is fictional text written here.

    python bench/soak/fuzz_importers.py --family docx --count 100000 --out /tmp/fuzz/docx
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing as mp
import os
import random
import re
import struct
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "interop")]

FAMILIES = ["txt", "md", "docx", "pdf", "json", "csv", "sheets", "scans"]
TEXTS = ["She crossed the river at Musan in 1998 and was sold in Yanji for 3,000 yuan.",
         "1998년 봄에 두만강을 건넜고 연길에서 팔려 갔다. 가격은 4,000위안이었다.",
         "Arrested in Tumen, sent back, crossed again in 2004; escaped to Laos in 2009."]
INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"-1", b"0", b"99999999999999999999",
               b"\xef\xbb\xbf", b"\xfe\xff", b"%", b"<", b">", b"\"", b"'", b"\\", b"\r\n",
               b"\xed\xa0\x80", b"NaN", b"1e309", b"[" * 64, b"{" * 64, b"obj", b"endobj",
               b"stream", b"R", b"/Length 999999999"]


# -- seeds ----------------------------------------------------------------------------------
def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split(". "):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seeds(family: str, folder: Path) -> list[tuple[str, bytes]]:
    """(suffix, bytes) of valid files of the family: what mutation starts from."""
    if family == "txt":
        return [(".txt", t.encode(enc)) for t in TEXTS for enc in ("utf-8", "utf-16")
                if enc == "utf-8" or t.isascii()] + [(".txt", TEXTS[1].encode("euc-kr"))]
    if family == "md":
        return [(".md", f"# Interview {n}\n\n**Place:** Yanji\n\n- {t}\n".encode())
                for n, t in enumerate(TEXTS)]
    if family == "docx":
        return [(".docx", _docx(t)) for t in TEXTS]
    if family == "pdf":
        from pdf_files import pdf_with_text

        # a small page (same byte length, so the xref offsets hold): a damaged page is
        # rendered and OCR'd, and a letter-sized render would dominate the run's time
        return [(".pdf", pdf_with_text(t.encode("ascii", "replace").decode()[:60], compress=c)
                 .replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 400  60]"))
                for t in TEXTS for c in (False, True)]
    if family == "json":
        rows = [{"text": t, "pseudonym": f"P{n}", "year": 1998 + n, "consent": ["statistics"]}
                for n, t in enumerate(TEXTS)]
        return [(".json", json.dumps(rows, ensure_ascii=False).encode()),
                (".jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode())]
    if family == "csv":
        body = "text,pseudonym,year\n" + "".join(f'"{t}",P{n},{1998 + n}\n'
                                                 for n, t in enumerate(TEXTS))
        return [(".csv", body.encode()), (".csv", body.replace(",", ";").encode())]
    if family == "sheets":
        import sheet_files

        out = []
        for suffix, write in ((".xlsx", sheet_files.write_xlsx), (".ods", sheet_files.write_ods),
                              (".csv", sheet_files.write_csv)):
            path = folder / f"seed{suffix}"
            write(path)
            out.append((suffix, path.read_bytes()))
        return out
    if family == "scans":
        from scan_pages import encoded, image_pdf, tiff, typeset

        page = typeset(TEXTS[0][:40], dpi=100, page_size=(4.0, 0.8), margin=0.2).images[0]
        return [(".png", encoded(page, "PNG", 100)), (".jpg", encoded(page, "JPEG", 100)),
                (".tif", tiff([page], 100)), (".pdf", image_pdf([page], 100))]
    raise ValueError(family)


# -- mutation -------------------------------------------------------------------------------
def mutate_bytes(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to eight byte-level edits (flip, set, insert, delete, duplicate, splice, truncate)."""
    b = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4, 8))):
        n = len(b)
        op = rng.randrange(9)
        at = rng.randrange(n + 1) if n else 0
        if op == 0 and n:
            b[min(at, n - 1)] ^= 1 << rng.randrange(8)
        elif op == 1 and n:
            b[min(at, n - 1)] = rng.randrange(256)
        elif op == 2:
            b[at:at] = rng.randbytes(rng.choice((1, 2, 4, 16, 128)))
        elif op == 3 and n:
            del b[at:at + rng.choice((1, 2, 8, 64, 512))]
        elif op == 4 and n:
            piece = b[at:at + rng.choice((4, 32, 256))]
            b[at:at] = piece * rng.choice((1, 2, 16))
        elif op == 5:
            b[at:at] = rng.choice(INTERESTING)
        elif op == 6 and pool:
            other = rng.choice(pool)
            cut = rng.randrange(len(other) + 1)
            b = b[:at] + bytearray(other[cut:])
        elif op == 7 and n:
            b = b[:at]
        elif op == 8 and n:  # replace a number with a hostile one
            m = list(re.finditer(rb"\d+", bytes(b)))
            if m:
                hit = rng.choice(m)
                b[hit.start():hit.end()] = rng.choice((b"0", b"-1", b"4294967296",
                                                       b"99999999999", b"1e308", b"65535"))
    return bytes(b)


def mutate_zip(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """Mutate one member of a zip (docx, xlsx, ods) and zip it again, so the damage reaches the
    XML parser rather than stopping at the archive's checksum."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
    except Exception:  # noqa: BLE001 - a mutated seed that is no longer a zip
        return mutate_bytes(rng, data, pool)
    if not members:
        return mutate_bytes(rng, data, pool)
    k = rng.randrange(len(members))
    info, body = members[k]
    roll = rng.random()
    if roll < 0.15:  # deep nesting or a huge repetition inside the XML
        tag = rng.choice((b"<w:p>", b"<row>", b"<table:table-row>", b"<a>"))
        body = body.replace(b">", b">" + tag * rng.choice((100, 5000)), 1)
    elif roll < 0.25:
        members.pop(k)
    else:
        body = mutate_bytes(rng, body, [])
    if roll >= 0.25:
        members[k] = (info, body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info.filename, body)
    return out.getvalue()


def fix_png(data: bytes) -> bytes:
    """Recompute every PNG chunk's CRC so that damage reaches the decoder."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    out, at = bytearray(data[:8]), 8
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        if len(body) < length:
            out += data[at:]
            break
        out += data[at:at + 8 + length] + struct.pack(">I", zlib.crc32(kind + body))
        at += 12 + length
    return bytes(out)


def mutate_json(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """Replace one value of a JSON record with a hostile one, or fall back to bytes."""
    try:
        text = data.decode()
        rows = [json.loads(line) for line in text.splitlines()] if "\n" in text and \
            not text.lstrip().startswith("[") else json.loads(text)
    except Exception:  # noqa: BLE001
        return mutate_bytes(rng, data, pool)
    hostile = [None, True, 0, -1, 1e308, "", "\x00", "x" * 10000, [], {}, [[[]]],
               {"text": None}, "2099-13-45", 10 ** 40, ["a"] * 1000]
    if isinstance(rows, list) and rows:
        row = rng.choice(rows)
        if isinstance(row, dict):
            key = rng.choice(list(row) + ["text", "pseudonym", "date", "consent", "\ud800x"])
            row[key] = rng.choice(hostile)
    elif isinstance(rows, dict):
        rows[rng.choice(("text", "records", "x"))] = rng.choice(hostile)
    return json.dumps(rows, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def mutate(family: str, suffix: str, rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    roll = rng.random()
    if suffix in (".docx", ".xlsx", ".ods") and roll < 0.7:
        return mutate_zip(rng, data, pool)
    if suffix in (".json", ".jsonl") and roll < 0.4:
        return mutate_json(rng, data, pool)
    out = mutate_bytes(rng, data, pool)
    if suffix == ".png" and roll < 0.8:
        out = fix_png(out)
    return out


# -- the call under test ------------------------------------------------------------------
def _shape(family: str, path: Path) -> str:
    """Run the importer on one file; the outcome's shape (what the pool is keyed on)."""
    from casebook.errors import InvalidInput
    from casebook.intake.readers import read_file
    from casebook.intake.sheets import read_sheet

    try:
        if family == "sheets":
            sheet = read_sheet(path)
            return f"ok sheet {min(len(sheet.rows), 3)} rows"
        items = read_file(path)
        for item in items:
            if not (isinstance(item.text, str) and item.text.strip()):
                raise AssertionError("an item without text")
        return f"ok {min(len(items), 3)} items"
    except InvalidInput as exc:
        message = str(exc)
        if path.name not in message or "\n" in message.strip():
            raise AssertionError(f"error does not name the file in one line: {message[:200]}") \
                from None
        return "error " + re.sub(r"\d+", "N", message.replace(str(path), "F"))[:120]


def _worker(family: str, out: str, inputs: str, start: int, count: int, seed: int,
            progress, pool_size, spawn: bool = False) -> None:
    """Generate and run inputs ``start..count``; input ``i`` depends only on (seed, i) and the
    pool built so far, so the parent can restart after a finding."""
    os.nice(0)
    if family == "sheets" and not spawn:
        _read_workbooks_here()
    folder = Path(inputs)
    base = seeds(family, folder)
    pool: list[tuple[str, bytes]] = list(base)
    shapes: dict[str, int] = {}
    shapes_file = Path(out) / "shapes.jsonl"
    findings = Path(out) / "findings"
    findings.mkdir(exist_ok=True)
    for i in range(start, count):
        rng = random.Random(seed * 1_000_003 + i)
        suffix, parent = rng.choice(pool if rng.random() < 0.7 else base)
        data = mutate(family, suffix, rng, parent, [p for _, p in pool[-8:]])
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        progress.value = i
        try:
            shape = _shape(family, path)
        except Exception as exc:  # noqa: BLE001 - a crash: save it, go on
            digest = hashlib.sha256(data).hexdigest()[:16]
            (findings / f"{digest}{suffix}").write_bytes(data)
            with open(findings / "findings.jsonl", "a") as f:
                f.write(json.dumps({"i": i, "kind": "exception", "file": f"{digest}{suffix}",
                                    "type": type(exc).__name__,
                                    "where": traceback.format_exc(limit=-3)[-600:]}) + "\n")
            shape = "exception " + type(exc).__name__
        if shape not in shapes:
            shapes[shape] = i
            pool.append((suffix, data))
            digest = hashlib.sha256(data).hexdigest()[:16]
            (Path(out) / "corpus").mkdir(exist_ok=True)
            (Path(out) / "corpus" / f"{digest}{suffix}").write_bytes(data)
            with open(shapes_file, "a") as f:
                f.write(json.dumps({"i": i, "shape": shape, "file": f"{digest}{suffix}"}) + "\n")
        pool_size.value = len(pool)
    progress.value = count


def _read_workbooks_here() -> None:
    """Read workbooks in this worker instead of one new process per file (≈12 files/s).

    The product reads each workbook in a child process with a time limit, because calamine
    once looped for ever; this worker is already such a process (the parent kills it after
    ``--hang`` s and saves the input), so the code under test is the same, minus the start.
    """
    from casebook.intake import sheets, workbook_child

    def here(path: Path, data: bytes, sheet: str | None, cells: bool) -> tuple[str, object]:
        return workbook_child.read(data, sheet, cells)

    sheets.child_answer = here


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def run(family: str, count: int, out: Path, seed: int, hang: float, rss_mb: float,
        spawn: bool = False) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    ctx = mp.get_context("fork")
    progress, pool_size = ctx.Value("q", 0), ctx.Value("q", 0)
    findings: list[dict] = []
    start, started = 0, time.monotonic()
    peak, rss_samples = 0.0, []
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{family}-", dir="/dev/shm") as inputs:
        while start < count:
            progress.value = start
            proc = ctx.Process(target=_worker, args=(family, str(out), inputs, start, count,
                                                     seed, progress, pool_size, spawn),
                              daemon=True)
            proc.start()
            last, last_change, next_sample = start, time.monotonic(), 0.0
            while proc.is_alive():
                proc.join(0.2)
                now, at = time.monotonic(), progress.value
                rss = _rss_mb(proc.pid)
                peak = max(peak, rss)
                if now >= next_sample:
                    rss_samples.append((at, round(rss, 1)))
                    next_sample = now + 10
                    (out / "progress.json").write_text(json.dumps(
                        {"done": at, "of": count, "seconds": round(now - started),
                         "peak_rss_mb": round(peak), "findings": findings}))
                if at != last:
                    last, last_change = at, now
                problem = None
                if now - last_change > hang:
                    problem = f"hang: input {at} ran over {hang:.0f} s"
                elif rss > rss_mb:
                    problem = f"memory: {rss:.0f} MB resident on input {at}"
                if problem:
                    proc.kill()
                    proc.join()
                    _save_current(inputs, out, at, problem, findings)
                    start = at + 1
                    break
            else:
                if proc.exitcode != 0:
                    at = progress.value
                    _save_current(inputs, out, at, f"worker died (exit {proc.exitcode})",
                                  findings)
                    start = at + 1
                else:
                    start = count
    seconds = time.monotonic() - started
    exceptions = []
    if (out / "findings" / "findings.jsonl").exists():
        exceptions = [json.loads(x) for x in (out / "findings" / "findings.jsonl").read_text()
                      .splitlines()]
    shapes = [json.loads(x) for x in (out / "shapes.jsonl").read_text().splitlines()] \
        if (out / "shapes.jsonl").exists() else []
    summary = {"family": family, "inputs": count, "seconds": round(seconds, 1),
               "per_second": round(count / seconds, 1), "exceptions": len(exceptions),
               "hangs_memory_deaths": findings, "shapes": len(shapes), "peak_rss_mb": round(peak),
               "rss_samples": rss_samples[:: max(1, len(rss_samples) // 12)],
               "exception_types": sorted({e["type"] for e in exceptions})}
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    return summary


def _save_current(inputs: str, out: Path, at: int, problem: str, findings: list[dict]) -> None:
    (out / "findings").mkdir(exist_ok=True)
    for current in Path(inputs).glob("input.*"):
        target = out / "findings" / f"input{at}{current.suffix}"
        target.write_bytes(current.read_bytes())
    findings.append({"i": at, "problem": problem})
    print(f"finding: {problem}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--family", choices=FAMILIES, required=True)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--hang", type=float, default=60.0, help="seconds for one input")
    parser.add_argument("--rss-mb", type=float, default=1500.0, help="resident memory limit")
    parser.add_argument("--spawn-workbooks", action="store_true",
                        help="sheets: one process per workbook, as the product does (slow)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract: one thread per worker
    summary = run(args.family, args.count, args.out, args.seed, args.hang, args.rss_mb,
                  args.spawn_workbooks)
    print(json.dumps({k: v for k, v in summary.items() if k != "rss_samples"}))
    sys.exit(1 if summary["exceptions"] or summary["hangs_memory_deaths"] else 0)


if __name__ == "__main__":
    main()
