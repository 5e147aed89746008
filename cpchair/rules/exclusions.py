"""Exclusions: which stages of the meeting each one keeps its attendee out of, who is out of
the room at a stage, and whom the chair's arrival at a stage sends out.

An exclusion covers (the family copies read it the same way, `documents/family.py`):

- `whole`: every stage of the meeting;
- `part`: the stages from `from_stage` to `to_stage`, both included, in the order of the
  meeting (`vocab.STAGES`). A missing `from_stage` means from the opening, a missing `to_stage`
  to the close; with both missing nobody can say which part it was, so it counts as whole.
  Stages given the wrong way round count as the stages between them.

**Leaving.** An attendee excluded from part of the meeting leaves the room when that part
starts: the chair's arrival at any stage of it, the first time or on coming back to it (a
chair who decides mid-stage to exclude someone goes back to the opening to record it, then
returns). Their attendance is then stamped as having left, unless a time is already there.
Only someone who came (present, or on the register as excluded: DOMAIN.md's "excluded for part
or all") leaves; someone kept out of the whole meeting never came in, so never leaves.

Pure: documents in, keys out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpchair.vocab import STAGES, Stage

if TYPE_CHECKING:  # annotations only: caseio's checks import the scaling rules, which use these
    from cpchair.caseio.schema import ConferenceDoc, ExclusionDoc

ALL_STAGES = frozenset(STAGES)
CAME = frozenset({"present", "excluded"})  # attendance of someone who was in the room for part


def excluded_stages(exclusion: ExclusionDoc) -> frozenset[Stage]:
    """The stages one exclusion kept its attendee out of (rules in the module docstring)."""
    if exclusion.scope == "whole" or (exclusion.from_stage is None and exclusion.to_stage is None):
        return ALL_STAGES
    start = STAGES.index(exclusion.from_stage or STAGES[0])
    end = STAGES.index(exclusion.to_stage or STAGES[-1])
    start, end = min(start, end), max(start, end)
    return frozenset(STAGES[start : end + 1])


def excluded_at(conference: ConferenceDoc, stage: str) -> frozenset[str]:
    """Attendee keys an exclusion keeps out of `stage`."""
    return frozenset(e.attendee for e in conference.exclusions if stage in excluded_stages(e))


def leaving_at(conference: ConferenceDoc, stage: str) -> tuple[str, ...]:
    """Attendee keys to stamp as having left when the chair arrives at `stage`: excluded from
    part of the meeting that includes it, in the room until now, with no time of leaving."""
    parted = {
        e.attendee
        for e in conference.exclusions
        if stage in (stages := excluded_stages(e)) and stages != ALL_STAGES
    }
    return tuple(
        a.key
        for a in conference.attendees
        if a.key in parted and a.attendance in CAME and a.left is None
    )
