"""What every stage panel of the live meeting shares.

A panel shows one stage. It is drawn from the meeting state the conference screen hands it
(`draw`), sends each edit to the store through `edit()`, reads the state again itself and
redraws in `show()`. What the screen must hear goes up as messages: `Saved`, `Refused` and
`Held` for the status line, `Read` for a state read again (the stage strip, the clock at
conclusion), `Go` for another stage. Fields that take typing are built once and never
rebuilt by `show()`, so a reload can never wipe what someone is typing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast, overload

from textual.message import Message
from textual.widget import Widget

from cpchair.forms import InputError
from cpchair.store import EditError, StaleEdit, edits

if TYPE_CHECKING:
    from cpchair.rules.profiles import Profile
    from cpchair.store.meeting import Changed, Meeting, MeetingState

T = TypeVar("T")


class MeetingScreen(Protocol):
    """What a panel reads of the screen it is shown on (the conference screen), named here
    so that the panels need no import of that screen: they tell it things by message."""

    meeting: Meeting
    state: MeetingState
    drafts: dict[str, str]  # what was typed but not saved last time, by slot
    profile: Profile | None  # None only before the screen has read the case

    @property
    def today(self) -> dt.date: ...

    def now(self) -> dt.datetime: ...


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

    class Read(Message):
        """The panel read the meeting again (or changed the state in place): the screen
        takes this state as its own and redraws what it shows from it."""

        def __init__(self, state: MeetingState) -> None:
            super().__init__()
            self.state = state

    class Go(Message):
        """Go to another stage."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage

    class Saved(Message):
        """An edit was saved: `done` says what, for the status line."""

        def __init__(self, done: str) -> None:
            super().__init__()
            self.done = done

    class Refused(Message):
        """An edit was refused, or never sent: `why`, in the chair's words."""

        def __init__(self, why: str) -> None:
            super().__init__()
            self.why = why

    class Held(Message):
        """Kept but not yet saved (a draft): said plainly, without a refusal's bell."""

        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def saved(self, done: str) -> None:
        self.post_message(self.Saved(done))

    def refuse(self, why: str) -> None:
        self.post_message(self.Refused(why))

    def hold(self, note: str) -> None:
        self.post_message(self.Held(note))

    @property
    def conference(self) -> MeetingScreen:
        return cast("MeetingScreen", self.screen)

    @property
    def meeting(self) -> Meeting:
        return self.conference.meeting

    _drawn: MeetingState | None = None  # the state this panel was last drawn from

    @property
    def state(self) -> MeetingState:
        return self._drawn if self._drawn is not None else self.conference.state

    def draw(self, state: MeetingState) -> None:
        """Redraw from `state`, the screen's (or one this panel has just read)."""
        self._drawn = state
        self.show(state)

    def reload(self) -> None:
        """Read the meeting again and redraw at once, so what follows an edit goes on from
        the new state (the reason box after a score); the screen hears of it after."""
        state = self.meeting.load()
        self.draw(state)
        self.post_message(self.Read(state))

    def state_changed(self) -> None:
        """The state was changed in place (an entry drawn before it is written)."""
        self.post_message(self.Read(self.state))

    @property
    def today(self) -> dt.date:
        return self.conference.today

    def show(self, state: MeetingState) -> None:
        """Redraw from `state`; called after every change and when the stage is entered."""

    def save_draft(self, slot: str, text: str) -> None:
        """Keep what is being typed (working state: never refused, never a change)."""
        self.meeting.keep(edits.working.save_draft, slot, text)

    def focus_first(self) -> None:
        """Where the keyboard goes when the stage is entered."""
        first = self.query("Input, DataTable, Select, Checkbox, TextArea, .board").first()
        first.focus()

    # `change` is an edit through `Meeting.edit` (giving what it changed) or any other call;
    # overloaded, since mypy cannot solve `Callable[[], Changed[T] | T]` for a `Changed`.
    @overload
    def edit(
        self, change: Callable[[], Changed[T]], done: str, *, reload: bool = True
    ) -> T | None: ...
    @overload
    def edit(self, change: Callable[[], T], done: str, *, reload: bool = True) -> T | None: ...
    def edit(self, change: Callable[[], object], done: str, *, reload: bool = True) -> Any:
        """Run one store edit; say what happened; read the meeting again."""
        return self.attempt(change, done, reload=reload)[1]

    @overload
    def attempt(
        self, change: Callable[[], Changed[T]], done: str, *, reload: bool = True
    ) -> tuple[bool, T | None]: ...
    @overload
    def attempt(
        self, change: Callable[[], T], done: str, *, reload: bool = True
    ) -> tuple[bool, T | None]: ...
    def attempt(
        self, change: Callable[[], object], done: str, *, reload: bool = True
    ) -> tuple[bool, Any]:
        """As `edit`, also saying whether the change was made (its result may be None). An
        edit through `Meeting.edit` gives what it changed; its value is what is returned.
        `reload=False`: the panel already shows the change, so the meeting is not read again."""
        from cpchair.store.meeting import Changed

        try:
            result = change()
        except StaleEdit as exc:  # a key acted on what was shown: now show theirs
            self.refuse(str(exc))
            if reload:
                self.reload()
            return False, None
        except (EditError, InputError) as exc:
            self.refuse(str(exc))
            return False, None
        self.saved(done)
        if reload:
            self.reload()
        value = result.value if isinstance(result, Changed) else result
        return True, value


_UNKNOWN: Any = object()


class Seen:
    """The value a field was last known to hold (store/stale.py): as read, then as this seat
    saved it, or, after a refusal, as the other seat left it. A field that a reload rewrites
    (the plan's dates and paragraphs) has its `value` follow each rewrite while nothing is
    typed there, so a save is checked against what the field showed."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


@overload
def saver(panel: StagePanel, change: Callable[[Any], Any]) -> Callable[[Any], None]: ...
@overload
def saver(
    panel: StagePanel, change: Callable[[Any, Any], Any], was: Any
) -> Callable[[Any], None]: ...
def saver(
    panel: StagePanel, change: Callable[..., Any], was: Any = _UNKNOWN
) -> Callable[[Any], None]:
    """A self-saving field's save(): the change, then a redraw. Refusals reach the field.

    With `was` (the field's value as read, or a `Seen` the panel keeps up to date),
    `change(value, was)` is handed the value the field was last known to hold, for the store
    to refuse the save (StaleEdit) if the other seat changed it meanwhile; saving again after
    a refusal is then deliberate. A field given a plain value is not rewritten by a reload
    (see the module's note): it goes on showing what it was read with, or what was typed, and
    that is the value its save is checked against."""
    if was is _UNKNOWN:

        def save(value: Any) -> None:
            change(value)
            panel.reload()

        return save
    seen = was if isinstance(was, Seen) else Seen(was)

    def save_from(value: Any) -> None:
        try:
            change(value, seen.value)
        except StaleEdit as exc:
            seen.value = exc.now  # saved again, it goes in place of theirs
            raise
        seen.value = value
        panel.reload()

    return save_from
