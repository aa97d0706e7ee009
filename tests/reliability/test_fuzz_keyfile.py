"""The key-file parser under attack: random bytes and valid key files with one field replaced.

The key file is the one thing that must never crash or stall the program: a damaged or hostile
one is refused with ``StoreCorrupt`` in one line naming the file, and one that loads either
unlocks to the data key or says the passphrase is wrong — never another exception. The counts
scale with ``CASEBOOK_SOAK_SCALE`` (``make soak``).
"""

from __future__ import annotations

import base64
import json
import secrets
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from soak import CORPUS, fuzz_database, scaled

from casebook.errors import StoreCorrupt, WrongPassphrase
from casebook.store.keys import KDF_BOUNDS, KeyFile

PASS = "key fuzz passphrase"
RECOVERY = bytes(range(32))
CASES: Counter = Counter()
FUZZ = settings(max_examples=scaled(150), deadline=None, derandomize=not CORPUS,
                database=fuzz_database(),
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=40)
    | st.sampled_from([0, 1, 12, 32, 48, 8192, 1 << 20, "", "AAAA", "passphrase", "recovery"])
    | st.binary(max_size=64).map(lambda b: base64.b64encode(b).decode()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


def _valid(tmp_path: Path) -> tuple[dict, bytes]:
    path = tmp_path / "valid.db.key"
    if not path.exists():
        key_file, data_key = KeyFile.create(path, PASS)
        key_file.add_recovery(data_key, RECOVERY)
        (tmp_path / "data_key").write_bytes(data_key)
    return json.loads(path.read_text()), (tmp_path / "data_key").read_bytes()


def load_checked(path: Path, data_key: bytes | None, kind: str) -> str:
    """Load, then unlock if the costs are the test's own: refused in one line, or whole."""
    CASES[kind] += 1
    try:
        key_file = KeyFile.load(path)
    except StoreCorrupt as exc:
        assert str(path) in str(exc) and "\n" not in str(exc), exc
        return "refused"
    # only a passphrase slot's parameters are read (and checked on load); a recovery slot's
    # "kdf" is never used, so whatever it holds is left alone
    costly = any(s.kind == "passphrase" and (s.kdf["memory_cost"] > 65536
                                             or s.kdf["time_cost"] > 3)
                 for s in key_file.slots)
    if costly:  # within KDF_BOUNDS, so allowed; too slow to try thousands of times here
        return "loaded"
    for unlock, secret in ((key_file.unlock, PASS), (key_file.unlock_with_recovery, RECOVERY)):
        try:
            got = unlock(secret)  # type: ignore[operator]
        except WrongPassphrase as exc:
            assert "\n" not in str(exc)
            continue
        assert data_key is not None and got == data_key, "unlocked to a different key"
    return "loaded"


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_as_a_key_file(tmp_path, data):
    path = tmp_path / f"r{secrets.token_hex(4)}.db.key"
    path.write_bytes(data)
    assert load_checked(path, None, "random bytes") == "refused"


@FUZZ
@given(where=st.sampled_from(["top", "slot", "kdf"]), name=st.text(max_size=12)
       | st.sampled_from(["format", "version", "slots", "kind", "nonce", "wrapped", "salt",
                          "kdf", *KDF_BOUNDS]),
       value=JSON, slot=st.integers(0, 1), drop=st.booleans())
def test_one_field_of_a_valid_key_file_replaced(tmp_path, where, name, value, slot, drop):
    body, data_key = _valid(tmp_path)
    target = {"top": body, "slot": body["slots"][slot],
              "kdf": body["slots"][0]["kdf"]}[where]
    if drop:
        target.pop(name, None)
    else:
        target[name] = value
    path = tmp_path / f"m{secrets.token_hex(4)}.db.key"
    path.write_text(json.dumps(body))
    load_checked(path, data_key, f"{where} field")


def test_the_unmodified_key_file_unlocks_both_ways(tmp_path):
    body, data_key = _valid(tmp_path)
    path = tmp_path / "copy.db.key"
    path.write_text(json.dumps(body))
    key_file = KeyFile.load(path)
    assert key_file.unlock(PASS) == data_key
    assert key_file.unlock_with_recovery(RECOVERY) == data_key


def teardown_module(_module) -> None:
    print("\nkey-file fuzz cases:", json.dumps(dict(CASES)), "total", sum(CASES.values()))
