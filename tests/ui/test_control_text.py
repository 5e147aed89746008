"""Case text held from before the import refused control characters (or written by another
program) never reaches the terminal as one, and never reads as markup. A database is planted
with escape sequences and bells straight in SQL, past every check, and then walked: the
caseload, the case file, the meeting's stages, their windows and the wall."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text as sql
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TabbedContent

from cpchair.app import CpchairApp, WallApp
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.case_file import CaseFileScreen
from cpchair.screens.stages.dangers import PairTable
from cpchair.screens.wall import WallScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting

from .helpers import settle
from .meeting_helpers import REF, TODAY, in_meeting, load_demo, meeting_app

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # a new line only between lines
ODD_REF = "DEMO\x1b[31m-0001"  # a reference from before the rules: shown as DEMO[31m-0001


def bad(word: str) -> str:
    """Case text as a broken or hostile program could have written it: a colour escape, a
    bell, and markup that would style it or (the lone [/]) crash a screen that read it."""
    return f"{word}\x1b[31m[bold red]{word}[/] [/]\x07"


def shown(word: str) -> str:
    """The same text as every screen must show it: no control character, brackets as typed."""
    return f"{word}[31m[bold red]{word}[/] [/]"


def plant(store: Store) -> None:
    """Hostile text in every kind of place a screen shows, written behind the store's back."""
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(edits.mapping.add_entry, column="past_harm", text="ENTRY")
    meeting.edit(edits.history.add_view, whose="nan", how="in_person", summary="VIEW")
    rcpc1 = "(SELECT id FROM conference WHERE key = 'rcpc1')"
    with store.writing() as s:
        for statement, value in [
            ('UPDATE "case" SET family_name = :v', bad("Fam")),
            ('UPDATE "case" SET lead_social_worker = :v', bad("Lead")),
            ("UPDATE child SET first_name = :v WHERE key = 'c1'", bad("Ruby")),
            ("UPDATE person SET name = :v WHERE key = 'nan'", bad("Nan")),
            ("UPDATE attendee SET name = :v WHERE key = 'sw'", bad("Priya")),
            # Several lines and a tab: the lines and the tab stay, the escapes go.
            ("UPDATE mappingentry SET text = :v WHERE text = 'ENTRY'",
             "Line\x1b[2J one\n\tTwo " + bad("Entry")),
            ("UPDATE view SET summary = :v WHERE summary = 'VIEW'", bad("View")),
            (f"UPDATE dangerstatement SET text = :v WHERE id = "
             f"(SELECT min(id) FROM dangerstatement WHERE conference_id = {rcpc1})",
             bad("Danger")),
            (f"UPDATE safetygoal SET text = :v WHERE id = "
             f"(SELECT min(id) FROM safetygoal WHERE conference_id = {rcpc1})", bad("Goal")),
        ]:  # fmt: skip
            s.execute(sql(statement), {"v": value})


def screen_text(pilot: Pilot[Any]) -> str:
    """Every character the screen sends to the terminal, line by line (styles aside)."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def clean(pilot: Pilot[Any], *expected: str) -> str:
    """The screen holds no control character and shows each expected text as it is."""
    text = screen_text(pilot)
    assert CONTROL.search(text) is None, repr(CONTROL.search(text))
    for words in expected:
        assert words in text, f"{words!r} not on the screen"
    return text


async def test_the_caseload_and_the_case_file_show_text_as_text(store: Store) -> None:
    plant(store)
    with store.writing() as s:
        s.execute(sql('UPDATE "case" SET reference = :v'), {"v": ODD_REF})
    app = CpchairApp(store, today=TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        clean(pilot, "DEMO[31m-0001", shown("Fam"), shown("Ruby"))  # the row and its detail
        await pilot.press("enter")  # the reference as shown still finds its case
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        clean(pilot, f"DEMO[31m-0001 · {shown('Fam')}")  # the header
        values = [box.value for box in screen.query(Input)]
        assert shown("Fam") in values and shown("Lead") in values
        tabs = screen.query_one(TabbedContent)
        for tab, table, words in [
            ("children", "#children-table", shown("Ruby")),
            ("people", "#people-table", shown("Nan")),
        ]:
            tabs.active = tab
            await settle(pilot)
            clean(pilot, words)
            cells = [str(c) for row in screen.query_one(table, DataTable).ordered_rows
                     for c in screen.query_one(table, DataTable).get_row(row.key)]  # fmt: skip
            assert any(words in cell for cell in cells)
        tabs.active = "people"
        await settle(pilot)
        await pilot.press("tab", "down", "down", "enter")  # the grandmother, in her window
        await settle(pilot)
        assert isinstance(app.screen, RecordEditor)
        clean(pilot)
        assert shown("Nan") in [box.value for box in app.screen.query(Input)]


async def test_the_meeting_and_the_wall_show_text_as_text(store: Store) -> None:
    plant(store)
    async with meeting_app(store).run_test(size=(160, 50)) as pilot:
        screen = await in_meeting(pilot, "opening")
        await settle(pilot)
        clean(pilot, shown("Priya"), shown("View"))
        await pilot.press("enter")  # Priya's line in the register, in its window
        await settle(pilot)
        assert isinstance(pilot.app.screen, RecordEditor)
        clean(pilot)
        assert shown("Priya") in [box.value for box in pilot.app.screen.query(Input)]
        await pilot.press("escape")
        await settle(pilot)

        for stage, words in [
            ("family_network", [shown("Nan")]),
            ("mapping", ["Line[2J one", "Entry[31m[bold red]Entry[/]"]),  # wrapped
            ("danger_goals", [shown("Danger")]),
            ("history", []),
            ("scaling", ["Priya[31m[bold red"]),  # cut by its column
            ("decision", [shown("Ruby")]),
            ("plan", [shown("Ruby")]),
            ("close", [shown("Ruby")]),
        ]:
            await screen.go(stage)
            await settle(pilot)
            clean(pilot, *words)

        await screen.go("danger_goals")
        await settle(pilot)
        table = screen.query_one("#pairs", PairTable)
        keys = [str(r.key.value) for r in table.ordered_rows]
        table.focus()
        table.move_cursor(row=next(i for i, k in enumerate(keys) if k.startswith("goal:")))
        await pilot.press("x")  # the question quotes how the goal begins
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmModal)
        clean(pilot, "Goal[31m")
        await pilot.press("n")
        await settle(pilot)

        await screen.go("mapping")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WallScreen)
        clean(pilot, shown("Fam"), "Line[2J one", shown("Entry"), shown("Danger"))

    # What the meeting reads keeps the lines and the tab of a text of several lines.
    doc = store.load_case(REF)
    assert doc is not None
    [entry] = [e for c in doc.conferences for e in c.mapping if "Entry" in e.text]
    assert entry.text == "Line[2J one\n\tTwo " + shown("Entry")


async def test_the_wall_on_its_own_shows_text_as_text(store: Store) -> None:
    plant(store)
    app = WallApp(store, REF, "rcpc1")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        clean(pilot, shown("Fam"), "Line[2J one", shown("Entry"), shown("Danger"))
