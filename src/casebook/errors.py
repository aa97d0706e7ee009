"""Every error Casebook raises on purpose, split by who has to act.

    CasebookError                 base: the CLI prints its message as one line
    ├── UserError                 the person at the keyboard can fix it
    │   ├── InvalidInput          a file, field or value is wrong (message names it)
    │   │   └── BadArgument       a command-line value is not one the command takes (exit 2)
    │   ├── NotFound              no such person, testimony, fact or file
    │   ├── WrongPassphrase       the passphrase does not open this casebook
    │   └── AlreadyExists         refusing to overwrite something
    ├── PolicyError               the rules of the casebook forbid it
    │   ├── ConsentRequired       the survivor has not agreed to this use (exit 2: refused
    │   │                         like a usage error, nothing done; the line names the scope)
    │   ├── DisclosureRisk        publishing would expose someone
    │   └── PermissionDenied      this user's role or organisation may not do it
    ├── StorageError              the store itself is the problem
    │   ├── StoreLocked           another process holds the casebook
    │   ├── StoreCorrupt          the file or key file is damaged
    │   ├── DiskFull              no space left where the casebook or an output is written
    │   ├── AuditChainBroken      the audit log was edited, reordered or cut
    │   └── MigrationNeeded       the schema is older than this program
    └── EstimationError           a statistical method cannot give an answer here

Programming mistakes are ordinary ``RuntimeError``/``TypeError``/``ValueError``. They are
bugs, but their messages and tracebacks can carry testimony text or SQL parameters, so the edges
(CLI and web) print or log only their type and where they happened (``INTERNAL_EXIT``).

No message of any class here may carry testimony text, names, places or SQL parameters: name
the file, record, field or id, and say what to do.
"""

from __future__ import annotations

INTERNAL_EXIT = 70  # EX_SOFTWARE: a bug; the line says where, never what the data was


class CasebookError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1


class UserError(CasebookError):
    """Something the user can correct."""


class InvalidInput(UserError):
    """A file, field or value is not acceptable; the message names which."""


class BadArgument(InvalidInput):
    """A value given on the command line is not one the command accepts (like a usage error)."""

    exit_code = 2


class NotFound(UserError):
    """The named record or file does not exist."""


class WrongPassphrase(UserError):
    """The passphrase (or key) does not open this casebook."""

    exit_code = 2


class AlreadyExists(UserError):
    """Refusing to overwrite an existing casebook, key or file."""


class PolicyError(CasebookError):
    """The casebook's own rules forbid the operation."""

    exit_code = 3


class ConsentRequired(PolicyError):
    """The survivor's consent does not cover this use."""


class DisclosureRisk(PolicyError):
    """The output would risk identifying a person."""


class PermissionDenied(PolicyError):
    """The user's role or organisation does not allow this."""


class StorageError(CasebookError):
    """The store cannot be used as it is."""

    exit_code = 4


class StoreLocked(StorageError):
    """Another process holds the casebook."""


class StoreCorrupt(StorageError):
    """The database or its key file is damaged or is not a casebook."""


class DiskFull(StorageError):
    """No space left on the device: what was stored so far is kept, the rest is not."""


class AuditChainBroken(StorageError):
    """An audit entry was edited, removed or reordered."""


class MigrationNeeded(StorageError):
    """The database schema is older than this program expects."""


class EstimationError(CasebookError):
    """A statistical method cannot produce an estimate for this input."""


__all__ = [
    "AlreadyExists",
    "AuditChainBroken",
    "BadArgument",
    "CasebookError",
    "ConsentRequired",
    "DisclosureRisk",
    "DiskFull",
    "EstimationError",
    "INTERNAL_EXIT",
    "InvalidInput",
    "MigrationNeeded",
    "NotFound",
    "PermissionDenied",
    "PolicyError",
    "StorageError",
    "StoreCorrupt",
    "StoreLocked",
    "UserError",
    "WrongPassphrase",
]
