"""The PostgreSQL engine: a team's caseload on the council's server (server.py).

What SQLite gives a laptop for free is made explicit here:
- **One writer at a time.** A write transaction takes one advisory lock as it begins, as
  SQLite's `BEGIN IMMEDIATE` takes the file's write lock: the store's edits read a position or
  a key and then write it, and two seats doing that at once must not both get the same one.
  Writes are a few milliseconds each; reads never wait for the lock.
- **News of every commit.** A write transaction also sends `NOTIFY cpchair`, which the server
  delivers to every listener when (and only if) the transaction commits: the wall and every open
  meeting learn of a change at once, without polling (store/server_news.py).
- **Who did it.** Each connection tells the server the person's name (settings), which the
  audit trail records beside the database role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpchair.server import Server

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CHANNEL = "cpchair"  # LISTEN/NOTIFY channel of commits
WRITE_LOCK = 0x63706368  # the advisory lock every write takes ("cpch")
CONNECT_SECONDS = 10


def make_server_engine(server: Server, write_option: str) -> Engine:
    """The engine; a transaction begun with the execution option `write_option` (db.py's
    `for_writing`) is a write."""
    from sqlalchemy import create_engine, event

    engine = create_engine(
        server.url,
        hide_parameters=True,  # no case data in an error message, ever
        pool_pre_ping=True,  # a laptop's connection may have slept with its lid shut
        connect_args={"connect_timeout": CONNECT_SECONDS, "application_name": "cpchair"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(write_option, False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            conn.exec_driver_sql(f"NOTIFY {CHANNEL}")  # delivered at commit, dropped at rollback

    return engine


def revision(conn: Connection) -> str | None:
    """The schema's revision, or None for a database cpchair has not yet set up."""
    if conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def foreign_tables(conn: Connection) -> bool:
    """True if the database holds tables and none of them is cpchair's: another program's."""
    names = {
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    }
    return bool(names) and "alembic_version" not in names
