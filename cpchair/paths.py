"""Where a chair's data lives.

The database path is chosen, first match wins, from: the global `--db PATH` option, the
`CPCHAIR_DB` variable, a `cpchair.db` inside `CPCHAIR_DATA_DIR`, then the platform's user data
folder. Tests and trials set one of the first three so they never touch a real chair's cases.
Folders we create are private to the user (0700) and so is the database (0600): it holds some
of the most sensitive data a council has, on a laptop that travels.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cpchair"
DB_FILENAME = "cpchair.db"

_cli_db: Path | None = None


def set_cli_db(path: Path | None) -> None:
    """Record the `--db` option for this process (it outranks the environment)."""
    global _cli_db
    _cli_db = path


def data_dir() -> Path:
    override = os.environ.get("CPCHAIR_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def db_path() -> Path:
    if _cli_db is not None:
        return _cli_db.expanduser()
    env_db = os.environ.get("CPCHAIR_DB")
    if env_db:
        return Path(env_db).expanduser()
    return data_dir() / DB_FILENAME


def documents_dir() -> Path:
    """Where the outline plan and the record are written unless the chair picks elsewhere.

    Beside the data when CPCHAIR_DATA_DIR is set (trials and tests stay in one place), else a
    cpchair folder in the user's documents.
    """
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
