"""Small helpers for Pilot tests: settle the app, read tables and toasts as text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

DAY = dt.date(2026, 11, 26)  # a Thursday: the demo's review conference, in every UI test


async def settle(pilot: Pilot[Any]) -> None:
    """Let messages, workers and the refresh that follows them finish. A worker replaced by
    a newer one of its group (a change made elsewhere reads the caseload again) is let go."""
    from textual.worker import WorkerCancelled

    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    flush_writes(pilot)
    await pilot.pause()


def flush_writes(pilot: Pilot[Any]) -> None:
    """Wait for the writes a meeting has queued (store/queue.py); their outcomes reach the
    screen with the next pause."""
    for screen in pilot.app.screen_stack:
        meeting = getattr(screen, "meeting", None)
        writes = getattr(meeting, "writes", None)
        if writes is not None:
            writes.flush()


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


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the first is handled (pilot.press
    lets each settle first), then let everything finish."""
    send_keys(pilot, *keys)
    await until_typed(pilot)


def send_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Keys queued as the terminal would send them, without waiting for any of them."""
    import unicodedata

    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def until_typed(pilot: Pilot[Any]) -> None:
    """Wait until the app has handed on every key it was holding, then settle."""
    import asyncio

    gate = getattr(pilot.app, "key_gate", None)
    for _ in range(3):
        await settle(pilot)
        while gate is not None and gate.handing_on:
            await asyncio.sleep(0.005)
    await settle(pilot)


async def case_file(pilot: Pilot[Any], reference: str) -> Any:
    """The case file of `reference`, opened over the caseload and settled."""
    from cpchair.screens.case_file import CaseFileScreen

    screen = CaseFileScreen(reference)
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen
