"""What ``re`` keeps: the patterns it compiled last (``re._cache``, ``re._cache2`` from 3.12).

A pattern built from a testimony's words stays there for the life of the process; tests look for
an invented name in these keys after an operation (see tests/extract/test_names_in_memory.py).
"""

from __future__ import annotations

import re


def cached_patterns() -> list[str]:
    out = []
    for cache in (getattr(re, "_cache", {}), getattr(re, "_cache2", {})):
        for key in list(cache):
            out.extend(str(part) for part in (key if isinstance(key, tuple) else (key,)))
    return out


def holding(word: str) -> list[str]:
    """The cached patterns that contain ``word`` (empty: none keeps it)."""
    return [p for p in cached_patterns() if word in p]
