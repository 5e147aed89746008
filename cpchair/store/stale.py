"""Compare-and-set on one field: a save carries the value its editor started from, and is
refused (StaleEdit, nothing written) if someone else changed the field meanwhile.

Two seats of one meeting (the chair's laptop, the minute-taker's) may have the same record
open. A save made with an `Expect` is checked inside its own write transaction (Store._edit):
the field's value is read from the case as it is now and compared with `was`, the value the
editor last knew. A change to another field of the record is no reason to refuse; nor is the
other's change being the very value being saved. A record gone meanwhile is left to the edit,
which refuses it as not found.

Values are compared as the case document holds them (dates as dates, lists as lists); an empty
text, None and an empty list are the same nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cpchair.store.entities import CONFERENCES
from cpchair.store.errors import StaleEdit
from cpchair.store.read import CaseRead

__all__ = [
    "GONE",
    "Expect",
    "StaleEdit",
    "decided",
    "in_case",
    "in_conference",
    "incident",
    "listed",
    "of_case",
    "of_conference",
    "planned",
    "scored",
    "voted",
    "words",
]


class _Gone:
    def __repr__(self) -> str:
        return "GONE"


GONE: Any = _Gone()  # what a `find` gives for a record that is no longer there
_UNSET: Any = _Gone()

QUOTED = 60  # as much of the other's words as the message quotes

Find = Callable[[CaseRead], Any]
Say = Callable[[Any], str]


@dataclass(frozen=True)
class Expect:
    """A save made from `was`: `find` reads the field's value now from the case (GONE if the
    record is not there); `to`, if given, is the value being saved; `say` puts a value in
    plain words (a choice's label), else it is shown as it is held."""

    find: Find
    was: Any
    to: Any = _UNSET
    say: Say | None = None
    key: bool = False  # set by a key acting on what the screen showed, not typed

    def check(self, now: CaseRead) -> None:
        """Raises StaleEdit if the field no longer holds `was` (nor already `to`)."""
        held = self.find(now)
        if held is GONE or same(held, self.was):
            return
        if self.to is not _UNSET and same(held, self.to):
            return  # they made the same change: nothing of theirs is overwritten
        if self.key:
            raise StaleEdit(message(held, self.say, by_key=True), held)
        typed = self.say is None and any(isinstance(v, str) for v in (self.to, self.was, held))
        raise StaleEdit(message(held, self.say, typed=typed), held)


def same(a: Any, b: Any) -> bool:
    return a == b or (_empty(a) and _empty(b))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def message(now: Any, say: Say | None = None, *, typed: bool = True, by_key: bool = False) -> str:
    """`Changed meanwhile by someone else: it now reads "…". What you typed is still here: …`;
    `by_key`: a key acted on what the screen showed, and the screen now shows theirs."""
    if _empty(now):
        reads = "it is now empty"
    elif isinstance(now, bool) and say is None:
        reads = "it is now ticked" if now else "it is now not ticked"
    else:
        reads = f'it now reads "{_short(_words(now, say))}"'
    if by_key:
        return (
            f"Changed meanwhile by someone else: {reads}. "
            "Nothing was changed: press again to change it."
        )
    yours = "What you typed is still here" if typed else "Your change is still shown"
    return (
        f"Changed meanwhile by someone else: {reads}. "
        f"{yours}: save again to put it in place of theirs."
    )


def _words(value: Any, say: Say | None) -> str:
    if isinstance(value, list):
        return ", ".join(_words(v, say) for v in value)
    if say is not None:
        return say(value)
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _short(text: str) -> str:
    line = " ".join(text.split())  # one line, however it was typed
    return line if len(line) <= QUOTED else line[: QUOTED - 1].rstrip() + "…"


def words(labels: Mapping[Any, Any]) -> Say:
    """A `say` for a choice: its label, or the value itself if it has none."""
    return lambda value: str(labels.get(value, value))


# --- where a field is found in a case -------------------------------------------------------


def in_case(records: str, key: str, field: str) -> Find:
    """`field` of the record `key` of the case's list `records` (children, people)."""

    def find(now: CaseRead) -> Any:
        found = next((r for r in getattr(now.doc, records) if r.key == key), None)
        return GONE if found is None else getattr(found, field)

    return find


def in_conference(conference: str, records: str, key: str, field: str) -> Find:
    """`field` of the keyed record `key` of a conference's list (attendees, danger
    statements)."""

    def find(now: CaseRead) -> Any:
        conf = next((c for c in now.doc.conferences if c.key == conference), None)
        found = (
            None
            if conf is None
            else next((r for r in getattr(conf, records) if r.key == key), None)
        )
        return GONE if found is None else getattr(found, field)

    return find


def listed(conference: str, records: str, row_id: int, field: str) -> Find:
    """`field` of the entry read from row `row_id` of a conference's keyless list (mapping,
    safety goals: store/meeting.py KEYLESS)."""

    def find(now: CaseRead) -> Any:
        found = now.listed(conference, records, row_id)
        return GONE if found is None else getattr(found, field)

    return find


_PLAN = CONFERENCES.part("plan")


def planned(conference: str, records: str, row_id: int, field: str | None = None) -> Find:
    """`field` of the entry read from row `row_id` of a conference plan's keyless list
    (actions; outcomes and services recommended, lists of words, with no `field`: the words
    themselves). Addressed by row id, as plan_ids() gives them (store/edits/plan.py)."""
    rows = _PLAN.part(records)

    def find(now: CaseRead) -> Any:
        keys = [c.key for c in now.doc.conferences]
        if conference not in keys:
            return GONE
        i = keys.index(conference)
        plan = now.doc.conferences[i].plan
        conference_id = now.reader.ids(CONFERENCES, now.case_id)[i]
        plan_ids = now.reader.ids(_PLAN, conference_id)
        if plan is None or not plan_ids:
            return GONE
        ids = now.reader.ids(rows, plan_ids[0])
        if row_id not in ids:
            return GONE
        found = getattr(plan, records)[ids.index(row_id)]
        return found if field is None else getattr(found, field)

    return find


def of_conference(conference: str, *path: str) -> Find:
    """A field of a conference itself, or of one of its parts (`"escalation", "to"`,
    `"plan", "contingency"`): a part not there holds nothing (None), it is not gone."""

    def find(now: CaseRead) -> Any:
        held: Any = next((c for c in now.doc.conferences if c.key == conference), None)
        if held is None:
            return GONE
        for name in path:
            held = None if held is None else getattr(held, name)
        return held

    return find


def of_case(*path: str) -> Find:
    """A field of the case itself (the family name, the profile), or of one of its parts
    (`"lead_social_worker", "team"`)."""

    def find(now: CaseRead) -> Any:
        held: Any = now.doc
        for name in path:
            held = None if held is None else getattr(held, name)
        return held

    return find


def _conference(now: CaseRead, conference: str) -> Any:
    return next((c for c in now.doc.conferences if c.key == conference), None)


def scored(
    conference: str,
    attendee: str,
    field: str,
    child: str | None = None,
    statement: str | None = None,
) -> Find:
    """`field` ("score", "reason", "confidential") of the score an attendee gave on one scale
    of a conference: the overall one, a child's (`child`) or a danger statement's
    (`statement`). A score not given holds nothing (None); an attendee not there is gone."""

    def find(now: CaseRead) -> Any:
        conf = _conference(now, conference)
        if conf is None or all(a.key != attendee for a in conf.attendees):
            return GONE
        scores = [] if conf.scaling is None else conf.scaling.scores
        found = next((s for s in scores if (s.attendee, s.child, s.danger_statement)
                      == (attendee, child, statement)), None)  # fmt: skip
        return None if found is None else getattr(found, field)

    return find


def voted(conference: str, attendee: str, child: str, field: str) -> Find:
    """`field` ("vote", "reason", "confidential") of the view an attendee gave for a child: a
    view not given holds nothing (None); an attendee or a child not there is gone."""

    def find(now: CaseRead) -> Any:
        conf = _conference(now, conference)
        if (
            conf is None
            or all(a.key != attendee for a in conf.attendees)
            or all(c.key != child for c in now.doc.children)
        ):
            return GONE
        found = next((v for v in conf.votes if (v.attendee, v.child) == (attendee, child)), None)
        return None if found is None else getattr(found, field)

    return find


def decided(conference: str, child: str) -> Find:
    """The decision recorded for a child at a conference, as a whole (None: none yet); a
    child not there is gone."""

    def find(now: CaseRead) -> Any:
        conf = _conference(now, conference)
        if conf is None or all(c.key != child for c in now.doc.children):
            return GONE
        return next((d for d in conf.decisions if d.child == child), None)

    return find


# --- the family history's incidents, one of each -----------------------------------------


def incident(conference: str, which: str, field: str) -> Find:
    """`field` of a conference's first, worst or last incident (`which`): one of each, found
    by which it is, not by a row."""

    def find(now: CaseRead) -> Any:
        conf = _conference(now, conference)
        found = (
            None if conf is None else next((i for i in conf.incidents if i.which == which), None)
        )
        return GONE if found is None else getattr(found, field)

    return find
