"""The case file's Audit tab: the case's changes, newest first, and whether the trail holds."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.screens.case_file import CaseFileScreen
from cpchair.store import Store, audit
from tests.ui.helpers import DAY, rows, settle

REF = "DEMO-0001"


@pytest.fixture(autouse=True)
def _chair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "who", lambda: "Chair One")


def app_for(store: Store) -> CpchairApp:
    store.import_case(demo_case(DAY))
    return CpchairApp(store, today=DAY)


async def audit_tab(pilot: Pilot[Any]) -> CaseFileScreen:
    pilot.app.push_screen(CaseFileScreen(REF))
    await settle(pilot)
    pilot.app.screen.query_one("#tabs", TabbedContent).active = "audit"
    await settle(pilot)
    return pilot.app.screen  # type: ignore[return-value]


def state(screen: CaseFileScreen) -> str:
    return str(screen.query_one("#audit-state", Static).render())


def what_column(pilot: Pilot[Any]) -> list[str]:
    return [row[3] for row in rows(pilot.app, "#audit-table")]


async def test_the_audit_tab_lists_the_cases_changes_newest_first(store: Store) -> None:
    app = app_for(store)
    store.update_child(REF, "c1", first_name="Zebedee")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await audit_tab(pilot)
        table = rows(app, "#audit-table")
        assert [row[0] for row in table] == ["2", "1"]
        assert [row[2:] for row in table] == [
            ["Chair One", "child updated: first name"],
            ["Chair One", "case imported"],
        ]
        assert "Zebedee" not in " ".join(" ".join(row) for row in table)
        assert state(screen) == "2 changes recorded here, newest first. The audit trail is intact."
        await pilot.press("a", "x")  # nothing to add or remove here
        await settle(pilot)
        assert app.screen is screen and not screen.check_action("add", ())


async def test_an_edit_in_another_tab_shows_when_the_audit_tab_is_opened(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await audit_tab(pilot)
        assert what_column(pilot) == ["case imported"]
        screen.query_one("#tabs", TabbedContent).active = "details"
        await settle(pilot)
        store.update_case(REF, lead_social_worker="A Worker")  # as a field saved there does
        screen.query_one("#tabs", TabbedContent).active = "audit"
        await settle(pilot)
        assert what_column(pilot) == ["case updated: lead social worker", "case imported"]


async def test_a_change_made_outside_shows_on_the_open_audit_tab(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await audit_tab(pilot)
        Store(store.path).update_case(REF, family_name="Other")  # another window's store
        for _ in range(250):  # the watch thread's news arrives in its own time
            if len(what_column(pilot)) == 2:
                break
            await asyncio.sleep(0.02)
            await pilot.pause()
        await settle(pilot)
        assert what_column(pilot) == ["case updated: family name", "case imported"]


async def test_a_broken_trail_is_said_on_the_tab(store: Store) -> None:
    app = app_for(store)
    store.update_case(REF, family_name="Other")
    with closing(sqlite3.connect(store.path, isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET who = 'Someone Else' WHERE id = 1")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await audit_tab(pilot)
        assert state(screen).startswith("The audit trail is broken at line 1:")
        assert screen.query_one("#audit-state").has_class("broken")
