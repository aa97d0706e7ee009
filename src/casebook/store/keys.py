"""The key file beside an encrypted casebook: a random data key, wrapped.

The database is encrypted by SQLCipher with a random 256-bit *data key*. That key is never
stored as it is: each *slot* of the key file holds it encrypted (AES-256-GCM from
``cryptography``) under a key-encryption key. The passphrase slot derives its key with
argon2id (``argon2-cffi``); a recovery slot can hold the same data key under an
organisation's recovery key. Changing the passphrase rewrites one slot; destroying the
slots makes the database unreadable at once.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casebook.errors import AlreadyExists, StoreCorrupt, WrongPassphrase

FORMAT = "casebook-keyfile"
VERSION = 1
AAD = b"casebook data key v1"
# OWASP's first argon2id recommendation (m=47 MiB would be the second); interactive but costly.
DEFAULT_KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 2, "hash_len": 32}
FAST_KDF = {"time_cost": 1, "memory_cost": 8192, "parallelism": 1, "hash_len": 32}


MAX_KEY_FILE_BYTES = 1 << 20
# What a key file may ask of the machine when it is opened. Anything outside is a damaged or
# hostile file: refused, never obeyed (a memory_cost of 4 GiB would stall or kill the laptop).
KDF_BOUNDS = {"time_cost": (1, 20), "memory_cost": (8192, 1 << 20), "parallelism": (1, 16),
              "hash_len": (32, 32)}


def _checked_slot(raw: object, path: Path, n: int) -> Slot:
    """One slot of a key file, every field checked; ``StoreCorrupt`` naming the slot if not."""
    where = f"{path}: key slot {n}"
    if not isinstance(raw, dict):
        raise StoreCorrupt(f"{where} is damaged (not an object)")
    kind = raw.get("kind")
    if kind not in ("passphrase", "recovery"):
        raise StoreCorrupt(f"{where} is damaged (kind)")
    fields = {}
    for name in ("nonce", "wrapped", "salt"):
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise StoreCorrupt(f"{where} is damaged ({name})")
        try:
            decoded = base64.b64decode(value.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise StoreCorrupt(f"{where} is damaged ({name} is not base64)") from None
        fields[name] = (value, decoded)
    if len(fields["nonce"][1]) != 12 or len(fields["wrapped"][1]) != 48:
        raise StoreCorrupt(f"{where} is damaged (nonce or wrapped key has the wrong length)")
    kdf = raw.get("kdf") or {}
    if kind == "passphrase":
        if len(fields["salt"][1]) < 16:
            raise StoreCorrupt(f"{where} is damaged (salt)")
        if not isinstance(kdf, dict) or set(kdf) != set(KDF_BOUNDS):
            raise StoreCorrupt(f"{where} is damaged (key-derivation parameters)")
        for name, (low, high) in KDF_BOUNDS.items():
            value = kdf[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise StoreCorrupt(f"{where}: key-derivation {name} outside {low}..{high}; "
                                   "refusing a damaged or hostile key file")
    elif kdf or fields["salt"][1]:
        # a recovery slot is opened by the organisation's key itself: nothing to derive
        raise StoreCorrupt(f"{where} is damaged (a recovery slot has no salt or key derivation)")
    return Slot(kind, fields["nonce"][0], fields["wrapped"][0], fields["salt"][0],
                dict(kdf) if isinstance(kdf, dict) else {})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def kdf_params() -> dict:
    """argon2id cost; ``CASEBOOK_FAST_KDF=1`` lowers it for tests and benchmarks only."""
    return dict(FAST_KDF if os.environ.get("CASEBOOK_FAST_KDF") == "1" else DEFAULT_KDF)


def derive(passphrase: str, salt: bytes, params: dict) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, type=Type.ID,
        time_cost=params["time_cost"], memory_cost=params["memory_cost"],
        parallelism=params["parallelism"], hash_len=params["hash_len"],
    )


@dataclass
class Slot:
    """One wrapping of the data key."""

    kind: str  # "passphrase" or "recovery"
    nonce: str
    wrapped: str
    salt: str = ""
    kdf: dict = field(default_factory=dict)

    def unwrap(self, kek: bytes) -> bytes:
        try:
            return AESGCM(kek).decrypt(_unb64(self.nonce), _unb64(self.wrapped), AAD)
        except InvalidTag:
            raise WrongPassphrase("the passphrase does not open this casebook") from None


def _wrap(
    kind: str, kek: bytes, data_key: bytes, salt: bytes = b"", kdf: dict | None = None
) -> Slot:
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, AAD)
    return Slot(kind, _b64(nonce), _b64(wrapped), _b64(salt), kdf or {})


def passphrase_slot(passphrase: str, data_key: bytes) -> Slot:
    salt = secrets.token_bytes(16)
    params = kdf_params()
    return _wrap("passphrase", derive(passphrase, salt, params), data_key, salt, params)


def recovery_slot(recovery_key: bytes, data_key: bytes) -> Slot:
    if len(recovery_key) != 32:
        raise ValueError("a recovery key is 32 bytes")
    return _wrap("recovery", recovery_key, data_key)


@dataclass
class KeyFile:
    path: Path
    slots: list[Slot]

    @staticmethod
    def path_for(db_path: Path) -> Path:
        return db_path.with_name(db_path.name + ".key")

    @classmethod
    def create(cls, path: Path, passphrase: str) -> tuple[KeyFile, bytes]:
        if path.exists():
            raise AlreadyExists(f"{path}: a key file already exists")
        if not passphrase:
            raise WrongPassphrase("an empty passphrase cannot protect a casebook")
        data_key = secrets.token_bytes(32)
        kf = cls(path, [passphrase_slot(passphrase, data_key)])
        kf.save()
        return kf, data_key

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read and check a key file: a damaged one, or one whose KDF costs are outside
        ``KDF_BOUNDS`` (a hostile file asking for 4 GiB of memory), is refused in one line."""
        if not path.exists():
            raise StoreCorrupt(
                f"{path}: key file missing — without it the casebook cannot be opened") from None
        if not path.is_file():
            raise StoreCorrupt(f"{path}: the key file is not a regular file")
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise StoreCorrupt(f"{path}: too large to be a casebook key file")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise StoreCorrupt(f"{path}: not a casebook key file") from None
        except OSError as exc:
            raise StoreCorrupt(f"{path}: cannot read the key file ({exc.strerror})") from None
        if not isinstance(raw, dict):
            raise StoreCorrupt(f"{path}: not a casebook key file")
        if raw.get("format") != FORMAT or raw.get("version") != VERSION:
            raise StoreCorrupt(f"{path}: not a casebook key file")
        slots = raw.get("slots")
        if not slots:
            raise StoreCorrupt(f"{path}: the keys were destroyed; this casebook cannot be opened")
        if not isinstance(slots, list):
            raise StoreCorrupt(f"{path}: the key file is damaged (slots)")
        return cls(path, [_checked_slot(s, path, n) for n, s in enumerate(slots, 1)])

    def save(self) -> None:
        """Write atomically: a crash mid-write must never leave a half key file."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        body = {"format": FORMAT, "version": VERSION, "slots": [s.__dict__ for s in self.slots]}
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(body, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def unlock(self, passphrase: str) -> bytes:
        for slot in self.slots:
            if slot.kind == "passphrase":
                try:
                    return slot.unwrap(derive(passphrase, _unb64(slot.salt), slot.kdf))
                except WrongPassphrase:
                    continue
        raise WrongPassphrase(f"the passphrase does not open this casebook ({self.path})")

    def unlock_with_recovery(self, recovery_key: bytes) -> bytes:
        for slot in self.slots:
            if slot.kind == "recovery":
                try:
                    return slot.unwrap(recovery_key)
                except WrongPassphrase:
                    continue
        raise WrongPassphrase(f"the recovery key does not open this casebook ({self.path})")

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the same data key: nothing in the database is re-encrypted."""
        if not new:
            raise WrongPassphrase("an empty passphrase cannot protect a casebook")
        data_key = self.unlock(old)
        self.slots = [s for s in self.slots if s.kind != "passphrase"]
        self.slots.insert(0, passphrase_slot(new, data_key))
        self.save()

    def add_recovery(self, data_key: bytes, recovery_key: bytes) -> None:
        self.slots = [s for s in self.slots if s.kind != "recovery"]
        self.slots.append(recovery_slot(recovery_key, data_key))
        self.save()

    def destroy(self) -> None:
        """Crypto-shredding: overwrite the slots; the database is noise without them."""
        self.slots = []
        size = self.path.stat().st_size if self.path.exists() else 0
        with open(self.path, "r+b") as fh:
            fh.write(secrets.token_bytes(max(size, 1)))
            fh.flush()
            os.fsync(fh.fileno())
        self.path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "slots": []}))
