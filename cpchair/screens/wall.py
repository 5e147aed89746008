"""The wall view: the room's read-only, family-safe view of the meeting.

In the app, F5 (or "view: Wall") shows it over the meeting and F5 or Escape goes back. In a
second window on the projector, `cpchair wall REF` shows it on its own while the minute-taker
types on the laptop: the store's watch thread tells it of each change to the case
(store/watch.py), and it redraws.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from cpchair.screens.base import ChairScreen
from cpchair.screens.outside import ChangedOutside, Following
from cpchair.store import NotFoundError
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.widgets.wall_board import WallBoard


class WallScreen(ChairScreen):
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
        self.following = Following(self)

    def compose(self) -> ComposeResult:
        yield Static("", id="wall-head", markup=False)
        yield WallBoard(id="wall")

    def on_mount(self) -> None:
        self.refresh_wall()
        self.following.start(self.meeting.store, self.meeting.version)

    def on_unmount(self) -> None:
        self.following.stop()

    @on(ChangedOutside)
    def _changed(self, message: ChangedOutside) -> None:
        if self.standalone:
            # The projector's window is watched, not typed at: the meeting moving on says
            # someone is at it (the laptop's own window locks when the laptop is left).
            someone_is_here = getattr(self.app, "someone_is_here", None)
            if callable(someone_is_here):
                someone_is_here()
        if message.version != self._version:
            self.refresh_wall()

    def refresh_wall(self) -> None:
        try:
            state = self.meeting.load(alone=True)
        except NotFoundError:
            self._version = None
            self.query_one("#wall-head", Static).update("This conference is no longer here.")
            return
        self._version = self.meeting.seen
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
