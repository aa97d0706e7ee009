"""Redacting a quote leaves her name in no regex pattern cached by ``re`` (see tests/re_cache.py).

The names are invented and appear nowhere else, so one found in a cached pattern can only come
from a pattern built from them.
"""

from __future__ import annotations

import re

import pytest
from re_cache import holding

from casebook.publish.redact import redact


@pytest.mark.parametrize("text,names,lang,held", [
    ("Ms. Vorsanel Quiddle said Vorsanel cried in Yanji on 5 May 2003.",
     ["Vorsanel Quiddle"], "en", ["Vorsanel", "Quiddle"]),
    ("2003년 5월 14일 연길에서 탁뢰별 씨가 울었다. 뢰별은 떠났다.", ["탁뢰별", "뢰별"], "ko",
     ["탁뢰별", "뢰별"]),
])
def test_no_cached_pattern_holds_her_name(text, names, lang, held):
    re.purge()
    out = redact(text, names, lang)
    assert all(n not in out for n in held), out  # it redacted them (else the test proves nothing)
    for name in held:
        assert not holding(name), f"re's cache holds a pattern with her name: {holding(name)[:1]!r}"
