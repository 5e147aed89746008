"""The consistency rules of cpchair-case/1 that types alone cannot check.

Every reference resolves, keys are unique within their list, only a professional agency votes
and votes come from voters, observers, interpreters and supporters give no score, a decision's
method agrees with its own votes counted one view per agency, a chair's decision carries its
rationale, categories go with a plan and only with a plan, an unborn child has an expected
birth date and no date of birth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cpchair.caseio.keys import WHAT, Names, key_ref
from cpchair.caseio.problems import Problem, shown_value
from cpchair.caseio.schema import (
    AttendeeDoc,
    CaseDoc,
    ConferenceDoc,
    DecisionDoc,
    Doc,
)

# The rules as modules, read at call time: the rules import this package's schema.
from cpchair.rules import decisions as decision_rules
from cpchair.rules import scaling as scaling_rules
from cpchair.rules.references import reference_problem
from cpchair.vocab import METHODS_NEEDING_RATIONALE

# Where a problem is, and what it is.
Add = Callable[[str, str], None]


def check_case(doc: CaseDoc, known_profiles: Iterable[str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    add = lambda path, message: problems.append(Problem(path, message))  # noqa: E731

    if (problem := reference_problem(doc.reference)) is not None:
        add("reference", problem)
    if known_profiles is not None:
        known = sorted(known_profiles)
        if doc.profile not in known:
            shown = shown_value(doc.profile)  # the file's own words are never quoted
            add("profile", f"{shown} is not a practice profile here ({', '.join(known)})")

    _unique([c.key for c in doc.children], "children", add)
    _unique([p.key for p in doc.people], "people", add)
    _unique([c.key for c in doc.conferences], "conferences", add)
    children = {c.key for c in doc.children}
    people = {p.key for p in doc.people}

    for i, child in enumerate(doc.children):
        path = f"children[{i}]"
        if child.date_of_birth is None and child.expected_birth_date is None:
            add(f"{path}.expected_birth_date", "an unborn child needs an expected birth date")
        if child.date_of_birth is not None and child.expected_birth_date is not None:
            add(
                f"{path}.expected_birth_date",
                "only an unborn child has one; this child has a date of birth",
            )

    previous = None
    for i, conference in enumerate(doc.conferences):
        path = f"conferences[{i}]"
        if previous is not None and conference.date < previous:
            add(
                f"{path}.date",
                f"{conference.date} comes before the conference listed above it; "
                "conferences are listed oldest first",
            )
        previous = conference.date
        _check_conference(conference, path, children, people, add)
    return problems


def _unique(keys: list[str], path: str, add: Add) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            add(f"{path}[{i}].key", f"{key!r} is used twice in {path.split('.')[-1]}")
        seen.add(key)


@dataclass(frozen=True)
class _Conference:
    """One conference being checked, with the keys its references may name."""

    doc: ConferenceDoc
    path: str
    keys: dict[Names, set[str]]
    attendees: dict[str, AttendeeDoc]
    add: Add

    def known(self, item: Doc, field: str, path: str) -> bool:
        """Whether the key or keys `field` holds name what caseio.keys says they name; a
        problem for each that does not. An absent key (None) names nothing and is known."""
        names = key_ref(type(item), field).names[0]
        held = getattr(item, field)
        if isinstance(held, list):
            found = [(f"{path}.{field}[{j}]", key) for j, key in enumerate(held)]
        else:
            found = [] if held is None else [(f"{path}.{field}", held)]
        unknown = [(at, key) for at, key in found if key not in self.keys[names]]
        for at, key in unknown:
            self.add(at, f"{key!r} is not {WHAT[names]}")
        return not unknown


def _check_conference(
    conf: ConferenceDoc, path: str, children: set[str], people: set[str], add: Add
) -> None:
    _unique([a.key for a in conf.attendees], f"{path}.attendees", add)
    _unique([d.key for d in conf.danger_statements], f"{path}.danger_statements", add)
    attendees = {a.key: a for a in conf.attendees}
    keys = {
        Names.CHILD: children,
        Names.PERSON: people,
        Names.ATTENDEE: set(attendees),
        Names.STATEMENT: {d.key for d in conf.danger_statements},
    }
    scope = _Conference(conf, path, keys, attendees, add)
    for check in (_attendees, _exclusions, _views, _advocates, _mapping, _dangers, _scores,
                  _votes, _decisions, _plan):  # fmt: skip
        check(scope)


def _attendees(c: _Conference) -> None:
    for i, att in enumerate(c.doc.attendees):
        p = f"{c.path}.attendees[{i}]"
        if c.known(att, "person", p) and att.person is not None and att.agency == "interpreter":
            # 004: "A family member should not be expected to act as an interpreter".
            c.add(f"{p}.agency", "a family member cannot be the interpreter")
        if att.votes and not decision_rules.may_vote(att.agency):
            c.add(
                f"{p}.votes",
                f"only a professional agency votes; {att.agency!r} gives a view but does not vote",
            )
        c.known(att, "direct_contact", p)


def _exclusions(c: _Conference) -> None:
    for i, exc in enumerate(c.doc.exclusions):
        c.known(exc, "attendee", f"{c.path}.exclusions[{i}]")


def _views(c: _Conference) -> None:
    children, people = c.keys[Names.CHILD], c.keys[Names.PERSON]
    whose = [(f"{c.path}.views[{i}].whose", v.whose) for i, v in enumerate(c.doc.views)]
    whose += [
        (f"{c.path}.views_not_given[{i}].whose", v.whose)
        for i, v in enumerate(c.doc.views_not_given)
    ]
    for p, key in whose:
        if key in children and key in people:
            c.add(p, f"{key!r} is both a child's key and a person's key; rename one")
        elif key not in children and key not in people:
            c.add(p, f"{key!r} is not a child or person of this case")


def _advocates(c: _Conference) -> None:
    listed: set[str] = set()
    for i, no_advocate in enumerate(c.doc.advocate_not_used):
        p = f"{c.path}.advocate_not_used[{i}]"
        if c.known(no_advocate, "child", p) and no_advocate.child in listed:
            c.add(f"{p}.child", f"{no_advocate.child!r} is listed twice in advocate_not_used")
        listed.add(no_advocate.child)


def _mapping(c: _Conference) -> None:
    for i, entry in enumerate(c.doc.mapping):
        p = f"{c.path}.mapping[{i}]"
        c.known(entry, "source", p)
        c.known(entry, "children", p)


def _dangers(c: _Conference) -> None:
    for i, ds in enumerate(c.doc.danger_statements):
        c.known(ds, "children", f"{c.path}.danger_statements[{i}]")
    for i, goal in enumerate(c.doc.safety_goals):
        p = f"{c.path}.safety_goals[{i}]"
        c.known(goal, "danger_statement", p)
        c.known(goal, "children", p)


def _scores(c: _Conference) -> None:
    if c.doc.scaling is None:
        return
    seen: set[tuple[str, str | None, str | None]] = set()
    for i, score in enumerate(c.doc.scaling.scores):
        p = f"{c.path}.scaling.scores[{i}]"
        if c.known(score, "attendee", p):
            agency = c.attendees[score.attendee].agency
            if not scaling_rules.may_scale(agency):
                c.add(
                    f"{p}.attendee",
                    f"{score.attendee!r} is of agency {agency!r}, which does not scale "
                    "(observers, interpreters and supporters do not)",
                )
        c.known(score, "child", p)
        c.known(score, "danger_statement", p)
        scale = (score.attendee, score.child, score.danger_statement)
        if scale in seen:
            c.add(f"{p}.attendee", f"{score.attendee!r} already has a score on this scale")
        seen.add(scale)


def _votes(c: _Conference) -> None:
    seen: set[tuple[str, str]] = set()
    for i, vote in enumerate(c.doc.votes):
        p = f"{c.path}.votes[{i}]"
        if c.known(vote, "attendee", p) and not c.attendees[vote.attendee].votes:
            c.add(f"{p}.attendee", f"{vote.attendee!r} does not vote (votes is false)")
        c.known(vote, "child", p)
        if (vote.attendee, vote.child) in seen:
            c.add(f"{p}", f"{vote.attendee!r} already gave a view for {vote.child!r}")
        seen.add((vote.attendee, vote.child))


def _decisions(c: _Conference) -> None:
    decided: set[str] = set()
    for i, dec in enumerate(c.doc.decisions):
        p = f"{c.path}.decisions[{i}]"
        known = c.known(dec, "child", p)
        if dec.child in decided:
            c.add(f"{p}.child", f"{dec.child!r} already has a decision at this conference")
        decided.add(dec.child)
        _decision(c, dec, p, known)
        for j, dissent in enumerate(dec.dissents):
            c.known(dissent, "attendee", f"{p}.dissents[{j}]")


def _decision(c: _Conference, dec: DecisionDoc, p: str, known_child: bool) -> None:
    """A decision's method, rationale and categories."""
    if dec.method in METHODS_NEEDING_RATIONALE and not (dec.rationale or "").strip():
        c.add(f"{p}.rationale", f"is required when the method is {dec.method!r}")
    expected = decision_rules.method_disagrees(dec, c.doc) if known_child else None
    if expected is not None:
        c.add(
            f"{p}.method",
            f"{dec.method!r} disagrees with this conference's votes, which counted one "
            f"view per agency give {expected!r}",
        )
    if dec.outcome == "plan" and not dec.categories:
        c.add(f"{p}.categories", "a child protection plan needs at least one category")
    if dec.outcome != "plan" and dec.categories:
        c.add(f"{p}.categories", f"should be empty when the outcome is {dec.outcome!r}")
    if len(set(dec.categories)) != len(dec.categories):
        c.add(f"{p}.categories", "names a category twice")


def _plan(c: _Conference) -> None:
    plan = c.doc.plan
    if plan is None:
        return
    for i, action in enumerate(plan.actions):
        c.known(action, "children", f"{c.path}.plan.actions[{i}]")
    people = c.keys[Names.PERSON]
    for j, member in enumerate(plan.core_group):
        p = f"{c.path}.plan.core_group[{j}]"
        attendee = c.attendees.get(member)
        same_person = attendee is not None and attendee.person == member
        if attendee is not None and member in people and not same_person:
            c.add(p, f"{member!r} is both an attendee's key and a person's key; rename one")
        elif attendee is None and member not in people:
            c.add(p, f"{member!r} is not an attendee of this conference or a person of this case")
