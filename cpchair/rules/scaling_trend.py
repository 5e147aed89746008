"""The scaling over time: each conference's overall scale, conference by conference.

For each conference of a case that scaled (scores on the overall scale, or the chair's overall
grading): its date and kind, the lowest, median and highest score, the family's median and
the professionals' median (as `scaling.summarise` counts them: the child's and an advocate's
own scores are on neither side), and the chair's overall grading.

**The overall scale only.** A child's scale or a danger statement's changes from one
conference to the next (statements are reworded, added, closed; a baby is born), so a line
through them would join different questions. They stay in each conference's record.

**One direction.** Every point is read in the trend's direction (`polarity`): the conference
the chart is drawn for, else the latest that scaled. A conference that scaled the other way
round is turned (`10 - score`, `scaling.turned`) and marked `turned`, so a chart says so:
nobody's "3" silently becomes a "7". The lowest and highest are then the lowest and highest on
the trend's scale.

**Nothing hidden.** A conference whose independent round is not revealed yet (`hidden`)
keeps the chair's grading and shows no score.

Pure: documents in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cpchair.caseio.schema import ConferenceDoc
from cpchair.rules.scaling import scores_for, show_score, summarise, turned
from cpchair.vocab import ConferenceKind, Polarity

# What a chart says about the other scales (see the module docstring).
OTHER_SCALES = (
    "Only the overall scale is followed over time. Each child's and each danger statement's "
    "scale is in that conference's record: they change from one conference to the next."
)
# The ends of the scale in words, by direction: (the safe end, the harmful end).
SAFE_END = "safe enough to close"
HARM_END = "certain the child will be harmed"
# The chart's series, in the order a legend and a table give them.
SERIES: tuple[tuple[str, str], ...] = (
    ("lowest", "Lowest"),
    ("median", "Median"),
    ("highest", "Highest"),
    ("family", "Family's median"),
    ("professionals", "Professionals' median"),
    ("overall", "Chair's grading"),
)


@dataclass(frozen=True)
class TrendPoint:
    """One conference's overall scale, read in the trend's direction."""

    conference: str  # its key
    date: dt.date
    kind: ConferenceKind
    polarity: Polarity  # the direction it was scaled in
    turned: bool  # scaled the other way round: every value here is 10 minus the one given
    count: int  # scores on the overall scale (0 while hidden)
    lowest: float | None
    median: float | None
    highest: float | None
    family: float | None  # the family's median
    professionals: float | None  # the professionals' median
    overall: float | None  # the chair's grading
    hidden: bool = False  # an independent round not yet revealed: no score shows

    def value(self, series: str) -> float | None:
        """One of `SERIES` by name."""
        found: float | None = getattr(self, series)
        return found


@dataclass(frozen=True)
class Trend:
    polarity: Polarity  # the direction every point is read in
    points: tuple[TrendPoint, ...]  # oldest first

    @property
    def any_turned(self) -> bool:
        return any(p.turned for p in self.points)

    @property
    def safe_at(self) -> int:
        """The safe end of the scale: 10, or 0 on a scale turned round."""
        return 10 if self.polarity == "ten_is_safe" else 0

    def direction(self) -> str:
        """Which way is safe, in words: "10 = safe enough to close, 0 = certain ..."."""
        return direction_words(self.polarity)

    def notes(self) -> tuple[str, ...]:
        """What a chart must say beside it: the turned conferences, and the other scales."""
        out = []
        for p in self.points:
            if p.turned:
                was = "10 = most danger" if p.polarity == "ten_is_danger" else "10 = safe"
                out.append(
                    f"The conference of {p.date.day} {p.date:%b %Y} scaled the other way round "
                    f"({was}): its scores are shown here as 10 minus each score, to read on "
                    "this scale."
                )
            if p.hidden:
                out.append(
                    f"The conference of {p.date.day} {p.date:%b %Y}: the scores are written "
                    "down, hidden until the chair reveals them."
                )
        out.append(OTHER_SCALES)
        return tuple(out)


def direction_words(polarity: Polarity) -> str:
    if polarity == "ten_is_safe":
        return f"10 = {SAFE_END}, 0 = {HARM_END}"
    return f"0 = {SAFE_END}, 10 = {HARM_END}"


def _turn(value: float | None, turn: bool) -> float | None:
    if value is None or not turn:
        return value
    return 10 - value


def scaling_trend(
    conferences: Sequence[ConferenceDoc],
    *,
    upto: str | None = None,
    polarity: Polarity | None = None,
    hidden: str | None = None,
) -> Trend:
    """The overall scale of each conference that scaled, oldest first (the case's order), up
    to and including `upto` when given; read in `polarity`, else in the direction of `upto`'s
    scaling, else of the latest that scaled. `hidden`: the key of a conference whose scores
    are written down and not yet revealed."""
    held = list(conferences)
    if upto is not None:
        keys = [c.key for c in held]
        if upto in keys:
            held = held[: keys.index(upto) + 1]
    scaled = [
        c
        for c in held
        if c.scaling is not None and (scores_for(c.scaling) or c.scaling.overall is not None)
    ]
    if polarity is None:
        own = next((c.scaling for c in held if c.key == upto and c.scaling is not None), None)
        latest = scaled[-1].scaling if scaled else None
        ref = own or latest
        polarity = ref.polarity if ref is not None else "ten_is_safe"
    return Trend(polarity, tuple(_point(c, polarity, c.key == hidden) for c in scaled))


def _point(conf: ConferenceDoc, to: Polarity, hidden: bool) -> TrendPoint:
    scaling = conf.scaling
    assert scaling is not None
    turn = scaling.polarity != to
    s = summarise(scaling, conf.attendees, threshold=None)
    overall = None if s.overall is None else turned(s.overall, scaling.polarity, to)
    if hidden:
        return TrendPoint(conf.key, conf.date, conf.kind, scaling.polarity, turn, 0,
                          None, None, None, None, None, overall, hidden=True)  # fmt: skip
    low, high = _turn(s.lowest, turn), _turn(s.highest, turn)
    if turn:  # on the turned scale, the lowest given is the highest shown
        low, high = high, low
    return TrendPoint(
        conference=conf.key,
        date=conf.date,
        kind=conf.kind,
        polarity=scaling.polarity,
        turned=turn,
        count=s.count,
        lowest=low,
        median=_turn(s.median, turn),
        highest=high,
        family=_turn(s.family_median, turn),
        professionals=_turn(s.professionals_median, turn),
        overall=overall,
    )


def cells(point: TrendPoint) -> tuple[str, ...]:
    """A point's numbers as a table shows them, in the order of `SERIES` ("-" for none)."""
    if point.hidden:
        return ("hidden",) * 5 + (show_score(point.overall),)
    return tuple(show_score(point.value(name)) for name, _ in SERIES)


__all__ = [
    "OTHER_SCALES",
    "SERIES",
    "Trend",
    "TrendPoint",
    "cells",
    "direction_words",
    "scaling_trend",
]
