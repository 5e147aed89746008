"""Opening the case file: its first frame shows the case, read as the screen is built (its
outline, not every conference whole), and keys typed as it opens land in it."""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from cpchair.app import CpchairApp
from cpchair.screens.case_file import CaseFileScreen
from cpchair.screens.conference_setup import ConferenceSetupScreen
from cpchair.store import Store
from tests.builders import many_conferences

from .helpers import DAY, burst, rows, settle
from .test_case_file import field


def app_with_many(store: Store) -> CpchairApp:
    store.import_case(many_conferences(DAY))
    return CpchairApp(store, today=DAY)


async def test_the_first_frame_shows_the_case_without_waiting_for_a_worker(
    store: Store,
) -> None:
    app = app_with_many(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(CaseFileScreen("DEMO-0001"))  # until mounted, no longer
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        assert not [w for w in app.workers if w.group == "case-file"]  # none was needed
        assert screen.sub_title == "DEMO-0001 · Hadley"
        assert field(screen, "Lead social worker").input.value == "Priya Nandra"
        table = rows(app, "#conferences-table")
        assert len(table) == 20
        assert table[0][1:3] == ["Initial", "Concluded"]  # oldest first
        assert table[-1][1:4] == ["Review", "Prepared", "Alan Fairbairn"]
        assert [r[0] for r in rows(app, "#children-table")][:2] == ["Ruby Hadley", "Mia Hadley"]


async def test_a_change_saved_in_the_case_file_is_read_back_into_it(store: Store) -> None:
    app = app_with_many(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(CaseFileScreen("DEMO-0001"))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        store.update_case("DEMO-0001", family_name="Hadley-Carver")  # as another window would
        screen.reload()
        await settle(pilot)
        assert screen.sub_title == "DEMO-0001 · Hadley-Carver"
        assert field(screen, "Family name").input.value == "Hadley-Carver"
        assert len(rows(app, "#conferences-table")) == 20


async def test_keys_typed_as_the_case_opens_land_in_it(store: Store) -> None:
    app = app_with_many(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Open the case, along the tabs to its conferences, into the list, the second one.
        await burst(pilot, "enter", "right", "right", "right", "down", "down", "enter")
        assert isinstance(app.screen, ConferenceSetupScreen)
        assert app.screen.conference == "k01"
        case_file = app.screen_stack[-2]
        assert isinstance(case_file, CaseFileScreen)
        assert case_file.query_one("#tabs", TabbedContent).active == "conferences"
        assert case_file.query_one("#conferences-table", DataTable).cursor_row == 1
