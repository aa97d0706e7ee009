"""Reading a scan writes no file: every file the reading process (Python, PDFium, Tesseract,
Leptonica, all their threads) opens for writing, creates, renames or links is traced by strace,
and the only one allowed is /dev/null (where Tesseract's debug output goes)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from scan_pages import ENGLISH, KOREAN, image_pdf, tiff, typeset

ROOT = Path(__file__).resolve().parents[2]
WRITES = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TMPFILE")
CALLS = ("open,openat,openat2,creat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,"
         "mkdir,mkdirat,mknod,mknodat,truncate")
ALLOWED = {"/dev/null"}
READER = """
import sys
from casebook.intake.readers import read_file
from pathlib import Path
for name in sys.argv[1:]:
    item = read_file(Path(name))[0]
    assert item.scan is not None and item.text.strip(), name
    print(name, len(item.scan.pages), len(item.text), flush=True)
"""


def test_reading_scans_creates_no_file_anywhere(tmp_path):
    ko = typeset(KOREAN, dpi=200, points=14, page_size=(6.0, 3.6), margin=0.5).images[:2]
    en = typeset(ENGLISH, dpi=200, page_size=(8.27, 4.0)).images[:2]
    pdf, fax = tmp_path / "면담.pdf", tmp_path / "fax.tif"
    pdf.write_bytes(image_pdf(ko, dpi=200))
    fax.write_bytes(tiff(en, dpi=200))
    before = sorted(p.name for p in tmp_path.iterdir())
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", f"trace={CALLS}", "-e", "signal=none",
         sys.executable, "-c", READER, str(pdf), str(fax)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False)
    trace = done.stderr  # strace writes the trace to its stderr: kept in memory, never on disk
    assert done.returncode == 0, trace[-2000:]
    assert f"{pdf} 2" in done.stdout and f"{fax} 2" in done.stdout
    opened = re.findall(r'open(?:at2?)?\((?:[A-Z_]+|\d+), "([^"]*)", ([A-Z_|]+)', trace)
    assert any(path == str(fax) for path, _ in opened), "strace saw the scans being opened"
    written = {path for path, flags in opened if WRITES.search(flags)} - ALLOWED
    assert written == set(), written
    for call in ("creat", "rename", "link", "symlink", "mkdir", "mknod", "truncate"):
        made = [line for line in trace.splitlines()
                if re.search(rf"\b{call}(at2?|at)?\(", line) and not line.rstrip().endswith(
                    ("= -1 ENOENT (No such file or directory)",))]
        assert made == [], made
    assert sorted(p.name for p in tmp_path.iterdir()) == before
