"""The Textual application: wires the screens, the store and the command palette.

Stage and case logic live in the screens, the store and the rules; this file only routes the
chair's requests (open, new, delete, import, export, schedule) to them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from cpchair import terminal_input
from cpchair.case_requests import CaseRequests
from cpchair.caseio.printable import has_control, printable
from cpchair.key_gate import KeyGate
from cpchair.locking import LOCK_KEY, LockingApp
from cpchair.screens.caseload import PAGE, CaseloadScreen
from cpchair.screens.requests import CaseloadLive
from cpchair.widgets.key_mode import StrayText, typing_into

terminal_input.install()  # before any app starts reading the terminal

if TYPE_CHECKING:
    from cpchair.caseload_rows import CaseloadPage
    from cpchair.opening import StoreOpening
    from cpchair.store import Store


# The palette's names for the stages, as the issue that asked for them spells them.
PALETTE_STAGES = {
    "opening": "Opening", "family_network": "Family and network", "history": "History",
    "mapping": "Mapping", "danger_goals": "Danger statements", "scaling": "Scaling",
    "decision": "Decision", "plan": "Plan", "close": "Close",
}  # fmt: skip


class CpchairApp(CaseRequests):
    TITLE = "cpchair"
    SUB_TITLE = "child protection conferences"
    CSS_PATH = "app.tcss"
    # Priority: both work inside a modal window too (an editor, the schedule window).
    # Tab moves the focus at once, before the keys typed after it are handed on: otherwise
    # they queue up in the field being left and a fast typist's next words land there.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding(LOCK_KEY, "lock", "Lock", id="app.lock", priority=True, show=False),
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store | StoreOpening,
        *,
        first: CaseloadPage | None = None,
        today: dt.date | None = None,
        meeting: tuple[str, str] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        offer_encryption: bool = False,
        idle_seconds: float | None = None,
        idle_clock: Callable[[], float] | None = None,
    ) -> None:
        # idle_seconds: from the settings unless given; idle_clock: time.monotonic unless given
        # (both for tests: see locking.py).
        super().__init__(store, idle_seconds=idle_seconds, idle_clock=idle_clock)
        self._offer_encryption = offer_encryption  # a plain database, opened by a person
        self._today = today  # fixed in tests and snapshots; otherwise the real day
        self.clock = clock or dt.datetime.now  # the time of day, fixed in snapshots too
        self._start_meeting = meeting  # (reference, conference): `cpchair open` goes straight in
        self._first = first  # the caseload's kept first page, drawn before the store opens
        # Keys typed while the store opens wait, in order, until the caseload is live.
        self.started = asyncio.Event()
        if self.opening.ready:
            self.started.set()
        self.key_gate = KeyGate(self, until=self.started)
        self.stray = StrayText()
        self._quitting_anyway = False  # told that some changes could not be saved

    async def on_event(self, event: events.Event) -> None:
        # Every key and paste in the order typed, each after the last one's effects: see key_gate.
        typed = isinstance(event, events.Key | events.Paste) and not event.is_forwarded
        if typed and isinstance(event, events.Key) and event.key == "ctrl+j":
            event = _enter_from_line_feed(event)
        if typed and not self.key_gate.admit(event):  # type: ignore[arg-type]
            self.someone_is_here()  # held back for now, but typed now: see locking.py
            return
        if typed and isinstance(event, events.Paste):
            event = _one_line_paste(self.focused, event)
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # A key no widget took. Letters typed into a list as if it were a box are turned away
        # with a hint, never run as commands: see widgets/key_mode.py. This replaces App's own
        # handler, which would otherwise run after it (Textual calls each class's in turn).
        event.prevent_default()
        in_a_list = self.focused is not None
        if not typing_into(self.focused) and self.stray.swallows(event, in_a_list=in_a_list):
            self._turned_away(event)
            return
        if await self._check_bindings(event.key):  # (the app has no key_ methods to try)
            self.stray.end()  # a command ends any stray word
            return
        if not typing_into(self.focused) and self.stray.starts(event):
            self._turned_away(event)

    def _turned_away(self, event: events.Key) -> None:
        hint = getattr(self.screen, "turned_away", None)
        if callable(hint):
            hint(self.stray.word)

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def on_mount(self) -> None:
        self.push_screen(CaseloadScreen(self._first))
        # Everything loaded to start (Textual, Rich, the styles) lives as long as the app,
        # yet Python's collector walks it again each time new widgets are made: measured,
        # half the time of a first visit to a stage. Frozen, it is left out.
        self.call_after_refresh(gc.freeze)
        if self.opening.ready:  # given an open store (`cpchair open`, tests)
            self._store_ready()
        else:  # opened after the first frame, so that loading it never delays that frame
            self.call_after_refresh(self.opening.start, self._opened_elsewhere)

    def _opened_elsewhere(self) -> None:
        """From the opening thread: the store is open, or could not be."""
        with contextlib.suppress(RuntimeError):  # the app has already closed
            self.call_from_thread(self._store_ready)

    def _store_ready(self) -> None:
        from cpchair.opening import OpenFailed

        if isinstance(self.opening.failure, OpenFailed):
            self.started.set()
            self.exit(return_code=1)  # start.py says why, once the screen is given back
            return
        store = self.store  # any other fault: the caseload's worker meets it too, and reports it
        if self._start_meeting is not None:
            self.started.set()
            self.open_meeting(*self._start_meeting)
        if self._offer_encryption and not store.encrypted:
            from cpchair.unlock import OFFER

            self.say(OFFER, title="Not encrypted", timeout=10)
        self.call_after_refresh(gc.freeze)  # the store's modules too, now they are loaded
        if not store.on_server:  # a server's backups are its administrator's
            self.call_after_refresh(self._daily_backup)  # after the first frame, in a thread

    def on_caseload_live(self, _message: CaseloadLive) -> None:
        self.started.set()

    @work(thread=True, group="backup", exit_on_error=False)
    def _daily_backup(self) -> None:
        """Today's backup, if there is none yet (cpchair/backup.py); a failure is one toast."""
        from cpchair.backup import BackupError, daily_backup

        try:
            daily_backup(self.store, self.today)
        except Exception as exc:
            why = str(exc) if isinstance(exc, BackupError) else getattr(exc, "strerror", "")
            self.call_from_thread(
                self.say,
                "Today's backup could not be made"
                + (f": {why.rstrip('.')}." if why else ".")
                + " Your cases are as they were; `cpchair backup` makes one by hand.",
                title="Backup",
                severity="warning",
            )

    def on_unmount(self) -> None:
        gc.unfreeze()  # the app is done with it: let it be collected

    # --- the command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("case: New", "Start a new case", self.new_case)
        yield SystemCommand("case: Open", "Open a case by its reference", self.ask_open_case)
        yield SystemCommand(
            "case: Import", "Add a case from a cpchair-case/1 file", self.import_case
        )
        yield SystemCommand("case: Export", "Write this case to a file", self.export_current)
        yield SystemCommand(
            "conference: Schedule",
            "Set up the next conference for this case",
            self.schedule_current,
        )
        yield SystemCommand("conference: Run", "Open the live meeting of this case's current "
                            "conference", self.run_current)  # fmt: skip
        from cpchair.screens.conference import ConferenceScreen

        if isinstance(screen, ConferenceScreen):
            from cpchair.vocab import STAGES

            for n, stage in enumerate(STAGES, start=1):
                yield SystemCommand(
                    f"stage: {PALETTE_STAGES[stage]}",
                    f"Go to stage {n} of the meeting",
                    partial(screen.run_action, f"stage('{stage}')"),
                )
            yield SystemCommand("view: Wall", "The room's view of the mapping (F5)",
                                screen.action_wall)  # fmt: skip
        yield SystemCommand("help: Keys", "Every key on this screen (F1)", self.action_help)
        yield from super().get_system_commands(screen)  # view: Lock, and Textual's (locking.py)

    def action_help(self) -> None:
        from cpchair.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):  # F1 again closes it
            self.screen.dismiss()
            return
        title = getattr(self.screen, "help_title", "cpchair")
        self.push_screen(HelpScreen(self.screen, title))

    async def action_quit(self) -> None:
        """Quit, saving first what is typed but not yet saved; ask if some of it cannot be."""
        from cpchair.dialogs.confirm import ConfirmModal

        if self.refused_while_locked("Ctrl+Q quits"):
            return  # what is not saved would be listed, and it may quote the case
        if isinstance(self.screen, ConfirmModal) and self.screen.id == "quit-anyway":
            self._quit()  # Ctrl+Q again answers the question
            return
        lost = self._save_before_quitting()
        if not lost:
            self._quit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit()

        self.push_screen(
            ConfirmModal(
                "Quit without saving everything?",
                "Not saved:\n"
                + "\n".join(f"· {line}" for line in lost)
                + "\nPress n to go back and finish it; y or Ctrl+Q quits.",
                yes="Quit",
                id="quit-anyway",
            ),
            answered,
        )

    def _quit(self) -> None:
        """Exit, keeping the caseload's first page as it is now (first_page.py): quit from a
        meeting, the page kept when the caseload was last shown is out of date, and the next
        start would wait for the store to draw any rows."""
        if self.opening.ready and self.opening.failure is None:
            lost = 0
            for screen in self.screen_stack:  # the meeting's queued writes first, so the
                write_now = getattr(screen, "write_now", None)  # page kept is the last word
                if callable(write_now):
                    lost += write_now()
            if lost and not self._quitting_anyway:
                # Not quit: the panel shows each one and gives its line back to try again.
                self._quitting_anyway = True
                self.say(f"{lost} change{'s' * (lost != 1)} could not be saved. They are on "
                         "screen; Ctrl+Q again quits without them.", title="Not saved",
                         severity="error", timeout=30)  # fmt: skip
                return
            with contextlib.suppress(Exception):  # a copy only: never worth a failed quit
                self.store.first_page(PAGE, self.today)
        self.exit()

    def _save_before_quitting(self) -> list[str]:
        """Commit every pending field on every open screen; say what could not be saved."""
        from cpchair.widgets.draft_input import DraftInput
        from cpchair.widgets.fields import flush_fields

        lost: list[str] = []
        for screen in reversed(self.screen_stack):
            for box in screen.query(DraftInput):
                if getattr(box, "has_draft", False):
                    box.keep_draft()  # the meeting's quick lines: written now, not when due
            ask = getattr(screen, "unsaved_on_quit", None)
            lost += ask() if callable(ask) else flush_fields(screen)
        return lost

    def current_reference(self) -> str | None:
        """The case in front of the chair: the open case, or the one highlighted."""
        for screen in reversed(self.screen_stack):
            reference = getattr(screen, "reference", None)
            if isinstance(reference, str):
                return reference
            if isinstance(screen, CaseloadScreen):
                return screen.current_reference()
        return None

    # --- case actions --------------------------------------------------------------------------

    def ask_open_case(self) -> None:
        from cpchair.dialogs.prompt import PromptModal
        from cpchair.forms import InputError

        def check(text: str) -> str:
            if not text.strip():
                raise InputError("Type the case's reference.")
            reference = self.find_reference(text)
            if reference is None:
                raise InputError("No case has that reference.")
            return reference

        def chosen(reference: object | None) -> None:
            if isinstance(reference, str):
                self.open_case(reference)

        self.push_screen(PromptModal("Open the case with reference", check=check), chosen)

    def find_reference(self, typed: str) -> str | None:
        """The held reference the chair means, however it is capitalised (ovr-0001)."""
        return self.store.held_reference(typed.strip())

    def export_current(self) -> None:
        reference = self.current_reference()
        if reference is None:
            self.say("Open or highlight a case first.", severity="warning")
        else:
            self.export_case(reference)

    def run_current(self) -> None:
        reference = self.current_reference()
        if reference is None:
            self.say("Open or highlight a case first.", severity="warning")
            return
        conference = getattr(self.screen, "conference", None)
        self.open_meeting(reference, conference if isinstance(conference, str) else None)

    def schedule_current(self) -> None:
        reference = self.current_reference()
        if reference is None:
            self.say("Open or highlight a case first.", severity="warning")
            return
        from cpchair.screens.case_file import CaseFileScreen

        if not (isinstance(self.screen, CaseFileScreen) and self.screen.reference == reference):
            self.open_case(reference)
        self.call_later(lambda: self.screen.run_action("schedule"))

    def _fatal_error(self) -> None:
        """Exit without a traceback of locals: they may hold a child's name."""
        import sys

        from rich.text import Text

        from cpchair.crash import where_told, write_crash

        error = sys.exc_info()[1] or self._exception
        self.bell()
        report = write_crash(error) if error is not None else None
        self._exit_renderables.append(
            Text(  # never markup: the path may hold brackets
                f"cpchair stopped after an unexpected problem ({type(error).__name__}). "
                "Everything saved before it is safe. Nothing more is shown, to keep case "
                f"details private. {where_told(report)}"
            )
        )
        self._close_messages_no_wait()


def _one_line_paste(focused: object, paste: events.Paste) -> events.Paste:
    """Several lines pasted into a one-line box are kept whole, joined by spaces (Textual
    keeps the first line only, silently). A box that files lines (the capture line) takes
    them as they are: see DraftInput."""
    if has_control(paste.text):  # a terminal escape in a paste would become case text
        paste = events.Paste(printable(paste.text))
    lines = [line.strip() for line in paste.text.splitlines() if line.strip()]
    if len(lines) < 2 or not isinstance(focused, Input) or getattr(focused, "files_lines", False):
        return paste
    return events.Paste(" ".join(lines))


def _enter_from_line_feed(event: events.Key) -> events.Key:
    """Enter typed while cpchair was starting (the terminal still in line mode) arrives as a
    line feed, which Textual reads as Ctrl+J: it was meant as Enter."""
    enter = events.Key("enter", "\r")
    enter.time = event.time
    return enter


class WallApp(LockingApp):
    """`cpchair wall REF`: the wall view on its own, in a window the room can see. It locks
    when left too (a change to the meeting counts as someone there: see screens/wall.py)."""

    TITLE = "cpchair wall"
    CSS_PATH = "app.tcss"
    setting = "wall_theme"  # the projector's, not the chair's laptop's
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(LOCK_KEY, "lock", "Lock", id="app.lock", priority=True, show=False),
    ]

    def __init__(
        self,
        store: Store,
        reference: str,
        conference: str,
        *,
        idle_seconds: float | None = None,
        idle_clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(store, idle_seconds=idle_seconds, idle_clock=idle_clock)
        self.reference = reference
        self.conference = conference

    def on_mount(self) -> None:
        from cpchair.screens.wall import WallScreen
        from cpchair.store.meeting import Meeting

        self.push_screen(
            WallScreen(Meeting(self.store, self.reference, self.conference), standalone=True)
        )
        # As in CpchairApp: what start-up loaded is left out of the collector's walks, which
        # otherwise took 100-200 ms at a time and landed on the redraw of a change.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _fatal_error(self) -> None:
        CpchairApp._fatal_error(self)  # type: ignore[arg-type]
