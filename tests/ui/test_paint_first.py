"""Start-up paints first and loads after (start.py): the caseload's kept first page shows
while the store is still opening, and keys typed meanwhile wait for it, in order."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from cpchair import first_page
from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.opening import OpenFailed, StoreOpening
from cpchair.screens.caseload import PAGE
from cpchair.store import Store
from tests.ui.helpers import DAY, rows, send_keys, settle, until_typed


class HeldOpening(StoreOpening):
    """Opens only when the test says so, as a slow machine would."""

    def __init__(self, path: Path, fail: str | None = None) -> None:
        super().__init__(path, None)
        self.go = threading.Event()
        self._fail = fail

    def _open(self, then: Callable[[], None]) -> None:
        self.go.wait(30)
        if self._fail is None:
            super()._open(then)
            return
        self._failure = OpenFailed(self._fail)
        self._done.set()
        then()


def kept(store: Store, db_file: Path) -> None:
    store.import_case(demo_case(DAY))
    store.create_case("T-001", "Ashworth")
    store.first_page(PAGE, DAY)
    store.engine.dispose()


async def test_the_kept_page_shows_at_once_and_keys_typed_meanwhile_land_in_order(
    store: Store, db_file: Path
) -> None:
    kept(store, db_file)
    opening = HeldOpening(db_file)
    app = CpchairApp(opening, first=first_page.read(db_file, None, DAY), today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [r[0] for r in rows(app, "#cases")] == ["DEMO-0001", "T-001"]
        assert not opening.ready
        send_keys(pilot, "slash", "a", "s", "h")  # typed before the store is open
        for _ in range(5):
            await pilot.pause()
        box = app.screen.query_one("#filter", Input)
        assert box.value == ""  # held, not lost
        assert app.key_gate.handing_on
        opening.go.set()
        await until_typed(pilot)
        assert box.value == "ash"
        assert [r[0] for r in rows(app, "#cases")] == ["T-001"]


async def test_without_a_kept_page_the_rows_come_when_the_store_opens(
    store: Store, db_file: Path
) -> None:
    kept(store, db_file)
    opening = HeldOpening(db_file)
    app = CpchairApp(opening, first=None, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(app, "#cases") == []
        opening.go.set()
        await settle(pilot)
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["DEMO-0001", "T-001"]


async def test_a_database_that_cannot_be_opened_closes_the_app_saying_nothing_of_cases(
    store: Store, db_file: Path
) -> None:
    kept(store, db_file)
    opening = HeldOpening(db_file, fail="The database file could not be read.")
    app = CpchairApp(opening, first=first_page.read(db_file, None, DAY), today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        opening.go.set()
        await settle(pilot)
    assert app.return_code == 1
    assert isinstance(opening.failure, OpenFailed)


async def test_quitting_from_a_changed_case_keeps_the_first_page_for_the_next_start(
    store: Store, db_file: Path
) -> None:
    kept(store, db_file)
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("T-001")
        await settle(pilot)
        store.update_case("T-001", family_name="Ashworth-Lee")  # as the case file would
        assert first_page.read(db_file, None, DAY) is None  # the kept page is out of date
        await pilot.press("ctrl+q")
        await settle(pilot)
    page = first_page.read(db_file, None, DAY)
    assert page is not None
    assert [r.family_name for r in page.rows] == ["Hadley", "Ashworth-Lee"]


async def test_a_page_kept_yesterday_loses_its_pending_marks_even_with_no_flags(
    store: Store, db_file: Path
) -> None:
    store.create_case("T-001", "Ashworth")  # nothing booked: no flags, today or yesterday
    store.first_page(PAGE, DAY)
    store.engine.dispose()
    tomorrow = DAY + dt.timedelta(days=1)
    first = first_page.read(db_file, None, tomorrow)
    assert first is not None and first.flags_pending
    opening = HeldOpening(db_file)
    app = CpchairApp(opening, first=first, today=tomorrow)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(app, "#cases")[0][3] == "…"
        opening.go.set()
        await until_typed(pilot)
        await settle(pilot)
        assert rows(app, "#cases") == [["T-001", "Ashworth", "none booked", ""]]


async def test_the_month_last_counted_shows_in_the_first_frame_marked_until_counted_again(
    store: Store, db_file: Path
) -> None:
    from cpchair.widgets.month_line import MonthLine

    kept(store, db_file)
    store = Store(db_file)
    store.caseload_month(DAY)  # the demo's review today, its reports late
    store.engine.dispose()
    tomorrow = DAY + dt.timedelta(days=1)
    first = first_page.read(db_file, None, tomorrow)
    assert first is not None and first.month is not None and first.month.pending
    opening = HeldOpening(db_file)
    app = CpchairApp(opening, first=first, today=tomorrow)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(MonthLine)
        assert str(line.render()) == (
            "This week: 1 conference · This month: 1 conference\n"
            "Overdue: late reports for 1 conference · (counted Thu 26 Nov; counting again…)"
        )
        assert line.has_class("-pending")
        opening.go.set()
        await until_typed(pilot)
        await settle(pilot)
        # Counted afresh on Friday: the review booked for Thursday was not held, so it is
        # no longer to come, and the review it was for is overdue (as the flags say).
        assert str(line.render()) == (
            "This week: nothing due · This month: nothing due\n"
            "Overdue: 1 review, late reports for 1 conference"
        )
        assert not line.has_class("-pending")
