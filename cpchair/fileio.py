"""Files that hold case data: written whole or not at all, readable by this user only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private(path: Path, content: str | bytes) -> None:
    """Text (written as UTF-8) or bytes: a new temporary file (0600) beside the target,
    flushed, then renamed over it.

    The temporary file is created afresh under a name no one can guess (never an existing
    file, never through a link someone planted), so the case goes only where it was sent.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
