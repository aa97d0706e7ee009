"""One Word file or PDF holding many testimonies → one testimony per account.

Reports and interview logs put a header above each account ("Case 7: Ms. Kim, born 1975",
"Interviewee: Ms. Pak (pseudonym), born 1976, from Musan", "구술자: 이○○ (가명) / 출생:
1979년"). A paragraph starts a new account when it is such a header: a numbered case line, or
a header the extractor itself recognises (``extract.header``) that names her or her birth
year or origin. Text before the first header (a report's introduction) is no one's account
and is left out; the preview says so before anything is stored.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from casebook.extract.header import header_end, parse_header

_NUMBERED = re.compile(
    r"\s*(?:[\[(]\s*)?(?:Case|Testimony|Account|Interview|Interviewee|Survivor|Witness)\s*"
    r"(?:No\.?|#)?\s*\d+\b"
    r"|\s*(?:[\[(]\s*)?(?:사례|증언|구술|면담|피해자)\s*(?:번호\s*)?\d+", re.IGNORECASE)
_LABELLED = re.compile(
    r"\s*(?:Interviewee|Name|Pseudonym|구술자|면담자|증언자|피해자|가명)\s*[:：]", re.IGNORECASE)
MIN_ACCOUNT_CHARS = 80


@dataclass
class Account:
    """One account found in the document: where it is, and what its header says."""

    start: int
    end: int
    header: str
    surname: str | None = None
    birth_year: int | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their offsets (Word paragraphs and PDF lines both end in \\n)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip()))
    return out


def is_header(line: str, following: str) -> bool:
    """Does this line open an account?"""
    first_line = paragraph = line
    if len(first_line) > 300:
        return False
    if _NUMBERED.match(first_line):
        return True
    candidate = paragraph + "\n\n" + following[:500]
    if not header_end(candidate):
        return False
    facts = parse_header(candidate)
    named = facts.surname is not None and (_LABELLED.match(first_line) or
                                           re.match(r"\s*(?:Ms|Mrs|Miss|Madam)\.?\s", first_line))
    return bool(named and (facts.birth_year or facts.origin_nk or facts.province_china)) or \
        bool(_LABELLED.match(first_line) and (facts.birth_year or facts.surname))


def split_accounts(text: str) -> tuple[list[Account], int]:
    """The accounts of a document and the length of the text before the first one."""
    paras = _lines(text)
    starts = [i for i, (_, p) in enumerate(paras)
              if is_header(p, "\n".join(x for _, x in paras[i + 1:i + 4]))]
    accounts: list[Account] = []
    for n, i in enumerate(starts):
        start = paras[i][0]
        end = paras[starts[n + 1]][0] if n + 1 < len(starts) else len(text)
        body = text[start:end].rstrip()
        if len(body) < MIN_ACCOUNT_CHARS and accounts:  # a stray header: part of the last one
            continue
        head, _, rest = body.partition("\n")
        facts = parse_header(head + "\n\n" + rest[:500])
        accounts.append(Account(start, start + len(body), paras[i][1].split("\n", 1)[0][:120],
                                facts.surname[0] if facts.surname else None,
                                facts.birth_year[0] if facts.birth_year else None))
    for a, b in itertools.pairwise(accounts):  # merged stray headers extend the previous one
        a.end = max(a.end, b.start) if a.end < b.start else a.end
    preamble = accounts[0].start if accounts else len(text)
    return accounts, preamble
