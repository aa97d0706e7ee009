"""Cross-organisation linkage through a neutral linkage unit, so no party sees both secrets
and both lists.

Two organisations that link by exchanging .clk files directly each hold the shared secret *and*
the other's filters: either can encode candidate names ("Kim Sun-hui, born 1985, from Musan")
with the secret and test them against the other's file, a dictionary attack that keyed hashing
cannot stop when the attacker holds the key. The protocol here separates the two:

1. The organisations agree on a secret between themselves; the linkage unit never gets it.
2. Each encodes the testimonies whose consent allows sharing with the other
   (``casebook link encode --for ORG --to UNIT_KEY``); the .clk is encrypted with age to the
   unit's public key, so only the unit can read it and the partner never sees it.
3. The unit (``casebook link unit-match``) decrypts the files, matches them without the secret
   (filters are compared bit by bit), and returns to each organisation, encrypted to that
   organisation's own age key, only the overlap table (counts per capture history) and that
   organisation's *own* ids that matched: never the other side's ids, filters or scores.

The unit cannot run a dictionary attack (it lacks the key); the organisations cannot (they never
see the other's filters). What remains (frequency attacks by the unit on its filters, collusion
of the unit with one side) is in docs/threat-model.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pyrage import x25519

from casebook.errors import InvalidInput
from casebook.files import decrypt, encrypt, recipient
from casebook.linkage.match import ClkFile, match_files, overlap_csv, parse_clk

RESULT_FORMAT = "casebook-linkage-result"


def seal_for_unit(clk: bytes, unit_key: str) -> bytes:
    """A .clk file encrypted to the linkage unit's age public key."""
    return encrypt(clk, recipients=[unit_key], what="--to (the linkage unit's key)")


def open_at_unit(data: bytes, name: str, identity: x25519.Identity) -> ClkFile:
    """Decrypt and read one organisation's sealed .clk (at the unit)."""
    return parse_clk(decrypt(data, name, identity=identity), name)


@dataclass
class UnitResult:
    overlap: str  # CSV, one 0/1 column per list, then count
    matched: dict[str, list[str]]  # list label -> that list's own matched ids
    sizes: dict[str, int]


def unit_match(files: Sequence[ClkFile], threshold: float) -> UnitResult:
    """Match the lists; keep, for each list, only its own matched ids."""
    matches = match_files(files, threshold)
    matched: dict[str, set[str]] = {f.label: set() for f in files}
    for m in matches:
        matched[m.left_list].add(m.left)
        matched[m.right_list].add(m.right)
    return UnitResult(overlap_csv(files, matches),
                      {label: sorted(ids) for label, ids in matched.items()},
                      {f.label: len(f.ids) for f in files})


def result_for(result: UnitResult, label: str, return_key: str) -> bytes:
    """One organisation's answer, encrypted to its own key: the overlap table and its ids."""
    body = {"format": RESULT_FORMAT, "version": 1, "list": label,
            "overlap": result.overlap, "list_sizes": result.sizes,
            "matched_ids": result.matched[label]}
    return encrypt(json.dumps(body).encode("utf-8"), recipients=[return_key],
                   what=f"--return {label}=")


def read_result(data: bytes, name: str, identity: x25519.Identity) -> dict:
    """An organisation opens the unit's answer with its own key."""
    try:
        body = json.loads(decrypt(data, name, identity=identity).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(f"{name}: not a linkage result") from None
    if not isinstance(body, dict) or body.get("format") != RESULT_FORMAT:
        raise InvalidInput(f"{name}: not a linkage result")
    return body


def parse_returns(pairs: Sequence[str], labels: Sequence[str]) -> dict[str, str]:
    """``LABEL=age1…`` for every list: each answer goes only to its own organisation."""
    keys: dict[str, str] = {}
    for pair in pairs:
        label, sep, key = pair.partition("=")
        if not sep or not label.strip():
            raise InvalidInput(f"--return {pair[:30]!r}: write LABEL=age1… (the list's label)")
        recipient(key, f"--return {label.strip()}=")
        keys[label.strip()] = key.strip()
    missing = [lab for lab in labels if lab not in keys]
    if missing:
        raise InvalidInput(f"--return: no key for list(s) {', '.join(missing)}; each "
                           "organisation's answer is encrypted to its own key")
    return keys


def read_sealed(paths: Sequence[Path], identity: x25519.Identity) -> list[ClkFile]:
    from casebook.files import read_input

    return [open_at_unit(read_input(p, 1 << 30), str(p), identity) for p in paths]
