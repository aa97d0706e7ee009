"""What the lines above a testimony say about the interview: her pseudonym, the interview's date
and place, the interviewer and the organisation ("Interviewee: Ms. Pak (pseudonym)",
"면담자: DOC-07 / 면담 장소: 서울", "구술자: 이명옥 (가명) … 면담: 2016년 서울").

Only the header is read — the first paragraph when the extractor's ``header_end`` takes it for
one, and the short labelled paragraphs right after it — so a name or a year inside the story is
never taken for hers. The words are a table (header_forms.toml). A value the file's metadata or
the importer gives wins over what the header says.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from casebook.vocab import find_all

FORMS = Path(__file__).with_name("header_forms.toml")
NAME_EN = r"[A-Z][a-zA-Z'’-]+(?:[ -][A-Z][a-zA-Z'’-]+){0,2}"
NAME_KO = r"[가-힣][가-힣○◯Ｏ*]{1,3}"
CODE = r"[A-Z]{2,5}-\d{1,3}(?![\d-])"  # an interviewer code: DOC-07, BL-02, SRN-05
SEGMENT_SPLIT = re.compile(r"[\n/|;—–·()\[\]]|,\s|(?<![A-Z][a-z])(?<!\b[a-zA-Z])\.\s")
YEAR = r"(?<![\d-])(?P<y>19[5-9]\d|20[0-4]\d)(?![\d-]|\s?년\s?생)"
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"], start=1)}


@cache
def forms() -> dict[str, Any]:
    with FORMS.open("rb") as f:
        return tomllib.load(f)


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    f = forms()
    titles = _alternatives(f["pseudonym"]["titles"])
    titled = rf"(?:{titles})\.?\s+{NAME_EN}"
    org_en = _alternatives(f["organisation"]["suffixes_en"])
    org_ko = _alternatives(f["organisation"]["suffixes_ko"])
    return {
        "pseudonym_label": re.compile(
            rf"(?:{_alternatives(f['pseudonym']['labels'])})\s*[:：]\s*[“\"']?"
            rf"(?P<n>{titled}|{NAME_KO}(?:씨)?|{NAME_EN})", re.I),
        "pseudonym_phrase": re.compile(
            rf"(?:{_alternatives(f['pseudonym']['phrases'])})\s+[“\"']?(?P<n>{titled}|{NAME_EN})",
            re.I),
        "pseudonym_case": re.compile(
            rf"^\s*(?:(?:Case|Testimony|Account|사례)\s*\d+\s*[:.,—–-]?\s*)?"
            rf"(?P<n>{titled}|{NAME_KO}(?=\s*(?:,|씨|\(|$)))", re.M),
        "interviewer": re.compile(
            rf"(?:{_alternatives(f['interviewer']['labels'])})\s*[:：]?\s*(?P<c>{CODE})", re.I),
        "code": re.compile(rf"(?<![\w-])(?P<c>{CODE})"),
        "organisation_label": re.compile(
            rf"(?:{_alternatives(f['organisation']['labels'])})\s*[:：]\s*(?P<o>[^.\n/|;,(]+)",
            re.I),
        "organisation_phrase": re.compile(
            rf"(?:{_alternatives(f['organisation']['phrases'])})\s+(?P<o>{NAME_EN})"),
        "organisation_name": re.compile(
            rf"(?P<o>(?:[A-Z][\w'’-]*\s+){{0,5}}(?:{org_en})\b|[가-힣]{{2,12}}(?:{org_ko}))"),
        "place_label": re.compile(
            rf"(?:{_alternatives(f['place']['labels'])})\s*[:：]\s*(?P<p>[^.\n/|;,(]+)", re.I),
        "year": re.compile(YEAR),
        "month_ko": re.compile(rf"{YEAR}\s?년\s?(?P<m>1[0-2]|[1-9])\s?월"),
        "month_num": re.compile(rf"{YEAR}[/-](?P<m>1[0-2]|0?[1-9])(?![\d-])"),
        "month_en": re.compile(rf"(?P<mn>{'|'.join(MONTHS)})\s+{YEAR}", re.I),
        "interview_cue": re.compile(_alternatives(f["cues"]["interview"]), re.I),
        "her_cue": re.compile(_alternatives(f["cues"]["her"]), re.I),
        "past_cue": re.compile(_alternatives(f["cues"]["past"]), re.I),
        "header_line": re.compile(
            rf"\s*(?:(?:{_alternatives(f['pseudonym']['labels'] + f['interviewer']['labels'])})"
            rf"\s*[:：]|(?:Case|Testimony|사례)\s*\d+|{titled})", re.I),
    }


def header_text(text: str) -> str:
    """The header: the first paragraph when it is one, and the labelled short paragraphs
    right after it (a page heading, then "Ms. Oh, from Chŏngjin, …"; "구술자: …")."""
    from casebook.extract.header import header_end

    stripped = text.lstrip()
    end = header_end(stripped)
    if end == 0:
        return ""
    paragraphs = re.split(r"\n\s*\n", stripped)
    head = [stripped[:end]]
    consumed = len(head[0])
    for para in paragraphs[1:3]:
        if consumed < len(paragraphs[0]) or len(para) > 300 or \
                not _patterns()["header_line"].match(para):
            break
        head.append(para)
    return "\n".join(head)


def read_header(text: str) -> dict[str, str]:
    """The interview metadata the header states: any of pseudonym, interview_date (YYYY,
    YYYY-MM), interview_place, interviewer, organisation."""
    head = header_text(text)
    if not head:
        return {}
    p = _patterns()
    found: dict[str, str] = {}
    name = (p["pseudonym_label"].search(head) or p["pseudonym_phrase"].search(text[:600])
            or p["pseudonym_case"].search(head))
    if name:
        found["pseudonym"] = name.group("n").strip().rstrip(".")
    code = p["interviewer"].search(head) or p["code"].search(head)
    if code:
        found["interviewer"] = code.group("c")
    org = (p["organisation_label"].search(head) or p["organisation_phrase"].search(head)
           or p["organisation_name"].search(head))
    if org:
        found["organisation"] = org.group("o").strip()
    segments = [s.strip() for s in SEGMENT_SPLIT.split(head) if s and s.strip()]
    about_interview = [s for s in segments if not p["her_cue"].search(s)
                       and not p["past_cue"].search(s)]
    date = next((d for s in about_interview if (d := _date(s))), None)
    if date:
        found["interview_date"] = date
    place = _labelled_place(head) or next(
        (pl for s in about_interview if (pl := _place(s))), None)
    if place:
        found["interview_place"] = place
    return found


def _date(segment: str) -> str | None:
    """The interview's date in a segment that names the interview or says only a date/place."""
    p = _patterns()
    if not (p["interview_cue"].search(segment) or _only_date_and_place(segment)):
        return None
    if m := p["month_ko"].search(segment) or p["month_num"].search(segment):
        return f"{m.group('y')}-{int(m.group('m')):02d}"
    if m := p["month_en"].search(segment):
        return f"{m.group('y')}-{MONTHS[m.group('mn').lower()]:02d}"
    if m := p["year"].search(segment):
        return m.group("y")
    return None


def _labelled_place(head: str) -> str | None:
    m = _patterns()["place_label"].search(head)
    if m:
        found = _interview_places(m.group("p"))
        return found[0] if found else None
    return None


def _place(segment: str) -> str | None:
    """A place outside North Korea in a segment that names the interview or says only a
    date and a place ("2019년 서울", "Seoul")."""
    if not (_patterns()["interview_cue"].search(segment) or _only_date_and_place(segment)):
        return None
    found = _interview_places(segment, countries=False)  # "중국 내 … 증언집" is a book title
    return found[0] if found else None


def _interview_places(text: str, *, countries: bool = True) -> list[str]:
    """Places written in ``text`` where an interview can be (not North Korea), as written."""
    return [text[start:end] for start, end, place in find_all(text)
            if place.country != "KP" and (countries or place.level != "country")]


def _only_date_and_place(segment: str) -> bool:
    rest = _patterns()["year"].sub(" ", segment)
    for start, end, _place_found in reversed(find_all(rest)):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(r"\b(?:in|at|near)\b|년|월|에서|인근|현지|근처|[\d\s.,:]", "", rest, flags=re.I)
    return rest == "" and rest != segment
