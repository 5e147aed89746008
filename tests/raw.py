"""A connection to a store's database as anyone with its client has one (sqlite3 for a file,
psycopg for a server): for tests that look inside, or tamper, behind the store's back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

from cpchair.store import Store


class Raw:
    """`execute(sql, params)` with SQLite's `?` placeholders on either engine, committed as
    it goes."""

    def __init__(self, conn: Any, qmark: bool) -> None:
        self.conn = conn
        self._qmark = qmark

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(sql if self._qmark else sql.replace("?", "%s"), params)

    def tables(self) -> list[str]:
        """Every table of cpchair's."""
        if self._qmark:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        return [name for (name,) in self.execute(sql)]


@contextmanager
def raw(store: Store) -> Iterator[Raw]:
    if not store.on_server:
        with closing(sqlite3.connect(store.path, isolation_level=None)) as conn:
            yield Raw(conn, qmark=True)
        return
    import psycopg

    url = store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as conn:
        yield Raw(conn, qmark=False)


def chr_sql(store: Store) -> str:
    """The SQL function that makes a character from its code."""
    return "chr" if store.on_server else "char"
