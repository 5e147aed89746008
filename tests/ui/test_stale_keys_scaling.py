"""Two seats, one meeting: a key in the scaling or decision stage acts on what the screen
showed. If the other seat changed that score, view, reason or setting meanwhile, the key is
refused, nothing is written, the screen shows theirs, and pressing again changes it
(store/stale.py). A hidden score is never told in the refusal."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select

from cpchair.dialogs.decision import DecisionEditor
from cpchair.dialogs.prompt import PromptModal
from cpchair.screens.conference import ConferenceScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_table import ScoreTable

from .helpers import settle
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status

REFUSED = "Changed meanwhile by someone else"
BY_KEY = "Nothing was changed: press again to change it."
THEIRS = "Mum has moved back in with Liam; the police were called twice this month"
MINE = "Three call-outs since the last conference"


def score(store: Store, attendee: str) -> int | None:
    scaling = conference(store).scaling
    found = [s for s in scaling.scores if s.attendee == attendee] if scaling else []
    return found[0].score if found else None


def cell(table: ScoreTable, attendee: str) -> str:
    return str(table.get_cell(attendee, "score"))


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def test_a_score_key_on_a_score_changed_meanwhile(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")  # the minute-taker's seat
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        assert table.current_key() == "sw"
        other.edit(edits.scaling.set_score, "pol", 5)  # another person's: no conflict
        await press(pilot, "7", "escape")
        assert (score(store, "sw"), score(store, "pol")) == (7, 5)
        other.edit(edits.scaling.set_score, "sw", 4)  # theirs, over the 7 shown here
        await press(pilot, "8")
        assert f'{REFUSED}: it now reads "4". {BY_KEY}' in status(pilot)
        assert score(store, "sw") == 4 and cell(table, "sw") == "4"
        assert table.has_focus  # no reason asked for a score not given
        await press(pilot, "8", "escape")  # again, knowing theirs
        assert score(store, "sw") == 8
        other.edit(edits.scaling.set_score, "sw", 2)
        await press(pilot, "x")  # clearing the 8 shown: refused, theirs kept
        assert REFUSED in status(pilot) and score(store, "sw") == 2 and cell(table, "sw") == "2"
        await press(pilot, "x")
        assert score(store, "sw") is None


async def test_in_a_hidden_round_the_refusal_does_not_tell_the_score(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        other.edit(edits.scaling.set_independent, True)  # their round, begun meanwhile
        await press(pilot, "i")  # "on", as shown off here: refused, their round stays
        assert f'{REFUSED}: it now reads "an independent round". {BY_KEY}' in status(pilot)
        assert conference(store).scaling.independent  # type: ignore[union-attr]
        assert "independent round (hidden)" in str(screen.query_one("#scale-line").render())
        other.edit(edits.scaling.set_score, "sw", 3)  # written down at the other seat
        await press(pilot, "6")
        said = status(pilot)
        assert f'{REFUSED}: it now reads "written down". {BY_KEY}' in said
        assert "3" not in said
        assert score(store, "sw") == 3 and cell(table, "sw") == "written down"
        other.edit(edits.scaling.set_score, "sw", 6)
        await press(pilot, "6")  # the same as theirs, hidden: refused all the same
        assert "3" not in status(pilot) and "6" not in status(pilot)
        assert REFUSED in status(pilot)
        await press(pilot, "5")
        assert score(store, "sw") == 5


async def test_a_reason_changed_meanwhile_keeps_what_was_typed(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    other.edit(edits.scaling.set_score, "sw", 3, reason="Six call-outs")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        box = screen.query_one(ScoreReason)
        await press(pilot, "enter")  # to sw's reason
        assert box.has_focus
        box.value = MINE
        other.edit(edits.scaling.set_reason, "sw", THEIRS)
        await press(pilot, "enter")
        assert f'{REFUSED}: it now reads "Mum has moved back' in status(pilot)
        assert "What you typed is still here" in status(pilot)
        assert box.value == MINE and box.has_focus
        assert conference(store).scaling.scores[0].reason == THEIRS  # type: ignore[union-attr]
        await press(pilot, "enter")  # again, knowing theirs
        assert conference(store).scaling.scores[0].reason == MINE  # type: ignore[union-attr]


async def prompt_refused(pilot: Pilot[Any], key: str, typed: str, theirs: Any) -> PromptModal:
    """Open the prompt, the other seat saves `theirs()`, Enter on `typed`: refused, open."""
    await press(pilot, key)
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptModal)
    theirs()
    prompt.query_one(Input).value = typed
    await press(pilot, "enter")
    assert pilot.app.screen is prompt
    assert REFUSED in str(prompt.query_one("#error").render())
    assert prompt.query_one(Input).value == typed
    return prompt


async def test_the_question_and_the_overall_grading_changed_meanwhile(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        await prompt_refused(
            pilot, "q", MINE, lambda: other.edit(edits.scaling.set_question, question=THEIRS)
        )
        assert conference(store).scaling.question == THEIRS  # type: ignore[union-attr]
        assert THEIRS in str(screen.query_one("#question").render())  # behind the prompt
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ConferenceScreen)
        assert conference(store).scaling.question == MINE  # type: ignore[union-attr]
        await prompt_refused(pilot, "o", "6", lambda: other.edit(edits.scaling.set_overall, 7))
        assert conference(store).scaling.overall == 7  # type: ignore[union-attr]
        await press(pilot, "enter")
        assert conference(store).scaling.overall == 6  # type: ignore[union-attr]


async def test_a_view_and_its_reason_changed_meanwhile(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one("#grid")

        def view() -> tuple[str, str] | None:
            found = [v for v in conference(store).votes if (v.attendee, v.child) == ("sw", "c1")]
            return (found[0].vote, found[0].reason) if found else None

        other.edit(edits.decisions.set_vote, "sw", "c1", "child_in_need")
        await press(pilot, "p")
        assert f'{REFUSED}: it now reads "Child in need plan". {BY_KEY}' in status(pilot)
        assert view() == ("child_in_need", "")
        assert str(grid.get_cell_at((0, 1))).startswith("CiN")  # type: ignore[attr-defined]
        await press(pilot, "p")  # again, knowing theirs: and on to its reason
        assert view() == ("plan", "")
        box = screen.query_one("#reason", DraftInput)
        assert box.has_focus
        box.value = MINE
        other.edit(edits.decisions.set_vote_reason, "sw", "c1", THEIRS)
        await press(pilot, "enter")
        assert "What you typed is still here" in status(pilot)
        assert box.value == MINE and view() == ("plan", THEIRS)
        await press(pilot, "enter")
        assert view() == ("plan", MINE)


async def test_a_decision_recorded_meanwhile_is_not_recorded_over(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    for who in ("sw", "pol", "hv", "sch", "mw", "ida"):
        other.edit(edits.decisions.set_vote, who, "c1", "plan", "Worried still")
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await press(pilot, "d")
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        editor.query_one("#primary", Select).value = "neglect"
        other.edit(edits.decisions.record_decision, "c1", outcome="plan",
                   categories=["emotional_abuse"], method="unanimous")  # fmt: skip
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is editor  # refused: the window stays, as it was
        shown = str(editor.query_one("#refused").render())
        assert f'{REFUSED}: it now reads "Child protection plan, unanimous"' in shown
        [theirs] = conference(store).decisions
        assert theirs.categories == ["emotional_abuse"]
        await press(pilot, "ctrl+s")  # again, knowing theirs
        assert pilot.app.screen is screen
        [mine] = conference(store).decisions
        assert mine.categories == ["neglect"]
