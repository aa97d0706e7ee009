"""Bloom-filter encodings (CLKs) so two organisations can link records without sharing names.

Each record becomes one bit string (a cryptographic long-term key, Schnell, Bachteler & Reiher
2011): every identifying field is cut into tokens (bigrams of the Korean-aware name keys, the
birth and crossing years with their neighbours, the origin and its province, places), and each
token sets a few bits chosen by a keyed hash. The years of her events and the sale prices
(log buckets of 25 %), each with its neighbours, are encoded too, as the plaintext model
compares them. Two records of the same woman share most tokens,
so their filters share most bits; the Dice coefficient of the filters measures it. A partner
holding the same secret encodes her records the same way; neither sees the other's names.

Mitigations against the known attacks (see docs/linkage.md for the attacks themselves):

* Keyed hashing: bit positions come from HMAC-SHA256 under keys derived (HKDF-SHA256) from a
  shared secret of at least 32 random bytes, a separate key per field, so an outsider cannot
  rebuild the encoding of "Kim" to look it up (dictionary attack) and double-hashing patterns
  (Niedermeyer et al. 2014) do not exist: every position is an independent HMAC output.
* One filter per record with a fixed bit budget per field (bits-per-feature): the number of set
  bits does not reveal how long a name is, and no field has a filter of its own to be
  frequency-matched.
* Optional hardening, measured in docs/benchmarks/linkage.md: ``balance`` (append the
  complement and permute with a keyed permutation: every filter has exactly half its bits set,
  Schnell & Borgs 2016), ``fold`` (XOR the two halves, Schnell et al. 2016) and ``blip``
  (flip each bit with probability f, randomised response: Schnell & Borgs 2016).

Not a guarantee: CLKs leak similarity by design, and frequency and pattern-mining attacks
(Christen et al. 2017–2018; Vidanage et al. 2020) recover common names from large sets of
unhardened filters. Use a fresh secret per exchange, send files only to the partner, delete
them after matching, and treat a .clk file as personal data.

The .clk file is JSON: parameters, a key check value (an HMAC of a fixed string, to detect a
mismatched secret; it reveals nothing about the secret) and ``[id, base64 filter]`` rows. It
holds no names, places or years in clear: ids must be opaque record numbers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from casebook.errors import InvalidInput
from casebook.linkage.compare import PRICE_STEP
from casebook.linkage.names import name_key, surname_key
from casebook.linkage.records import PersonRecord

FORMAT, VERSION = "casebook-clk", 1
MIN_SECRET_BYTES = 16
CHECK_MESSAGE = b"casebook-clk key check"

# Field -> bits budget per record (bits-per-feature): how much each field weighs in the score.
# Tuned on a synthetic tuning sample (bench/linkage_encoded.py), never on the evaluation one.
DEFAULT_FIELD_BITS = {
    "surname": 110, "given": 230, "birth_year": 90, "origin": 70, "province": 20,
    "crossing_year": 70, "places": 60, "children": 20, "event_years": 60, "prices": 40,
}
# The budgets before event years and prices were encoded (kept for the benchmark).
LEGACY_FIELD_BITS = {
    "surname": 110, "given": 230, "birth_year": 90, "origin": 70, "province": 20,
    "crossing_year": 70, "places": 60, "children": 20,
}


@dataclass(frozen=True)
class EncodingParams:
    """Everything both partners must agree on, besides the secret."""

    bits: int = 1024
    field_bits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_FIELD_BITS))
    balance: bool = False
    fold: bool = False
    blip: float = 0.0

    def __post_init__(self) -> None:
        if self.bits % 128 or not 128 <= self.bits <= 65536:
            raise InvalidInput("bits must be a multiple of 128 between 128 and 65536")
        if not 0.0 <= self.blip < 0.5:
            raise InvalidInput("blip must be at least 0 and below 0.5")

    @property
    def output_bits(self) -> int:
        return (self.bits * (2 if self.balance else 1)) // (2 if self.fold else 1)


def read_secret(path: Path | str) -> bytes:
    """The shared secret, from a file (never the command line, which other users can see)."""
    path = Path(path)
    try:
        secret = path.read_bytes().strip()
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such secret file") from None
    if len(secret) < MIN_SECRET_BYTES:
        raise InvalidInput(
            f"{path}: the secret must be at least {MIN_SECRET_BYTES} bytes "
            "(make one with: python -c 'import secrets; print(secrets.token_hex(32))')")
    return secret


def derive_key(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"casebook-clk-v1",
                info=purpose.encode()).derive(secret)


def key_check(secret: bytes) -> str:
    return hmac.new(derive_key(secret, "check"), CHECK_MESSAGE, hashlib.sha256).hexdigest()[:32]


def _bigrams(key: str | None) -> list[str]:
    if not key:
        return []
    padded = f"_{key}_"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


def _near_years(year: int | None) -> list[str]:
    return [] if year is None else [str(year - 1), str(year), str(year + 1)]


def _with_neighbours(values) -> list[str]:
    """Each value and its neighbours (years, or 25 % price buckets as in ``compare``)."""
    return [str(v) for v in sorted({v + d for v in values for d in (-1, 0, 1)})]


def record_tokens(record: PersonRecord, province_of: Callable[[str], str | None] | None = None
                  ) -> dict[str, list[str]]:
    """The tokens of each field: what the filter encodes (never written anywhere)."""
    province = province_of(record.origin) if (province_of and record.origin) else None
    return {
        "surname": _bigrams(surname_key(record.surname)),
        "given": [] if record.name_is_pseudonym else _bigrams(name_key(record.given_name)),
        "birth_year": _near_years(record.birth_year),
        "origin": [record.origin] if record.origin else [],
        "province": [province] if province else [],
        "crossing_year": _near_years(record.crossing_year),
        "places": sorted(set(record.places)),
        "children": [str(record.children)] if record.children is not None else [],
        "event_years": _with_neighbours(int(d[:4]) for d in record.dates if d[:4].isdigit()),
        "prices": _with_neighbours(round(math.log(p) / math.log(PRICE_STEP))
                                   for p in record.sale_prices if p and p > 0),
    }


class Encoder:
    """Turns records into filters under one secret and one set of parameters."""

    def __init__(self, secret: bytes, params: EncodingParams | None = None) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise InvalidInput(f"the secret must be at least {MIN_SECRET_BYTES} bytes")
        self.params = params or EncodingParams()
        self.check = key_check(secret)
        self._field_keys = {f: derive_key(secret, f"field:{f}") for f in self.params.field_bits}
        perm_key = derive_key(secret, "permutation")
        n = self.params.bits * (2 if self.params.balance else 1)
        order = sorted(range(n), key=lambda i: hmac.new(perm_key, i.to_bytes(4, "big"),
                                                         hashlib.sha256).digest())
        self._permutation = np.array(order, dtype=np.int64)
        self._positions = lru_cache(maxsize=500_000)(self._token_positions)

    def _token_positions(self, field_name: str, token: str, k: int) -> tuple[int, ...]:
        """k independent positions for one token: 32-bit chunks of HMAC(field key, token|i)."""
        key, bits = self._field_keys[field_name], self.params.bits
        out: list[int] = []
        counter = 0
        while len(out) < k:
            digest = hmac.new(key, f"{token}\x00{counter}".encode(), hashlib.sha256).digest()
            out.extend(int.from_bytes(digest[i:i + 4], "big") % bits for i in range(0, 32, 4))
            counter += 1
        return tuple(out[:k])

    def encode_bits(self, tokens: dict[str, list[str]]) -> np.ndarray:
        """The filter of one record as a 0/1 array (before packing)."""
        p = self.params
        bloom = np.zeros(p.bits, dtype=np.uint8)
        for field_name, field_tokens in tokens.items():
            budget = p.field_bits.get(field_name, 0)
            if not field_tokens or not budget:
                continue
            k = max(1, round(budget / len(field_tokens)))
            for token in field_tokens:
                bloom[list(self._positions(field_name, token, k))] = 1
        if p.balance:
            bloom = np.concatenate([bloom, 1 - bloom])[self._permutation]
        if p.fold:
            half = len(bloom) // 2
            bloom = bloom[:half] ^ bloom[half:]
        if p.blip:
            flips = np.frombuffer(secrets.token_bytes(len(bloom) * 2), dtype=np.uint16)
            bloom = bloom ^ (flips < p.blip * 65536).astype(np.uint8)
        return bloom

    def encode(self, records: Sequence[PersonRecord],
               province_of: Callable[[str], str | None] | None = None) -> np.ndarray:
        """Packed filters, one row of bytes per record."""
        rows = [np.packbits(self.encode_bits(record_tokens(r, province_of))) for r in records]
        return np.vstack(rows) if rows else np.zeros((0, self.params.output_bits // 8), np.uint8)


def clk_bytes(ids: Sequence[str], packed: np.ndarray, encoder: Encoder, label: str) -> bytes:
    """A .clk file's content: parameters, key check and ``[id, filter]`` rows, nothing else."""
    header = {"format": FORMAT, "version": VERSION, "label": label,
              "params": asdict(encoder.params), "key_check": encoder.check, "count": len(ids)}
    rows = [[str(i), base64.b64encode(row.tobytes()).decode()] for i, row in zip(ids, packed)]
    return json.dumps({**header, "records": rows}).encode("utf-8")


def write_clk(path: Path | str, ids: Sequence[str], packed: np.ndarray, encoder: Encoder,
              label: str) -> None:
    """Write a .clk file (0600, atomically)."""
    from casebook.files import write_atomic

    write_atomic(Path(path), clk_bytes(ids, packed, encoder, label), overwrite=True)


def encode_file(records: Sequence[PersonRecord], secret: bytes, out: Path | str, label: str,
                params: EncodingParams | None = None,
                province_of: Callable[[str], str | None] | None = None) -> int:
    encoder = Encoder(secret, params)
    packed = encoder.encode(records, province_of)
    write_clk(out, [r.id for r in records], packed, encoder, label)
    return len(records)


__all__ = [
    "DEFAULT_FIELD_BITS", "LEGACY_FIELD_BITS", "Encoder", "EncodingParams", "derive_key",
    "clk_bytes", "encode_file", "key_check", "read_secret", "record_tokens", "write_clk",
]
