"""Scaling: the question, the summary of everyone's scores, and when a grading is escalated.

DOMAIN.md, stage 6: everyone present scales, the family too, each with a reason; the spread
and the change since the last conference matter. Most areas ask "10 = safe enough to close";
a few turn the scale round, so every comparison here goes through `safety()`, which reads a
score as if 10 were safe. An overall grading at or below the profile's threshold (0-2 where
the area has 002's rule) on that reading is escalated to a service manager; an area without
such a rule has no threshold and escalates nothing.

Who scales (`may_scale`): everyone present who takes part, but not observers, interpreters
or supporters, who are in the room to watch or for someone else (004: an observer "must not
take part in discussions or decision-making"; 001: "Generally, a supporter will not be able
to speak on your behalf or take part in the discussion"; an interpreter gives another's
words). Nor anyone excluded from the scaling stage (`rules/exclusions.py`): they are out of
the room while the others scale.

The summary sets the professionals' median against the family's (the parents and family
members, agency `family`). The child's own score (agency `child`), when given, is shown apart:
the child is not a parent, and the spread measures the adults' views. An advocate's score is
shown apart too and counts on neither side, as an advocate may speak for the child (000: "to
help share their views") or for a parent (004: "Parents ... and/or Advocate").

Pure: documents in, frozen values out.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc, ScalingDoc, ScoreDoc
from cpchair.rules.child_names import first_name_of
from cpchair.rules.exclusions import excluded_at
from cpchair.vocab import NOT_SCALING_AGENCIES, PROFESSIONAL_AGENCIES, Polarity

# The family's side when the spread is measured: the parents and the family (000: "you will
# be asked to give a scale and why you think this"). The child's own score is kept apart.
FAMILY_SIDE = frozenset({"family"})
CHILD = "child"
ADVOCATE = "advocate"

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


def child_question(polarity: Polarity, child_name: str) -> str:
    """The question of one child's scale: the usual wording naming that child alone.

    The conference's question (`scaling.question`, perhaps the chair's own words) names every
    child, so it is never reused here: a chair's wording cannot safely be cut down to one name.
    """
    return default_question(polarity, [child_name])


def may_scale(agency: str) -> bool:
    """Whether someone of this agency gives a score.

    Everyone present scales ("everyone is expected to scale within the meeting", 000), except
    those who do not take part: an observer "must not take part in discussions or
    decision-making" (004); "Generally, a supporter will not be able to speak on your behalf
    or take part in the discussion" (001); and an interpreter gives another's words.
    """
    return agency not in NOT_SCALING_AGENCIES


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
    family_median: float | None  # the parents and family (agency "family")
    overall: int | None
    escalate: bool
    child_scores: tuple[int, ...] = ()  # the child's own, apart from the family's median
    advocate_scores: tuple[int, ...] = ()  # an advocate's, on neither side

    @property
    def spread(self) -> float | None:
        """How far the family's median sits from the professionals' (family minus them)."""
        if self.professionals_median is None or self.family_median is None:
            return None
        return self.family_median - self.professionals_median

    @property
    def child_score(self) -> str | None:
        """The child's own score in words ("6"; "6 and 4" when two children scaled), or None."""
        return _and(self.child_scores)

    @property
    def advocate_score(self) -> str | None:
        return _and(self.advocate_scores)

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
        points = "point" if abs(spread) == 1 else "points"  # 0.5 and 1.5 points, but 1 point
        return f"The {side} see the children as safer, by {_num(abs(spread))} {points} (medians)."


def _and(values: tuple[int, ...]) -> str | None:
    if not values:
        return None
    shown = [_num(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"


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
    agency = {a.key: a.agency for a in attendees}
    scores = [
        s
        for s in scores_for(scaling, child=child, danger_statement=danger_statement)
        if may_scale(agency.get(s.attendee, ""))  # a score kept from before the rule: ignored
    ]
    values = [s.score for s in scores]
    pros = [s.score for s in scores if agency.get(s.attendee) in PROFESSIONAL_AGENCIES]
    family = [s.score for s in scores if agency.get(s.attendee) in FAMILY_SIDE]
    own = tuple(s.score for s in scores if agency.get(s.attendee) == CHILD)
    advocates = tuple(s.score for s in scores if agency.get(s.attendee) == ADVOCATE)
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
        child_scores=own,
        advocate_scores=advocates,
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
    out += [Scale(first_name_of(c), child=c.key) for c in children if c.subject]
    return out


def score_of(scaling: ScalingDoc | None, attendee: str, scale: Scale) -> ScoreDoc | None:
    if scaling is None:
        return None
    found = scores_for(scaling, child=scale.child, danger_statement=scale.danger_statement)
    return next((s for s in found if s.attendee == attendee), None)


def scorers(conf: ConferenceDoc, scale: Scale) -> list[AttendeeDoc]:
    """Everyone present who scales (the family too; those who left early stay listed; not
    observers, interpreters or supporters: `may_scale`; not anyone excluded from the scaling,
    who is out of the room), and anyone who already has a score on this scale (so it can be
    cleared), in the order of the register."""
    out = excluded_at(conf, "scaling")
    scored = set()
    if conf.scaling is not None:
        scored = {
            s.attendee
            for s in scores_for(
                conf.scaling, child=scale.child, danger_statement=scale.danger_statement
            )
        }
    return [
        a
        for a in conf.attendees
        if (a.attendance == "present" and may_scale(a.agency) and a.key not in out)
        or a.key in scored
    ]


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
