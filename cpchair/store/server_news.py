"""News of commits on a server, from PostgreSQL's LISTEN/NOTIFY (db_server.py): every write
transaction sends a notification that the server delivers when it commits. The watch's thread
sleeps on the connection's socket until one comes; nothing is asked of the server meanwhile.
It stands where `DataVersion` stands for a file (store/watch.py), with the same `wait`.
"""

from __future__ import annotations

import os
import select
from typing import Any

from sqlalchemy import Engine

from cpchair.db_server import CHANNEL

RETRY = 1.0  # the server could not be reached: tried again after this long


class ServerNews:
    def __init__(self, engine: Engine) -> None:
        self._url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn: Any = self._listen()  # raises if the server cannot be reached now
        self._wake_r, self._wake_w = os.pipe()
        self._first = True  # the first wait answers at once, as DataVersion's does

    def _listen(self) -> Any:
        import psycopg

        # A connection of its own, outside the pool: it sits in LISTEN for as long as it is
        # watched, and a pooled one would be handed to a reader meanwhile.
        conn = psycopg.connect(self._url, autocommit=True, application_name="cpchair")
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except Exception:
            conn.close()
            raise
        return conn

    def wake(self) -> None:
        """Make `wait` return now, from any thread."""
        os.write(self._wake_w, b"x")

    def _woken(self, timeout: float | None, *also: int) -> tuple[bool, list[int]]:
        ready, _, _ = select.select([self._wake_r, *also], [], [], timeout)
        if self._wake_r in ready:
            os.read(self._wake_r, 4096)
        return self._wake_r in ready, ready

    def wait(self) -> bool:
        """Sleep until a commit is notified (True; at once the first time) or `wake` is called
        (False). A lost connection is made again; then True, as commits may have been missed."""
        if self._first:
            self._first = False
            return True
        while True:
            if self._conn is None:  # lost: listen again once the server answers
                try:
                    self._conn = self._listen()
                    return True
                except Exception:
                    woken, _ = self._woken(RETRY)
                    if woken:
                        return False
                    continue
            pgconn = self._conn.pgconn
            woken, ready = self._woken(None, pgconn.socket)
            told = False
            if pgconn.socket in ready:
                try:
                    pgconn.consume_input()
                    while pgconn.notifies() is not None:
                        told = True
                except Exception:  # the server restarted, or the network went
                    self._conn.close()
                    self._conn = None
                    told = True
            if woken or told:
                return told

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        os.close(self._wake_r)
        os.close(self._wake_w)
