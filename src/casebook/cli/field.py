"""Field safety commands: field seal/open/keygen, backup, restore, passphrase, recovery, wipe."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from casebook.cli.common import (
    DbOption,
    JsonOption,
    PassphraseFileOption,
    console,
    err,
    first_line,
    open_casebook,
    passphrase,
    print_json,
    require_db,
)
from casebook.errors import InvalidInput, WrongPassphrase
from casebook.files import write_atomic
from casebook.store import Casebook, is_postgres

field_app = typer.Typer(help="Carry testimonies from a field machine to HQ, sealed.",
                        no_args_is_help=True)
passphrase_app = typer.Typer(help="Change or reset the casebook passphrase.", no_args_is_help=True)
recovery_app = typer.Typer(help="The organisation recovery key.", no_args_is_help=True)


def _secret(env: str, prompt: str, *, confirm: bool = False, file: Path | None = None) -> str:
    """A secret from a file, an environment variable, or a prompt — never from argv."""
    if file is not None:
        return first_line(file, "secret")
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise WrongPassphrase(f"no {prompt.lower()}: set {env} or run in a terminal")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"Repeat the {prompt.lower()}: ") != first:
        raise WrongPassphrase(f"the two entries of the {prompt.lower()} differ")
    return first


def _file_db(db: str | None) -> Path:
    location = require_db(db)
    if is_postgres(location):
        raise InvalidInput("this command works on a SQLCipher casebook file, not on PostgreSQL")
    return Path(location)


# -- field -------------------------------------------------------------------------------------
def field_keygen(
    out: Annotated[Path, typer.Option("--out",
                                      help="Where to write the HQ private key (age-encrypted).")],
) -> None:
    """Create HQ's key pair. The private key file is itself protected by a passphrase.

    Give field machines the public key (printed, and written to OUT.pub); keep OUT at HQ.
    Example: CASEBOOK_HQ_KEY_PASSPHRASE=… casebook field keygen --out hq-key.age
    """
    from casebook.field.bundle import generate_hq_key

    secret = _secret("CASEBOOK_HQ_KEY_PASSPHRASE", "HQ key passphrase", confirm=True)
    public = generate_hq_key(out, secret)
    console.print(f"HQ key written to [bold]{out}[/] (keep it at HQ, never on a field machine).")
    console.print(f"Public key for field machines (also in {out.name}.pub):\n{public}")


def field_seal(
    out: Annotated[Path, typer.Option("--out", help="Bundle file to write (.age).")],
    to: Annotated[str | None, typer.Option(
        "--to", envvar="CASEBOOK_HQ_RECIPIENT",
        help="HQ's age public key (age1…); remembered in the casebook after first use.")] = None,
    keep_local: Annotated[bool, typer.Option(
        help="Keep the local copies (they are still marked as sealed). "
             "Not for checkpoints.")] = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Seal new testimonies into a bundle only HQ can open, then delete them here.

    Example: casebook field seal --out 2026-11-23.age --to age1…
    """
    from casebook.field.bundle import META_RECIPIENT, seal

    with open_casebook(db, passphrase_file) as book:
        recipient = to or book.meta.get(META_RECIPIENT)
        if not recipient:
            raise InvalidInput("field seal: give HQ's public key with --to age1… "
                               "(or $CASEBOOK_HQ_RECIPIENT)")
        result = seal(book, recipient, out, keep_local=keep_local)
        if to and book.meta.get(META_RECIPIENT) != to:
            book.meta.set(META_RECIPIENT, to)
    if json_out:
        print_json({"bundle": result.bundle_id, "file": str(out), "sealed": result.sealed,
                    "already_sealed": result.already_sealed, "removed": result.removed})
        return
    console.print(f"Sealed {len(result.sealed)} testimonies into [bold]{out}[/] for HQ; "
                  + ("local copies kept (marked as sealed)." if keep_local
                     else f"removed {result.removed} local copies."))
    if result.already_sealed:
        console.print(f"{len(result.already_sealed)} testimonies were sealed before and left out.")


def field_open(
    bundle: Annotated[Path, typer.Argument(help="A bundle made by `casebook field seal`.")],
    identity: Annotated[Path, typer.Option("--identity",
                                           help="HQ private key file (from keygen).")],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Verify a field bundle and import it at HQ; the same bundle twice changes nothing.

    Example: casebook field open 2026-11-23.age --identity hq-key.age
    """
    from casebook.field.bundle import load_hq_identity, open_bundle

    key = load_hq_identity(identity, _secret("CASEBOOK_HQ_KEY_PASSPHRASE", "HQ key passphrase"))
    with open_casebook(db, passphrase_file) as book:
        result = open_bundle(book, bundle, key)
    if json_out:
        print_json({"bundle": result.bundle_id, "already_opened": result.already_opened,
                    "added": result.added, "duplicates": result.duplicates})
    elif result.already_opened:
        console.print(f"Bundle {result.bundle_id} was opened before; nothing changed.")
    else:
        console.print(f"Verified and imported bundle {result.bundle_id}: "
                      f"{len(result.added)} added, {len(result.duplicates)} already present.")


# -- backup and restore -----------------------------------------------------------------------
def backup_cmd(
    out: Annotated[Path, typer.Option("--out", help="Backup file to write (.age).")],
    recipient: Annotated[list[str], typer.Option(
        help="Encrypt to this age public key instead of a passphrase (repeatable).")] = [],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Write an encrypted, self-verifying backup (database snapshot + key file + manifest).

    Without --recipient it is encrypted to $CASEBOOK_BACKUP_PASSPHRASE (or a prompt).
    Restoring needs that AND the casebook passphrase of the day of the backup.
    Example: casebook backup --out casebook-2026-11-23.backup.age
    """
    from casebook.field.backup import backup

    secret = None if recipient else _secret("CASEBOOK_BACKUP_PASSPHRASE", "Backup passphrase",
                                            confirm=True)
    with open_casebook(db, passphrase_file) as book:
        result = backup(book, out, passphrase=secret, recipients=list(recipient))
    m = result.manifest
    if json_out:
        print_json({"file": str(out), "bytes": result.bytes, "counts": m["counts"],
                    "audit": m["audit"]})
        return
    console.print(f"Backup written to [bold]{out}[/] ({result.bytes:,} bytes): "
                  f"{m['counts']['testimonies']} testimonies, {m['audit']['entries']} audit entries"
                  + ("" if m["audit"]["ok"] else " — [red]the audit chain was already broken[/]"))


def restore_cmd(
    backup_file: Annotated[Path, typer.Argument(help="A file made by `casebook backup`.")],
    to: Annotated[Path, typer.Option("--to", help="Directory to restore into (must not hold it).")],
    identity: Annotated[Path | None, typer.Option(
        help="age identity file, for backups encrypted to a public key.")] = None,
    check_open: Annotated[bool, typer.Option(
        help="Open the restored casebook (casebook passphrase) "
             "and compare it with the manifest.")] = True,
    passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Verify a backup and restore it into a directory.

    Example: casebook restore casebook-2026-11-23.backup.age --to restored/
    """
    from pyrage import x25519

    from casebook.field.backup import restore

    key = None
    secret = None
    if identity is not None:
        lines = [ln.strip() for ln in identity.read_text(encoding="utf-8").splitlines()]
        found = next((ln for ln in lines if ln.startswith("AGE-SECRET-KEY-")), None)
        if found is None:
            raise InvalidInput(f"{identity}: no AGE-SECRET-KEY-… line in this file")
        key = x25519.Identity.from_str(found)
    else:
        secret = _secret("CASEBOOK_BACKUP_PASSPHRASE", "Backup passphrase")
    cb_secret = passphrase(str(to / "casebook.db"), passphrase_file) if check_open else None
    result = restore(backup_file, to, passphrase=secret, identity=key,
                     casebook_passphrase=cb_secret)
    if json_out:
        print_json({"db": str(result.db_path), "verified_open": result.opened,
                    "counts": result.manifest["counts"]})
        return
    console.print(f"Restored [bold]{result.db_path}[/]: hashes verified"
                  + ("; opened, counts and audit chain match the backup." if result.opened
                     else "; not opened (run `casebook audit verify` on it)."))


# -- passphrase and recovery ------------------------------------------------------------------
def passphrase_change(
    new_passphrase_file: Annotated[Path | None, typer.Option(
        help="Read the new passphrase from this file. "
             "Otherwise $CASEBOOK_NEW_PASSPHRASE or a prompt.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Change the passphrase: re-wraps the data key, nothing is re-encrypted.

    Example: casebook passphrase change
    """
    from casebook.field.recovery import change_passphrase

    path = _file_db(db)
    old = passphrase(str(path), passphrase_file)
    new = _secret("CASEBOOK_NEW_PASSPHRASE", "New passphrase", confirm=True,
                  file=new_passphrase_file)
    change_passphrase(path, old or "", new)
    with Casebook.open(str(path), new) as book:
        book.audit.record("passphrase_change", None, None)
    console.print("Passphrase changed. Backups made before today still need the old one.")


def passphrase_reset(
    recovery_key_file: Annotated[Path,
                                 typer.Option(help="File holding the recovery key (CBRK-…).")],
    new_passphrase_file: Annotated[Path | None, typer.Option(
        help="Read the new passphrase from this file. "
             "Otherwise $CASEBOOK_NEW_PASSPHRASE or a prompt.")] = None,
    db: DbOption = None,
) -> None:
    """Set a new passphrase with the organisation recovery key (the old one is lost).

    Example: casebook passphrase reset --recovery-key-file /media/safe/recovery.txt
    """
    from casebook.field.recovery import read_recovery_key_file, reset_passphrase

    path = _file_db(db)
    key = read_recovery_key_file(recovery_key_file)
    new = _secret("CASEBOOK_NEW_PASSPHRASE", "New passphrase", confirm=True,
                  file=new_passphrase_file)
    reset_passphrase(path, key, new)
    with Casebook.open(str(path), new) as book:
        book.audit.record("passphrase_reset", None, {"by": "recovery key"})
    console.print("New passphrase set with the recovery key.")


def recovery_add(
    out: Annotated[Path | None, typer.Option(
        "--out",
        help="Write a NEW recovery key to this file (move it offline, then delete it).")] = None,
    recovery_key_file: Annotated[Path | None, typer.Option(
        help="Use the organisation's existing recovery key from this file.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Wrap the data key a second time under an organisation recovery key.

    Example: casebook recovery add --out /media/usb/recovery-key.txt
    """
    from casebook.field.recovery import (
        add_recovery,
        format_recovery_key,
        new_recovery_key,
        read_recovery_key_file,
    )

    if (out is None) == (recovery_key_file is None):
        raise InvalidInput("recovery add: give either --out (new key) or --recovery-key-file")
    path = _file_db(db)
    secret = passphrase(str(path), passphrase_file) or ""
    if recovery_key_file is not None:
        key = read_recovery_key_file(recovery_key_file)
    else:
        key = new_recovery_key()
        assert out is not None  # checked above: exactly one of --out, --recovery-key-file
        write_atomic(out, (format_recovery_key(key) + "\n").encode("ascii"))
    add_recovery(path, secret, key)
    with Casebook.open(str(path), secret) as book:
        book.audit.record("recovery_add", None, None)
    if out is not None:
        console.print(f"Recovery key written to [bold]{out}[/]. Print it or copy it offline, keep "
                      "it in the organisation's safe, and delete the file from this machine.")
    else:
        console.print("Recovery slot added with the organisation's key.")


def wipe_cmd(
    yes: Annotated[bool, typer.Option("--yes",
                                      help="Do not ask (for scripts and panic buttons).")] = False,
    keep_files: Annotated[bool, typer.Option(
        help="Keep the (now unreadable) database files instead of deleting them.")] = False,
    db: DbOption = None,
) -> None:
    """Destroy the casebook's keys at once (crypto-shredding), then delete its files.

    Nothing can bring it back — only a backup made earlier. No passphrase is needed.
    Example: casebook wipe --yes
    """
    from casebook.field.wipe import wipe

    path = _file_db(db)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput("wipe: refusing without --yes when no one can confirm")
        answer = typer.prompt(f"This destroys {path} for good. Type WIPE to go on")
        if answer.strip() != "WIPE":
            err.print("Nothing was wiped.")
            raise typer.Exit(1)
    result = wipe(path, keep_files=keep_files)
    console.print("Keys destroyed; the casebook can no longer be opened."
                  + (f" Removed {len(result.removed)} files." if result.removed else ""))


def register(app: typer.Typer) -> None:
    field_app.command("keygen")(field_keygen)
    field_app.command("seal")(field_seal)
    field_app.command("open")(field_open)
    app.add_typer(field_app, name="field")
    app.command("backup")(backup_cmd)
    app.command("restore")(restore_cmd)
    passphrase_app.command("change")(passphrase_change)
    passphrase_app.command("reset")(passphrase_reset)
    app.add_typer(passphrase_app, name="passphrase")
    recovery_app.command("add")(recovery_add)
    app.add_typer(recovery_app, name="recovery")
    app.command("wipe")(wipe_cmd)
