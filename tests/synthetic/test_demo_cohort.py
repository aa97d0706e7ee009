"""The synthetic cohort stored in a casebook: statistics count it, disclosure control lets
enough through, and it is marked synthetic in the store."""

from __future__ import annotations

import pytest

from casebook.demo import add_synthetic_cohort
from casebook.estimate.lists import list_memberships
from casebook.publish.dataset import dataset_of
from casebook.publish.disclosure import protect
from casebook.publish.tables import TABLE_NAMES, compute_tables


def publish_dataset(book):
    return dataset_of(book.read_for("statistics"))


def test_small_cohort_round_trips_through_the_store(sqlite_book):
    persons, records = add_synthetic_cohort(sqlite_book, population=150)
    assert 50 < persons < 150 and records >= persons
    summaries = sqlite_book.testimonies.all()
    assert len(summaries) == records
    assert all("synthetic · 합성" in s.pseudonym for s in summaries)
    ds = publish_dataset(sqlite_book)  # only women who consent to statistics
    women = {t.person_id for t in sqlite_book.read_for("statistics")}
    assert len(ds) == len(women)  # one row per woman, however many organisations recorded her
    counted = ds.for_statistics()
    assert 0.9 * persons <= len(counted) <= persons
    assert all(row.synthetic for row in ds.rows)
    pairs = list_memberships(sqlite_book.read_for("estimation"),
                             sqlite_book.links.decisions("person"), "organisation")
    on_two = {p for p, _ in pairs if sum(1 for q, _ in pairs if q == p) > 1}
    assert on_two  # the organisations' lists overlap
    text = sqlite_book.testimonies.get(summaries[0].id, purpose="test").text
    assert text.startswith("[Synthetic demo record")


@pytest.mark.slow
def test_full_cohort_publishes_at_least_40_cells(sqlite_book):
    add_synthetic_cohort(sqlite_book)
    tables = protect(compute_tables(publish_dataset(sqlite_book), TABLE_NAMES))
    shown = [c for t in tables for c in t.to_dict()["cells"]
             if not c["suppressed"] and c["count"]]
    assert len(shown) >= 40
    hidden = sum(1 for t in tables for c in t.to_dict()["cells"] if c["suppressed"])
    assert hidden < len(shown) / 4
