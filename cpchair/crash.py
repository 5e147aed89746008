"""What a crash leaves behind: where it happened, never what it was working on.

An exception's message and a frame's locals can quote a child's name or a note, so the file
holds only, for each frame, the file, the line number and the function, and the type of each
exception in the chain. It is written private (0600) in the data folder as
`crash-YYYYmmdd-HHMMSS.txt`; the last KEEP are kept. Only the standard library is used here:
the command line reaches this when everything else may be broken.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path
from types import TracebackType

from cpchair import __version__, paths

KEEP = 10
PREFIX = "crash-"


def crash_report(error: BaseException) -> str:
    """The traceback of `error` (and the errors it came from): places and types, no values."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    how = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, how))
        if current.__cause__ is not None:
            current, how = current.__cause__, "which was the direct cause of"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, how = current.__context__, "which happened while handling"
        else:
            current = None
    lines = [
        f"cpchair {__version__} stopped after an unexpected problem.",
        "Only where it happened is kept here: no message, no values, no case data.",
        "",
    ]
    for exc, how in reversed(chain):  # the first cause first, as Python prints it
        lines += _frames(exc.__traceback__)
        lines.append(_type_name(exc))
        if how:
            lines += ["", f"({how} the next:)", ""]
    return "\n".join(lines) + "\n"


def _frames(tb: TracebackType | None) -> list[str]:
    lines = ["Traceback (most recent call last):"]
    for frame, line in traceback.walk_tb(tb):
        code = frame.f_code
        lines.append(f'  File "{code.co_filename}", line {line}, in {code.co_name}')
    return lines


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    module = kind.__module__
    name = kind.__qualname__
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def where_told(path: Path | None) -> str:
    """The sentence that tells the person where the report is."""
    if path is None:
        return "No report could be written."
    return f"Where it happened (no case details) is in {path}."


def write_crash(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write the report of `error` to a new private file; its path, or None if it could not
    be written (a full disk, a folder we may not write in: the crash is told without it)."""
    folder = folder or paths.data_dir()
    try:
        paths.ensure_private_dir(folder)
        path = _new_file(folder, crash_report(error))
        _keep_the_last(folder)
    except OSError:
        return None
    return path


def _new_file(folder: Path, text: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        path = folder / f"{PREFIX}{stamp}{'' if n == 0 else f'-{n}'}.txt"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(path, 0o600)  # the mode is filtered by the umask
        return path
    raise FileExistsError(folder)


def _keep_the_last(folder: Path) -> None:
    crashes = sorted(folder.glob(f"{PREFIX}*.txt"), key=lambda p: (p.stat().st_mtime, p.name))
    for old in crashes[:-KEEP]:
        old.unlink(missing_ok=True)
