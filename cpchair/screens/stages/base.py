"""What every stage panel of the live meeting shares.

A panel shows one stage. It reads the meeting state the conference screen holds, sends each
edit to the store through `edit()`, which reports the result on the status line and reads
the state again, and redraws in `show()`. Fields that take typing are built once and never
rebuilt by `show()`, so a reload can never wipe what someone is typing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.widget import Widget

from cpchair.forms import InputError
from cpchair.store import EditError

if TYPE_CHECKING:
    from cpchair.screens.conference import ConferenceScreen
    from cpchair.store.meeting import Meeting, MeetingState

T = TypeVar("T")


class StagePanel(Widget):
    TYPE_HINT = "Tab or Enter to a box first"
    DEFAULT_CSS = """
    StagePanel { height: 1fr; }
    StagePanel .panel-title { text-style: bold; padding: 0 1; color: $text-accent; }
    StagePanel .hint { color: $text-muted; padding: 0 1; }
    StagePanel .warning { color: $warning; padding: 0 1; height: auto; }
    StagePanel .section-title { text-style: bold; padding: 1 1 0 1; }
    """
    stage: ClassVar[str]

    @property
    def conference(self) -> ConferenceScreen:
        return self.screen  # type: ignore[return-value]

    @property
    def meeting(self) -> Meeting:
        return self.conference.meeting

    @property
    def state(self) -> MeetingState:
        return self.conference.state

    @property
    def today(self) -> dt.date:
        return self.conference.today

    def show(self, state: MeetingState) -> None:
        """Redraw from `state`; called after every change and when the stage is entered."""

    def focus_first(self) -> None:
        """Where the keyboard goes when the stage is entered."""
        first = self.query("Input, DataTable, Select, Checkbox, TextArea, .board").first()
        first.focus()

    def edit(self, change: Callable[[], T], done: str, *, reload: bool = True) -> T | None:
        """Run one store edit; say what happened; read the meeting again."""
        return self.attempt(change, done, reload=reload)[1]

    def attempt(
        self, change: Callable[[], T], done: str, *, reload: bool = True
    ) -> tuple[bool, T | None]:
        """As `edit`, also saying whether the change was made (its result may be None)."""
        try:
            result = change()
        except (EditError, InputError) as exc:
            self.conference.say_refused(str(exc))
            return False, None
        self.conference.say_saved(done)
        if reload:
            self.conference.reload()
        return True, result


def saver(panel: StagePanel, change: Callable[[Any], Any]) -> Callable[[Any], None]:
    """A self-saving field's save(): the change, then a redraw. Refusals reach the field."""

    def save(value: Any) -> None:
        change(value)
        panel.conference.reload()

    return save
