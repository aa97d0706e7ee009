"""Bar: an Uwazi CSV export imports; Casebook's Uwazi CSV export re-imports."""

from __future__ import annotations

import csv
import io
import random

from interop.test_htcds import fill, survivor

from casebook.exchange import uwazi
from casebook.exchange.export import ExportRequest
from casebook.extract.profile import profile
from casebook.intake.mapping import load_mapping
from casebook.intake.plan import propose, render_plan
from casebook.intake.sheets import read_sheet
from casebook.intake.spreadsheet import SheetImport, import_sheet, prepare_rows, store_prepared

# The layout of Uwazi's library CSV export (app/api/csv/csvExporter.ts): common headers first
# and last, property labels between, `|` between values, `Group::Term`, geolocation "lat|lon".
UWAZI_ROWS = [
    ["Title", "Date added", "Template", "Interview summary", "Type of exploitation", "Broker",
     "Year of birth", "Place of arrest", "Documents", "Attachments", "Published"],
    ["Account 17", "2021-04-02", "Testimony",
     "She was taken across the river at night and sold to a farmer.", "Forced marriage",
     "Korean-Chinese", "1983", "42.91|129.51", "/files/a.pdf", "", "Unpublished"],
    ["Account 18", "2021-04-03", "Testimony",
     "She answered a job advert and was held in a chat room for a year.",
     "Sexual exploitation::Cybersex|Forced labour",
     "Han Chinese broker|Someone she knew::Friend", "1991", "", "", "", "Unpublished"],
    ["Account 19", "2021-04-05", "Testimony", "그는 식당 일을 소개해 준다고 했지만 나를 팔았다.",
     "Sexual exploitation::Massage", "조선족 브로커", "1978", "43.1|129.9", "", "", "Published"],
]
_buf = io.StringIO()
csv.writer(_buf, lineterminator="\n").writerows(UWAZI_ROWS)
UWAZI_EXPORT = _buf.getvalue()


def test_an_uwazi_export_imports_through_a_planned_mapping(sqlite_book, tmp_path):
    path = tmp_path / "uwazi-export.csv"
    path.write_text(UWAZI_EXPORT, encoding="utf-8")
    sheet = read_sheet(path)
    plans = {p.header: p for p in propose(sheet, "uwazi")}
    assert plans["Interview summary"].to == "text"
    assert plans["Type of exploitation"].to == "exploitation"
    assert plans["Type of exploitation"].values["Sexual exploitation::Cybersex"] == "cybersex"
    assert plans["Type of exploitation"].values["Sexual exploitation::Massage"] == ""
    assert plans["Broker"].to == "recruiter_relation"
    assert plans["Broker"].values["Someone she knew::Friend"] == "friend"
    assert plans["Place of arrest"].to == "ignore" and "geolocation" in plans["Place of arrest"].why
    mapping_file = tmp_path / "uwazi.mapping.toml"
    mapping_file.write_text(render_plan(list(plans.values()), sheet, "uwazi", None, path.name),
                            encoding="utf-8")
    mapping = load_mapping(mapping_file)
    assert mapping.format == "uwazi" and mapping.separator("Broker") == "|"
    summary = import_sheet(sqlite_book, path, mapping, {"consent": ["aggregate_statistics"]})
    assert len(summary.added) == 3
    second = profile(sqlite_book.facts.record(summary.added[1]))
    assert second["exploitation"] == ["cybersex", "forced_labour"]
    assert second["recruiter_relation"] == ["friend", "han_chinese_broker"]
    assert second["birth_year"] == 1991
    # the unmapped thesaurus value and the geolocations are listed, and kept
    listed = {(u.column, u.value) for u in summary.unmapped}
    assert ("Type of exploitation", "Sexual exploitation::Massage") in listed
    first = sqlite_book.testimonies.get(summary.added[0])
    assert "42.91|129.51" in first.text and first.provenance["format"] == "uwazi"
    assert sqlite_book.testimonies.get(summary.added[2]).language == "ko"


def test_casebooks_uwazi_export_reimports_every_profile_key(book, tmp_path):
    from casebook.store import Casebook

    rng = random.Random(3)
    originals = [survivor(rng, n) for n in range(8)]
    for n, values in enumerate(originals):
        values.update({"province_china": "Jilin", "crossing_river": "Tumen",
                       "children_in_china": n % 3, "arrested_in_china": n % 2,
                       "nk_detention": ["holding_centre"] if n % 2 else [],
                       "sales": [{"amount": 3000.0 + n, "currency": "RMB", "year": 1999,
                                  "buyer": "korean_chinese", "purpose": "marriage"}],
                       "times_sold": 1 + n % 2})
    fill(book, originals, scopes=("aggregate_statistics", "share_with:Bridge of Light"))
    data, count = uwazi.export_csv(book, ExportRequest(include_text=True))
    assert count == 8
    path = tmp_path / "casebook-uwazi.csv"
    path.write_bytes(data)
    other = Casebook.create(str(tmp_path / "other.db"), "other pass", actor="tester")
    try:
        table = read_sheet(path)
        assert uwazi.is_casebook_template(table.headers)
        prepared = prepare_rows(table, uwazi.builtin_mapping(table.headers), source="uwazi")
        summary = store_prepared(other, prepared, SheetImport(str(path), ""))
        assert len(summary.added) == 8 and summary.unmapped == []
        for tid, values in zip(summary.added, originals):
            for item in [*other.facts.record(tid).facts, *other.facts.record(tid).events]:
                other.facts.set_status(item.id, "accepted")
            back = profile(other.facts.record(tid, ["accepted"]))
            assert {k: back[k] for k in values} == values
            t = other.testimonies.get(tid)
            assert t.consent.active_scopes() == ["aggregate_statistics",
                                                 "share_with:Bridge of Light"]
            assert "Fictional coded record" in t.text
    finally:
        other.close()


def test_the_export_follows_uwazis_csv_conventions(sqlite_book):
    fill(sqlite_book, [{"exploitation": ["prostitution", "forced_marriage"], "birth_year": 1980,
                        "recruiter_relation": ["korean_chinese_broker"]}])
    data, _ = uwazi.export_csv(sqlite_book, ExportRequest(include_text=False))
    row = next(csv.DictReader(io.StringIO(data.decode())))
    assert row["Exploitation__en"] == "Forced marriage|Sexual exploitation::Forced prostitution"
    assert row["Exploitation__ko"] == "강제 결혼|성착취::성매매 강요"
    assert row["Recruiters__en"] == "Broker or trafficker::Korean-Chinese broker"
    assert row["Birth year"] == "1980" and row["Testimony"] == ""  # --no-text
    assert row["Consent__en"] == "Aggregate statistics"
    # Uwazi matches headers to property names with safeName: each must name one property
    from casebook.vocab.vocabulary import normalise

    bases = [uwazi.base_header(h) for h in row]
    assert len({normalise(b) for b in set(bases)}) == len(set(bases))


def test_thesauri_are_csvs_uwazi_imports_with_groups_nested():
    files = uwazi.thesauri_csv()
    rows = list(csv.reader(io.StringIO(files["exploitation.csv"].decode())))
    assert rows[0] == ["English", "Korean"]
    at = rows.index(["Sexual exploitation", "성착취"])
    assert rows[at + 1] == ["- Forced prostitution", "- 성매매 강요"]
    assert rows[at + 2] == ["- Cybersex (webcam) exploitation", "- 화상 채팅 성착취"]
    from casebook.vocab import load

    for name in ("exploitation", "violence", "recruiter_relation", "nk_detention", "hukou"):
        rows = csv.reader(io.StringIO(files[f"{name}.csv"].decode()))
        labels = {r[0].removeprefix("- ") for r in rows}
        assert {t.en for t in load(name)} <= labels, name
    assert "Consent.csv" in files and "Language.csv" in files


def test_template_doc_lists_every_property():
    md = uwazi.template_markdown()
    for prop in uwazi.template()["property"]:
        assert f"| {prop['label']} |" in md
