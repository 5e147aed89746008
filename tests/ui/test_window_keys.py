"""Issue 10: every window shows the keys that save it and leave it at 80x24, without scrolling,
however long what it holds: the content scrolls, the line of keys stays at its foot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from cpchair.dialogs.attendee import attendee_editor
from cpchair.dialogs.column import ColumnPicker
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.copies import CopiesModal
from cpchair.dialogs.decision import DecisionEditor
from cpchair.dialogs.document import DocumentModal
from cpchair.dialogs.help import HelpScreen
from cpchair.dialogs.new_case import NewCaseModal
from cpchair.dialogs.plan_rows import action_editor
from cpchair.dialogs.prompt import PromptModal
from cpchair.dialogs.schedule import ScheduleModal
from cpchair.documents.copies import copies_offered
from cpchair.rules.close import previous_conference
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting

from .helpers import burst, settle
from .meeting_helpers import REF, TODAY, in_meeting, load_demo, meeting_app

VOTERS = ["sw", "pol", "hv", "sch", "mw", "ida"]
LONG = "\n".join(
    f"· Field {i}: a reason long enough to wrap at this width, surely." for i in range(9)
)


def in_sight(window: Screen[object], widget: Widget) -> bool:
    """On the screen, and what is drawn at its first cell: not scrolled away, not covered."""
    region = widget.region
    if not region.height or region.bottom > window.size.height:
        return False
    return window.get_widget_at(region.x + 1, region.y)[0] is widget


async def test_every_window_shows_its_keys_at_80x24(store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    for attendee in VOTERS:  # every agency against the outcome: the longest decision window
        meeting.edit(edits.decisions.set_vote, attendee, "c1", "child_in_need", "Worried still")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        state, conf = screen.state, screen.state.conf
        offers = copies_offered(state.case, conf.key)
        windows: dict[str, tuple[Callable[[], Screen[object]], str]] = {
            "decision": (
                lambda: DecisionEditor(
                    state,
                    "c1",
                    previous_conference(state.case, conf),
                    screen.profile,
                    TODAY,
                    lambda _values: None,
                ),
                "#hint",
            ),
            "attendee": (
                lambda: attendee_editor(
                    store, REF, conf.key, state.case, conf.attendees[0], TODAY, lambda: None
                ),
                "#keys",
            ),
            "action": (lambda: action_editor(screen.meeting, state, None), "#keys"),
            "document": (
                lambda: DocumentModal(
                    Path("/nowhere"),
                    lambda *_: "copy.docx",
                    copies=[(o.who, o.key) for o in offers if o.key],
                    draft=True,
                ),
                "#hint",
            ),
            "schedule": (lambda: ScheduleModal(REF, store, TODAY), "#hint"),
            "new case": (lambda: NewCaseModal([("england", "England")], print), "#hint"),
            "prompt": (lambda: PromptModal("Import a case file", error=LONG[:300]), "#hint"),
            "confirm": (lambda: ConfirmModal("Quit without saving everything?", LONG), "#no"),
            "column": (lambda: ColumnPicker("past_harm"), ".hint"),
            "copies": (lambda: CopiesModal(offers, lambda *_: None, draft=True), "#copies-hint"),
            "help": (lambda: HelpScreen(screen, "The live conference"), "#close-keys"),
        }
        for name, (make, keys) in windows.items():
            await pilot.app.push_screen(make())
            await settle(pilot)
            window = pilot.app.screen
            if name == "decision":  # everything shown: the outcome overruled, its reasons asked
                window.query_one("#outcome").value = "plan"  # type: ignore[attr-defined]
                await burst(pilot, "ctrl+s")
            if name == "schedule":  # a refusal under the date, and one at the foot
                window.query_one("#date", Input).value = "31/2/2027"
                await burst(pilot, "ctrl+s")
            assert in_sight(window, window.query(keys).first()), name
            if name == "confirm":  # the question too, however long the detail under it
                assert in_sight(window, window.query_one("#question"))
            if name in ("decision", "schedule"):
                refused = window.query_one("#refused" if name == "decision" else "#error")
                assert in_sight(window, refused), name
            pilot.app.pop_screen()
            await settle(pilot)
