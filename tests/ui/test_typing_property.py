"""Whatever a minute-taker types, at whatever speed, the database ends up holding what they
meant: each score on its person, each reason on its score or view, every word either filed
or still in the box it was typed into.

Hypothesis writes the scripts (tests/ui/typist.py) and the real meeting screen runs them
through Pilot, in bursts with no pause between keys. A handful of scripts run in every suite;
`pytest -m long tests/ui/test_typing_property.py` runs many more.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from textual.widgets import Input

from cpchair.store import open_store

from .helpers import burst
from .meeting_helpers import conference, in_meeting, load_demo, meeting_app
from .typist import (
    Capture,
    Decision,
    Scaling,
    Step,
    capture_script,
    decision_script,
    scaling_script,
)

PEOPLE = ["sw", "pol", "hv", "sch", "mw", "ida", "adv", "jodie", "liam", "carol"]  # who scales
VOTERS = ["sw", "pol", "hv", "sch", "mw", "ida"]
CHILDREN = ["c1", "c2", "c3"]

# In every run: a few fixed scripts, not shrunk (a failure prints its script as drawn).
QUICK = settings(max_examples=5, deadline=None, derandomize=True, database=None,
                 phases=[Phase.explicit, Phase.generate],
                 suppress_health_check=list(HealthCheck))  # fmt: skip
LONG = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


Model = Scaling | Decision | Capture
BOX = {"scaling": "#reason", "decision": "#reason", "mapping": "#capture"}


def run(stage: str, steps: list[Step], model: Model) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = load_demo(open_store(Path(folder) / "cases.db"))
        asyncio.run(_type(store, stage, steps, model))


async def _type(store: object, stage: str, steps: list[Step], model: Model) -> None:
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:  # type: ignore[arg-type]
        screen = await in_meeting(pilot, stage)
        if isinstance(model, Scaling):
            assert screen.query_one("#scores").keys() == PEOPLE  # type: ignore[attr-defined]
        before = len(conference(store).mapping)  # type: ignore[arg-type]
        queued: list[str] = []
        for step in steps:
            queued += step.keys
            if step.pause:
                await burst(pilot, *queued)
                queued = []
        await burst(pilot, *queued)
        # Words typed and not filed are still in the box they were typed into.
        box = screen.query_one(BOX[stage], Input)
        if isinstance(model, Capture):
            assert screen.focused is box and box.value == model.line
        elif model.in_box:
            assert screen.focused is box
            assert box.value == model.box
        else:
            assert screen.focused is not box
        _check(store, model, before)  # while the app runs: closing it files the box


def _check(store: object, model: Model, before: int) -> None:
    conf = conference(store)  # type: ignore[arg-type]
    if isinstance(model, Capture):
        filed = [(e.column, e.text, e.source, e.children) for e in conf.mapping[before:]]
        assert filed == model.filed
    elif isinstance(model, Scaling):
        scaling = conf.scaling
        held = {} if scaling is None else {
            s.attendee: (s.score, s.reason) for s in scaling.scores
            if s.child is None and s.danger_statement is None
        }  # fmt: skip
        meant = {who: (score, model.reasons.get(who, "")) for who, score in model.scores.items()}
        assert held == meant
    else:
        held_votes = {(v.attendee, v.child): (v.vote, v.reason) for v in conf.votes}
        assert held_votes == model.votes


@given(scaling_script(PEOPLE))
@QUICK
def test_scores_and_reasons_land_where_they_were_meant(script: tuple[list[Step], Scaling]) -> None:
    run("scaling", *script)


@given(decision_script(VOTERS, CHILDREN))
@QUICK
def test_views_and_reasons_land_where_they_were_meant(script: tuple[list[Step], Decision]) -> None:
    run("decision", *script)


@given(capture_script("past_harm"))
@QUICK
def test_capture_lines_are_filed_or_kept_as_typed(script: tuple[list[Step], Capture]) -> None:
    run("mapping", *script)


@pytest.mark.long
@given(capture_script("past_harm"))
@LONG
def test_many_scripts_of_capture_lines(script: tuple[list[Step], Capture]) -> None:
    run("mapping", *script)


@pytest.mark.long
@given(scaling_script(PEOPLE))
@LONG
def test_many_scripts_of_scores(script: tuple[list[Step], Scaling]) -> None:
    run("scaling", *script)


@pytest.mark.long
@given(decision_script(VOTERS, CHILDREN))
@LONG
def test_many_scripts_of_views(script: tuple[list[Step], Decision]) -> None:
    run("decision", *script)
