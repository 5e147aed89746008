"""The SQLite engine: durable settings, private files, migrations applied on open. (A team's
server has its own engine, db_server.py; `engine_for` and `migrate` serve both.)

Nothing here runs at import time; `make_engine(path)` is called by the store when it first
needs the database, so tests can point it anywhere.

A database opened with a passphrase (`key`) is encrypted at rest by SQLCipher (the
`sqlcipher3` driver, the same SQLite with every page encrypted): the main file, its
write-ahead log and its shared-memory file hold no plaintext. Without a key, the standard
`sqlite3` driver opens a plain database as before.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cpchair.paths import ensure_private_file
from cpchair.server import Server, Target

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# The newest migration this version of cpchair knows. A test checks it against Alembic's head,
# so opening an up-to-date database never pays for importing Alembic.
SCHEMA_HEAD = "0012"
# Marks the file as cpchair's (`PRAGMA application_id`): "cpch". Another program's SQLite
# database is refused before anything in it is touched.
APPLICATION_ID = 0x63706368


WRITE_OPTION = "cpchair_write"
BUSY_SECONDS = 10  # how long a write waits for another process's write to finish


PLAIN_HEADER = b"SQLite format 3\x00"  # the first bytes of every unencrypted SQLite file


class DatabaseError(Exception):
    """A database problem, told in the chair's words. Never carries case data."""


class LockedError(DatabaseError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphraseError(DatabaseError):
    """The passphrase given does not open this database."""


LOCKED = (
    "This database file is encrypted, or it is not a database at all. If it is cpchair's, "
    "give its passphrase: run cpchair in a terminal, or set CPCHAIR_PASSPHRASE."
)
WRONG = "That passphrase does not open this database."


def is_encrypted(path: Path) -> bool:
    """True if the file is there, has content, and is not plain SQLite: SQLCipher leaves no
    readable header (not even the "SQLite format 3" every plain file starts with)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(PLAIN_HEADER))
    except OSError:
        return False
    return bool(head) and head != PLAIN_HEADER


def driver(key: str | None) -> ModuleType:
    """The DB-API module for a database with or without a passphrase."""
    if key is None:
        return sqlite3
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


# SQLCipher writes its own errors to stderr (a wrong key: "hmac check failed"), which would
# draw over the app's screen. The refusal is told in the chair's words instead.
QUIET = "PRAGMA cipher_log_level = NONE"


def key_pragma(key: str) -> str:
    """`PRAGMA key` for a passphrase, quoted as an SQL string (it never reaches a log)."""
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def raw_connect(path: Path, key: str | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to the file, unlocked with `key` when it is encrypted. For what
    the engine does not do: a look inside before anything changes, backups, re-keying.
    A wrong passphrase raises WrongPassphraseError; nothing in the file changes."""
    mode = "?mode=ro" if read_only else ""
    conn = driver(key).connect(f"file:{_uri_path(path)}{mode}", uri=True, timeout=BUSY_SECONDS)
    if key is not None:
        conn.execute(QUIET)
        conn.execute(key_pragma(key))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as exc:  # "file is not a database": the key does not fit
            conn.close()
            raise WrongPassphraseError(WRONG) from exc
    return conn


def _uri_path(path: Path) -> str:
    """The path as a `file:` URI holds it: a `%`, `?` or `#` in a file or folder name is
    part of the name, not the start of an escape, the options or a fragment."""
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def key_to_use(path: Path, key: str | None) -> str | None:
    """A plain database opens as before, until `cpchair encrypt`, whatever passphrase is given."""
    if key is not None and path.exists() and not is_encrypted(path) and path.stat().st_size:
        return None
    return key


def make_engine(path: Path, *, migrate_now: bool = True, key: str | None = None) -> Engine:
    # SQLAlchemy is loaded here, not above: the app's first frame reads the file without it.
    from sqlalchemy import create_engine

    key = key_to_use(path, key)
    unmarked = check_file(path, key)
    ensure_private_file(path)
    engine = create_engine(
        f"sqlite:///{path}",
        module=driver(key),
        hide_parameters=True,  # no case data in an error message, ever
        connect_args={"check_same_thread": False, "timeout": BUSY_SECONDS},
    )
    _install_sqlite_behaviour(engine, key)
    if unmarked:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    if migrate_now:
        migrate(engine)
    return engine


def check_file(path: Path, key: str | None = None) -> bool:
    """Refuse a file that is not a cpchair database before anything is changed in it (its
    journal mode, its permissions, its tables). True when the file is to get cpchair's mark:
    there is none yet, or it is cpchair's from before the mark."""
    if not path.exists():
        return True
    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseError(
            "The database file is empty. To start a new database there, delete the file "
            "first; or choose another file."
        )
    if key is None and is_encrypted(path) and _could_be_encrypted(path):
        raise LockedError(LOCKED)
    try:
        app_id, tables, revision = _look_inside(path, key)
    except (sqlite3.DatabaseError, driver(key).DatabaseError) as exc:
        raise DatabaseError(
            "The database file could not be read. It may be damaged or not a cpchair database."
        ) from exc
    ours = app_id == APPLICATION_ID or (app_id == 0 and {"case", "alembic_version"} <= tables)
    if not ours:
        raise DatabaseError(
            "That file is another program's database, not cpchair's. Nothing in it was changed."
        )
    if revision is not None and (not revision.isdigit() or revision > SCHEMA_HEAD):
        raise DatabaseError(
            "This database was written by a newer version of cpchair. Update cpchair to open it."
        )
    return app_id == 0


def _could_be_encrypted(path: Path) -> bool:
    """An encrypted database is whole pages of random bytes: at least 1 KiB, in 512s."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0


def _look_inside(path: Path, key: str | None = None) -> tuple[int, set[str], str | None]:
    """The file's application id, its tables and its schema revision, read only: nothing in
    the main file changes (SQLite may add its -shm file beside a database in WAL mode, and
    takes it away again)."""
    with closing(raw_connect(path, key, read_only=True)) as conn:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return app_id, tables, revision


_engines: dict[tuple[Target, str | None], Engine] = {}


def engine_for(target: Target, key: str | None = None) -> Engine:
    """One engine per database file (and passphrase), or per server, for the life of the
    process."""
    engine = _engines.get((target, key))
    if engine is None:
        if isinstance(target, Server):
            engine = _server_engine(target)
        else:
            engine = make_engine(target, key=key)
        _engines[(target, key)] = engine
    return engine


def _server_engine(server: Server) -> Engine:
    from sqlalchemy.exc import OperationalError

    from cpchair.db_server import make_server_engine

    engine = make_server_engine(server, WRITE_OPTION)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        # The driver's message names the host and the role, never a case: it says why.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
        raise DatabaseError(f"cannot reach the database server at {server}: {reason}") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def forget_engines(target: Target) -> None:
    """Close this process's engines on the file (or server) and forget them: once the file is
    replaced (a restore, encryption, a new passphrase), the next open reads the new one, with
    the passphrase it has now."""
    if not isinstance(target, Server):
        target = target.resolve()
    for cached in [k for k in _engines if k[0] == target]:
        _engines.pop(cached).dispose()


def _install_sqlite_behaviour(engine: Engine, key: str | None) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Take transactions out of the driver's hands so that BEGIN covers DDL too: a
        # migration then commits whole or not at all.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute(QUIET)
            cur.execute(key_pragma(key))  # first, before anything reads a page
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left
        cur.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write takes the lock as it begins, so it waits its turn (the busy timeout) while
        # another process writes. Begun as a read and upgraded later, it would fail at once.
        # Reads stay deferred: in WAL they never wait for a writer.
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def for_writing(engine: Engine) -> Engine:
    """The same engine, its transactions begun as writes (`BEGIN IMMEDIATE`)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    if engine.dialect.name != "sqlite":
        from cpchair import db_server

        with engine.connect() as conn:
            if db_server.foreign_tables(conn):
                raise DatabaseError(
                    "That database holds another program's tables, not cpchair's. "
                    "Nothing in it was changed."
                )
            return db_server.revision(conn)
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def migrate(engine: Engine, script_location: str | None = None) -> None:
    """Bring the schema up to date, all migrations in one transaction."""
    try:
        revision = current_revision(engine)
    except DatabaseError:
        raise
    except Exception as exc:  # a file that is not a SQLite database, or is damaged
        if engine.dialect.name != "sqlite":
            raise  # a server that cannot be reached: the caller says so
        raise DatabaseError(
            "The database file could not be read. It may be damaged or not a cpchair database."
        ) from exc
    if revision == SCHEMA_HEAD and script_location is None:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    location = script_location or str(resources.files("cpchair") / "migrations")
    config = Config()
    config.set_main_option("script_location", location)
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    if revision is not None and revision not in known:
        raise DatabaseError(
            "This database was written by a newer version of cpchair. Update cpchair to open it."
        )
    if engine.dialect.name != "sqlite":
        from cpchair.db_server import WRITE_LOCK

        with engine.connect() as conn, conn.begin():
            # Two seats opening a new database at once: one migrates, the other waits and
            # then finds the work done.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # A migration that rebuilds a table (SQLite's batch mode) drops the old copy; with
        # foreign keys on, that drop would cascade through every case. SQLite ignores this
        # pragma inside a transaction, so it is set before BEGIN and restored after.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise DatabaseError(
                        "The database upgrade would break links between records; "
                        "nothing was changed."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
