"""Which way letters go, said in words and colour: typing into a box, or commands to a list.

The badge follows the focus of its screen, so it is right at every moment; `typing_into`
is the one test of it, also used when a letter with no command is turned away.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

TYPING = " TYPING "  # letters are text in the highlighted box
KEYS = " KEYS "  # letters are commands to the highlighted list


# Keys of a word typed into a list by mistake come closer together than this (seconds); a
# pause this long ends the word and the letters are commands again.
WORD_GAP = 0.5


def typing_into(widget: Widget | None) -> bool:
    """Letters typed now become text."""
    return isinstance(widget, Input | TextArea) and not getattr(widget, "read_only", False)


class StrayText:
    """Text typed where letters are commands: the first character with no command starts a
    word, and every character that follows it without a pause is turned away too, even one
    that is a command (the "d" of "Dad" must not open the decision window)."""

    def __init__(self) -> None:
        self._last: float | None = None  # when the last character of the word was typed
        self.word = ""  # the stray text so far, to show back to the person who typed it

    def swallows(self, event: events.Key, *, in_a_list: bool = True) -> bool:
        """Part of a stray word: turn it away (and the word goes on). In a list, the Enter
        that ends the word without a pause is the typed line's, not the list's: it is turned
        away too and ends the word, so it never opens a record for the next line to be typed
        into. Where no list has the keyboard (the lock screen), Enter keeps its meaning."""
        if self._last is None or event.time - self._last > WORD_GAP:
            self._last = None
            return False
        if not event.is_printable:
            self._last = None
            return in_a_list and event.key == "enter"
        self._last = event.time
        self.word += event.character or ""
        return True

    def end(self) -> None:
        self._last = None

    def starts(self, event: events.Key) -> bool:
        """A character that reached no command: the start of a stray word."""
        if not event.is_printable:
            return False
        self._last = event.time
        self.word = event.character or ""
        return True


class KeyMode(Static):
    DEFAULT_CSS = """
    KeyMode { width: 8; height: 1; text-style: bold; background: $primary; color: $text; }
    KeyMode.-typing { background: $success; color: $text; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(KEYS, markup=False, **kwargs)

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._follow, init=True)

    def _follow(self, focused: Widget | None) -> None:
        typing = typing_into(focused)
        self.set_class(typing, "-typing")
        self.update(TYPING if typing else KEYS)
        self.tooltip = (
            "Letters are text in the highlighted box." if typing
            else "Letters are commands to the highlighted list (F1 lists them)."
        )  # fmt: skip
