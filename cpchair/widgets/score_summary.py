"""The lines under the scores: lowest, median, highest, the spread between the professionals
and the family, the child's own score apart from the family's, the chair's overall grading
beside the last conference's, and the escalation flag when it is owed.

Nothing hidden shows here: while an independent round is written down, only how many scores
there are.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from cpchair.caseio.schema import ConferenceDoc, ScalingDoc
from cpchair.rules.scaling import (
    Scale,
    needs_escalation,
    previous_overall,
    scores_for,
    show_score,
    summarise,
    turned,
)
from cpchair.vocab import Polarity


def show_when(at: dt.datetime) -> str:
    return f"{at:%a} {at.day} {at:%b %H:%M}"


def direction(polarity: Polarity) -> str:
    return "10 = safe enough to close" if polarity == "ten_is_safe" else "10 = most danger"


def summary_text(
    conf: ConferenceDoc,
    previous: ConferenceDoc | None,
    scale: Scale,
    listed: int,
    *,
    hidden: bool,
    threshold: int | None,
    polarity: Polarity,
) -> Text:
    scaling = conf.scaling or ScalingDoc(question="", polarity=polarity)
    scores = scores_for(scaling, child=scale.child, danger_statement=scale.danger_statement)
    text = Text()
    if hidden:
        text.append(f"{len(scores)} of {listed} written down.\n", style="bold")
        text.append("Hidden until the chair reveals them all together (v).\n")
    else:
        s = summarise(scaling, conf.attendees, threshold=threshold, child=scale.child,
                      danger_statement=scale.danger_statement)  # fmt: skip
        text.append(f"Lowest {show_score(s.lowest)} · median {show_score(s.median)} · "
                    f"highest {show_score(s.highest)}", style="bold")  # fmt: skip
        text.append(f" · {s.count} of {listed} scored")
        missing = sum(1 for x in scores if not x.reason)
        if missing:
            text.append(f" · {missing} without a reason", style="italic")
        text.append(f"\n{s.describe_spread(polarity)}")
        if s.child_score is not None:
            one = len(s.child_scores) == 1
            whose = "The child's own score" if one else "The children's own scores"
            text.append(f" {whose}: {s.child_score} (not in the family's median).")
        if s.advocate_score is not None:
            text.append(f" Advocate: {s.advocate_score}.")
        text.append("\n")

    text.append("Overall grading (chair): ")
    text.append(show_score(scaling.overall), style="bold reverse" if scaling.overall else "bold")
    if scaling.overall is None:
        text.append(" (o sets it)")
    if previous is not None and previous.scaling is not None:
        before = summarise(previous.scaling, previous.attendees, threshold=threshold,
                           child=scale.child, danger_statement=scale.danger_statement)  # fmt: skip
        median = before.median
        if median is not None:
            median = turned(median, previous.scaling.polarity, polarity)
        overall = show_score(previous_overall(previous, polarity))
        text.append(f" · last conference: overall {overall}, median {show_score(median)}")
    return text


def escalation_text(
    conf: ConferenceDoc, *, threshold: int | None, polarity: Polarity
) -> Text | None:
    """The flag, when the grading calls for escalation or one is recorded."""
    overall = conf.scaling.overall if conf.scaling else None
    esc = conf.escalation
    if esc is None and not needs_escalation(overall, polarity, threshold):
        return None
    if esc is not None and esc.notified_at is not None:
        text = Text("Escalated: ", style="bold")
        text.append(f"service manager told {show_when(esc.notified_at)}")
        if esc.to:
            text.append(f" ({esc.to})")
        return text
    if threshold is None:  # recorded, though this area's procedure has no such rule
        text = Text("⚠ ESCALATE: recorded. ", style="bold")
    else:
        limit = (
            f"at or below {threshold}"
            if polarity == "ten_is_safe"
            else f"at or above {10 - threshold}"
        )
        text = Text(f"⚠ ESCALATE: grading {limit}. ", style="bold")
    if esc is None:
        text.append("No time is recorded: set the grading again (o).")
    else:
        text.append(f"Tell a service manager by {show_when(esc.due_by)}.")
    return text
