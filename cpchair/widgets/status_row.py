"""The line under a screen's work: which way letters go (KEYS / TYPING), then what the last
change did, in words: saved, refused (and why), or a hint (written by `ChairScreen.say`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from cpchair.widgets.key_mode import KeyMode


class StatusRow(Horizontal):
    DEFAULT_CSS = """
    StatusRow { height: 1; }
    StatusRow #status { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    StatusRow #status.-refused { color: $text-error; text-style: bold; }
    StatusRow #status.-hint { color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        yield KeyMode(id="key-mode")
        yield Static("", id="status", markup=False)
