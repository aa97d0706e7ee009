"""An interview's short answer borrows its question: "Q: Were you sold to a Chinese man?" /
"A: Yes, for 5,000 yuan." tells a sale that neither sentence tells alone.

The question is turned into her own statement ("I was sold to a Chinese man") and read with the
language module; its cues are placed on the answer's first word, as fact after "Yes" and denied
after "No". Counted answers to arrest and return questions ("Twice.") are read by the walk
(``walk._qa_count``); this adds every other kind the question names (sale, violence, children,
papers, exploitation …). English only: Korean answers borrow their question in ``korean``.
"""

from __future__ import annotations

import re

from casebook.extract.cues import Cue
from casebook.extract.negation import DENIED, FACT

# "A: Yes, …", "Ryu: No.", "Yes."
_ANSWER = re.compile(
    r"^\s*(?:(?:A|Answer)\s*[:.]\s*|(?:(?:Ms|Mrs|Miss)\.?\s+)?[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+)?"
    r"\s*:\s*)?(?:(?P<yes>Yes|Yeah|Yep|That's\s+right|Right)|(?P<no>No|Never|Not\s+at\s+all))\b")
_LABEL = re.compile(r"^\s*(?:Q|Question|Interviewer|[A-Z][a-z]+)\s*[:.]\s*")
# "Were you (ever) sold", "Did your husband beat you", "Have you been arrested"
_INVERTED = re.compile(
    r"^(?P<aux>did|do|does|were|was|are|have|has|had)\s+(?P<subj>you|your\s+(?:[\w-]+\s+){0,2}?"
    r"(?:husband|broker|man|family|mother-in-law|father-in-law|buyer|boss|owner|trafficker|"
    r"police|employer)|the\s+(?:[\w-]+\s+){0,2}?(?:man|broker|police|husband|family|buyer|"
    r"trafficker|owner|boss)|he|they|anyone|someone)\s+(?:ever\s+)?", re.I)
_BE = {"were": "was", "was": "was", "are": "am"}
_PAST = {"have": "had", "beat": "beat", "hit": "hit", "sell": "sold", "buy": "bought",
         "give": "gave", "get": "got", "take": "took", "bear": "bore", "make": "made",
         "keep": "kept", "lock": "locked", "rape": "raped", "force": "forced", "threaten":
         "threatened", "deceive": "deceived", "marry": "married", "cross": "crossed", "pay":
         "paid", "send": "sent", "catch": "caught", "arrest": "arrested", "work": "worked",
         "go": "went", "come": "came", "run": "ran", "leave": "left", "tell": "told", "lie": "lied",
         "drug": "drugged", "confine": "confined", "report": "reported", "abuse": "abused"}


# "Yes, a son." / "Yes, two daughters.": the children a yes names (to a question about children)
_HOW_MANY_KIDS = re.compile(
    r"[,.;:]?\s*(?P<kids>(?:a|an|one|two|three|four|\d)\s+(?:(?:little|baby|young)\s+)?"
    r"(?:sons?|daughters?|boys?|girls?|child|children|kids?|babies|baby))\b", re.I)
_ANY_KIDS = re.compile(r"\b(?:any\s+|some\s+)?(?:children|kids|a\s+child|a\s+baby|babies)\b", re.I)


def statement(question: str) -> str | None:
    """Her statement a yes/no question to her asks about ("Did your husband beat you?" → "my
    husband beat me"), or None when it is not one."""
    q = _LABEL.sub("", question.strip()).rstrip("?").strip()
    m = _INVERTED.match(q)
    if not m or not re.search(r"\byou\b|\byour\b", q, re.I):
        return None
    aux, subj, rest = m.group("aux").lower(), m.group("subj"), q[m.end():]
    if subj.lower() == "you":
        if aux in _BE:
            head = "I " + _BE[aux]
        elif aux in ("have", "has", "had"):
            head = "I have"
        else:  # "did you have children" → "I had children"; "do you have a hukou" → "I have …"
            verb, _, tail = rest.partition(" ")
            head, rest = "I " + (_PAST.get(verb.lower(), verb) if aux == "did" else verb), tail
    else:
        who = re.sub(r"\byour\b", "my", subj, flags=re.I)
        if aux in _BE or aux in ("have", "has", "had"):
            head = who + " " + ("was" if aux in _BE else "had")
        else:
            verb, _, tail = rest.partition(" ")
            head, rest = who + " " + (_PAST.get(verb.lower(), verb) if aux == "did" else
                                      verb + ("s" if aux == "does" else "")), tail
    rest = re.sub(r"\byou\b", "me", rest, flags=re.I)
    rest = re.sub(r"\byour\b", "my", rest, flags=re.I)
    rest = re.sub(r"\byourself\b", "myself", rest, flags=re.I)
    return f"{head} {rest}".strip() + "."


def borrowed(answer: str, question: str, analyse) -> list[Cue]:
    """Cues the answer takes from its question, on the answer's Yes/No (``analyse`` reads one
    sentence of her own telling)."""
    m = _ANSWER.match(answer)
    if not m or not question.rstrip().endswith("?"):
        return []
    said = statement(question)
    if said is None:
        return []
    word = "yes" if m.group("yes") else "no"
    start, end = m.start(word), m.end(word)
    kids = _HOW_MANY_KIDS.match(answer, m.end()) if word == "yes" else None
    if kids and _ANY_KIDS.search(said):
        # "Did you have children in China?" / "Yes, a son.": the answer says how many
        said = _ANY_KIDS.sub(kids.group("kids"), said, count=1)
    out = []
    for c in analyse(said):
        if c.status != FACT:
            continue  # "Were you never sold?": no answer makes that plain
        out.append(Cue(c.kind, start, end, c.code, FACT if word == "yes" else DENIED, c.value,
                       dict(c.extra)))
    return out
