"""Participation, person by person: views, advocates, interpreters, absences and delay.

The procedures this follows:
- Views (004, "Location, timing and safety of conferences"): "It is imperative that all
  children, both parents (in addition to a person with legal/parental responsibility at the
  time) have the opportunity to attend and participate in child protection conferences. This
  may be in person, in writing or through their agreed advocate. No conference should go ahead
  without the views of children and their parents." Each person with parental responsibility,
  and each subject child old enough (the profile's `views_from_age`; 004: "from the age of 12
  and above, a child should be offered such an opportunity"), needs a view (`views[]`) or the
  reason there is none (`views_not_given[]`). A profile that names no age asks for no child's
  view by age; a child's view is always welcome. A view recorded together with a reason why
  none was given is worth a look: one of the two is wrong, and the record would say both.
- Advocates (002): "Any children over the age of 8 should be offered the opportunity for their
  views to be represented via an independent advocate" (the profile's `advocate_from_age`; 003
  names the child's advocate among those invited). Met when an attendee whose agency is
  `advocate` has had direct contact with the child, when the child's view came through an
  advocate, or when the chair recorded why the child has none (`advocate_not_used[]`: offered
  and declined, no consent, none to be had).
- Interpreters (004): "Those parents (and/or children) for whom English is not a first language
  must be offered and provided with an interpreter, if required. A family member should not be
  expected to act as an interpreter of spoken or signed language." A child or person with an
  `interpreter_language` who takes part in the meeting (a family member on the register as
  present, or whose view is given in person) needs an interpreter present; a family member is
  never the interpreter. The format cannot say which language an interpreter speaks, so fewer
  interpreters present than languages needed is worth a look, no more.
- Absence (004): "The Child Protection Manager must record the absence and the reasons for
  absence." Every attendee who sent apologies, sent a report only or is absent needs an
  `absence_reason`. The sentence is about children and parents who do not attend, so for
  them it is a must; for practitioners (004: those "unable to attend for unavoidable reasons
  should ... inform the conference administrator") it is worth a look.
- Delay (004, the initial conference's timescale): "If there is any delay, this must be
  reported to the Local Authority Children's Child Protection Manager (including reasons for
  the delay)". A conference held after its due date (`conference_due(...).late`) needs a
  `late_reason`: a must for the conferences that timescale governs (initial; pre-birth and
  transfer-in are held as initial conferences), worth a look for a late review.

Each finding says whether the procedure makes it a must (`must`); the close checklist blocks
on those. Pure: documents in, frozen values out. Messages name no person, no language and no
note; the screens put names to the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ChildDoc, ConferenceDoc, PersonDoc
from cpchair.rules.ages import age_on, unborn_on
from cpchair.rules.conference_due import conference_due
from cpchair.rules.profiles import Profile
from cpchair.vocab import FAMILY_AGENCIES, OPENING_KINDS

# Attendance that is not being there; each needs a reason.
AWAY = frozenset({"apologies", "report_only", "absent"})

VIEW = "view_missing"
VIEW_AND_WHY_NOT = "view_and_why_not"
ADVOCATE = "advocate_missing"
INTERPRETER = "interpreter_missing"
TOO_FEW_INTERPRETERS = "interpreters_too_few"
FAMILY_INTERPRETER = "family_interpreter"
ABSENCE = "absence_reason_missing"
LATE = "late_reason_missing"


@dataclass(frozen=True)
class Need:
    """One thing a person's participation still needs, or a gap in the record of it."""

    code: str
    message: str  # no case data: the screen adds the name
    must: bool  # the procedure says must: the close checklist blocks on it
    whose: str | None = None  # a child's or a person's key
    attendee: str | None = None  # an attendee's key


def is_family_member(attendee: AttendeeDoc) -> bool:
    """Someone on the family's side: the family, the child, or linked to a person of the case."""
    return attendee.agency in FAMILY_AGENCIES or attendee.person is not None


def is_family_interpreter(agency: str | None, person: str | None) -> bool:
    """004: "A family member should not be expected to act as an interpreter"."""
    return agency == "interpreter" and person is not None


def old_enough(child: ChildDoc, age: int, on: date) -> bool:
    """Aged at least `age` whole years on the day (an unborn child never is)."""
    born = child.date_of_birth
    if born is None or unborn_on(born, on):
        return False
    return age_on(born, on).years >= age


def _age(setting: object) -> int | None:
    return getattr(setting, "value", None) if setting is not None else None


def views_expected(
    conference: ConferenceDoc,
    children: Sequence[ChildDoc],
    people: Sequence[PersonDoc],
    profile: Profile | None,
) -> tuple[str, ...]:
    """Keys of those whose view the conference needs: subject children from the profile's
    age, then everyone with parental responsibility."""
    age = _age(profile.views_from_age) if profile is not None else None
    kids = [] if age is None else [
        c.key for c in children if c.subject and old_enough(c, age, conference.date)
    ]  # fmt: skip
    return (*kids, *(p.key for p in people if p.parental_responsibility))


def missing_views(
    conference: ConferenceDoc,
    children: Sequence[ChildDoc],
    people: Sequence[PersonDoc],
    profile: Profile | None,
) -> tuple[Need, ...]:
    """Each view the conference needs with neither a view nor a reason why not."""
    given = {v.whose for v in conference.views} | {v.whose for v in conference.views_not_given}
    child_keys = {c.key for c in children}
    out = []
    for key in views_expected(conference, children, people, profile):
        if key in given:
            continue
        whom = "this child" if key in child_keys else "this parent"
        out.append(Need(VIEW, f"No view of {whom} is recorded, nor why not", True, whose=key))
    return tuple(out)


def views_both_ways(conference: ConferenceDoc) -> tuple[Need, ...]:
    """Each child or person with a view recorded and also a reason their view was not given:
    one of the two is wrong, and every copy would print both. Worth a look, not a must: the
    view is there either way."""
    given = {v.whose for v in conference.views}
    out: list[Need] = []
    for v in conference.views_not_given:
        if v.whose in given and not any(n.whose == v.whose for n in out):
            out.append(
                Need(
                    VIEW_AND_WHY_NOT,
                    "A view is recorded, and also a reason why no view was given",
                    False,
                    whose=v.whose,
                )
            )
    return tuple(out)


def advocates_expected(
    conference: ConferenceDoc, children: Sequence[ChildDoc], profile: Profile | None
) -> tuple[str, ...]:
    """Subject children old enough to be offered an advocate (none without a profile age)."""
    age = _age(profile.advocate_from_age) if profile is not None else None
    if age is None:
        return ()
    return tuple(c.key for c in children if c.subject and old_enough(c, age, conference.date))


def missing_advocates(
    conference: ConferenceDoc, children: Sequence[ChildDoc], profile: Profile | None
) -> tuple[Need, ...]:
    met = {v.whose for v in conference.views if v.how == "advocate"}
    met |= {x.child for x in conference.advocate_not_used}
    for a in conference.attendees:
        if a.agency == "advocate":
            met |= set(a.direct_contact)
    return tuple(
        Need(
            ADVOCATE,
            "An advocate is to be offered to this child: none is recorded, nor why not",
            False,
            whose=key,
        )
        for key in advocates_expected(conference, children, profile)
        if key not in met
    )


def interpreters_needed(
    conference: ConferenceDoc, children: Sequence[ChildDoc], people: Sequence[PersonDoc]
) -> dict[str, str]:
    """Who needs an interpreter in this meeting, by key, with the language: a child or person
    with a language who takes part (on the register as present, or giving a view in person)."""
    taking_part = {v.whose for v in conference.views if v.how == "in_person"}
    taking_part |= {
        a.person for a in conference.attendees if a.person and a.attendance == "present"
    }
    out = {}
    everyone: list[ChildDoc | PersonDoc] = [*children, *people]
    for who in everyone:
        language = (who.interpreter_language or "").strip()
        if language and who.key in taking_part:
            out[who.key] = language
    return out


def _interpreters_present(conference: ConferenceDoc) -> list[AttendeeDoc]:
    return [
        a
        for a in conference.attendees
        if a.agency == "interpreter" and a.attendance == "present" and a.person is None
    ]


def missing_interpreters(
    conference: ConferenceDoc, children: Sequence[ChildDoc], people: Sequence[PersonDoc]
) -> tuple[Need, ...]:
    needed = interpreters_needed(conference, children, people)
    present = _interpreters_present(conference)
    if not needed:
        return ()
    if not present:
        return tuple(
            Need(
                INTERPRETER, "Needs an interpreter, and no interpreter is present", False, whose=key
            )
            for key in needed
        )
    languages = {language.casefold() for language in needed.values()}
    if len(present) < len(languages):
        return (
            Need(
                TOO_FEW_INTERPRETERS,
                f"{len(languages)} languages need interpreting and "
                f"{len(present)} interpreter{'s are' if len(present) > 1 else ' is'} present",
                False,
            ),
        )
    return ()


def family_interpreters(conference: ConferenceDoc) -> tuple[Need, ...]:
    return tuple(
        Need(FAMILY_INTERPRETER, "A family member is down as the interpreter", True, attendee=a.key)
        for a in conference.attendees
        if is_family_interpreter(a.agency, a.person)
    )


def unexplained_absences(conference: ConferenceDoc) -> tuple[Need, ...]:
    """Each attendee away (apologies, report only, absent) with no reason recorded."""
    return tuple(
        Need(
            ABSENCE,
            "Not there, and no reason for the absence is recorded",
            # A must for the family itself (004: "children and/or parents"), not for a
            # supporter who happens to be a relative, nor a practitioner.
            a.agency in FAMILY_AGENCIES,
            whose=a.person,
            attendee=a.key,
        )
        for a in conference.attendees
        if a.attendance in AWAY and not (a.absence_reason or "").strip()
    )


def excluded_without_reason(conference: ConferenceDoc) -> frozenset[str]:
    """Attendees marked excluded with no exclusion recorded (so no reason): a file or the
    attendee form may say so; the register shows them as needing the reason."""
    recorded = {x.attendee for x in conference.exclusions}
    return frozenset(
        a.key for a in conference.attendees if a.attendance == "excluded" and a.key not in recorded
    )


def unexplained_delay(
    case: CaseDoc, conference: ConferenceDoc, profile: Profile | None
) -> tuple[Need, ...]:
    """The conference is held after its due date and the record does not say why."""
    if profile is None or (conference.late_reason or "").strip():
        return ()
    due = conference_due(case, conference.kind, conference.date, profile,
                         trigger=conference.trigger_date, exclude=conference.key)  # fmt: skip
    if not due.late:
        return ()
    return (
        Need(
            LATE,
            "Held after its due date, and no reason for the delay is recorded",
            conference.kind in OPENING_KINDS,
        ),
    )


def participation(
    case: CaseDoc, conference: ConferenceDoc, profile: Profile | None
) -> tuple[Need, ...]:
    """Everything the participation of children and family still needs at this conference,
    in the order a chair goes through them at the opening."""
    children, people = case.children, case.people
    return (
        *unexplained_delay(case, conference, profile),
        *unexplained_absences(conference),
        *family_interpreters(conference),
        *missing_interpreters(conference, children, people),
        *missing_views(conference, children, people, profile),
        *views_both_ways(conference),
        *missing_advocates(conference, children, profile),
    )


__all__ = [
    "AWAY",
    "Need",
    "advocates_expected",
    "excluded_without_reason",
    "family_interpreters",
    "interpreters_needed",
    "is_family_interpreter",
    "is_family_member",
    "missing_advocates",
    "missing_interpreters",
    "missing_views",
    "old_enough",
    "participation",
    "unexplained_absences",
    "unexplained_delay",
    "views_both_ways",
    "views_expected",
]
