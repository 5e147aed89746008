"""Pictures of the key screens at 80x24, compared with the reviewed ones in __snapshots__.

Update after an intended change with
`uv run pytest tests/ui/test_snapshots.py --snapshot-update -n 0`
and look at the new pictures before committing them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.screens.case_file import CaseFileScreen
from cpchair.store import Store
from tests.ui.helpers import DAY


async def _still(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


def _app(store: Store) -> CpchairApp:
    store.import_case(demo_case(DAY))
    store.create_case("LA-2291", "Okafor")
    store.add_child("LA-2291", first_name="Tomi", last_name="Okafor",
                    date_of_birth=DAY.replace(year=2015), subject=True)  # fmt: skip
    return CpchairApp(store, today=DAY)


def test_caseload(snap_compare: Any, store: Store) -> None:
    app = _app(store)
    # A review never held, 40 days ago: two flags, a line each, sorted first.
    doc = demo_case(DAY - dt.timedelta(days=40))
    store.import_case(doc.model_copy(update={"reference": "OVR-0001", "family_name": "Ashworth"}))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_still)


def test_case_file_children(snap_compare: Any, store: Store) -> None:
    async def children_tab(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(CaseFileScreen("DEMO-0001"))
        await _still(pilot)
        pilot.app.screen.query_one("#tabs", TabbedContent).active = "children"
        await _still(pilot)

    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=children_tab)


def test_case_file_details(snap_compare: Any, store: Store) -> None:
    async def details(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(CaseFileScreen("DEMO-0001"))
        await _still(pilot)

    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=details)


def test_case_file_scaling_over_time(snap_compare: Any, store: Store) -> None:
    """The chart of the overall scale, conference by conference, with its numbers."""
    from cpchair.store import edits
    from cpchair.store.meeting import Meeting

    app = _app(store)
    review = Meeting(store, "DEMO-0001", "rcpc1")
    for key, score in (("sw", 4), ("pol", 3), ("hv", 5), ("jodie", 7)):
        review.edit(edits.scaling.set_score, key, score, reason="")
    review.edit(edits.scaling.set_overall, 4, dt.datetime.combine(DAY, dt.time(11, 30)))

    async def trend_tab(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(CaseFileScreen("DEMO-0001"))
        await _still(pilot)
        pilot.app.screen.query_one("#tabs", TabbedContent).active = "trend"
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=trend_tab)
