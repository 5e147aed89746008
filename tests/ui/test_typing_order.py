"""Keys sent as a fast typist sends them (all queued before the first is handled) land where
each was meant: the property the live meeting promises above all."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.widgets import DataTable, Static, TabbedContent, Tabs, TextArea

from cpchair.caseio.schema import CaseDoc
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.stages.decision import VoteGrid
from cpchair.store import Store, edits
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.key_mode import KEYS, TYPING, WORD_GAP, KeyMode
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_table import ScoreTable

from .helpers import burst, settle, until_typed
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status
from .test_case_file import app_for, open_case
from .test_scaling import scores


async def test_six_scores_in_one_burst_are_six_scores(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        people = table.keys()[:6]
        await burst(pilot, "3", "enter", "4", "enter", "5", "enter", "6", "enter", "7", "enter",
                    "8", "enter")  # fmt: skip
        got = {who: s for (who, child, _), s in scores(store).items() if child is None}
        assert {who: got[who][0] for who in people} == dict(zip(people, range(3, 9), strict=True))
        assert table.has_focus and table.current_key() == table.keys()[6]


async def test_a_reason_typed_straight_after_the_digit_is_that_persons(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        first, second = table.keys()[:2]
        await burst(pilot, "2", *"went up", "enter", "7", *"safer now", "enter")
        got = {who: s for (who, child, _), s in scores(store).items() if child is None}
        assert got[first] == (2, "went up")
        assert got[second] == (7, "safer now")
        assert not screen.query_one(ScoreReason).value


async def test_a_word_typed_into_the_grid_changes_nothing_and_says_why(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one(VoteGrid)
        assert str(screen.query_one(KeyMode).content) == KEYS
        # "Dad drinks": its d would open the decision window and its n give a view.
        await burst(pilot, *"Dad drinks")
        assert pilot.app.screen is screen and screen.focused is grid
        said = "Not used (letters are commands here; p, c, n or r first): “Dad drinks”"
        assert status(pilot) == said
        assert conference(store).votes == []
        await asyncio.sleep(WORD_GAP)  # a person reads the hint
        await burst(pilot, "p")  # a command, once the word has ended, works
        assert str(screen.query_one(KeyMode).content) == TYPING
    assert [(v.attendee, v.child, v.vote) for v in conference(store).votes] == [
        ("sw", "c1", "plan")
    ]


async def test_the_answer_typed_with_the_key_that_asks_the_question_answers_it(
    store: Store,
) -> None:
    load_demo(store)
    before = {p.key for p in case_of(store).people}
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "family_network")
        table = screen.query_one("#people", DataTable)
        gone = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        await burst(pilot, "x", "y", "down")  # the question's window is not drawn yet at "y"
        assert pilot.app.screen is screen and screen.focused is table
        assert table.cursor_row == 1  # the Down after the answer moved the list
    assert {p.key for p in case_of(store).people} == before - {gone}


def case_of(store: Store) -> CaseDoc:
    case = store.load_case(REF)
    assert case is not None
    return case


async def test_down_down_enter_from_the_tab_bar_opens_the_second_row(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "people")
        screen.query_one(Tabs).focus()
        await settle(pilot)
        await burst(pilot, "down", "down", "enter")  # into the table, the next row, open it
        assert isinstance(app.screen, RecordEditor)
        assert screen.query_one("#people-table", DataTable).cursor_row == 1


async def test_a_paragraph_typed_then_left_for_the_tab_bar_is_saved_whole(store: Store) -> None:
    load_demo(store)
    text = "Mum sees them daily; Dad sees them at the family centre twice a week, with staff."
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "plan")
        screen.query_one("#plan-tabs", TabbedContent).active = "part-arrangements"
        await settle(pilot)
        area = screen.query_one("#visiting TextArea", TextArea)
        area.text = ""
        area.focus()
        await settle(pilot)
        await burst(pilot, *text, "shift+tab", "shift+tab")  # past the contingency plan
        assert isinstance(pilot.app.focused, Tabs)
    plan = conference(store).plan
    assert plan is not None and plan.visiting == text


async def test_a_name_typed_into_the_case_files_list_runs_none_of_its_commands(
    store: Store,
) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "people")
        table = screen.query_one("#people-table", DataTable)
        table.focus()
        await settle(pilot)
        people = len(case_of(store).people)
        # "a" would add a person, "r" run the meeting, "s" schedule, "x" remove, "e" export.
        await burst(pilot, *"Jodie Hadley sees Ruby after school")
        assert app.screen is screen and screen.focused is table
        assert str(screen.query_one(KeyMode).content) == KEYS
        assert "Not used (letters are commands here; Enter opens a row)" in str(
            screen.query_one("#status", Static).content
        )
    assert len(case_of(store).people) == people


async def test_enter_typed_while_the_app_starts_files_the_line(store: Store) -> None:
    """Before the app has the terminal, it is in line mode and Enter arrives as a line feed."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot, "mapping")
        await burst(pilot, *"h: Dad shouted", "ctrl+j", *"s: Gran visits", "ctrl+j")
    filed = [(e.column, e.text) for e in conference(store).mapping[-2:]]
    assert filed == [("past_harm", "Dad shouted"), ("strengths", "Gran visits")]


async def test_a_line_shown_on_the_board_is_already_safe_as_a_draft(store: Store) -> None:
    """The entry is drawn before it is written; by the time its write starts its line is a
    draft, even when Enter came before the typing pause had kept one."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        panel = screen.current_panel()
        meeting = screen.meeting
        seen: list[dict[str, str]] = []
        edit = meeting.edit

        def watched(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            if fn is edits.mapping.add_entry:  # what the database holds as the entry's write starts
                seen.append(meeting.read(edits.working.drafts))
            return edit(fn, *args, **kwargs)

        meeting.edit = watched  # type: ignore[method-assign]
        box = screen.query_one("#capture", DraftInput)
        box.value = "h: Dad shouted"
        assert panel.file_line(box.value)  # type: ignore[union-attr]
        await settle(pilot)
        assert seen == [{"mapping.capture": "h: Dad shouted"}]
        assert meeting.read(edits.working.drafts) == {}  # written now, the draft gone with it
    assert conference(store).mapping[-1].text == "Dad shouted"


async def test_lines_pasted_into_the_capture_line_are_each_filed(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        pilot.app.post_message(events.Paste("h: Dad shouted\n\ns: Gran visits\ng: Who is at home"))
        await until_typed(pilot)
        assert box.value == "g: Who is at home"  # the last line waits for its Enter
        filed = [(e.column, e.text) for e in conference(store).mapping[-2:]]
        assert filed == [("past_harm", "Dad shouted"), ("strengths", "Gran visits")]
        pilot.app.post_message(events.Paste("h: @nobody said\ns: Mum is trying\n"))
        await until_typed(pilot)
        assert box.value == "g: Who is at homeh: @nobody said s: Mum is trying"  # kept whole
        box.value = ""
        pilot.app.post_message(events.Paste("one line"))
        await until_typed(pilot)
        assert box.value == "one line"  # once


async def test_lines_pasted_into_a_reason_are_kept_whole(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        await burst(pilot, "4")
        pilot.app.post_message(
            events.Paste("Two more call-outs\nsince the last\x1b[2J conference\n")
        )  # an escape in the paste is taken out
        await until_typed(pilot)
        shown = screen.query_one(ScoreReason).value
        assert shown == "Two more call-outs since the last[2J conference"  # no escape left


async def test_lines_typed_into_the_register_open_nothing_and_change_no_one(
    store: Store,
) -> None:
    # Found trying it: the Enter after a line typed into the register opened the highlighted
    # person's record, and the next line went into their name.
    load_demo(store)
    names = [a.name for a in conference(store).attendees]
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "opening")
        await burst(pilot, *"c: Liam lost his job", "enter", *"e: Carol has the girls", "enter")
        assert pilot.app.screen is screen  # no record was opened
        assert "“e: Carol has the girls”" in status(pilot)
    assert [a.name for a in conference(store).attendees] == names
