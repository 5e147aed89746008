"""Pictures of the live meeting: the mapping at 80x24, the wall at 160x45, the decision stage.

The clock is stopped and the conference already in progress, so nothing moves between runs.
Update after an intended change with
`uv run pytest tests/ui/test_snapshots_meeting.py --snapshot-update -n 0`, and look at the pictures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from tests.ui.meeting_helpers import REF, TODAY

NOON = dt.datetime.combine(TODAY, dt.time(10, 30))

ENTRIES = [
    ("past_harm", "Police were called to the flat in June after a fight", "fact", "pol", ["c1"]),
    ("past_harm", "Mia missed her two-year check", "fact", "hv", ["c2"]),
    ("past_harm", "Dad pushed Mum during the June fight", "allegation", "jodie", []),
    ("future_danger", "Dad may return to the flat when his bail ends", "opinion", "sw", []),
    ("complicating_factors", "Dad's drinking; Mum's low mood since the move", None, None, []),
    ("strengths", "Nan collects Ruby from school every day", "fact", "sch", ["c1"]),
    ("strengths", "Mum has kept every appointment with the IDVA", "fact", "ida", []),
    ("existing_safety", "Bail conditions keep Dad away from the flat", "fact", "pol", []),
    ("grey_areas", "Whether Dad has started the alcohol service", None, None, []),
]


# Scores for the wall's picture: each against a role, and the summary in the family's words.
SCORES = (("sw", 3), ("pol", 2), ("hv", 4), ("sch", 6), ("jodie", 7), ("carol", 5))


def _app(store: Store, *, scored: bool = False) -> CpchairApp:
    store.import_case(demo_case(TODAY))
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(edits.conference.begin)
    for column, text, nature, source, children in ENTRIES:
        meeting.edit(
            edits.mapping.add_entry,
            column=column,
            text=text,
            nature=nature,
            source=source,
            children=children,
        )
    meeting.edit(
        edits.mapping.add_entry,
        column="past_harm",
        text="A previous caution (police only)",
        confidential=True,
        source="pol",
    )
    for a, vote in (("sw", "plan"), ("pol", "plan"), ("hv", "plan"), ("sch", "child_in_need")):
        for child in ("c1", "c2", "c3"):
            meeting.edit(edits.decisions.set_vote, a, child, vote, "Reason given")
    if scored:
        for a, score in SCORES:
            meeting.edit(edits.scaling.set_score, a, score, reason="Reason given")
    return CpchairApp(store, today=TODAY, meeting=(REF, "rcpc1"), clock=lambda: NOON)


def _at(stage: str, wall: bool = False):  # type: ignore[no-untyped-def]
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.pause()
        await pilot.app.screen.go(stage)  # type: ignore[attr-defined]
        if wall:
            pilot.app.screen.action_wall()  # type: ignore[attr-defined]
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False

    return go


def test_mapping(snap_compare: Any, store: Store) -> None:
    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=_at("mapping"))


def test_wall(snap_compare: Any, store: Store) -> None:
    app = _app(store, scored=True)
    assert snap_compare(app, terminal_size=(160, 45), run_before=_at("mapping", True))


def test_decision(snap_compare: Any, store: Store) -> None:
    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=_at("decision"))


def _window(stage: str, keys: tuple[str, ...], theme: str | None = None):  # type: ignore[no-untyped-def]
    """At `stage`, the keys that open a window (and act in it), the cursor still."""

    async def go(pilot: Pilot[Any]) -> None:
        await _at(stage)(pilot)
        if theme is not None:
            pilot.app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False

    return go


def test_a_family_member_in_a_light_theme(snap_compare: Any, store: Store) -> None:
    """The focus ring in a light theme (the name field), and the window's foot with its keys."""
    editing = _window("family_network", ("enter",), "textual-light")
    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=editing)


def test_a_refused_decision(snap_compare: Any, store: Store) -> None:
    """At 80x24 the decision window's refusal and its keys stay in sight at its foot."""
    refused = _window("decision", ("d", "ctrl+s"))
    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=refused)
