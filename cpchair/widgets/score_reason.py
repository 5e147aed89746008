"""The one-line box for the reason behind the highlighted person's score.

It belongs to one person on one scale at a time (`load`). Enter files the reason and the panel
moves on to the next person; Escape files it and goes back to the list; leaving the box files
it too. A refused reason stays in the box. What is typed is also kept as a draft as it is
typed (`DraftKeeper`), so a crash mid-sentence loses nothing.

Straight after the digit 1, a 0 typed into the still-empty box makes the score 10: the
chair can type "10" as it is said.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from cpchair.widgets.draft_input import DraftKeeper

SaveDraft = Callable[[str, str], None]  # (slot, text); empty text forgets it
Commit = Callable[[str], bool]  # files the reason; False: refused, keep it
Done = Callable[[bool], None]  # after filing: True moves to the next person


class ScoreReason(Input):
    def __init__(
        self, save_draft: SaveDraft, commit: Commit, done: Done, ten: Callable[[], None],
        **kwargs: object,
    ) -> None:  # fmt: skip
        super().__init__("", select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self._save_draft = save_draft
        self._commit = commit
        self._done = done
        self._ten = ten
        self.slot: str | None = None  # whose reason, on which scale
        self.saved = ""  # the reason as the database holds it
        self.ten_armed = False
        self._drafted = False
        self._keeper = DraftKeeper(self, self.keep_draft)

    def load(self, slot: str | None, saved: str, draft: str | None = None) -> None:
        """Show one person's reason (or the draft typed for it before a crash)."""
        self._keeper.stop()
        self.slot, self.saved = slot, saved
        self._drafted = draft is not None
        with self.prevent(Input.Changed):
            self.value = saved if draft is None else draft
        self.cursor_position = len(self.value)

    @property
    def dirty(self) -> bool:
        return self.slot is not None and self.value.strip() != self.saved

    async def _on_key(self, event: events.Key) -> None:
        armed, self.ten_armed = self.ten_armed, False
        if armed and event.character == "0" and not self.value:
            event.stop()
            event.prevent_default()
            self._ten()
            return
        if event.key in ("enter", "escape"):
            # Handled here, in turn with the letters around it (see DraftInput).
            event.stop()
            event.prevent_default()
            if self.file():
                self._done(event.key == "enter")
            return
        await super()._on_key(event)

    def file(self) -> bool:
        """Send the reason to the store if it changed; False if it was refused."""
        if self.slot is None:
            return True
        if self.dirty:
            if not self._commit(self.value):
                return False
            self.saved = self.value.strip()
        self._keeper.stop()
        if self._drafted:
            self._save_draft(self.slot, "")
            self._drafted = False
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._keeper.changed()

    def keep_draft(self) -> None:
        self._keeper.stop()
        if self.slot is None:
            return
        if self.dirty:
            self._save_draft(self.slot, self.value)
            self._drafted = True
        elif self._drafted:
            self._save_draft(self.slot, "")
            self._drafted = False

    def on_blur(self) -> None:
        if self.dirty:
            self.file()

    def on_unmount(self) -> None:
        if self._keeper.waiting:  # leaving mid-sentence: keep it now
            self.keep_draft()
