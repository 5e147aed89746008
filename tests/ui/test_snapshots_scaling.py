"""A picture of the scaling stage at 80x24, compared with the reviewed one in __snapshots__.

Update after an intended change with
`uv run pytest tests/ui/test_snapshots_scaling.py --snapshot-update -n 0` and look at the picture
before committing it.

What would make it flaky is frozen: the date (`today=DAY`), the clock (the screen's `now` is
pinned and its record of stage visits replaced, so the stage bar reads 0:00 at every tick),
the escalation's due time (the grading is given at a fixed time before the app starts), the
"now in progress" toast (cleared), and the reason box's cursor blink.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot

from cpchair.app import CpchairApp
from cpchair.screens.conference import ConferenceScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.score_reason import ScoreReason

from .meeting_helpers import REF, TODAY, load_demo

AT = dt.datetime.combine(TODAY, dt.time(11, 30))


def test_scaling_stage(snap_compare: Any, store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    for key, score, reason in (
        ("sw", 2, "Another incident in October; Liam is back at the house most nights."),
        ("pol", 2, "Two more call-outs since the initial conference."),
        ("hv", 3, ""),
        ("jodie", 6, "I have done the course and I ring the IDVA every week."),
    ):
        meeting.edit(edits.scaling.set_score, key, score, reason=reason)
    meeting.edit(edits.scaling.set_overall, 2, AT)

    async def at_scaling(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ConferenceScreen)
        screen.now = lambda: AT  # type: ignore[method-assign]
        await screen.go("scaling")
        screen.visits = [("scaling", AT, None)]
        screen.refresh_marks()
        screen.query_one(ScoreReason).cursor_blink = False
        pilot.app.clear_notifications()
        await pilot.pause()

    app = CpchairApp(store, today=TODAY, meeting=(REF, "rcpc1"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_scaling, press=["down"])
