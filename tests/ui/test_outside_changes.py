"""Changes made outside the window (the CLI, a second window, a second seat) show in the open
screens without a key pressed, and never disturb what is being typed there."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from cpchair.app import CpchairApp, WallApp
from cpchair.demo import demo_case
from cpchair.screens.case_file import CaseFileScreen
from cpchair.screens.caseload import CaseloadScreen
from cpchair.screens.conference import GONE
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.fields import TextField
from cpchair.widgets.mapping_board import MappingBoard

from .helpers import burst, rows, settle
from .meeting_helpers import REF, TODAY, conference, in_meeting, load_demo, meeting_app, status

OUTSIDE = "Brought up to date with a change made outside this window."


async def until(pilot: Pilot[Any], seen: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `seen()`: the watch thread's news arrives in its own time."""
    for _ in range(int(seconds / 0.02)):
        if seen():
            await settle(pilot)
            return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("not seen in time")


def elsewhere(store: Store) -> Meeting:
    """The same conference as another window or process holds it: not this app's store."""
    return Meeting(Store(store.path), REF, "rcpc1")


def on_board(pilot: Pilot[Any]) -> list[str]:
    return [entry.text for _id, entry in pilot.app.screen.query_one(MappingBoard).entries()]


def wall_shows(app: WallApp, text: str) -> bool:
    return text in app.export_screenshot().replace("&#160;", " ")


async def test_an_entry_made_elsewhere_joins_the_board_and_the_typed_line_stays(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        await burst(pilot, *"d: Dad half-typed")
        elsewhere(store).edit(
            edits.mapping.add_entry, column="future_danger", text="Filed by the second seat"
        )
        await until(pilot, lambda: "Filed by the second seat" in on_board(pilot))
        assert box.value == "d: Dad half-typed" and box.has_focus
        assert status(pilot) == OUTSIDE
        # The typist carries on: the line lands whole, after the other entry.
        await burst(pilot, *" and more", "enter")
    texts = [e.text for e in conference(store).mapping]
    assert texts == ["Filed by the second seat", "Dad half-typed and more"]


async def test_this_window_s_own_entries_are_never_taken_for_someone_else_s(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        reloads: list[int] = []
        real = screen.reload
        screen.reload = lambda: (reloads.append(1), real())[1]  # type: ignore[method-assign]
        await burst(pilot, *"s: one", "enter", *"s: two", "enter")
        await asyncio.sleep(0.2)  # the watch has seen both commits by now
        await settle(pilot)
        assert reloads == []
        assert status(pilot) != OUTSIDE
    assert [e.text for e in conference(store).mapping] == ["one", "two"]


async def test_a_conference_deleted_elsewhere_is_said_and_nothing_crashes(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        Store(store.path).delete_case(REF)
        await until(pilot, lambda: status(pilot) == GONE)
        box = screen.query_one("#capture", DraftInput)
        box.value = "s: typed after"
        await pilot.press("enter")
        assert box.value == "s: typed after"  # refused, and kept
        assert pilot.app.is_running


async def test_the_wall_in_a_second_window_follows_each_change(store: Store) -> None:
    load_demo(store)
    app = WallApp(store, REF, "rcpc1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = elsewhere(store)
        for n in range(3):
            other.edit(edits.mapping.add_entry, column="strengths", text=f"Nan visits {n}")
            await until(pilot, lambda n=n: wall_shows(app, f"Nan visits {n}"))


async def test_the_caseload_shows_a_case_imported_elsewhere(store: Store) -> None:
    load_demo(store)
    async with CpchairApp(store, today=TODAY).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, CaseloadScreen)
        other = demo_case(TODAY).model_copy(update={"reference": "OTHER-7"})
        Store(store.path).import_case(other)
        await until(pilot, lambda: len(rows(pilot.app, "#cases")) == 2)
        Store(store.path).delete_case("OTHER-7")
        await until(pilot, lambda: len(rows(pilot.app, "#cases")) == 1)


async def test_the_case_file_shows_a_change_elsewhere_but_keeps_a_field_being_typed(
    store: Store,
) -> None:
    load_demo(store)
    async with CpchairApp(store, today=TODAY).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(CaseFileScreen(REF))
        await settle(pilot)
        screen = pilot.app.screen
        fields = {f.label: f for f in screen.query(TextField)}
        team = fields["Team"].input
        team.focus()
        team.value = "Half-typed team"
        Store(store.path).update_case(REF, family_name="Renamed", lead_social_worker_team="X")
        await until(pilot, lambda: fields["Family name"].input.value == "Renamed")
        assert team.value == "Half-typed team" and team.has_focus
        said = str(screen.query_one("#status", Static).content)
        assert said == OUTSIDE
