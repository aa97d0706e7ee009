"""The lines reports and interview forms put above a testimony.

"Case 7 Ms. Kim in Jilin Province, born in 1975", "Interviewee: Ms. Pak (pseudonym), born
1976, from Musan County", "구술자: 이명옥 (가명) / 출생: 1979년 / 고향: 함경북도 회령".
Only the first lines are read, so a name or year inside the story is not taken for hers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casebook.extract import rules
from casebook.extract.places import (
    CHINA_PROVINCE_RE,
    NK_PLACE_RE,
    find_nk_places,
    is_province,
    nk_place,
)

KOREAN_SURNAMES = ["Kim", "Lee", "Yi", "Rhee", "Ri", "Park", "Pak", "Bak", "Paek", "Baek", "Paik",
                   "Choi", "Choe", "Chae", "Jung", "Jeong", "Chung", "Kang", "Cho", "Jo", "Yoon",
                   "Yun", "Jang", "Chang", "Lim", "Im", "Rim", "Han", "Oh", "Seo", "Suh", "Shin",
                   "Sin", "Kwon", "Gwon", "Hwang", "Ahn", "An", "Song", "Jeon", "Jun", "Chon",
                   "Hong", "Ko", "Go", "Koh", "Moon", "Mun", "Yang", "Son", "Sohn", "Bae", "Pae",
                   "Heo", "Hur", "Yoo", "Yu", "Ryu", "Nam", "Sim", "Shim", "Noh", "No", "Roh", "Ha",
                   "Kwak", "Sung", "Cha", "Joo", "Ju", "Woo", "U", "Koo", "Ku", "Min", "Na", "Jin",
                   "Ji", "Um", "Eom", "Won", "Chun", "Bang", "Gong", "Kong", "Hyun", "Ham", "Byun",
                   "Byeon", "Pyon", "Pyun", "Yeom", "Yeo", "Choo", "Chu", "Do", "So", "Seok", "Sun",
                   "Seol", "Ma", "Gil", "Kil", "Yeon", "Wi", "Pyo", "Myung", "Ki", "Ban", "Wang",
                   "Geum", "Ok", "Yuk", "In", "Maeng", "Je", "Mo", "Tak", "Kook", "Eo", "Eun",
                   "Ryang", "Pang", "Kye", "Gye", "Hyon", "Jon", "Jong", "Ro", "Yom", "Sa", "Cheon",
                   "Chon", "Mok", "Kyung"]
_SURNAME_ALT = "|".join(sorted(set(KOREAN_SURNAMES), key=len, reverse=True))
_TITLE_NAME = rules.fast_compile(
    rf"\b(?:Ms|Mrs|Miss|Madam|Mme|Mdm)\.?\s+(?P<s>{_SURNAME_ALT}|[A-Z][a-z]+)\b")
_KO_NAME = re.compile(
    r"(?:구술자|면담자|증언자|이름|성명|피해자)\s*[:：]\s*(?P<n>[가-힣][가-힣○◯O*xX]{1,3})"
                      r"|(?P<n2>[가-힣][가-힣○◯O*]{1,3})\s*\((?:가명|여|익명)")
_BORN = rules.fast_compile(
    r"\b(?:born(?:\s+in)?|b\.|(?:year|date)\s+of\s+birth:?|birth\s*(?:date|year):?|born:)\s*"
    r"(?:\w+\s+){0,2}?(?P<y>19[2-9]\d|20[0-2]\d)\b",
    re.I)
_KO_BORN = re.compile(
    r"(?P<y>19[2-9]\d|20[0-2]\d)\s?년\s?(?:생|출생|에\s?태어)|(?:출생|"
    r"생년)\s*[:：]?\s*(?P<y2>19[2-9]\d|20[0-2]\d)")
_LIVING = rules.fast_compile(
    r"\b(?:in|living\s+in|lives\s+in|resident\s+in|residing\s+in|now\s+in|currently\s+in|"
    r"interviewed\s+in)\s+"
    rf"(?:\w+\s+){{0,3}}?(?P<p>{CHINA_PROVINCE_RE})(?:\s+Province)?\b", re.I)
# "Case 7: Ms. Kim (Heilongjiang Province, born 1975)", "Ms. Kim in Yanji, Jilin Province": a
# Chinese
# province named as such in the header line is where she lives (not after "from", her origin)
_PROVINCE_NAMED = re.compile(rf"(?<!from\s)(?<!of\s)\b(?P<p>{CHINA_PROVINCE_RE})\s+Province\b")
_PAST_PLACE = rules.fast_compile(
    r"\b(?:previously|earlier|formerly|first|once|used\s+to)\s+(?:\w+\s+)?(?:interviewed|lived|"
    r"living|stayed)"
                         r"\s+in\b", re.I)
_KO_LIVING = re.compile(
    r"(?P<p>길림성|지린성|흑룡강성|헤이룽장성|요녕성|랴오닝성|산동성|산둥성|내몽골|"
    r"내몽고)\s?(?:\S+\s?){0,2}?(?:거주|에\s?살|에서\s?살|체류)")
_FROM = rules.fast_compile(
    r"\b(?:from|born\s+(?:in\s+)?(?:19|20)\d\d\s+in|born\s+in|native\s+of|[Hh]ometown:?|"
    r"[Hh]ome\s+town:?|[Pp]lace\s+of\s+(?:birth|origin):?|[Bb]irthplace:?|"
                   r"originally\s+from)\s+(?P<p>[A-Z][\w'’ŏŭĕ\-]+(?:\s+(?:City|County|Province|"
                   r"[A-Z][\w'’ŏŭ\-]+))*)")
_KO_FROM = re.compile(
    r"(?:고향|출신지|출신)\s*[:：]\s*(?P<p>[가-힣]+(?:\s[가-힣]+)?)|"
    r"(?P<p2>[가-힣]+(?:\s[가-힣]+)?)\s?출신")


@dataclass
class HeaderFacts:
    surname: tuple[str, int, int] | None = None
    birth_year: tuple[int, int, int] | None = None
    province_china: tuple[str, int, int] | None = None
    origin_nk: tuple[str, int, int] | None = None
    end: int = 0  # where the header ends in the cleaned text
    interview_year: int | None = None  # the dated moment a present-tense age is told at


_NAME_LINE = re.compile(
    rf"\s*(?:(?:Case|Testimony|Account)\s*(?:No\.?\s*)?\d+[:.,]?\s*)?(?:Ms|Mrs|Miss|Madam)\.?\s+"
                        rf"(?:{_SURNAME_ALT}|[A-Z][a-z]+)\b[^.!?\n]{{0,120}}?(?=\s+(?:I|My|We|When|"
                        r"In|On|After|There|The|A|[“\"])\s)")


_NAME_FROM = re.compile(
    rf"\s*(?:Ms|Mrs|Miss|Madam)\.?\s+(?:{_SURNAME_ALT}|[A-Z][a-z]+)\s+(?:(?:from|of|in)\s+)?"
                        rf"(?:\[[^\]]{{0,40}}\]|(?:{NK_PLACE_RE})(?:\s+(?:City|County|Province))?|"
                        rf"[A-Z][\w'’ŏŭ\-]+\s+(?:City|County|Province))")


# a form field ("Interviewee: Ms. Pak", "고향: 회령", "b. 1988 | Sinuiju"), not a speaker's
# name before a long quote ("MARK WILLACY, REPORTER: It's been a long walk …")
_FIELD = re.compile(r"[\w().'’-][\w ().'’-]{0,29}[:：](?!\s*[^:：|]{150,}$)|[|/]")
# a sentence telling the story ("Today we are speaking with Ms. Go, … who was sold …")
_NARRATIVE = re.compile(
    r"\b(?:was|were|is|are|had|has|have)\s+(?:\w+\s+)?(?:sold|speaking|born\s+and|taken|trafficked|"
                        r"arrested|sent)\b|\b(?:we|I)\s+(?:are|am|were|was)\b", re.I)


# a paragraph that is only a date under the header ("1999 (Narrative date)", "May 2, 2021"):
# when the account was told or posted, not when her story happens
_DATE_LINE = re.compile(
    r"\s*(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?|\d{1,2}\s+[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d"
    r"\s*(?:\([^()\n]{0,40}\))?\s*")


def _title_lines_end(text: str, end: int) -> int:
    """``end`` moved past short title lines ("Survivor Testimony – Pak Sun-ok", "(Female,
    name changed)") that PDF text keeps as paragraphs between a running title and the form
    fields: a line of a few words with no sentence end (English: a Korean line may be a sentence
    that ends without a stop)."""
    while True:
        m = re.match(r"\s*\n\n([^\n]+)", text[end:])
        if not m or m.group(1) == text[end:].strip():
            return end
        line = m.group(1).strip()
        if len(line) > 80 or len(line.split()) > 10 or re.search(r"[.!?:;,][\"”’']?$", line) \
                or _NARRATIVE.search(line) or re.search(r"[가-힣]", line):
            return end
        end += m.end()


def _after_date_lines(text: str, end: int) -> int:
    """``end`` moved past the date-only paragraphs that follow the header."""
    while True:
        nxt = text.find("\n\n", end + 2)
        para = text[end:len(text) if nxt < 0 else nxt]
        if nxt < 0 or not para.strip() or not _DATE_LINE.fullmatch(para):
            return end
        end = nxt


# a paragraph that ends a sentence, maybe inside a quotation ("… without anesthesia.”")
_ENDS_SENTENCE = re.compile(r"[.!?。][\"”’']?\s*$|[다요]\.?[\"”’']?\s*$")


_WHO_SHE_IS = rules.fast_compile(
    r"\b(?:born|b\.)\s|(?:19|20)\d\d\s?년생|\(pseudonym\)|\(가명\)|Ms\.|Mrs\.")


def _describes_her(para: str) -> bool:
    """A header paragraph that gives who she is ("Ms. Cho (pseudonym), born 1974"), not story."""
    return bool(_WHO_SHE_IS.search(para)) and not _NARRATIVE.search(para)


def header_end(text: str) -> int:
    """Offset where the story starts: after the first paragraph when it looks like a header."""
    first = text.split("\n\n", 1)[0]
    m = _NAME_FROM.match(first) or _NAME_LINE.match(first)
    if m:
        return m.end()
    paras = text.split("\n\n", 2)
    if len(paras) == 3 and len(first) < 120 and not _ENDS_SENTENCE.search(first) \
            and not _FIELD.search(first) and len(paras[1]) <= 400 and _describes_her(paras[1]):
        # a bare title above the interview's own header paragraph: both are the header
        first = text[:len(first) + 2 + len(paras[1])]
    rest = text[len(first):].strip()
    headerish = bool(re.match(
        r"\s*[\[(]?(?:case|testimony|interview|account|transcript|구술|면담|사례|증언)", first,
        re.I)) or \
        bool(_FIELD.search(first)) or not _ENDS_SENTENCE.search(first) or (
            len(first) <= 400 and _describes_her(first))
    # a Korean report's first paragraph that names her "(가명)" and ends on a finite verb is story
    story_ko = bool(re.search(r"[가-힣]", first)) and len(first) >= 60 and \
        bool(re.search(r"(?:다|요|니다)[.!?]?[\"”’']?\s*$",
                       first)) and not re.match(r"\s*(?:구술|면담|사례|증언자)", first)
    if rest and headerish and len(first) <= 400 and not story_ko:
        end = len(first)
        while True:  # form lines, date lines and title lines under the title, in any order
            nxt = _title_lines_end(text, _after_date_lines(text, _form_lines_end(text, end)))
            if nxt == end:
                return end
            end = nxt
    # a header line at the very top of a long first paragraph
    m = re.match(
        r"\s*(?:Case|Testimony|Account)\s*(?:No\.?\s*)?\d+[^.\n]{0,140}?(?:\b(?:19|20)\d\d\b\)?\.?|"
        r"Province\b\.?)", first)
    return m.end() if m else 0


# one line of a form: "Year of Birth: 1971", "고향: 회령", "(Female, name changed)"
_FORM_LINE = re.compile(r"[\w][\w ().'’-]{0,29}[:：]\s*\S|\([^()]{1,80}\)$")


# a question or an answer of an interview: the story, however short ("Q: Were you sold? A: Yes.")
_QA_LINE = re.compile(r"(?:Q|A|Question|Answer|Interviewer|질문|답변?|문|기자)\s*[:：.]\s", re.I)


def _form_lines_end(text: str, end: int) -> int:
    """The header's end, taking in the short form lines that follow its first paragraph.

    Text read from a PDF keeps each form line ("Name: …", "Year of Birth: 1971", "Home: …")
    as a paragraph of its own; they belong to the header, not to the story.
    """
    while True:
        m = re.match(r"\s*\n\n([^\n]+)", text[end:])
        if not m or m.group(1) == text[end:].strip():
            return end
        line = m.group(1).strip()
        if len(line) > 120 or _NARRATIVE.search(line) or not _FORM_LINE.match(line) or \
                _QA_LINE.match(line):
            return end
        end += m.end()


# form fields at the top of a story whose lines were joined ("… Name: Choi Birth date: 1969
# Hometown: Hyesan It is …"): the labels with a colon are unambiguous
_FIELD_BORN = rules.fast_compile(
    r"\b(?:[Bb]irth\s*(?:date|year)|[Dd]ate\s+of\s+birth|[Yy]ear\s+of\s+birth|"
                         r"[Bb]orn)\s*[:：]\s*(?:\w+\s+){0,2}?(?P<y>19[2-9]\d|20[0-2]\d)\b")
_FIELD_FROM = rules.fast_compile(r"\b(?:[Hh]ometown|[Hh]ome\s+town|[Bb]irthplace|[Pp]lace\s+of\s+"
                         r"(?:birth|origin))\s*[:：]\s*(?P<p>[A-Z][\w'’ŏŭĕ\-]+(?:\s+[A-Z][\w'’ŏŭ\-]+)?)")


_FIELD_REACH = 600  # how far from the top a labelled form field is read
# a form's name field ("Name: Ri Ok-hwa", "Interviewee: Ms. Pak"): Korean order or Western
_NAME_FIELD = rules.fast_compile(
    r"\b(?:[Nn]ame|[Ii]nterviewee|[Nn]arrator)\s*[:：]\s*(?:(?:Ms|Mrs|Miss)\.?\s+)?"
    r"(?P<n>[A-Z][a-z]+(?:[\s-][A-Za-z][a-z]+){0,2})")
# "고향: 함경남도 함흥" as a line of its own, wherever the header was judged to end
_KO_FROM_LABEL = re.compile(
    r"(?:^|\n|/\s?)\s*(?:고향|출신지|출신)\s*[:：]\s*(?P<p>[가-힣]+(?:\s[가-힣]+)?)")
# a form's home field whose place the gazetteer does not know: "Home: Sopo District, Kangwondo,
# North Korea" is kept as written (up to the country)
_HOME_FIELD = rules.fast_compile(
    r"\b(?:[Hh]ome(?:\s*town)?|[Bb]irthplace)\s*[:：]\s*(?P<p>[A-Z][\w'’ŏŭ\-]+(?:,?\s+"
    r"(?!(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+\s*[:：])[A-Z][\w'’ŏŭ\-]+){0,3}?),?\s+North\s+Korea\b")


def _field_surname(head: str) -> tuple[str, int, int] | None:
    """Her surname from a form's name field (the first or last word that is a Korean surname)."""
    m = _NAME_FIELD.search(head)
    if not m:
        return None
    words = [(w.group(), m.start("n") + w.start()) for w in re.finditer(r"[A-Za-z]+",
                                                                         m.group("n"))]
    known = set(KOREAN_SURNAMES)
    for w, at in (words[0], words[-1]):
        if w in known:
            return w, at, at + len(w)
    return None


def parse_header(text: str) -> HeaderFacts:
    """Person facts stated in the header lines of a cleaned testimony (spans are cleaned
    offsets)."""
    end = header_end(text)
    head = text[:end]
    out = HeaderFacts(end=end)
    m = _TITLE_NAME.search(head)
    if m:
        out.surname = (m.group("s"), m.start("s"), m.end("s"))
    else:
        m = _KO_NAME.search(head)
        if m:
            g = "n" if m.group("n") else "n2"
            out.surname = (m.group(g)[0], m.start(g), m.start(g) + 1)
    m = _BORN.search(head) or _KO_BORN.search(head)
    if m:
        g = "y" if m.group("y") else "y2"
        out.birth_year = (int(m.group(g)), m.start(g), m.end(g))
    m = next((x for x in _LIVING.finditer(head)
              if not _PAST_PLACE.search(head[max(0, x.start() - 30):x.start("p")])),
             None) or _PROVINCE_NAMED.search(head)
    if m and _PAST_PLACE.search(head[max(0, m.start() - 30):m.start("p")]):
        m = None  # "previously interviewed in Liaoning": not where she lives now
    if m:
        out.province_china = (_province_name(m.group("p")), m.start("p"), m.end("p"))
    else:
        m = _KO_LIVING.search(head)
        if m:
            out.province_china = (_province_name(m.group("p")), m.start("p"), m.end("p"))
    for rx, groups in ((_FROM, ("p",)), (_KO_FROM, ("p", "p2"))):
        for m in rx.finditer(head):
            g = next(x for x in groups if m.group(x))
            place = nk_place(m.group(g))
            if place:
                out.origin_nk = (place[0], m.start(g) + place[1], m.start(g) + place[2])
                break
        if out.origin_nk:
            break
    # labelled fields near the top, wherever the header was judged to end (a PDF's running title
    # above them, or the story glued to the last field): "Birth date: 1969", "Hometown: …"
    top = text[:max(end, _FIELD_REACH)]
    if out.surname is None:
        out.surname = _field_surname(top)
    if out.origin_nk is None:
        m = _HOME_FIELD.search(top)
        if m and not nk_place(m.group("p")):
            out.origin_nk = (m.group("p"), m.start("p"), m.end("p"))
    if out.origin_nk is None:  # "고향: 함경남도 함흥" on a case note's first line
        m = _KO_FROM_LABEL.search(top)
        place = nk_place(m.group("p")) if m else None
        if m and place:  # (as written, province and all)
            out.origin_nk = (m.group("p"), m.start("p"), m.end("p"))
    m = _FIELD_BORN.search(top)
    if m and out.birth_year is None:
        out.birth_year = (int(m.group("y")), m.start("y"), m.end("y"))
    m = _FIELD_FROM.search(top)
    place = nk_place(m.group("p")) if m else None
    if m and place and out.origin_nk is None:
        out.origin_nk = (place[0], m.start("p") + place[1], m.start("p") + place[2])
    if end == 0:
        return out
    y = _INTERVIEW_YEAR.search(head)
    out.interview_year = int(y.group("y")) if y else None
    if out.birth_year is None and out.interview_year is not None:
        out.birth_year = _born_from_age(head, out.interview_year)
    if out.origin_nk is None or is_province(out.origin_nk[0]):
        # "b. 1988, Sinuiju", "고향: 함경북도 회령": the most specific North Korean place in the
        # header
        places = [p for p in find_nk_places(head) if not is_province(p[0])]
        if places and not re.search(r"(?:interview|면담)\w*\s*(?:in|at|장소)?\s*[:：]?\s*$",
                                    head[:places[0][1]], re.I):
            out.origin_nk = places[0]
    return out


# her age in the header ("Mrs. Park (34)", "age 26", "41 years old", "나이: 29", "김모(34)") and the
# year she was interviewed ("Interviewed in 2005", "Interview: Harbin, August 2005", "면담: 2016년")
_HEAD_AGE = re.compile(
    r"\((?:age[d]?\s*)?(?P<a>\d\d)(?:세|살)?(?:\s*[,;)]|\s*\))|\b(?:age[d]?|나이)\s*[:：]?\s*(?P<b>\d\d)\b"
    r"|\b(?P<c>\d\d)\s*(?:years?\s+old\b|-year-old\b|세|살)|^[^,\n]{2,40},\s*(?P<d>\d\d),", re.I)
_INTERVIEW_YEAR = re.compile(
    r"(?:interview\w*|면담\w*|구술\w*)(?![^.\n]{0,40}?\b(?:before|earlier|previously|이전))"
    r"[^.\n]{0,40}?(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)", re.I)


def _born_from_age(head: str, year: int) -> tuple[int, int, int] | None:
    """Her birth year from her age and the year of the interview (``year``), both stated in the
    header (the contract's "computed from a stated age at a dated moment"); the span is the age."""
    a = _HEAD_AGE.search(head)
    if not a:
        return None
    g = next(k for k in "abcd" if a.group(k))
    age = int(a.group(g))
    if not 12 <= age <= 90 or not 1990 <= year <= 2035:
        return None
    return year - age, a.start(g), a.end(g)


def _province_name(p: str) -> str:
    from casebook.extract.places import china_province

    return china_province(p) or p
