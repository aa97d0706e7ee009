"""The mapping file: which column of a coding sheet becomes what, and which value is which code.

A mapping is TOML the user can read and edit (``casebook import FILE --plan`` proposes one):

    format = "sheet"            # or "uwazi" (| multiselect, Group::Term, _geolocation, __ko)
    sheet = "면담 기록"
    split = ";"                 # separator of several values in one cell

    [columns."착취 유형"]
    to = "exploitation"
    [columns."착취 유형".values]
    "강제결혼" = "forced_marriage"
    "식당 일" = ""              # not decided: kept in the record and listed, never a fact

Targets are the testimony-profile keys (they become suggested facts), a few person and
testimony fields, ``text`` (free text: the testimony) and ``ignore``.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from casebook.errors import InvalidInput

FORMATS = ("sheet", "uwazi")


@dataclass(frozen=True)
class Target:
    """What a column can become. ``vocab`` names the vocabulary its values are coded in."""

    key: str
    kind: str  # "text", "meta" (person/testimony field), "fact" (a profile key), "ignore"
    vocab: str | None = None
    multi: bool = False
    number: bool = False
    help: str = ""


_T = Target
TARGETS: dict[str, Target] = {t.key: t for t in [
    _T("text", "text", help="free text: the testimony (several text columns are joined)"),
    _T("id", "meta", help="the row's own case or record number (kept, used to recognise the row)"),
    _T("pseudonym", "meta", help="the name the casebook shows (never her real name)"),
    _T("sex", "meta", help="female / male"),
    _T("organisation", "meta"), _T("interviewer", "meta"),
    _T("interview_date", "meta", help="YYYY, YYYY-MM or YYYY-MM-DD"),
    _T("interview_place", "meta", help="city or country only"),
    _T("language", "meta", help="en or ko"),
    _T("consent", "meta", multi=True, help="scopes: aggregate_statistics, anonymous_quotation, "
                                             "legal_proceedings, share_with:ORG"),
    _T("surname", "fact"), _T("birth_year", "fact", number=True),
    _T("province_china", "fact", help="Chinese province where she lives (Jilin, 길림성…)"),
    _T("origin_nk", "fact", help="North Korean place she is from"),
    _T("first_crossing_year", "fact", number=True),
    _T("first_crossing_month", "fact", number=True),
    _T("first_crossing_date", "fact", help="YYYY or YYYY-MM of her first crossing"),
    _T("crossing_river", "fact", help="Tumen / Yalu (두만강 / 압록강)"),
    _T("recruitment", "fact", "recruitment", multi=True),
    _T("recruiter_relation", "fact", "recruiter_relation", multi=True),
    _T("times_sold", "fact", number=True),
    _T("sale_amount", "fact", multi=True, help="price of a sale, with its currency if written "
                                                 "(3,000 위안; RMB 5000)"),
    _T("sales", "fact", multi=True, help="Casebook's own sales cell: \"amount currency; year; "
                                          "buyer; purpose\", several joined with |"),
    _T("sale_currency", "fact", help="currency of the sale_amount column (RMB, USD, KPW…)"),
    _T("sale_year", "fact", number=True),
    _T("buyer", "fact", "buyer", help="who bought her (one sale per row)"),
    _T("sale_purpose", "fact", "sale_purpose"),
    _T("exploitation", "fact", "exploitation", multi=True),
    _T("violence", "fact", "violence", multi=True),
    _T("children_in_china", "fact", number=True),
    _T("arrested_in_china", "fact", number=True),
    _T("repatriated", "fact", number=True),
    _T("nk_detention", "fact", "nk_detention", multi=True),
    _T("hukou_or_id", "fact", "hukou"),
    _T("ignore", "ignore", help="not coded: its values are kept in the testimony record only"),
    _T("drop", "drop", help="never stored (real names, phone numbers, addresses); "
                            "listed in the import summary"),
]}


@dataclass
class Column:
    """How one column is read: its target and, for coded columns, value → code."""

    to: str
    values: dict[str, str] = field(default_factory=dict)
    split: str | None = None
    currency: str | None = None  # for sale_amount columns whose cells are bare numbers

    @property
    def target(self) -> Target:
        return TARGETS[self.to]


@dataclass
class Mapping:
    format: str = "sheet"
    sheet: str | None = None
    header_row: int | None = None
    split: str | None = None  # default: "|" for Uwazi CSVs, ";" for coding sheets
    language: str | None = None
    columns: dict[str, Column] = field(default_factory=dict)

    def separator(self, header: str) -> str:
        col = self.columns.get(header)
        return (col.split if col and col.split else None) or self.split or (
            "|" if self.format == "uwazi" else ";")


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every problem is reported in one message."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the mapping ({exc.strerror})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"{path}: not valid TOML ({exc})") from None
    return mapping_from_dict(raw, str(path))


def mapping_from_dict(raw: dict, where: str = "mapping") -> Mapping:
    problems: list[str] = []
    fmt = raw.get("format", "sheet")
    if fmt not in FORMATS:
        problems.append(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    mapping = Mapping(format=fmt, sheet=raw.get("sheet"), header_row=raw.get("header_row"),
                      split=raw.get("split"),
                      language=raw.get("language"))
    if mapping.language not in (None, "en", "ko"):
        problems.append(f"language {mapping.language!r} is not en or ko")
    for header, spec in (raw.get("columns") or {}).items():
        if isinstance(spec, str):
            spec = {"to": spec}
        if not isinstance(spec, dict) or not isinstance(spec.get("to"), str):
            problems.append(f"column {header!r}: needs to = \"<target>\"")
            continue
        if spec["to"] not in TARGETS:
            problems.append(f"column {header!r}: unknown target {spec['to']!r} "
                            f"(use one of: {', '.join(TARGETS)})")
            continue
        values = {str(k): str(v) for k, v in (spec.get("values") or {}).items()}
        target = TARGETS[spec["to"]]
        if target.vocab:
            from casebook.vocab import load

            vocab = load(target.vocab)
            for raw_value, code in values.items():
                if code and code not in vocab:
                    problems.append(f"column {header!r}: value {raw_value!r} → {code!r} is not a "
                                    f"{target.vocab} code ({', '.join(vocab.codes())})")
        currency = spec.get("currency")
        if currency is not None:
            from casebook.vocab import normalise_currency

            if not normalise_currency(str(currency)):
                problems.append(f"column {header!r}: currency {currency!r} is not one "
                                "Casebook knows")
            currency = normalise_currency(str(currency))
        mapping.columns[header] = Column(spec["to"], values, spec.get("split"), currency)
    if problems:
        raise InvalidInput(f"{where}: " + "; ".join(problems))
    return mapping


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML)."""
    return json.dumps(value, ensure_ascii=False)
