from casebook.linkage import synthetic
from casebook.linkage.names import name_key, surname_key


def test_generator_is_reproducible_and_has_truth():
    a, b = synthetic.generate(300, seed=9), synthetic.generate(300, seed=9)
    assert a.records == b.records and a.truth == b.truth
    assert len(a.records) == 300 and set(a.truth) == {r.id for r in a.records}
    assert len(set(a.truth.values())) < 300  # some women told more than once
    assert a.true_pairs()


def test_noise_is_realistic_but_keys_recover_most_names():
    data = synthetic.generate(2000, seed=2, pseudonym_rate=0.0)
    by_id = {r.id: r for r in data.records}
    pairs = data.true_pairs()
    spelled_differently = sum(by_id[a].surname != by_id[b].surname for a, b in pairs)
    same_key = sum(surname_key(by_id[a].surname) == surname_key(by_id[b].surname)
                   for a, b in pairs if by_id[a].surname and by_id[b].surname)
    assert spelled_differently / len(pairs) > 0.3
    both = [(a, b) for a, b in pairs if by_id[a].surname and by_id[b].surname]
    assert same_key == len(both)
    given_same = sum(name_key(by_id[a].given_name) == name_key(by_id[b].given_name)
                     for a, b in pairs if by_id[a].given_name and by_id[b].given_name)
    assert given_same / len(pairs) > 0.75
    assert any(r.surname and not r.surname.isascii() for r in data.records)  # Hangul too


def test_province_of_synthetic_places():
    assert synthetic.province_of("kp-musan") == "kp-north-hamgyong"
    assert synthetic.province_of("cn-yanji") is None
