"""The privacy budget's ledger, redaction of names and dates (English and Korean), labels and
intervals at their edges: each check could fail on a plausible regression."""

from __future__ import annotations

import re

import pytest

from casebook.errors import DisclosureRisk
from casebook.publish import labels
from casebook.publish.intervals import quantiles, wilson
from casebook.publish.privacy import DEFAULT_TOTAL_EPSILON, MemoryBudgetStore, PrivacyLedger
from casebook.publish.redact import redact


def test_a_new_ledger_starts_at_the_default_budget_and_saves_it():
    store = MemoryBudgetStore()
    ledger = PrivacyLedger(store)
    assert ledger.total == DEFAULT_TOTAL_EPSILON
    assert ledger.spent == 0 and ledger.remaining == DEFAULT_TOTAL_EPSILON
    assert store.load()["total_epsilon"] == DEFAULT_TOTAL_EPSILON  # persisted at once


def test_lowering_the_budget_is_kept_and_remaining_never_goes_negative():
    store = MemoryBudgetStore()
    ledger = PrivacyLedger(store, total_epsilon=1.0)
    ledger.charge(0.75, "first release")
    lowered = PrivacyLedger(store, total_epsilon=0.5)  # below what is already spent
    assert lowered.total == 0.5 and store.load()["total_epsilon"] == 0.5
    assert lowered.spent == pytest.approx(0.75)
    assert lowered.remaining == 0.0
    with pytest.raises(DisclosureRisk, match="only 0 of 0.5 is left"):
        lowered.charge(0.01, "one more")


def test_a_refused_charge_records_nothing():
    store = MemoryBudgetStore()
    ledger = PrivacyLedger(store, total_epsilon=1.0)
    ledger.charge(0.6, "a")
    with pytest.raises(DisclosureRisk):
        ledger.charge(0.5, "b")
    assert [r["description"] for r in store.load()["releases"]] == ["a"]
    ledger.charge(0.4, "exactly the rest")  # spending to the last bit is allowed
    assert ledger.remaining == pytest.approx(0.0)


@pytest.mark.parametrize("epsilon", [0, -0.1])
def test_a_charge_must_be_positive(epsilon):
    ledger = PrivacyLedger(MemoryBudgetStore(), total_epsilon=1.0)
    with pytest.raises(ValueError):
        ledger.charge(epsilon, "nothing")
    assert ledger.spent == 0


def test_each_release_is_timestamped_with_its_description():
    store = MemoryBudgetStore()
    PrivacyLedger(store, 1.0).charge(0.25, "annual report 2026")
    [entry] = store.load()["releases"]
    assert entry["description"] == "annual report 2026" and entry["epsilon"] == 0.25
    assert re.match(r"\d{4}-\d\d-\d\dT", entry["at"]) and entry["at"].endswith("+00:00")


def test_memory_store_hands_out_copies():
    store = MemoryBudgetStore({"total_epsilon": 1.0, "releases": []})
    loaded = store.load()
    loaded["total_epsilon"] = 99
    assert store.load()["total_epsilon"] == 1.0


@pytest.mark.parametrize("text, date_gone, kept", [
    ("She left on 12 March 2003 with him.", "12 March", "[2003]"),
    ("It was March 12, 2003 when it happened.", "March 12", "[2003]"),
    ("We met in September of 2001.", "September", "[2001]"),
    ("The record says 2004-07-19.", "07-19", "[2004]"),
    ("The record says 19/07/2004.", "19/07", "[2004]"),
    ("On the 3rd of May the broker came.", "3rd of May", "[date]"),
])
def test_exact_dates_are_cut_to_the_year_in_english(text, date_gone, kept):
    out = redact(text)
    assert date_gone not in out
    assert kept in out


def test_korean_dates_are_cut_to_the_year_and_day_month_becomes_a_tag():
    out = redact("2003년 3월 12일에 떠났고 5월 6일에 팔렸다.", lang="ko")
    assert "[2003년]" in out and "3월" not in out
    assert "[날짜]" in out and "6일" not in out


def test_her_names_are_removed_case_insensitively_in_both_languages():
    out = redact("Kim Sun-hee said that KIM SUN-HEE was her name; Sun-hee agreed.",
                 names=["Kim Sun-hee"])
    assert "sun-hee" not in out.lower() and out.count("[name]") == 3
    ko = redact("김순희는 순희라고 불렸다.", names=["김순희", "순희"], lang="ko")
    assert "순희" not in ko and "[이름]" in ko


def test_short_names_are_not_used_to_cut_words():
    # A one-letter "name" would shred the text; it is ignored.
    assert redact("A long afternoon.", names=["A"]) == "A long afternoon."


def test_honorifics_and_village_words_go_in_both_languages():
    en = redact("Mrs. Choe from Pine Hill village helped.")
    assert "Choe" not in en and "Pine Hill" not in en
    assert "[name]" in en and "[village]" in en
    ko = redact("박씨가 소나무 마을 사람이었다.", lang="ko")
    assert "박씨" not in ko and "[이름]" in ko and "[마을]" in ko


def test_labels_fall_back_to_the_code_and_translate_bands():
    assert labels.category("times_sold", "2") == "twice"
    assert labels.category("times_sold", "2", "ko") == "2회"
    assert labels.category("arrests", "0", "ko") == "없음"
    assert labels.category("children_in_china", "3_plus") == "three or more"
    assert labels.category("no_such_table", "some_code") == "some code"
    assert labels.title("no_such_table", "ko") == "no_such_table"


@pytest.mark.parametrize("n", [1, 2, 5, 11, 40])
def test_wilson_is_symmetric_under_complement(n):
    for k in range(n + 1):
        lo, hi = wilson(k, n)
        clo, chi = wilson(n - k, n)
        assert lo == pytest.approx(1 - chi, abs=1e-12)
        assert hi == pytest.approx(1 - clo, abs=1e-12)


def test_wilson_narrows_as_the_sample_grows():
    widths = [hi - lo for lo, hi in (wilson(n // 2, n) for n in (4, 16, 64, 256))]
    assert widths == sorted(widths, reverse=True) and widths[-1] < 0.13


def test_quantiles_of_one_value_and_custom_probabilities():
    assert quantiles([7.0]) == [7.0, 7.0, 7.0]
    assert quantiles([0.0, 10.0], probs=(0.0, 0.1, 1.0)) == pytest.approx([0.0, 1.0, 10.0])
    with pytest.raises(ValueError):
        quantiles([])
