"""Two seats, one record: a field changed by the other seat while this one's editor is open is
not overwritten silently. The save is refused with their words shown, the typed text stays, and
saving again puts it in place of theirs (store/stale.py, dialogs/record.py)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.case_file import CaseFileScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import TextField
from cpchair.widgets.mapping_board import MappingBoard

from .helpers import DAY, settle
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app

THEIRS = "Nan has the girls on Tuesdays and collects them from school every week without fail"
MINE = "Nan has the girls on Tuesdays and Thursdays"


def field(editor: RecordEditor, label: str) -> TextField:
    return next(f for f in editor.query(TextField) if f.label == label)


def said(widget: Static) -> str:
    return str(widget.render())


async def test_a_mapping_entry_changed_meanwhile_is_refused_then_saved_again(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")  # the minute-taker's seat
    entry = other.edit(edits.mapping.add_entry, column="strengths", text="Nan helps").value
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        screen.query_one(MappingBoard).focus()
        await pilot.press("s", "enter")  # the strengths column, its card's editor
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        words = field(editor, "What was said")
        other.edit(edits.mapping.update_entry, entry, text=THEIRS)  # behind its back
        words.input.focus()
        words.input.value = MINE
        await pilot.press("tab")  # left: saved, or refused
        await settle(pilot)
        shown = said(words.query_one(".field-error", Static))
        foot = said(editor.query_one("#status", Static))
        for message in (shown, foot):
            assert "Changed meanwhile by someone else" in message
            assert '"Nan has the girls on Tuesdays and collects them from school…"' in message
        assert foot.startswith("Not saved: what was said.")
        assert words.input.value == MINE  # what was typed is still there
        assert [e.text for e in conference(store).mapping] == [THEIRS]  # theirs, untouched
        words.input.focus()
        await pilot.press("enter")  # saved again, knowing theirs: it goes through
        await settle(pilot)
        assert [e.text for e in conference(store).mapping] == [MINE]
        assert not words.has_class("-refused")
        assert said(editor.query_one("#status", Static)) == "Saved: what was said."


async def open_child(pilot: Pilot[Any], row: int) -> RecordEditor:
    app = pilot.app
    app.push_screen(CaseFileScreen(REF))
    await settle(pilot)
    app.screen.query_one("#tabs", TabbedContent).active = "children"
    await settle(pilot)
    table = app.screen.query_one("#children-table", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.press("enter")
    await settle(pilot)
    editor = app.screen
    assert isinstance(editor, RecordEditor)
    return editor


async def test_escape_after_a_refusal_asks_and_keeps_theirs(store: Store) -> None:
    store.import_case(demo_case(DAY))
    async with CpchairApp(store, today=DAY).run_test(size=(80, 24)) as pilot:
        editor = await open_child(pilot, 0)  # Ruby
        name = field(editor, "Interpreter")
        store.update_child(REF, "c1", interpreter_language="Polish")  # the other seat
        name.input.focus()
        name.input.value = "Romanian"
        await pilot.press("tab")
        await settle(pilot)
        assert 'it now reads "Polish"' in said(name.query_one(".field-error", Static))
        await pilot.press("escape")  # closing is no deliberate save over theirs: it asks
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")  # back to the field, the text still there
        await settle(pilot)
        assert pilot.app.screen is editor and name.input.value == "Romanian"
        await pilot.press("escape", "y")  # and let go: theirs stays
        await settle(pilot)
        assert not isinstance(pilot.app.screen, RecordEditor)
    child = store.load_case(REF).children[0]  # type: ignore[union-attr]
    assert child.interpreter_language == "Polish"


async def test_a_change_to_another_field_meanwhile_saves_as_ever(store: Store) -> None:
    store.import_case(demo_case(DAY))
    async with CpchairApp(store, today=DAY).run_test(size=(80, 24)) as pilot:
        editor = await open_child(pilot, 0)
        store.update_child(REF, "c1", interpreter_language="Polish")  # another field
        last = field(editor, "Last name")
        last.input.focus()
        last.input.value = "Hadley-Carver"
        await pilot.press("enter")
        await settle(pilot)
        assert not last.has_class("-refused")
    child = store.load_case(REF).children[0]  # type: ignore[union-attr]
    assert (child.last_name, child.interpreter_language) == ("Hadley-Carver", "Polish")
