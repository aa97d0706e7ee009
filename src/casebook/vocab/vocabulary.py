"""Controlled vocabularies: versioned TOML files under ``vocab/data/``, loaded once.

Codes are ours (snake_case, stable, what the database stores); labels are Korean and English;
mappings say what each code means in the external standards (HTCDS, CTDC, GBVIMS, Palermo)
so that exports can be translated without guessing. A mapping that names a field or value the
standard does not have is a data error and fails at load time.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from casebook.errors import InvalidInput

STANDARDS = ("htcds", "ctdc", "gbvims", "palermo")
"""Standards a term may map to, in the order the docs list them."""

Lang = Literal["en", "ko"]

_DATA = "casebook.vocab.data"
_NOT_VOCABULARIES = {"standards", "gazetteer"}


@dataclass(frozen=True)
class Term:
    """One code of a vocabulary with its labels, signal words and standard mappings."""

    code: str
    en: str
    ko: str
    description_en: str | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_ko: tuple[str, ...] = ()
    mappings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    """How coding sheets write the code ("KC", "조선족"): matched as whole cell values, never
    searched for in testimony text (that is what the aliases are for)."""

    def label(self, lang: Lang = "en") -> str:
        if lang == "en":
            return self.en
        if lang == "ko":
            return self.ko
        raise ValueError(f"unknown label language {lang!r} (use 'en' or 'ko')")


@dataclass(frozen=True)
class Vocabulary:
    """A named, versioned list of terms."""

    name: str
    version: str
    terms: tuple[Term, ...]
    description: str = ""

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @functools.cached_property
    def _index(self) -> dict[str, Term]:
        return {t.code: t for t in self.terms}

    def term(self, code: str) -> Term:
        """The term for ``code``; InvalidInput naming the vocabulary when there is none."""
        try:
            return self._index[code]
        except (KeyError, TypeError):
            raise InvalidInput(
                f"vocabulary {self.name!r}: unknown code {code!r} "
                f"(expected one of: {', '.join(self.codes())})"
            ) from None

    def validate(self, code: str) -> str:
        """Return ``code`` unchanged if it belongs to this vocabulary, else raise InvalidInput."""
        self.term(code)
        return code

    def label(self, code: str, lang: Lang = "en") -> str:
        return self.term(code).label(lang)

    def aliases(self, lang: Lang | None = None) -> dict[str, str]:
        """Signal word → code, for extraction. ``lang=None`` merges English and Korean.

        A word listed under two codes keeps the first (file order), so the data decides.
        """
        out: dict[str, str] = {}
        for t in self.terms:
            words: tuple[str, ...] = ()
            if lang in (None, "en"):
                words += t.aliases_en
            if lang in (None, "ko"):
                words += t.aliases_ko
            for w in words:
                out.setdefault(w, t.code)
        return out

    def match(self, value: str) -> str | None:
        """The code a whole cell value names (code, label, synonym or alias), or None.

        Case, width, spaces and punctuation are ignored: "Korean-Chinese", "korean chinese"
        and "KC" name the same term when the data lists them.
        """
        return self._by_name.get(normalise(value))

    @functools.cached_property
    def _by_name(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for t in self.terms:  # labels and synonyms first, then signal words; file order decides
            for name in (t.code, t.en, t.ko, *t.synonyms):
                out.setdefault(normalise(name), t.code)
        for t in self.terms:
            for name in (*t.aliases_en, *t.aliases_ko):
                out.setdefault(normalise(name), t.code)
        out.pop("", None)
        return out

    def mapped(self, code: str, standard: str) -> tuple[str, ...]:
        """The mapping entries of ``code`` in ``standard`` (empty when none is sensible)."""
        if standard not in STANDARDS:
            raise ValueError(f"unknown standard {standard!r}")
        return tuple(self.term(code).mappings.get(standard, ()))


@functools.cache
def names() -> tuple[str, ...]:
    """Names of every bundled vocabulary, sorted."""
    found = []
    for entry in resources.files(_DATA).iterdir():
        stem, _, ext = entry.name.rpartition(".")
        if ext == "toml" and stem not in _NOT_VOCABULARIES:
            found.append(stem)
    return tuple(sorted(found))


@functools.cache
def load(name: str) -> Vocabulary:
    """Load (once) and check the vocabulary called ``name``."""
    if name not in names():
        raise InvalidInput(f"no vocabulary named {name!r} (known: {', '.join(names())})")
    filename = f"{name}.toml"
    raw = _read_toml(filename)
    where = f"vocab/data/{filename}"
    for key in ("name", "version"):
        if not isinstance(raw.get(key), str):
            raise InvalidInput(f"{where}: missing or non-text {key!r}")
    if raw["name"] != name:
        raise InvalidInput(f"{where}: name is {raw['name']!r}, expected {name!r}")
    terms = tuple(_term(entry, where) for entry in raw.get("term", []))
    if not terms:
        raise InvalidInput(f"{where}: no [[term]] entries")
    seen: set[str] = set()
    for t in terms:
        if t.code in seen:
            raise InvalidInput(f"{where}: code {t.code!r} appears twice")
        seen.add(t.code)
    return Vocabulary(raw["name"], raw["version"], terms, raw.get("description", ""))


def _term(entry: dict, where: str) -> Term:
    code = entry.get("code")
    if not isinstance(code, str) or not code:
        raise InvalidInput(f"{where}: a term has no code")
    for key in ("en", "ko"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise InvalidInput(f"{where}: term {code!r} has no {key!r} label")
    mappings = {}
    for standard, values in entry.get("mappings", {}).items():
        if standard not in STANDARDS:
            raise InvalidInput(f"{where}: term {code!r} maps to unknown standard {standard!r}")
        for value in values:
            if not mapping_is_known(standard, value):
                raise InvalidInput(
                    f"{where}: term {code!r}: {standard} has no field/value {value!r}"
                )
        mappings[standard] = tuple(values)
    return Term(
        code=code,
        en=entry["en"],
        ko=entry["ko"],
        description_en=entry.get("description_en"),
        aliases_en=tuple(entry.get("aliases_en", ())),
        aliases_ko=tuple(entry.get("aliases_ko", ())),
        mappings=mappings,
        synonyms=tuple(entry.get("synonyms", ())),
    )


def normalise(value: str) -> str:
    """A value as compared with labels: NFKC, case-folded, without spaces or punctuation."""
    import unicodedata

    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


@functools.cache
def standards() -> dict:
    """The field/value names of each external standard (``data/standards.toml``)."""
    return _read_toml("standards.toml")


def mapping_is_known(standard: str, entry: str) -> bool:
    """True when ``entry`` ("field=Value" or "field") exists in ``standard``."""
    spec = standards().get(standard)
    if spec is None:
        return False
    if "flags" in spec:  # CTDC: a flat list of 0/1 columns
        return entry in spec["flags"]
    fieldname, sep, value = entry.partition("=")
    allowed = spec.get("fields", {}).get(fieldname)
    if allowed is None:
        return False
    if not sep:  # a bare field is a flag/boolean: the field must have no picklist
        return not allowed
    return value in allowed


def _read_toml(filename: str) -> dict:
    data = resources.files(_DATA).joinpath(filename).read_bytes()
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"vocab/data/{filename}: not valid TOML ({exc})") from None
