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


def _wrap(kind: str, kek: bytes, data_key: bytes, salt: bytes = b"", kdf: dict | None = None) -> Slot:
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
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreCorrupt(
                f"{path}: key file missing — without it the casebook cannot be opened"
            ) from None
        except (ValueError, UnicodeDecodeError):
            raise StoreCorrupt(f"{path}: not a casebook key file") from None
        if raw.get("format") != FORMAT or raw.get("version") != VERSION:
            raise StoreCorrupt(f"{path}: not a casebook key file (format {raw.get('format')!r})")
        if not raw.get("slots"):
            raise StoreCorrupt(f"{path}: the keys were destroyed; this casebook cannot be opened")
        return cls(path, [Slot(**s) for s in raw["slots"]])

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
