"""The family and network stage and the history stage of the live meeting."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static

from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import BaseField, FlagField, TextField

from .helpers import burst, rows, settle
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status


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


async def test_renaming_a_family_member_renames_them_on_the_register(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "family_network")
        await pilot.press("enter")  # Jodie Hadley, the first of the family and network
        await pilot.pause()
        name = pilot.app.screen.query(Input)[0]
        assert name.value == "Jodie Hadley"
        name.value = "Jodie Hadley-Price"
        await pilot.press("tab", "escape")
        await pilot.pause()
        assert rows(pilot.app, "#people")[0][0] == "Jodie Hadley-Price"
        await screen.go("opening")
        await pilot.pause()
        register = [r[0] for r in rows(pilot.app, "#register")]
        assert "Jodie Hadley-Price" in register and "Jodie Hadley" not in register
    for key in ("icpc", "rcpc1"):  # her place at the earlier conference follows too
        assert next(a for a in conference(store, key).attendees if a.person == "mum").name == (
            "Jodie Hadley-Price"
        )


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


async def test_a_tick_typed_in_one_burst_stays_with_its_own_incident(store: Store) -> None:
    """Date, Tab, the words, Tab, Space, Tab, and on into the next incident, faster than the
    words' save: the tick belongs to the worst incident, never to the last, never lost."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "history")
        worst, last = (screen.query_one(f"#{w}-text", TextField).input for w in ("worst", "last"))
        worst.value = "Dad pushed Mum into the door while she held Mia"  # long text: set
        last.value = "Police called to a row in the street; the children were at school"
        screen.query_one("#worst-date", TextField).input.focus()
        await pilot.pause()
        await burst(pilot, *"14/6/2026", "tab", "end", "!", "tab", "space", "tab",
                    *"3/11/2026", "tab", "end", "!", "tab", "tab")  # fmt: skip
        assert screen.query_one("#worst-confidential", FlagField).query_one(Checkbox).value
        assert not screen.query_one("#last-confidential", FlagField).query_one(Checkbox).value
        assert "CONFIDENTIAL" in str(screen.query_one("#worst-title", Static).render())
        assert not any(f.has_class("-refused") for f in screen.query(BaseField))
    got = {i.which: (i.date.isoformat() if i.date else None, i.text, i.confidential)
           for i in conference(store).incidents}  # fmt: skip
    assert got == {
        "worst": ("2026-06-14", "Dad pushed Mum into the door while she held Mia!", True),
        "last": ("2026-11-03",
                 "Police called to a row in the street; the children were at school!", False),
    }  # fmt: skip


async def test_a_tick_before_the_words_are_saved_begins_the_incident_with_them(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "history")
        words = screen.query_one("#worst-text", TextField).input
        words.focus()
        words.value = "Dad pushed Mum into the door while she held Mia"  # typed, not yet left
        flag = screen.query_one("#worst-confidential", FlagField)
        flag.query_one(Checkbox).value = True  # the tick's change is handled before the words' save
        await settle(pilot)
        assert not flag.has_class("-refused") and flag.query_one(Checkbox).value is True
        await pilot.press("tab")  # the words' own save comes after
        await settle(pilot)
    [incident] = conference(store).incidents
    assert (incident.text, incident.confidential) == (
        "Dad pushed Mum into the door while she held Mia", True,
    )  # fmt: skip


async def test_a_refused_tick_keeps_the_box_and_says_why(store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(
        edits.history.set_incident, which="worst", date=None, text="Dad pushed Mum into the door"
    )
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "history")
        meeting.edit(edits.decisions.conclude)  # from another window: locked from now on
        flag = screen.query_one("#worst-confidential", FlagField)
        flag.query_one(Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        assert (
            flag.has_class("-refused") and flag.query_one(Checkbox).value is True
        )  # as the user set it
        assert status(pilot).startswith("Not saved.") and "concluded" in status(pilot)
    assert not conference(store).incidents[0].confidential


async def test_space_then_tabs_in_one_burst_ticks_the_box_it_was_typed_at(store: Store) -> None:
    """Textual looks a binding up once the key is back at the app: by then three Tabs have
    moved the focus to the next incident's box, which the Space used to tick instead."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "history")
        first, worst = (
            screen.query_one(f"#{w}-confidential", FlagField) for w in ("first", "worst")
        )
        first.query_one(Checkbox).focus()
        await pilot.pause()
        await burst(pilot, "space", "tab", "tab", "tab")
        assert worst.query_one(Checkbox).has_focus
        assert first.query_one(Checkbox).value is True
        assert worst.query_one(Checkbox).value is False
