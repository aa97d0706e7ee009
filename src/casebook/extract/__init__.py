r"""Extraction: from a testimony's words to a structured, reviewable record (English and Korean).

    >>> from casebook.extract import extract, profile
    >>> rec = extract("Case 3 Ms. Kim in Jilin Province, born in 1975\n\n"
    ...               "I was sold for 3,000 yuan.")
    >>> profile(rec)["sales"][0]["amount"]
    3000.0

:func:`extract` proposes facts and events (all *suggested*, each with the words that support
it); :func:`profile` reduces any record (for statistics: only its accepted part) to the flat
profile of ``shared/research/testimony-profile.md``.
"""

from casebook.extract.pipeline import detect_language, extract
from casebook.extract.profile import PROFILE_KEYS, profile

__all__ = ["PROFILE_KEYS", "detect_language", "extract", "profile"]
