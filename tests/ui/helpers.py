"""Small helpers for Pilot tests: settle the app, read tables and toasts as text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

DAY = dt.date(2026, 11, 26)  # a Thursday: the demo's review conference, in every UI test


async def settle(pilot: Pilot[Any]) -> None:
    """Let messages, workers and the refresh that follows them finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app: App[Any], selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def toasts(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


async def enter_text(pilot: Pilot[Any], input_: Input, text: str) -> None:
    """Put text in a field and submit it, as a person would after typing."""
    input_.focus()
    input_.value = text
    await pilot.press("enter")
    await settle(pilot)
