"""Files that hold case data: written whole or not at all, readable by this user only, and
only ever as an ordinary file where the user said."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class NotAFileError(OSError):
    """Something that is not an ordinary file (a folder, a named pipe, a device) is where the
    file was to go: it is never replaced or written into."""


def _not_a_file(mode: int) -> str | None:
    """What a thing in the file system is, if it is neither an ordinary file nor a link."""
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def target_path(typed: str | Path) -> Path:
    """The path a user typed, `~` and all."""
    return Path(os.path.expanduser(typed))


def target_problem(typed: str | Path) -> str | None:
    """Why a file cannot be written at this path, in the user's words (no full stop, for the
    CLI to prefix and the app to make a sentence of); None if it can.

    Checked before anything is read or written: the folder exists, is a folder and may be
    written in; what is at the path, if anything, is an ordinary file or a link. An existing
    file or link is not a problem here: the app asks and the CLI wants --force before it is
    replaced, and a link is replaced itself, never written through.
    """
    text = str(typed)
    path = target_path(text)
    if not text.strip():
        return "give the name of the file to write"
    if text.endswith(os.sep):
        return f"{text} names a folder: add a file name, such as case.json"
    folder = path.parent
    try:
        here: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        here = None
    except NotADirectoryError:
        return f"cannot write in {folder}: it is not a folder"
    except OSError as exc:
        return f"cannot use {path}: {exc.strerror or exc}"
    if here is not None and (kind := _not_a_file(here.st_mode)) is not None:
        if kind == "a folder":
            return f"{path} is a folder: add a file name, such as case.json"
        return f"{path} is {kind}, not an ordinary file; nothing is written to it"
    if not folder.is_dir():  # a link to a folder is a folder to write in
        if os.path.lexists(folder):
            return f"cannot write in {folder}: it is not a folder"
        return f"there is no folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"you are not allowed to write in the folder {folder}"
    return None


def as_sentence(problem: str) -> str:
    """A problem from target_problem, as the app says it."""
    return problem[:1].upper() + problem[1:] + "."


def what_is_replaced(path: Path) -> str:
    """The app's words, asking before a file or a link is replaced."""
    if path.is_symlink():
        return (
            f"There is a link at {path}. The link itself is replaced; what it points to is "
            "left as it is."
        )
    return f"There is already a file at {path}. What it holds now will be lost."


def write_private(path: Path, content: str | bytes) -> None:
    """Text (written as UTF-8) or bytes: a new temporary file (0600) beside the target,
    flushed, then renamed over it.

    The temporary file is created afresh under a name no one can guess (never an existing
    file, never through a link someone planted), so the case goes only where it was sent. The
    rename replaces an ordinary file or a link (the link itself, not what it points to); a
    folder, a named pipe or a device found there at that moment is left alone (NotAFileError).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _refuse_non_file(path)  # checked again now: the path may have changed since
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _refuse_non_file(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    kind = _not_a_file(mode)
    if kind is not None:
        raise NotAFileError(
            errno.EISDIR if kind == "a folder" else errno.EEXIST,
            f"it is {kind}, not an ordinary file",
            str(path),
        )
