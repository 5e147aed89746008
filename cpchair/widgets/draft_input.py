"""A one-line box whose unsent text is kept in the database as a draft.

What is typed is saved as soon as it is typed, even while the typing goes on (a run of quick
keys in one write, so typing stays quick: `DraftKeeper`), and forgotten once it is
submitted. If the laptop dies mid-sentence, the next open of the meeting puts the text back
in the same box.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input

SaveDraft = Callable[[str, str], None]  # (slot, text); empty text forgets it
File = Callable[[str], bool]  # files the line; False keeps it in the box
Back = Callable[[], None]  # hands the keyboard back to the list the box serves

# Issue 11: nothing typed more than 0.1 s before a crash (or a kill) is lost, counted from the
# key. A draft is written as soon as a change is handled, unless one was written less than
# this long ago: then this long after that one, with every change made by then. A run of
# quick keys (a burst the key gate held) costs one write each KEEP_WITHIN, not one a key (a
# write is about a millisecond, more while the disk is busy), and typing that goes on never
# puts a write off: a wait for quiet would never end for a steady typist, and a kill would
# lose the whole line. The rest of the 0.1 s is for the app to be given the processor, read
# the key and handle it, on a busy machine too (tests/reliability/test_kill_typist.py).
KEEP_WITHIN = 0.02


class DraftKeeper:
    """When a widget writes its draft. `changed()` after each change; `keep` is the widget's
    own write, which calls `stop()` (it may also be called directly, to write at once).
    `within` is KEEP_WITHIN; a test sets it to 0 to have every change written at once."""

    within: float = KEEP_WITHIN

    def __init__(self, widget: MessagePump, keep: Callable[[], object]) -> None:
        self._widget = widget
        self._keep = keep
        self._timer: Timer | None = None
        self._last = -math.inf  # time.monotonic() of the last write made from here

    def changed(self) -> None:
        if self._timer is not None:
            return  # a write is already due: it takes this change with it
        wait = self._last + self.within - time.monotonic()
        if wait > 0:
            self._timer = self._widget.set_timer(wait, self._due)
        else:
            self._due()

    def _due(self) -> None:
        self._timer = None
        self._last = time.monotonic()
        self._keep()

    @property
    def waiting(self) -> bool:
        """A change is not written yet (a write is due)."""
        return self._timer is not None

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class DraftInput(Input):
    # Input moves its scrolling width as text is typed and sent, and in Textual a change of
    # `virtual_size` lays out the whole screen. A one-line box needs no layout for that: its
    # size is fixed by its CSS. (Redefined here with layout off.)
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)

    def __init__(
        self,
        slot: str,
        save_draft: SaveDraft,
        restored: str = "",
        file: File | None = None,
        back: Back | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(restored, select_on_focus=False, **kwargs)
        self.slot = slot
        self._file = file
        # A box that serves a list (a reason for the view just given): Enter files the line,
        # or passes on an empty one, and Escape files what was typed; both then go back.
        self._back = back
        self.files_draft = False  # True: filing also deletes the draft, in the same commit
        self._save_draft = save_draft
        self._keeper = DraftKeeper(self, self.keep_draft)
        self._kept = restored  # what the database holds as this box's draft
        self._shown: str | None = None  # saved text put here by `show_text`: not a draft

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in turn with the letters around it. As a binding it would run
        # later, and letters typed straight after Enter would land in the line just filed.
        if event.key == "enter" and self._file is not None:
            event.stop()
            event.prevent_default()
            if self.has_draft and self._file(self.value):
                self.sent(draft_gone=self.files_draft)
            elif self.has_draft or self._back is None:
                return  # refused (or nothing to file): the line and the keyboard stay
            if self._back is not None:
                self._back()
            return
        if event.key == "escape" and self._back is not None:
            event.stop()
            event.prevent_default()
            if self.has_draft and not (self._file and self._file(self.value)):
                return
            if self.has_draft:
                self.sent(draft_gone=self.files_draft)
            self._back()
            return
        await super()._on_key(event)

    @property
    def files_lines(self) -> bool:
        """Enter files the line and the box stays for the next (the capture line)."""
        return self._file is not None and self._back is None

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2 or not self.files_lines:
            return  # Input's own handler, which runs after this one, takes it
        # Several lines pasted into the capture line: each is filed as if typed and sent.
        # One that is refused stays in the box with every line after it, nothing dropped.
        event.stop()
        event.prevent_default()  # Input's own handler (the first line only) must not run too
        assert self._file is not None
        sent_last = event.text.endswith(("\n", "\r"))  # the last line came with its Enter
        for n, line in enumerate(lines):
            self.insert_text_at_cursor(line)
            if n == len(lines) - 1 and not sent_last:
                return  # the last line waits for its Enter, as typed
            if not self._file(self.value):
                self.insert_text_at_cursor(" " + " ".join(lines[n + 1 :]))
                return
            self.sent(draft_gone=self.files_draft)

    def on_input_changed(self, event: Input.Changed) -> None:
        # Let the event bubble: the panel may show a preview as the line is typed.
        if self.value in (self._kept, self._shown):
            return
        self._keeper.changed()

    def keep_draft(self) -> None:
        self._keeper.stop()
        if self.value != self._kept:
            self._save_draft(self.slot, self.value)
            self._kept = self.value

    @property
    def has_draft(self) -> bool:
        """Holds typed text not yet filed (restored after a crash, or being typed)."""
        return bool(self.value.strip()) and self.value != self._shown

    def show_text(self, text: str) -> None:
        """Show text that is already saved elsewhere: it is not a draft."""
        self._keeper.stop()
        self._shown = text
        self.value = text

    def sent(self, *, draft_gone: bool = False) -> None:
        """The text was filed: empty the box and forget the draft (already gone, if the
        filing removed it in the same commit)."""
        self._keeper.stop()
        self.value = ""
        if self._kept and not draft_gone:
            self._save_draft(self.slot, "")
        self._kept = ""

    def on_unmount(self) -> None:
        if self._keeper.waiting:  # leaving mid-sentence: keep it now
            self.keep_draft()
