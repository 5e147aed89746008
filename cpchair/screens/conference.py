"""The live conference: the stages in order, a clock, and one panel per stage.

The screen holds the meeting (the store, bound to one conference) and its state (the case as
last read). Panels edit through the meeting and the screen reads the state again after each
change; the stage strip, the clock and the current panel follow. Opening a prepared
conference marks it in progress; time in each stage is recorded as the chair moves on.
Concluding stops the clock: the time is final, and looking back through a concluded
conference adds none; reopening it starts the clock again. Arriving at a stage someone is
excluded from stamps them as having left (`rules/exclusions.py`).
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Header

from cpchair.forms import show_date, show_time
from cpchair.rules.exclusions import leaving_at
from cpchair.rules.profiles import Profile, profile_for
from cpchair.rules.stages import Visit, label, meeting_clock, neighbour, stage_marks
from cpchair.screens.base import ChairScreen
from cpchair.screens.outside import ChangedOutside, Following
from cpchair.screens.stages import PANELS
from cpchair.screens.stages.base import MeetingScreen, StagePanel
from cpchair.store import EditError, NotFoundError, StaleEdit, edits
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.store.stale import Expect, in_conference
from cpchair.vocab import KIND_LABELS, STAGES
from cpchair.widgets.fields import FieldHeld, FieldRefused, FieldSaved
from cpchair.widgets.key_footer import KeyFooter
from cpchair.widgets.stage_bar import StageBar, StageChosen, StageList
from cpchair.widgets.status_row import StatusRow

HEARTBEAT = 20.0  # seconds between writes of the time spent: what a crash can cost
GONE = (
    "This conference is no longer in the database: it was deleted or replaced outside "
    "this window. Nothing more can be saved here."
)
WIDE = 110  # columns from which the stage list shows beside the panel


class ConferenceScreen(ChairScreen):
    DEFAULT_CSS = """
    ConferenceScreen #body { height: 1fr; }
    ConferenceScreen #panels { height: 1fr; width: 1fr; }
    ConferenceScreen #status-row { background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "step(-1)", "Back a stage", id="meeting.previous"),
        Binding("f3", "step(1)", "Next stage", id="meeting.next"),
        Binding("f4", "toggle_stages", "Stages", id="meeting.stages"),
        Binding("f5", "wall", "Wall", id="meeting.wall"),
        Binding("ctrl+l", "leave", "Leave", id="meeting.leave"),
    ]
    help_title = "The live conference"
    help_screen_heading = "The meeting"

    def __init__(self, reference: str, conference: str, stage: str | None = None) -> None:
        super().__init__()
        self.reference = reference  # the app reads this to know which case is open
        self.conference_key = conference
        self.stage = stage or ""
        self.meeting: Meeting
        self.state: MeetingState
        self.profile: Profile | None = None
        self.visits: list[Visit] = []
        self.drafts: dict[str, str] = {}
        self.concluded_at: dt.datetime | None = None  # when the clock stopped, once concluded
        # Visits begun but not yet written: written after the frame that shows the stage.
        self._unkept: list[tuple[str, dt.datetime, bool]] = []
        self.following = Following(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield StageBar(id="stage-bar")
        with Horizontal(id="body"):
            yield StageList(id="stage-list")
            yield ContentSwitcher(id="panels")
        yield StatusRow(id="status-row")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.meeting = Meeting(self.cpchair.store, self.reference, self.conference_key)
        if self.meeting.edit(edits.conference.begin).value:
            self.notify("The conference is now in progress.", title="Started")
        self.state = self.meeting.load()
        self.profile = profile_for(self.state.case.profile)
        self.drafts = self.meeting.read(edits.working.drafts)
        self.visits = self.meeting.read(edits.working.stage_visits)
        if self.state.conf.status == "concluded":
            self.concluded_at = self._last_recorded()
        conf = self.state.conf
        self.sub_title = f"{self.reference} · {KIND_LABELS[conf.kind]} {show_date(conf.date)}"
        self.query_one("#stage-list").display = self.app.size.width >= WIDE
        first = self.stage or (self.visits[-1][0] if self.visits else "opening")
        await self.go(first, resumed=True)
        if self.drafts:
            self.notify(
                "Text typed but not saved last time has been put back where it was typed.",
                title="Drafts restored",
                timeout=8,
            )
        self.set_interval(1.0, self._tick)
        self.set_interval(HEARTBEAT, self._heartbeat)
        self.following.start(self.meeting.store, self.meeting.version)

    def on_unmount(self) -> None:
        self.following.stop()
        self._keep_visits()
        self._heartbeat()

    @on(ChangedOutside)
    def _changed_outside(self, message: ChangedOutside) -> None:
        """Another window or command changed the case: show it as it now is. What is being
        typed stays where it is; the panels redraw around it."""
        meeting = self.meeting
        if meeting.store.explains(self.reference, meeting.seen, message.version):
            meeting.seen = message.version  # this window's own edits, already shown
            return
        try:
            self.reload()
        except NotFoundError:
            self.say(GONE, "refused")
            return
        self.say("Brought up to date with a change made outside this window.")

    # --- state -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting again and redraw what shows it."""
        self.state = self.meeting.load()
        self._follow_conclusion()
        self.refresh_view()

    def refresh_view(self) -> None:
        panel = self.current_panel()
        if panel is not None:
            panel.draw(self.state)
        self._show_stages()

    def refresh_marks(self) -> None:
        self._show_stages()

    def _show_stages(self) -> None:
        visited = {v[0] for v in self.visits}
        marks = stage_marks(self.state.conf, self.state.case.children, self.state.case.people,
                            visited)  # fmt: skip
        clock = meeting_clock(self.visits, self.now(), self.concluded_at)
        self.query_one(StageBar).show(marks, self.stage, clock)
        stage_list = self.query_one(StageList)
        if stage_list.display:
            stage_list.show(marks, self.stage, clock)

    def _tick(self) -> None:
        clock = meeting_clock(self.visits, self.now(), self.concluded_at)
        self.query_one(StageBar).show_clock(clock)

    def _heartbeat(self) -> None:
        self._keep_visits()  # first: the time is marked on the visit last begun
        if self.visits and self.concluded_at is None and self.meeting.exists():
            self.meeting.keep(edits.working.mark_time, self.now())

    # --- the clock at conclusion -----------------------------------------------------------------

    def _last_recorded(self) -> dt.datetime:
        """When a concluded meeting's time was last recorded: where its clock stopped."""
        ends = [end or start for _stage, start, end in self.visits]
        return max(ends, default=self.now())

    def _follow_conclusion(self) -> None:
        """Stop the clock when the conference is concluded; start it again if reopened."""
        concluded = self.state.conf.status == "concluded"
        if concluded and self.concluded_at is None:
            now = self.now()
            if self.visits and self.visits[-1][2] is None:
                self._keep_visits()
                self.meeting.keep(edits.working.mark_time, now)
                stage, start, _ = self.visits[-1]
                self.visits[-1] = (stage, start, now)
            self.concluded_at = now
        elif not concluded and self.concluded_at is not None:
            self.concluded_at = None
            if self.stage:
                self._open_visit(self.stage, self.now(), close_previous=False)

    def _open_visit(self, stage: str, now: dt.datetime, *, close_previous: bool) -> None:
        if not self._unkept:
            self.call_after_refresh(self._keep_visits)
        self._unkept.append((stage, now, close_previous))
        if self.visits and close_previous:
            last = self.visits[-1]
            self.visits[-1] = (last[0], last[1], now)
        self.visits.append((stage, now, None))

    def _keep_visits(self) -> None:
        """Write the visits begun, in order. A write is a commit to disk (tens of ms, more on
        a busy machine): it waits until the frame showing the new stage has been drawn."""
        unkept, self._unkept = self._unkept, []
        for stage, at, close_previous in unkept:
            self.meeting.keep(edits.working.enter_stage, stage, at, close_previous=close_previous)

    def write_now(self) -> int:
        """Every write the panels have queued, done now (the app is about to quit); how
        many were refused or failed (each panel shows its own as their outcomes come)."""
        lost = 0
        for panel in self.query(StagePanel):
            flush = getattr(panel, "write_now", None)
            if callable(flush):
                lost += flush()
        return lost

    # --- moving between stages -------------------------------------------------------------------

    def current_panel(self) -> StagePanel | None:
        switcher = self.query_one("#panels", ContentSwitcher)
        if not switcher.current:
            return None
        return switcher.get_child_by_id(switcher.current, StagePanel)

    async def go(self, stage: str, *, resumed: bool = False) -> None:
        if stage not in STAGES:
            return
        if (stage != self.stage or resumed) and self.concluded_at is None:
            self._open_visit(stage, self.now(), close_previous=not resumed)
            self._send_out(stage)
        self.stage = stage
        switcher = self.query_one("#panels", ContentSwitcher)
        panel_id = f"panel-{stage}"
        if switcher.query(f"#{panel_id}"):
            switcher.current = panel_id
        else:
            await switcher.mount(PANELS[stage](id=panel_id))
            switcher.current = panel_id
        panel = self.current_panel()
        assert panel is not None
        panel.draw(self.state)
        self._show_stages()
        panel.focus_first()
        # The panel shown in place of another needs a layout. Asked of the screen itself, it
        # comes with the next frame; asked by the panel, it may wait a frame, for the footer's
        # rebuild and the visit's write, with the strip already naming a stage not yet shown.
        self.refresh(layout=True)

    def _send_out(self, stage: str) -> None:
        """Whoever is excluded from this part of the meeting leaves as it starts: their time
        of leaving is stamped, unless one is already recorded. One the other seat recorded
        meanwhile is kept, not overwritten: the earlier time is the true one."""
        leaving = leaving_at(self.state.conf, stage)
        if not leaving:
            return
        at = self.now().time().replace(second=0)
        try:
            for key in leaving:
                found = in_conference(self.meeting.conference, "attendees", key, "left")
                with suppress(StaleEdit):  # theirs stands
                    self.meeting.edit_if(
                        Expect(found, None, at), edits.register.update_attendee, key, left=at
                    )
        except EditError as exc:
            self.say_refused(str(exc))
        self.state = self.meeting.load()
        names = [a.name for a in self.state.conf.attendees if a.key in leaving and a.left == at]
        if names:
            self.say_saved(f"{', '.join(names)} left at {show_time(at)}, excluded from "
                           f"{label(stage).lower()}.")  # fmt: skip

    async def action_step(self, step: int) -> None:
        await self.go(neighbour(self.stage, step))

    async def action_stage(self, stage: str) -> None:
        await self.go(stage)

    @on(StageChosen)
    async def _chosen(self, event: StageChosen) -> None:
        await self.go(event.stage)

    def action_toggle_stages(self) -> None:
        stage_list = self.query_one(StageList)
        stage_list.display = not stage_list.display
        self._show_stages()

    def action_wall(self) -> None:
        from cpchair.screens.wall import WallScreen

        self.app.push_screen(WallScreen(self.meeting))

    def action_leave(self) -> None:
        self._heartbeat()
        self.dismiss()

    # --- the status line -------------------------------------------------------------------------

    def say_saved(self, what: str) -> None:
        self.say(f"Saved: {what}")

    def say_refused(self, why: str) -> None:
        self.say(f"Not saved. {why}", "refused")
        self.app.bell()

    def turned_away(self, typed: str) -> None:
        """Text typed where letters are commands: nothing was changed. It is shown back, so
        it can be typed again in the right place."""
        panel = self.current_panel()
        where = getattr(panel, "TYPE_HINT", "F1 lists them")
        self.say(f"Not used (letters are commands here; {where}): “{typed}”", "hint")

    @on(StagePanel.Read)
    def _panel_read(self, event: StagePanel.Read) -> None:
        """A panel read the meeting again and has redrawn itself: the rest follows."""
        self.state = event.state
        self._follow_conclusion()
        self._show_stages()

    @on(StagePanel.Go)
    async def _panel_go(self, event: StagePanel.Go) -> None:
        await self.go(event.stage)

    @on(StagePanel.Saved)
    def _panel_saved(self, event: StagePanel.Saved) -> None:
        self.say_saved(event.done)

    @on(StagePanel.Refused)
    def _panel_refused(self, event: StagePanel.Refused) -> None:
        self.say_refused(event.why)

    @on(StagePanel.Held)
    def _panel_held(self, event: StagePanel.Held) -> None:
        self.say_held(event.note)

    def on_field_saved(self, event: FieldSaved) -> None:
        self.say_saved(event.label.lower() + ".")

    def on_field_refused(self, event: FieldRefused) -> None:
        self.say_refused(f"{event.label}: {event.reason}")

    def say_held(self, note: str) -> None:
        """Kept, not yet saved: said plainly, without the bell of a refusal."""
        self.say(f"Not saved yet. {note}")

    def on_field_held(self, event: FieldHeld) -> None:
        self.say_held(event.note)

    @property
    def help_focus_heading(self) -> str | None:
        """F1 lists the keys of the stage being worked in first (see dialogs/help.py)."""
        panel = self.current_panel()
        if panel is None or self.focused is None or panel not in self.focused.ancestors_with_self:
            return None
        return f"This stage: {label(self.stage)}"


if TYPE_CHECKING:

    def _as_panels_see_it(screen: ConferenceScreen) -> MeetingScreen:
        return screen  # mypy checks that this screen is what its panels take it to be
