"""Where a chair's data lives.

The database is chosen, first match wins, from: the global `--db` option, the `CPCHAIR_DB`
variable, a `cpchair.db` inside `CPCHAIR_DATA_DIR`, then the platform's user data folder. The
first two take a path or a team server's URL (server.py). Tests and trials set one of the
first three so they never touch a real chair's cases. Folders we create are private to the
user (0700) and so is the database (0600): it holds some of the most sensitive data a council
has, on a laptop that travels.
"""

from __future__ import annotations

import os
from pathlib import Path

from cpchair.server import Server, Target, parse_target

APP_NAME = "cpchair"
DB_FILENAME = "cpchair.db"

_cli_db: str | None = None


def set_cli_db(typed: str | Path | None) -> None:
    """Record the `--db` option for this process (it outranks the environment)."""
    global _cli_db
    _cli_db = None if typed is None else str(typed)


def data_dir() -> Path:
    override = os.environ.get("CPCHAIR_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def database() -> Target:
    """The database file, or the team's server. Raises server.NotADatabase for a URL that
    names neither."""
    typed = _cli_db if _cli_db is not None else os.environ.get("CPCHAIR_DB")
    if typed:
        return parse_target(typed)
    return data_dir() / DB_FILENAME


class OnServer(Exception):
    """A command about the database file (a backup, encryption) asked of a server's."""


def db_path() -> Path:
    """The database file, for what only a file has (its backups, its passphrase)."""
    target = database()
    if isinstance(target, Server):
        raise OnServer(
            "the database is on a server: its backups and its security are the server's "
            "(ask the administrator); this command works on a database file"
        )
    return target


def documents_dir() -> Path:
    """Where the outline plan and the record are written unless the chair picks elsewhere.

    The settings' `documents_folder` if set; else beside the data when CPCHAIR_DATA_DIR is
    set (trials and tests stay in one place), else a cpchair folder in the user's documents.
    """
    from cpchair.settings import load_settings

    chosen = load_settings().documents_folder
    if chosen is not None:
        return chosen
    override = os.environ.get("CPCHAIR_DATA_DIR")
    if override:
        return Path(override).expanduser() / "documents"
    from platformdirs import user_documents_path

    return user_documents_path() / APP_NAME


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents readable by this user only (0700).

    Folders that already exist are left as they are.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask


def ensure_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it, so it is never world-readable.

    SQLite gives its -wal and -shm files the same permissions as the database file.
    """
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
