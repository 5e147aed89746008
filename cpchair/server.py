"""A team's database on a PostgreSQL server, named by a URL where a laptop names a file.

`--db` and `CPCHAIR_DB` take either. A URL is recognised by its scheme; anything else is a
path, as before. Light to import: nothing of SQLAlchemy or the driver is loaded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# The schemes a person may write, each opened with psycopg (3), the driver cpchair ships.
_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class NotADatabase(ValueError):
    """A URL that names no database cpchair can use; `str()` says why in the user's words."""


@dataclass(frozen=True)
class Server:
    """A database on a PostgreSQL server. `url` is for SQLAlchemy (`postgresql+psycopg://`)."""

    url: str

    def __str__(self) -> str:
        """The URL as a person writes it, without its password: safe for a screen, an error
        or a log."""
        parts = urlsplit(self.url)._replace(scheme="postgresql")
        if parts.password is not None:
            host = parts.netloc.rsplit("@", 1)[1]
            parts = parts._replace(netloc=f"{parts.username}:***@{host}")
        return urlunsplit(parts)


Target = Path | Server


def parse_target(text: str) -> Target:
    """A path, or a server's URL (`postgresql://user@host/db`)."""
    if not _URL.match(text):
        return Path(text).expanduser()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        return Path(parts.path[1:]).expanduser()  # sqlite:///rel.db, sqlite:////abs.db
    if scheme not in _SCHEMES:
        raise NotADatabase(
            f"cpchair uses a database file or a PostgreSQL server (postgresql://...), "
            f"not {parts.scheme}://"
        )
    if not parts.path.strip("/"):
        raise NotADatabase("the server's URL names no database: add /DATABASE at its end")
    return Server(urlunsplit(parts._replace(scheme="postgresql+psycopg")))
