"""The store, opened in a thread of its own while the app paints its first frame.

Loading the store's code (SQLAlchemy, SQLModel, pydantic) and opening the database takes
longer than starting Textual. The app starts with a `StoreOpening` instead of a `Store`:
whoever needs the store first waits for it (a worker thread without noticing; the screen's
own thread only if a mouse click asks before it is there, for a moment at most). Light to
import: nothing of the store is loaded until `start`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpchair.server import Target
    from cpchair.store import Store


class OpenFailed(Exception):
    """The database could not be opened; `str()` says why in the chair's words."""


class StoreOpening:
    def __init__(self, path: Target, key: str | None) -> None:
        self.path = path
        self._key = key
        self._store: Store | None = None
        self._failure: Exception | None = None  # OpenFailed, or a fault for the crash report
        self._done = threading.Event()
        self._started = False

    @classmethod
    def opened(cls, store: Store) -> StoreOpening:
        """A store already open (tests, `cpchair open`): nothing to wait for."""
        opening = cls(store.where, None)
        opening._store = store
        opening._started = True
        opening._done.set()
        return opening

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def start(self, then: Callable[[], None]) -> None:
        """Open the store in a thread; `then()` runs in that thread once it is open (or
        could not be). Once only."""
        if self._started:
            return
        self._started = True
        threading.Thread(target=self._open, args=(then,), name="cpchair-open", daemon=True).start()

    def _open(self, then: Callable[[], None]) -> None:
        try:
            from cpchair.db import DatabaseError
            from cpchair.store import open_store

            try:
                self._store = open_store(self.path, self._key)
            except DatabaseError as exc:
                self._failure = OpenFailed(str(exc))
            except OSError as exc:
                self._failure = OpenFailed(
                    f"cannot open the database at {self.path}: {exc.strerror}"
                )
        except Exception as exc:  # raised again where the store is asked for
            self._failure = exc
        finally:
            self._done.set()
            then()

    def wait(self) -> Store:
        """The store, once open. Raises OpenFailed if it could not be."""
        self._done.wait()
        if self._failure is not None:
            raise self._failure
        assert self._store is not None
        return self._store

    @property
    def failure(self) -> Exception | None:
        return self._failure if self.ready else None
