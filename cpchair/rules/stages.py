"""The stages of a conference, in order, how far each has got, and the time spent in each.

DOMAIN.md, "The meeting, stage by stage". A stage's mark says what a chair glancing at the list
needs to know: nothing yet, begun, done, or something needing attention (an inquorate meeting
without the chair's recorded reason to go ahead, say). Arriving at a stage begins it; only its
work done makes it done. The family and network stage has no record of its own to finish (the
people are the case's), so it is done once the chair has been there and moved on to a later
stage with the family recorded. The clock counts only time the meeting was open in cpchair, so
a laptop closed over lunch does not inflate it.

Pure: documents and visits in, plain values out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import ChildDoc, ConferenceDoc, PersonDoc
from cpchair.rules.quorum import quorum_state
from cpchair.vocab import (
    INCIDENTS,
    STAGE_LABELS,
    STAGES,
    WORKING_WELL,
    WORRIES,
    Stage,
)

Mark = Literal["todo", "started", "done", "attention"]
MARK_SYMBOLS: dict[Mark, str] = {"todo": "·", "started": "◐", "done": "✓", "attention": "!"}
MARK_WORDS: dict[Mark, str] = {
    "todo": "not begun",
    "started": "begun",
    "done": "done",
    "attention": "needs attention",
}


Visit = tuple[str, dt.datetime, dt.datetime | None]


def stage_number(stage: str) -> int:
    return STAGES.index(stage) + 1


def label(stage: str) -> str:
    return STAGE_LABELS[stage]


def neighbour(stage: str, step: int) -> Stage:
    """The stage before (-1) or after (+1), staying at the ends."""
    i = STAGES.index(stage) + step
    return STAGES[max(0, min(len(STAGES) - 1, i))]


def _mark(done: bool, started: bool) -> Mark:
    return "done" if done else "started" if started else "todo"


def stage_marks(
    conf: ConferenceDoc,
    children: Sequence[ChildDoc],
    people: Sequence[PersonDoc],
    visited: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Mark]:
    """Each stage's mark, from what the conference holds and the stages visited (the current
    one included): a visited stage whose work is not done shows as begun."""
    marks: dict[str, Mark] = {}

    quorum = quorum_state(conf, children)
    if quorum == "inquorate" and "opening" in visited:
        marks["opening"] = "attention"
    else:
        marks["opening"] = _mark(
            conf.confidentiality_statement_read,
            bool(conf.views) or bool(conf.exclusions),
        )
    later = set(STAGES[STAGES.index("family_network") + 1 :])
    marks["family_network"] = _mark(
        "family_network" in visited and bool(later & visited) and bool(people), False
    )
    which = {i.which for i in conf.incidents}
    marks["history"] = _mark(which >= set(INCIDENTS), bool(which))

    columns = {e.column for e in conf.mapping}
    marks["mapping"] = _mark(
        bool(columns & set(WORRIES)) and bool(columns & set(WORKING_WELL)), bool(columns)
    )
    paired = {g.danger_statement for g in conf.safety_goals}
    statements = conf.danger_statements
    marks["danger_goals"] = _mark(
        bool(statements) and all(d.key in paired for d in statements),
        bool(statements) or bool(conf.safety_goals),
    )
    scaling = conf.scaling
    scored = scaling is not None and bool(scaling.scores)
    marks["scaling"] = _mark(scaling is not None and scaling.overall is not None, scored)

    subjects = {c.key for c in children if c.subject}
    decided = {d.child for d in conf.decisions}
    marks["decision"] = _mark(
        bool(subjects) and subjects <= decided, bool(conf.votes) or bool(decided)
    )
    plan = conf.plan
    marks["plan"] = _mark(
        plan is not None and bool(plan.actions) and plan.review_conference is not None,
        plan is not None and (bool(plan.actions) or bool(plan.outcomes)),
    )
    marks["close"] = _mark(conf.status == "concluded", False)
    return {stage: _begun(mark, stage in visited) for stage, mark in marks.items()}


def _begun(mark: Mark, visited: bool) -> Mark:
    return "started" if mark == "todo" and visited else mark


@dataclass(frozen=True)
class Clock:
    """The meeting's running time and the time spent in each stage."""

    total: dt.timedelta
    per_stage: dict[str, dt.timedelta]
    current: str | None  # the stage open now, if any
    in_current: dt.timedelta  # time in the current visit
    stopped: bool = False  # the conference is concluded: the times are final


def meeting_clock(
    visits: Sequence[Visit], now: dt.datetime, stopped_at: dt.datetime | None = None
) -> Clock:
    """The time spent, counting an open visit up to `now`. A concluded meeting's clock stops
    at `stopped_at` (when it was concluded): nothing after it counts and no stage is open."""
    per_stage: dict[str, dt.timedelta] = {}
    current, in_current = None, dt.timedelta()
    for stage, start, end in visits:
        stop = end or now
        if stopped_at is not None:
            stop = min(stop, stopped_at)
        spent = max(stop - start, dt.timedelta())
        per_stage[stage] = per_stage.get(stage, dt.timedelta()) + spent
        if end is None and stopped_at is None:
            current, in_current = stage, spent
    total = sum(per_stage.values(), dt.timedelta())
    return Clock(total, per_stage, current, in_current, stopped=stopped_at is not None)


def show_duration(span: dt.timedelta) -> str:
    """12:04 for minutes and seconds; 1:02:30 past the hour."""
    seconds = int(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def show_minutes(span: dt.timedelta) -> str:
    """A stage's time in the list: '', '<1m', '12m', '1h05'."""
    minutes = int(span.total_seconds() // 60)
    if span.total_seconds() <= 0:
        return ""
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h{minutes % 60:02}"
