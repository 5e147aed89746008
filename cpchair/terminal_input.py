"""Bytes from the terminal that are not valid UTF-8 (a paste from a Latin-1 document, a
terminal set up another way) become U+FFFD instead of stopping the app.

Textual reads the terminal in a thread with a strict UTF-8 decoder: one bad byte ends that
thread with a traceback on the screen, and no key after it is ever read. Its Linux driver
builds the decoder by name when it starts, so giving it a lenient one here covers every
app started afterwards. (tests/unit/test_terminal_input.py checks it against the pinned
Textual.)
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any


def lenient_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """As `codecs.getincrementaldecoder`, its decoders replacing what they cannot read."""
    decoder: Any = codecs.getincrementaldecoder(encoding)
    return lambda: decoder(errors="replace")


def install() -> None:
    try:
        from textual.drivers import linux_driver
    except ImportError:  # not a POSIX terminal: Textual's other drivers read differently
        return
    # typeshed declares the stdlib function overloaded by encoding; ours takes any name.
    linux_driver.getincrementaldecoder = lenient_decoder  # type: ignore[assignment]
