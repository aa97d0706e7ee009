"""Field safety: sealed field-to-HQ bundles, encrypted backups, recovery keys, crypto-shredding.

``bundle``: a field machine holds only HQ's public key; it seals new testimonies into an age
bundle and deletes its own copies. ``backup``: an encrypted, self-verifying copy of a casebook
and its key file. ``recovery``: passphrase change, organisation recovery key, reset.
``wipe``: destroy the wrapped keys so the database is noise at once.
"""

from casebook.field.backup import backup, read_backup, restore
from casebook.field.bundle import generate_hq_key, load_hq_identity, open_bundle, read_bundle, seal
from casebook.field.recovery import (
    add_recovery,
    change_passphrase,
    format_recovery_key,
    new_recovery_key,
    parse_recovery_key,
    reset_passphrase,
)
from casebook.field.wipe import wipe

__all__ = [
    "add_recovery", "backup", "change_passphrase", "format_recovery_key", "generate_hq_key",
    "load_hq_identity", "new_recovery_key", "open_bundle", "parse_recovery_key", "read_backup",
    "read_bundle", "reset_passphrase", "restore", "seal", "wipe",
]
