"""The wall view: the room's read-only, family-safe view of the meeting.

In the app, F5 (or "view: Wall") shows it over the meeting and F5 or Escape goes back. In a
second window on the projector, `cpchair wall REF` shows it on its own while the minute-taker
types on the laptop: it looks at the database a few times a second and redraws on a change.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from cpchair.store.meeting import Meeting, MeetingState
from cpchair.widgets.wall_board import WallBoard

POLL = 0.01  # seconds between looks at the database file: a stat, a few microseconds


class WallScreen(Screen[None]):
    DEFAULT_CSS = """
    WallScreen { background: $background; }
    WallScreen #wall-head { height: 1; padding: 0 2; background: $primary; color: $text;
                            text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5,escape", "close", "Back to the meeting", id="wall.close"),
    ]
    help_title = "The wall view"

    def __init__(self, meeting: Meeting, *, standalone: bool = False) -> None:
        super().__init__()
        self.meeting = meeting
        self.standalone = standalone
        self.state: MeetingState | None = None
        self._version: dt.datetime | None = None
        # Every commit writes the write-ahead log first: while it is unchanged, so is the case.
        self._wal = meeting.store.path.with_name(meeting.store.path.name + "-wal")
        self._wal_seen: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="wall-head", markup=False)
        yield WallBoard(id="wall")

    def on_mount(self) -> None:
        self.refresh_wall()
        self.set_interval(POLL, self._poll)

    def _poll(self) -> None:
        try:
            stat = self._wal.stat()
            seen = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            seen = None
        if seen is not None and seen == self._wal_seen:
            return
        self._wal_seen = seen
        if self.meeting.version() != self._version:
            self.refresh_wall()

    def refresh_wall(self) -> None:
        self._version = self.meeting.version()
        if not self.meeting.exists():
            self.query_one("#wall-head", Static).update("This conference is no longer here.")
            return
        state = self.meeting.load(alone=True)
        self.state = state
        case, conf = state.case, state.conf
        head = self.query_one("#wall-head", Static)
        text = f"{case.family_name} family · {conf.date:%d %B %Y}"
        if str(head.content) != text:  # a fixed line: never a reason to lay the wall out again
            head.update(text, layout=False)
        self.query_one(WallBoard).show(conf, case.children, state.revealed)

    def action_close(self) -> None:
        if self.standalone:
            self.app.exit()
        else:
            self.dismiss()
