"""The line under a screen's work: which way letters go (KEYS / TYPING), then what the last
change did, in words: saved, refused (and why), or a hint (written by `ChairScreen.say`).

A refusal may take up to three lines: why a change was not made ("changed meanwhile by
someone else: it now reads ...") must be read whole, even at 80 columns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from cpchair.widgets.key_mode import KeyMode


class StatusRow(Horizontal):
    DEFAULT_CSS = """
    StatusRow { height: auto; max-height: 3; }
    StatusRow #status { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    StatusRow #status.-refused {
        color: $text-error; text-style: bold; height: auto; max-height: 3;
    }
    StatusRow #status.-hint { color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        yield KeyMode(id="key-mode")
        yield Static("", id="status", markup=False)
