"""Inputs, models, existence checks and the sparse-data (minus infinity) handling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from casebook.errors import EstimationError, InvalidInput
from casebook.estimate.fitting import NO_MLE, OK, Fitter, lp_existence
from casebook.estimate.models import (
    count_models,
    enumerate_models,
    hierarchy_string,
    is_hierarchical,
    neighbours,
    parse_model,
    term_names,
)
from casebook.estimate.mse import estimate_population
from casebook.estimate.selection import check_model, poisson_overlap_pvalue
from casebook.estimate.table import overlap_table, parse_table_csv, read_table_csv, write_table_csv

DATA = Path(__file__).parent / "data"


# -- input -------------------------------------------------------------------------------------

def test_missing_count_column_names_file_and_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("A,B,n\n1,0,3\n0,1,4\n")
    with pytest.raises(InvalidInput, match=r"t\.csv.*'count'"):
        read_table_csv(path)


def test_non_binary_list_value_names_line_and_column():
    with pytest.raises(InvalidInput, match=r"line 3, column 'B': '2'"):
        parse_table_csv("A,B,count\n1,0,3\n0,2,4\n", source="x.csv")


def test_negative_or_text_count_is_rejected():
    with pytest.raises(InvalidInput, match="column 'count'"):
        parse_table_csv("A,B,count\n1,0,-3\n0,1,4\n")
    with pytest.raises(InvalidInput, match="'many'"):
        parse_table_csv("A,B,count\n1,0,many\n")


def test_unreadable_file_is_invalid_input(tmp_path):
    with pytest.raises(InvalidInput, match="missing.csv"):
        read_table_csv(tmp_path / "missing.csv")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(InvalidInput, match="bin.csv"):
        read_table_csv(binary)


def test_people_on_no_list_cannot_be_counted():
    with pytest.raises(InvalidInput, match="no list marked"):
        parse_table_csv("A,B,count\n0,0,5\n1,0,3\n")


def test_repeated_histories_add_up_and_zero_rows_are_kept_as_zero():
    t = parse_table_csv("A,B,count\n1,0,3\n1,0,2\n0,1,0\n1,1,1\n")
    assert t.counts.tolist() == [5, 0, 1]
    assert t.n_observed == 6


def test_overlap_table_from_memberships_matches_the_csv():
    pairs = [("p1", "NGO"), ("p1", "police"), ("p2", "NGO"), ("p3", "police"), ("p3", "police"),
             ("p4", "shelter"), ("p4", "NGO")]
    t = overlap_table(pairs)
    assert t.lists == ("NGO", "police", "shelter")
    assert dict((h, c) for h, c in t.rows()) == {(1, 1, 0): 1, (1, 0, 0): 1, (0, 1, 0): 1, (1, 0,
                                                                                            1): 1}
    assert parse_table_csv(write_table_csv(t)).counts.tolist() == t.counts.tolist()
    with pytest.raises(InvalidInput):
        overlap_table([])


# -- models ------------------------------------------------------------------------------------

def test_model_catalogue_sizes():
    assert len(enumerate_models(3, 2)) == 8
    assert count_models(6, 2) == 32768
    models = enumerate_models(4, 3)
    assert all(is_hierarchical(m) for m in models)
    assert len(set(models)) == len(models)
    # every 3-way term in a model has all its pairs
    assert len(enumerate_models(4, 2)) == 64 < len(models)


def test_model_notation_round_trip():
    lists = ("b", "c", "d")
    m = parse_model("[12,23]", lists)
    assert hierarchy_string(m, 3) == "[12,23]"
    assert term_names(m, lists) == ["b:c", "c:d"]
    assert parse_model("b:c, c:d", lists) == m
    assert hierarchy_string(parse_model("main", lists), 3) == "[1,2,3]"
    assert hierarchy_string(parse_model("[12,3]", lists), 3) == "[12,3]"
    with pytest.raises(InvalidInput, match="unknown list"):
        parse_model("b:x", lists)
    with pytest.raises(InvalidInput, match="saturated"):
        parse_model("[123]", lists)


def test_neighbours_stay_hierarchical_and_within_order():
    m = parse_model("[12,13,23]", ("a", "b", "c", "d"))
    for n in neighbours(m, 4, 3):
        assert is_hierarchical(n)
        assert max((bin(t).count("1") for t in n), default=1) <= 3
    assert parse_model("[123,4]", ("a", "b", "c", "d")) in neighbours(m, 4, 3)
    assert all(bin(t).count("1") <= 2 for n in neighbours(m, 4, 2) for t in n)


# -- existence, identifiability, minus infinity -------------------------------------------------

def test_fit_shortcut_agrees_with_the_lp_on_every_korea_and_artificial_model():
    """The Newton certificate may only skip LPs whose answer it already knows."""
    for name in ("korea_palembang_3list.csv", "artificial_3list_nonexistence.csv"):
        t = read_table_csv(DATA / name)
        fitter = Fitter(3)
        y = t.counts.astype(float)
        design = fitter.design(2)
        models = enumerate_models(3, 2)
        fit = fitter.fit(models, y, design=design)
        colmask, rowmask, _, _ = fitter.masks(design, models, y)
        for b in range(len(models)):
            if fit.status[b] & 2:
                continue
            lp = lp_existence(design.X[rowmask[b]][:, colmask[b]],
                              (y[rowmask[b]] > 0).astype(float))
            assert (fit.status[b] == OK) == lp, hierarchy_string(models[b], 3)


def test_korea_model_without_mle_raises_estimation_error_not_a_huge_number():
    t = read_table_csv(DATA / "korea_palembang_3list.csv")
    assert check_model(Fitter(3), t.counts.astype(float), parse_model("[12,13]", t.lists)) == NO_MLE
    with pytest.raises(EstimationError, match="no extended MLE"):
        estimate_population(t, "fixed", model="[12,13]")


def test_non_overlapping_pair_is_minus_infinity_not_a_huge_estimate():
    t = read_table_csv(DATA / "uk2013_nrm_6list.csv")
    # LA and GP share no one: their term is fixed at minus infinity and its cells left out
    with_pair = estimate_population(t, "fixed", model="LA:GP")
    main = estimate_population(t, "main")
    assert with_pair.minus_infinity == ["LA:GP"]
    assert any("minus infinity" in note for note in with_pair.notes)
    assert 0.9 * main.estimate < with_pair.estimate < 1.1 * main.estimate


def test_impossible_table_raises_estimation_error():
    # two lists that never overlap: the dark figure is not estimable under any model
    t = parse_table_csv("A,B,count\n1,0,10\n0,1,12\n")
    with pytest.raises(EstimationError):
        estimate_population(t, "main")


def test_poisson_overlap_pvalue_is_the_smaller_tail():
    assert poisson_overlap_pvalue(5, 5.0) == pytest.approx(min(0.6159606548330632,
                                                               0.5595067149347875))
    assert poisson_overlap_pvalue(0, 3.0) == pytest.approx(np.exp(-3.0))
    assert poisson_overlap_pvalue(20, 3.0) < 1e-8


@pytest.mark.slow
def test_six_list_enumeration_ranks_all_models():
    t = read_table_csv(DATA / "uk2013_nrm_6list.csv")
    result = estimate_population(t, "bic")
    assert result.ranking.searched == "enumeration"
    assert result.ranking.n_candidates == 32768
    bics = [r.bic for r in result.ranking.models]
    assert bics == sorted(bics)
    assert result.estimate == pytest.approx(result.ranking.models[0].estimate, rel=1e-12)
    assert round(result.estimate) == 12350  # the same optimum the downhill search finds


def test_more_than_six_lists_falls_back_to_downhill():
    t = read_table_csv(DATA / "new_orleans_8list_sparsemse_n185.csv")
    result = estimate_population(t, "bic")
    assert result.ranking.searched == "downhill"
    assert any("downhill" in note for note in result.notes)
