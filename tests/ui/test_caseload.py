"""The first screen: the caseload, against a throwaway database."""

from __future__ import annotations

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.store import Store


async def test_caseload_lists_the_cases(store: Store) -> None:
    store.import_case(demo_case())
    app = CpchairApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#cases")
        assert table.row_count == 1
        assert table.get_row("DEMO-0001")[0] == "DEMO-0001"
        assert not app.screen.query_one("#empty").display


async def test_empty_caseload_says_how_to_start(store: Store) -> None:
    app = CpchairApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#cases").row_count == 0
        hint = app.screen.query_one("#empty")
        assert hint.display and "cpchair demo" in str(hint.render())
