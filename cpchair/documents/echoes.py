"""A family copy that repeats words of a confidential entry.

Leaving a confidential entry out is not enough when someone's score reason or an action says
the same thing again ("a previous caution for violence to a former partner" after a
confidential "caution ... for assaulting a former partner"). Before a family copy is written
the chair is warned, and decides: a warning, not a refusal, since shared words can be
innocent.

What counts as repeating: a run of consecutive words (any capitals, punctuation ignored) that
a part of the copy shares with a confidential text, of at least 4 words, or of 3 words of which
at least 2 are neither common little words nor the names of the people in the case ("a former
partner", not "and the children" or "Dan received a"). A reason
given in confidence (a score's or an agency's) needs 4 words: the reason is marked as a whole
and often restates what the same agency says openly elsewhere ("an alleged strangulation").
A confidential contact detail counts from 2 words ("07700 900412"). Only the copy's own text
is searched, as built for its reader, so a part left out of their copy never warns.

Pure. An `Echo` names the part and the kind of entry (`message()`, safe for a terminal or a
log: no case words); `words` is for the chair's screen only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.documents.blocks import Kind
from cpchair.documents.family import dissent_in_confidence
from cpchair.documents.model import DocumentModel, conference_by_key
from cpchair.rules.participation import is_family_member

_WORD = re.compile(r"\w+(?:'\w+)*")
_COMMON_WORDS = """a an the and or but if of to in on at by for from with as into onto
    about over under
    is are was were be been being has have had do does did will would can could should may
    might must shall not no so than then that this these those it its he she they them their
    his her him we us our you your i me my who what when where which while all any each
    there here up out very just also"""
COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Echo:
    part: str  # "a scaling reason"
    source: str  # "a confidential mapping entry"
    words: str  # the shared words: for the chair's screen, never a terminal or a log

    def message(self) -> str:
        return f"{self.part} repeats words of {self.source}"


def confidential_texts(case: CaseDoc, conference: ConferenceDoc) -> Iterator[tuple[str, str]]:
    """(what it is, its text) for everything a family copy of this conference leaves out:
    each text `redact.py` takes away is listed here too (a test holds the two together)."""
    for m in conference.mapping:
        if m.confidential:
            yield "a confidential mapping entry", m.text
    for v in conference.views:
        if v.confidential:
            yield "a confidential view", v.summary
    for i in conference.incidents:
        if i.confidential:
            yield "a confidential incident", i.text
    if conference.scaling is not None:
        for s in conference.scaling.scores:
            if s.confidential:
                yield "a scaling reason given in confidence", s.reason
    for vote in conference.votes:
        if vote.confidential:
            yield "an agency's reason given in confidence", vote.reason
    for d in conference.decisions:
        for x in d.dissents:
            if dissent_in_confidence(conference, d.child, x.attendee):
                yield "a dissent given in confidence", x.reason
    if conference.plan is not None:
        for a in conference.plan.actions:
            if a.confidential:
                yield "a confidential action", a.what
    for e in conference.exclusions:
        yield "the reason for an exclusion", e.reason
    for attendee in conference.attendees:
        if attendee.absence_reason and is_family_member(attendee):
            yield "a family member's reason for being away", attendee.absence_reason
    adults = {p.key for p in case.people}
    for n in conference.views_not_given:
        if n.whose in adults:
            yield "an adult's reason for giving no view", n.reason
    for no_advocate in conference.advocate_not_used:
        yield "the reason a child has no advocate", no_advocate.reason
    for p in case.people:
        if p.contact_confidential and p.contact:
            yield "a confidential contact detail", p.contact


def copy_texts(model: DocumentModel, kind: Kind) -> Iterator[tuple[str, str]]:
    """(which part, its text) for the free text one document of a copy holds: the record
    all of it, the outline plan its decisions, danger statements and goals, and plan. The
    chair's letter repeats none (`letter.py`: conclusions in its own words)."""
    if kind == "letter":
        return
    record = kind == "record"
    if record:
        yield from _meeting_texts(model)
    for ds in model.danger_statements:
        yield "a danger statement", ds.text
        for g in ds.goals:
            yield "a safety goal", g.text
    for g in model.other_goals:
        yield "a safety goal", g.text
    if model.scaling is not None:
        yield "the scaling question", model.scaling.question
        for scale in model.scaling.scales if record else ():
            for s in scale.scores:
                yield "a scaling reason", s.reason
    for cv in model.agency_views if record else ():
        for view in cv.views:
            for staff in view.staff:
                yield "an agency's reason", staff.reason
    for d in model.decisions:
        if d.rationale:
            yield "the chair's rationale", d.rationale
        for x in d.dissents:
            yield "a dissent", x.reason
    if model.plan is not None:
        yield from (("a plan outcome", o) for o in model.plan.outcomes)
        for a in model.plan.actions:
            yield "an action", a.what
            yield "an action", a.who
        yield from (("the core group", c) for c in model.plan.core_group)
        if model.plan.contingency:
            yield "the contingency plan", model.plan.contingency
        if model.plan.visiting:
            yield "the visiting arrangements", model.plan.visiting
        yield from (("a service recommended", r) for r in model.plan.recommendations)


def _meeting_texts(model: DocumentModel) -> Iterator[tuple[str, str]]:
    """The record's account of the meeting."""
    if model.late_reason:
        yield "the reason the conference was late", model.late_reason
    for row in model.attendance:
        if row.contact:
            yield "a contact detail", row.contact
        if row.reason:
            yield "a reason for being away", row.reason
    for _, reason in model.views_not_given:
        if reason:
            yield "a reason for giving no view", reason
    yield from (("a quorum note", n) for n in model.quorum_notes)
    yield from (("a reason for reopening", r) for r in model.reopened)
    for p in model.people:
        if p.contact:
            yield "a contact detail", p.contact
    for v in model.views:
        yield "a view", v.summary
    for i in model.incidents:
        yield "an incident", i.text
    for column in model.mapping:
        for e in column.entries:
            yield "a mapping entry", e.text


def echoes(
    model: DocumentModel, case: CaseDoc, conference_key: str, kind: Kind
) -> tuple[Echo, ...]:
    """Where one document of a copy repeats words of something its reader may not see; one
    echo per part and kind of entry, in the order of the document."""
    conf = conference_by_key(case, conference_key)
    names = _names(case, conf)
    secrets = [(what, _words(text)) for what, text in confidential_texts(case, conf)]
    secrets = [(what, words) for what, words in secrets if words]
    found: dict[tuple[str, str], Echo] = {}
    for part, text in copy_texts(model, kind):
        words = _words(text)
        for source, secret in secrets:
            if (part, source) in found:
                continue
            run = _shared_run(words, secret, _RULES.get(source, "entry"), names)
            if run:
                found[(part, source)] = Echo(part, source, " ".join(run))
    return tuple(found.values())


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").casefold())


Rule = Literal["entry", "reason", "contact"]
_RULES: dict[str, Rule] = {
    "a scaling reason given in confidence": "reason",
    "an agency's reason given in confidence": "reason",
    "a confidential contact detail": "contact",
}


def _names(case: CaseDoc, conference: ConferenceDoc) -> frozenset[str]:
    """The words of everyone's names: every entry names them, so they tell nothing."""
    texts = [f"{c.first_name} {c.last_name}" for c in case.children]
    texts += [p.name for p in case.people] + [a.name for a in conference.attendees]
    return frozenset(w for text in texts for w in _words(text))


def _repeats(run: list[str], rule: Rule, names: frozenset[str]) -> bool:
    if rule == "contact":
        return len(run) >= 2
    if rule == "reason":
        return len(run) >= 4
    telling = sum(1 for w in run if w not in COMMON and w not in names)
    return len(run) >= 4 or (len(run) == 3 and telling >= 2)


def _shared_run(a: list[str], b: list[str], rule: Rule, names: frozenset[str]) -> list[str]:
    """The longest run of consecutive words in both that counts as repeating (see the module
    docstring); empty if none does. Every shared run is tried, not only the longest, so three
    common words cannot hide three telling ones."""
    best: list[str] = []
    previous = [0] * (len(b) + 1)
    for i, word in enumerate(a, start=1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word != other:
                continue
            current[j] = previous[j - 1] + 1
            for size in range(current[j], 1, -1):  # the longest counting run ending here
                run = a[i - size : i]
                if size > len(best) and _repeats(run, rule, names):
                    best = run
                    break
        previous = current
    return best


__all__ = ["Echo", "confidential_texts", "copy_texts", "echoes"]
