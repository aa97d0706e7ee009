"""One row of a coding sheet → a testimony's text, its person and the values of its coded columns.

The testimony text is the row itself: the free-text columns first, then every other filled
cell as "header: value", so nothing in the row is lost and every coded fact points at the
cell it came from (its evidence span). Values that cannot be read as the mapping says are
kept in the text and listed as unmapped, each with the file, sheet, row and column.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from casebook.intake.mapping import Column, Mapping
from casebook.intake.sheets import Row, Sheet
from casebook.model import Evidence
from casebook.vocab.vocabulary import normalise


@dataclass
class Unmapped:
    """A cell value that did not become a fact or field (it stays in the testimony text)."""

    where: str  # file, sheet, row, column
    column: str
    value: str
    reason: str
    show: bool = True  # False when the value may be a name or a place: never printed

    def line(self) -> str:
        value = repr(self.value) if self.show else "the value"
        return f"{self.where}: {value} {self.reason}"

    def to_dict(self) -> dict[str, str]:
        out = {"where": self.where, "column": self.column, "reason": self.reason}
        return out | ({"value": self.value} if self.show else {})


PRIVATE_KEYS = ("surname", "province_china", "origin_nk")  # names and places: never printed


@dataclass
class CodedRow:
    number: int
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@functools.cache
def value_words() -> dict[str, dict[str, str]]:
    """``values.toml`` as {table: {normalised word: value}}."""
    raw = tomllib.loads(resources.files("casebook.intake.data").joinpath("values.toml")
                        .read_text(encoding="utf-8"))
    return {table: {normalise(w): value for value, words in entries.items() for w in words}
            for table, entries in raw.items() if isinstance(entries, dict)}


def split_values(cell: str, separator: str, uwazi: bool = False) -> list[str]:
    """Pieces of a multi-valued cell; an Uwazi ``Group::Term`` keeps the whole label."""
    pieces = [p.strip() for p in cell.split(separator)] if separator else [cell.strip()]
    return [p for p in pieces if p]


def code_of(piece: str, column: Column, uwazi: bool = False) -> str | None:
    """The vocabulary code a cell value stands for: the mapping's table first, then the labels
    and synonyms of the vocabulary. An Uwazi ``Group::Term`` is matched by its term (or the
    whole label); a term Casebook does not know is not rolled up into its group."""
    if piece in column.values:
        return column.values[piece] or None
    vocab_name = column.target.vocab
    if not vocab_name:
        return None
    from casebook.vocab import load

    vocab = load(vocab_name)
    candidates = [piece]
    if uwazi and "::" in piece:
        term = piece.split("::", 1)[1]
        candidates = [term, piece]
    for c in candidates:
        if c in column.values:
            return column.values[c] or None
        code = vocab.match(c)
        if code:
            return code
    return None


def _number(value: str) -> int | None:
    """"3", "3회", "1982년", "three", "두 번" → the whole number they state."""
    from casebook.extract.numbers import small_number

    m = re.search(r"\d+", value.replace(",", ""))
    if m:
        return int(m.group())
    word = re.sub(r"\s*(?:번|회|차례|명|times?)$", "", value.strip(), flags=re.IGNORECASE)
    return small_number(word) if word else None


def _year_month(value: str) -> tuple[int | None, int | None]:
    m = re.match(r"\s*((?:19|20)\d\d)(?:\s*(?:[-./년]|년\s*)\s*(\d{1,2}))?", value)
    if not m:
        return None, None
    month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
    return int(m.group(1)), month


class RowReader:
    """Reads the rows of one sheet with one mapping."""

    def __init__(self, sheet: Sheet, mapping: Mapping) -> None:
        self.sheet, self.mapping = sheet, mapping
        self.uwazi = mapping.format == "uwazi"

    def read(self, row: Row) -> CodedRow:
        text, spans = self.render(row)
        out = CodedRow(row.number, text)
        for header, cell in row.cells.items():
            column = self.mapping.columns.get(header)
            if column is None or column.to in ("text", "ignore"):
                if column is None and header not in self._text_columns():
                    out.unmapped.append(Unmapped(self.sheet.where(row.number, header), header,
                                                 cell, "is in a column the mapping does not name",
                                                 show=False))
                continue
            if column.to == "drop":
                out.dropped.append(header)
                continue
            self._cell(out, header, cell, column, spans.get(header))
        self._finish_sales(out)
        return out

    def _text_columns(self) -> list[str]:
        return [h for h, c in self.mapping.columns.items() if c.to == "text"]

    def render(self, row: Row) -> tuple[str, dict[str, tuple[int, int]]]:
        """The testimony text: free text, then "[sheet #row]" and "header: value" lines."""
        parts = [row.cells[h] for h in self._text_columns() if row.cells.get(h)]
        narrative = "\n\n".join(parts)
        label = f"[{self.sheet.name or 'sheet'} #{row.number}]"
        text = (narrative + "\n\n" if narrative else "") + label
        spans: dict[str, tuple[int, int]] = {}
        for header in self.sheet.headers:
            column = self.mapping.columns.get(header)
            cell = row.cells.get(header)
            if not cell or (column and column.to in ("text", "drop")):
                continue
            text += f"\n{header}: "
            spans[header] = (len(text), len(text) + len(cell))
            text += cell
        return text, spans

    def evidence(self, out: CodedRow, span: tuple[int, int] | None, piece: str | None = None
                  ) -> Evidence | None:
        if span is None:
            return None
        start, end = span
        if piece:
            at = out.text.find(piece, start, end)
            if at >= 0:
                start, end = at, at + len(piece)
        return Evidence.of(out.text, start, end)

    def _cell(self, out: CodedRow, header: str, cell: str, column: Column,
              span: tuple[int, int] | None) -> None:
        target = column.target
        where = self.sheet.where(out.number, header)

        key = target.key
        private = key in PRIVATE_KEYS or target.kind == "meta" and key not in (
            "sex", "language", "consent", "interview_date")

        def miss(value: str, reason: str) -> None:
            out.unmapped.append(Unmapped(where, header, value, reason, show=not private))

        if target.kind == "meta":
            self._meta(out, key, cell, column, miss)
            return
        if self.uwazi and header.endswith("_geolocation"):
            out.unmapped.append(Unmapped(where, header, cell, "is a geolocation (Casebook's "
                                         "gazetteer has no coordinates)", show=False))
            return
        if key == "sale_amount":
            self._amounts(out, cell, column, span, miss)
            return
        if key == "sales":
            self._sales_cell(out, cell, span, miss)
            return
        if key == "sale_currency":
            from casebook.vocab import normalise_currency

            currency = normalise_currency(cell)
            if currency:
                out.values["_currency"] = currency
            else:
                miss(cell, "is not a currency")
            return
        if target.vocab:
            codes: list[str] = []
            pieces = split_values(cell, self.mapping.separator(header)) if target.multi else [cell]
            for piece in pieces:
                code = code_of(piece, column, self.uwazi)
                if code is None:
                    miss(piece, f"has no {target.vocab} code in the mapping")
                    continue
                if code not in codes:
                    codes.append(code)
                    out.evidence[f"{key}={code}"] = self.evidence(out, span, piece)  # type: ignore[assignment]
            if codes and target.multi:  # several columns (Uwazi __en/__ko) may name one key
                merged = out.values.get(key, [])
                self._set(out, key, merged + [c for c in codes if c not in merged], span)
            elif codes:
                self._set(out, key, codes[0], span)
            return
        if key == "first_crossing_date":
            year, month = _year_month(cell)
            if year is None:
                miss(cell, "is not a year (YYYY or YYYY-MM)")
                return
            self._set(out, "first_crossing_year", year, span)
            if month:
                self._set(out, "first_crossing_month", month, span)
            return
        if target.number:
            n = _number(cell)
            if n is None or (key.endswith("year") and not 1900 <= n <= 2100) or \
                    (key.endswith("month") and not 1 <= n <= 12):
                miss(cell, "is not a number Casebook can use here")
                return
            self._set(out, key, n, span)
            return
        value = self._place_or_text(key, cell)
        if value is None:
            miss(cell, f"is not a known {key.replace('_', ' ')}")
            return
        self._set(out, key, value, span)

    def _set(self, out: CodedRow, key: str, value: Any, span: tuple[int, int] | None) -> None:
        out.values[key] = value
        if span is not None and key not in out.evidence:
            out.evidence[key] = self.evidence(out, span)  # type: ignore[assignment]

    def _place_or_text(self, key: str, cell: str) -> str | None:
        if key == "province_china":
            from casebook.extract.places import china_province

            return china_province(cell)
        if key == "origin_nk":
            from casebook.extract.places import nk_place

            place = nk_place(cell)
            return place[0] if place else cell.strip()
        if key == "crossing_river":
            return value_words()["crossing_river"].get(normalise(cell))
        return cell.strip()

    def _meta(self, out: CodedRow, key: str, cell: str, column: Column, miss: Any) -> None:
        if key in ("sex", "language"):
            value = column.values.get(cell) or value_words()[key].get(normalise(cell))
            if value:
                out.meta[key] = value
            else:
                miss(cell, "is not female or male" if key == "sex" else "is not en or ko")
        elif key == "consent":
            self._consent(out, cell, column, miss)
        elif key == "interview_date":
            date = re.sub(r"\s*[./년월]\s*", "-", cell.strip()).strip("-일 ")
            if re.fullmatch(r"\d{4}(?:-\d{1,2}){0,2}", date):
                out.meta["interview_date"] = date
            else:
                miss(cell, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        else:
            out.meta[key] = cell.strip()

    def _consent(self, out: CodedRow, cell: str, column: Column, miss: Any) -> None:
        """Scopes named in the cell, or, for a yes/no column, the scope its mapping names."""
        from casebook.model.consent import check_scope
        from casebook.vocab import load

        scopes = out.meta.setdefault("consent", [])
        answer = value_words()["yes_no"].get(normalise(cell))
        granted = column.values.get("yes")
        if granted and answer is not None:
            if answer == "yes":
                scopes.extend(s.strip() for s in granted.split(";") if s.strip())
            return
        for piece in split_values(cell.replace("|", ";").replace(",", ";"), ";"):
            if "::" in piece:  # Uwazi "Share with an organisation::Bridge of Light"
                group, term = (p.strip() for p in piece.split("::", 1))
                if load("consent_scope").match(group) == "share_with" and term:
                    scopes.append(f"share_with:{term}")
                    continue
            mapped = column.values.get(piece)
            if mapped is not None:
                scopes.extend(s.strip() for s in mapped.split(";") if s.strip())
                continue
            code = load("consent_scope").match(piece)
            try:
                scopes.append(check_scope(piece if code is None or ":" in piece else code))
            except ValueError:
                miss(piece, "is not a consent scope (aggregate_statistics, anonymous_quotation, "
                            "legal_proceedings, share_with:ORG)")

    def _amounts(self, out: CodedRow, cell: str, column: Column, span: tuple[int, int] | None,
                 miss: Any) -> None:
        from casebook.extract.numbers import find_money

        found = find_money(cell)
        sales = out.values.setdefault("_amounts", [])
        if found:
            for m in found:
                if not m.converted:
                    where = self.evidence(out, span, cell[m.start:m.end])
                    sales.append((m.value, m.currency, where))
            return
        for piece in re.split(r"[;|/]", cell):
            n = re.sub(r"[,\s]", "", piece)
            if re.fullmatch(r"\d+(?:\.\d+)?", n):
                sales.append((float(n), column.currency,
                              self.evidence(out, span, piece.strip())))
            elif piece.strip():
                miss(piece.strip(), "is not an amount of money")

    def _sales_cell(self, out: CodedRow, cell: str, span: tuple[int, int] | None,
                    miss: Any) -> None:
        """Casebook's own sales format: "3000 RMB; 1999; korean_chinese; marriage | …"."""
        from casebook.vocab import load, normalise_currency

        for entry in split_values(cell, "|"):
            parts = [p.strip() for p in entry.split(";")] + ["", "", ""]
            m = re.fullmatch(r"([\d.]+)\s+(\S+)", parts[0])
            currency = normalise_currency(m.group(2)) if m else None
            if not m or currency is None:
                miss(entry, "is not \"amount currency; year; buyer; purpose\"")
                continue
            sale = {"amount": float(m.group(1)), "currency": currency,
                    "year": int(parts[1]) if parts[1].isdigit() else None,
                    "buyer": load("buyer").match(parts[2]) if parts[2] else None,
                    "purpose": load("sale_purpose").match(parts[3]) if parts[3] else None}
            sales = out.values.setdefault("_sales", [])
            sales.append(sale)
            out.evidence[f"sales.{len(sales) - 1}"] = self.evidence(out, span, entry)  # type: ignore[assignment]

    def _finish_sales(self, out: CodedRow) -> None:
        """Amounts, currency, year, buyer and purpose columns make the row's sales."""
        amounts = out.values.pop("_amounts", [])
        currency = out.values.pop("_currency", None)
        buyer, purpose = out.values.pop("buyer", None), out.values.pop("sale_purpose", None)
        year = out.values.pop("sale_year", None)
        sales = out.values.pop("_sales", [])
        for n, (value, cur, evidence) in enumerate(amounts):
            cur = cur or currency
            if cur is None:
                out.unmapped.append(Unmapped(f"{self.sheet.where(out.number)}", "sale_amount",
                                             f"{value:g}", "has no currency (add a currency "
                                             "column or currency = \"RMB\" to the mapping)"))
                continue
            first = n == 0  # buyer and purpose columns describe the row's first sale
            sales.append({"amount": value, "currency": cur, "year": year,
                          "buyer": buyer if first else None, "purpose": purpose if first else None})
            if evidence is not None:
                out.evidence[f"sales.{len(sales) - 1}"] = evidence
        if not sales and (buyer or purpose):  # a sale without a price is still a sale
            sales.append({"amount": None, "currency": None, "year": year, "buyer": buyer,
                          "purpose": purpose})
            ev = out.evidence.get(f"buyer={buyer}") or out.evidence.get(f"sale_purpose={purpose}")
            if ev is not None:
                out.evidence["sales.0"] = ev
        if sales:
            out.values["sales"] = sales
