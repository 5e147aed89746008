"""A byte that is not UTF-8 from the terminal is read as U+FFFD, never the end of input."""

from __future__ import annotations

import cpchair.app  # noqa: F401  (installs the lenient decoder, as starting the app does)


def test_the_terminal_reader_replaces_bytes_it_cannot_read() -> None:
    from textual.drivers import linux_driver

    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"ok \xff\xfe then more") == "ok \ufffd\ufffd then more"
    assert decode(b"\xc3") == "" and decode(b"\xa9") == "é"  # a character split over reads
