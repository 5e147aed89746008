"""Case text is data, never markup: a name with square brackets shows as typed in every list
of choices (the attendee, view and exclusion editors, the decision grid) and crashes nothing."""

from __future__ import annotations

from textual.widgets import Select, SelectionList, Static
from textual.widgets._select import SelectCurrent, SelectOverlay

from cpchair.dialogs.record import RecordEditor
from cpchair.screens.stages.opening import OpeningPanel
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import BaseField

from .helpers import settle
from .meeting_helpers import REF, in_meeting, load_demo, meeting_app

CRASH = "Carol Hadley [red]X[/red] [/]"  # a closing tag with nothing to close
AKA = "Carol Hadley [AKA Nan]"  # words that markup would swallow
CHILD = "Ruby [b]Rose[/b] [/]"


def field(editor: RecordEditor, label: str) -> BaseField:
    return next(f for f in editor.query(BaseField) if f.label == label)


def shown(select: Select[object]) -> str:
    """What the closed choice shows."""
    return str(select.query_one(SelectCurrent).query_one("#label", Static).render())


async def offered(pilot: object, select: Select[object]) -> list[str]:
    """Open the choice's list, as Enter would, and read each option as it is drawn."""
    select.expanded = True
    await settle(pilot)  # type: ignore[arg-type]
    overlay = select.query_one(SelectOverlay)
    lines = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
    select.expanded = False
    await settle(pilot)  # type: ignore[arg-type]
    return lines


def name_everyone(store: Store, name: str) -> None:
    """The grandmother (family member and attendee) and Ruby renamed; set, not typed."""
    store.update_person(REF, "nan", name=name)
    store.update_attendee(REF, "rcpc1", "carol", name=name)
    store.update_child(REF, "c1", first_name=CHILD)


async def test_a_bracketed_name_in_the_attendee_editor(store: Store) -> None:
    load_demo(store)
    for name in (CRASH, AKA):
        name_everyone(store, name)
        async with meeting_app(store).run_test(size=(100, 40)) as pilot:
            await in_meeting(pilot)
            await pilot.press(*["down"] * 11, "enter")  # the grandmother
            await settle(pilot)
            editor = pilot.app.screen
            assert isinstance(editor, RecordEditor)
            family = field(editor, "Family member").query_one(Select)
            assert shown(family) == name
            assert name in await offered(pilot, family)
            contact = field(editor, "Direct contact with").query_one(SelectionList)
            assert str(contact.get_option_at_index(0).prompt).startswith(CHILD + " (")


async def test_a_bracketed_name_in_the_view_and_exclusion_editors(store: Store) -> None:
    load_demo(store)
    name_everyone(store, CRASH)
    Meeting(store, REF, "rcpc1").edit(
        edits.history.add_view, whose="nan", how="in_person", summary="Worried"
    )
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        panel = screen.query_one(OpeningPanel)
        panel.query_one("#views").focus()
        await pilot.press("enter")  # her view
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        whose = field(editor, "Whose view").query_one(Select)
        assert shown(whose) == CRASH
        assert {CRASH, f"{CHILD} (child)"} <= set(await offered(pilot, whose))
        await pilot.press("escape")
        await settle(pilot)
        panel.query_one("#register").focus()
        await pilot.press(*["down"] * 11, "x")  # excluded: the exclusion editor, her preset
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        who = field(editor, "Who").query_one(Select)
        assert shown(who) == CRASH
        assert CRASH in await offered(pilot, who)


async def test_a_bracketed_child_name_heads_the_decision_grid(store: Store) -> None:
    load_demo(store)
    name_everyone(store, CRASH)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one("#grid")
        labels = [str(c.label) for c in grid.columns.values()]  # type: ignore[attr-defined]
        assert CHILD in labels
