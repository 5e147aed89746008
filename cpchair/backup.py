"""Backups, restore, a new passphrase and encryption: the file-level work on the database.

Free of Typer and Textual, so the CLI and the app share it; every refusal is a BackupError
told in the chair's words, never with case data, and leaves the database as it was.

- `make_backup` copies the live database with SQLite's online backup API: one read
  transaction, so another process may go on writing (WAL) and the copy is the database as it
  stood at one moment, every write committed before it began included. An encrypted database
  gives a backup encrypted with the same passphrase, checked to hold no plaintext.
- `daily_backup` keeps `cpchair-YYYY-MM-DD.db` in the backups folder, the last `KEEP_DAYS`.
- `restore` checks a backup (it opens, `integrity_check` is ok, it is cpchair's, its schema
  is not newer than this cpchair's) before it touches the database, then moves the database
  (and its -wal and -shm) aside and puts a private copy of the backup in its place.
- `change_passphrase` re-keys an encrypted database; `encrypt` turns a plain one into an
  encrypted one, checks the copy, replaces the plain file and deletes it.

The last three replace or rewrite the file under the feet of anyone who has it open, so they
refuse while another process does (`in_use`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpchair import paths
from cpchair.db import (
    APPLICATION_ID,
    PLAIN_HEADER,
    QUIET,
    SCHEMA_HEAD,
    WRONG,
    DatabaseError,
    WrongPassphraseError,
    _could_be_encrypted,
    _look_inside,
    _uri_path,
    driver,
    forget_engines,
    is_encrypted,
    key_pragma,
    raw_connect,
)

if TYPE_CHECKING:
    from cpchair.store import Store

BACKUPS = "backups"  # the folder in data_dir() where backups go unless told otherwise
KEEP_DAYS = 7  # daily backups kept
DAILY = re.compile(r"cpchair-(\d{4}-\d{2}-\d{2})\.db")  # the daily backups' names, and no other
LOCK_SECONDS = 2  # how long to wait for the database's lock before saying it is in use

IN_USE = (
    "the database is open in another cpchair (the app, the wall or a command): close it "
    "everywhere first."
)


class BackupError(Exception):
    """A backup, restore or re-key refused or failed, in the chair's words (a sentence
    without its capital, for the CLI to prefix and the app to capitalise). Nothing of the
    database was changed."""


class InUseError(BackupError):
    """Another process has the database open."""


# --- Who has the database open ------------------------------------------------------------

# SQLite's own locks (os_unix.c), which every connection takes, SQLCipher's too: a connection
# to a database in WAL mode holds a read lock on one byte of its -shm file (the "DMS" byte,
# 128) and one on the database file's shared range for as long as it is open, idle or not
# (a rollback-mode connection only during a transaction). `BEGIN EXCLUSIVE` does not test
# these: in WAL mode it takes only the log's write lock, so it would not see an app that is
# open and waiting. Either lock is enough; both are asked, in case a process lost one (POSIX
# drops all of a process's locks on a file when it closes any descriptor of that file).
SHM_DMS = 128
SHARED_FIRST = 0x40000000 + 2  # PENDING_BYTE + 2
SHARED_SIZE = 510


def in_use(path: Path) -> bool | None:
    """True if another process has the database open, False if none has; None where this
    cannot be told (no POSIX locks, as on Windows).

    Asked by taking, for a moment, the write lock a first connection takes (and letting it
    go): any other connection's read lock refuses it. Locks of this process do not count, so
    this process's own engines on the file are closed first (`forget_engines`): closing our
    descriptor would otherwise drop their locks.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    forget_engines(path)
    for file, start, length in (
        (Path(f"{path}-shm"), SHM_DMS, 1),
        (path, SHARED_FIRST, SHARED_SIZE),
    ):
        try:
            fd = os.open(file, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return True
        else:
            fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        finally:
            os.close(fd)
    return False


def refuse_in_use(path: Path) -> None:
    if in_use(path):
        raise InUseError(IN_USE)


@contextmanager
def _exclusive(path: Path, key: str | None, *, cipher: bool = False) -> Iterator[Any]:
    """A connection holding the database's exclusive lock until it closes (locking_mode
    EXCLUSIVE, taken before the first read, so in WAL mode it uses no -shm and no one else
    reads or writes meanwhile), switched to a rollback journal: the write-ahead log is
    checkpointed into the file and deleted. Unlocked with `key`; autocommit. `cipher`: through
    SQLCipher even without a key (for `ATTACH ... KEY`)."""
    module = driver(key) if key is not None or not cipher else _sqlcipher()
    conn = module.connect(
        f"file:{_uri_path(path)}", uri=True, timeout=LOCK_SECONDS, isolation_level=None
    )
    try:
        if key is not None:
            conn.execute(QUIET)
            conn.execute(key_pragma(key))
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except Exception as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise InUseError(IN_USE) from exc
            if key is not None:
                raise WrongPassphraseError(WRONG) from exc
            raise BackupError(_UNREADABLE) from exc
        conn.execute("PRAGMA journal_mode = DELETE")
        yield conn
    finally:
        conn.close()


def _sqlcipher() -> Any:
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


_UNREADABLE = "the database file could not be read; it may be damaged."


# --- Backing up ---------------------------------------------------------------------------


def backups_dir() -> Path:
    return paths.data_dir() / BACKUPS


def default_target(now: dt.datetime | None = None) -> Path:
    """A new file in the backups folder, named for the moment: cpchair-YYYY-MM-DD-HHMMSS.db
    (never a daily backup's name, so the daily ones never prune it)."""
    now = now or dt.datetime.now()
    return backups_dir() / f"cpchair-{now:%Y-%m-%d-%H%M%S}.db"


def make_backup(source: Path, key: str | None, target: Path, *, replace: bool = False) -> None:
    """Copy the database at `source` (unlocked with `key`, None if plain) to `target`, with
    the same passphrase, while others may go on using it. Written to a private temporary
    file beside the target, checked (integrity, and no plaintext when encrypted), then
    renamed into place; an existing target is replaced only if `replace`."""
    if _same_file(source, target):
        raise BackupError("a backup cannot be written over the database itself.")
    paths.ensure_private_dir(target.parent)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        with (
            closing(raw_connect(source, key, read_only=True)) as src,
            closing(raw_connect(tmp, key)) as dst,
        ):
            src.backup(dst)  # every page in one step: one read transaction, one moment
            # One file on its own: the live database's WAL mode is not carried over.
            dst.execute("PRAGMA journal_mode = DELETE")
            _check_integrity(dst, "the copy")
        if key is not None and not is_encrypted(tmp):
            raise BackupError("the copy was not encrypted; it was deleted.")
        _fsync(tmp)
        if not replace and os.path.lexists(target):
            raise BackupError(f"{target} already exists.")
        from cpchair.fileio import _refuse_non_file

        _refuse_non_file(target)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        _remove(tmp)
        raise


def daily_backup(store: Store, today: dt.date | None = None, keep: int = KEEP_DAYS) -> Path | None:
    """Today's backup of the store's database, unless the backups folder has it already; then
    only the newest `keep` daily backups are kept. Other files there are never touched.
    The backup written, or None."""
    today = today or dt.date.today()
    folder = backups_dir()
    target = folder / f"cpchair-{today.isoformat()}.db"
    made = None
    if not os.path.lexists(target):
        make_backup(store.path, store.key, target)
        made = target
    for old in daily_backups(folder)[:-keep] if keep > 0 else []:
        with suppress(FileNotFoundError):
            old.unlink()
    return made


def daily_backups(folder: Path) -> list[Path]:
    """The daily backups in the folder, oldest first."""
    found = []
    with suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            match = DAILY.fullmatch(entry.name)
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            try:
                dt.date.fromisoformat(match[1])
            except ValueError:
                continue
            found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.name)


# --- Restoring ----------------------------------------------------------------------------


def needs_passphrase(backup: Path) -> bool:
    """True if the file looks encrypted (so a passphrase is asked before it is checked)."""
    return is_encrypted(backup) and _could_be_encrypted(backup)


@dataclass(frozen=True)
class Restored:
    aside: Path | None  # where the replaced database was moved; None if there was none
    encrypted: bool  # the database now in place is encrypted


def restore(
    backup: Path, key: str | None, database: Path, now: dt.datetime | None = None
) -> Restored:
    """Put the backup in the database's place, once it is checked; the database that was
    there (with its -wal and -shm) is moved aside to `<name>.replaced-YYYYmmdd-HHMMSS`.

    The backup is first copied to a private file beside the database and the copy is checked,
    so what is checked is what is put in place. Any refusal (BackupError) leaves the database
    and the backup as they were."""
    if not backup.is_file():
        raise BackupError(f"there is no backup file at {backup}")
    if _same_file(backup, database):
        raise BackupError("that file is the database itself, not a backup of it.")
    wal = Path(f"{backup}-wal")
    if wal.is_file() and wal.stat().st_size:
        raise BackupError(
            f"{backup} has a write-ahead log beside it ({wal.name}): it is a database in use, "
            "or one not closed properly, not a backup. Open it with cpchair and back it up."
        )
    paths.ensure_private_dir(database.parent)
    fd, name = tempfile.mkstemp(prefix=f".{database.name}.", suffix=".restore", dir=database.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, backup.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        encrypted = check_backup(tmp, key)
        refuse_in_use(database)
        aside = _move_aside(database, now or dt.datetime.now())
        try:
            os.replace(tmp, database)
        except BaseException:
            _put_back(aside, database)
            raise
        _fsync_dir(database.parent)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        for suffix in ("-wal", "-shm", "-journal"):  # left by the check, if anything
            _remove(Path(f"{tmp}{suffix}"))
    forget_engines(database)
    return Restored(aside, encrypted)


def check_backup(path: Path, key: str | None) -> bool:
    """Refuse a file that is not a whole backup of a cpchair database this version can open:
    it must open (with `key` if encrypted), pass `integrity_check`, be cpchair's, and have a
    schema no newer than SCHEMA_HEAD. Opened read-only: nothing in it changes. True if it is
    encrypted."""
    head = path.read_bytes()[: len(PLAIN_HEADER)] if path.stat().st_size else b""
    if not head:
        raise BackupError("that backup file is empty.")
    encrypted = head != PLAIN_HEADER
    if encrypted and not _could_be_encrypted(path):
        raise BackupError("that file is not a cpchair backup (not a database at all).")
    if encrypted and key is None:
        raise BackupError("that backup is encrypted: give its passphrase.")
    if not encrypted:
        key = None  # a plain backup opens without one, whatever is given
    try:
        with closing(raw_connect(path, key, read_only=True)) as conn:
            _check_integrity(conn, "that backup")
        app_id, tables, revision = _look_inside(path, key)
    except WrongPassphraseError:
        if key is not None and _key_fits(path, key):
            raise BackupError("that backup is damaged: parts of it cannot be read.") from None
        raise BackupError(
            "that passphrase does not open the backup (or the backup is damaged)."
        ) from None
    except BackupError:
        raise
    except Exception as exc:  # sqlite3's or sqlcipher3's DatabaseError: not a database
        raise BackupError(
            "that backup could not be read: it is damaged, or not a database."
        ) from exc
    ours = app_id == APPLICATION_ID or (app_id == 0 and {"case", "alembic_version"} <= tables)
    if not ours or "case" not in tables:
        raise BackupError("that file is another program's database, not a cpchair backup.")
    if revision is not None and (not revision.isdigit() or revision > SCHEMA_HEAD):
        raise BackupError(
            "that backup was written by a newer version of cpchair: update cpchair to restore it."
        )
    return encrypted


def _key_fits(path: Path, key: str) -> bool:
    """True if `key` decrypts the file's first page (SQLCipher's own check of every page):
    a file the right key does not open is damaged, not locked with another passphrase."""
    try:
        with closing(_sqlcipher().connect(f"file:{_uri_path(path)}?mode=ro", uri=True)) as conn:
            conn.execute(QUIET)
            conn.execute(key_pragma(key))
            failed = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    except Exception:
        return False
    return not any(re.search(r"\bpage 1$", f) for f in failed)


def _check_integrity(conn: Any, what: str) -> None:
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except WrongPassphraseError:
        raise
    except Exception as exc:
        raise BackupError(f"{what} is damaged: its integrity check failed.") from exc
    if [tuple(r) for r in rows] != [("ok",)]:
        raise BackupError(f"{what} is damaged: its integrity check failed.")


def _move_aside(database: Path, now: dt.datetime) -> Path | None:
    """Move the database and its -wal and -shm to `<name>.replaced-YYYYmmdd-HHMMSS` (and
    its -wal, -shm), private. None if there is no database."""
    if not os.path.lexists(database):
        return None
    stamp = f"{now:%Y%m%d-%H%M%S}"
    aside = database.with_name(f"{database.name}.replaced-{stamp}")
    n = 1
    while any(os.path.lexists(f"{aside}{s}") for s in ("", "-wal", "-shm")):
        n += 1
        aside = database.with_name(f"{database.name}.replaced-{stamp}-{n}")
    os.rename(database, aside)
    os.chmod(aside, 0o600)
    for suffix in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            os.rename(f"{database}{suffix}", f"{aside}{suffix}")
            os.chmod(f"{aside}{suffix}", 0o600)
    return aside


def _put_back(aside: Path | None, database: Path) -> None:
    if aside is None:
        return
    for suffix in ("", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            os.rename(f"{aside}{suffix}", f"{database}{suffix}")


# --- A new passphrase, and encryption -----------------------------------------------------


def change_passphrase(database: Path, old: str, new: str) -> None:
    """Re-key an encrypted database (`PRAGMA rekey`: every page rewritten in one transaction),
    then check that the new passphrase opens it and the old one no longer does."""
    if not is_encrypted(database):
        raise BackupError("the database is not encrypted: `cpchair encrypt` encrypts it.")
    refuse_in_use(database)
    with _exclusive(database, old) as conn:
        conn.execute("PRAGMA rekey = '" + new.replace("'", "''") + "'")
    _remove(Path(f"{database}-shm"))  # another process's, from before: it is rebuilt
    with closing(raw_connect(database, new, read_only=True)) as conn:
        _check_integrity(conn, "the database")
    try:
        raw_connect(database, old, read_only=True).close()
    except WrongPassphraseError:
        return
    raise BackupError("the old passphrase still opens the database.")  # pragma: no cover


@dataclass(frozen=True)
class Encrypted:
    tables: int
    rows: int


def encrypt(database: Path, key: str) -> Encrypted:
    """Encrypt a plain database with `key`: an encrypted copy made beside it (SQLCipher's
    `sqlcipher_export`), checked (it opens with the key, integrity ok, the same rows in every
    table, the same user_version and application_id), then renamed over the plain file, whose
    -wal and -shm are deleted. The plain file is deleted, not overwritten: on an SSD an
    overwrite does not reach the old blocks anyway."""
    if not database.exists():
        raise BackupError(f"there is no database at {database}")
    if is_encrypted(database):
        raise BackupError("the database is encrypted already: `cpchair passphrase` changes it.")
    refuse_in_use(database)
    fd, name = tempfile.mkstemp(prefix=f".{database.name}.", suffix=".enc", dir=database.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        with _exclusive(database, None, cipher=True) as plain:
            counts = _row_counts(plain)
            meta = _meta(plain)
            plain.execute("ATTACH DATABASE ? AS enc KEY ?", (str(tmp), key))
            try:
                plain.execute("SELECT sqlcipher_export('enc')").fetchall()
                # sqlcipher_export copies the schema and rows, not these two header fields.
                plain.execute(f"PRAGMA enc.user_version = {int(meta[0])}")
                plain.execute(f"PRAGMA enc.application_id = {int(meta[1])}")
            finally:
                plain.execute("DETACH DATABASE enc")
            with closing(raw_connect(tmp, key)) as copy:
                _check_integrity(copy, "the encrypted copy")
                if _row_counts(copy) != counts or _meta(copy) != meta:
                    raise BackupError(
                        "the encrypted copy differs from the database; it was deleted."
                    )
            if not is_encrypted(tmp):  # pragma: no cover - SQLCipher always encrypts with a key
                raise BackupError("the copy was not encrypted; it was deleted.")
            _fsync(tmp)
            # Still holding the plain file's lock: no one reads or writes it from here on.
            for suffix in ("-wal", "-shm"):
                _remove(Path(f"{database}{suffix}"))
            os.replace(tmp, database)
            _fsync_dir(database.parent)
    except BaseException:
        _remove(tmp)
        raise
    forget_engines(database)
    return Encrypted(len(counts), sum(counts.values()))


def _row_counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _meta(conn: Any) -> tuple[int, int]:
    return (
        conn.execute("PRAGMA user_version").fetchone()[0],
        conn.execute("PRAGMA application_id").fetchone()[0],
    )


# --- Files --------------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with suppress(OSError):  # not every platform lets a folder be opened
        _fsync(folder)


__all__ = [
    "BackupError",
    "DatabaseError",
    "InUseError",
    "Restored",
    "change_passphrase",
    "check_backup",
    "daily_backup",
    "encrypt",
    "in_use",
    "make_backup",
    "restore",
]
