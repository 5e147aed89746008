"""The family and network stage and the history stage of the live meeting."""

from __future__ import annotations

from textual.widgets import Input

from cpchair.store import Store
from cpchair.widgets.confirm import ConfirmModal
from cpchair.widgets.fields import TextField
from cpchair.widgets.record_editor import RecordEditor

from .helpers import rows
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app


async def test_the_network_shows_who_is_here_and_takes_a_new_person(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        await in_meeting(pilot, "family_network")
        shown = rows(pilot.app, "#people")
        assert [shown[0][0], shown[0][4]] == ["Jodie Hadley", "present"]
        assert shown[0][3] == "confidential"  # her contact details are kept back
        await pilot.press("a")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        name, relationship = editor.query(Input)[0], editor.query(Input)[1]
        name.value = "Pat Moss"
        relationship.focus()
        relationship.value = "Neighbour and friend of Jodie"
        await pilot.press("tab")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows(pilot.app, "#people")[-1][0] == "Pat Moss"
        await pilot.press("end", "x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
    case = store.load_case(REF)
    assert case is not None and case.people[-1].name == "Pat Moss"


async def test_the_first_worst_and_last_incidents_save_as_they_are_left(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "history")
        worst = screen.query_one("#worst-text", TextField).input
        worst.focus()
        worst.value = "Dad pushed Mum into the door while she held Mia"
        await pilot.press("enter")
        date = screen.query_one("#worst-date", TextField)
        date.input.focus()
        date.input.value = "31/2/2026"
        await pilot.press("enter")
        await pilot.pause()
        assert date.has_class("-refused")  # shown beside the field, and kept
        assert date.input.value == "31/2/2026"
        date.input.value = "14/6/2026"
        await pilot.press("enter")
        await pilot.pause()
    [incident] = conference(store).incidents
    assert (incident.which, incident.date.isoformat(), incident.text) == (
        "worst", "2026-06-14", "Dad pushed Mum into the door while she held Mia",
    )  # fmt: skip
