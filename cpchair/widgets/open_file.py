"""Open a written document in the program the laptop uses for it (Word, a browser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def open_file(path: Path) -> bool:
    """Ask the desktop to open `path`; False when there is no desktop to ask (say so instead)."""
    try:
        if sys.platform == "win32":  # pragma: no cover - not this laptop
            os.startfile(path)  # type: ignore[attr-defined]
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen(
            [opener, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True
