"""The time in each stage is written after the frame that shows the stage (a commit to disk
must not hold up the chair's view), in the order the stages were entered, and none is lost
by leaving at once."""

from __future__ import annotations

from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting

from .helpers import burst
from .meeting_helpers import REF, in_meeting, load_demo, meeting_app


def stored(store: Store) -> list[str]:
    return [v[0] for v in Meeting(store, REF, "rcpc1").read(edits.working.stage_visits)]


async def test_stages_entered_in_a_burst_are_written_in_order(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        await burst(pilot, "f3", "f3", "f2", "f3", "f3")
        assert screen.stage == "mapping"
        assert stored(store) == ["opening", "family_network", "history", "family_network",
                                 "history", "mapping"]  # fmt: skip
        assert [v[0] for v in screen.visits] == stored(store)


async def test_leaving_straight_after_a_stage_change_keeps_the_visit(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        await screen.go("history")  # not yet drawn, so not yet written
        screen.action_leave()
        await pilot.pause()
    visits = Meeting(store, REF, "rcpc1").read(edits.working.stage_visits)
    assert [v[0] for v in visits] == ["opening", "history"]
    assert all(end is not None for _stage, _start, end in visits)  # its time marked too
