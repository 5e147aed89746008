"""The scaling stage: scores by digit keys, 10, reasons, scales, an independent round, the
overall grading and its escalation, the last conference's scores, refusals that keep the text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from cpchair.dialogs.prompt import PromptModal
from cpchair.rules.wall import wall_text
from cpchair.screens.conference import ConferenceScreen
from cpchair.screens.stages.scaling import ScalingPanel
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftKeeper
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_table import ScoreTable

from .helpers import burst, rows
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status


def scores(store: Store) -> dict[tuple[str, str | None, str | None], tuple[int, str]]:
    scaling = conference(store).scaling
    assert scaling is not None
    return {(s.attendee, s.child, s.danger_statement): (s.score, s.reason) for s in scaling.scores}


def text(screen: ConferenceScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def scaling(pilot: Pilot[Any]) -> tuple[ConferenceScreen, ScoreTable, ScoreReason]:
    screen = await in_meeting(pilot, "scaling")
    return screen, screen.query_one(ScoreTable), screen.query_one(ScoreReason)


async def test_a_digit_scores_enter_files_the_reason_and_moves_on(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, table, box = await scaling(pilot)
        assert table.has_focus and table.current_key() == "sw"
        pressed = 0
        for digit, reason in (("3", "Third serious incident"), ("2", "Six call-outs")):
            await pilot.press(digit)  # 1 key: the score, and on to the reason
            await pilot.pause()
            assert box.has_focus
            box.value = reason  # the reason's text, set directly
            await pilot.press("enter")  # 1 key: file it, on to the next person
            await pilot.pause()
            pressed += 2
        assert pressed / 2 == 2  # keystrokes per score, besides the reason's text
        assert table.has_focus and table.current_key() == "hv"
        await pilot.press("4", "escape")  # a score with no reason yet, back to the list
        await pilot.pause()
        assert table.current_key() == "hv"
        assert rows(pilot.app, "#scores")[2][2:5] == ["4", "3", "no reason yet"]
        # Eleven are present; the supporter does not scale, so ten are listed.
        assert "Lowest 2 · median 3 · highest 4 · 3 of 10 scored" in text(screen, "#summary")
    assert scores(store) == {
        ("sw", None, None): (3, "Third serious incident"),
        ("pol", None, None): (2, "Six call-outs"),
        ("hv", None, None): (4, ""),
    }


async def test_ten_has_its_own_key_or_is_typed_as_10(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        _, _table, box = await scaling(pilot)
        await pilot.press("t")  # one key for 10
        await pilot.pause()
        await pilot.press("enter", "1", "0")  # the next person: "10" as it is said
        await pilot.pause()
        assert box.has_focus and box.value == ""  # the 0 made the 10; it is not in the reason
        await pilot.press(*"ok", "enter", "1")
        await pilot.pause()
        box.value = "0 incidents since"  # a reason may still start with 0 once typed into
        await pilot.press("enter")
        await pilot.pause()
    got = scores(store)
    assert got[("sw", None, None)][0] == 10
    assert got[("pol", None, None)] == (10, "ok")
    assert got[("hv", None, None)] == (1, "0 incidents since")


async def test_scales_for_a_danger_statement_and_a_child(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, _table, _ = await scaling(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert text(screen, "#scale-line").startswith("Scale 2 of 6: Danger 1")
        assert text(screen, "#question").startswith("Danger 1: Social care")
        await pilot.press("5", "escape")
        await pilot.press("s", "s")  # Danger 2, then Ruby
        await pilot.pause()
        assert "Ruby" in text(screen, "#scale-line")
        question = text(screen, "#question")  # Ruby's scale asks about Ruby alone
        assert "agrees Ruby is safe" in question and "certain Ruby will be harmed" in question
        assert "Mia" not in question and "children" not in question
        await pilot.press("down", "7", "escape")
        await pilot.pause()
        assert rows(pilot.app, "#scores")[0][2] == "-"  # nothing given on this scale yet
    got = scores(store)
    assert got[("sw", None, "ds1")] == (5, "")
    assert got[("pol", "c1", None)] == (7, "")


async def test_an_independent_round_is_hidden_until_the_chair_reveals_it(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, table, box = await scaling(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert "independent round (hidden)" in text(screen, "#scale-line")
        await pilot.press("3", "7", "9")  # each written down, straight on to the next person
        await pilot.pause()
        assert table.current_key() == "sch"
        assert [r[2] for r in rows(pilot.app, "#scores")[:4]] == ["written down"] * 3 + ["-"]
        assert "9" not in status(pilot) and "written down" in status(pilot)
        assert "3 of 10 written down" in text(screen, "#summary")
        assert "Lowest" not in text(screen, "#summary")
        assert box.disabled
        state = screen.state
        assert "Health visitor: 9" not in wall_text(state.conf, state.case.children, False)
        await pilot.press("up", "enter")  # no reasons before the reveal
        await pilot.pause()
        assert "once the scores are revealed" in status(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert [r[2] for r in rows(pilot.app, "#scores")[:3]] == ["3", "7", "9"]
        assert "Lowest 3 · median 7 · highest 9" in text(screen, "#summary")
        state = screen.state
        assert "Health visitor: 9" in wall_text(state.conf, state.case.children, state.revealed)
    assert Meeting(store, REF, "rcpc1").load().revealed


async def grade(pilot: Pilot[Any], value: str) -> None:
    await pilot.press("o")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, PromptModal)
    modal.query_one(Input).value = value
    await pilot.press("enter")
    await pilot.pause()


async def test_the_overall_grading_raises_and_lowers_the_escalation_flag(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, _, _ = await scaling(pilot)
        flag = screen.query_one("#escalation", Static)
        assert not flag.display
        await grade(pilot, "2")  # at the threshold on a 10-is-safe scale
        assert flag.display
        assert "ESCALATE" in text(screen, "#escalation")
        due = conference(store).escalation
        assert due is not None
        assert f"by {due.due_by:%a} {due.due_by.day} {due.due_by:%b %H:%M}" in text(
            screen, "#escalation"
        )
        await grade(pilot, "3")
        assert not flag.display and conference(store).escalation is None
        await grade(pilot, "")  # cleared, so the scale may be turned round
        await pilot.press("d")
        await pilot.pause()
        assert "10 = most danger" in text(screen, "#scale-line")
        await grade(pilot, "2")  # fairly safe, read this way round
        assert not flag.display
        await grade(pilot, "8")
        assert flag.display and "at or above 8" in text(screen, "#escalation")
        await pilot.press("e")  # who was told
        await pilot.pause()
        whom, when = pilot.app.screen.query(Input)
        whom.value = "Ann Lee, service manager"
        await pilot.press("tab")  # leaving the field saves it, told now
        when.value = "12:05"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert "Escalated" in text(screen, "#escalation")
        assert "12:05 (Ann Lee, service manager)" in text(screen, "#escalation")
    esc = conference(store).escalation
    assert esc is not None and esc.to == "Ann Lee, service manager"
    assert esc.notified_at is not None and esc.notified_at.time() == dt.time(12, 5)


async def test_the_last_conferences_scores_sit_beside_todays(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, _, _ = await scaling(pilot)
        before = {r[0]: r[3] for r in rows(pilot.app, "#scores")}
        # The initial conference's scores, matched by the attendee keys carried forward.
        assert before["Priya Nandra"] == "3"
        assert before["DC Owen Pritchard"] == "2"
        assert before["Jodie Hadley"] == "7"
        assert before["Carol Hadley"] == "5"
        assert "Sarah Carver" not in before  # a supporter does not scale
        assert "last conference: overall 3, median 4" in text(screen, "#summary")


async def test_refusals_keep_what_was_typed(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        _screen, table, box = await scaling(pilot)
        await pilot.press("o")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, PromptModal)
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert pilot.app.screen is modal and modal.query_one(Input).value == "11"
        assert "whole number from 0 to 10" in str(modal.query_one("#error", Static).content)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("6")
        await pilot.pause()
        store.update_conference(REF, "rcpc1", status="concluded")  # locked meanwhile
        box.value = "Ruby [is] settled at school"
        await pilot.press("enter")
        await pilot.pause()
        assert "Not saved" in status(pilot) and "concluded" in status(pilot)
        assert box.has_focus and box.value == "Ruby [is] settled at school"
        await pilot.press("escape")  # still refused: the text stays where it was typed
        await pilot.pause()
        assert box.has_focus and box.value == "Ruby [is] settled at school"

        table.focus()  # the question, refused by the store: the prompt stays, text and all
        await burst(pilot, "q")
        modal = pilot.app.screen
        assert isinstance(modal, PromptModal)
        modal.query_one(Input).value = "Where are things today, for Ruby and Mia?"
        await burst(pilot, "enter")
        assert pilot.app.screen is modal
        assert modal.query_one(Input).value == "Where are things today, for Ruby and Mia?"
        assert "concluded" in str(modal.query_one("#error", Static).content)
    assert scores(store) == {("sw", None, None): (6, "")}


async def test_a_reason_typed_before_a_crash_comes_back_to_its_person(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(store)
    monkeypatch.setattr(DraftKeeper, "within", 0.0)  # every change written as it is handled
    meeting = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await scaling(pilot)
        await pilot.press("down", "5", *"Mia is")
        await pilot.pause()
        assert meeting.read(edits.working.drafts) == {"scaling.reason:overall:pol": "Mia is"}
    # Leaving the box (here, by closing the app) files the reason.
    assert scores(store)[("pol", None, None)] == (5, "Mia is")
    assert meeting.read(edits.working.drafts) == {}

    # A crash leaves only the draft; the next open puts it back beside its person.
    meeting.edit(edits.scaling.set_score, "hv", 4)
    meeting.keep(edits.working.save_draft, "scaling.reason:overall:hv", "Kerry saw")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        panel = screen.query_one(ScalingPanel)
        box = panel.query_one(ScoreReason)
        assert panel.query_one(ScoreTable).current_key() == "hv"
        assert box.value == "Kerry saw"
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
    assert scores(store)[("hv", None, None)] == (4, "Kerry saw")
    assert meeting.read(edits.working.drafts) == {}


async def test_g_shows_the_scaling_over_time_in_place_of_the_summary(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen, table, _ = await scaling(pilot)
        await pilot.press("i", "3", "7")  # an independent round: written down, hidden
        await pilot.press("g")
        await pilot.pause()
        chart, summary = screen.query_one("#trend", Static), screen.query_one("#summary")
        assert chart.display and not summary.display
        lines = str(chart.content).splitlines()
        assert "safer →" in lines[0] and lines[0].rstrip().endswith("10")
        today = next(line for line in lines if "26 Nov 2026 review" in line)
        assert today.endswith("hidden") and "M" not in today.split("review")[1]
        assert next(line for line in lines if "initial" in line).count("M") == 1
        assert table.region.height >= 6  # the people scaling stay on the screen
        await pilot.press("v")  # revealed: today's marks show
        await pilot.pause()
        today = next(line for line in str(chart.content).splitlines() if "26 Nov" in line)
        assert "L" in today and "H" in today and "hidden" not in today
        await pilot.press("g")
        await pilot.pause()
        assert summary.display and not chart.display
