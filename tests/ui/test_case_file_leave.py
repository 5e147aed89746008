"""Leaving the case file with a detail whose save was refused: it asks first, as a record
editor does, and never saves the typed text over the other seat's on the way out."""

from __future__ import annotations

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.store import Store
from cpchair.widgets.fields import TextField

from .helpers import DAY, case_file, settle

REF = "DEMO-0001"


async def test_escape_after_a_refused_detail_asks_and_keeps_theirs(store: Store) -> None:
    store.import_case(demo_case(DAY))
    async with CpchairApp(store, today=DAY).run_test(size=(80, 24)) as pilot:
        screen = await case_file(pilot, REF)
        family = screen.query_one("#field-family", TextField)
        family.input.focus()
        family.input.value = "Hadley-Okafor"
        store.update_case(REF, family_name="Hadley-Carver")  # the other seat, meanwhile
        await pilot.press("tab")
        await settle(pilot)
        assert family.has_class("-refused")

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmModal)  # asked, not left
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is screen and family.input.value == "Hadley-Okafor"

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.screen is not screen
        assert store.load_case(REF).family_name == "Hadley-Carver"  # type: ignore[union-attr]


async def test_escape_with_nothing_refused_leaves_at_once(store: Store) -> None:
    store.import_case(demo_case(DAY))
    async with CpchairApp(store, today=DAY).run_test(size=(80, 24)) as pilot:
        screen = await case_file(pilot, REF)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is not screen
