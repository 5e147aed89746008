"""The case as a family copy may see it: confidential text gone before anything is built.

`build.py` builds a family copy from this redacted case, never from the case itself, so no
section, renderer or later addition can print a confidential entry, a reason given in
confidence, an exclusion's reason or a contact detail the reader may not see. What is left out
and why is decided in `family.py`.
"""

from __future__ import annotations

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.documents.family import (
    FamilyCopy,
    dissent_in_confidence,
    is_family_member,
    shows_attendee_contact,
    shows_contact,
)

REASON_IN_CONFIDENCE = "Reason given in confidence."
ACTION_IN_CONFIDENCE = "Agreed in confidence: not described in this copy."


def family_case(case: CaseDoc, copy: FamilyCopy) -> CaseDoc:
    """A copy of the case holding only what this family copy may show."""
    out = case.model_copy(deep=True)
    for person in out.people:
        if not shows_contact(person, True, no_contacts=copy.no_contacts):
            person.contact = None
    for conference in out.conferences:
        _redact(conference, case, copy)
    return out


def _redact(conf: ConferenceDoc, case: CaseDoc, copy: FamilyCopy) -> None:
    conf.mapping = [m for m in conf.mapping if not m.confidential]
    conf.views = [v for v in conf.views if not v.confidential]
    conf.incidents = [i for i in conf.incidents if not i.confidential]
    for e in conf.exclusions:
        e.reason = ""  # often a criminal investigation, or one parent's safety from the other
    if conf.scaling is not None:
        for score in conf.scaling.scores:
            if score.confidential:
                score.reason = REASON_IN_CONFIDENCE
    for vote in conf.votes:
        if vote.confidential:
            vote.reason = REASON_IN_CONFIDENCE
    # A formal dissent from someone whose view for that child was given in confidence says
    # why in the same terms: it is kept back with the view's reason.
    for decision in conf.decisions:
        for dissent in decision.dissents:
            if dissent_in_confidence(conf, decision.child, dissent.attendee):
                dissent.reason = REASON_IN_CONFIDENCE
    if conf.plan is not None:
        for action in conf.plan.actions:
            if action.confidential:
                action.what = ACTION_IN_CONFIDENCE
    for a in conf.attendees:
        if not shows_attendee_contact(a, case.people, copy):
            a.contact = None
        if is_family_member(a):  # one family member's circumstances, not for the others
            a.absence_reason = None
    adults = {p.key for p in case.people}
    for v in conf.views_not_given:
        if v.whose in adults:  # as for an absence: an adult's reasons are for the full record
            v.reason = ""
    conf.advocate_not_used = []  # a child's own arrangements, for the full record


__all__ = ["ACTION_IN_CONFIDENCE", "REASON_IN_CONFIDENCE", "family_case"]
