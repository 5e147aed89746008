"""A team's database on a PostgreSQL server, named by a URL where a laptop names a file.

`--db` and `CPCHAIR_DB` take either. A URL is recognised by its scheme; anything else is a
path, as before. Light to import: nothing of SQLAlchemy or the driver is loaded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# The schemes a person may write, each opened with psycopg (3), the driver cpchair ships.
_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# libpq takes a password in the query too (`?password=...`): hidden there as well.
_QUERY_PASSWORD = re.compile(r"(^|&)(password=)[^&]*", re.IGNORECASE)


class NotADatabase(ValueError):
    """A URL that names no database cpchair can use; `str()` says why in the user's words."""


@dataclass(frozen=True)
class Server:
    """A database on a PostgreSQL server. `url` is for SQLAlchemy (`postgresql+psycopg://`)."""

    url: str

    def __str__(self) -> str:
        """The URL as a person writes it, without its password: safe for a screen, an error
        or a log."""
        return self._shown(masked=True)

    @property
    def libpq_url(self) -> str:
        """The URL as the driver itself takes it, password and all: for a connection made
        without SQLAlchemy (the first page, before the store loads; the change feed)."""
        return "postgresql" + self.url.removeprefix("postgresql+psycopg")

    def without_password(self) -> str:
        """The URL with no password at all: what a laptop keeps to reach the server again
        (checkout.py). Kept as `str()` shows it, `***` would be sent as the password; without
        one, libpq finds the real one where the person keeps it (PGPASSWORD, ~/.pgpass)."""
        return self._shown(masked=False)

    def _shown(self, *, masked: bool) -> str:
        parts = urlsplit(self.url)
        netloc = parts.netloc
        if parts.password is not None:
            host = netloc.rsplit("@", 1)[1]
            user = f"{parts.username}:***" if masked else parts.username
            netloc = f"{user}@{host}" if user else host
        query = _QUERY_PASSWORD.sub(r"\1\2***" if masked else "", parts.query).lstrip("&")
        return _unsplit("postgresql", netloc, parts.path, query, parts.fragment)


Target = Path | Server


def parse_target(text: str) -> Target:
    """A path, or a server's URL (`postgresql://user@host/db`)."""
    if not _URL.match(text):
        return Path(text).expanduser()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        if parts.netloc or not parts.path[1:]:  # sqlite://x.db: the file read as a host
            raise NotADatabase("a database file's URL has three slashes: sqlite:///FILE")
        return Path(parts.path[1:]).expanduser()  # sqlite:///rel.db, sqlite:////abs.db
    if scheme not in _SCHEMES:
        raise NotADatabase(
            f"cpchair uses a database file or a PostgreSQL server (postgresql://...), "
            f"not {parts.scheme}://"
        )
    if not parts.path.strip("/"):
        raise NotADatabase("the server's URL names no database: add /DATABASE at its end")
    return Server(
        _unsplit("postgresql+psycopg", parts.netloc, parts.path, parts.query, parts.fragment)
    )


def _unsplit(scheme: str, netloc: str, path: str, query: str, fragment: str) -> str:
    """urlunsplit, but always with `//`: urllib drops it when there is no host for a scheme it
    does not know, and `postgresql:///cases` (the server on this machine, through its socket)
    came out as `postgresql+psycopg:/cases`, which SQLAlchemy cannot read."""
    url = f"{scheme}://{netloc}{path}"
    return url + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
