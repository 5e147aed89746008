"""! marks a score's or a view's reason as given in confidence, on the chair's screen: the
family copy then shows the score and the view but not why (004: "The conference Chair may
decide that confidential material should be excluded from distributed conference records")."""

from __future__ import annotations

from cpchair.documents import render
from cpchair.documents.redact import REASON_IN_CONFIDENCE
from cpchair.screens.stages.decision import VoteGrid
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.score_table import ScoreTable

from .helpers import rows
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status

SECRET = "The police hold intelligence they cannot share"


async def test_a_scores_reason_is_marked_confidential_with_one_key(store: Store) -> None:
    load_demo(store)
    Meeting(store, REF, "rcpc1").edit(edits.scaling.set_score, "pol", 3, reason=SECRET)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        table.move_cursor(row=table.keys().index("pol"))
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "kept out of family copies" in status(pilot)
        row = dict(zip(table.keys(), rows(pilot.app, "#scores"), strict=True))["pol"]
        assert row[-1] == f"! {SECRET}"  # marked on the chair's screen
    [score] = [s for s in conference(store).scaling.scores if s.attendee == "pol"]  # type: ignore[union-attr]
    assert score.confidential and score.reason == SECRET
    family = render(store.load_case(REF), "rcpc1", "md", kind="record", recipient="jodie")  # type: ignore[arg-type]
    assert SECRET not in family and REASON_IN_CONFIDENCE in family


async def test_a_views_reason_is_marked_confidential_and_unmarked(store: Store) -> None:
    load_demo(store)
    Meeting(store, REF, "rcpc1").edit(edits.decisions.set_vote, "pol", "c1", "plan", SECRET)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one(VoteGrid)
        grid.move_cursor(row=grid.voters.index("pol"), column=1)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert str(grid.get_cell_at(grid.cursor_coordinate)) == "CP plan !"
        assert [v.confidential for v in conference(store).votes] == [True]
        await pilot.press("exclamation_mark")  # and off again
        await pilot.pause()
        assert "no longer confidential" in status(pilot)
    assert [v.confidential for v in conference(store).votes] == [False]


async def test_a_mark_on_nothing_is_refused_in_plain_words(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot, "decision")
        await pilot.press("exclamation_mark")  # no view given yet
        await pilot.pause()
        assert "Give the view first" in status(pilot)
    assert conference(store).votes == []
