"""No plaintext of a testimony, name or place reaches disk outside the encrypted store.

Imports real testimony files through the CLI in a child process whose TMPDIR and working
directory are watched, then scans every file that exists afterwards — the database, its WAL and
shared-memory files, the key file, the temp directory and anything written to the working
directory — for words known to be in the testimonies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from casebook.store import Casebook

REPO = Path(__file__).resolve().parents[2]
SECRETS_EN = "Ms. Sunhwa Yoon from Hoeryong was sold in Yanji for 4,200 yuan to farmer Wang Deming."
SECRETS_KO = "윤선화는 회령에서 태어나 연길에서 사천이백 위안에 왕더밍에게 팔렸다."
NEEDLES = ["Sunhwa", "Hoeryong", "Yanji", "Deming", "윤선화", "회령", "연길", "왕더밍",
           "Ms. Kwon", "Ms. Yoon"]


def _all_bytes(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _leaks(files: dict[Path, bytes]) -> list[str]:
    found = []
    for path, data in files.items():
        for needle in NEEDLES:
            for encoding in ("utf-8", "utf-16-le"):
                if needle.encode(encoding) in data:
                    found.append(f"{path.name}: {needle!r} ({encoding})")
    return found


def test_import_leaves_no_plaintext_on_disk(tmp_path):
    work, tmp, corpus = tmp_path / "work", tmp_path / "tmp", tmp_path / "corpus"
    for d in (work, tmp, corpus):
        d.mkdir()
    (corpus / "a.txt").write_text(SECRETS_EN, encoding="utf-8")
    (corpus / "b.txt").write_text(SECRETS_KO, encoding="utf-8")
    (corpus / "c.json").write_text(
        '[{"text": "Ms. Kwon crossed near Hoeryong and was sold in Yanji.", '
        '"pseudonym": "Ms. Kwon", "consent": "aggregate_statistics"}]', encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp), "CASEBOOK_PASSPHRASE": "pass phrase",
           "CASEBOOK_DB": str(work / "cb.db"), "HOME": str(work)}
    cli = [sys.executable, "-m", "casebook.cli.main"]
    subprocess.run([*cli, "init"], env=env, cwd=work, check=True, capture_output=True)
    run = subprocess.run([*cli, "import", str(corpus), "--consent", "aggregate_statistics"],
                         env=env, cwd=work, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    # searching and showing must not leave traces either
    for args in (["search", "Yanji"], ["search", "연길"], ["list"], ["show", "1"]):
        subprocess.run([*cli, *args], env=env, cwd=work, check=True, capture_output=True)

    # while a connection is open (WAL present) and after it is closed
    book = Casebook.open(str(work / "cb.db"), "pass phrase")
    assert book.testimonies.search("Deming"), "the text really is in the casebook"
    during = _all_bytes(work) | _all_bytes(tmp)
    book.close()
    after = _all_bytes(work) | _all_bytes(tmp)
    assert any(p.name == "cb.db" for p in after)
    assert _leaks(during) == [] and _leaks(after) == []


def test_scanner_would_see_a_leak(tmp_path):
    """The scan above is only worth something if it can find plaintext when it is there."""
    (tmp_path / "leak.log").write_text("imported: " + SECRETS_KO, encoding="utf-8")
    assert _leaks(_all_bytes(tmp_path))
