"""The live meeting, part 1: stages, the clock, opening, mapping, danger statements, drafts."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select

from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.conference import ConferenceScreen
from cpchair.screens.stages.dangers import PairTable
from cpchair.screens.stages.mapping import MappingPanel
from cpchair.screens.wall import WallScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput, DraftKeeper
from cpchair.widgets.mapping_board import MappingBoard
from cpchair.widgets.score_table import ScoreTable
from cpchair.widgets.stage_bar import StageBar
from cpchair.widgets.text_lines import TextLines

from .helpers import rows, settle
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status


async def test_opening_a_prepared_conference_starts_it_at_the_opening(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        assert screen.stage == "opening"
        assert conference(store).status == "in_progress"
        assert str(screen.query_one("#chip-opening").content).startswith("1")
        await pilot.press("f3", "f3")
        await pilot.pause()
        assert screen.stage == "history"
        await pilot.press("f2")
        await pilot.pause()
        assert screen.stage == "family_network"
    visits = Meeting(store, REF, "rcpc1").read(edits.working.stage_visits)
    assert [v[0] for v in visits] == ["opening", "family_network", "history", "family_network"]


async def test_the_palette_goes_to_a_stage(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(pilot.app)
        await pilot.press(*"stage: danger")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.stage == "danger_goals"


async def test_f1_in_a_stage_lists_the_stages_keys_first(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot, "danger_goals")
        await pilot.press("f1")
        await pilot.pause()
        text = str(pilot.app.screen.query_one("#keys").render())
        order = ["This stage: Danger statements", "Add safety goal", "x / del", "The meeting",
                 "Next stage", "Anywhere", "Quit", "In the table", "Cursor down"]  # fmt: skip
        assert [text.index(words) for words in order] == sorted(text.index(w) for w in order)
        assert text.count("Next field") == 0 and text.count("Tab / Shift+Tab") == 1


async def test_the_register_marks_attendance_and_times_in_one_key(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot)
        await pilot.press("down", "a")  # DC Owen Pritchard sends apologies after all
        await pilot.pause()
        assert "apologies" in status(pilot)
        await pilot.press("down", "o")  # Kerry Walsh leaves
        await pilot.pause()
        assert rows(pilot.app, "#register")[1][2] == "Apologies"
    conf = conference(store)
    by_key = {a.key: a for a in conf.attendees}
    assert by_key["pol"].attendance == "apologies"
    assert by_key["hv"].left is not None


async def test_a_late_arrival_is_added_as_someone_who_has_arrived(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        assert editor.title_text == "Someone has arrived late"  # not an invitation
        assert "present from now" in str(editor.query_one("#status").render())
        name = editor.query(Input)[0]
        name.focus()
        name.value = "Dr Amy Holt"
        await pilot.press("tab")
        editor.query(Select).first().value = "health"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows(pilot.app, "#register")[-1][0] == "Dr Amy Holt"
    amy = conference(store).attendees[-1]
    assert (amy.name, amy.attendance, amy.arrived is not None) == ("Dr Amy Holt", "present", True)


async def test_losing_quorum_shows_and_the_chairs_reason_is_recorded(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        override = screen.query_one("#override")
        assert not override.display  # quorate: nothing to record
        for key in ("pol", "sch", "mw", "ida"):
            screen.meeting.edit(edits.register.update_attendee, key, attendance="apologies")
        screen.reload()
        await pilot.pause()
        assert override.display
        assert "Not quorate" in str(screen.query_one("#quorum").content)
        box = override.query_one(Input)
        box.focus()
        box.value = "Family wished to go ahead; police and school sent reports."
        await pilot.press("enter")
        await pilot.pause()
    assert conference(store).quorum_override.startswith("Family wished")


async def test_an_exclusion_is_recorded_from_the_register(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot)
        await pilot.press(*["down"] * 10, "x")  # Liam Carver, excluded
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        reason = editor.query(Input)[0]
        reason.focus()
        reason.value = "Bail conditions: no contact with Jodie"
        await pilot.press("tab")  # leaving the field saves it; the draft becomes an exclusion
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows(pilot.app, "#exclusions")[0][0] == "Liam Carver"
    conf = conference(store)
    assert [(x.attendee, x.scope) for x in conf.exclusions] == [("liam", "part")]
    assert next(a for a in conf.attendees if a.key == "liam").attendance == "excluded"


async def test_x_without_a_reason_leaves_no_bare_excluded(store: Store) -> None:
    load_demo(store)
    Meeting(store, REF, "rcpc1").edit(
        edits.register.update_attendee, "carol", attendance="excluded"
    )  # e.g. a file
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot)
        here = {r[0]: r[2] for r in rows(pilot.app, "#register")}
        assert here["Carol Hadley"] == "Excluded: why?"  # never bare: the reason is asked for
        await pilot.press(*["down"] * 10, "x")  # Liam Carver: the exclusion form, for him
        await pilot.pause()
        assert isinstance(pilot.app.screen, RecordEditor)
        await pilot.press("escape")  # closed without a reason: nothing recorded
        await pilot.pause()
        assert "Not excluded: an exclusion needs its reason" in status(pilot)
        assert rows(pilot.app, "#register")[10][2] == "Present"
    assert next(a for a in conference(store).attendees if a.key == "liam").attendance == "present"


async def test_the_excluded_part_starts_with_them_leaving_and_they_do_not_scale(
    store: Store,
) -> None:
    load_demo(store)
    Meeting(store, REF, "rcpc1").edit(
        edits.history.add_exclusion,
        attendee="liam",
        scope="part",
        reason="Police information",
        from_stage="mapping",
        to_stage="scaling",
    )

    def left() -> object:
        return next(a for a in conference(store).attendees if a.key == "liam").left

    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "history")
        assert left() is None  # still in the room
        await screen.go("mapping")
        await pilot.pause()
        stamped = left()
        assert stamped is not None
        assert status(pilot).startswith("Saved: Liam Carver left at")
        await screen.go("scaling")
        await pilot.pause()
        scoring = screen.query_one(ScoreTable).keys()
        assert "liam" not in scoring and "jodie" in scoring
    assert left() == stamped  # arriving at another excluded stage keeps the first time


async def test_quick_capture_files_each_line_in_its_column(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        assert screen.focused is box
        for line in ("h: [f] @pol #ruby Police were called in June", "s: Nan does the school run",
                     "e!: Jodie has a safety plan with the IDVA", "and keeps to it"):  # fmt: skip
            box.value = line
            await pilot.press("enter")
        await pilot.pause()
        assert box.value == ""
        cards = {e.text: e for _, e in screen.query_one(MappingBoard).entries()}
        assert set(cards) == {
            "Police were called in June", "Nan does the school run",
            "Jodie has a safety plan with the IDVA", "and keeps to it",
        }  # fmt: skip
        assert cards["and keeps to it"].column == "existing_safety"  # the last column used
    mapping = conference(store).mapping
    first = mapping[0]
    assert (first.column, first.nature, first.source, first.children) == (
        "past_harm", "fact", "pol", ["c1"],
    )  # fmt: skip
    assert [e.confidential for e in mapping] == [False, False, True, False]


async def test_a_line_that_cannot_be_read_is_kept_and_nothing_filed(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        box.value = "d: @nobody Dad may come back"
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == "d: @nobody Dad may come back"
        assert "No one present matches @nobody" in status(pilot)
    assert conference(store).mapping == []


async def test_entries_are_edited_moved_reordered_and_deleted_with_undo(store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    for text in ("First strength", "Second strength"):
        meeting.edit(edits.mapping.add_entry, column="strengths", text=text)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        board = screen.query_one(MappingBoard)
        board.focus()  # changes to cards are queued writes: settle() waits for them
        await pilot.press("s")  # choose the strengths column: the cursor goes to its last card
        await pilot.press("left_square_bracket")  # up the column
        await settle(pilot)
        assert [e.text for e in conference(store).mapping if e.column == "strengths"] == [
            "Second strength", "First strength",
        ]  # fmt: skip
        await pilot.press("n", "exclamation_mark")  # a fact, and confidential
        await settle(pilot)
        await pilot.press("m", "g")  # moved to grey areas
        await settle(pilot)
        moved = next(e for e in conference(store).mapping if e.text == "Second strength")
        assert (moved.column, moved.nature, moved.confidential) == ("grey_areas", "fact", True)
        await pilot.press("x")
        await settle(pilot)
        assert [e.text for e in conference(store).mapping] == ["First strength"]
        await pilot.press("u")
        await settle(pilot)
        assert {e.text for e in conference(store).mapping} == {"First strength", "Second strength"}
        await pilot.press("enter")  # the editor for the card under the cursor
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        text = editor.query(Input)[0]
        text.value = "Second strength, reworded"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert "Second strength, reworded" in {e.text for e in conference(store).mapping}


async def test_unsent_text_survives_a_crash_and_is_offered_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(store)
    monkeypatch.setattr(DraftKeeper, "within", 0.0)  # every change written as it is handled
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        await pilot.press(*"s: Nan is")
        await pilot.pause()
    assert Meeting(store, REF, "rcpc1").read(edits.working.drafts) == {
        "mapping.capture": "s: Nan is"
    }
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        assert screen.stage == "mapping"  # back where the meeting was
        box = screen.query_one("#capture", DraftInput)
        assert box.value == "s: Nan is"
        assert any("Drafts restored" in (n.title or "") for n in pilot.app._notifications)
        box.value = "s: Nan is a support"
        await pilot.press("enter")
        await pilot.pause()
    assert Meeting(store, REF, "rcpc1").read(edits.working.drafts) == {}


async def test_danger_statements_and_goals_are_added_in_pairs(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "danger_goals")
        await pilot.press("a")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        editor.query(Input)[0].value = "Mia may be hurt if Dad comes home drunk"
        await pilot.press("enter", "escape")
        await pilot.pause()
        table_rows = rows(pilot.app, "#pairs")
        assert table_rows[-1][0] == "Danger 3"
        await pilot.press("g")  # a goal for the highlighted statement: the one just written
        await pilot.pause()
        pilot.app.screen.query(Input)[0].value = "Mia's home is calm and sober"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(screen, ConferenceScreen)
    conf = conference(store)
    assert conf.danger_statements[-1].text.startswith("Mia may be hurt")
    assert conf.safety_goals[-1].danger_statement == conf.danger_statements[-1].key


async def test_removing_a_danger_statement_asks_first(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot, "danger_goals")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert len(conference(store).danger_statements) == 2
        await pilot.press("x", "y")
        await pilot.pause()
    assert len(conference(store).danger_statements) == 1


async def test_removing_a_safety_goal_asks_first(store: Store) -> None:
    load_demo(store)
    goals = len(conference(store).safety_goals)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "danger_goals")
        table = screen.query_one("#pairs", PairTable)
        keys = [str(r.key.value) for r in table.ordered_rows]
        table.move_cursor(row=next(i for i, k in enumerate(keys) if k.startswith("goal:")))
        await pilot.press("x")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ConfirmModal) and modal.question == "Remove this safety goal?"
        going = modal.detail.rstrip("…")  # how the goal begins, so the chair sees which
        assert going and [g.text.startswith(going) for g in conference(store).safety_goals] == [
            True, *[False] * (goals - 1)
        ]  # fmt: skip
        await pilot.press("n")
        await pilot.pause()
        assert len(conference(store).safety_goals) == goals
        await pilot.press("x", "y")
        await pilot.pause()
        assert "safety goal removed" in status(pilot)
    left = conference(store).safety_goals
    assert len(left) == goals - 1 and not any(g.text.startswith(going) for g in left)


async def test_the_wall_toggles_and_never_shows_a_confidential_entry(store: Store) -> None:
    """The room reads it: no confidential entry, an allegation marked in words, and each
    score after its role."""
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(edits.mapping.add_entry, column="past_harm", text="Shown to the room")
    meeting.edit(
        edits.mapping.add_entry, column="past_harm", text="Known only to police", confidential=True
    )
    meeting.edit(
        edits.mapping.add_entry, column="past_harm", text="Dad hit Mum in May", nature="allegation"
    )
    meeting.edit(edits.scaling.set_score, "jodie", 7, reason="Why")
    async with meeting_app(store).run_test(size=(160, 45)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        await pilot.press("f5")
        await pilot.pause()
        wall = pilot.app.screen
        assert isinstance(wall, WallScreen)
        shown = " ".join(lines.plain() for lines in wall.query(TextLines))
        assert "Shown to the room" in shown
        assert "Known only to police" not in shown
        assert "Dad hit Mum in May (allegation)" in shown
        assert "Mother: 7" in shown
        await pilot.press("f5")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_the_stage_bar_marks_follow_the_meeting(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "family_network")
        bar = screen.query_one(StageBar)
        family = bar.query_one("#chip-family_network")
        assert str(family.content).startswith("2◐")  # arrived: begun, not done
        await screen.go("history")
        await pilot.pause()
        assert str(family.content) == "2✓" and family.has_class("-done")  # moved on
        history = bar.query_one("#chip-history")
        assert str(history.content).startswith("3◐")  # no incident recorded yet
        await screen.go("mapping")
        await pilot.pause()
        assert str(history.content) == "3◐" and history.has_class("-started")
        assert str(bar.query_one("#chip-mapping").content).startswith("4◐")
        box = screen.query_one("#capture", DraftInput)
        box.value = "h: Police were called"
        await pilot.press("enter")
        box.value = "s: Nan helps"
        await pilot.press("enter")
        await pilot.pause()
        chip = bar.query_one("#chip-mapping")
        assert "✓" in str(chip.content)


async def test_a_concluded_conference_refuses_edits_and_says_why(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        box.value = "s: a late thought"
        await pilot.press("enter")
        await pilot.pause()
        assert "concluded" in status(pilot)
        assert box.value == "s: a late thought"
    assert len(conference(store, "icpc").mapping) == 24


def test_mapping_panel_is_registered() -> None:
    from cpchair.screens.stages import PANELS

    assert PANELS["mapping"] is MappingPanel
