"""Knobs of the soak pass (``make soak``): the same scenarios as the normal suite, scaled.

``CASEBOOK_SOAK_SCALE`` multiplies every kill and fuzz count (1 = the normal suite's short
versions, unchanged); ``CASEBOOK_FUZZ_CORPUS`` names a folder, kept outside the repository,
where hypothesis saves the inputs that failed so that later passes replay them first.
"""

from __future__ import annotations

import os
from pathlib import Path

SCALE = float(os.environ.get("CASEBOOK_SOAK_SCALE", "1") or "1")
CORPUS = os.environ.get("CASEBOOK_FUZZ_CORPUS", "")


def scaled(n: int) -> int:
    """``n`` times the soak scale, never fewer than one."""
    return max(1, round(n * SCALE))


def fuzz_database():
    """Where hypothesis keeps failing inputs: the corpus folder in a soak pass, nowhere
    otherwise (the normal suite is derandomised and leaves nothing behind)."""
    if not CORPUS:
        return None
    from hypothesis.database import DirectoryBasedExampleDatabase

    Path(CORPUS).mkdir(parents=True, exist_ok=True)
    return DirectoryBasedExampleDatabase(CORPUS)
