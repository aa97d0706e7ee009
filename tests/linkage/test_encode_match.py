import base64
import json

import numpy as np
import pytest

from casebook.errors import InvalidInput
from casebook.linkage import synthetic
from casebook.linkage.encode import Encoder, EncodingParams, encode_file, read_secret
from casebook.linkage.match import (
    TOLERANT_EXTRA_WEIGHT,
    dice_pairs,
    match_files,
    one_to_one,
    overlap_csv,
    overlap_table,
    read_clk,
    score_pairs,
)
from casebook.linkage.records import PersonRecord

SECRET = b"0123456789abcdef0123456789abcdef"


def woman(rid, org, surname, given, birth=1980, origin="kp-musan", crossing=1998):
    return PersonRecord(rid, org, surname=surname, given_name=given, birth_year=birth,
                        origin=origin, crossing_year=crossing, places=("cn-yanji",))


def dice(a, b):
    a, b = np.unpackbits(a), np.unpackbits(b)
    return 2 * (a & b).sum() / (a.sum() + b.sum())


def test_same_woman_in_two_romanisations_scores_higher_than_a_stranger():
    enc = Encoder(SECRET)
    f = enc.encode([woman("1", "a", "Lee", "Young-hee"), woman("2", "b", "리", "영희"),
                    woman("3", "b", "Kim", "Sun-ok", 1966, "kp-hyesan", 2010)])
    assert dice(f[0], f[1]) > 0.95
    assert dice(f[0], f[2]) < 0.6


def test_another_secret_gives_unrelated_filters_and_is_detected(tmp_path):
    people = [woman("1", "a", "Lee", "Young-hee")]
    f1 = Encoder(SECRET).encode(people)
    f2 = Encoder(b"another secret of 32 bytes......").encode(people)
    assert dice(f1[0], f2[0]) < 0.7
    encode_file(people, SECRET, tmp_path / "a.clk", "a")
    encode_file(people, b"another secret of 32 bytes......", tmp_path / "b.clk", "b")
    with pytest.raises(InvalidInput, match="different secrets"):
        match_files([read_clk(tmp_path / "a.clk"), read_clk(tmp_path / "b.clk")])


def test_clk_file_holds_no_plaintext(tmp_path):
    people = [woman("17", "a", "Rhee", "Myong-ok", 1979, "kp-hoeryong", 2001)]
    encode_file(people, SECRET, tmp_path / "mine.clk", "org-a")
    text = (tmp_path / "mine.clk").read_text()
    for clear in ("Rhee", "Myong", "myung", "1979", "2001", "hoeryong", "yanji", "kp-", "cn-"):
        assert clear.lower() not in text.lower()
    data = json.loads(text)
    assert data["records"][0][0] == "17"
    assert len(base64.b64decode(data["records"][0][1])) == 1024 // 8


@pytest.mark.parametrize("params", [EncodingParams(balance=True), EncodingParams(fold=True)])
def test_hardening_shapes(params):
    f = Encoder(SECRET, params).encode([woman("1", "a", "Lee", "Young-hee"),
                                        woman("2", "a", "Pak", "Mi-ran", 1990)])
    assert f.shape[1] * 8 == params.output_bits
    if params.balance:
        assert all(np.unpackbits(row).sum() == params.bits for row in f)


def test_blip_flips_some_bits_but_not_most():
    p = EncodingParams(blip=0.05)
    enc = Encoder(SECRET, p)
    a, b = enc.encode([woman("1", "a", "Lee", "Young-hee")] * 2)
    assert 0.8 < dice(a, b) < 1.0


def test_secret_file_rules(tmp_path):
    (tmp_path / "short").write_text("tiny\n")
    with pytest.raises(InvalidInput, match="at least"):
        read_secret(tmp_path / "short")
    (tmp_path / "good").write_text("f" * 64 + "\n")
    assert read_secret(tmp_path / "good") == b"f" * 64
    with pytest.raises(InvalidInput):
        read_secret(tmp_path / "missing")


def test_dice_and_one_to_one_against_brute_force():
    rng = np.random.default_rng(0)
    left = rng.integers(0, 256, (30, 16), dtype=np.uint8)
    right = np.vstack([left[:10] ^ (rng.random((10, 16)) < 0.02).astype(np.uint8),
                       rng.integers(0, 256, (15, 16), dtype=np.uint8)])
    i, j, s = dice_pairs(left, right, 0.0, chunk=7)
    assert len(i) == 30 * 25
    brute = {(x, y): dice(left[x], right[y]) for x in range(30) for y in range(25)}
    assert all(abs(brute[(x, y)] - v) < 1e-9 for x, y, v in zip(i, j, s))
    mi, mj, _ = one_to_one(*dice_pairs(left, right, 0.9))
    assert sorted(zip(mi.tolist(), mj.tolist())) == [(k, k) for k in range(10)]


def test_three_lists_give_an_overlap_table(tmp_path):
    data = synthetic.generate(600, seed=5, organisations=("a", "b", "c"), pseudonym_rate=0.0)
    files = []
    for org in ("a", "b", "c"):
        seen, mine = set(), []
        for r in data.records:
            if r.organisation == org and data.truth[r.id] not in seen:
                seen.add(data.truth[r.id])
                mine.append(r)
        encode_file(mine, SECRET, tmp_path / f"{org}.clk", org, province_of=synthetic.province_of)
        files.append(read_clk(tmp_path / f"{org}.clk"))
    matches = match_files(files, threshold=0.8)
    correct = sum(data.truth[m.left] == data.truth[m.right] for m in matches)
    assert correct / len(matches) > 0.9
    table = overlap_table(files, matches)
    assert sum(count for _, count in table) <= sum(len(f.ids) for f in files)
    assert all(any(h) for h, _ in table)  # never the unobserved all-zero history
    text = overlap_csv(files, matches)
    assert text.splitlines()[0] == "a,b,c,count"
    assert sum(int(line.rsplit(",", 1)[1]) for line in text.splitlines()[1:]) == sum(
        c for _, c in table)


def test_event_years_and_prices_are_encoded_with_neighbours():
    from dataclasses import replace

    base = woman("1", "a", "Lee", "Young-hee")
    told = replace(base, dates=("2003-05",), sale_prices=(1500.0,))
    near = replace(base, id="2", dates=("2004",), sale_prices=(1600.0,))
    far = replace(base, id="3", dates=("2015",), sale_prices=(9000.0,))
    f = Encoder(SECRET).encode([told, near, far, base])
    assert dice(f[0], f[1]) > dice(f[0], f[2])  # a year apart and 7 % apart still overlap
    assert not np.array_equal(f[0], f[3])  # the fields set bits of their own


def test_tolerant_score_does_not_punish_a_field_missing_on_one_side():
    from dataclasses import replace

    full = woman("1", "a", "Lee", "Young-hee")
    no_birth = replace(full, id="2", birth_year=None, crossing_year=None)
    other_birth = replace(full, id="3", birth_year=1960, crossing_year=2015)
    f = Encoder(SECRET).encode([full, no_birth, other_birth])
    _, _, dice_missing = score_pairs(f[:1], f[1:2], 0.0, 1.0)
    _, _, tolerant_missing = score_pairs(f[:1], f[1:2], 0.0)
    _, _, tolerant_wrong = score_pairs(f[:1], f[2:3], 0.0)
    assert tolerant_missing[0] > dice_missing[0]
    assert tolerant_missing[0] > 0.85
    assert tolerant_wrong[0] < tolerant_missing[0] - 0.1  # a contradicting year still costs


def test_score_pairs_formula_and_extremes_against_brute_force():
    rng = np.random.default_rng(1)
    left = rng.integers(0, 256, (12, 16), dtype=np.uint8)
    right = rng.integers(0, 256, (9, 16), dtype=np.uint8)
    bits_l, bits_r = np.unpackbits(left, axis=1), np.unpackbits(right, axis=1)
    for w in (0.0, TOLERANT_EXTRA_WEIGHT, 1.0):
        i, j, s = score_pairs(left, right, 0.0, w, chunk=5)
        for x, y, v in zip(i, j, s):
            inter = (bits_l[x] & bits_r[y]).sum()
            a, b = bits_l[x].sum(), bits_r[y].sum()
            assert abs(v - inter / ((1 - w) * min(a, b) + w * (a + b) / 2)) < 1e-9
    assert np.allclose(score_pairs(left, right, 0.0, 1.0)[2], dice_pairs(left, right, 0.0)[2])
    with pytest.raises(InvalidInput):
        score_pairs(left, right, 0.5, 1.5)


def test_match_files_similarity_choice(tmp_path):
    from dataclasses import replace

    mine = [woman("1", "a", "Lee", "Young-hee")]
    theirs = [replace(woman("9", "b", "Ri", "Yong-hui"), birth_year=None, crossing_year=None,
                      origin=None, places=())]
    encode_file(mine, SECRET, tmp_path / "a.clk", "a")
    encode_file(theirs, SECRET, tmp_path / "b.clk", "b")
    files = [read_clk(tmp_path / "a.clk"), read_clk(tmp_path / "b.clk")]
    tolerant = match_files(files, threshold=0.8)
    dice_only = match_files(files, threshold=0.8, similarity="dice")
    assert [(m.left, m.right) for m in tolerant] == [("1", "9")]
    assert dice_only == []  # plain Dice holds the four missing fields against her
    with pytest.raises(InvalidInput, match="similarity"):
        match_files(files, similarity="jaccard")
