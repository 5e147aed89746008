"""The consistency rules of cpchair-case/1 that types alone cannot check.

Every reference resolves, keys are unique within their list, only a professional agency votes
and votes come from voters, observers, interpreters and supporters give no score, a decision's
method agrees with its own votes counted one view per agency, a chair's decision carries its
rationale, categories go with a plan and only with a plan, an unborn child has an expected
birth date and no date of birth.
"""

from __future__ import annotations

from collections.abc import Iterable

from cpchair.caseio.problems import Problem, shown_value
from cpchair.caseio.schema import CaseDoc, ConferenceDoc

# The rules as modules, read at call time: the rules import this package's schema.
from cpchair.rules import decisions as decision_rules
from cpchair.rules import scaling as scaling_rules
from cpchair.rules.references import reference_problem
from cpchair.vocab import METHODS_NEEDING_RATIONALE


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


def _unique(keys: list[str], path: str, add) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            add(f"{path}[{i}].key", f"{key!r} is used twice in {path.split('.')[-1]}")
        seen.add(key)


def _refs(keys: list[str], known: set[str], path: str, what: str, add) -> None:  # type: ignore[no-untyped-def]
    for j, key in enumerate(keys):
        if key not in known:
            add(f"{path}[{j}]", f"{key!r} is not {what}")


def _check_conference(
    conf: ConferenceDoc, path: str, children: set[str], people: set[str], add
) -> None:  # type: ignore[no-untyped-def]
    a_child = "a child of this case"
    _unique([a.key for a in conf.attendees], f"{path}.attendees", add)
    _unique([d.key for d in conf.danger_statements], f"{path}.danger_statements", add)
    attendees = {a.key: a for a in conf.attendees}
    statements = {d.key for d in conf.danger_statements}
    an_attendee = "an attendee of this conference"

    for i, att in enumerate(conf.attendees):
        p = f"{path}.attendees[{i}]"
        if att.person is not None and att.person not in people:
            add(f"{p}.person", f"{att.person!r} is not one of the case's people")
        elif att.person is not None and att.agency == "interpreter":
            # 004: "A family member should not be expected to act as an interpreter".
            add(f"{p}.agency", "a family member cannot be the interpreter")
        if att.votes and not decision_rules.may_vote(att.agency):
            add(
                f"{p}.votes",
                f"only a professional agency votes; {att.agency!r} gives a view but does not vote",
            )
        _refs(att.direct_contact, children, f"{p}.direct_contact", a_child, add)

    for i, exc in enumerate(conf.exclusions):
        if exc.attendee not in attendees:
            add(f"{path}.exclusions[{i}].attendee", f"{exc.attendee!r} is not {an_attendee}")

    for list_name, items in (("views", conf.views), ("views_not_given", conf.views_not_given)):
        for i, item in enumerate(items):
            p = f"{path}.{list_name}[{i}].whose"
            if item.whose in children and item.whose in people:
                add(p, f"{item.whose!r} is both a child's key and a person's key; rename one")
            elif item.whose not in children and item.whose not in people:
                add(p, f"{item.whose!r} is not a child or person of this case")

    listed: set[str] = set()
    for i, no_advocate in enumerate(conf.advocate_not_used):
        p = f"{path}.advocate_not_used[{i}].child"
        if no_advocate.child not in children:
            add(p, f"{no_advocate.child!r} is not {a_child}")
        elif no_advocate.child in listed:
            add(p, f"{no_advocate.child!r} is listed twice in advocate_not_used")
        listed.add(no_advocate.child)

    for i, entry in enumerate(conf.mapping):
        p = f"{path}.mapping[{i}]"
        if entry.source is not None and entry.source not in attendees:
            add(f"{p}.source", f"{entry.source!r} is not {an_attendee}")
        _refs(entry.children, children, f"{p}.children", a_child, add)

    for i, ds in enumerate(conf.danger_statements):
        _refs(ds.children, children, f"{path}.danger_statements[{i}].children", a_child, add)
    for i, goal in enumerate(conf.safety_goals):
        p = f"{path}.safety_goals[{i}]"
        if goal.danger_statement is not None and goal.danger_statement not in statements:
            add(
                f"{p}.danger_statement",
                f"{goal.danger_statement!r} is not a danger statement of this conference",
            )
        _refs(goal.children, children, f"{p}.children", a_child, add)

    if conf.scaling is not None:
        seen_scales: set[tuple[str, str | None, str | None]] = set()
        for i, score in enumerate(conf.scaling.scores):
            p = f"{path}.scaling.scores[{i}]"
            if score.attendee not in attendees:
                add(f"{p}.attendee", f"{score.attendee!r} is not {an_attendee}")
            elif not scaling_rules.may_scale(attendees[score.attendee].agency):
                agency = attendees[score.attendee].agency
                add(
                    f"{p}.attendee",
                    f"{score.attendee!r} is of agency {agency!r}, which does not scale "
                    "(observers, interpreters and supporters do not)",
                )
            if score.child is not None and score.child not in children:
                add(f"{p}.child", f"{score.child!r} is not {a_child}")
            if score.danger_statement is not None and score.danger_statement not in statements:
                add(
                    f"{p}.danger_statement",
                    f"{score.danger_statement!r} is not a danger statement of this conference",
                )
            scale = (score.attendee, score.child, score.danger_statement)
            if scale in seen_scales:
                add(f"{p}.attendee", f"{score.attendee!r} already has a score on this scale")
            seen_scales.add(scale)

    seen_votes: set[tuple[str, str]] = set()
    for i, vote in enumerate(conf.votes):
        p = f"{path}.votes[{i}]"
        voter = attendees.get(vote.attendee)
        if voter is None:
            add(f"{p}.attendee", f"{vote.attendee!r} is not {an_attendee}")
        elif not voter.votes:
            add(f"{p}.attendee", f"{vote.attendee!r} does not vote (votes is false)")
        if vote.child not in children:
            add(f"{p}.child", f"{vote.child!r} is not {a_child}")
        if (vote.attendee, vote.child) in seen_votes:
            add(f"{p}", f"{vote.attendee!r} already gave a view for {vote.child!r}")
        seen_votes.add((vote.attendee, vote.child))

    decided: set[str] = set()
    for i, dec in enumerate(conf.decisions):
        p = f"{path}.decisions[{i}]"
        if dec.child not in children:
            add(f"{p}.child", f"{dec.child!r} is not {a_child}")
        if dec.child in decided:
            add(f"{p}.child", f"{dec.child!r} already has a decision at this conference")
        decided.add(dec.child)
        if dec.method in METHODS_NEEDING_RATIONALE and not (dec.rationale or "").strip():
            add(f"{p}.rationale", f"is required when the method is {dec.method!r}")
        expected = decision_rules.method_disagrees(dec, conf) if dec.child in children else None
        if expected is not None:
            add(
                f"{p}.method",
                f"{dec.method!r} disagrees with this conference's votes, which counted one "
                f"view per agency give {expected!r}",
            )
        if dec.outcome == "plan" and not dec.categories:
            add(f"{p}.categories", "a child protection plan needs at least one category")
        if dec.outcome != "plan" and dec.categories:
            add(f"{p}.categories", f"should be empty when the outcome is {dec.outcome!r}")
        if len(set(dec.categories)) != len(dec.categories):
            add(f"{p}.categories", "names a category twice")
        for j, dissent in enumerate(dec.dissents):
            if dissent.attendee not in attendees:
                add(f"{p}.dissents[{j}].attendee", f"{dissent.attendee!r} is not {an_attendee}")

    if conf.plan is not None:
        for i, action in enumerate(conf.plan.actions):
            _refs(action.children, children, f"{path}.plan.actions[{i}].children", a_child, add)
        for j, member in enumerate(conf.plan.core_group):
            p = f"{path}.plan.core_group[{j}]"
            same_person = member in attendees and attendees[member].person == member
            if member in attendees and member in people and not same_person:
                add(p, f"{member!r} is both an attendee's key and a person's key; rename one")
            elif member not in attendees and member not in people:
                add(p, f"{member!r} is not an attendee of this conference or a person of this case")
