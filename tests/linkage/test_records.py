"""Linkage records from JSON: every field typed, every wrong one named, ids unique."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.linkage.records import (
    PERPETRATOR,
    PERSON,
    PerpetratorRecord,
    PersonRecord,
    check_unique_ids,
    load_records_json,
    record_class,
    record_from_dict,
    record_to_dict,
)


def test_kinds():
    assert record_class(PERSON) is PersonRecord and record_class(PERPETRATOR) is PerpetratorRecord
    with pytest.raises(InvalidInput, match="kind must be one of person, perpetrator"):
        record_class("place")


def test_values_are_converted_to_their_field_types():
    r = record_from_dict({"id": 7, "birth_year": "1979", "places": ["kp-musan", 3],
                          "sale_prices": ["1200.5"], "name_is_pseudonym": 1,
                          "surname": None, "crossing_year": None})
    assert r == PersonRecord(id="7", birth_year=1979, places=("kp-musan", "3"),
                             sale_prices=(1200.5,), name_is_pseudonym=True)
    p = record_from_dict({"id": "p1", "aliases": ["Mr. Jang", "장 사장"], "years": ["1998"]},
                         PERPETRATOR)
    assert p.aliases == ("Mr. Jang", "장 사장") and p.years == (1998,)


@pytest.mark.parametrize("data,message", [
    ({"id": "x", "favourite": 1}, "unknown field"), ({"birth_year": 1979}, "id is required"),
    ({"id": ""}, "id is required"), ({"id": "x", "birth_year": "nineteen"}, "birth_year"),
    ({"id": "x", "sale_prices": ["lots"]}, "sale_prices"),
])
def test_a_wrong_field_is_named(data, message):
    with pytest.raises(InvalidInput, match=message):
        record_from_dict(data, where="file.json record 3")


PERSONS = st.builds(
    PersonRecord, id=st.text(min_size=1, max_size=8), organisation=st.text(max_size=8),
    surname=st.one_of(st.none(), st.text(max_size=8)),
    birth_year=st.one_of(st.none(), st.integers(1940, 2010)),
    places=st.lists(st.text(max_size=6), max_size=3).map(tuple),
    sale_prices=st.lists(st.floats(0, 1e5), max_size=3).map(tuple),
    dates=st.lists(st.sampled_from(["1998", "1999-03", "2001-05-04"]), max_size=3).map(tuple))


@given(PERSONS)
def test_person_records_round_trip_through_json(record):
    data = json.loads(json.dumps(record_to_dict(record)))
    assert record_from_dict(data) == record


def test_load_records_json(tmp_path):
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"records": [{"id": "a"}, {"id": "b", "birth_year": 1980}]}),
                    encoding="utf-8")
    assert [r.id for r in load_records_json(path)] == ["a", "b"]
    path.write_text(json.dumps([{"id": "a"}, {"id": "a"}]), encoding="utf-8")
    with pytest.raises(InvalidInput, match="duplicate record id 'a'"):
        load_records_json(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not JSON"):
        load_records_json(path)
    path.write_text('{"people": []}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="expected a list"):
        load_records_json(path)
    path.write_text(json.dumps([{"id": "a", "wings": 2}]), encoding="utf-8")
    with pytest.raises(InvalidInput, match="record 0: unknown field"):
        load_records_json(path)
    with pytest.raises(InvalidInput, match="no such file"):
        load_records_json(tmp_path / "missing.json")


def test_check_unique_ids():
    check_unique_ids([PersonRecord("a"), PersonRecord("b")])
    with pytest.raises(InvalidInput, match="clk: duplicate"):
        check_unique_ids([PersonRecord("a"), PersonRecord("a")], "clk")
