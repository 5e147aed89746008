"""Scaling: the question, the summary of everyone's scores, and when a grading is escalated.

DOMAIN.md, stage 6: everyone present scales, the family too, each with a reason; the spread
and the change since the last conference matter. Most areas ask "10 = safe enough to close";
a few turn the scale round, so every comparison here goes through `safety()`, which reads a
score as if 10 were safe. An overall grading at or below the profile's threshold (0-2 where
the area has 002's rule) on that reading is escalated to a service manager; an area without
such a rule has no threshold and escalates nothing.

Pure: documents in, frozen values out.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc, ScalingDoc, ScoreDoc
from cpchair.vocab import PROFESSIONAL_AGENCIES, Polarity

# Who speaks for the family's side when the spread is measured: the family, the child, and
# those who bring their words (an advocate gives a child's own score).
FAMILY_SIDE = frozenset({"family", "child", "advocate", "supporter"})

DEFAULT_QUESTIONS: dict[str, str] = {
    "ten_is_safe": (
        "On a scale of 0 to 10, where 10 means everyone agrees {children} safe enough for the "
        "child protection process to close, and 0 means we are certain {harmed} will be "
        "harmed, where are things today?"
    ),
    "ten_is_danger": (
        "On a scale of 0 to 10, where 0 means everyone agrees {children} safe enough for the "
        "child protection process to close, and 10 means we are certain {harmed} will be "
        "harmed, where are things today?"
    ),
}


def default_question(polarity: Polarity, child_names: Sequence[str]) -> str:
    """The usual wording, naming the children: 'Ruby and Mia are' or 'the child is'."""
    if not child_names:
        children, harmed = "the child is", "the child"
    elif len(child_names) == 1:
        children, harmed = f"{child_names[0]} is", child_names[0]
    else:
        names = ", ".join(child_names[:-1]) + f" and {child_names[-1]}"
        children, harmed = f"{names} are", "the children"
    return DEFAULT_QUESTIONS[polarity].format(children=children, harmed=harmed)


def safety(score: float, polarity: Polarity) -> float:
    """A score read as if 10 were safe, whatever the direction of the scale."""
    return score if polarity == "ten_is_safe" else 10 - score


def needs_escalation(overall: int | None, polarity: Polarity, threshold: int | None) -> bool:
    """The overall grading is at or below the threshold (read with 10 as safe). No threshold:
    the area's procedure has no such escalation, so nothing is ever escalated."""
    return overall is not None and threshold is not None and safety(overall, polarity) <= threshold


def scores_for(
    scaling: ScalingDoc, *, child: str | None = None, danger_statement: str | None = None
) -> list[ScoreDoc]:
    """The scores of one scale: the overall one (no child, no statement) or a narrower one."""
    return [
        s for s in scaling.scores if s.child == child and s.danger_statement == danger_statement
    ]


@dataclass(frozen=True)
class ScalingSummary:
    count: int
    lowest: int | None
    median: float | None
    highest: int | None
    professionals_median: float | None
    family_median: float | None
    overall: int | None
    escalate: bool

    @property
    def spread(self) -> float | None:
        """How far the family's median sits from the professionals' (family minus them)."""
        if self.professionals_median is None or self.family_median is None:
            return None
        return self.family_median - self.professionals_median

    def describe_spread(self, polarity: Polarity) -> str:
        spread = self.spread
        if spread is None:
            return "No spread yet: both professionals and family need to have scaled."
        if spread == 0:
            return "Family and professionals scale alike (medians equal)."
        safer = safety(self.family_median or 0, polarity) > safety(
            self.professionals_median or 0, polarity
        )
        side = "family" if safer else "professionals"
        return f"The {side} see the children as safer, by {_num(abs(spread))} points (medians)."


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def summarise(
    scaling: ScalingDoc,
    attendees: Sequence[AttendeeDoc],
    *,
    threshold: int | None,
    child: str | None = None,
    danger_statement: str | None = None,
) -> ScalingSummary:
    scores = scores_for(scaling, child=child, danger_statement=danger_statement)
    agency = {a.key: a.agency for a in attendees}
    values = [s.score for s in scores]
    pros = [s.score for s in scores if agency.get(s.attendee) in PROFESSIONAL_AGENCIES]
    family = [s.score for s in scores if agency.get(s.attendee) in FAMILY_SIDE]
    overall = scaling.overall if child is None and danger_statement is None else None
    return ScalingSummary(
        count=len(values),
        lowest=min(values, default=None),
        median=_median(values),
        highest=max(values, default=None),
        professionals_median=_median(pros),
        family_median=_median(family),
        overall=overall,
        escalate=needs_escalation(overall, scaling.polarity, threshold),
    )


def _num(value: float) -> str:
    return f"{value:g}"


def show_score(value: float | None) -> str:
    """Scores read as people say them: 3, 3.5, or a dash when there is none."""
    return "-" if value is None else _num(value)


# --- what the scaling stage lists -----------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """One scale of a conference: the overall one, or a child's, or a danger statement's."""

    label: str
    child: str | None = None
    danger_statement: str | None = None

    @property
    def slot(self) -> str:
        """A short name for the scale, stable across reviews (keys are carried forward)."""
        if self.child is not None:
            return f"child:{self.child}"
        if self.danger_statement is not None:
            return f"ds:{self.danger_statement}"
        return "overall"


OVERALL = Scale("Overall")


def scales(conf: ConferenceDoc, children: Sequence[ChildDoc]) -> list[Scale]:
    """Overall first, then each danger statement, then each child the conference is about."""
    out = [OVERALL]
    out += [
        Scale(f"Danger {n}", danger_statement=d.key)
        for n, d in enumerate(conf.danger_statements, start=1)
    ]
    out += [Scale(c.first_name, child=c.key) for c in children if c.subject]
    return out


def score_of(scaling: ScalingDoc | None, attendee: str, scale: Scale) -> ScoreDoc | None:
    if scaling is None:
        return None
    found = scores_for(scaling, child=scale.child, danger_statement=scale.danger_statement)
    return next((s for s in found if s.attendee == attendee), None)


def scorers(conf: ConferenceDoc, scale: Scale) -> list[AttendeeDoc]:
    """Everyone present (the family too; those who left early stay listed), and anyone who
    already has a score on this scale, in the order of the register."""
    scored = set()
    if conf.scaling is not None:
        scored = {
            s.attendee
            for s in scores_for(
                conf.scaling, child=scale.child, danger_statement=scale.danger_statement
            )
        }
    return [a for a in conf.attendees if a.attendance == "present" or a.key in scored]


def turned(score: float, polarity: Polarity, to: Polarity) -> float:
    """A score given on a scale of one direction, read on a scale of the other."""
    return score if polarity == to else 10 - score


def previous_score(
    previous: ConferenceDoc | None, attendee: str, scale: Scale, polarity: Polarity
) -> float | None:
    """What this person gave last time on the same scale, read in today's direction.

    A review carries the attendees and danger statements forward with the same keys.
    """
    if previous is None or previous.scaling is None:
        return None
    found = score_of(previous.scaling, attendee, scale)
    if found is None:
        return None
    return turned(found.score, previous.scaling.polarity, polarity)


def previous_overall(previous: ConferenceDoc | None, polarity: Polarity) -> float | None:
    if previous is None or previous.scaling is None or previous.scaling.overall is None:
        return None
    return turned(previous.scaling.overall, previous.scaling.polarity, polarity)
