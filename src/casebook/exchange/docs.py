"""docs/htcds-field-map.md, generated from the exchange data and the vocabularies.

    python -m casebook.exchange.docs --write docs/htcds-field-map.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from casebook.exchange.htcds import _owners, reverse_index, rules, two_way_codes
from casebook.exchange.kanon import ctdc_rules
from casebook.extract.profile import PROFILE_KEYS

SCALARS = [
    ("ID", ("a pseudonymous number: `casebook-person-N` inside the organisation, 1…n in a "
           "shuffled order when the export leaves it"), "—"),
    ("org_Name", "the testimony's organisation", "both ways"),
    ("con_Consent", "`true` (only survivors whose consent allows the export are in it)",
     ("import: `false` gives the row no consent whatever `--consent` says; `true` takes the "
     "scopes of `--consent`")),
    ("prs_Gender", "the person's sex (`female` → Feminine, `male` → Masculine)", "both ways"),
    ("prs_Birthdate", "`birth_year`, written `YYYY` (the year is all Casebook keeps)",
     "both ways (year)"),
    ("prs_Citizenship", "`KP` for every survivor (Casebook documents North Korean women)",
     "import: any other value is listed, not imported"),
    ("vic_AgeWhenTrafficked", "`first_crossing_year` − `birth_year`",
     "export only (derived; import reads the two it comes from)"),
    ("hte_Type, hte_Date, hte_Country", "her first crossing: `Transit`, `YYYY` or `YYYY-MM`, `CN`",
     "both ways (`first_crossing_year`, `first_crossing_month`)"),
]


def _direction(key: str, code: str, entries: frozenset[str]) -> str:
    if code in two_way_codes().get(key, set()):
        return "both ways"
    back = reverse_index().get("|".join(sorted(entries)))
    others = [f"`{k}` `{c}`" for k, c in _owners()[entries] if (k, c) != (key, code)]
    if back == (key, code):
        return "imports as itself; " + ", ".join(others) + " export the same value and come " \
               "back as this code"
    if back:
        return f"export only: comes back as `{back[0]}` `{back[1]}`"
    return "export only: " + ", ".join(others) + " export the same value, so it is not imported"


def render() -> str:
    from casebook.vocab import load

    out = ["# HTCDS field map", "",
           ("Generated from `src/casebook/exchange/data/htcds.toml` and the vocabularies by "
           "`python -m casebook.exchange.docs --write docs/htcds-field-map.md`; a test fails when "
           "it is out of date. HTCDS is the Human Trafficking Case Data Standard v2.0 "
           "(UNMigration/HTCDS, IOM/CTDC); field and value names are the standard's own."), "",
           ("`casebook export --format htcds` writes one row per survivor from her **accepted** "
           "facts only; `casebook import FILE --format htcds` reads such rows back as suggested "
           "facts (`source = htcds`). \"Both ways\" means export → import → review gives back the "
           "same accepted fact (`tests/interop/test_htcds.py` checks it for every such field)."),
           "", "## Person, case and first crossing", "",
           "| HTCDS field | from Casebook | direction |", "|---|---|---|"]
    out += [f"| `{f}` | {src} | {way} |" for f, src, way in SCALARS]
    out += ["", "## Coded fields (through the vocabularies' `htcds` mappings)", "",
            "| profile key | code | HTCDS values | direction |", "|---|---|---|---|"]
    not_expressed: dict[str, list[str]] = {}
    for key, vocab_name in rules()["vocab_keys"].items():
        for term in load(vocab_name):
            entries = frozenset(e for e in term.mappings.get("htcds", ()) if "=" in e)
            if not entries:
                not_expressed.setdefault(key, []).append(term.code)
                continue
            values = "<br>".join(f"`{e}`" for e in sorted(entries))
            way = _direction(key, term.code, entries)
            out.append(f"| `{key}` | `{term.code}` | {values} | {way} |")
    choices = rules()["import_as"]
    out += ["", "An HTCDS value that several codes export to imports as the code "
            "`[import_as]` names: " + "; ".join(f"`{e}` → `{t}`" for e, t in choices.items())
            + ". Any other HTCDS value with no code (e.g. `ChildLabour`, `Acquainted`) is listed "
              "at import with its file, row and column, and stays in the testimony's text.", "",
            "## What HTCDS cannot express", "",
            "These stay in Casebook; an HTCDS export leaves them out:", ""]
    expressed = {"birth_year", "first_crossing_year", "first_crossing_month",
                 *rules()["vocab_keys"]}
    for key in PROFILE_KEYS:
        if key not in expressed:
            out.append(f"- `{key}`" + {
                "surname": ": never exported (HTCDS guidance: keep the ID-to-name list apart)",
                "province_china": ": HTCDS places are addresses or organisations, not a province "
                                  "she lives in",
                "origin_nk": ": no field for where she is from",
                "crossing_river": ": no field",
                "times_sold": ": no count of sales",
                "sales": ": no prices, buyers or sale purposes",
                "children_in_china": ": `prs_NumberOfChildren` counts all her children, not "
                                     "those born in China",
                "arrested_in_china": ": no field", "repatriated": ": no field",
                "nk_detention": ": no field for detention after repatriation",
            }.get(key, ""))
    for key, codes in not_expressed.items():
        out.append(f"- `{key}` codes with no HTCDS value: " + ", ".join(f"`{c}`" for c in codes))
    r = ctdc_rules()
    out += ["", "## When the export leaves the organisation (CTDC k-anonymisation)", "",
            (f"With `--for ORG` (only survivors whose consent names ORG are read) the rows "
             f"are generalised and k-anonymised as CTDC does for its Global Dataset "
             f"(k = {r['k']}):"), "",
            "- dropped: " + ", ".join(f"`{c}`" for c in r["drop"]) + f"; `{r['age_column']}` "
            "(CTDC's age bands: " + ", ".join(f"`{b[2]}`" for b in r["age_bands"])
            + ") takes the place of the exact age;",
            "- dates: " + ", ".join(f"`{c}`" for c in r["date_to_year"]) + " to the year;",
            f"- every column is a quasi-identifier; a row whose combination is shared by fewer "
            f"than {r['k']} rows has its values redacted to `{r['redacted']}`, column by column "
            "in this order, until it is: " + ", ".join(f"`{c}`" for c in r["suppress_order"])
            + ";",
            ("- a row still alone with everything redacted is left out; IDs are renumbered in a "
            "shuffled order. The export line and the audit log say how many rows were left out "
            "and how many values were redacted."), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    text = render()
    if args[:1] == ["--write"] and len(args) == 2:
        Path(args[1]).write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
