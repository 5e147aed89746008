"""Opening the live meeting of the demo review in a Pilot test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from cpchair.app import CpchairApp
from cpchair.caseio.schema import ConferenceDoc
from cpchair.demo import DEMO_REFERENCE, demo_case
from cpchair.screens.conference import ConferenceScreen
from cpchair.store import Store

TODAY = dt.date(2026, 11, 26)
REF = DEMO_REFERENCE


def load_demo(store: Store) -> Store:
    store.import_case(demo_case(TODAY))
    return store


def conference(store: Store, key: str = "rcpc1") -> ConferenceDoc:
    case = store.load_case(REF)
    assert case is not None
    return next(c for c in case.conferences if c.key == key)


def meeting_app(store: Store, conference_key: str = "rcpc1") -> CpchairApp:
    return CpchairApp(store, today=TODAY, meeting=(REF, conference_key))


async def in_meeting(pilot: Pilot[Any], stage: str | None = None) -> ConferenceScreen:
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConferenceScreen)
    if stage is not None:
        await screen.go(stage)
        await pilot.pause()
    return screen


def status(pilot: Pilot[Any]) -> str:
    return str(pilot.app.screen.query_one("#status", Static).content)
