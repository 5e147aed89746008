"""Is a conference quorate? Children's social care plus two other agencies, for each child.

DOMAIN.md and 004 ("Conference quorum"): at every conference there should be children's social
care and at least two other agencies that have had direct contact with each child who is the
subject of the conference. The chair may go ahead inquorate, recording why; then an early review
conference is needed.

Nobody has direct contact with an unborn child: for an unborn subject child every other agency
present counts, as working with the expectant parent(s) and the household (004 names pre-birth
conferences as the case where "A child has not had relevant contact with 3 agencies").

Pure: conference and children in, frozen values out. Nothing here names a person, so the
explanations are safe on a projected screen and in logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc
from cpchair.rules.ages import unborn_on
from cpchair.vocab import AGENCY_LABELS, PROFESSIONAL_AGENCIES

SOCIAL_CARE = "childrens_social_care"
# Agencies that count towards the "two other agencies"; family, advocates, observers never do.
OTHER_AGENCIES = PROFESSIONAL_AGENCIES - {SOCIAL_CARE}
OTHER_AGENCIES_NEEDED = 2

QuorumState = Literal["quorate", "inquorate", "inquorate_with_override"]
# Nobody has direct contact with an unborn child, so the explanation says what counted instead.
UNBORN_NOTE = "unborn: agencies working with the expectant parents and household count"


@dataclass(frozen=True)
class ChildQuorum:
    """The quorum for one subject child."""

    child: str  # the child's key
    quorate: bool
    social_care: bool  # children's social care is attending
    agencies: tuple[str, ...]  # other agencies present with direct contact (codes, by label)
    needed: int  # how many more such agencies are missing (social care is counted apart)
    unborn: bool = False  # counted by who works with the expectant parent(s) and household

    def explain(self) -> str:
        """One line for the chair, e.g. "Quorate: children's social care, health and police"."""
        if self.quorate:
            text = "Quorate: " + _and_list([SOCIAL_CARE, *self.agencies])
            return text + (f" ({UNBORN_NOTE})" if self.unborn else "")
        missing = []
        if not self.social_care:
            missing.append("no one from children's social care")
        if self.needed:
            noun = "agency" if self.needed == 1 else "agencies"
            which = "working with the expectant parents" if self.unborn else "with direct contact"
            missing.append(f"{self.needed} more {noun} {which} needed")
        text = "Not quorate: " + "; ".join(missing)
        if self.agencies:  # say who does count, so the chair knows who to chase
            text += f" (counted: {_and_list(list(self.agencies))})"
        if self.unborn:
            text += f" ({UNBORN_NOTE})"
        return text


def _label(agency: str) -> str:
    label = AGENCY_LABELS.get(agency, agency)
    return label[0].lower() + label[1:]


def _and_list(agencies: list[str]) -> str:
    labels = [_label(a) for a in agencies]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _attending(attendee: AttendeeDoc) -> bool:
    # In preparation `attendance` holds who is expected; someone who left early was still
    # there, so `left` does not take them out of the count.
    return attendee.attendance == "present"


def child_quorum(conference: ConferenceDoc, children: Sequence[ChildDoc]) -> list[ChildQuorum]:
    """The quorum for each subject child, in the order given."""
    present = [a for a in conference.attendees if _attending(a)]
    social_care = any(a.agency == SOCIAL_CARE for a in present)
    out = []
    for child in children:
        if not child.subject:
            continue
        # A set of agencies, not of people: two health practitioners are one agency. An
        # unborn child: every agency present works with the expectant parent(s) and household.
        unborn = unborn_on(child.date_of_birth, conference.date)
        seen = {
            a.agency
            for a in present
            if a.agency in OTHER_AGENCIES and (unborn or child.key in a.direct_contact)
        }
        agencies = tuple(sorted(seen, key=_label))
        needed = max(0, OTHER_AGENCIES_NEEDED - len(agencies))
        out.append(
            ChildQuorum(
                child=child.key,
                quorate=social_care and needed == 0,
                social_care=social_care,
                agencies=agencies,
                needed=needed,
                unborn=unborn,
            )
        )
    return out


def is_quorate(conference: ConferenceDoc, children: Sequence[ChildDoc]) -> bool:
    """Quorate for every subject child (a conference with no subject child has nothing missing)."""
    return all(q.quorate for q in child_quorum(conference, children))


def has_override(conference: ConferenceDoc) -> bool:
    """The chair recorded a reason to go ahead inquorate."""
    return bool(conference.quorum_override and conference.quorum_override.strip())


def quorum_state(conference: ConferenceDoc, children: Sequence[ChildDoc]) -> QuorumState:
    if is_quorate(conference, children):
        return "quorate"
    return "inquorate_with_override" if has_override(conference) else "inquorate"


def needs_early_review(conference: ConferenceDoc, children: Sequence[ChildDoc]) -> bool:
    """004: "Where an inquorate conference is held, an early review conference should be arranged."

    True once the chair has recorded a reason to go ahead inquorate, and also for a conference
    already held (in progress or concluded) while inquorate without one: it was held all the same.
    """
    state = quorum_state(conference, children)
    if state == "inquorate_with_override":
        return True
    return state == "inquorate" and conference.status != "prepared"


__all__ = [
    "OTHER_AGENCIES",
    "OTHER_AGENCIES_NEEDED",
    "SOCIAL_CARE",
    "ChildQuorum",
    "QuorumState",
    "child_quorum",
    "has_override",
    "is_quorate",
    "needs_early_review",
    "quorum_state",
]
