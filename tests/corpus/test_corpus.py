"""Consistency checks for the demo corpus and the development gold set.

These files are the ground truth for extraction, so a malformed row or an invalid code would
silently distort every precision/recall number computed against them.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
TESTIMONIES = DEMO / "testimonies"
SEED_GOLD = REPO / "tests" / "data" / "seed_gold.jsonl"
SHARED = REPO / ".." / "shared"

# Codes exactly as enumerated in ../shared/research/testimony-profile.md
PROFILE_KEYS = {
    "surname", "birth_year", "province_china", "origin_nk", "first_crossing_year",
    "first_crossing_month", "crossing_river", "recruitment", "recruiter_relation", "times_sold",
    "sales", "exploitation", "violence", "children_in_china", "arrested_in_china", "repatriated",
    "nk_detention", "hukou_or_id",
}
LIST_CODES = {
    "recruitment": {"deception_job_offer", "drugged", "abducted", "sold_by_acquaintance",
                    "voluntary_with_broker", "voluntary_alone", "introduced_marriage", "other"},
    "recruiter_relation": {"neighbour_or_villager", "friend", "relative", "stranger",
                           "north_korean_trafficker", "korean_chinese_broker", "han_chinese_broker",
                           "couple", "other"},
    "exploitation": {"forced_marriage", "prostitution", "cybersex", "forced_labour",
                     "domestic_servitude", "other"},
    "violence": {"rape", "beating", "confinement", "threat_of_denunciation", "drugging", "other"},
    "nk_detention": {"state_security_interrogation", "police_detention", "holding_centre",
                     "labour_training_camp", "kyohwaso", "kwanliso", "other"},
}
SCALAR_CODES = {
    "crossing_river": {"Tumen", "Yalu", None},
    "hukou_or_id": {"none", "fake", "obtained", None},
}
INT_KEYS = ("birth_year", "first_crossing_year", "first_crossing_month", "times_sold",
            "children_in_china", "arrested_in_china", "repatriated")
SALE_KEYS = {"amount", "currency", "year", "buyer", "purpose"}
CURRENCIES = {"RMB", "USD", "KPW", "KRW"}
BUYERS = {"han_chinese", "korean_chinese", "north_korean", "other", None}
PURPOSES = {"marriage", "prostitution", "labour", "other", None}
ORGANISATIONS = {"Hanul Documentation Centre", "Bridge of Light", "Seoul Rescue Network"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def list_testimony_files() -> list[str]:
    return sorted(p.name for p in TESTIMONIES.glob("*.txt"))


def check_profile(profile: dict, where: str) -> None:
    """Assert that one profile follows the contract of testimony-profile.md."""
    assert profile.keys() >= PROFILE_KEYS, f"{where}: missing {PROFILE_KEYS - profile.keys()}"
    for key, codes in LIST_CODES.items():
        value = profile[key]
        assert isinstance(value, list), f"{where}: {key} must be a list"
        assert set(value) <= codes, f"{where}: {key} has invalid codes {set(value) - codes}"
        assert len(value) == len(set(value)), f"{where}: {key} repeats a code"
    for key, codes in SCALAR_CODES.items():
        assert profile[key] in codes, f"{where}: {key}={profile[key]!r}"
    for key in INT_KEYS:
        value = profile[key]
        assert value is None or (isinstance(value, int) and not isinstance(value,
                                                                           bool)), f"{where}: {key}"
        if value is not None and key.endswith("year"):
            assert 1930 <= value <= 2026, f"{where}: {key}={value}"
        if value is not None and key not in ("birth_year", "first_crossing_year"):
            assert value >= 0, f"{where}: {key}={value}"
    if profile["first_crossing_month"] is not None:
        assert 1 <= profile["first_crossing_month"] <= 12, where
    for key in ("surname", "province_china", "origin_nk"):
        assert profile[key] is None or (isinstance(profile[key], str)
                                        and profile[key].strip()), where
    sales = profile["sales"]
    assert isinstance(sales, list), f"{where}: sales must be a list"
    for sale in sales:
        assert set(sale) == SALE_KEYS, f"{where}: sale keys {set(sale)}"
        assert isinstance(sale["amount"], (int, float)) and sale["amount"] > 0, where
        assert sale["currency"] in CURRENCIES, f"{where}: currency {sale['currency']}"
        assert sale["buyer"] in BUYERS and sale["purpose"] in PURPOSES, where
        assert sale["year"] is None or 1990 <= sale["year"] <= 2026, where
    if profile["times_sold"] is not None:
        assert profile["times_sold"] >= len(sales), f"{where}: more priced sales than times_sold"
    if profile["times_sold"] == 0:
        assert not sales, f"{where}: times_sold 0 but sales listed"
    if profile["birth_year"] and profile["first_crossing_year"]:
        assert profile["first_crossing_year"] > profile["birth_year"], where


def test_every_testimony_has_one_corpus_row_and_one_profile():
    files = list_testimony_files()
    assert len(files) >= 35
    corpus = [row["file"] for row in read_jsonl(DEMO / "corpus.jsonl")]
    profiles = [row["source"] for row in read_jsonl(DEMO / "expected_profiles.jsonl")]
    assert sorted(corpus) == files
    assert sorted(profiles) == files
    assert len(set(corpus)) == len(corpus) and len(set(profiles)) == len(profiles)


def test_expected_profiles_have_exactly_the_profile_keys_and_valid_codes():
    for row in read_jsonl(DEMO / "expected_profiles.jsonl"):
        assert set(row) == PROFILE_KEYS | {"source"}, row["source"]
        check_profile(row, row["source"])


def test_corpus_rows_are_complete_and_consent_is_explicit():
    rows = read_jsonl(DEMO / "corpus.jsonl")
    by_file = {row["file"]: row for row in rows}
    for row in rows:
        where = row["file"]
        assert row["sex"] == "F" and row["language"] in {"en", "ko"}, where
        assert re.fullmatch(r"\d{4}-\d{2}", row["interview_date"]), where
        assert re.fullmatch(r"[A-Z]{2,3}-\d{2}", row["interviewer"]), where
        assert row["organisation"] in ORGANISATIONS, where
        assert row["pseudonym"] and row["interview_place"], where
        consent = row["consent"]
        assert set(consent) == {"aggregate_statistics", "anonymous_quotation", "legal_proceedings",
                                "share_with"}
        assert all(isinstance(consent[k], bool) for k in consent if k != "share_with"), where
        assert set(consent["share_with"]) <= ORGANISATIONS - {row["organisation"]}, where
        if "same_person_as" in row:
            other = by_file[row["same_person_as"]]
            assert other.get("same_person_as") == where, f"{where}: link must be mutual"
            assert other["organisation"] != row[
                "organisation"], f"{where}: second interview by another NGO"
    # Statistics must be able to exclude someone: the corpus has to contain such cases.
    refused = [r for r in rows if not r["consent"]["aggregate_statistics"]]
    assert 1 <= len(refused) < len(rows) / 2
    assert sum("same_person_as" in r for r in rows) >= 6


def test_language_matches_text_and_enough_korean():
    rows = read_jsonl(DEMO / "corpus.jsonl")
    korean = 0
    for row in rows:
        text = (TESTIMONIES / row["file"]).read_text(encoding="utf-8")
        hangul = len(HANGUL.findall(text))
        if row["language"] == "ko":
            assert hangul > 300, row["file"]
            korean += 1
        else:
            assert hangul == 0, f"{row['file']}: English testimony contains Hangul"
            words = len(text.split())
            assert 250 <= words <= 900, f"{row['file']}: {words} words"
    assert korean >= 10


def test_english_corpus_includes_pdf_style_texts():
    """PDF-style texts: hyphen-broken words plus a running header or page number line."""
    pdf_like = 0
    for name in list_testimony_files():
        text = (TESTIMONIES / name).read_text(encoding="utf-8")
        broken = re.search(r"[a-z]-\n\s*[a-z]", text)
        page_line = re.search(r"^\s*(\d{1,3}\s+\S.*|.*\S\s+\d{1,3})\s*$", text, re.MULTILINE)
        if broken and page_line:
            pdf_like += 1
    assert pdf_like >= 6


def test_seed_gold_rows_are_valid_profiles():
    rows = read_jsonl(SEED_GOLD)
    assert len(rows) >= 40
    assert len(rows) + len(list_testimony_files()) >= 80
    for row in rows:
        assert set(row) == PROFILE_KEYS | {"source", "seed_file", "lines"}, row["source"]
        start, end = row["lines"]
        assert 1 <= start <= end
        assert row["source"] == f"{row['seed_file']}#L{start}-L{end}"
        check_profile(row, row["source"])


def test_seed_gold_lines_point_inside_the_seed_files():
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent: cannot check seed line numbers")
    for row in read_jsonl(SEED_GOLD):
        path = seeds / row["seed_file"]
        assert path.is_file(), row["seed_file"]
        lines = path.read_text(encoding="utf-8").splitlines()
        start, end = row["lines"]
        assert end <= len(lines), row["source"]
        excerpt = " ".join(lines[start - 1:end])
        assert excerpt.strip(), f"{row['source']}: empty excerpt"
        if row["surname"]:
            assert row["surname"] in excerpt, f"{row['source']}: surname not in excerpt"
        if row["origin_nk"]:
            assert row["origin_nk"] in excerpt, f"{row['source']}: origin not in excerpt"


def test_seed_gold_contains_no_seed_text():
    text = SEED_GOLD.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) < 1200
    assert '"text"' not in text and '"excerpt"' not in text


@pytest.mark.parametrize("folder", ["demo", "tests/data"])
def test_no_sentences_copied_from_the_seeds(folder):
    tool = SHARED / "tools" / "seed_overlap.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/seed_overlap.py is absent")
    result = subprocess.run([sys.executable, str(tool), str(REPO / folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
